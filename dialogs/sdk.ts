// The botbuilder-dialogs classes the conversation uses, each from the file that defines it.
//
// The package's index also loads every built-in prompt and, through them, the Microsoft text
// recognizers: about 190 more modules, 35 MB of memory and 0.3 s of start-up CPU that the triage
// bot never uses (its prompts are Dialogs of its own). Without this, `npm run serve` takes over a
// second to answer /healthz (docs/performance.md). The package's version is pinned in package.json,
// and test/runtime/optional-modules.test.ts fails if the server loads the index, a prompt or the
// recognizer suite again.
export type { DialogContext, DialogState, DialogTurnResult, WaterfallStepContext } from "botbuilder-dialogs";
export { ComponentDialog } from "botbuilder-dialogs/lib/componentDialog.js";
export { Dialog, DialogTurnStatus } from "botbuilder-dialogs/lib/dialog.js";
export { DialogSet } from "botbuilder-dialogs/lib/dialogSet.js";
export { WaterfallDialog } from "botbuilder-dialogs/lib/waterfallDialog.js";
