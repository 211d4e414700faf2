#!/usr/bin/env node
// npm run bench [-- CORPUS [--rounds N]]
// Paired benchmark on the shared corpus (../shared/bench/README.md): each round runs
// ripgrep's search for the same needles, `ds-migrate check` and `ds-migrate --dry-run`
// over the same tree, in rotating order, and reports each command's median wall time,
// peak memory, and the median of the per-round ratios against ripgrep.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const corpus = path.resolve(args.find((a) => !a.startsWith("--")) ?? process.env.DS_MIGRATE_CORPUS ?? "/tmp/corpus");
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 5;

if (!existsSync(corpus)) {
  console.error(`bench: no corpus at ${corpus}.\nBuild it first (a few minutes, npm registry and Debian packages):\n  bash ../shared/bench/make-corpus.sh ${corpus}\n  node ../shared/bench/plant.js ${corpus} --n 200 --seed 42`);
  process.exit(2);
}
if (spawnSync("rg", ["--version"]).status !== 0) {
  console.error("bench: ripgrep (rg) is needed as the reference: apt-get install ripgrep");
  process.exit(2);
}
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const bin = path.join(root, "bin/ds-migrate.js");
const common = ["--no-gitignore", "--no-default-ignore", "--today", "2026-11-25"];

const commands = [
  { name: "rg -l (reference)", cmd: "rg", args: ["-l", "--no-ignore", "-e", "deepseek-chat", "-e", "deepseek-reasoner", "-e", "api.deepseek.com", corpus], okCodes: [0, 1] },
  { name: "ds-migrate check", cmd: process.execPath, args: [bin, "check", corpus, "--format", "json", ...common], okCodes: [0, 1] },
  { name: "ds-migrate --dry-run", cmd: process.execPath, args: [bin, corpus, "--dry-run", ...common], okCodes: [0, 1] },
];

function run(c) {
  const argv = timeBin ? ["-f", "%M", c.cmd, ...c.args] : c.args;
  const start = process.hrtime.bigint();
  const r = spawnSync(timeBin ?? c.cmd, argv, { encoding: "utf8", maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (!c.okCodes.includes(r.status)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rssKb = timeBin ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { wall, rssMb: rssKb / 1024, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One untimed warm-up of each, so every timed round reads from a warm page cache.
const warm = commands.map(run);
const planted = existsSync(`${corpus}.planted.json`) ? JSON.parse(readFileSync(`${corpus}.planted.json`, "utf8")).planted : [];
const report = JSON.parse(warm[1].stdout);
const hitFiles = new Set(report.files.map((f) => path.resolve(root, f.file)));
const missed = planted.filter((p) => !hitFiles.has(path.resolve(corpus, p.file)));
const rgFiles = warm[0].stdout.trim().split("\n").filter(Boolean).length;

const samples = commands.map(() => []);
for (let r = 0; r < rounds; r++) {
  // Rotate the order each round so no command always runs right after another.
  for (let k = 0; k < commands.length; k++) {
    const i = (k + r) % commands.length;
    samples[i].push(run(commands[i]));
  }
}

const rows = commands.map((c, i) => {
  const ratios = samples[i].map((s, r) => s.wall / samples[0][r].wall);
  return { command: c.name, wallMedian: median(samples[i].map((s) => s.wall)), ratioMedian: median(ratios), peakMb: Math.max(...samples[i].map((s) => s.rssMb)) };
});

console.log(`corpus: ${corpus} (${report.summary.filesScanned} files scanned by ds-migrate, ${rgFiles} files matched by rg, ${hitFiles.size} with findings)`);
console.log(`planted sites found by check: ${planted.length - missed.length}/${planted.length}${missed.length ? ` (missed: ${missed.slice(0, 5).map((m) => m.file).join(", ")})` : ""}`);
console.log(`rounds: ${rounds}, warm cache, ${rows.length} commands in rotating order\n`);
console.log("| command | median wall | x ripgrep (median of paired ratios) | peak RSS |");
console.log("|---|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.command} | ${row.wallMedian.toFixed(3)} s | ${row.ratioMedian.toFixed(2)} | ${Number.isNaN(row.peakMb) ? "n/a" : row.peakMb.toFixed(0) + " MB"} |`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/latest.json"), JSON.stringify({ corpus, rounds, rows, planted: planted.length, missed: missed.length, date: new Date().toISOString() }, null, 2));
