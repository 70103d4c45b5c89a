// Preloaded (`node --import`) into a compiled server by optional-modules.test.ts: records the URL of
// every module the process resolves, ESM and CommonJS alike, and writes the list to the file named
// by LOADED_MODULES_FILE when the process exits.
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

const resolved = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    resolved.add(result.url);
    return result;
  },
});
process.on("exit", () => {
  writeFileSync(process.env.LOADED_MODULES_FILE ?? "loaded-modules.txt", [...resolved].join("\n"));
});
