import { z } from "zod";
import { LABELS } from "../../labels.js";
import type { NoticeView } from "../../views.js";
import { expandCard } from "../expand.js";
import template from "../templates/notice.json" with { type: "json" };

const text = z.string().trim().min(1);

const NoticeData = z.object({
  title: text,
  text,
  style: z.enum(["default", "warning", "attention"]),
  color: z.enum(["Default", "Warning", "Attention"]),
  actions: z.array(z.object({ title: text, data: z.record(z.string(), z.unknown()) })),
});
type NoticeData = z.infer<typeof NoticeData>;

const LOOK = {
  info: { style: "default", color: "Default" },
  warning: { style: "warning", color: "Warning" },
  emergency: { style: "attention", color: "Attention" },
} as const;

export function noticeCard(view: NoticeView): Record<string, unknown> {
  const data: NoticeData = {
    title: LABELS.noticeTitle[view.tone],
    text: view.text,
    ...LOOK[view.tone],
    actions: (view.actions ?? []).map((a) => ({ title: a.title, data: a.data })),
  };
  return expandCard({ name: "notice", template, schema: NoticeData, data, required: [data.text] });
}
