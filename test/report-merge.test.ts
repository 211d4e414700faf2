// `ds-migrate report merge`: what a repository report counts for (sites migrated, findings
// left, mode debt, deadline), how reports are named, which files are refused and how, and the
// CLI's output (JSON valid against docs/org-summary-schema.json, nothing written on an error).
// Also the repeatable --report: one run, several report files.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { formatOrgMarkdown, mergeSummaries, nameReports, parseReport, ReportMergeError, summarizeRepository } from "../src/report/merge.js";
import { cli, project, ROOT, tempDir } from "./helpers/cli.js";

const DEADLINE = { date: "2026-07-24", today: "2026-12-02", passed: true, days: 131, text: "deprecated since 2026-07-24 (131 days ago): requests with these IDs fail" };

type Finding = { ruleId: string; severity: "error" | "warning" | "info"; file: string; edits?: unknown[]; suppression?: unknown };

/** A schema-2 report with just what the summary reads. */
function report(over: { command?: "migrate" | "check"; dryRun?: boolean; files?: Array<{ file: string; status: string }>; findings?: Finding[]; modeDebt?: number; deadline?: typeof DEADLINE } = {}) {
  return {
    schemaVersion: 2,
    tool: { name: "ds-migrate", version: "0.1.0" },
    command: over.command ?? "migrate",
    dryRun: over.dryRun ?? false,
    deadline: over.deadline ?? DEADLINE,
    summary: { modeDebt: over.modeDebt ?? 0 },
    files: over.files ?? [],
    findings: over.findings ?? [],
  };
}

const edit = [{ start: 0, end: 1, text: "x" }];

describe("one repository's report", () => {
  test("a migrate that wrote: rewrites in changed files are migrated, not left; a file it could not write keeps its rewrites to do", () => {
    const r = summarizeRepository("api", "api.json", report({
      files: [{ file: "a.ts", status: "changed" }, { file: "b.ts", status: "write-failed" }, { file: "c.py", status: "unparsed" }],
      findings: [
        { ruleId: "legacy-model-id", severity: "error", file: "a.ts", edits: edit },
        { ruleId: "thinking-mode", severity: "info", file: "a.ts", edits: edit },
        { ruleId: "legacy-model-id", severity: "error", file: "b.ts", edits: edit },
        { ruleId: "implicit-thinking-mode", severity: "warning", file: "a.ts" },
        { ruleId: "legacy-id-in-text", severity: "info", file: "a.ts" },
        { ruleId: "legacy-model-id", severity: "warning", file: "a.ts", suppression: { kind: "inSource" } },
        { ruleId: "legacy-id-in-unparsed-file", severity: "error", file: "c.py" },
      ],
      modeDebt: 3,
    }));
    expect(r).toEqual({
      name: "api", report: "api.json", run: "migrate", toolVersion: "0.1.0",
      sitesMigrated: 2, sitesToMigrate: 1,
      findingsLeft: { "implicit-thinking-mode": 1, "legacy-id-in-unparsed-file": 1, "legacy-model-id": 1 },
      errorsLeft: 2, warningsLeft: 1, modeDebt: 3, filesNotProcessed: 2, passes: false, deadline: DEADLINE,
    });
  });

  test("a check or a dry run wrote nothing: every rewrite is still to do and its finding is left", () => {
    const findings: Finding[] = [{ ruleId: "legacy-model-id", severity: "error", file: "a.ts", edits: edit }, { ruleId: "legacy-base-url", severity: "warning", file: "a.ts", edits: edit }];
    const files = [{ file: "a.ts", status: "changed" }];
    for (const [over, run] of [[{ command: "check" as const, dryRun: true }, "check"], [{ dryRun: true }, "migrate --dry-run"]] as const) {
      const r = summarizeRepository("w", "w.json", report({ ...over, files, findings }));
      expect([r.run, r.sitesMigrated, r.sitesToMigrate, r.findingsLeft, r.errorsLeft, r.warningsLeft, r.passes]).toEqual([run, 0, 2, { "legacy-base-url": 1, "legacy-model-id": 1 }, 1, 1, false]);
    }
  });

  test("warnings alone pass; an unreadable file fails even with no error finding counted", () => {
    const warn = report({ findings: [{ ruleId: "dynamic-model", severity: "warning", file: "a.ts" }] });
    expect(summarizeRepository("a", "a.json", warn).passes).toBe(true);
    expect(summarizeRepository("a", "a.json", report({ files: [{ file: "x", status: "unreadable" }] })).passes).toBe(false);
  });
});

describe("the organisation summary", () => {
  const later = { ...DEADLINE, today: "2026-12-05", days: 134, text: "deprecated since 2026-07-24 (134 days ago): requests with these IDs fail" };
  const repos = [
    summarizeRepository("web", "w.json", report({ files: [{ file: "a.ts", status: "changed" }], findings: [{ ruleId: "legacy-model-id", severity: "error", file: "a.ts", edits: edit }, { ruleId: "dynamic-model", severity: "warning", file: "a.ts" }], modeDebt: 1, deadline: later })),
    summarizeRepository("Api", "a.json", report({ command: "check", dryRun: true, findings: [{ ruleId: "legacy-model-id", severity: "error", file: "m.py", edits: edit }, { ruleId: "dynamic-model", severity: "warning", file: "m.py" }], modeDebt: 2 })),
    summarizeRepository("api", "b.json", report()),
  ];

  test("repositories in code-unit order, totals summed, rules sorted, the deadline of the latest run", () => {
    const s = mergeSummaries(repos, "9.9.9");
    expect(s.repositories.map((r) => r.name)).toEqual(["Api", "api", "web"]);
    expect(s.totals).toEqual({
      repositories: 3, passing: 2, failing: 1, sitesMigrated: 1, sitesToMigrate: 1,
      findingsLeft: { "dynamic-model": 2, "legacy-model-id": 1 }, errorsLeft: 1, warningsLeft: 2, modeDebt: 3, filesNotProcessed: 0, deadline: later,
    });
    expect(s.tool).toEqual({ name: "ds-migrate", version: "9.9.9" });
    expect(mergeSummaries([...repos].reverse(), "9.9.9")).toEqual(s);
  });

  test("the Markdown table, byte for byte", () => {
    expect(formatOrgMarkdown(mergeSummaries(repos, "9.9.9"))).toBe([
      "## ds-migrate organisation summary",
      "",
      "**deprecated since 2026-07-24 (134 days ago): requests with these IDs fail** (as of 2026-12-05)",
      "",
      "Repositories: 3 · passing check: 2 · failing: 1 · sites migrated: 1 · sites to migrate: 1 · errors left: 1 · warnings left: 2 · mode debt: 3",
      "",
      "| Repository | Run | Sites migrated | Sites to migrate | Errors left | Warnings left | Findings left by rule | Mode debt | Deadline | check |",
      "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
      "| `Api` | check | 0 | 1 | 1 | 1 | `dynamic-model` 1, `legacy-model-id` 1 | 2 | 2026-07-24: passed 131 days ago | fails |",
      "| `api` | migrate | 0 | 0 | 0 | 0 | none | 0 | 2026-07-24: passed 131 days ago | passes |",
      "| `web` | migrate | 1 | 0 | 0 | 1 | `dynamic-model` 1 | 1 | 2026-07-24: passed 134 days ago | passes |",
      "| **Total** | | 1 | 1 | 1 | 2 | | 3 | | 2 pass, 1 fail |",
      "",
      "### Findings left by rule",
      "",
      "| Rule | Findings left | Repositories |",
      "| --- | ---: | --- |",
      "| `dynamic-model` | 2 | `Api`, `web` |",
      "| `legacy-model-id` | 1 | `Api` |",
      "",
    ].join("\n"));
  });

  test("no report is an error", () => {
    expect(() => mergeSummaries([], "1")).toThrow(ReportMergeError);
  });
});

describe("repository names", () => {
  const none = () => false;
  test("NAME=FILE, else the file name, else (file names repeat) the folder name", () => {
    expect(nameReports(["web=out/1.json", "reports/api.json", "x/worker/ds-migrate.json", "y/batch/ds-migrate.json"], none)).toEqual([
      { name: "web", file: "out/1.json" },
      { name: "api", file: "reports/api.json" },
      { name: "worker", file: "x/worker/ds-migrate.json" },
      { name: "batch", file: "y/batch/ds-migrate.json" },
    ]);
  });

  test("a file whose name holds = is a file when it exists", () => {
    expect(nameReports(["a=b.json"], (f) => f === "a=b.json")).toEqual([{ name: "a=b", file: "a=b.json" }]);
  });

  test("a name still shared, a report given twice: errors that say what to do", () => {
    expect(() => nameReports(["a/r.json", "b/a/r.json"], none)).toThrow('a/r.json and b/a/r.json would both be named "a"; name each one: NAME=FILE (e.g. a-2=b/a/r.json)');
    expect(() => nameReports(["api=1.json", "api=2.json"], none)).toThrow('1.json and 2.json would both be named "api"');
    expect(() => nameReports(["r.json", "./r.json"], none)).toThrow("r.json is given twice; give each report once");
  });
});

describe("reports refused", () => {
  const cases: Array<[string, string]> = [
    ["{", "x.json: not JSON ("],
    ['{"tool":{"name":"eslint"}}', 'x.json: not a ds-migrate report (no tool.name "ds-migrate")'],
    [JSON.stringify({ ...report(), kind: "org-summary" }), "x.json: an organisation summary written by report merge, not a repository report"],
    [JSON.stringify({ ...report(), schemaVersion: 1 }), "x.json: report schema version 1 has no mode ledger; write the report again with this ds-migrate (schema version 2)"],
    [JSON.stringify({ ...report(), schemaVersion: 3, tool: { name: "ds-migrate", version: "0.4.0" } }), "x.json: report schema version 3 is newer than this ds-migrate reads (2); run report merge with ds-migrate 0.4.0 or later"],
    [JSON.stringify({ ...report(), summary: {} }), "x.json: summary.modeDebt is missing or not a count"],
    [JSON.stringify({ ...report(), command: "fix" }), 'x.json: command is "fix", not "migrate" or "check"'],
    [JSON.stringify({ ...report(), deadline: { date: "2026-07-24" } }), "x.json: deadline is missing or incomplete"],
    [JSON.stringify(report({ findings: [{ ruleId: "legacy-model-id", severity: "fatal" as never, file: "a" }] })), "x.json: findings[0] has no ruleId, file or severity"],
    [JSON.stringify(report({ files: [{ file: "a" } as never] })), "x.json: files[0] has no file or status"],
  ];
  test.each(cases)("%s", (text, message) => {
    expect(() => parseReport("x.json", text)).toThrow(message);
  });
});

describe("the command", () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, "docs/org-summary-schema.json"), "utf8"));
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

  /** Real JSON reports of two small projects: one check, one migrate. */
  function realReports(): string {
    const out = tempDir();
    const js = project({ "a.js": 'const r = await client.chat.completions.create({ model: "deepseek-chat", messages });\n' });
    const py = project({ "m.py": 'MODEL = "deepseek-reasoner"\n' });
    expect(cli(["check", "--today", "2026-12-02", "--format", "json", "--report", path.join(out, "js.json")], js).status).toBe(1);
    expect(cli([".", "--force", "--today", "2026-12-02", "-q", "--report", path.join(out, "py.json")], py).status).toBe(0);
    return out;
  }

  test("--format json: valid against docs/org-summary-schema.json, and --out written whole", () => {
    const dir = realReports();
    const r = cli(["report", "merge", "js.json", "py.json", "--out", "org.json"], dir);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "", ""]);
    const summary = JSON.parse(readFileSync(path.join(dir, "org.json"), "utf8"));
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary.repositories.map((x: { name: string; run: string; sitesMigrated: number; sitesToMigrate: number; passes: boolean }) => [x.name, x.run, x.sitesMigrated, x.sitesToMigrate, x.passes]))
      .toEqual([["js", "check", 0, 2, false], ["py", "migrate", 1, 0, true]]);
    // The schema rejects a summary that breaks it (so the check above can fail).
    const broken = structuredClone(summary);
    delete broken.totals.modeDebt;
    broken.repositories[0].run = "fix";
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => `${e.instancePath} ${e.message}`).sort()).toEqual(["/repositories/0/run must be equal to one of the allowed values", "/totals must have required property 'modeDebt'"]);
    // The same summary as Markdown on stdout; a report after -- is a report too.
    const md = cli(["report", "merge", "py.json", "--", "js.json"], dir);
    expect(md.status).toBe(0);
    expect(md.stdout).toBe(formatOrgMarkdown(summary));
  });

  test("a bad report: exit 2, the file and why on stderr, and no output written (an old one is left as it was)", () => {
    const dir = realReports();
    writeFileSync(path.join(dir, "broken.json"), '{"schemaVersion": 2, "tool": {"name": "ds-migrate"}');
    writeFileSync(path.join(dir, "org.md"), "previous summary\n");
    const r = cli(["report", "merge", "js.json", "broken.json", "--out", "org.md"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^ds-migrate report merge: broken\.json: not JSON \(.*\); give the file written by --report FILE\.json or check --format json\. Nothing was written\.\n$/);
    expect(readFileSync(path.join(dir, "org.md"), "utf8")).toBe("previous summary\n");
    const missing = cli(["report", "merge", "nope.json", "--out", "new.md"], dir);
    expect([missing.status, missing.stderr]).toEqual([2, "ds-migrate report merge: nope.json: cannot read it (ENOENT); check the path. Nothing was written.\n"]);
    expect(existsSync(path.join(dir, "new.md"))).toBe(false);
  });

  test("report with no subcommand, or merge with no report: usage errors", () => {
    const dir = tempDir();
    const bare = cli(["report"], dir);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain("name what to do with reports: report merge <reports..> (to migrate a folder named report, write ./report)");
    const none = cli(["report", "merge"], dir);
    expect([none.status, none.stderr]).toEqual([2, "ds-migrate report merge: no report given; name the JSON reports to merge (report merge a.json b.json …). Nothing was written.\n"]);
    const noFolder = cli(["report", "merge", "a.json", "--out", "nope/s.md"], dir);
    expect(noFolder.status).toBe(2);
    expect(noFolder.stderr).toContain("--out nope/s.md: the folder");
  });
});

test("--report is repeatable: one run writes each file in its own format", () => {
  const dir = project({ "a.js": 'const m = "deepseek-chat";\n' });
  const out = tempDir();
  const r = cli([".", "--dry-run", "--today", "2026-12-02", "-q", "--report", path.join(out, "r.json"), "--report", path.join(out, "r.md")], dir);
  expect(r.status).toBe(0);
  const single = tempDir();
  expect(cli([".", "--dry-run", "--today", "2026-12-02", "-q", "--report", path.join(single, "r.md")], dir).status).toBe(0);
  expect(readFileSync(path.join(out, "r.md"), "utf8")).toBe(readFileSync(path.join(single, "r.md"), "utf8"));
  expect(JSON.parse(readFileSync(path.join(out, "r.json"), "utf8")).summary.sitesRewritten).toEqual({ "legacy-model-id": 1 });
  // A bad extension among them is refused before anything runs.
  const bad = cli([".", "--report", path.join(out, "r.json"), "--report", path.join(out, "r.xml")], dir);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("r.xml: use a .json, .sarif, .md or .txt file name");
});
