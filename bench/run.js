#!/usr/bin/env node
// npm run bench [-- CORPUS [--rounds N]]
//
// One command measures both ends, each as a ratio against a reference run in the same
// invocation (paired per round, rotating order, warm page cache, medians):
//   large: ripgrep's search for the same needles, `ds-migrate check` and `--dry-run` over the
//          shared corpus (../shared/bench/), built here first when it is missing;
//   small: `ds-migrate --version` and `check examples/legacy-app` against `node -e 0`, and
//          `check` on a 2,000-file slice of the corpus (no node_modules) against ripgrep.
// ds-migrate runs as users run it, through its bin's shebang. Results: one table on stdout
// and bench/results/latest.json.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const corpus = path.resolve(args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rounds") ?? process.env.DS_MIGRATE_CORPUS ?? "/tmp/corpus");
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 5;
const shared = path.resolve(root, "../shared/bench");
const bin = path.join(root, "bin/ds-migrate.js");
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

if (spawnSync("rg", ["--version"]).status !== 0) {
  console.error("bench: ripgrep (rg) is the reference: apt-get install ripgrep");
  process.exit(2);
}
ensureCorpus();
const slice = ensureSlice(corpus, 2000);

const scanArgs = ["--no-gitignore", "--no-default-ignore", "--today", "2026-11-25"];
const rg = (dir) => ({ name: "rg -l (reference)", cmd: "rg", args: ["-l", "--no-ignore", "-e", "deepseek-chat", "-e", "deepseek-reasoner", "-e", "api.deepseek.com", dir], ok: [0, 1] });
const ds = (name, argv) => ({ name, cmd: bin, args: argv, ok: [0, 1] });
const node0 = { name: "node -e 0 (reference)", cmd: process.execPath, args: ["-e", "0"], ok: [0] };

const groups = [
  { title: "corpus", commands: [rg(corpus), ds("ds-migrate check", ["check", corpus, "--format", "json", ...scanArgs]), ds("ds-migrate --dry-run", [corpus, "--dry-run", ...scanArgs])] },
  { title: "2,000-file slice", commands: [rg(slice), ds("ds-migrate check (slice)", ["check", slice, "--format", "json", ...scanArgs])] },
  { title: "startup", commands: [node0, ds("ds-migrate --version", ["--version"]), ds("ds-migrate check examples/legacy-app", ["check", path.join(root, "examples/legacy-app"), "--today", "2026-11-25"])] },
];

const targets = {
  "ds-migrate check": 2.0,
  "ds-migrate --dry-run": 2.5,
  "ds-migrate --version": 1.5,
  "ds-migrate check examples/legacy-app": 3.0,
};
const memoryTargetMb = 160;

const rows = [];
let planted = { total: 0, found: 0 };
for (const group of groups) {
  const warm = group.commands.map(run); // untimed: warms the page cache and the disk
  if (group.title === "corpus") planted = plantedFound(JSON.parse(warm[1].stdout));
  const samples = group.commands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < group.commands.length; k++) {
      const i = (k + r) % group.commands.length; // rotate, so no command always follows another
      samples[i].push(run(group.commands[i]));
    }
  }
  group.commands.forEach((c, i) => {
    const ratios = samples[i].map((s, r) => s.wall / samples[0][r].wall);
    rows.push({ group: group.title, command: c.name, wallMedian: median(samples[i].map((s) => s.wall)), ratio: median(ratios), peakMb: Math.max(...samples[i].map((s) => s.rssMb)), target: targets[c.name] });
  });
}

const corpusFiles = JSON.parse(run(groups[0].commands[1]).stdout).summary.filesScanned;
console.log(`corpus: ${corpus} (${corpusFiles} files scanned); slice: ${slice}; rounds: ${rounds}, warm cache, rotating order`);
console.log(`planted sites found by check: ${planted.found}/${planted.total}\n`);
console.log("| group | command | median wall | x reference (median of paired ratios) | target | peak RSS |");
console.log("|---|---|---:|---:|---:|---:|");
for (const r of rows) {
  const target = r.target === undefined ? "" : `≤ ${r.target} (${r.ratio <= r.target ? "met" : "not met"})`;
  const mem = Number.isNaN(r.peakMb) ? "n/a" : `${r.peakMb.toFixed(0)} MB`;
  console.log(`| ${r.group} | ${r.command} | ${r.wallMedian.toFixed(3)} s | ${r.ratio.toFixed(2)} | ${target} | ${mem} |`);
}
const corpusPeak = Math.max(...rows.filter((r) => r.group === "corpus" && r.command.startsWith("ds-migrate")).map((r) => r.peakMb));
console.log(`\npeak RSS on the corpus: ${corpusPeak.toFixed(0)} MB (target < ${memoryTargetMb} MB: ${corpusPeak < memoryTargetMb ? "met" : "not met"})`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/latest.json"), JSON.stringify({ date: new Date().toISOString(), corpus, corpusFiles, slice, rounds, planted, memoryTargetMb, rows }, null, 2) + "\n");

function run(c) {
  const argv = timeBin ? ["-f", "%M", c.cmd, ...c.args] : c.args;
  const start = process.hrtime.bigint();
  const r = spawnSync(timeBin ?? c.cmd, argv, { encoding: "utf8", maxBuffer: 1 << 30 });
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
