// The mode guarantee, as a property: after `ds-migrate` applies a migration, `check --strict`
// reports exactly the mode debt the apply run listed (requests that still owe an explicit
// thinking mode), on every fixture, every project fixture and the sample app. Nothing the
// migration changed may leave the gate silent.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { MODE_DEBT } from "../dist/src/findings.js";
import { check, migrate, type Report } from "../dist/src/index.js";
import { tempDir } from "./helpers/cli.js";
import { fixtureCases, projectCases, type FixtureCase } from "./helpers/fixtures.js";

const TODAY = "2026-11-25";
const DEBT_RULES = new Set(["implicit-thinking-mode", "dynamic-model", "no-thinking-pass-through"]);

/** Requests owing a mode, and the findings that say so, per file: positions move when a mode is written, so they are counted. */
function debtOf(report: Report): string[] {
  const ledger = report.requests.filter((r) => MODE_DEBT.includes(r.mode)).map((r) => `${r.file} request ${r.mode}`);
  const findings = report.findings.filter((f) => DEBT_RULES.has(f.ruleId) && !f.suppression).map((f) => `${f.file} finding ${f.ruleId}`);
  return [...ledger, ...findings].sort();
}

async function applyThenCheck(cwd: string, options: { target?: "flash" | "pro" | "v4-flash"; thinkingParam?: "thinking" | "thinking_mode"; config?: string } = {}) {
  const applied = await migrate({ cwd, paths: ["."], today: TODAY, force: true, ...options });
  const after = await check({ cwd, paths: ["."], today: TODAY, strict: true, ...options });
  return { applied, after };
}

function singleFileProject(c: FixtureCase): string {
  const dir = tempDir();
  const name = c.options.path ?? (c.ext === ".env" ? ".env" : `input${c.ext}`);
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), readFileSync(c.input));
  if (c.options.config) cpSync(path.join(c.dir, c.options.config), path.join(dir, c.options.config));
  return dir;
}

describe("apply, then check --strict: the same mode debt", () => {
  test.each(fixtureCases().filter((c) => !c.options.invalidSyntax).map((c) => [c.name, c] as const))("fixture %s", async (_name, c) => {
    const dir = singleFileProject(c);
    const options = { ...(c.options.target ? { target: c.options.target } : {}), ...(c.options.thinkingParam ? { thinkingParam: c.options.thinkingParam } : {}), ...(c.options.config ? { config: path.join(dir, c.options.config) } : {}) };
    const { applied, after } = await applyThenCheck(dir, options);
    expect(debtOf(after)).toEqual(debtOf(applied));
  });

  test.each(projectCases().filter((p) => !p.target).map((p) => [p.name, p] as const))("project %s", async (_name, p) => {
    const dir = path.join(tempDir(), "project");
    cpSync(path.join(p.dir, "input"), dir, { recursive: true });
    const { applied, after } = await applyThenCheck(dir);
    expect(debtOf(after)).toEqual(debtOf(applied));
  });

  test("the sample app", async () => {
    const dir = path.join(tempDir(), "legacy-app");
    cpSync(path.join(import.meta.dirname, "../examples/legacy-app"), dir, { recursive: true });
    const { applied, after } = await applyThenCheck(dir);
    expect(applied.summary.modeDebt).toBeGreaterThan(0);
    // Requests in docs, notebooks and components are in the ledger at their place in the file.
    const ledgerFiles = new Set(applied.requests.map((r) => r.file));
    for (const f of ["README.md", "notebooks/try-summary.ipynb", "web/AskPanel.vue", "worker/summarize.py", "src/client.ts"]) expect(ledgerFiles).toContain(f);
    expect(debtOf(after)).toEqual(debtOf(applied));
  });
});

describe("settings whose request is elsewhere", () => {
  test("after apply, the migrated value still says where the mode must be set", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, ".env"), "DEEPSEEK_MODEL=deepseek-chat\n");
    const { applied, after } = await applyThenCheck(dir);
    expect(applied.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["legacy-model-id error", "set-mode-at-consumer warning"]);
    expect(readFileSync(path.join(dir, ".env"), "utf8")).toBe("DEEPSEEK_MODEL=deepseek-flash\n");
    // The check after apply is strict: the untraced consumer's mode debt fails it.
    expect(after.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["set-mode-at-consumer error"]);
    expect(after.findings[0]!.message).toContain('"deepseek-flash" is a V4 model, which thinks by default');
  });
});

test("a settings store's default held for review, then fixed by hand: the request still owes a mode", async () => {
  // Saved settings replace a `conf` default, so the migration keeps it; a user who changes the
  // default by hand has not given the request a mode, and the gate must still say so.
  const dir = tempDir();
  const store = 'import Conf from "conf";\nconst store = new Conf({ projectName: "p", defaults: { model: "deepseek-chat" } });\nexport default store;\n';
  writeFileSync(path.join(dir, "store.js"), store);
  writeFileSync(path.join(dir, "ask.js"), 'import OpenAI from "openai";\nimport store from "./store.js";\nconst c = new OpenAI({ baseURL: "https://api.deepseek.com/v1" });\nexport const ask = () => c.chat.completions.create({ model: store.get("model"), messages: [] });\n');
  const { applied } = await applyThenCheck(dir);
  expect(readFileSync(path.join(dir, "store.js"), "utf8")).toBe(store);
  expect(applied.requests.map((r) => `${r.file} ${r.mode}`)).toEqual(["ask.js dynamic"]);
  writeFileSync(path.join(dir, "store.js"), store.replace("deepseek-chat", "deepseek-flash"));
  const after = await check({ cwd: dir, paths: ["."], today: TODAY, strict: true });
  expect(after.requests.map((r) => `${r.file} ${r.mode}`)).toEqual(["ask.js dynamic"]);
  expect(after.findings.map((f) => `${f.file} ${f.ruleId}`)).toContain("ask.js dynamic-model");
});

describe("a constant held for review, then fixed by hand", () => {
  // The migration keeps an imported constant it cannot prove (a library it does not know takes
  // it too); the user changes it to the V4 ID by hand: the request that imports it still owes a mode.
  test.each([
    ["TypeScript", "llm.ts", 'export const MODEL = "deepseek-chat";\n', "digest.ts",
      'import OpenAI from "openai";\nimport { MODEL } from "./llm";\nconst c = new OpenAI({ baseURL: "https://api.deepseek.com/v1" });\nexport const d = () => c.chat.completions.create({ model: MODEL, messages: [] });\n',
      "agent.ts", 'import { Agent } from "vendor-sdk";\nimport { MODEL } from "./llm";\nexport const a = new Agent(MODEL);\n'],
    ["Python", "llm.py", 'model = "deepseek-chat"\n', "digest.py",
      'from openai import OpenAI\nfrom llm import model\nc = OpenAI(base_url="https://api.deepseek.com/v1")\ndef d():\n    return c.chat.completions.create(model=model, messages=[])\n',
      "agent.py", 'from vendor_sdk import Agent\nfrom llm import model\na = Agent(model=model)\n'],
  ])("%s", async (_lang, defining, definition, requesting, request, other, otherUse) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, defining), definition);
    writeFileSync(path.join(dir, requesting), request);
    writeFileSync(path.join(dir, other), otherUse);
    const { applied } = await applyThenCheck(dir);
    expect(readFileSync(path.join(dir, defining), "utf8")).toBe(definition);
    expect(applied.requests.map((r) => `${r.file} ${r.mode}`)).toEqual([`${requesting} held`]);
    writeFileSync(path.join(dir, defining), definition.replace("deepseek-chat", "deepseek-flash"));
    const after = await check({ cwd: dir, paths: ["."], today: TODAY });
    expect(after.requests.map((r) => `${r.file} ${r.mode}`)).toEqual([`${requesting} implicit`]);
    expect(after.findings.map((f) => `${f.file} ${f.ruleId}`)).toContain(`${requesting} implicit-thinking-mode`);
  });
});

test("a request in a file that names no ID and already states its mode is in the ledger, its source without an arrow", async () => {
  // After a migration: the constant is V4, the importing module states the mode and has no finding.
  const dir = tempDir();
  writeFileSync(path.join(dir, "llm.py"), 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com/v1")\nMODEL = "deepseek-flash"\n');
  writeFileSync(path.join(dir, "app.py"), 'from llm import MODEL, client\n\ndef ask(q):\n    return client.chat.completions.create(model=MODEL, extra_body={"thinking": {"type": "disabled"}}, messages=[])\n');
  const report = await check({ cwd: dir, paths: ["."], today: TODAY });
  expect(report.requests.map((r) => `${r.file} ${r.mode} ${r.sources.join("; ")}`)).toEqual(['app.py explicit "deepseek-flash" (llm.py:3)']);
});
