// Property-based robustness: the fixtures' inputs and the sample app, mutated at random
// (truncation, inserted bytes, NUL bytes, invalid UTF-8, CRLF/LF mixes, BOMs, very long
// lines, deep nesting, duplicated blocks, legacy IDs spliced into strings and comments),
// across every file kind. Seeded and reproducible: a failure prints its seed and path, and
// becomes a fixture. `npm test` runs a bounded number of cases; `npm run fuzz` many more
// (FUZZ_RUNS).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { check, migrate } from "../dist/src/index.js";
import { makeProcessor } from "../dist/src/process.js";
import { DEFAULT_RULES, type Settings } from "../dist/src/rules.js";
import { fixtureCases } from "./helpers/fixtures.js";
import { ROOT } from "./helpers/cli.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// npm test uses a fixed seed; `npm run fuzz` a new one each time (printed in the test name).
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261127);
const settings: Settings = { rules: DEFAULT_RULES, target: "flash", dialect: "thinking" };
const work = mkdtempSync(path.join(tmpdir(), "ds-migrate-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every seed input: each fixture's input (under the name it is analysed as) and the sample app's files. */
interface Seed {
  name: string;
  bytes: Buffer;
}

function seeds(): Seed[] {
  const out: Seed[] = fixtureCases().map((c) => ({ name: c.options.path ?? (c.ext === ".env" ? ".env" : `input${c.ext}`), bytes: readFileSync(c.input) }));
  const app = path.join(ROOT, "examples/legacy-app");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ name: path.relative(app, full), bytes: readFileSync(full) });
    }
  };
  walk(app);
  return out;
}

const SEEDS = seeds();
const SPLICES = ['"deepseek-chat"', "'deepseek-reasoner'", "# deepseek-chat\n", "// deepseek-reasoner\n", "deepseek-chat", "http://api.deepseek.com", '{"model": "deepseek-chat"}'];

/** One mutation of a byte buffer, chosen and placed by fast-check. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("nul" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("invalid-utf8" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("crlf" as const), every: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("bom" as const) }),
  fc.record({ kind: fc.constant("long-line" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1000, max: 200_000 }) }),
  fc.record({ kind: fc.constant("nesting" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), depth: fc.integer({ min: 10, max: 3000 }), open: fc.constantFrom("(", "[", "{", "<div>", "  ") }),
  fc.record({ kind: fc.constant("duplicate" as const), from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("splice" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...SPLICES) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(buf: Buffer, m: Mutation): Buffer {
  const at = (x: number) => Math.floor(x * buf.length);
  const insert = (i: number, b: Buffer) => Buffer.concat([buf.subarray(0, i), b, buf.subarray(i)]);
  switch (m.kind) {
    case "truncate": return buf.subarray(0, at(m.at));
    case "insert": return insert(at(m.at), Buffer.from(m.bytes));
    case "nul": return insert(at(m.at), Buffer.from([0]));
    case "invalid-utf8": return insert(at(m.at), Buffer.from([0xc3, 0x28, 0xff]));
    case "crlf": {
      let n = 0;
      return Buffer.from(buf.toString("latin1").replace(/\r?\n/g, (nl) => (++n % m.every === 0 ? "\r\n" : nl === "\r\n" ? "\n" : nl)), "latin1");
    }
    case "bom": return buf.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? buf.subarray(3) : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
    case "long-line": return insert(at(m.at), Buffer.from("x".repeat(m.length)));
    case "nesting": return insert(at(m.at), Buffer.from(m.open.repeat(m.depth)));
    case "duplicate": {
      const from = at(m.from);
      return insert(from, buf.subarray(from, from + m.length));
    }
    case "splice": return insert(at(m.at), Buffer.from(m.text));
  }
}

const input = fc.record({ seed: fc.integer({ min: 0, max: SEEDS.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });

let counter = 0;
function writeCase(seed: Seed, bytes: Buffer): { abs: string; rel: string } {
  const dir = path.join(work, `case-${counter++}`);
  const abs = path.join(dir, seed.name);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, bytes);
  return { abs, rel: seed.name };
}

const processor = makeProcessor(settings);
const PARSE_FAILURE = /^syntax error|conflicting rewrites/;

describe("fuzz: one mutated file at a time", () => {
  test(`never crashes; what parsed before still parses after migration; a second migration changes nothing (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ seed, mutations }) => {
        const source = SEEDS[seed]!;
        const bytes = mutations.reduce(apply, source.bytes);
        const { abs, rel } = writeCase(source, bytes);
        const result = await processor.process(abs, rel);
        // Statuses are the documented ones; a transform bug surfaces as "internal error".
        if (result) {
          expect(["unchanged", "changed", "unparsed", "unreadable"]).toContain(result.status);
          expect(result.problem ?? "").not.toMatch(/internal error|conflicting rewrites/);
        }
        if (result?.status !== "changed") return;
        // The migrated text parses (the transform's own parser is the oracle) and is a fixed point.
        const again = writeCase(source, Buffer.from(result.after!, "utf8"));
        const second = await processor.process(again.abs, again.rel);
        expect(second?.problem ?? "").not.toMatch(PARSE_FAILURE);
        expect(second?.status ?? "unchanged").not.toBe("changed");
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);
});

describe("fuzz: mutated trees through the API", () => {
  test("check and --dry-run never change a byte; every file is accounted for (scanned or skipped with a reason)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 2, maxLength: 6 }), async (cases) => {
        const dir = path.join(work, `tree-${counter++}`);
        const written = new Map<string, Buffer>();
        cases.forEach(({ seed, mutations }, i) => {
          const source = SEEDS[seed]!;
          const name = path.join(`d${i}`, source.name);
          const bytes = mutations.reduce(apply, source.bytes);
          mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          writeFileSync(path.join(dir, name), bytes);
          written.set(name, bytes);
        });
        const options = { cwd: dir, paths: ["."], today: "2026-11-25", gitignore: false };
        const reports = [await check(options), await migrate({ ...options, dryRun: true })];
        for (const [name, bytes] of written) expect(readFileSync(path.join(dir, name)).equals(bytes), name).toBe(true);
        for (const report of reports) {
          const s = report.summary;
          expect(s.filesScanned + (s.skipped.binary ?? 0) + (s.skipped.lockfile ?? 0) + (s.skipped.ownReports ?? 0)).toBe(written.size);
          for (const f of report.files) expect(f.problem ?? "").not.toMatch(/internal error|conflicting rewrites/);
        }
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 10)), seed: SEED, endOnFailure: true },
    );
  }, 120_000);
});

/**
 * A piece of a command line and what it means. The oracle reads these meanings, never the
 * CLI's parser: a run may write only when there is no command word, no dry-run flag, no
 * mistake, and every path exists (each existing path here holds a legacy ID, so such a run
 * must write).
 */
interface Piece {
  tokens: string[];
  kind: "neutral" | "dry" | "mistake" | "no-run" | "path" | "missing-path";
}
const piece = (kind: Piece["kind"], ...tokens: string[]): Piece => ({ tokens, kind });
const PIECES: Piece[] = [
  piece("dry", "--dry-run"), piece("dry", "--dry"),
  piece("mistake", "--dry-run=yes"), piece("mistake", "--dry-run=1"), piece("mistake", "--dry-run=false"), piece("mistake", "--DRY-RUN"),
  piece("mistake", "--Dry-Run"), piece("mistake", "--dryrun"), piece("mistake", "-n"), piece("mistake", "--force=yes"), piece("mistake", "--target", "gpt-4"),
  piece("mistake", "--today", "24/07/2026"), piece("mistake", "--report", "missing/r.json"), piece("mistake", "--config", "nope.json"),
  piece("neutral", "--force"), piece("neutral", "--no-gitignore"), piece("neutral", "--no-docs"), piece("neutral", "--target", "pro"),
  piece("neutral", "--target=v4-flash"), piece("neutral", "--thinking-param", "thinking_mode"), piece("neutral", "--today", "2026-11-25"),
  piece("no-run", "--help"), piece("no-run", "--version"),
  piece("path", "."), piece("path", "src"), piece("path", "src/a.js"), piece("path", "src/[x]"), piece("path", "src/*.js"), piece("path", "./src/"),
  piece("missing-path", "nope"), piece("missing-path", "src/*.py"), piece("missing-path", "src/[y]"), piece("missing-path", ""),
];

/** Whether the command line asks for a migration that writes (see Piece). */
function asksToWrite(command: string | undefined, pieces: Piece[], dash: number): boolean {
  if (command !== undefined) return false;
  let paths = 0;
  for (const [i, p] of pieces.entries()) {
    if (i >= dash) {
      // After `--` every token is a path: only a real path token names something that exists.
      if (p.kind !== "path" || p.tokens.length !== 1) return false;
      paths++;
      continue;
    }
    if (p.kind === "path") paths++;
    else if (p.kind !== "neutral") return false;
  }
  return paths > 0;
}

describe("fuzz: command lines", () => {
  // A committed git work tree: the write guard allows writes, so the command line alone decides.
  const template = path.join(work, "cli-template");
  const files = { "src/a.js": 'export const m = "deepseek-chat";\n', "src/[x]/b.py": 'M = "deepseek-reasoner"\n', "README.md": "Uses `deepseek-chat`.\n" };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(template, "repo", name)), { recursive: true });
    writeFileSync(path.join(template, "repo", name), text);
  }
  writeFileSync(path.join(template, "outside.js"), files["src/a.js"]);
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", ...args], { cwd: path.join(template, "repo"), stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "init");

  const line = fc.record({
    command: fc.constantFrom(undefined, undefined, undefined, undefined, "check", "models"),
    // Mostly well-formed pieces, so that a single wrong one decides the outcome often.
    pieces: fc.array(fc.oneof(
      { arbitrary: fc.constantFrom(...PIECES.filter((p) => p.kind === "neutral" || p.kind === "path")), weight: 3 },
      { arbitrary: fc.constantFrom(...PIECES.filter((p) => p.kind !== "neutral" && p.kind !== "path")), weight: 1 },
    ), { minLength: 0, maxLength: 4 }),
    dash: fc.integer({ min: 0, max: 8 }),
  });

  test(`random flag spellings, values, -- placements and path shapes write only in a real migrate run of existing paths (seed ${SEED})`, () => {
    let writes = 0;
    fc.assert(
      fc.property(line, ({ command, pieces, dash }) => {
        const dir = path.join(work, `cli-${counter++}`);
        cpSync(template, dir, { recursive: true });
        const repo = path.join(dir, "repo");
        const before = snapshotOf(dir);
        const at = Math.min(dash, pieces.length + 1); // pieces.length + 1: no `--` at all
        const args = [...(command ? [command] : []), ...pieces.slice(0, at).flatMap((p) => p.tokens), ...(at <= pieces.length ? ["--", ...pieces.slice(at).flatMap((p) => p.tokens)] : [])];
        const run = spawnSync(process.execPath, [path.join(ROOT, "bin/ds-migrate.js"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "" } });
        const after = snapshotOf(dir);
        const changed = Object.keys(before).filter((f) => before[f] !== after[f]);
        const label = `ds-migrate ${args.map((a) => JSON.stringify(a)).join(" ")} → exit ${run.status}\n${run.stderr}`;
        expect(after["outside.js"], label).toBe(before["outside.js"]);
        expect(run.stderr, label).not.toContain("unexpected error");
        if (asksToWrite(command, pieces, at)) {
          writes++;
          expect(run.status, label).toBe(0);
          expect(changed.length, label).toBeGreaterThan(0);
        } else {
          expect(changed, label).toEqual([]);
          expect(run.status, label).not.toBeNull();
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: Math.max(50, Math.floor(RUNS / 3)), seed: SEED, endOnFailure: true },
    );
    // Both sides of the oracle were exercised.
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(Math.max(50, Math.floor(RUNS / 3)));
  }, 180_000);
});

/** Every file under dir (git's own folder left out) with its bytes as latin1. */
function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === ".git") continue;
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, "latin1");
    }
  };
  walk(dir);
  return out;
}
