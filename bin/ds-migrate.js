#!/usr/bin/env -S node --max-semi-space-size=2
// The entry point. `--version` is answered here, before anything else loads: it is what
// tools call to probe for ds-migrate, and loading the CLI would cost several times more.
// The shebang's --max-semi-space-size=2 keeps V8's young generation small: most of what a
// run allocates (file bytes, ASTs) dies young, and the default 16 MB semi-spaces only raise
// peak memory (benchmark corpus: ~185 → ~150 MB, no slower). Workers: src/pool.ts.
// CommonJS (bin/package.json): an ES entry point starts Node's ES module loader, and importing
// cached-cli.js through it cost ~10 ms of a small run; require() does not.
"use strict";
const module_ = require("node:module");

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(JSON.parse(require("node:fs").readFileSync(`${__dirname}/../package.json`, "utf8")).version + "\n");
} else {
  // One bundled file (npm run build): resolving and loading ~150 separate modules cost more
  // than the run itself on a small repository. Node 22.1+ caches its compiled code between
  // runs; before that, bin/cached-cli.js does the same for a CommonJS copy of the bundle
  // (not for the long-running language server, which must import its own bundle).
  let cli;
  if (module_.enableCompileCache) module_.enableCompileCache();
  else if (!args.includes("lsp")) cli = require("./cached-cli.js").cachedCli();
  if (cli) cli.runCli();
  else import("../dist/bundle/cli.js").then((m) => m.runCli());
}
