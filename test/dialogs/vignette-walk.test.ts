import { describe, expect, it } from "vitest";
import { decide } from "../../rules/engine/decide.js";
import { ROUTE_CODES } from "../../rules/vocabulary.js";
import { walk } from "../rules/walk.js";
import { readVignettes } from "../vignettes/vignette-file.js";
import { answerFrom, type PlayOptions, play } from "./clinician.js";
import { botHarness, TODAY } from "./harness.js";

// Every golden vignette walked through the real bot, answering only what the cards ask (by card, by
// typing, or both; a detail the case does not give is "not sure"). The outcome must be the route
// decide() gives for the whole case at once: a question the conversation never asked must not
// change the route (a concern only the clinician holds, say). The bot asks nothing the rules
// core's own walk would not ask, and nothing twice.

const vignettes = readVignettes();
const MODES: Array<PlayOptions["mode"]> = ["submit", "typed", "mixed"];
const counts: number[] = [];
const reached = new Set<string>();

describe("golden vignettes walked through the conversation", () => {
  it.each(vignettes.map((v, i) => [`${v.id} ${v.title}`, v, MODES[i % 3]] as const))(
    "%s",
    async (_name, v, mode) => {
      const bot = botHarness({ region: v.region });
      const answer = answerFrom(bot.pack, v.findings, v.borough);
      const played = await play(bot.say, bot.pack, answer, { mode, updates: () => bot.adapter.updates });
      const core = walk(bot.pack, (q) => answer(q.id));
      const whole = decide(bot.pack, v.findings, {
        today: TODAY,
        ...(v.borough ? { borough: v.borough } : {}),
      });
      const decided = decide(bot.pack, played.answers, { today: TODAY });
      counts.push(played.asked.length);
      if (played.outcome) reached.add(played.outcome.route);

      expect(core.asked).toEqual(expect.arrayContaining(played.asked));
      expect(played.outcome?.route).toBe(whole.route);
      expect(played.outcome?.urgency).toBe(whole.urgency);
      expect(played.outcome?.route).toBe(decided.route);
      expect(played.outcome?.rules.map((r) => r.id)).toEqual(decided.rules.map((r) => r.id));
      expect(bot.errors).toEqual([]);
    },
  );

  it("reaches every route, and reports questions per triage", () => {
    expect(counts).toHaveLength(vignettes.length);
    expect([...reached].sort()).toEqual([...ROUTE_CODES].sort());
    const sorted = [...counts].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    console.log(
      `questions per triage through the dialog (${counts.length} vignettes): median ${median}, min ${sorted[0]}, max ${sorted.at(-1)}`,
    );
    expect(median).toBeGreaterThan(0);
  });
});
