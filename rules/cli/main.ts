import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), process.stdin, process.stdout, process.stderr);
