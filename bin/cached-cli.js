// Node 20 has no compile cache (module.enableCompileCache is 22.1+), and compiling the 2.4 MB
// bundle, then each function as it is first called, was a fifth of a small `check` run. This
// loads a CommonJS copy of the bundle (dist/bundle/cli.cjs, same code) through vm.Script with
// V8 code cache data kept in the OS temp folder, as Node 22's own compile cache does
// (os.tmpdir()/node-compile-cache). The cache is written at exit, after a run has compiled what it
// used, and again by a later run that compiled much more (see the exit handler); V8 rejects data
// from another Node or other V8 flags, and then it is written anew.
// Any failure here falls back to nothing worse than an uncached load. NODE_DISABLE_COMPILE_CACHE
// (Node's own switch) turns it off.
// CommonJS like the bin (bin/package.json). node:crypto is not needed at all since the cache key no
// longer hashes the bundle's text (see cacheKey).
"use strict";
const module_ = require("node:module");
const { isAscii } = require("node:buffer");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");

// A cache file is this header (magic, then the parts of the bundle the runs that wrote it used: see
// src/used-parts.ts) and V8's data.
const MAGIC = 0x434d5345; // "ESMC": the second layout (the first held a bytecode size)
const HEADER = 8;

/** The CLI's exports from the CommonJS bundle, or undefined when it is not there (then import the ES bundle). */
function cachedCli() {
  const file = path.join(__dirname, "../dist/bundle/cli.cjs");
  let source, key;
  try {
    key = cacheKey(file);
    source = text(readFileSync(file));
  } catch {
    return undefined;
  }
  const cacheFile = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : path.join(os.tmpdir(), "ds-migrate-compile-cache", `${key}.bin`);
  let cachedData;
  let cachedParts = 0;
  try {
    const data = cacheFile ? readFileSync(cacheFile) : undefined;
    if (data && data.length > HEADER && data.readUInt32LE(0) === MAGIC) {
      cachedParts = data.readUInt32LE(4);
      cachedData = data.subarray(HEADER);
    }
  } catch {
    // First run (or the cache was removed): compile from source and write it at exit.
  }
  // No import() inside: Node 20 loses a script's dynamic-import callback when it comes from
  // cache data, so the `lsp` command (which imports its own bundle) never loads through here.
  const script = new vm.Script(module_.wrap(source), { filename: file, cachedData });
  const exports = {};
  const cjs = { exports };
  if (cacheFile) {
    const stale = !cachedData || script.cachedDataRejected;
    process.once("exit", () => {
      // The cache holds what the runs that wrote it had compiled: a first run on an empty folder
      // (or `--help`) left out every front end, and each later run compiled them again (~140 ms
      // CPU on examples/legacy-app). A run that used a front end or report the cache was written
      // without writes it anew (a few times at most; ~50 ms when it happens).
      const used = typeof cjs.exports.usedParts === "function" ? cjs.exports.usedParts() >>> 0 : 0;
      if (stale || (used & ~cachedParts) !== 0) writeCache(cacheFile, script, (used | cachedParts) >>> 0);
    });
  }
  script.runInThisContext().call(exports, exports, module_.createRequire(file), cjs, file, path.dirname(file));
  return cjs.exports;
}

/**
 * The bundle is ASCII (esbuild escapes the rest), and a Latin-1 copy of ASCII bytes is the same
 * string made in half the time of a UTF-8 decode of its 1.8 MB (~10 ms per run).
 */
function text(bytes) {
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/**
 * One cache per bundle file, Node build and V8 flags (the shebang's differ from a plain `node bin/...`).
 * The bundle is named by its path and stat (size, inode, mtime and ctime), not by a SHA-256 of its
 * 2.5 MB text: hashing it and loading node:crypto were ~25 ms of a ~0.35 s run on an empty folder.
 * ctime is set by the kernel whenever the file is written or replaced (npm's fixed 1985 mtimes
 * cannot hide a new version), and V8 itself only checks the source's length, so the stat must
 * change with the text: a rebuild, an install or an upgrade always writes the file anew.
 */
function cacheKey(file) {
  const st = statSync(file, { bigint: true });
  const text = [file, st.size, st.ino, st.dev, st.mtimeNs, st.ctimeNs, process.version, process.arch, process.execArgv.join(" ")].join("\0");
  return fnv(text, 0x811c9dc5) + fnv(text, 0x01000193 ^ 0x5bd1e995);
}

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits (two seeds make the file name). */
function fnv(text, seed) {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** Written beside and renamed, so a run reading it never sees half a file. */
function writeCache(cacheFile, script, parts) {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(parts, 4);
    writeFileSync(temp, Buffer.concat([header, script.createCachedData()]));
    renameSync(temp, cacheFile);
  } catch {
    // A read-only or full temp folder: the next run compiles from source again.
  }
}

module.exports = { cachedCli };
