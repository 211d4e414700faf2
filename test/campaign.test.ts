// The campaign recipe (examples/campaign): migrate.sh over three repositories the way
// multi-gitter runs it (a clone each, the script in the clone with REPOSITORY set, then
// multi-gitter's `git add .` + commit, or the script's own commit for --manual-commit), the
// three JSON reports merged with `report merge`, the workflow parsed by GitHub's own parser and
// its shell steps run as the runner runs them, and the batch spec's step run as src would.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { build } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import YAML from "yaml";
import { cli, ROOT, tempDir } from "./helpers/cli.js";

const CAMPAIGN = path.join(ROOT, "examples/campaign");
const SCRIPT = path.join(CAMPAIGN, "migrate.sh");
const TODAY = "2026-12-02";
const INTRO = [
  "This pull request comes from a ds-migrate campaign: DeepSeek's deprecated model IDs are",
  "rewritten to V4 with an explicit thinking mode. Below is ds-migrate's report for this",
  "repository: what it rewrote, and the findings a person must still review.",
  "",
].join("\n");

/** Three small repositories: JavaScript, Python (one file that does not parse), and one already clean. */
const REPOS: Record<string, Record<string, string>> = {
  api: {
    "package.json": JSON.stringify({ name: "api", private: true, dependencies: { openai: "4.104.0" } }, null, 2) + "\n",
    "src/ask.js": [
      'import OpenAI from "openai";',
      "",
      'const client = new OpenAI({ baseURL: "https://api.deepseek.com", apiKey: process.env.DEEPSEEK_API_KEY });',
      "",
      "export async function ask(question) {",
      '  const r = await client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: question }] });',
      "  return r.choices[0].message.content;",
      "}",
      "",
    ].join("\n"),
    // Already V4, but its thinking mode is left to the default (mode debt), and one model comes from the environment.
    "src/summary.js": [
      'import OpenAI from "openai";',
      "",
      'const ds = new OpenAI({ baseURL: "https://api.deepseek.com/v1", apiKey: process.env.DEEPSEEK_API_KEY });',
      "",
      'export const summarize = (text) => ds.chat.completions.create({ model: "deepseek-flash", messages: [{ role: "user", content: text }] });',
      "export const classify = (text) => ds.chat.completions.create({ model: process.env.CLASSIFY_MODEL, messages: [{ role: \"user\", content: text }] });",
      "",
    ].join("\n"),
  },
  worker: {
    "requirements.txt": "openai==1.82.0\n",
    "worker.py": [
      "from openai import OpenAI",
      "",
      'client = OpenAI(base_url="https://api.deepseek.com", api_key="sk-test")',
      "",
      "",
      "def summarize(text):",
      '    r = client.chat.completions.create(model="deepseek-reasoner", messages=[{"role": "user", "content": text}])',
      "    return r.choices[0].message.content",
      "",
    ].join("\n"),
    "broken.py": 'MODEL = "deepseek-chat"\ndef oops(:\n',
  },
  site: {
    "README.md": "# site\n\nA static site. No model calls here.\n",
    "index.js": 'console.log("hello");\n',
  },
};

let work: string;
let bin: string;
let reports: string;
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: gitEnv() });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: path.join(work, "gitconfig"),
    GIT_AUTHOR_NAME: "Campaign", GIT_AUTHOR_EMAIL: "campaign@example.com", GIT_COMMITTER_NAME: "Campaign", GIT_COMMITTER_EMAIL: "campaign@example.com",
  };
}

/** The script in a clone, as multi-gitter runs it: cwd the clone, REPOSITORY set, its own environment passed on. */
function runScript(clone: string, repository: string, env: Record<string, string> = {}, args: string[] = ["--today", TODAY]) {
  const r = spawnSync(SCRIPT, args, { cwd: clone, encoding: "utf8", env: { ...gitEnv(), PATH: `${bin}:${process.env.PATH}`, REPOSITORY: repository, DS_MIGRATE_REPORTS: reports, FORCE_COLOR: "", CI: "", ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A clone of the repository's origin on a new branch, as multi-gitter makes it. */
function cloneOf(name: string, into = path.join(work, "clones")): string {
  mkdirSync(into, { recursive: true });
  const clone = path.join(into, name);
  git(into, "clone", "--quiet", path.join(work, "origins", name), clone);
  git(clone, "checkout", "--quiet", "-b", "ds-migrate/deepseek-v4");
  return clone;
}

beforeAll(() => {
  work = tempDir("ds-migrate-campaign-");
  writeFileSync(path.join(work, "gitconfig"), "[init]\n\tdefaultBranch = main\n");
  bin = path.join(work, "bin");
  mkdirSync(bin);
  // The built CLI as `ds-migrate` on PATH, as an install would put it.
  writeFileSync(path.join(bin, "ds-migrate"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, "bin/ds-migrate.js")}" "$@"\n`, { mode: 0o755 });
  reports = path.join(work, "reports");
  for (const [name, files] of Object.entries(REPOS)) {
    const origin = path.join(work, "origins", name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(origin, file)), { recursive: true });
      writeFileSync(path.join(origin, file), text);
    }
    git(origin, "init", "--quiet");
    git(origin, "add", ".");
    git(origin, "commit", "--quiet", "-m", "initial");
  }
});

describe("migrate.sh over three repositories, as multi-gitter runs it", () => {
  const TITLE = "Migrate off DeepSeek's deprecated model IDs (ds-migrate)";
  let api: string;
  let worker: string;
  let site: string;

  beforeAll(() => {
    api = cloneOf("api");
    worker = cloneOf("worker");
    site = cloneOf("site");
  });

  test("api (JavaScript): the script migrates and leaves the change; multi-gitter's commit holds only the rewrite", () => {
    const r = runScript(api, "acme/api");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`migrate.sh: JSON report ${reports}/acme/api.json; PR body ${reports}/acme/api.md\n`);
    // What multi-gitter does next (internal/git/cmdgit: `git add .`, `git commit --no-verify -m`).
    expect(git(api, "status", "--porcelain")).toBe(" M src/ask.js\n");
    git(api, "add", ".");
    git(api, "commit", "--quiet", "--no-verify", "-m", TITLE);
    expect(git(api, "show", "--format=%s", "--unified=0", "HEAD")).toMatchInlineSnapshot(`
      "Migrate off DeepSeek's deprecated model IDs (ds-migrate)

      diff --git a/src/ask.js b/src/ask.js
      index 270b14e..4c43c3d 100644
      --- a/src/ask.js
      +++ b/src/ask.js
      @@ -3 +3 @@ import OpenAI from "openai";
      -const client = new OpenAI({ baseURL: "https://api.deepseek.com", apiKey: process.env.DEEPSEEK_API_KEY });
      +const client = new OpenAI({ baseURL: "https://api.deepseek.com/v1", apiKey: process.env.DEEPSEEK_API_KEY });
      @@ -6 +6 @@ export async function ask(question) {
      -  const r = await client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: question }] });
      +  const r = await client.chat.completions.create({ model: "deepseek-flash", thinking: { type: "disabled" }, messages: [{ role: "user", content: question }] });
      "
    `);
    const body = readFileSync(path.join(reports, "acme/api.md"), "utf8");
    expect(body.startsWith(`${INTRO}\n## ds-migrate migration\n`)).toBe(true);
    expect(body).toContain("\n| `src/ask.js` | 6:59 | error | `legacy-model-id` | Legacy model ID \"deepseek-chat\" → \"deepseek-flash\" (deadline 2026-07-24). |\n");
    expect(body).toContain("\nMode ledger: 3 DeepSeek requests (1 migrated, 1 implicit, 1 dynamic); 2 still owe an explicit thinking mode.\n");
  });

  test("worker (Python, DS_MIGRATE_COMMIT=true for --manual-commit): the script commits, and the commit message is the PR title and body", () => {
    const r = runScript(worker, "acme/worker", { DS_MIGRATE_COMMIT: "true" });
    // broken.py does not parse: ds-migrate exits 1, the script goes on and the body lists the file.
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`migrate.sh: some files could not be read or parsed; they are listed in the PR body\nmigrate.sh: JSON report ${reports}/acme/worker.json; PR body ${reports}/acme/worker.md\n`);
    expect(git(worker, "status", "--porcelain")).toBe("");
    expect(git(worker, "rev-list", "--count", "main..HEAD")).toBe("1\n");
    const body = readFileSync(path.join(reports, "acme/worker.md"), "utf8");
    const raw = git(worker, "cat-file", "commit", "HEAD");
    expect(raw.slice(raw.indexOf("\n\n") + 2)).toBe(`${TITLE}\n\n${body}`);
    // multi-gitter (getPRBodyAndTitle): title = the first line, body = the rest, both trimmed.
    expect(body.trim().length).toBeGreaterThan(INTRO.length);
    expect(body).toContain("Files not processed:");
    expect(body).toContain("`broken.py`");
    expect(git(worker, "show", "--format=", "--name-only", "HEAD")).toBe("worker.py\n");
    expect(git(worker, "show", "--format=", "--unified=0", "HEAD", "--", "worker.py")).toMatchInlineSnapshot(`
      "diff --git a/worker.py b/worker.py
      index 08fd54e..5dcdd52 100644
      --- a/worker.py
      +++ b/worker.py
      @@ -3 +3 @@ from openai import OpenAI
      -client = OpenAI(base_url="https://api.deepseek.com", api_key="sk-test")
      +client = OpenAI(base_url="https://api.deepseek.com/v1", api_key="sk-test")
      @@ -7 +7 @@ def summarize(text):
      -    r = client.chat.completions.create(model="deepseek-reasoner", messages=[{"role": "user", "content": text}])
      +    r = client.chat.completions.create(model="deepseek-flash", extra_body={"thinking": {"type": "enabled"}}, messages=[{"role": "user", "content": text}])
      "
    `);
  });

  test("site (already clean): exit 0, nothing changed, so multi-gitter opens no pull request; its report is still written", () => {
    const r = runScript(site, "acme/site");
    expect(r.status, r.stderr).toBe(0);
    expect(git(site, "status", "--porcelain")).toBe("");
    expect(existsSync(path.join(reports, "acme/site.json"))).toBe(true);
  });

  test("report merge of the three JSON reports: exact totals, the Markdown table, JSON valid against its schema", () => {
    const files = ["api", "site", "worker"].map((n) => `acme/${n}.json`);
    const json = cli(["report", "merge", ...files, "--format", "json"], reports);
    expect(json.status, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout);
    const schema = JSON.parse(readFileSync(path.join(ROOT, "docs/org-summary-schema.json"), "utf8"));
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary.totals).toMatchInlineSnapshot(`
      {
        "deadline": {
          "date": "2026-07-24",
          "days": 131,
          "passed": true,
          "text": "deprecated since 2026-07-24 (131 days ago): requests with these IDs fail",
          "today": "2026-12-02",
        },
        "errorsLeft": 1,
        "failing": 1,
        "filesNotProcessed": 1,
        "findingsLeft": {
          "dynamic-model": 1,
          "implicit-thinking-mode": 1,
          "legacy-id-in-unparsed-file": 1,
        },
        "modeDebt": 2,
        "passing": 2,
        "repositories": 3,
        "sitesMigrated": 6,
        "sitesToMigrate": 0,
        "warningsLeft": 2,
      }
    `);
    const md = cli(["report", "merge", ...files], reports);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatchInlineSnapshot(`
      "## ds-migrate organisation summary

      **deprecated since 2026-07-24 (131 days ago): requests with these IDs fail** (as of 2026-12-02)

      Repositories: 3 · passing check: 2 · failing: 1 · sites migrated: 6 · sites to migrate: 0 · errors left: 1 · warnings left: 2 · mode debt: 2 · files not processed: 1

      | Repository | Run | Sites migrated | Sites to migrate | Errors left | Warnings left | Findings left by rule | Mode debt | Deadline | check |
      | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |
      | \`api\` | migrate | 3 | 0 | 0 | 2 | \`dynamic-model\` 1, \`implicit-thinking-mode\` 1 | 2 | 2026-07-24: passed 131 days ago | passes |
      | \`site\` | migrate | 0 | 0 | 0 | 0 | none | 0 | 2026-07-24: passed 131 days ago | passes |
      | \`worker\` | migrate | 3 | 0 | 1 | 0 | \`legacy-id-in-unparsed-file\` 1 | 0 | 2026-07-24: passed 131 days ago | fails |
      | **Total** | | 6 | 0 | 1 | 2 | | 2 | | 2 pass, 1 fail |

      ### Findings left by rule

      | Rule | Findings left | Repositories |
      | --- | ---: | --- |
      | \`dynamic-model\` | 1 | \`api\` |
      | \`implicit-thinking-mode\` | 1 | \`api\` |
      | \`legacy-id-in-unparsed-file\` | 1 | \`worker\` |
      "
    `);
  });
});

describe("migrate.sh refuses what would go wrong", () => {
  test("reports inside the clone (they would be committed): exit 2, nothing run", () => {
    const clone = cloneOf("api", path.join(work, "refuse-1"));
    const r = runScript(clone, "acme/api", { DS_MIGRATE_REPORTS: path.join(clone, "reports") });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`migrate.sh: DS_MIGRATE_REPORTS (${path.join(clone, "reports")}) is inside the clone: the reports would be committed; choose a folder outside it\n`);
    expect(git(clone, "status", "--porcelain")).toBe("");
  });

  test("a file ds-migrate cannot write: exit 1 (a half-migrated tree gets no pull request), no PR body", () => {
    // As the files' owner, not root (root writes read-only files): "nobody" when the suite runs as root.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const dir = tempDir("ds-migrate-campaign-ro-");
    const clone = path.join(dir, "clone");
    mkdirSync(clone);
    writeFileSync(path.join(clone, "ro.js"), 'export const m = "deepseek-chat";\n', { mode: 0o444 });
    writeFileSync(path.join(clone, "rw.js"), 'export const n = "deepseek-chat";\n');
    writeFileSync(path.join(dir, "gitconfig"), "[init]\n\tdefaultBranch = main\n");
    const env = { ...gitEnv(), GIT_CONFIG_GLOBAL: path.join(dir, "gitconfig"), HOME: dir };
    spawnSync("git", ["init", "-q"], { cwd: clone, env });
    spawnSync("git", ["add", "-A"], { cwd: clone, env });
    spawnSync("git", ["commit", "-qm", "initial"], { cwd: clone, env });
    mkdirSync(path.join(dir, "bin"));
    writeFileSync(path.join(dir, "bin/ds-migrate"), readFileSync(path.join(bin, "ds-migrate")), { mode: 0o755 });
    if ("uid" in user) spawnSync("chown", ["-R", "65534:65534", dir]);
    const r = spawnSync(SCRIPT, ["--today", TODAY], { cwd: clone, encoding: "utf8", ...user, env: { ...env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, REPOSITORY: "acme/ro", DS_MIGRATE_REPORTS: path.join(dir, "reports"), FORCE_COLOR: "" } });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toBe("  ro.js: cannot write: the file is read-only: not written (make it writable to migrate it)\nmigrate.sh: ds-migrate could not write every file (listed above); no pull request for this half-migrated tree\n");
    expect(existsSync(path.join(dir, "reports/acme/ro.json"))).toBe(true);
    expect(existsSync(path.join(dir, "reports/acme/ro.md"))).toBe(false);
  });

  test("ds-migrate not on PATH: exit 127 with what to do", () => {
    const clone = cloneOf("api", path.join(work, "refuse-2"));
    const r = spawnSync(SCRIPT, [], { cwd: clone, encoding: "utf8", env: { PATH: "/usr/bin:/bin", REPOSITORY: "acme/api", DS_MIGRATE_REPORTS: path.join(work, "r2") } });
    expect([r.status, r.stderr]).toEqual([127, "migrate.sh: ds-migrate is not on PATH; install it (README: Install) and run again\n"]);
  });

  test("a bad option after the script name: ds-migrate's exit 2, no report, no change", () => {
    const clone = cloneOf("api", path.join(work, "refuse-3"));
    const r = runScript(clone, "acme/api", { DS_MIGRATE_REPORTS: path.join(work, "r3") }, ["--target", "gpt"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("migrate.sh: ds-migrate exited 2; see its output above\n");
    expect(existsSync(path.join(work, "r3/acme/api.json"))).toBe(false);
    expect(git(clone, "status", "--porcelain")).toBe("");
  });
});

describe("the GitHub Actions workflow (org-check.yml)", () => {
  const file = path.join(CAMPAIGN, "org-check.yml");
  const text = readFileSync(file, "utf8");

  /**
   * GitHub's workflow parser and schema (@actions/workflow-parser). It imports its schema JSON
   * without an import attribute, which Node refuses: esbuild bundles it into one module first.
   */
  let parser: Promise<typeof import("@actions/workflow-parser")> | undefined;
  const workflowParser = () => (parser ??= bundledParser());

  async function bundledParser() {
    const out = path.join(tempDir(), "workflow-parser.mjs");
    await build({
      entryPoints: [path.join(ROOT, "node_modules/@actions/workflow-parser/dist/index.js")],
      bundle: true, format: "esm", platform: "node", outfile: out, logLevel: "warning",
      banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    });
    return (await import(pathToFileURL(out).href)) as typeof import("@actions/workflow-parser");
  }

  async function errorsOf(content: string): Promise<string[]> {
    const wp = await workflowParser();
    const parsed = wp.parseWorkflow({ name: "org-check.yml", content }, new wp.NoOperationTraceWriter());
    const template = await wp.convertWorkflowTemplate(parsed.context, parsed.value!);
    return [...parsed.context.errors.getErrors().map((e) => e.message), ...(template.errors ?? []).map((e) => e.Message)];
  }

  test("valid for GitHub's parser; a misspelt key or a broken expression is not (the check can fail)", async () => {
    expect(await errorsOf(text)).toEqual([]);
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    expect(await errorsOf(text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"))).toContain(`org-check.yml (Line: ${line("runs-on:")}, Col: 5): Unexpected value 'runs_on'`);
    expect((await errorsOf(text.replace("fromJSON(needs.repositories.outputs.names)", "fromJSON(needs.repositories.outputs.names")))[0]).toBe(`org-check.yml (Line: ${line("fromJSON(")}, Col: 21): Unexpected symbol: 'EOF'`);
  });

  test("the placeholders to replace are the documented ones", () => {
    expect(new Set(text.match(/<[a-z-]+>/g))).toEqual(new Set(["<owner>", "<commit-or-tag>"]));
    expect(text.split("repository: <owner>/ds-migrate\n").length - 1).toBe(2);
    expect(text.split("ref: <commit-or-tag>\n").length - 1).toBe(2);
  });

  test("its shell steps, run as the runner runs them: a check per repository, then the merge into the job summary", () => {
    const jobs = YAML.parse(text).jobs;
    const checkStep = jobs.check.steps.find((s: { name?: string }) => s.name === "ds-migrate check");
    const mergeStep = jobs.summary.steps.find((s: { name?: string }) => s.name === "Merge the reports");
    expect(checkStep.env).toEqual({ NAME: "${{ matrix.repository }}" });
    // The checkout of ds-migrate at the pinned commit, stood in for by the built CLI.
    const job = tempDir("ds-migrate-org-job-");
    mkdirSync(path.join(job, "ds-migrate-tool/action"), { recursive: true });
    writeFileSync(path.join(job, "ds-migrate-tool/action/run.js"), `import { runCli } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "dist/bundle/cli.js")).href)};\nrunCli();\n`);
    const runner = (script: string, cwd: string, env: Record<string, string>) =>
      spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "", ...env } });
    const temp = path.join(job, "runner-temp");
    const codes: Record<string, number | null> = {};
    for (const name of ["api", "site", "worker"]) {
      const repo = cloneOf(name, path.join(job, "checkouts", name));
      // actions/checkout's path: repo, next to ds-migrate-tool.
      const jobDir = path.dirname(repo);
      spawnSync("mv", [repo, path.join(jobDir, "repo")]);
      mkdirSync(path.join(jobDir, "ds-migrate-tool/action"), { recursive: true });
      writeFileSync(path.join(jobDir, "ds-migrate-tool/action/run.js"), readFileSync(path.join(job, "ds-migrate-tool/action/run.js")));
      codes[name] = runner(checkStep.run, path.join(jobDir, "repo"), { NAME: name, RUNNER_TEMP: temp }).status;
    }
    // Findings left (api, worker) are counted, not fatal: every check job passes.
    expect(codes).toEqual({ api: 0, site: 0, worker: 0 });
    // download-artifact (merge-multiple) puts every report in reports/.
    spawnSync("cp", ["-r", path.join(temp, "reports"), path.join(job, "reports")]);
    const summaryFile = path.join(job, "step-summary.md");
    writeFileSync(summaryFile, "");
    const merged = runner(mergeStep.run, job, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(merged.status, merged.stderr).toBe(0);
    const md = readFileSync(path.join(job, "ds-migrate-summary.md"), "utf8");
    expect(readFileSync(summaryFile, "utf8")).toBe(md);
    const names = ["api", "site", "worker"].map((n) => `reports/${n}.json`);
    expect(md).toBe(cli(["report", "merge", ...names], job).stdout);
    const { totals } = JSON.parse(readFileSync(path.join(job, "ds-migrate-summary.json"), "utf8"));
    // Before migration: the 6 rewrites migrate.sh made above are still to make, and the legacy IDs fail api and worker.
    expect([totals.repositories, totals.passing, totals.failing, totals.sitesMigrated, totals.sitesToMigrate, totals.modeDebt]).toEqual([3, 1, 2, 0, 6, 2]);
    // No report at all: the step fails with an annotation instead of merging nothing.
    const empty = tempDir();
    mkdirSync(path.join(empty, "reports"));
    const none = runner(mergeStep.run, empty, { GITHUB_STEP_SUMMARY: summaryFile });
    expect([none.status, none.stdout]).toEqual([1, "::error title=ds-migrate::no report to merge: every check job failed; see their logs\n"]);
  });
});

describe("the Sourcegraph batch spec (batch-spec.yaml)", () => {
  // No package available offline carries the batch spec JSON Schema (it lives in src-cli's Go
  // source): its fields were checked by hand against it; this test holds the parts the recipe
  // depends on, and runs the step's script as src would.
  const spec = YAML.parse(readFileSync(path.join(CAMPAIGN, "batch-spec.yaml"), "utf8"));

  test("the fields the recipe relies on", () => {
    expect(Object.keys(spec).sort()).toEqual(["changesetTemplate", "description", "name", "on", "steps", "version"]);
    expect(spec.version).toBe(2);
    expect(spec.name).toMatch(/^[\w.-]+$/);
    expect(spec.steps).toHaveLength(1);
    const [step] = spec.steps;
    expect(Object.keys(step).sort()).toEqual(["container", "env", "mount", "outputs", "run"]);
    expect(step.mount).toEqual([{ path: "./migrate.sh", mountpoint: "/tmp/ds-migrate/migrate.sh" }]);
    expect(existsSync(path.join(CAMPAIGN, step.mount[0].path))).toBe(true);
    expect(step.outputs).toEqual({ prBody: { value: "${{ step.stdout }}" } });
    expect(spec.changesetTemplate.body).toBe("${{ outputs.prBody }}");
    expect(Object.keys(spec.changesetTemplate).sort()).toEqual(["body", "branch", "commit", "published", "title"]);
  });

  test("the step's script: stdout is exactly the PR body (everything else on stderr)", () => {
    const [step] = spec.steps;
    const lines: string[] = step.run.split("\n");
    // Installing ds-migrate and trusting the workspace are the container's business: here it is on PATH.
    const setup = lines.filter((l) => /^(git config --global|npm install --global)/.test(l));
    expect(setup).toHaveLength(2);
    const script = lines.filter((l) => !setup.includes(l)).join("\n").replace(step.mount[0].mountpoint, SCRIPT);
    const clone = cloneOf("api", path.join(work, "sourcegraph"));
    const out = path.join(work, "sourcegraph-reports");
    const r = spawnSync("bash", ["-c", script], { cwd: clone, encoding: "utf8", env: { ...gitEnv(), PATH: `${bin}:${process.env.PATH}`, DS_MIGRATE_REPORTS: out, REPOSITORY: "github.com/acme/api", FORCE_COLOR: "" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(out, "github.com/acme/api.md"), "utf8"));
    expect(r.stdout.startsWith(INTRO)).toBe(true);
    expect(git(clone, "status", "--porcelain")).toBe(" M src/ask.js\n");
  });
});
