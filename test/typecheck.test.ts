// Migrated TypeScript must type-check against the real openai package: every TS
// fixture's expected output goes through `tsc --noEmit --strict`. (The plain property
// `thinking: ...` fails openai's excess-property check; this test is what proves the
// form ds-migrate writes does not.)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { tempDir } from "./helpers/cli.js";
import { fixtureCases, fixtureVariants } from "./helpers/fixtures.js";

const TS = new Set([".ts", ".mts", ".cts"]);
const root = path.resolve(import.meta.dirname, "..");

export function typecheck(files: string[], moduleResolution: "NodeNext" | "Bundler" = "NodeNext"): string {
  const dir = tempDir("ds-migrate-tsc-");
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "ES2022",
      module: moduleResolution === "Bundler" ? "ESNext" : "NodeNext",
      moduleResolution,
      types: ["node"],
      typeRoots: [path.join(root, "node_modules/@types")],
      skipLibCheck: true,
    },
    files,
  };
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
  try {
    execFileSync(path.join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8", cwd: root });
    return "";
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

test("every migrated TypeScript fixture type-checks against openai", () => {
  const files = fixtureVariants()
    .filter((c) => TS.has(c.ext) && c.options.typecheck !== false)
    .map((c) => c.output);
  expect(files.length).toBeGreaterThan(10);
  expect(typecheck(files)).toBe("");
});

test("the check catches a plain thinking property in a streamed create() (so the test above means something)", () => {
  // Inside the project so that "openai" resolves from its node_modules.
  mkdirSync(path.join(root, "node_modules/.cache"), { recursive: true });
  const dir = mkdtempSync(path.join(root, "node_modules/.cache/ds-migrate-tsc-"));
  const file = path.join(dir, "plain.ts");
  writeFileSync(file, [
    'import OpenAI from "openai";',
    "const client = new OpenAI({ apiKey: 'k' });",
    'export const s = client.chat.completions.create({ model: "deepseek-v4-flash", thinking: { type: "disabled" }, messages: [], stream: true });',
    "",
  ].join("\n"));
  try {
    expect(typecheck([file])).toMatch(/thinking/);
  } finally {
    execFileSync("rm", ["-rf", dir]);
  }
});

test("every migrated Python fixture compiles (python3 -m py_compile)", () => {
  const files = fixtureVariants()
    // Newer-syntax fixtures are compiled by their own Python in fixtures.test.ts.
    .filter((c) => c.ext === ".py" && c.options.typecheck !== false && !c.options.invalidSyntax && !c.options.minPython)
    .map((c) => c.output);
  expect(files.length).toBeGreaterThan(10);
  const cache = tempDir("ds-migrate-pyc-");
  // Throws (and fails the test) with the compiler's message if any file does not compile.
  execFileSync("python3", ["-m", "py_compile", ...files], { env: { ...process.env, PYTHONPYCACHEPREFIX: cache }, encoding: "utf8" });
});

test("the migrated sample app (test/e2e/legacy-app.expected) type-checks and compiles", () => {
  const dir = path.join(root, "test/e2e/legacy-app.expected");
  const files = (readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f));
  // agents.ts imports LangChain and the AI SDK, which are not dev dependencies here; its
  // rewrites are covered by the js-libs fixtures.
  expect(typecheck(files.filter((f) => f.endsWith(".ts") && !f.endsWith("agents.ts")))).toBe("");
  const cache = tempDir("ds-migrate-pyc-");
  execFileSync("python3", ["-m", "py_compile", ...files.filter((f) => f.endsWith(".py"))], { env: { ...process.env, PYTHONPYCACHEPREFIX: cache } });
});

test("migrated TypeScript in project fixtures type-checks", () => {
  const fixtures = path.join(root, "fixtures/cross-module");
  const files = (readdirSync(fixtures, { recursive: true }) as string[])
    .filter((f) => f.includes(`${path.sep}output${path.sep}`) && f.endsWith(".ts") && !f.startsWith("tsconfig-paths-alias") && !f.startsWith("workspace-package"))
    .map((f) => path.join(fixtures, f));
  expect(files.length).toBeGreaterThan(3);
  // Apps built with a bundler import without extensions, as these fixtures do.
  expect(typecheck(files, "Bundler")).toBe("");
});
