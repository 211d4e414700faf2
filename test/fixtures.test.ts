// Every fixture folder is a test: the migrated bytes must equal output.<ext> exactly
// (no trimming: CRLF, BOM and final newlines count), the findings must equal
// findings.txt, a second run must change nothing, and input, expected and actual
// output must all be valid syntax. UPDATE_FIXTURES=1 rewrites the expected files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { parse } from "@babel/parser";
import { parseTree, type ParseError } from "jsonc-parser";
import { parseTOML } from "toml-eslint-parser";
import { parseDocument } from "yaml";
import { makeProcessor, type FileResult } from "../dist/src/process.js";
import { DEFAULT_RULES, type Settings } from "../dist/src/rules.js";
import { loadConfig } from "../dist/src/config.js";
import { pluginsFor } from "../dist/transforms/js-ts/ast.js";
import { fixtureVariants, type FixtureCase } from "./helpers/fixtures.js";

const JS_EXTENSIONS = new Set([".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"]);

const update = process.env.UPDATE_FIXTURES === "1" && !process.env.CI;

function settingsFor(c: FixtureCase): Settings {
  const rules = c.options.config ? loadConfig(path.join(c.dir, c.options.config)).rules : DEFAULT_RULES;
  return { rules, target: c.options.target ?? "flash", dialect: c.options.thinkingParam ?? "thinking", today: "2026-11-25" };
}

function describeFindings(result: FileResult | undefined): string {
  if (!result) return "";
  const lines = result.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}${f.suppression ? ` [suppressed by ${f.suppression.directive} at line ${f.suppression.line}]` : ""}: ${f.message}`);
  if (result.problem) lines.unshift(`! ${result.problem}`);
  return lines.map((l) => l + "\n").join("");
}

function assertParses(c: FixtureCase, file: string, text: string): void {
  if (c.ext === ".py") {
    execFileSync(pythonFor(c.options.minPython ?? "3.8")!, ["-c", "import sys; compile(sys.stdin.read(), sys.argv[1], 'exec')", file], { input: text });
  } else if (c.ext === ".json" || c.ext === ".jsonc") {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: c.ext === ".jsonc" });
    expect(errors, file).toEqual([]);
  } else if (c.ext === ".yaml") {
    expect(parseDocument(text).errors, file).toEqual([]);
  } else if (c.ext === ".toml") {
    parseTOML(text);
  } else if (c.ext === ".ipynb") {
    JSON.parse(text);
  } else if (c.ext === ".sh") {
    execFileSync("bash", ["-n"], { input: text });
  } else if (JS_EXTENSIONS.has(c.ext)) {
    parse(text.replace(/^\uFEFF/, ""), { sourceType: "unambiguous", plugins: pluginsFor(file), errorRecovery: false });
  }
}

/** A Python interpreter of at least this version: python3, or a newer one on PATH or under pyenv. */
const pythons = new Map<string, string | undefined>();

function pythonFor(min: string): string | undefined {
  if (!pythons.has(min)) pythons.set(min, findPython(min));
  return pythons.get(min);
}

function findPython(min: string): string | undefined {
  const [major, minor] = min.split(".").map(Number) as [number, number];
  const pyenv = path.join(homedir(), ".pyenv/versions");
  const candidates = ["python3", "python3.13", "python3.12", ...(existsSync(pyenv) ? readdirSync(pyenv).sort().reverse().map((v) => path.join(pyenv, v, "bin/python3")) : [])];
  for (const exe of candidates) {
    try {
      const [a, b] = execFileSync(exe, ["-c", "import sys; print(*sys.version_info[:2])"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split(" ").map(Number) as [number, number];
      if (a > major || (a === major && b >= minor)) return exe;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

/** .env files are recognised by name, not extension: input.env is analysed as ".env"; options.path names a test file. */
function reportedName(c: FixtureCase): string {
  if (c.options.path) return c.options.path;
  return c.ext === ".env" ? ".env" : `input${c.ext}`;
}

const cases = fixtureVariants();

describe.each(cases)("fixture $name", (c) => {
  test("migrates to output exactly, with the expected findings", async () => {
    const processor = makeProcessor(settingsFor(c));
    const input = readFileSync(c.input, "utf8");
    const result = await processor.process(c.input, reportedName(c));
    const actual = result?.status === "changed" ? result.after! : input;
    const findings = describeFindings(result);
    if (update) {
      mkdirSync(path.dirname(c.output), { recursive: true });
      writeFileSync(c.output, actual);
      writeFileSync(c.findings, findings);
    }
    expect(existsSync(c.output), `${c.name}: missing output${c.ext}`).toBe(true);
    expect(actual).toBe(readFileSync(c.output, "utf8"));
    expect(findings).toBe(existsSync(c.findings) ? readFileSync(c.findings, "utf8") : "");
  });

  test("second run is a no-op", async () => {
    const processor = makeProcessor(settingsFor(c));
    const result = await processor.process(c.output, reportedName(c));
    expect(result?.status ?? "unchanged").not.toBe("changed");
  });

  // A fixture of newer Python syntax needs that Python's compiler; machines without one skip this check only.
  test.skipIf(c.ext === ".py" && !!c.options.minPython && !pythonFor(c.options.minPython))("input and expected output are valid syntax", () => {
    if (c.options.invalidSyntax) return; // the point of that fixture
    assertParses(c, c.input, readFileSync(c.input, "utf8"));
    assertParses(c, c.output, readFileSync(c.output, "utf8"));
  });
});
