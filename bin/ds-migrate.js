#!/usr/bin/env -S node --max-semi-space-size=2
// The entry point. `--version` is answered here, before anything else loads: it is what
// tools call to probe for ds-migrate, and loading the CLI would cost several times more.
// The shebang's --max-semi-space-size=2 keeps V8's young generation small: most of what a
// run allocates (file bytes, ASTs) dies young, and the default 16 MB semi-spaces only raise
// peak memory (benchmark corpus: ~185 → ~150 MB, no slower). Workers: src/pool.ts.
import module from "node:module";

// node:fs through require: an ES import of it builds its ES facade, which reads every export, and
// fs.ReadStream's getter loads the whole streams stack (~10 ms) that `--version` never uses.
const { readFileSync } = module.createRequire(import.meta.url)("node:fs");

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version + "\n");
} else {
  // One bundled file (npm run build): resolving and loading ~150 separate modules cost more
  // than the run itself on a small repository. Node 22.1+ caches its compiled code between
  // runs; before that, bin/cached-cli.js does the same for a CommonJS copy of the bundle
  // (not for the long-running language server, which must import its own bundle).
  let cli;
  if (module.enableCompileCache) module.enableCompileCache();
  else if (!args.includes("lsp")) cli = (await import("./cached-cli.js")).cachedCli();
  const { runCli } = cli ?? (await import("../dist/bundle/cli.js"));
  runCli();
}
