#!/usr/bin/env node
// The entry point. `--version` is answered here, before anything else loads: it is what
// tools call to probe for ds-migrate, and loading the CLI would cost several times more.
import { readFileSync } from "node:fs";
import module from "node:module";

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version + "\n");
} else {
  // Node 22.1+ caches compiled code between runs; on Node 20 this is absent and skipped.
  module.enableCompileCache?.();
  const { runCli } = await import("../dist/src/cli.js");
  runCli();
}
