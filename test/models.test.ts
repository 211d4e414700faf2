// The model lifecycle table: every row is sourced and dated, each target writes what the
// README says, each generation moves on (or stays) per target, config rows are checked,
// and `ds-migrate models` prints the table.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../dist/src/config.js";
import { lifecycleLines } from "../dist/src/deadline.js";
import { DEFAULT_MODELS, missingFields, type ModelRow } from "../dist/src/models.js";
import { DEFAULT_RULES, migrationOf, type Settings, type Target } from "../dist/src/rules.js";
import { wholeToken } from "../dist/src/text.js";
import { cli, project, tempDir } from "./helpers/cli.js";

const settings = (target: Target): Settings => ({ rules: DEFAULT_RULES, target, dialect: "thinking", today: "2026-12-02" });

describe("the table", () => {
  test.each(DEFAULT_MODELS.map((r) => [r.id, r] as const))("%s has a public source and every date its status needs", (_id, row) => {
    expect(missingFields(row)).toEqual([]);
    expect(row.source).toMatch(/^https:\/\/api-docs\.deepseek\.com\//);
  });

  test("a row without its source or date is caught (so the test above can fail)", () => {
    const alias: ModelRow = { id: "x", status: "alias", servedBy: "y", successor: "flash", source: "" };
    expect(missingFields(alias)).toEqual(["source", "aliasSince"]);
    const deprecated: ModelRow = { id: "x", status: "deprecated", servedBy: "y", successor: "target", source: "s" };
    expect(missingFields(deprecated)).toEqual(["deprecated", "mode"]);
  });

  test("IDs are unique and both current models are targets", () => {
    const ids = DEFAULT_MODELS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of DEFAULT_MODELS.filter((r) => r.status === "current")) expect(Object.values(DEFAULT_RULES.targets)).toContain(row.id);
  });
});

describe("what each ID becomes", () => {
  const cases: Array<[Target, string, string | undefined, string | undefined]> = [
    // target, id, replacement, mode written (undefined: the request keeps its own)
    ["flash", "deepseek-chat", "deepseek-flash", "non-thinking"],
    ["flash", "deepseek-reasoner", "deepseek-flash", "thinking"],
    ["flash", "deepseek-v4-flash", "deepseek-flash", undefined],
    ["flash", "deepseek-v4-flash-vision-exp", "deepseek-flash", undefined],
    ["pro", "deepseek-chat", "deepseek-v4-pro", "non-thinking"],
    // Pro is chosen for the deprecated IDs; an alias moves to the model that already serves it, never to a dearer one.
    ["pro", "deepseek-v4-flash", "deepseek-flash", undefined],
    ["v4-flash", "deepseek-reasoner", "deepseek-v4-flash", "thinking"],
    ["v4-flash", "deepseek-v4-flash-vision-exp", "deepseek-v4-flash", undefined],
  ];
  test.each(cases)("--target %s: %s → %s", (target, id, replacement, mode) => {
    const m = migrationOf(id, settings(target));
    expect(m?.replacement).toBe(replacement);
    expect(m?.keepsMode ? undefined : m?.mode).toBe(mode);
  });

  test.each([
    ["flash", "deepseek-flash"], ["flash", "deepseek-v4-pro"], ["pro", "deepseek-v4-pro"],
    ["v4-flash", "deepseek-v4-flash"], ["v4-flash", "deepseek-flash"],
  ] as Array<[Target, string]>)("--target %s: %s stays (current, or the chosen target)", (target, id) => {
    expect(migrationOf(id, settings(target))).toBeUndefined();
  });
});

describe("whole tokens", () => {
  test.each([
    ["deepseek-v4-flash-vision-exp", 0, 17, false],
    ["deepseek-chat-v3-0324", 0, 13, false],
    ["laravel-deepseek-chat", 8, 21, false],
    ["deepseek-chat.css", 0, 13, false],
    ["openrouter:deepseek-chat:free", 11, 24, false],
    ['"deepseek/deepseek-chat"', 10, 23, true],
    ["use deepseek-chat.", 4, 17, true],
    ["model: deepseek-chat", 7, 20, true],
  ] as Array<[string, number, number, boolean]>)("%s", (text, start, end, whole) => {
    expect(wholeToken(text, start, end)).toBe(whole);
  });
});

describe("lifecycle lines", () => {
  test("each generation found, with its status and date", () => {
    const lines = lifecycleLines(DEFAULT_MODELS, { "deepseek-chat": 2, "deepseek-reasoner": 1, "deepseek-v4-flash": 3 }, "2026-12-02");
    expect(lines.map((l) => l.text)).toEqual([
      "deepseek-chat, deepseek-reasoner: deprecated since 2026-07-24 (131 days ago): requests with these IDs fail",
      "deepseek-v4-flash: retired model, served by DeepSeek-V4.1-Flash under a temporary alias since 2026-09-10; no removal date announced",
    ]);
    expect(lines.map((l) => [l.count, l.failing])).toEqual([[3, true], [3, false]]);
  });
});

describe("config rows", () => {
  const write = (config: unknown) => {
    const file = path.join(tempDir(), "ds-migrate.json");
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  test("a team's row is added with the config file as its source; an alias with a passed removal date is an error", () => {
    const rules = loadConfig(write({ models: { "deepseek-coder": { status: "deprecated", mode: "non-thinking", deprecated: "2026-07-24" }, "deepseek-v4-flash": { removal: "2026-11-30" } } })).rules;
    const coder = rules.models.find((r: ModelRow) => r.id === "deepseek-coder")!;
    expect(coder).toMatchObject({ status: "deprecated", successor: "target", mode: "non-thinking" });
    expect(coder.source).toMatch(/ds-migrate\.json$/);
    expect(rules.models.find((r: ModelRow) => r.id === "deepseek-v4-flash")).toMatchObject({ status: "alias", removal: "2026-11-30", aliasSince: "2026-09-10" });
  });

  test.each([
    [{ models: { "my-alias": { status: "alias" } } }, /models\.my-alias.*"aliasSince"/],
    [{ models: { "my-id": { mode: "thinking" } } }, /models\.my-id\.status/],
    [{ models: { "my-id": { status: "gone" } } }, /models\.my-id\.status/],
    [{ models: { "deepseek-chat": { deprecated: "soon" } } }, /models\.deepseek-chat\.deprecated.*YYYY-MM-DD/],
    [{ models: { "deepseek-chat": { colour: "red" } } }, /models\.deepseek-chat\.colour/],
    [{ targets: { flash: "" } }, /targets\.flash.*current model ID/],
    [{ targets: { flash: "deepseek-chat" } }, /targets\.flash.*current model ID/],
    [{ targets: { turbo: "deepseek-flash" } }, /targets\.turbo/],
    [{ target: "turbo" }, /"target" must be one of "flash", "pro", "v4-flash"/],
  ])("%j is refused with a message naming the key", (config, message) => {
    expect(() => loadConfig(write(config))).toThrow(message);
  });
});

describe("ds-migrate models", () => {
  test("text: every row with its status, dates, successor and source, and the targets", () => {
    const run = cli(["models", "--today", "2026-12-02"], project({}));
    expect(run.status).toBe(0);
    for (const row of DEFAULT_MODELS) expect(run.stdout).toContain(`${row.id}  [${row.status}]`);
    expect(run.stdout).toContain("  dates:     requests fail from 2026-07-24 15:59 UTC (passed)");
    expect(run.stdout).toContain("  dates:     alias since 2026-09-10; no removal date announced");
    expect(run.stdout).toContain("Targets (--target): flash = deepseek-flash (default), pro = deepseek-v4-pro, v4-flash = deepseek-v4-flash");
  });

  test("json, with the rows a config adds", () => {
    const dir = project({ "ds.json": JSON.stringify({ models: { "deepseek-coder": { status: "deprecated", mode: "non-thinking", deprecated: "2026-07-24", source: "https://example.org/our-gateway" } } }) });
    const run = cli(["models", "--format", "json", "--config", "ds.json"], dir);
    expect(run.status).toBe(0);
    const table = JSON.parse(run.stdout);
    expect(table.targets).toEqual({ flash: "deepseek-flash", pro: "deepseek-v4-pro", "v4-flash": "deepseek-v4-flash" });
    expect(table.models.map((r: ModelRow) => r.id)).toEqual([...DEFAULT_MODELS.map((r) => r.id), "deepseek-coder"]);
  });
});

describe("the README", () => {
  test("its configuration example loads, and its models example matches the CLI", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(path.join(import.meta.dirname, "../README.md"), "utf8");
    const at = readme.indexOf("```json", readme.indexOf("## Configuration"));
    const json = readme.slice(at + 7, readme.indexOf("```", at + 7));
    const rules = loadConfig(write(JSON.parse(json))).rules;
    expect(rules.models.map((r: ModelRow) => r.id)).toContain("deepseek-coder");
    const shown = readme.slice(readme.indexOf("$ ds-migrate models\n") + 20, readme.indexOf("...\n", readme.indexOf("$ ds-migrate models")));
    expect(cli(["models"], project({})).stdout).toContain(shown);
  });
});

function write(config: unknown): string {
  const file = path.join(tempDir(), "ds-migrate.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}
