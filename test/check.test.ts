// `ds-migrate check` end to end: exit codes, never writing, every format (the JSON
// against its schema, SARIF through Microsoft's SARIF Multitool), and --report.
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, test } from "vitest";
import { cli, copyOf, project, ROOT, snapshot, tempDir } from "./helpers/cli.js";

const TODAY = ["--today", "2026-11-25"];
const MULTITOOL = path.join(ROOT, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");


const SAMPLE = {
  "src/a.ts": 'export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n',
  "src/b.js": '// uses deepseek-reasoner, 100%\nexport const url = new OpenAI({ baseURL: "https://api.deepseek.com" });\n',
};

beforeAll(() => {
  // npm 11 skips the package's postinstall chmod.
  chmodSync(MULTITOOL, 0o755);
});

describe("exit codes", () => {
  test("0 when clean, 1 while a legacy ID remains, 2 for a missing path", () => {
    expect(cli(["check", ...TODAY], project({ "a.js": 'export const m = "deepseek-v4-flash";\n' })).status).toBe(0);
    expect(cli(["check", ...TODAY], project({ "a.js": 'export const m = "deepseek-chat";\n' })).status).toBe(1);
    const missing = cli(["check", "nope"], tempDir());
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("path not found: nope");
  });

  test("warnings (non-canonical URL, dynamic model) pass unless --strict; info never fails", () => {
    const dir = project({ "a.js": 'export const u = new OpenAI({ baseURL: "https://api.deepseek.com" });\n// was deepseek-chat\n' });
    expect(cli(["check", ...TODAY], dir).status).toBe(0);
    expect(cli(["check", "--strict", ...TODAY], dir).status).toBe(1);
    expect(cli(["check", "--strict", ...TODAY], project({ "a.js": "// was deepseek-chat\n" })).status).toBe(0);
  });

  test("plain http is an error (the key travels in clear)", () => {
    expect(cli(["check", ...TODAY], project({ "a.js": 'export const u = "http://api.deepseek.com/v1";\n' })).status).toBe(1);
  });

  test("a file that does not parse is still searched as text, so it fails the check", () => {
    const run = cli(["check", ...TODAY], project({ "a.ts": 'const x = { model: "deepseek-chat" ;\n' }));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("legacy-id-in-unparsed-file");
    expect(run.stdout).toContain("found by plain text search");
  });

  test("a collision left for review still holds a legacy ID, so it fails the check", () => {
    const dir = project({ "a.ts": 'export const P = { "deepseek-chat": 1, "deepseek-reasoner": 2 };\n' });
    expect(cli(["check", ...TODAY], dir).status).toBe(1);
  });

  test("check never writes, even with --report", () => {
    const dir = copyOf(path.join(ROOT, "examples/legacy-app"));
    const before = snapshot(dir);
    expect(cli(["check", ...TODAY], dir).status).toBe(1);
    expect(cli(["check", "--format", "sarif", ...TODAY], dir).status).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("formats", () => {
  test("text: grouped by file, file:line:col, rule, message, totals and the deadline", () => {
    const run = cli(["check", ...TODAY], project(SAMPLE));
    expect(run.stdout).toBe(
      [
        "src/a.ts",
        '  1:38     info     thinking-mode              V4 thinks by default: set the mode explicitly (non-thinking) to keep this request\'s behaviour.',
        '  1:45     error    legacy-model-id            Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24).',
        "",
        "src/b.js",
        "  1:1      info     legacy-id-in-text          A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.",
        '  2:42     warning  legacy-base-url            "https://api.deepseek.com" is not the canonical DeepSeek base URL → "https://api.deepseek.com/v1".',
        "",
        "✖ check failed: 1 error(s), 1 warning(s), 2 info in 2 of 2 files scanned; run `ds-migrate PATH --dry-run` to preview 3 rewrite(s)",
        "mode ledger: 1 DeepSeek request (1 given a mode by migrate); every one states its thinking mode after migration",
        "deepseek-chat, deepseek-reasoner: deprecated since 2026-07-24 (124 days ago): requests with these IDs fail",
        "",
      ].join("\n"),
    );
  });

  test("github: workflow commands with escaped properties and data, exact lines", () => {
    const dir = project({ "src/we,ird:name.js": 'export const m = "deepseek-chat";\n// 100% deepseek-chat\n' });
    const run = cli(["check", "--format", "github", ...TODAY], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        '::error file=src/we%2Cird%3Aname.js,line=1,col=18,endLine=1,endColumn=33,title=ds-migrate legacy-model-id::Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24).',
        '::warning file=src/we%2Cird%3Aname.js,line=1,col=18,endLine=1,endColumn=33,title=ds-migrate set-mode-at-consumer::"deepseek-chat" was a non-thinking model and V4 thinks by default: set thinking: {"type":"disabled"} where the value is sent (no use of it was found in this file or in the modules that import it).',
        "::notice file=src/we%2Cird%3Aname.js,line=2,col=1,endLine=2,endColumn=22,title=ds-migrate legacy-id-in-text::A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.",
        "::notice title=ds-migrate::1 error(s), 1 warning(s), 1 info in 1 files scanned. deepseek-chat: deprecated since 2026-07-24 (124 days ago): requests with this ID fail",
        "",
      ].join("\n"),
    );
  });

  test("json: valid against docs/report-schema.json, with the deadline", () => {
    const run = cli(["check", "--format", "json", ...TODAY], project(SAMPLE));
    const report = JSON.parse(run.stdout);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "docs/report-schema.json"), "utf8")));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.deadline).toEqual({ date: "2026-07-24", today: "2026-11-25", passed: true, days: 124, text: "deprecated since 2026-07-24 (124 days ago): requests with these IDs fail" });
    expect(report.summary.findings).toEqual({ error: 1, warning: 1, info: 2 });
    expect(report.findings[1]).toMatchObject({ ruleId: "legacy-model-id", file: "src/a.ts", line: 1, column: 45, severity: "error" });
  });

  test("json: a migrate --force report outside git (unprotected files) and a folder it cannot list are valid against the schema", () => {
    const dir = project({ "a.ts": 'export const m = "deepseek-chat";\n', "secret/b.ts": "export const x = 1;\n" });
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (user) execFileSync("chown", ["-R", "65534:65534", dir]);
    chmodSync(path.join(dir, "secret"), 0o000);
    const out = path.join(tempDir(), "r.json");
    if (user) execFileSync("chown", ["65534:65534", path.dirname(out)]);
    cli([".", "--force", "--report", out, ...TODAY], dir, {}, user);
    const report = JSON.parse(readFileSync(out, "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "docs/report-schema.json"), "utf8")));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.unprotected).toEqual([{ file: "a.ts", why: "in no git work tree" }]);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === "file-not-scanned").map((f: { file: string }) => f.file)).toEqual(["secret"]);
    chmodSync(path.join(dir, "secret"), 0o755);
  });

  test("json: a finding at a request carries the sources traced to its model (file:line of every value)", () => {
    const dir = project({
      "models.ts": 'export const FAST = "deepseek-chat";\n',
      "a.ts": 'import OpenAI from "openai";\nimport { FAST } from "./models";\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: FAST, messages: [] });\n',
    });
    const report = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const atRequest = report.findings.find((f: { file: string; ruleId: string }) => f.file === "a.ts" && f.ruleId === "thinking-mode");
    expect(atRequest).toMatchObject({ line: 4, sources: ['"deepseek-chat" → "deepseek-flash" (models.ts:1)'] });
    expect(report.requests[0].sources).toEqual(atRequest.sources);
  });

  test("json: a condition between another module's constants lists each branch with its file:line (JS and Python)", () => {
    const dir = project({
      "models.ts": 'export const MODELS = { chat: "deepseek-chat", reasoner: "deepseek-reasoner" };\n',
      "a.ts": 'import OpenAI from "openai";\nimport { MODELS } from "./models";\nconst c = new OpenAI({ baseURL: "https://api.deepseek.com" });\nexport const r = (deep: boolean) => c.chat.completions.create({ model: deep ? MODELS.reasoner : MODELS.chat, messages: [] });\n',
      "settings.py": 'FAST = "deepseek-chat"\nDEEP = "deepseek-reasoner"\n',
      "svc.py": 'from openai import OpenAI\nfrom settings import FAST, DEEP\nc = OpenAI(base_url="https://api.deepseek.com")\ndef ask(deep):\n    return c.chat.completions.create(model=DEEP if deep else FAST, messages=[])\n',
    });
    const report = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const sourcesIn = (file: string) => report.requests.find((r: { file: string }) => r.file === file).sources;
    expect(sourcesIn("a.ts")).toEqual(['MODELS.reasoner = "deepseek-reasoner" → "deepseek-flash" (models.ts:1)', 'MODELS.chat = "deepseek-chat" → "deepseek-flash" (models.ts:1)']);
    expect(sourcesIn("svc.py")).toEqual(['DEEP = "deepseek-reasoner" → "deepseek-flash" (settings.py:2)', 'FAST = "deepseek-chat" → "deepseek-flash" (settings.py:1)']);
  });

  test("json: a value handed through another module's function names the line that defines it, not the call that forwards it (JS and Python)", () => {
    const dir = project({
      "client.ts": 'import OpenAI from "openai";\nconst c = new OpenAI({ baseURL: "https://api.deepseek.com/v1" });\nexport const complete = (model: string) => c.chat.completions.create({ model, messages: [] });\n',
      "relay.ts": 'import { complete } from "./client";\nexport function relay(model: string) {\n  return complete(model);\n}\n',
      "main.ts": 'import { relay } from "./relay";\n\nconst JUDGE = "deepseek-reasoner";\nrelay(JUDGE);\n',
      "client.py": 'from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com/v1")\ndef complete(model):\n    return c.chat.completions.create(model=model, messages=[])\n',
      "relay.py": 'from client import complete\ndef relay(model):\n    return complete(model)\n',
      "main.py": 'from relay import relay\n\nJUDGE = "deepseek-chat"\nrelay(JUDGE)\n',
    });
    const report = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const sourcesIn = (file: string) => report.requests.find((r: { file: string }) => r.file === file).sources;
    expect(sourcesIn("client.ts")).toEqual(['"deepseek-reasoner" → "deepseek-flash" (main.ts:3)']);
    expect(sourcesIn("client.py")).toEqual(['"deepseek-chat" → "deepseek-flash" (main.py:3)']);
  });

  test("json and sarif: an identity group is one finding that lists its other places", () => {
    const dir = project({ "p.ts": 'const P = { "deepseek-chat": 1 };\nexport const a = P["deepseek-chat"];\n' });
    const report = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const group = report.findings.filter((f: { ruleId: string }) => f.ruleId === "legacy-id-identity");
    expect(group).toHaveLength(1);
    expect(group[0]).toMatchObject({ line: 1, column: 13, related: [{ message: '"deepseek-chat"', line: 2, column: 20, endLine: 2, endColumn: 35 }] });
    const sarif = JSON.parse(cli(["check", "--format", "sarif", ...TODAY], dir).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "legacy-id-identity");
    expect(result.relatedLocations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 20, endLine: 2, endColumn: 35 });
  });

  test("json: the schema rejects a report that breaks it (so the test above can fail)", () => {
    const ajv = new Ajv2020({ strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "docs/report-schema.json"), "utf8")));
    const report = JSON.parse(cli(["check", "--format", "json", ...TODAY], project(SAMPLE)).stdout);
    report.findings[0].line = 0;
    expect(validate(report)).toBe(false);
  });

  test("sarif: SARIF Multitool validate reports no errors and no warnings", () => {
    const dir = copyOf(path.join(ROOT, "examples/legacy-app"));
    const run = cli(["check", "--format", "sarif", ...TODAY], dir);
    const file = path.join(tempDir(), "out.sarif");
    writeFileSync(file, run.stdout);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
    expect(sarif.runs[0].results.some((r: { fixes?: unknown[] }) => r.fixes && r.fixes.length > 0)).toBe(true);
    expect(sarif.runs[0].properties.deadline.days).toBe(124);
    const validation = path.join(tempDir(), "validation.sarif");
    execFileSync(MULTITOOL, ["validate", file, "--output", validation], { stdio: "ignore", env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } });
    const log = JSON.parse(readFileSync(validation, "utf8").replace(/^\uFEFF/, ""));
    const problems = log.runs.flatMap((r: { results?: Array<{ level?: string; ruleId: string }> }) => r.results ?? []);
    expect(problems.map((p: { ruleId: string; level?: string }) => `${p.level} ${p.ruleId}`)).toEqual([]);
  });

  test("sarif: the validator does catch a broken log (so the test above can fail)", () => {
    const run = cli(["check", "--format", "sarif", ...TODAY], project(SAMPLE));
    const broken = JSON.parse(run.stdout);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const file = path.join(tempDir(), "broken.sarif");
    writeFileSync(file, JSON.stringify(broken));
    const validation = path.join(tempDir(), "validation.sarif");
    execFileSync(MULTITOOL, ["validate", file, "--output", validation], { stdio: "ignore" });
    const log = JSON.parse(readFileSync(validation, "utf8").replace(/^\uFEFF/, ""));
    expect(log.runs.flatMap((r: { results?: unknown[] }) => r.results ?? []).length).toBeGreaterThan(0);
  });

  test("markdown: a table of findings, the summary and the deadline", () => {
    const run = cli(["check", "--format", "markdown", ...TODAY], project(SAMPLE));
    expect(run.stdout).toContain("## ds-migrate check\n\n**⚠️ deepseek-chat, deepseek-reasoner: deprecated since 2026-07-24 (124 days ago): requests with these IDs fail**\n");
    expect(run.stdout).toContain("| File | Line | Severity | Rule | Message |\n| --- | ---: | --- | --- | --- |\n");
    expect(run.stdout).toContain('| `src/a.ts` | 1:45 | error | `legacy-model-id` | Legacy model ID "deepseek-chat" → "deepseek-flash" (deadline 2026-07-24). |');
  });
});

describe("suppression comments", () => {
  const SUPPRESSED = {
    "mirror.py": 'from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com/v1")\n' +
      '# ds-migrate-ignore-next-line -- the mirror serves the old name\nc.chat.completions.create(model="deepseek-chat", messages=[])\n',
  };

  test("a silenced finding is never an error: check passes, JSON lists it with its suppression and counts it apart", () => {
    const dir = project(SUPPRESSED);
    const run = cli(["check", "--format", "json", ...TODAY], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "docs/report-schema.json"), "utf8")));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary.findings.error).toBe(0);
    expect(report.summary.suppressed).toBe(2);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === "legacy-model-id")).toMatchObject({
      line: 4, suppression: { kind: "inSource", directive: "ds-migrate-ignore-next-line", line: 3 },
    });
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === "legacy-model-id").edits).toBeUndefined();
    // Without the comment the same file fails.
    expect(cli(["check", ...TODAY], project({ "mirror.py": SUPPRESSED["mirror.py"].replace(/# ds-migrate.*\n/, "") })).status).toBe(1);
  });

  test("sarif: a silenced finding is a result with an inSource suppression; migrate leaves its line alone", () => {
    const dir = project(SUPPRESSED);
    const sarif = JSON.parse(cli(["check", "--format", "sarif", ...TODAY], dir).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "legacy-model-id");
    expect(result.suppressions).toEqual([{ kind: "inSource", justification: "ds-migrate-ignore-next-line (line 3)" }]);
    expect(result.fixes).toBeUndefined();
    expect(cli(["."], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "mirror.py"), "utf8")).toBe(SUPPRESSED["mirror.py"]);
  });

  test("a directive that silences nothing is a warning, so --strict fails on it", () => {
    const dir = project({ "a.js": '// ds-migrate-ignore-next-line legacy-base-url\nexport const m = "deepseek-flash";\n' });
    const run = cli(["check", "--strict", ...TODAY], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("unused-suppression");
  });
});

describe("after the migration", () => {
  test("a V4 request without an explicit mode is a warning: check passes, check --strict fails until the mode is stated", () => {
    const silent = 'from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com/v1")\nc.chat.completions.create(model="deepseek-flash", messages=[])\n';
    const dir = project({ "a.py": silent });
    expect(cli(["check", ...TODAY], dir).status).toBe(0);
    const strict = cli(["check", "--strict", ...TODAY], dir);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain("implicit-thinking-mode");
    const stated = silent.replace("messages=[]", 'extra_body={"thinking": {"type": "enabled"}}, messages=[]');
    expect(cli(["check", "--strict", ...TODAY], project({ "a.py": stated })).status).toBe(0);
  });
});

describe("--report FILE on migrate", () => {
  test("a dry run writes .json, .sarif and .md reports and nothing else", () => {
    const dir = project(SAMPLE);
    const out = tempDir();
    const before = snapshot(dir);
    for (const ext of ["json", "sarif", "md"]) {
      const run = cli([".", "--dry-run", "--report", path.join(out, `r.${ext}`), ...TODAY], dir);
      expect(run.status).toBe(0);
    }
    expect(snapshot(dir)).toEqual(before);
    const json = JSON.parse(readFileSync(path.join(out, "r.json"), "utf8"));
    expect(json.command).toBe("migrate");
    expect(json.files.find((f: { file: string }) => f.file === "src/a.ts").diff).toContain('+export const body = JSON.stringify({ model: "deepseek-flash"');
    expect(JSON.parse(readFileSync(path.join(out, "r.sarif"), "utf8")).version).toBe("2.1.0");
    const md = readFileSync(path.join(out, "r.md"), "utf8");
    expect(md).toContain("## ds-migrate migration preview");
    expect(md).toContain("```diff\n--- a/src/a.ts");
  });

  test("a report path that cannot be written: a clear message and exit 2", () => {
    const run = cli([".", "--dry-run", "--report", "no/such/folder/r.json"], project(SAMPLE));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ds-migrate: --report no\/such\/folder\/r\.json: the folder .*no\/such\/folder does not exist; create it or choose another path \(nothing was scanned or written\)\n$/);
  });

  test("an unknown report extension is a usage error", () => {
    const run = cli([".", "--dry-run", "--report", "r.xml"], project(SAMPLE));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--report r.xml: use a .json, .sarif, .md or .txt file name");
  });
});

describe("progress", () => {
  test("nothing on stderr when it is not a TTY", () => {
    const run = cli(["check", ...TODAY], project(SAMPLE));
    expect(run.stderr).toBe("");
  });
});

describe("the model lifecycle in check", () => {
  const aliased = 'from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com/v1")\nc.chat.completions.create(model="deepseek-v4-flash", extra_body={"thinking": {"type": "disabled"}}, messages=[])\n';

  test("an alias of a retired model is a warning with its successor: check passes, --strict fails", () => {
    const dir = project({ "a.py": aliased });
    const run = cli(["check", ...TODAY], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('warning  retired-model-alias');
    expect(run.stdout).toContain('→ "deepseek-flash"');
    expect(run.stdout).toContain("deepseek-v4-flash: retired model, served by DeepSeek-V4.1-Flash under a temporary alias since 2026-09-10; no removal date announced");
    expect(cli(["check", "--strict", ...TODAY], dir).status).toBe(1);
  });

  test("--target v4-flash never reports the chosen target", () => {
    const run = cli(["check", "--strict", "--target", "v4-flash", ...TODAY], project({ "a.py": aliased }));
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("retired-model-alias");
  });

  test("the config's target is honoured by check too", () => {
    const dir = project({ "a.py": aliased, "ds.json": '{ "target": "v4-flash" }' });
    expect(cli(["check", "--strict", "--config", "ds.json", ...TODAY], dir).status).toBe(0);
  });

  test("an alias whose removal date (from the config) has passed is an error", () => {
    const dir = project({ "a.py": aliased, "ds.json": '{ "models": { "deepseek-v4-flash": { "removal": "2026-11-01" } } }' });
    const run = cli(["check", "--config", "ds.json", ...TODAY], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("error    retired-model-alias");
    expect(run.stdout).toContain("deepseek-v4-flash: retired model, served by DeepSeek-V4.1-Flash under a temporary alias since 2026-09-10; removed 2026-11-01: requests with this ID fail");
  });

  test("a clean tree does not claim that requests fail", () => {
    const run = cli(["check", ...TODAY], project({ "a.js": "export const m = 1;\n" }));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no deprecated or retired DeepSeek model IDs found (deepseek-chat, deepseek-reasoner: deprecated since 2026-07-24)");
    expect(run.stdout).not.toContain("fail");
  });
});

describe("pinned client versions", () => {
  const fixture = (name: string) => copyOf(path.join(import.meta.dirname, "../fixtures/pins", name, "input"));

  test("a range with no lockfile: the current release's pass-through is written and the summary says what was assumed", () => {
    const run = cli([".", "--dry-run", ...TODAY], fixture("autogen-range-no-lock"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('+    extra_body={"thinking": {"type": "disabled"}},');
    expect(run.stdout).toContain("    assumed: autogen-ext >=0.4 (pyproject.toml): assumed >= 0.7.5, no lockfile pins a version");
  });

  test("the ledger in JSON names the release each pass-through was chosen for, and withheld ones", () => {
    const run = cli(["check", "--format", "json", ...TODAY], fixture("autogen-pinned-old"));
    const ledger = JSON.parse(run.stdout).requests;
    expect(ledger).toEqual([{ file: "agent.py", line: 5, column: 10, client: "autogen-ext-openai", sources: ['"deepseek-chat" → "deepseek-flash" (line 6)'], mode: "withheld", dependency: "autogen-ext 0.4.9 (requirements.txt)" }]);
  });
});
