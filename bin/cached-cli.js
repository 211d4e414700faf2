// Node 20 has no compile cache (module.enableCompileCache is 22.1+), and compiling the 2.4 MB
// bundle, then each function as it is first called, was a fifth of a small `check` run. This
// loads a CommonJS copy of the bundle (dist/bundle/cli.cjs, same code) through vm.Script with
// V8 code cache data kept in the OS temp folder, as Node 22's own compile cache does
// (os.tmpdir()/node-compile-cache). The cache is written once, at exit, after a run has compiled
// what it used; V8 rejects data from another Node or other V8 flags, and then it is written anew.
// Any failure here falls back to nothing worse than an uncached load. NODE_DISABLE_COMPILE_CACHE
// (Node's own switch) turns it off.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import module from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

/** The CLI's exports from the CommonJS bundle, or undefined when it is not there (then import the ES bundle). */
export function cachedCli() {
  const file = fileURLToPath(new URL("../dist/bundle/cli.cjs", import.meta.url));
  let source;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  // One cache per bundle text, Node build and V8 flags (the shebang's differ from a plain `node bin/...`).
  const key = createHash("sha256").update(source).update(process.version).update(process.arch).update(process.execArgv.join(" ")).digest("hex").slice(0, 16);
  const cacheFile = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : path.join(os.tmpdir(), "ds-migrate-compile-cache", `${key}.bin`);
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // First run (or the cache was removed): compile from source and write it at exit.
  }
  // No import() inside: Node 20 loses a script's dynamic-import callback when it comes from
  // cache data, so the `lsp` command (which imports its own bundle) never loads through here.
  const script = new vm.Script(module.wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once("exit", () => writeCache(cacheFile, script));
  const exports = {};
  const cjs = { exports };
  script.runInThisContext().call(exports, exports, module.createRequire(file), cjs, file, path.dirname(file));
  return cjs.exports;
}

/** Written beside and renamed, so a run reading it never sees half a file. */
function writeCache(cacheFile, script) {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    // A read-only or full temp folder: the next run compiles from source again.
  }
}
