// The CI entry points other tools read: .pre-commit-hooks.yaml, action.yml and the examples
// in examples/ci must agree with each other and with the CLI they run. The action's steps are
// run here as the runner runs them: the run: scripts with bash -eo pipefail, their env: with
// the inputs substituted, GITHUB_OUTPUT between steps, and its if: conditions evaluated.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { cli, project, ROOT, tempDir } from "./helpers/cli.js";

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

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}

interface Action {
  inputs: Record<string, { description: string; default?: string; deprecationMessage?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

interface StepRun {
  step: Step;
  outcome: "success" | "failure" | "skipped";
  status?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

interface ActionRun {
  steps: StepRun[];
  /** The step with id "check" (the one ds-migrate run) and the last step (the exit code). */
  check: StepRun;
  result: StepRun;
  /** The action's outputs, from its outputs: section. */
  outputs: Record<string, string>;
  /** Whether the action failed (a step failed), as the calling job would see it. */
  failed: boolean;
  /** Every node command line the steps ran. */
  nodeRuns: string[];
  setupNode: Array<Record<string, string>>;
  uploads: Array<Record<string, string>>;
  runnerTemp: string;
}

const action = yaml("action.yml") as Action;
const SOURCE = 'export const m = JSON.stringify({ model: "deepseek-chat", messages: [] });\n';
const CLEAN = "export const answer = 42;\n";
const MULTITOOL = path.join(ROOT, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

/** name=value lines and name<<DELIMITER blocks, as the runner reads GITHUB_OUTPUT and GITHUB_ENV. */
function fileCommands(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== block[2]) value.push(lines[i]!);
      out[block[1]!] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  runnerTemp: string;
}

/** The contexts action.yml may use; anything else fails the test rather than guessing. */
function contextValue(ref: string, ctx: Context): string {
  const input = /^inputs\.([\w-]+)$/.exec(ref);
  if (input) {
    if (!(input[1]! in action.inputs)) throw new Error(`action.yml uses the undeclared input ${input[1]}`);
    return ctx.inputs[input[1]!]!;
  }
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(ref);
  if (output) {
    if (!action.runs.steps.some((s) => s.id === output[1])) throw new Error(`action.yml uses the outputs of an unknown step ${output[1]}`);
    return ctx.steps[output[1]!]?.outputs[output[2]!] ?? "";
  }
  if (ref === "runner.temp") return ctx.runnerTemp;
  throw new Error(`the test runner does not know the expression "${ref}"`);
}

const substitute = (text: string, ctx: Context) => text.replace(/\$\{\{\s*([\s\S]*?)\s*\}\}/g, (_, ref: string) => contextValue(ref, ctx));

/**
 * A step's if:, as GitHub evaluates the forms action.yml uses: terms joined by &&, each a
 * status function or a context compared with a string (case-insensitively, as GitHub does).
 * Without a status function a step runs only while nothing has failed (success()).
 */
function shouldRun(expression: string | undefined, ctx: Context, failed: boolean): boolean {
  if (expression === undefined) return !failed;
  const body = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1").trim();
  let status = false;
  const terms = body.split("&&").map((t) => t.trim());
  const ok = terms.every((term) => {
    if (term === "always()" || term === "!cancelled()") return (status = true);
    if (term === "success()") return (status = true) && !failed;
    if (term === "failure()") return (status = true) && failed;
    const m = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(term);
    if (!m) throw new Error(`the test runner does not know the condition "${term}" (in "${expression}")`);
    const equal = contextValue(m[1]!, ctx).toLowerCase() === m[3]!.toLowerCase();
    return m[2] === "==" ? equal : !equal;
  });
  return ok && (status || !failed);
}

let actionPath = "";

/**
 * Runs action.yml's steps on a workspace as the runner does: with the inputs (defaults from
 * action.yml), `uses:` steps simulated (setup-node: this Node on PATH; upload-sarif: the file
 * must exist), and `node` on PATH a shim that logs each run.
 */
function runAction(workspace: string, inputs: Record<string, string> = {}): ActionRun {
  for (const name of Object.keys(inputs)) expect(action.inputs, `input ${name}`).toHaveProperty([name]);
  const ctx: Context = {
    inputs: Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? ""])),
    steps: {},
    runnerTemp: tempDir("ds-migrate-runner-"),
  };
  const bin = path.join(ctx.runnerTemp, "bin");
  mkdirSync(bin);
  const nodeLog = path.join(ctx.runnerTemp, "node-runs.log");
  writeFileSync(path.join(bin, "node"), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "$DS_TEST_NODE_LOG"\nexec "$DS_TEST_NODE" "$@"\n`);
  chmodSync(path.join(bin, "node"), 0o755);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GITHUB_") && !k.startsWith("RUNNER_") && !k.startsWith("DS_")));
  let jobEnv: Record<string, string> = {};
  const run: ActionRun = { steps: [], check: undefined!, result: undefined!, outputs: {}, failed: false, nodeRuns: [], setupNode: [], uploads: [], runnerTemp: ctx.runnerTemp };
  action.runs.steps.forEach((step, n) => {
    const record: StepRun = { step, outcome: "skipped", stdout: "", stderr: "", outputs: {} };
    run.steps.push(record);
    if (step.id) ctx.steps[step.id] = record;
    if (!shouldRun(step.if, ctx, run.failed)) return;
    const withs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
    if (step.uses) {
      if (/^actions\/setup-node@v\d+$/.test(step.uses)) {
        run.setupNode.push(withs);
        record.outcome = "success";
      } else if (/^github\/codeql-action\/upload-sarif@v\d+$/.test(step.uses)) {
        run.uploads.push(withs);
        record.outcome = existsSync(withs.sarif_file!) ? "success" : "failure";
      } else {
        throw new Error(`the test runner does not simulate ${step.uses}`);
      }
    } else {
      expect(step.shell).toBe("bash");
      const script = path.join(ctx.runnerTemp, `step-${n}.sh`);
      writeFileSync(script, step.run!);
      const files = { GITHUB_OUTPUT: path.join(ctx.runnerTemp, `output-${n}`), GITHUB_ENV: path.join(ctx.runnerTemp, `env-${n}`) };
      for (const file of Object.values(files)) writeFileSync(file, "");
      const env = {
        ...inherited,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        CI: "true",
        FORCE_COLOR: "",
        GITHUB_ACTIONS: "true",
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: ctx.runnerTemp,
        DS_TEST_NODE: process.execPath,
        DS_TEST_NODE_LOG: nodeLog,
        ...jobEnv,
        ...files,
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)])),
      };
      // The command line GitHub documents for `shell: bash`.
      const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env, encoding: "utf8" });
      Object.assign(record, { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: fileCommands(files.GITHUB_OUTPUT) });
      jobEnv = { ...jobEnv, ...fileCommands(files.GITHUB_ENV) };
      record.outcome = r.status === 0 ? "success" : "failure";
    }
    if (record.outcome === "failure") run.failed = true;
  });
  run.check = run.steps.find((s) => s.step.id === "check")!;
  run.result = run.steps.at(-1)!;
  run.outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, substitute(output.value, ctx)]));
  run.nodeRuns = existsSync(nodeLog) ? readFileSync(nodeLog, "utf8").trimEnd().split("\n") : [];
  return run;
}

/** (level, file:line, rule) of each annotation on a file, with SARIF's level names. */
function annotations(stdout: string): string[] {
  const level: Record<string, string> = { error: "error", warning: "warning", notice: "note" };
  return [...stdout.matchAll(/^::(error|warning|notice) file=([^,]*),line=(\d+),.*?title=ds-migrate ([\w-]+)::/gm)].map((m) => `${level[m[1]!]} ${m[2]}:${m[3]} ${m[4]}`).sort();
}

/** The same triples from a SARIF log. */
function sarifFindings(file: string): string[] {
  const log = JSON.parse(readFileSync(file, "utf8"));
  expect(log.version).toBe("2.1.0");
  expect(log.runs[0].tool.driver.name).toBe("ds-migrate");
  return log.runs[0].results
    .map((r: { level: string; ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => {
      const where = r.locations[0]!.physicalLocation;
      return `${r.level} ${decodeURIComponent(where.artifactLocation.uri)}:${where.region.startLine} ${r.ruleId}`;
    })
    .sort();
}

function multitoolProblems(file: string): string[] {
  const validation = path.join(tempDir(), "validation.sarif");
  execFileSync(MULTITOOL, ["validate", file, "--output", validation], { stdio: "ignore", env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } });
  const log = JSON.parse(readFileSync(validation, "utf8").replace(/^\uFEFF/, ""));
  return log.runs.flatMap((r: { results?: Array<{ level?: string; ruleId: string }> }) => r.results ?? []).map((p: { level?: string; ruleId: string }) => `${p.level} ${p.ruleId}`);
}

describe("GitHub Action", () => {
  beforeAll(() => {
    // The action as a workflow gets it: the repository without node_modules or dist/ (here only
    // what the steps may read), in a folder whose name has a space.
    actionPath = path.join(tempDir("ds-migrate-action-"), "ds migrate");
    for (const item of ["action.yml", "package.json", "action"]) cpSync(path.join(ROOT, item), path.join(actionPath, item), { recursive: true });
    chmodSync(MULTITOOL, 0o755);
  });

  test("composite; inputs reach the scripts only through env:, never ${{ }} inside run:; the scripts pass bash -n (and shellcheck when installed)", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(["paths", "config", "ignore", "target", "thinking-param", "strict", "format", "sarif", "node-version", "path"]);
    expect(action.inputs.paths!.default).toBe(".");
    expect(action.inputs.format!.default).toBe("github");
    expect(action.inputs.path!.deprecationMessage).toContain("paths");
    const scripts = action.runs.steps.filter((s) => s.run !== undefined);
    expect(scripts.length).toBe(2);
    const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
    for (const step of scripts) {
      expect(step.run).not.toContain("${{");
      expect(step.run).not.toMatch(/npm (ci|install)|npx/);
      const file = path.join(tempDir(), "step.sh");
      writeFileSync(file, step.run!);
      expect(spawnSync("bash", ["-n", file], { encoding: "utf8" }).stderr).toBe("");
      if (shellcheck) {
        const r = spawnSync("shellcheck", ["--shell=bash", "--severity=style", file], { encoding: "utf8" });
        expect(r.stdout, step.name).toBe("");
      }
    }
    // Node: a supported LTS from setup-node, skipped with node-version: "".
    const setup = action.runs.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))!;
    expect(setup.if).toBe("inputs.node-version != ''");
    expect(Number(action.inputs["node-version"]!.default)).toBeGreaterThanOrEqual(22);
  });

  test("the example workflow uses only inputs the action declares, none deprecated", () => {
    const workflow = yaml("examples/ci/ds-migrate.yml");
    const step = workflow.jobs.check.steps.find((s: { uses?: string }) => s.uses?.includes("/ds-migrate@"));
    expect(step).toBeDefined();
    for (const name of Object.keys(step.with)) {
      expect(action.inputs, `input ${name}`).toHaveProperty([name]);
      expect(action.inputs[name]!.deprecationMessage, `input ${name}`).toBeUndefined();
    }
    expect(step.with.paths).toBeDefined();
  });

  test("a legacy ID: one check run annotates the pull request, and the action fails with exit 1", () => {
    const run = runAction(project({ "src/a.ts": SOURCE }));
    expect(run.setupNode).toEqual([{ "node-version": "24" }]);
    expect(run.nodeRuns).toHaveLength(1);
    expect(run.nodeRuns[0]).toBe(`--max-semi-space-size=2 ${actionPath}/action/run.js check --format=github -- .`);
    expect(run.check.status).toBe(0);
    expect(run.check.stdout).toMatch(/^::error file=src\/a\.ts,line=1,col=\d+,endLine=1,endColumn=\d+,title=ds-migrate legacy-model-id::Legacy model ID "deepseek-chat" → "deepseek-flash"/m);
    expect(run.check.stdout).toMatch(/^::notice title=ds-migrate::1 error\(s\)/m);
    expect(run.uploads).toEqual([]);
    expect(run.outputs).toEqual({ "exit-code": "1", "sarif-file": "" });
    expect(run.result.status).toBe(1);
    expect(run.result.stdout).toContain("ds-migrate check failed (exit 1)");
    expect(run.failed).toBe(true);
  });

  test("clean: exit 0 and every step succeeds", () => {
    const run = runAction(project({ "src/a.ts": CLEAN }));
    expect(run.check.stdout).toMatch(/^::notice title=ds-migrate::0 error\(s\), 0 warning\(s\)/m);
    expect(run.steps.map((s) => s.outcome)).toEqual(["success", "success", "skipped", "success"]);
    expect(run.result.status).toBe(0);
    expect(run.outputs["exit-code"]).toBe("0");
    expect(run.failed).toBe(false);
  });

  test("sarif on: the same single run writes a valid SARIF file outside the workspace, which is uploaded before the action fails with exit 1", () => {
    const workspace = project({ "src/a.ts": SOURCE, "src/b.js": 'export const url = new OpenAI({ baseURL: "https://api.deepseek.com" });\n' });
    const run = runAction(workspace, { sarif: "true" });
    expect(run.nodeRuns).toHaveLength(1);
    const file = run.outputs["sarif-file"]!;
    expect(file.startsWith(run.runnerTemp + path.sep)).toBe(true);
    expect(path.relative(workspace, file).startsWith("..")).toBe(true);
    expect(readdirSync(workspace).sort()).toEqual(["src"]);
    expect(run.nodeRuns[0]).toContain(` --report=${file} -- .`);
    expect(run.uploads).toEqual([{ sarif_file: file, category: "ds-migrate" }]);
    expect(run.steps.map((s) => s.outcome)).toEqual(["success", "success", "success", "failure"]);
    expect(run.result.status).toBe(1);
    // The annotations and the SARIF are the same findings: one run made both.
    const found = annotations(run.check.stdout);
    expect(found).toContain("error src/a.ts:1 legacy-model-id");
    expect(found).toContain("warning src/b.js:1 legacy-base-url");
    expect(sarifFindings(file)).toEqual(found);
    expect(multitoolProblems(file)).toEqual([]);
  });

  test("sarif on, clean: an empty SARIF log is uploaded and the action passes", () => {
    const run = runAction(project({ "src/a.ts": CLEAN }), { sarif: "true" });
    expect(run.uploads).toHaveLength(1);
    expect(sarifFindings(run.outputs["sarif-file"]!)).toEqual([]);
    expect(run.result.status).toBe(0);
    expect(run.failed).toBe(false);
  });

  test("a missing path is exit 2, shown as an annotation; no SARIF to upload; the action fails with 2", () => {
    const run = runAction(project({ "src/a.ts": SOURCE }), { paths: "src\nnope", sarif: "true" });
    expect(run.nodeRuns).toHaveLength(1);
    expect(run.check.stderr).toContain("path not found: nope");
    expect(run.check.stdout).toMatch(/^::error title=ds-migrate usage or input error::ds-migrate: path not found: nope.*\(nothing was checked\)$/m);
    expect(run.outputs).toEqual({ "exit-code": "2", "sarif-file": "" });
    expect(run.steps.map((s) => s.outcome)).toEqual(["success", "success", "skipped", "failure"]);
    expect(run.result.status).toBe(2);
    expect(run.result.stdout).toContain("ds-migrate check failed (exit 2): usage or input error");
  });

  test("a bad config (invalid JSON, or no such file) is exit 2, never hidden", () => {
    const workspace = project({ "src/a.ts": CLEAN, "ds-migrate.json": "{ not json\n" });
    for (const [config, words] of [["ds-migrate.json", "it is not valid JSON"], ["missing.json", "cannot read it (ENOENT)"]] as const) {
      const run = runAction(workspace, { config, sarif: "true" });
      expect(run.nodeRuns[0]).toContain(` --config=${config} `);
      expect(run.check.stdout).toMatch(new RegExp(`^::error title=ds-migrate usage or input error::ds-migrate: config ${config}: ${words.replace(/[()]/g, "\\$&")}`, "m"));
      expect(run.uploads).toEqual([]);
      expect(run.result.status).toBe(2);
      expect(run.failed).toBe(true);
    }
  });

  test("an invalid input is exit 2 before anything runs: strict and sarif take true or false, format a known format", () => {
    const workspace = project({ "src/a.ts": CLEAN });
    const strict = runAction(workspace, { strict: "yes" });
    expect(strict.nodeRuns).toEqual([]);
    expect(strict.check.stdout).toContain('::error title=ds-migrate usage or input error::input strict must be "true" or "false", got "yes" (nothing was checked)');
    expect(strict.result.status).toBe(2);
    expect(runAction(workspace, { sarif: "on" }).result.status).toBe(2);
    const format = runAction(workspace, { format: "xml" });
    expect(format.check.stderr).toContain('Argument: format, Given: "xml"');
    expect(format.result.status).toBe(2);
  });

  test("paths: one per line, spaces kept, nothing expanded by the shell", () => {
    const workspace = project({ "my app/src/a.py": 'MODEL = "deepseek-reasoner"\n', "lib/b.ts": SOURCE, "other/c.ts": SOURCE });
    const run = runAction(workspace, { paths: "my app\n\n  lib  \n" });
    expect(run.nodeRuns[0]).toBe(`--max-semi-space-size=2 ${actionPath}/action/run.js check --format=github -- my app lib`);
    expect(annotations(run.check.stdout).filter((a) => a.startsWith("error"))).toEqual(["error lib/b.ts:1 legacy-model-id", "error my app/src/a.py:1 legacy-model-id"]);
    expect(run.result.status).toBe(1);
    // An input is data: no command substitution, no word splitting, no glob expansion.
    const hostile = runAction(workspace, { paths: "$(touch pwned)\n*" });
    expect(existsSync(path.join(workspace, "pwned"))).toBe(false);
    expect(hostile.check.stderr).toContain("not found: $(touch pwned), * (a pattern that matches no file)");
    expect(hostile.result.status).toBe(2);
  });

  test("ignore: globs one per line are honoured (and not expanded by the shell)", () => {
    const workspace = project({ "src/a.ts": CLEAN, "legacy/old.py": 'MODEL = "deepseek-chat"\n', "NOTES.md": "We used deepseek-chat.\n", "src/fixtures/x.json": '{ "model": "deepseek-chat" }\n' });
    expect(runAction(workspace).result.status).toBe(1);
    const run = runAction(workspace, { ignore: "legacy/\n*.md\n**/fixtures/**\n" });
    expect(run.nodeRuns[0]).toContain(" --ignore=legacy/ --ignore=*.md --ignore=**/fixtures/** -- .");
    expect(annotations(run.check.stdout)).toEqual([]);
    expect(run.result.status).toBe(0);
  });

  test("target, thinking-param, strict and format reach the CLI", () => {
    const workspace = project({ "src/a.ts": SOURCE, "b.js": 'export const u = new OpenAI({ baseURL: "https://api.deepseek.com" });\n' });
    const target = runAction(workspace, { target: "pro", "thinking-param": "thinking_mode" });
    expect(target.nodeRuns[0]).toContain(" --target=pro --thinking-param=thinking_mode ");
    expect(target.check.stdout).toContain('Legacy model ID "deepseek-chat" → "deepseek-v4-pro"');
    const warnings = project({ "b.js": 'export const u = new OpenAI({ baseURL: "https://api.deepseek.com" });\n' });
    expect(runAction(warnings).result.status).toBe(0);
    const strict = runAction(warnings, { strict: "true" });
    expect(strict.check.stdout).toMatch(/^::error file=b\.js,line=1,.*title=ds-migrate legacy-base-url::/m);
    expect(strict.result.status).toBe(1);
    const json = runAction(workspace, { format: "json" });
    expect(JSON.parse(json.check.stdout.slice(json.check.stdout.indexOf("\n") + 1)).summary.findings.error).toBe(1);
    expect(json.result.status).toBe(1);
  });

  test("deprecated path: space-separated still works; with paths set too it is exit 2", () => {
    const workspace = project({ "src/a.ts": SOURCE, "lib/b.ts": SOURCE, "other/c.ts": SOURCE });
    const run = runAction(workspace, { path: "src lib" });
    expect(run.nodeRuns[0]).toContain(" -- src lib");
    expect(annotations(run.check.stdout).filter((a) => a.startsWith("error"))).toEqual(["error lib/b.ts:1 legacy-model-id", "error src/a.ts:1 legacy-model-id"]);
    expect(run.result.status).toBe(1);
    const both = runAction(workspace, { path: "src", paths: "lib" });
    expect(both.nodeRuns).toEqual([]);
    expect(both.check.stdout).toContain("::error title=ds-migrate usage or input error::set either paths");
    expect(both.result.status).toBe(2);
  });

  test("node-version \"\" skips setup-node and uses the node on PATH", () => {
    const run = runAction(project({ "src/a.ts": CLEAN }), { "node-version": "" });
    expect(run.setupNode).toEqual([]);
    expect(run.steps[0]!.outcome).toBe("skipped");
    expect(run.nodeRuns).toHaveLength(1);
    expect(run.result.status).toBe(0);
  });

  test("a large tree (worker threads, loaded from action/dist) from the bundle alone", () => {
    const files: Record<string, string> = { "src/legacy.py": 'MODEL = "deepseek-chat"\n' };
    for (let i = 0; i < 1100; i++) files[`src/m${i}.py`] = `X = ${i}\n`;
    const run = runAction(project(files));
    expect(run.check.stderr).toBe("");
    expect(run.check.stdout).toMatch(/^::notice title=ds-migrate::1 error\(s\), 1 warning\(s\), 0 info in 1101 files scanned/m);
    expect(run.result.status).toBe(1);
  });
});

describe("the action's committed bundle", () => {
  const built = path.join(ROOT, "dist/bundle");
  const committed = path.join(ROOT, "action/dist");

  test("action/dist is byte for byte what `npm run build:action` makes now (else: run it and commit action/dist)", () => {
    // dist/bundle is what `npm run build` (run by `npm test`) made; build:action copies it.
    const newest = (dir: string, keep: (f: string) => boolean): number => Math.max(
      ...readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(keep).map((f) => statSync(path.join(dir, f)).mtimeMs),
    );
    const sources = Math.max(newest(path.join(ROOT, "src"), (f) => f.endsWith(".ts")), statSync(path.join(ROOT, "package-lock.json")).mtimeMs);
    const oldestBuilt = Math.min(...readdirSync(built).map((f) => statSync(path.join(built, f)).mtimeMs));
    expect(oldestBuilt >= sources, "dist/bundle is older than src/ or package-lock.json: run `npm run build` (npm test does) before this test").toBe(true);
    // The language server's bundle is left out (the action never runs it), and so is the CommonJS
    // copy the bin loads with a compile cache on Node 20 (each Action run starts without a cache).
    const actionFiles = readdirSync(built).filter((f) => f !== "lsp.js" && !f.endsWith(".cjs"));
    expect(readdirSync(committed).sort()).toEqual(actionFiles.sort());
    for (const file of actionFiles) {
      const same = readFileSync(path.join(committed, file)).equals(readFileSync(path.join(built, file)));
      expect(same, `action/dist/${file} is stale: run \`npm run build:action\` and commit action/dist`).toBe(true);
    }
  });

  test("the action's entry point runs the bundle: version from the repository's package.json", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "action/run.js"), "--version"], { encoding: "utf8" });
    expect(run.stdout).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version + "\n");
    expect(run.status).toBe(0);
  });
});
