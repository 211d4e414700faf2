// The ESLint plugin: RuleTester cases (reports, fixes, suggestions); every single-file JS/TS
// fixture fixed by the real ESLint gives the fixture's expected output byte for byte, in one
// fix pass; and the real `eslint` CLI, loading the plugin from the packed package, on a copy of
// examples/legacy-app reports what `ds-migrate check` reports and fixes what `ds-migrate` writes.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, test } from "vitest";
import { ESLint, Linter, RuleTester } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin from "../dist/src/eslint-plugin.js";
import { analyzeSource, analyzeSourceSync } from "../dist/src/index.js";
import { fixtureVariants, type FixtureCase } from "./helpers/fixtures.js";
import { BIN, cli, ROOT, tempDir } from "./helpers/cli.js";

const JS_TS = /\.(?:[cm]?[jt]sx?)$/;
const TODAY = "2026-11-25";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

describe("plugin object", () => {
  test("meta, the rule, and a flat recommended config that enables it as an error", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(plugin.meta).toEqual({ name: "ds-migrate", version: pkg.version, namespace: "ds-migrate" });
    expect(Object.keys(plugin.rules)).toEqual(["legacy-model"]);
    expect(plugin.configs.recommended).toEqual({ name: "ds-migrate/recommended", plugins: { "ds-migrate": plugin }, rules: { "ds-migrate/legacy-model": "error" } });
  });
});

const OPENAI = `import OpenAI from "openai";\nconst client = new OpenAI({ baseURL: "https://api.deepseek.com/v1" });\n`;
const ask = (model: string, extra = "") => `export const ask = (content) => client.chat.completions.create({ model: ${model},${extra} messages: [{ role: "user", content }] });\n`;
const LEGACY_CHAT = 'legacy-model-id: Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24).';
const LEGACY_REASONER = 'legacy-model-id: Legacy model ID "deepseek-reasoner" → "deepseek-flash" (deadline 2026-07-24).';
const MODE_OFF = "thinking-mode: V4 thinks by default: set the mode explicitly (non-thinking) to keep this request's behaviour.";
const MODE_ON = "thinking-mode: V4 thinks by default: set the mode explicitly (thinking) to keep this request's behaviour.";

const ruleTester = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } });

ruleTester.run("ds-migrate/legacy-model", plugin.rules["legacy-model"], {
  valid: [
    // A V4 ID with its mode stated: nothing to do.
    { code: OPENAI + ask('"deepseek-flash"', ' thinking: { type: "disabled" },'), filename: "ok.js", options: [{ today: TODAY }] },
    // Silenced by ds-migrate's own comment: never reported, never fixed.
    { code: OPENAI + "// ds-migrate-ignore-next-line -- replay tests pin it\n" + ask('"deepseek-chat"'), filename: "pinned.js", options: [{ today: TODAY }] },
    // An ID in a comment is information: only reported with { info: true }.
    { code: "// Moved off deepseek-chat last year.\nexport const n = 1;\n", filename: "note.js", options: [{ today: TODAY }] },
    // Only JS/TS is analysed: a component parsed as JS by some parser is left to `ds-migrate check`.
    { code: 'export const model = "deepseek-chat";\n', filename: "Panel.vue", options: [{ today: TODAY }] },
  ],
  invalid: [
    {
      name: "the ID and the mode written at the request are one fix",
      code: OPENAI + ask('"deepseek-chat"'),
      filename: "inline.js",
      options: [{ today: TODAY }],
      output: OPENAI + ask('"deepseek-flash", thinking: { type: "disabled" }'),
      errors: [
        { message: MODE_OFF, line: 3, column: 66, endLine: 3, endColumn: 88 },
        { message: LEGACY_CHAT, line: 3, column: 73, endLine: 3, endColumn: 88 },
      ],
    },
    {
      name: "two requests far apart: two separate fixes, applied in one pass",
      code: OPENAI + ask('"deepseek-chat"') + "\n" + ask('"deepseek-reasoner"').replace("ask", "think"),
      filename: "two.js",
      options: [{ today: TODAY }],
      output: OPENAI + ask('"deepseek-flash", thinking: { type: "disabled" }') + "\n" + ask('"deepseek-flash", thinking: { type: "enabled" }').replace("ask", "think"),
      errors: [
        { message: MODE_OFF, line: 3 },
        { message: LEGACY_CHAT, line: 3 },
        { message: MODE_ON, line: 5 },
        { message: LEGACY_REASONER, line: 5 },
      ],
    },
    {
      name: "constants defined above their requests: interleaved edits make one group, every report carries it",
      code: OPENAI + 'const FAST = "deepseek-chat";\nconst DEEP = "deepseek-reasoner";\n' + ask("FAST").replace("ask", "quick") + ask("DEEP").replace("ask", "deep"),
      filename: "consts.js",
      options: [{ today: TODAY }],
      output: OPENAI + 'const FAST = "deepseek-flash";\nconst DEEP = "deepseek-flash";\n' + ask("FAST", ' thinking: { type: "disabled" },').replace("ask", "quick") + ask("DEEP", ' thinking: { type: "enabled" },').replace("ask", "deep"),
      errors: [
        { message: LEGACY_CHAT, line: 3, column: 14 },
        { message: LEGACY_REASONER, line: 4, column: 14 },
        { message: MODE_OFF, line: 5 },
        { message: MODE_ON, line: 6 },
      ],
    },
    {
      name: "plain http base URL",
      code: 'export const url = "http://api.deepseek.com/v1/chat/completions";\n',
      filename: "http.js",
      options: [{ today: TODAY }],
      output: 'export const url = "https://api.deepseek.com/v1/chat/completions";\n',
      errors: [{ message: 'insecure-base-url: "http://api.deepseek.com/v1/chat/completions" sends the API key over plain http → "https://api.deepseek.com/v1/chat/completions".', line: 1, column: 20, endColumn: 65 }],
    },
    {
      name: "an unproven use: no fix, the ID swap only as a suggestion",
      code: 'import { callLLM } from "./llm";\nexport const summary = (text) => callLLM({ model: "deepseek-chat", prompt: text });\n',
      filename: "wrapper.js",
      options: [{ today: TODAY }],
      output: null,
      errors: [
        {
          message: 'legacy-id-unproven: "deepseek-chat" is in an object (as its `.model`) passed to `callLLM()`, imported from "./llm", where ds-migrate found no request this parameter reaches, so ds-migrate cannot prove it is the model of a DeepSeek request: not rewritten. If it is, change it to "deepseek-flash" and set thinking: {"type":"disabled"} where the request is sent (V4 thinks by default).',
          line: 2,
          column: 51,
          suggestions: [
            {
              messageId: "swapUnproven",
              data: { from: "deepseek-chat", to: "deepseek-flash" },
              output: 'import { callLLM } from "./llm";\nexport const summary = (text) => callLLM({ model: "deepseek-flash", prompt: text });\n',
            },
          ],
        },
      ],
    },
    {
      name: "an exported ID no request here uses: the mode belongs in another file, so the rewrite is only a suggestion",
      code: 'export const DEFAULT_MODEL = "deepseek-chat";\n',
      filename: "models.js",
      options: [{ today: TODAY }],
      output: null,
      errors: [
        {
          message: LEGACY_CHAT,
          line: 1,
          column: 30,
          suggestions: [{ messageId: "rewriteHere", output: 'export const DEFAULT_MODEL = "deepseek-flash";\n' }],
        },
        {
          message: 'set-mode-at-consumer: "deepseek-chat" was a non-thinking model and V4 thinks by default: set thinking: {"type":"disabled"} where the value is sent (no use of it was found in this file or in the modules that import it).',
          line: 1,
          column: 30,
        },
      ],
    },
    {
      name: "info findings with { info: true }, a text swap as the suggestion",
      code: "// Moved off deepseek-chat last year.\nexport const n = 1;\n",
      filename: "note.js",
      options: [{ today: TODAY, info: true }],
      output: null,
      errors: [
        {
          message: "legacy-id-in-text: A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.",
          line: 1,
          column: 1,
          suggestions: [{ desc: 'Change "deepseek-chat" to "deepseek-flash" in this text', output: "// Moved off deepseek-flash last year.\nexport const n = 1;\n" }],
        },
      ],
    },
    {
      name: "TypeScript, with the target option",
      code: OPENAI.replace("const client", "const client: OpenAI") + "export async function think(q: string): Promise<unknown> {\n  return client.chat.completions.create({ model: \"deepseek-reasoner\", messages: [{ role: \"user\", content: q }] });\n}\n",
      filename: "think.ts",
      languageOptions: { parser: tsParser },
      options: [{ today: TODAY, target: "pro" }],
      output: OPENAI.replace("const client", "const client: OpenAI") + "export async function think(q: string): Promise<unknown> {\n  return client.chat.completions.create({ model: \"deepseek-v4-pro\", ...{ thinking: { type: \"enabled\" } }, messages: [{ role: \"user\", content: q }] });\n}\n",
      errors: [
        { message: MODE_ON, line: 4, column: 43 },
        { message: 'legacy-model-id: Legacy model ID "deepseek-reasoner" → "deepseek-v4-pro" (deadline 2026-07-24).', line: 4, column: 50 },
      ],
    },
    {
      name: "places in ESLint's own lines: a U+2028 in a comment is a line break to ESLint, not to the engine",
      code: '// note\u2028more\nexport const url = "http://api.deepseek.com/v1";\n',
      filename: "sep.js",
      options: [{ today: TODAY }],
      output: '// note\u2028more\nexport const url = "https://api.deepseek.com/v1";\n',
      errors: [{ message: 'insecure-base-url: "http://api.deepseek.com/v1" sends the API key over plain http → "https://api.deepseek.com/v1".', line: 3, column: 20, endLine: 3, endColumn: 48 }],
    },
    {
      name: "a name ESLint gives text without a file (stdin, the API) is read as JavaScript",
      code: 'export const url = "http://api.deepseek.com/v1";\n',
      options: [{ today: TODAY }],
      output: 'export const url = "https://api.deepseek.com/v1";\n',
      errors: [{ message: 'insecure-base-url: "http://api.deepseek.com/v1" sends the API key over plain http → "https://api.deepseek.com/v1".' }],
    },
  ],
});

describe("one report's fix alone (an editor's quick fix)", () => {
  test("rewriting a constant's ID also writes the mode at the request it reaches, lines away", () => {
    const code = OPENAI + 'const MODEL = "deepseek-chat";\n\n' + ask("MODEL");
    const linter = new Linter();
    const messages = linter.verify(code, [{ plugins: { "ds-migrate": plugin }, rules: { "ds-migrate/legacy-model": ["error", { today: TODAY }] } }], { filename: "quick.js" });
    expect(messages.map((m) => `${m.line}:${m.column} ${m.message.split(":")[0]}`)).toEqual(["3:15 legacy-model-id", "5:66 thinking-mode"]);
    const migrated = OPENAI + 'const MODEL = "deepseek-flash";\n\n' + ask("MODEL", ' thinking: { type: "disabled" },');
    for (const m of messages) {
      const { range, text } = m.fix!;
      expect(code.slice(0, range[0]) + text + code.slice(range[1]), m.message).toBe(migrated);
    }
  });
});

describe("analyzeSource (the programmatic single-text API)", () => {
  test("gives the fixture's findings and migrated text, BOM kept", async () => {
    const dir = path.join(ROOT, "fixtures/js-ts/bom-preserved");
    const input = readFileSync(path.join(dir, "input.ts"), "utf8");
    expect(input.startsWith("\uFEFF")).toBe(true);
    const result = await analyzeSource("input.ts", input, { today: TODAY, cwd: dir });
    expect(result.status).toBe("changed");
    expect(result.after).toBe(readFileSync(path.join(dir, "output.ts"), "utf8"));
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}\n`).join("")).toBe(readFileSync(path.join(dir, "findings.txt"), "utf8"));
    expect(analyzeSourceSync("plain.ts", "export const n = 1;\n")).toEqual({ file: "plain.ts", status: "unchanged", findings: [] });
  });

  test("the sync form names what to load first when the language is not loaded", () => {
    expect(() => analyzeSourceSync("settings.yaml", "model: deepseek-chat\n")).toThrow('ds-migrate: no analyzer is loaded for settings.yaml; await loadLanguageOf("settings.yaml") (or analyzeSource) once before analyzeSourceSync.');
  });
});

describe("the config option", () => {
  test("a config file's own legacy IDs are reported and fixed, and a bad path is an error naming it", () => {
    const dir = tempDir("ds-migrate-eslint-");
    writeFileSync(path.join(dir, "ds-migrate.json"), JSON.stringify({ legacyModels: { "acme-deepseek-chat": { mode: "non-thinking" } } }));
    const linter = new Linter({ cwd: dir });
    const config = (options: object): Linter.Config[] => [{ files: ["**/*.js"], plugins: { "ds-migrate": plugin }, rules: { "ds-migrate/legacy-model": ["error", options] } }];
    const code = OPENAI + ask('"acme-deepseek-chat"');
    const fixed = linter.verifyAndFix(code, config({ config: "ds-migrate.json", today: TODAY }), { filename: path.join(dir, "a.js") });
    expect(fixed.output).toBe(OPENAI + ask('"deepseek-flash", thinking: { type: "disabled" }'));
    expect(fixed.messages).toEqual([]);
    expect(() => linter.verify(code, config({ config: "missing.json" }), { filename: path.join(dir, "a.js") })).toThrow(`config ${path.join(dir, "missing.json")}: cannot read it (ENOENT)`);
  });
});

/** The engine's options for a fixture, as rule options (a config file resolved in its folder). */
function ruleOptions(c: FixtureCase): Record<string, unknown> {
  return {
    today: TODAY,
    ...(c.options.target ? { target: c.options.target } : {}),
    ...(c.options.thinkingParam ? { thinkingParam: c.options.thinkingParam } : {}),
    ...(c.options.config ? { config: path.join(c.dir, c.options.config) } : {}),
  };
}

function eslintConfig(options: Record<string, unknown>): Linter.Config[] {
  return [{ files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } }, plugins: { "ds-migrate": plugin }, rules: { "ds-migrate/legacy-model": ["error", options] } }];
}

const jsFixtures = fixtureVariants().filter((c) => JS_TS.test(c.ext));

describe("eslint --fix gives the fixture's expected output, byte for byte", () => {
  test("there are JS/TS fixtures to compare", () => {
    expect(jsFixtures.length).toBeGreaterThan(100);
  });

  test.each(jsFixtures)("$name", async (c) => {
    const input = readFileSync(c.input, "utf8");
    const expected = readFileSync(c.output, "utf8");
    const filePath = path.join(c.dir, c.options.path ?? `input${c.ext}`);
    const eslint = new ESLint({ cwd: c.dir, overrideConfigFile: true, overrideConfig: eslintConfig(ruleOptions(c)), fix: true });
    const [result] = await eslint.lintText(input, { filePath });
    if (c.options.invalidSyntax) {
      // The one place they differ: ESLint's parser fails first, so the rule never runs and only
      // the parse error is reported (ds-migrate reports the IDs it finds by text search). Neither writes.
      expect(result!.messages.map((m) => [m.fatal, m.message.startsWith("Parsing error:")])).toEqual([[true, true]]);
      expect(result!.output).toBeUndefined();
      expect(expected).toBe(input);
      return;
    }
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result!.output ?? input).toBe(expected);

    // And in one pass: the distinct fixes never overlap or touch, so nothing waits for a re-lint.
    const linter = new Linter({ cwd: c.dir });
    const body = input.replace(/^\uFEFF/, "");
    const fixes = [...new Map(linter.verify(input, eslintConfig(ruleOptions(c)), { filename: filePath }).flatMap((m) => (m.fix ? [[`${m.fix.range}:${m.fix.text}`, m.fix] as const] : []))).values()].sort((a, b) => a.range[0] - b.range[0]);
    let out = "";
    let last = 0;
    for (const fix of fixes) {
      expect(fix.range[0]).toBeGreaterThan(last === 0 ? -1 : last);
      out += body.slice(last, fix.range[0]) + fix.text;
      last = fix.range[1];
    }
    expect((input.startsWith("\uFEFF") ? "\uFEFF" : "") + out + body.slice(last)).toBe(expected);
  });
});

describe("the eslint CLI on examples/legacy-app, with the plugin installed from the packed package", () => {
  const root = tempDir("ds-migrate-eslint-app-");
  const app = path.join(root, "app");
  const byCli = path.join(root, "by-cli");
  const eslintBin = path.join(ROOT, "node_modules/eslint/bin/eslint.js");
  const JS_FILES = ["src/agents.ts", "src/client.ts", "src/dynamic.ts", "src/http.js", "src/router.ts"];

  test("npm pack ships the plugin, and it loads through the package's exports", () => {
    const listing = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }))[0].files.map((f: { path: string }) => f.path);
    expect(listing).toEqual(expect.arrayContaining(["dist/src/eslint-plugin.js", "dist/src/eslint-plugin.d.ts", "dist/transforms/js-ts/index.js", "package.json"]));
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", root], { cwd: ROOT, encoding: "utf8" }))[0].filename;
    // Installed as a user's project has it: the tarball unpacked in node_modules, its dependencies beside it.
    const installed = path.join(root, "node_modules/ds-migrate");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(root, packed), "-C", installed, "--strip-components=1"]);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    for (const dep of [...Object.keys(pkg.dependencies), "eslint", "@typescript-eslint/parser"]) {
      mkdirSync(path.dirname(path.join(root, "node_modules", dep)), { recursive: true });
      symlinkSync(path.join(ROOT, "node_modules", dep), path.join(root, "node_modules", dep), "dir");
    }
    cpSync(path.join(ROOT, "examples/legacy-app"), app, { recursive: true });
    cpSync(path.join(ROOT, "examples/legacy-app"), byCli, { recursive: true });
    writeFileSync(path.join(root, "eslint.config.js"), [
      'import dsMigrate from "ds-migrate/eslint-plugin";',
      'import tsParser from "@typescript-eslint/parser";',
      "",
      "export default [",
      '  { files: ["**/*.ts"], languageOptions: { parser: tsParser } },',
      "  dsMigrate.configs.recommended,",
      "];",
      "",
    ].join("\n"));
    expect(existsSync(path.join(installed, "dist/src/eslint-plugin.js"))).toBe(true);
  });

  const eslint = (...args: string[]) => spawnSync(process.execPath, [eslintBin, "--config", path.join(root, "eslint.config.js"), ...args], { cwd: app, encoding: "utf8" });

  test("reports what `ds-migrate check` reports for the JS/TS files (rule, message, place), and exits 1", () => {
    const run = eslint("--format", "json", ".");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const linted = (JSON.parse(run.stdout) as ESLint.LintResult[]).flatMap((r) =>
      r.messages.map((m) => `${path.relative(app, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.severity} ${m.message}`));
    const check = cli(["check", ".", "--format", "json", "--today", TODAY], app);
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout) as { findings: Array<{ file: string; line: number; column: number; ruleId: string; severity: string; message: string; edits?: unknown[]; suppression?: unknown }> };
    const expected = report.findings
      .filter((f) => JS_TS.test(f.file) && !f.suppression && (f.severity !== "info" || (f.edits?.length ?? 0) > 0))
      .map((f) => `${f.file}:${f.line}:${f.column} ds-migrate/legacy-model 2 ${f.ruleId}: ${f.message}`);
    expect(linted.sort()).toEqual(expected.sort());
    expect(linted.length).toBe(21);
    expect(linted.filter((l) => l.startsWith("src/router.ts")).map((l) => l.split(" ")[0])).toEqual(["src/router.ts:15:20", "src/router.ts:5:10"]);
  });

  test("--fix writes the same bytes as `ds-migrate` on the same copy, and leaves only the review findings", () => {
    const run = eslint("--fix", "--format", "json", ".");
    expect(run.status).toBe(1);
    const left = (JSON.parse(run.stdout) as ESLint.LintResult[]).flatMap((r) => r.messages.map((m) => `${path.relative(app, r.filePath)}:${m.line}:${m.column} ${m.message.split(":")[0]}`));
    expect(left.sort()).toEqual(["src/dynamic.ts:7:50 dynamic-model", "src/router.ts:15:20 legacy-id-identity", "src/router.ts:5:10 model-collision"]);
    const migrate = spawnSync(process.execPath, [BIN, ".", "--force", "--today", TODAY], { cwd: byCli, encoding: "utf8" });
    expect(migrate.status).toBe(0);
    for (const file of JS_FILES) {
      expect(readFileSync(path.join(app, file), "utf8"), file).toBe(readFileSync(path.join(byCli, file), "utf8"));
      if (file !== "src/router.ts") expect(readFileSync(path.join(app, file), "utf8"), file).not.toBe(readFileSync(path.join(ROOT, "examples/legacy-app", file), "utf8"));
    }
  });
});
