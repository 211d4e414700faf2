#!/usr/bin/env node
// npm run bench [-- CORPUS] [--rounds N] [--analysis-rounds N] [--only GROUPS] [--python BIN] [--keep]
//
// One command measures every row of the speed issue, each timed row paired with a reference
// run in the same round (rotating order, warm page cache; medians, and the min/median/max of
// the per-round ratios):
//   corpus:  ripgrep for the same needles vs `ds-migrate check` and `--dry-run` over the shared
//            corpus (../shared/bench/, built here first when it is missing), with peak RSS;
//   slice:   `check` on a 2,000-file slice of the corpus (no node_modules) vs ripgrep;
//   startup: `--version` and `check examples/legacy-app` vs `node -e 0`;
//   python:  the standard library of every Python 3 on the machine (test/ too), copied to a
//            temp folder with one legacy ID planted in each module: false syntax errors (files
//            that Python parses and ds-migrate reports unparsed; target 0) and lines per second,
//            timed on the stdlib of `python3` on PATH against that Python's own ast.parse;
//   js:      1,000 `.js` files of the project's node_modules, one ID each: lines per second.
// --only corpus,slice,startup,python,js runs some groups. ds-migrate runs as users run it,
// through its bin's shebang. Results: tables on stdout and bench/results/latest.json.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findPythons, plantJsPackages, plantStdlib } from "./trees.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const valued = new Set(["--rounds", "--analysis-rounds", "--only", "--python"]);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const corpus = path.resolve(args.find((a, i) => !a.startsWith("--") && !valued.has(args[i - 1])) ?? process.env.DS_MIGRATE_CORPUS ?? "/tmp/corpus");
const rounds = Number(option("--rounds")) || 5;
const analysisRounds = Number(option("--analysis-rounds")) || 3;
const only = new Set((option("--only") ?? "corpus,slice,startup,python,js").split(","));
const shared = path.resolve(root, "../shared/bench");
const bin = path.join(root, "bin/ds-migrate.js");
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const cpus = os.availableParallelism?.() ?? os.cpus().length;
const loadStart = os.loadavg();

if ((only.has("corpus") || only.has("slice")) && spawnSync("rg", ["--version"]).status !== 0) {
  console.error("bench: ripgrep (rg) is the reference: apt-get install ripgrep");
  process.exit(2);
}

const scanArgs = ["--no-gitignore", "--no-default-ignore", "--today", "2026-11-25"];
const rg = (dir) => ({ name: "rg -l (reference)", cmd: "rg", args: ["-l", "--no-ignore", "-e", "deepseek-chat", "-e", "deepseek-reasoner", "-e", "api.deepseek.com", dir], ok: [0, 1] });
const ds = (name, argv, target) => ({ name, cmd: bin, args: argv, ok: [0, 1], target });
const node0 = { name: "node -e 0 (reference)", cmd: process.execPath, args: ["-e", "0"], ok: [0] };

const rows = [];
const notes = {};
const temp = mkdtempSync(path.join(os.tmpdir(), "ds-bench-"));
try {
  if (only.has("corpus") || only.has("slice")) {
    ensureCorpus();
    const slice = ensureSlice(corpus, 2000);
    notes.slice = slice;
    if (only.has("corpus")) {
      const check = ds("ds-migrate check", ["check", corpus, "--format", "json", ...scanArgs], 2.0);
      const [, first] = timeGroup("corpus", [rg(corpus), check, ds("ds-migrate --dry-run", [corpus, "--dry-run", ...scanArgs], 2.5)], rounds);
      const report = JSON.parse(first.stdout);
      notes.corpus = { path: corpus, filesScanned: report.summary.filesScanned, planted: plantedFound(report) };
    }
    if (only.has("slice")) timeGroup("2,000-file slice", [rg(slice), ds("ds-migrate check (slice)", ["check", slice, "--format", "json", ...scanArgs], 10)], rounds);
  }
  if (only.has("startup")) {
    timeGroup("startup", [node0, ds("ds-migrate --version", ["--version"], 1.5), ds("ds-migrate check examples/legacy-app", ["check", path.join(root, "examples/legacy-app"), "--today", "2026-11-25"], 3.0)], rounds);
  }
  if (only.has("python")) pythonRows();
  if (only.has("js")) jsRow();
} finally {
  if (args.includes("--keep")) console.error(`bench: planted trees kept in ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
}
printAndSave();

/** Runs each command once untimed (warms the page cache), then `n` rotating rounds. */
function timeGroup(title, commands, n, extra = () => ({})) {
  const warm = commands.map(run);
  const samples = commands.map(() => []);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (k + r) % commands.length; // rotate, so no command always follows another
      samples[i].push(run(commands[i]));
    }
  }
  commands.forEach((c, i) => {
    const ratios = samples[i].map((s, r) => s.wall / samples[0][r].wall);
    const walls = samples[i].map((s) => s.wall);
    rows.push({ group: title, command: c.name, wallMedian: median(walls), wallMin: Math.min(...walls), ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios), peakMb: Math.max(...samples[i].map((s) => s.rssMb)), target: c.target, ...extra(c, walls) });
  });
  return warm;
}

/** False syntax errors on every Python's stdlib (one run each), then timed rounds on `python3`'s. */
function pythonRows() {
  const pythons = findPythons();
  if (pythons.length === 0) {
    console.error("bench: no python3.x found (PATH, /usr/bin, /usr/local/bin, /opt, pyenv, uv, asdf): the Python rows are skipped");
    return;
  }
  const main = mainPython(pythons);
  notes.python = [];
  for (const py of pythons) {
    process.stderr.write(`bench: python ${py.version} (${py.stdlib})... `);
    const tree = plantStdlib(py, temp);
    const r = run(ds("precision", ["check", tree.dir, "--format", "json", ...scanArgs]));
    const report = JSON.parse(r.stdout);
    const status = new Map(report.files.map((f) => [path.relative(tree.dir, path.resolve(root, f.file)), f]));
    const falseErrors = [...status].filter(([rel, f]) => f.status === "unparsed" && !tree.rejected.has(rel)).map(([rel, f]) => `${rel}: ${f.problem}`);
    const bothReject = [...tree.rejected].filter((rel) => status.get(rel)?.status === "unparsed").length;
    const entry = { version: py.version, bin: py.bin, stdlib: py.stdlib, files: tree.files, pythonRejects: tree.rejected.size, bothReject, lines: tree.lines, wall: r.wall, linesPerSecond: tree.lines / r.wall, peakMb: r.rssMb, falseSyntaxErrors: falseErrors };
    notes.python.push(entry);
    process.stderr.write(`${tree.files} files, ${falseErrors.length} false syntax errors, ${(entry.linesPerSecond / 1000).toFixed(1)}k lines/s\n`);
    if (py === main) notes.pythonMain = tree;
  }
  const tree = notes.pythonMain;
  const reference = { name: `python${tree.version} ast.parse (reference)`, cmd: tree.bin, args: ["-W", "ignore", "-c", "import ast, sys\nfor rel in open(sys.argv[2]).read().split('\\n'):\n    if not rel: continue\n    try: ast.parse(open(sys.argv[1] + '/' + rel, encoding='utf-8').read())\n    except Exception: pass", tree.dir, tree.list], ok: [0] };
  const check = ds(`ds-migrate check: python${tree.version} stdlib (${tree.files} modules, ${(tree.lines / 1000).toFixed(0)}k lines)`, ["check", tree.dir, "--format", "json", ...scanArgs], undefined);
  timeGroup("python analysis", [reference, check], analysisRounds, (c, walls) => ({ lines: tree.lines, linesPerSecond: tree.lines / median(walls), ...(c === check ? { absolute: { wallAtMost: 20, linesPerSecondAtLeast: 50000 } } : {}) }));
  delete notes.pythonMain;
  notes.pythonMainVersion = tree.version;
}

/** `python3` on PATH (what users type), or --python BIN; its stdlib is the timed one. */
function mainPython(pythons) {
  const wanted = option("--python") ?? "python3";
  const r = spawnSync(wanted, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: "utf8" });
  const stdlib = r.status === 0 ? r.stdout.trim() : undefined;
  const real = stdlib && existsSync(stdlib) ? realpathSync(stdlib) : undefined;
  return pythons.find((p) => p.stdlib === real) ?? pythons[pythons.length - 1];
}

function jsRow() {
  const tree = plantJsPackages(root, temp);
  const check = ds(`ds-migrate check: ${tree.files} node_modules .js files (${(tree.lines / 1000).toFixed(0)}k lines)`, ["check", tree.dir, "--format", "json", ...scanArgs], undefined);
  const [first] = timeGroup("js analysis", [check], analysisRounds, (c, walls) => ({ lines: tree.lines, linesPerSecond: tree.lines / median(walls), absolute: { linesPerSecondAtLeast: 57000 }, noReference: true }));
  const report = JSON.parse(first.stdout);
  notes.js = { files: tree.files, from: tree.from, lines: tree.lines, unparsed: report.files.filter((f) => f.status === "unparsed").map((f) => `${path.basename(f.file)}: ${f.problem}`) };
  // The same planting from the corpus's packages (bundled builds of 1 MB and more): a file whose
  // analysis is not linear in its size shows here (a react-dom build once took minutes alone).
  if (!existsSync(path.join(corpus, "node_modules"))) return;
  const big = plantJsPackages(corpus, path.join(temp, "corpus-packages"));
  const bigCheck = ds(`ds-migrate check: ${big.files} corpus node_modules .js files (${(big.lines / 1000).toFixed(0)}k lines)`, ["check", big.dir, "--format", "json", ...scanArgs], undefined);
  timeGroup("js analysis (corpus packages)", [bigCheck], analysisRounds, (c, walls) => ({ lines: big.lines, linesPerSecond: big.lines / median(walls), noReference: true }));
}

function printAndSave() {
  const loadEnd = os.loadavg();
  const load = (l) => l.map((x) => x.toFixed(2)).join(" ");
  console.log(`${cpus} CPUs; load average at start ${load(loadStart)}, at end ${load(loadEnd)}; node ${process.version}; rounds ${rounds} (analysis rows ${analysisRounds}), warm cache, rotating order`);
  if (notes.corpus) console.log(`corpus: ${notes.corpus.path} (${notes.corpus.filesScanned} files scanned); planted sites found by check: ${notes.corpus.planted.found}/${notes.corpus.planted.total}`);
  if (notes.slice) console.log(`slice: ${notes.slice}`);
  console.log("\n| group | command | median wall | x reference: min / median / max of paired ratios | target | peak RSS |");
  console.log("|---|---|---:|---:|---|---:|");
  for (const r of rows) {
    const spread = r.noReference ? "n/a (no reference)" : r.command.endsWith("(reference)") ? "1 (reference)" : `${r.ratioMin.toFixed(2)} / **${r.ratio.toFixed(2)}** / ${r.ratioMax.toFixed(2)}`;
    const mem = Number.isNaN(r.peakMb) ? "n/a" : `${r.peakMb.toFixed(0)} MB`;
    console.log(`| ${r.group} | ${r.command} | ${r.wallMedian.toFixed(3)} s${r.linesPerSecond ? ` (${(r.linesPerSecond / 1000).toFixed(1)}k lines/s)` : ""} | ${spread} | ${targetText(r)} | ${mem} |`);
  }
  const peak = (pred) => Math.max(...rows.filter(pred).map((r) => r.peakMb));
  if (notes.corpus) {
    const corpusPeak = peak((r) => r.group === "corpus" && r.command.startsWith("ds-migrate"));
    const slicePeak = peak((r) => r.group === "2,000-file slice" && r.command.startsWith("ds-migrate"));
    notes.memory = { corpusPeakMb: corpusPeak, slicePeakMb: slicePeak, targetMb: 160, met: corpusPeak < 160 };
    console.log(`\npeak RSS: ${corpusPeak.toFixed(0)} MB on the corpus (${notes.corpus.filesScanned} files; target < 160 MB: ${corpusPeak < 160 ? "met" : "not met"}), ${Number.isFinite(slicePeak) ? `${slicePeak.toFixed(0)} MB on the 2,000-file slice (growth with the tree: +${(corpusPeak - slicePeak).toFixed(0)} MB)` : "slice not run"}`);
  }
  if (notes.python) {
    console.log("\n| Python | stdlib | modules | Python rejects | lines | one run | lines/s | false syntax errors (target 0) |");
    console.log("|---|---|---:|---:|---:|---:|---:|---:|");
    for (const p of notes.python) console.log(`| ${p.version} | ${p.stdlib} | ${p.files} | ${p.pythonRejects} | ${p.lines} | ${p.wall.toFixed(1)} s | ${(p.linesPerSecond / 1000).toFixed(1)}k | ${p.falseSyntaxErrors.length} (${p.falseSyntaxErrors.length === 0 ? "met" : "not met"}) |`);
    for (const p of notes.python) for (const e of p.falseSyntaxErrors) console.log(`  false syntax error, ${p.version}: ${e}`);
  }
  if (notes.js) console.log(`\njs: ${notes.js.files} files picked evenly from ${notes.js.from} .js files in node_modules; ${notes.js.unparsed.length} unparsed${notes.js.unparsed.length ? `: ${notes.js.unparsed.slice(0, 5).join("; ")}` : ""}`);
  const dir = path.join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  const result = JSON.stringify({ date: new Date().toISOString(), cpus, loadStart, loadEnd, node: process.version, rounds, analysisRounds, notes, rows }, null, 2) + "\n";
  writeFileSync(path.join(dir, "latest.json"), result);
  writeFileSync(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`), result);
}

function targetText(r) {
  if (r.absolute) {
    const { wallAtMost, linesPerSecondAtLeast } = r.absolute;
    const met = (wallAtMost === undefined || r.wallMedian <= wallAtMost) && r.linesPerSecond >= linesPerSecondAtLeast;
    return `${wallAtMost === undefined ? "" : `≤ ${wallAtMost} s and `}≥ ${linesPerSecondAtLeast / 1000}k lines/s (${met ? "met" : "not met"})`;
  }
  return r.target === undefined ? "" : `≤ ${r.target} (${r.ratio <= r.target ? "met" : "not met"})`;
}

function run(c) {
  const argv = timeBin ? ["-f", "%M", c.cmd, ...c.args] : c.args;
  const start = process.hrtime.bigint();
  const r = spawnSync(timeBin ?? c.cmd, argv, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (!c.ok.includes(r.status)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rssKb = timeBin ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { wall, rssMb: rssKb / 1024, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function plantedFound(report) {
  const manifest = `${corpus}.planted.json`;
  const list = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).planted : [];
  const hit = new Set(report.files.map((f) => path.resolve(root, f.file)));
  return { total: list.length, found: list.filter((p) => hit.has(path.resolve(corpus, p.file))).length };
}

/** The shared corpus, built with its own recipe when missing (a few minutes; npm registry and Debian packages). */
function ensureCorpus() {
  if (existsSync(corpus)) return;
  if (!existsSync(path.join(shared, "make-corpus.sh"))) {
    console.error(`bench: no corpus at ${corpus}, and no recipe at ${shared} to build it.`);
    process.exit(2);
  }
  console.error(`bench: building the corpus at ${corpus} (a few minutes)...`);
  const make = spawnSync("bash", [path.join(shared, "make-corpus.sh"), corpus], { stdio: "inherit" });
  const plant = make.status === 0 ? spawnSync(process.execPath, [path.join(shared, "plant.js"), corpus, "--n", "200", "--seed", "42"], { stdio: "inherit" }) : make;
  if (plant.status !== 0) {
    console.error("bench: building the corpus failed (see above)");
    process.exit(2);
  }
}

/** The first N files of the corpus outside node_modules, in path order: an ordinary repository's size. */
function ensureSlice(source, n) {
  const dir = `${source}-slice${n}`;
  if (existsSync(dir)) return dir;
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (files.length >= n) return;
      const full = path.join(d, name);
      if (name === "node_modules") continue;
      const st = statSync(full, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(full);
      else if (st?.isFile()) files.push(full);
    }
  };
  walk(source);
  for (const f of files) {
    const target = path.join(dir, path.relative(source, f));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(f, target);
  }
  return dir;
}
