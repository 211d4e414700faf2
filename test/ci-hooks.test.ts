// The CI entry points other tools read: .pre-commit-hooks.yaml, action.yml and the examples
// in examples/ci must agree with each other and with the CLI they run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { cli, project, ROOT } from "./helpers/cli.js";

const yaml = (file: string) => parse(readFileSync(path.join(ROOT, file), "utf8"));


describe("pre-commit", () => {
  const hooks = yaml(".pre-commit-hooks.yaml") as Array<{ id: string; entry: string; language: string; types_or: string[] }>;

  test("the hooks run the CLI on every text file; the example config names a hook that exists", () => {
    expect(hooks.map((h) => h.id)).toEqual(["ds-migrate", "ds-migrate-fix"]);
    for (const h of hooks) {
      expect(h.language).toBe("node");
      expect(h.types_or).toEqual(["text"]);
    }
    expect(hooks[0]!.entry).toBe("ds-migrate check");
    // The fixer writes the staged files (reading the rest), then fails while a legacy ID is left.
    expect(hooks[1]!.entry).toBe(`sh -c 'ds-migrate --force --context . "$@" && ds-migrate check --context . "$@"' ds-migrate-fix`);
    const example = yaml("examples/ci/pre-commit-config.yaml");
    const used = example.repos.flatMap((r: { hooks: Array<{ id: string }> }) => r.hooks.map((h) => h.id));
    expect(used.every((id: string) => hooks.some((h) => h.id === id))).toBe(true);
  });
  // The hooks run by the real pre-commit (its node environment built from a clone): test/install.test.ts.
});

describe("GitHub Action", () => {
  const action = yaml("action.yml");

  test("a composite action whose steps install from the lockfile and run check with github annotations", () => {
    expect(action.runs.using).toBe("composite");
    const scripts = action.runs.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    expect(scripts).toContain("npm ci --prefix");
    expect(scripts).toContain('bin/ds-migrate.js" check $DS_PATHS --format github');
    expect(scripts).toContain("--format sarif");
    expect(Object.keys(action.inputs)).toEqual(["path", "strict", "sarif"]);
  });

  test("the example workflow uses the action with inputs it declares", () => {
    const workflow = yaml("examples/ci/ds-migrate.yml");
    const step = workflow.jobs.check.steps.find((s: { uses?: string }) => s.uses?.includes("/ds-migrate@"));
    expect(step).toBeDefined();
    expect(Object.keys(step.with).every((k) => k in action.inputs)).toBe(true);
  });

  test("the check step's command, run as the action runs it, annotates and fails", () => {
    const dir = project({ "src/a.ts": 'export const m = JSON.stringify({ model: "deepseek-chat", messages: [] });\n' });
    const run = cli(["check", ".", "--format", "github"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=src\/a\.ts,line=1,/m);
  });
});
