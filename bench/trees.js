// Planted trees for the bench's analysis rows, built in a temp folder from where things are
// installed (nothing is copied into the repository): the standard library of every Python 3
// on the machine, and 1,000 `.js` files of the project's own node_modules. Each file gets
// one legacy ID appended as a top-level statement, so every file is a hit and is analysed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const PY_PLANT = 'DS_BENCH_MODEL = "deepseek-chat"\n';
const JS_PLANT = 'var DS_BENCH_MODEL = "deepseek-chat";\n';

/**
 * Every Python 3.x found in the usual places (PATH, /usr/bin, /usr/local/bin, /opt/*, pyenv,
 * uv and asdf installs), one per standard library (realpath), in version order.
 */
export function findPythons() {
  const home = os.homedir();
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/local/bin", ...children("/opt", "bin"), ...children("/usr/local/opt", "bin"),
    ...children(path.join(home, ".pyenv/versions"), "bin"), ...children(path.join(home, ".local/share/uv/python"), "bin"), ...children(path.join(home, ".asdf/installs/python"), "bin")];
  const byStdlib = new Map();
  // pyenv shims are wrappers that pick a version by folder; the versions themselves are listed below.
  for (const dir of new Set(dirs.filter((d) => d && path.basename(d) !== "shims"))) {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => /^python3\.\d+$/.test(n)).sort()) {
      const bin = path.join(dir, name);
      const r = spawnSync(bin, ["-c", "import sys, sysconfig; print(sysconfig.get_paths()['stdlib']); print('%d.%d.%d' % sys.version_info[:3])"], { encoding: "utf8", env: { ...process.env, PYTHONNOUSERSITE: "1" } });
      if (r.status !== 0) continue;
      const [stdlib, version] = r.stdout.trim().split("\n");
      if (!stdlib || !existsSync(stdlib)) continue;
      const key = realpathSync(stdlib);
      if (!byStdlib.has(key)) byStdlib.set(key, { bin, version, stdlib: key });
    }
  }
  const num = (v) => v.split(".").map(Number);
  return [...byStdlib.values()].sort((a, b) => {
    const [x, y] = [num(a.version), num(b.version)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.stdlib.localeCompare(b.stdlib);
  });
}

function children(dir, sub) {
  try {
    return readdirSync(dir).sort().map((n) => path.join(dir, n, sub));
  } catch {
    return [];
  }
}

/**
 * A Python's standard library (its test/ tree too, not site-packages), each `.py` with the
 * ID planted, under `into`; then that Python itself parses every planted copy
 * (`ast.parse(open(f, encoding="utf-8").read())`), and the files it rejects are listed, so
 * they are left out of the false-syntax-error count.
 */
export function plantStdlib(py, into) {
  const dir = path.join(into, `python${py.version}`);
  const files = [];
  walk(py.stdlib, (rel) => rel.endsWith(".py"), (rel) => !/^(site|dist)-packages$/.test(rel) && rel !== "__pycache__", files);
  let lines = 0;
  for (const rel of files) {
    const src = readFileSync(path.join(py.stdlib, rel), "latin1"); // bytes as they are; the copy keeps them
    const text = src.length === 0 || src.endsWith("\n") ? src : src + "\n";
    lines += countLines(text) + 1;
    const target = path.join(dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text + PY_PLANT, "latin1");
  }
  const list = path.join(into, `python${py.version}.files`);
  writeFileSync(list, files.join("\n") + "\n");
  const check = [
    "import ast, sys",
    "root = sys.argv[1]",
    "for rel in open(sys.argv[2], encoding='utf-8').read().split('\\n'):",
    "    if not rel: continue",
    "    try:",
    "        ast.parse(open(root + '/' + rel, encoding='utf-8').read())",
    "    except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):",
    "        print(rel)",
  ].join("\n");
  const r = spawnSync(py.bin, ["-W", "ignore", "-c", check, dir, list], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${py.bin} could not check the planted copies: ${r.stderr.slice(-500)}`);
  const rejected = new Set(r.stdout.split("\n").filter(Boolean));
  return { ...py, dir, files: files.length, lines, rejected, list };
}

/**
 * 1,000 `.js` files of the project's node_modules with the ID planted, flattened into
 * `into/js` (numbered names, so no folder is a node_modules and no package.json applies):
 * every file in path order, then evenly spaced picks, so the choice is the same while the
 * dependencies are.
 */
export function plantJsPackages(root, into, count = 1000) {
  const all = [];
  walk(path.join(root, "node_modules"), (rel) => rel.endsWith(".js"), (rel) => rel !== ".cache", all);
  const picked = Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor((i * all.length) / Math.min(count, all.length))]);
  const dir = path.join(into, "js");
  mkdirSync(dir, { recursive: true });
  let lines = 0;
  picked.forEach((rel, i) => {
    const src = readFileSync(path.join(root, "node_modules", rel), "latin1");
    const text = src.length === 0 || src.endsWith("\n") ? src : src + "\n";
    lines += countLines(text) + 1;
    writeFileSync(path.join(dir, `${String(i).padStart(4, "0")}-${rel.replace(/[\\/]/g, "__")}`), text + JS_PLANT, "latin1");
  });
  return { dir, files: picked.length, lines, from: all.length };
}

/** Relative paths of the files under `root` that `keepFile` keeps, in sorted path order. */
function walk(root, keepFile, keepDir, out, rel = "") {
  let entries;
  try {
    entries = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (keepDir(e.name)) walk(root, keepFile, keepDir, out, r);
    } else if (e.isFile() && keepFile(r)) out.push(r);
  }
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
