import { redactIdentifiers } from "../rules/extract/index.js";

// Structured log lines with ids and event names only. Message text is never logged; anything
// free-form (an error message can quote input) is redacted of patient identifiers first.

export type Level = "debug" | "info" | "warn" | "error";
export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(event: string, fields?: Fields): void;
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

const ORDER: Record<Level | "silent", number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export function createLogger(
  level: Level | "silent" = "info",
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const emit =
    (lvl: Level) =>
    (event: string, fields: Fields = {}) => {
      if (ORDER[lvl] < ORDER[level]) return;
      const safe: Fields = {};
      for (const [k, v] of Object.entries(fields)) safe[k] = typeof v === "string" ? redactIdentifiers(v) : v;
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, event, ...safe }));
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

export function errorFields(err: unknown): Fields {
  const e = err instanceof Error ? err : new Error(String(err));
  return { error: e.name, message: e.message.slice(0, 500) };
}
