import { Window } from "happy-dom";

// The `adaptivecards` renderer needs a DOM and cannot be imported by plain Node ESM; under vitest a
// dynamic import works once a happy-dom window is installed as the globals it expects.

export interface AcResult {
  parseErrors: string[];
  validationErrors: string[];
  element: HTMLElement | undefined;
}

let installed = false;

function installDom(): void {
  if (installed) return;
  const win = new Window();
  const g = globalThis as Record<string, unknown>;
  g.window = win;
  g.document = win.document;
  for (const key of Object.getOwnPropertyNames(win)) {
    if (/^[A-Z]/.test(key) && !(key in g)) g[key] = (win as unknown as Record<string, unknown>)[key];
  }
  installed = true;
}

export async function renderWithAdaptiveCards(card: object): Promise<AcResult> {
  installDom();
  const AC = await import("adaptivecards");
  // No markdown library in tests: show text as it is instead of warning on every TextBlock.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text;
    result.didProcess = true;
  };
  const context = new AC.SerializationContext();
  const ac = new AC.AdaptiveCard();
  ac.parse(card, context);
  const parseErrors: string[] = [];
  for (let i = 0; i < context.eventCount; i++) parseErrors.push(context.getEventAt(i).message);
  const validationErrors = ac.validateProperties().validationEvents.map((e) => e.message);
  const element = ac.render();
  return { parseErrors, validationErrors, element };
}
