// End to end: the built CLI on temp copies of sample projects; exit codes, stdout and
// the bytes of every file are what is asserted.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { BIN, cli, copyOf, project, ROOT, snapshot, tempDir } from "./helpers/cli.js";

const EXAMPLE = path.join(ROOT, "examples/legacy-app");
const EXPECTED = path.join(ROOT, "test/e2e/legacy-app.expected");
const TODAY = ["--today", "2026-11-25"];


const CHAT_JS = 'export const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n';
const CHAT_JS_MIGRATED = 'export const body = JSON.stringify({ model: "deepseek-flash", thinking: { type: "disabled" }, messages: [] });\n';

describe("ds-migrate on examples/legacy-app", () => {
  test("--dry-run prints diffs, the summary and the deadline, and writes nothing", () => {
    const app = copyOf(EXAMPLE);
    const before = snapshot(app);
    const run = cli([".", "--dry-run", ...TODAY], app);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--- a/src/client.ts\n+++ b/src/client.ts\n");
    expect(run.stdout).toContain('+const DEFAULT_MODEL = "deepseek-flash";');
    expect(run.stdout).toContain("ds-migrate dry run: nothing was written");
    expect(run.stdout).toContain("model-collision");
    expect(run.stdout).toMatch(/\ndeepseek-chat, deepseek-reasoner: deprecated since 2026-07-24 \(124 days ago\): requests with these IDs fail\n/);
    expect(run.stdout).toMatch(/\ndeepseek-v4-flash: retired model, served by DeepSeek-V4\.1-Flash under a temporary alias since 2026-09-10; no removal date announced\n$/);
    expect(run.stdout).not.toContain("\x1b["); // no colour when stdout is not a TTY
    expect(snapshot(app)).toEqual(before);
  });

  test("migrate writes exactly the expected tree, and a second run changes nothing", () => {
    const app = copyOf(EXAMPLE);
    const run = cli([".", "--force", "--no-gitignore", ...TODAY], app);
    expect(run.status, run.stderr).toBe(0);
    if (process.env.UPDATE_FIXTURES === "1" && !process.env.CI) {
      rmSync(EXPECTED, { recursive: true, force: true });
      cpSync(app, EXPECTED, { recursive: true });
    }
    expect(snapshot(app)).toEqual(snapshot(EXPECTED));
    const again = cli([".", "--force", "--no-gitignore", ...TODAY], app);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("files changed:   0");
    expect(snapshot(app)).toEqual(snapshot(EXPECTED));
  });

  test("the deadline line counts days left before the deadline", () => {
    const run = cli([".", "--dry-run", "--today", "2026-07-20"], EXAMPLE);
    expect(run.stdout).toContain("deepseek-chat, deepseek-reasoner: deadline 2026-07-24: 4 days left before requests with these IDs fail");
  });
});

describe("input errors", () => {
  test("a path that does not exist: message and exit 2", () => {
    const run = cli(["nope", "--dry-run"], tempDir());
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("ds-migrate: path not found: nope. Check the path and run again.\n");
  });

  test("invalid JSON config: exit 2, names the file", () => {
    const dir = project({ "a.js": CHAT_JS, "bad.json": "{ nope" });
    const run = cli([".", "--config", "bad.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ds-migrate: config bad\.json: it is not valid JSON/);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS);
  });

  test("unknown config key: exit 2, lists the known keys", () => {
    const dir = project({ "a.js": CHAT_JS, "c.json": '{ "targt": "pro" }' });
    const run = cli([".", "--config", "c.json"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown key "targt". Known keys: target, thinkingParam');
  });

  test("bad --today and unknown options: exit 2", () => {
    expect(cli([".", "--today", "24/07/2026"], tempDir()).status).toBe(2);
    const run = cli([".", "--dryrun"], tempDir());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown argument: dryrun");
  });

  test("a file that does not parse is reported and left untouched; the others are written; exit 1", () => {
    const broken = 'export const x = { model: "deepseek-chat", ;\n';
    const dir = project({ "bad.js": broken, "good.js": CHAT_JS });
    const run = cli([".", "--force"], dir);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(dir, "bad.js"), "utf8")).toBe(broken);
    expect(readFileSync(path.join(dir, "good.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
    expect(run.stdout).toContain("bad.js: syntax error at 1:44");
    expect(run.stdout).toContain("plain text search found 1 legacy string(s)");
  });

  test("a file over the size limit is not parsed, is reported with its IDs found by text search, and is left untouched", () => {
    const huge = `export const m = "deepseek-chat";\n${"// padding\n".repeat(600_000)}`;
    const dir = project({ "huge.js": huge, "small.js": CHAT_JS });
    const run = cli([".", "--force"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("huge.js: larger than 5 MB: not parsed; plain text search found 1 legacy string(s)");
    expect(readFileSync(path.join(dir, "huge.js"), "utf8")).toBe(huge);
    expect(readFileSync(path.join(dir, "small.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });

  test("a non-UTF-8 file with a hit is reported, not rewritten; a binary file (NUL bytes) is skipped and counted, as ripgrep does", () => {
    const latin1 = Buffer.concat([Buffer.from('const m = "deepseek-chat"; // caf'), Buffer.from([0xe9]), Buffer.from("\n")]);
    const binary = Buffer.concat([Buffer.from("deepseek-chat"), Buffer.from([0, 1, 2])]);
    const dir = project({ "latin1.js": latin1, "blob.js": binary });
    const run = cli([".", "--force"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("latin1.js: not valid UTF-8");
    expect(run.stdout).toContain("not scanned: 1 binary file(s)");
    expect(run.stdout).not.toContain("blob.js");
    expect(readFileSync(path.join(dir, "latin1.js"))).toEqual(latin1);
    expect(readFileSync(path.join(dir, "blob.js"))).toEqual(binary);
  });
});

describe("writing", () => {
  test("keeps the file mode and leaves no temp files", () => {
    const dir = project({ "tool.js": CHAT_JS });
    chmodSync(path.join(dir, "tool.js"), 0o750);
    expect(cli([".", "--force"], dir).status).toBe(0);
    expect(statSync(path.join(dir, "tool.js")).mode & 0o777).toBe(0o750);
    expect(readdirSync(dir)).toEqual(["tool.js"]);
  });

  test("a UTF-8 BOM is kept on every file written (JS, Python, JSON)", () => {
    const BOM = "\uFEFF";
    const dir = project({
      "a.js": BOM + CHAT_JS,
      "b.py": BOM + 'MODEL = "deepseek-chat"\n',
      "c.json": BOM + '{ "model": "deepseek-chat" }\n',
    });
    expect(cli([".", "--force"], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "a.js"))).toEqual(Buffer.from(BOM + CHAT_JS_MIGRATED));
    expect(readFileSync(path.join(dir, "b.py"))).toEqual(Buffer.from(BOM + 'MODEL = "deepseek-flash"\n'));
    expect(readFileSync(path.join(dir, "c.json"))).toEqual(Buffer.from(BOM + '{ "model": "deepseek-flash" }\n'));
  });

  test("refuses files with uncommitted git changes unless --force", () => {
    const dir = project({ "a.js": "export const a = 1;\n" });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("-c", "user.email=t@t", "-c", "user.name=t", "add", ".");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init");
    writeFileSync(path.join(dir, "a.js"), CHAT_JS);
    const refused = cli(["."], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("git could not restore these files after a rewrite, so nothing was written:\n  a.js (uncommitted changes)\n");
    expect(refused.stderr).toContain("or run again with --force");
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS);
    expect(cli([".", "--force"], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });

  test("--target pro and --thinking-param thinking_mode", () => {
    const dir = project({ "a.js": CHAT_JS });
    expect(cli([".", "--force", "--target", "pro", "--thinking-param", "thinking_mode"], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe('export const body = JSON.stringify({ model: "deepseek-v4-pro", thinking_mode: "non-thinking", messages: [] });\n');
  });

  test("--config adds a legacy ID to the rule table", () => {
    const dir = project({ "a.js": 'export const b = JSON.stringify({ model: "deepseek-coder", messages: [] });\n', "ds.json": '{ "legacyModels": { "deepseek-coder": { "mode": "non-thinking" } }, "target": "pro" }' });
    expect(cli([".", "--force", "--config", "ds.json"], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe('export const b = JSON.stringify({ model: "deepseek-v4-pro", thinking: { type: "disabled" }, messages: [] });\n');
  });
});

describe("discovery", () => {
  test(".gitignore, node_modules and --ignore are honoured; --no-gitignore scans ignored files", () => {
    const dir = project({
      ".gitignore": "generated/\n",
      "generated/a.js": CHAT_JS,
      "node_modules/lib/index.js": CHAT_JS,
      "dist/out.js": CHAT_JS,
      "src/keep.js": CHAT_JS,
      "src/skip.test.js": CHAT_JS,
    });
    expect(cli([".", "--force", "--ignore", "*.test.js"], dir).status).toBe(0);
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    expect(read("src/keep.js")).toBe(CHAT_JS_MIGRATED);
    expect(read("src/skip.test.js")).toBe(CHAT_JS);
    expect(read("generated/a.js")).toBe(CHAT_JS);
    expect(read("node_modules/lib/index.js")).toBe(CHAT_JS);
    expect(read("dist/out.js")).toBe(CHAT_JS);
    expect(cli([".", "--force", "--no-gitignore"], dir).status).toBe(0);
    expect(read("generated/a.js")).toBe(CHAT_JS_MIGRATED);
    expect(read("node_modules/lib/index.js")).toBe(CHAT_JS);
  });

  test("an ignored .env is not touched unless --no-gitignore; --no-docs skips Markdown", () => {
    const env = "DEEPSEEK_MODEL=deepseek-chat\n";
    const doc = '```js\nconst b = JSON.stringify({ model: "deepseek-chat", messages: [] });\n```\n';
    const dir = project({ ".gitignore": ".env\n", ".env": env, ".env.example": env, "README.md": doc });
    expect(cli([".", "--force", "--no-docs"], dir).status).toBe(0);
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    expect(read(".env")).toBe(env);
    expect(read(".env.example")).toBe("DEEPSEEK_MODEL=deepseek-flash\n");
    expect(read("README.md")).toBe(doc);
    expect(cli([".", "--force", "--no-gitignore"], dir).status).toBe(0);
    expect(read(".env")).toBe("DEEPSEEK_MODEL=deepseek-flash\n");
    expect(read("README.md")).toBe('```js\nconst b = JSON.stringify({ model: "deepseek-flash", thinking: { type: "disabled" }, messages: [] });\n```\n');
  });

  test("symlinks are not followed (no loops, nothing outside the root), and are counted", () => {
    const outside = project({ "secret.js": CHAT_JS });
    const dir = project({ "src/a.js": CHAT_JS });
    symlinkSync(path.join(outside, "secret.js"), path.join(dir, "src/link.js"));
    symlinkSync(dir, path.join(dir, "src/loop"));
    const run = cli([".", "--dry-run"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("symlinks not followed: 2");
    expect(run.stdout).toContain("files scanned:   1");
    expect(readFileSync(path.join(outside, "secret.js"), "utf8")).toBe(CHAT_JS);
  });

  test("every file kind is scanned: notebooks, components, scripts, Dockerfiles, other text; binaries and lockfiles are skipped and counted", () => {
    const notebook = JSON.stringify({
      cells: [{ cell_type: "code", execution_count: null, id: "a", metadata: {}, outputs: [], source: ["from openai import OpenAI\n", "c = OpenAI(base_url=\"https://api.deepseek.com/v1\")\n", "c.chat.completions.create(model=\"deepseek-chat\", messages=[])"] }],
      metadata: { kernelspec: { language: "python", name: "python3" } }, nbformat: 4, nbformat_minor: 5,
    }, null, 1) + "\n";
    const dir = project({
      "nb/demo.ipynb": notebook,
      "web/Ask.vue": '<template><p>hi</p></template>\n<script setup lang="ts">\nconst body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n</script>\n',
      "scripts/run.sh": "#!/bin/sh\nexport DEEPSEEK_MODEL=deepseek-chat\n",
      "scripts/deploy": "#!/usr/bin/env bash\nDEEPSEEK_MODEL=deepseek-reasoner\n",
      "Dockerfile": "FROM python:3.12\nENV DEEPSEEK_MODEL=deepseek-chat\n",
      "svc/main.go": 'package main\n\nconst model = "deepseek-chat"\n',
      "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      "package-lock.json": '{ "name": "deepseek-chat" }\n',
    });
    const check = cli(["check", "--format", "json", ...TODAY], dir);
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.summary.filesScanned).toBe(6);
    expect(report.summary.skipped).toMatchObject({ binary: 1, lockfile: 1 });
    const files = report.files.map((f: { file: string; status: string }) => `${f.file} ${f.status}`).sort();
    expect(files).toEqual(["Dockerfile changed", "nb/demo.ipynb changed", "scripts/deploy changed", "scripts/run.sh changed", "svc/main.go unchanged", "web/Ask.vue changed"]);
    expect(report.findings.find((f: { file: string }) => f.file === "svc/main.go")).toMatchObject({ ruleId: "legacy-id-in-unsupported-file", severity: "error", line: 3 });
    expect(cli([".", "--force"], dir).status).toBe(0);
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    expect(read("nb/demo.ipynb")).toBe(notebook.replace('model=\\"deepseek-chat\\"', 'model=\\"deepseek-flash\\", extra_body={\\"thinking\\": {\\"type\\": \\"disabled\\"}}'));
    expect(read("web/Ask.vue")).toContain('JSON.stringify({ model: "deepseek-flash", thinking: { type: "disabled" }, messages: [] })');
    expect(read("scripts/run.sh")).toBe("#!/bin/sh\nexport DEEPSEEK_MODEL=deepseek-flash\n");
    expect(read("scripts/deploy")).toBe("#!/usr/bin/env bash\nDEEPSEEK_MODEL=deepseek-flash\n");
    expect(read("Dockerfile")).toBe("FROM python:3.12\nENV DEEPSEEK_MODEL=deepseek-flash\n");
    expect(read("svc/main.go")).toBe('package main\n\nconst model = "deepseek-chat"\n');
    expect(read("package-lock.json")).toBe('{ "name": "deepseek-chat" }\n');
  });

  test("the other kinds through the CLI: MDX, nested fences, Svelte, Astro, compose, ini, properties, plain text", () => {
    const files: Record<string, string> = {
      "docs/page.mdx": 'import X from "./x";\n\n- Call it:\n\n  ```bash\n  export DEEPSEEK_MODEL=deepseek-chat\n  ```\n',
      "web/Ask.svelte": '<script>\n  const body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n</script>\n<p>{body}</p>\n',
      "web/page.astro": '---\nconst body = JSON.stringify({ model: "deepseek-chat", messages: [] });\n---\n<p>{body}</p>\n',
      "docker-compose.yml": "services:\n  api:\n    environment:\n      - DEEPSEEK_MODEL=deepseek-chat\n",
      "settings.ini": "[llm]\nmodel = deepseek-chat\n",
      "app.properties": "llm.model=deepseek-reasoner\n",
      "NOTES.txt": 'set MODEL="deepseek-chat" in production\n',
    };
    const dir = project(files);
    const check = cli(["check", "--format", "json", ...TODAY], dir);
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.files.map((f: { file: string; status: string }) => `${f.file} ${f.status}`).sort()).toEqual([
      "NOTES.txt unchanged", "app.properties changed", "docker-compose.yml changed", "docs/page.mdx changed", "settings.ini changed", "web/Ask.svelte changed", "web/page.astro changed",
    ]);
    expect(cli([".", "--force"], dir).status).toBe(0);
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    for (const [name, before] of Object.entries(files)) {
      const expected = name === "NOTES.txt" ? before
        : name === "app.properties" ? before.replace("deepseek-reasoner", "deepseek-flash")
        : name.startsWith("web/") ? before.replace('model: "deepseek-chat"', 'model: "deepseek-flash", thinking: { type: "disabled" }')
        : before.replace("deepseek-chat", "deepseek-flash");
      expect(read(name), name).toBe(expected);
    }
  });

  test("in a git work tree a tracked file is scanned even when .gitignore matches it; untracked ignored files are skipped and counted", () => {
    const dir = project({ ".gitignore": "generated/\n", "generated/tracked.js": CHAT_JS, "src/a.js": CHAT_JS });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", "-f", ".gitignore", "generated/tracked.js", "src/a.js");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
    writeFileSync(path.join(dir, "generated/untracked.js"), CHAT_JS);
    const report = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    expect(report.files.map((f: { file: string }) => f.file).sort()).toEqual(["generated/tracked.js", "src/a.js"]);
    expect(report.summary.skipped.gitignored).toBe(1);
    const text = cli(["check", ...TODAY], dir).stdout;
    expect(text).toContain("not scanned: 1 path(s) matched by .gitignore");
  });

  test("a file named explicitly is scanned; a glob selects files", () => {
    const dir = project({ "a.js": CHAT_JS, "b.ts": CHAT_JS, "c.js": CHAT_JS });
    expect(cli(["a.js", "--force", "*.ts"], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
    expect(readFileSync(path.join(dir, "b.ts"), "utf8")).not.toBe(CHAT_JS);
    expect(readFileSync(path.join(dir, "c.js"), "utf8")).toBe(CHAT_JS);
  });
});

describe("interruption", () => {
  // A real signal, sent as soon as the first file is renamed into place, on a tree large
  // enough that the writes are still going on when it arrives.
  async function interruptWrites(signal: "SIGINT" | "SIGTERM" | "SIGHUP"): Promise<{ dir: string; code: number | null; stdout: string }> {
    const dir = tempDir();
    for (let i = 0; i < 4000; i++) writeFileSync(path.join(dir, `m${i}.js`), CHAT_JS);
    const child = spawn(process.execPath, [BIN, ".", "--force"], { cwd: dir, env: { ...process.env, CI: "" } });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const watcher = watch(dir, () => {
      watcher.close();
      child.kill(signal);
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    watcher.close();
    return { dir, code, stdout };
  }

  for (const [signal, exit] of [["SIGTERM", 143], ["SIGINT", 130], ["SIGHUP", 129]] as const) {
    test(`${signal} during migrate: the write in flight finishes, no temp file is left, the summary lists what was written, exit ${exit}`, async () => {
      const { dir, code, stdout } = await interruptWrites(signal);
      expect(code).toBe(exit);
      const names = readdirSync(dir);
      expect(names.filter((n) => !/^m\d+\.js$/.test(n))).toEqual([]);
      const contents = names.map((n) => readFileSync(path.join(dir, n), "utf8"));
      expect(contents.every((t) => t === CHAT_JS || t === CHAT_JS_MIGRATED)).toBe(true);
      const written = contents.filter((t) => t === CHAT_JS_MIGRATED).length;
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(4000);
      expect(stdout).toContain(`interrupted by ${signal}: ${written} file(s) written, ${4000 - written} left as they were`);
      // Counts and the first 20 paths, not thousands of lines.
      expect((stdout.match(/^ {4}written: /gm) ?? []).length).toBe(Math.min(written, 20));
      // Running again finishes the job.
      expect(cli([".", "--force"], dir).status).toBe(0);
      expect(readdirSync(dir).every((n) => readFileSync(path.join(dir, n), "utf8") === CHAT_JS_MIGRATED)).toBe(true);
    }, 60_000);
  }
});

describe("a file edited during the run", () => {
  // Real concurrent edits: as soon as the first file is renamed into place, 100 files that sort
  // last (so they are written last) get a line appended, as an editor or a formatter would.
  test("is not overwritten: the edit is kept, the file is reported, exit 1; the rest are migrated", async () => {
    const dir = tempDir();
    for (let i = 0; i < 3000; i++) writeFileSync(path.join(dir, `m${i}.js`), CHAT_JS);
    const late = Array.from({ length: 100 }, (_, i) => path.join(dir, `z${i}.js`));
    for (const file of late) writeFileSync(file, CHAT_JS);
    const child = spawn(process.execPath, [BIN, ".", "--force"], { cwd: dir, env: { ...process.env, CI: "" } });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const watcher = watch(dir, () => {
      watcher.close();
      for (const file of late) appendFileSync(file, "// edited meanwhile\n");
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    watcher.close();
    expect(code).toBe(1);
    for (const file of late) expect(readFileSync(file, "utf8")).toBe(CHAT_JS + "// edited meanwhile\n");
    expect(stdout.match(/z\d+\.js: cannot write: the file changed after ds-migrate read it: not written, so that edit is kept/g)).toHaveLength(100);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(readFileSync(path.join(dir, "m0.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  }, 60_000);
});

describe("--context: read more than is migrated (the pre-commit fix hook)", () => {
  const files = {
    "models.ts": 'export const FAST = "deepseek-chat";\n',
    "app.ts": 'import OpenAI from "openai";\nimport { FAST } from "./models";\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: FAST, messages: [] });\n',
    "other.py": 'M = "deepseek-reasoner"\n',
  };

  test("a constants module migrated alone, its consumer only read: both stay, and the finding says to migrate them together", () => {
    const dir = project(files);
    committed(dir);
    const run = cli(["models.ts", "--context", ".", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('models.ts:1:21  error  legacy-id-unproven  "deepseek-chat" is used by a request in app.ts, which this run only reads (--context); migrate both files together');
    expect(run.stdout).toContain("files scanned:   1\n");
    expect(run.stdout).not.toContain("other.py"); // context files are not reported
    for (const [name, text] of Object.entries(files)) expect(readFileSync(path.join(dir, name), "utf8")).toBe(text);
  });

  test("the module and its consumer migrated together: the ID and the mode move, files outside the paths are not written", () => {
    const dir = project(files);
    committed(dir);
    const run = cli(["models.ts", "app.ts", "--context", ".", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, "models.ts"), "utf8")).toBe('export const FAST = "deepseek-flash";\n');
    expect(readFileSync(path.join(dir, "app.ts"), "utf8")).toContain('model: FAST, ...{ thinking: { type: "disabled" } }, messages');
    expect(readFileSync(path.join(dir, "other.py"), "utf8")).toBe(files["other.py"]);
  });

  test("a --context path that does not exist is a usage error", () => {
    const dir = project(files);
    committed(dir);
    expect(cli(["--context", "nope", "models.ts"], dir).status).toBe(2);
  });
});

describe("the terminal", () => {
  const files = { "a.js": CHAT_JS, "b.py": 'M = "deepseek-reasoner"\n' };

  // A real terminal: `script` (util-linux) runs the CLI on a pseudo-terminal.
  test("on a terminal, progress moves through the phases (scanning, analysing, writing) and is cleared; off a terminal there is none", () => {
    const dir = tempDir();
    for (let i = 0; i < 3000; i++) writeFileSync(path.join(dir, `m${i}.js`), CHAT_JS);
    const tty = execFileSync("script", ["-qec", `"${process.execPath}" "${BIN}" . --force`, "/dev/null"], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "" }, maxBuffer: 64 * 1024 * 1024 });
    const phases = [...tty.matchAll(/\r\x1b\[Kds-migrate: (\w+)…/g)].map((m) => m[1]);
    // Phases appear in pipeline order; how many of the early ones show depends on the machine's speed (nothing shows in the first 300 ms).
    const order = ["scanning", "analysing", "linking", "writing"];
    const seen = [...new Set(phases)] as string[];
    expect(seen.map((p) => order.indexOf(p))).toEqual([...seen.map((p) => order.indexOf(p))].sort((a, b) => a - b));
    expect(seen).toContain("writing");
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(tty).toMatch(/\r\x1b\[K(\x1b\[1m)?--- a\/m0\.js/); // the line is cleared before the report
    expect(readFileSync(path.join(dir, "m2999.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
    const plain = cli(["check", ".", "--today", "2026-11-25"], dir);
    expect(plain.stderr).toBe("");
  }, 60_000);

  test("--quiet prints the summary and findings, no diffs; -q is the same", () => {
    const dir = project(files);
    for (const flag of ["--quiet", "-q"]) {
      const run = cli([".", "--dry-run", flag, ...TODAY], dir);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toContain("--- a/");
      expect(run.stdout).toMatch(/^ds-migrate dry run: nothing was written\n/);
      expect(run.stdout).toContain("files to change: 2");
    }
  });

  test("NO_COLOR and FORCE_COLOR: colour only when asked or on a terminal", () => {
    const dir = project(files);
    expect(cli([".", "--dry-run", ...TODAY], dir, { FORCE_COLOR: "1" }).stdout).toContain("\x1b[");
    expect(cli([".", "--dry-run", ...TODAY], dir, { FORCE_COLOR: "1", NO_COLOR: "" }).stdout).toContain("\x1b[");
    expect(cli([".", "--dry-run", ...TODAY], dir, { NO_COLOR: "1" }).stdout).not.toContain("\x1b[");
    expect(cli(["check", ...TODAY], dir, { FORCE_COLOR: "0" }).stdout).not.toContain("\x1b[");
  });

  test("in colour, the changed words of a changed line are emphasised; plain output is a diff git apply accepts", () => {
    const dir = project(files);
    const colour = cli([".", "--dry-run", ...TODAY], dir, { FORCE_COLOR: "1" }).stdout;
    // "chat" → "flash" inverted inside the red and green lines, the rest of the line plain red/green.
    expect(colour).toContain("\x1b[7m\x1b[31mchat\x1b[39m\x1b[27m");
    expect(colour).toContain("\x1b[7m\x1b[32mflash\x1b[39m\x1b[27m");
    committed(dir);
    const plain = cli([".", "--dry-run", ...TODAY], dir).stdout;
    const patch = plain.slice(0, plain.indexOf("ds-migrate dry run"));
    writeFileSync(path.join(dir, "../migration.patch"), patch);
    execFileSync("git", ["apply", "--check", "../migration.patch"], { cwd: dir });
    execFileSync("git", ["apply", "../migration.patch"], { cwd: dir });
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });

  test("one set of counts: the text summary gives the same error/warning/info counts as the JSON report", () => {
    const dir = project({ ...files, "c.ts": 'const P = { "deepseek-chat": 1 };\nexport const a = P["deepseek-chat"];\n' });
    const text = cli([".", "--dry-run", ...TODAY], dir).stdout;
    const json = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const { error, warning, info } = json.summary.findings;
    const fixed = json.findings.filter((f: { edits?: unknown[] }) => f.edits && f.edits.length > 0).length;
    expect(fixed).toBeGreaterThan(0);
    expect(text).toContain(`  findings:        ${error} error(s), ${warning} warning(s), ${info} info (${fixed} of them would be fixed by the rewrites above)\n`);
  });

  test("hints fit what remains: no preview offered when migrate would rewrite nothing", () => {
    const dir = project({ "c.ts": 'const P = { "deepseek-chat": 1 };\nexport const a = P["deepseek-chat"];\n' });
    const run = cli(["check", ...TODAY], dir);
    expect(run.stdout).toContain("; migrate rewrites none of these: each needs a hand fix (see its message)\n");
    expect(run.stdout).not.toContain("--dry-run");
  });

  test("a passing check does not end by saying requests fail; a failing one does", () => {
    const clean = project({ "a.js": "// was deepseek-chat before the migration\nexport const m = 1;\n" });
    const passed = cli(["check", ...TODAY], clean);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain("deepseek-chat: deprecated since 2026-07-24; 1 mention(s) left, none of them an error");
    expect(passed.stdout).not.toContain("fail");
    expect(cli(["check", ...TODAY], project(files)).stdout).toContain("(124 days ago): requests with these IDs fail");
  });
});

describe("advice in the project's language", () => {
  test("a config value's mode advice names the request body in a JS project and extra_body in a Python one", () => {
    const yaml = "llm:\n  model: deepseek-chat\n";
    const dir = project({ "web/package.json": "{}\n", "web/config/agent.yaml": yaml, "svc/pyproject.toml": "[project]\nname = 'svc'\n", "svc/config/agent.yaml": yaml });
    const run = cli(["check", ...TODAY], dir);
    expect(run.stdout).toContain("web/config/agent.yaml\n  2:10     error    legacy-model-id            Legacy model ID \"deepseek-chat\" → \"deepseek-flash\" (deadline 2026-07-24).\n  2:10     warning  set-mode-at-consumer       \"deepseek-chat\" was a non-thinking model and V4 thinks by default: set thinking: {\"type\":\"disabled\"} in the request that uses this value (the thinking field next to model in the create() params, written ...{ thinking: … } in TypeScript; the OpenAI Node SDK sends it as given).");
    expect(run.stdout).toContain("svc/config/agent.yaml\n  2:10     error    legacy-model-id            Legacy model ID \"deepseek-chat\" → \"deepseek-flash\" (deadline 2026-07-24).\n  2:10     warning  set-mode-at-consumer       \"deepseek-chat\" was a non-thinking model and V4 thinks by default: set thinking: {\"type\":\"disabled\"} in the request that uses this value (extra_body for the OpenAI Python SDK).");
  });
});

describe("what a rewrite leaves for check, and what it leaves alone", () => {
  test("a rewritten setting no request is traced from keeps its mode note after apply: check --strict fails until it is recorded", () => {
    const dir = project({ "app/config.py": 'CHAT_MODEL = "deepseek-chat"\n', "app/web.ts": 'export const MODEL = "deepseek-chat";\n' });
    committed(dir);
    const before = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    expect(before.findings.filter((f: { ruleId: string }) => f.ruleId === "set-mode-at-consumer").map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`)).toEqual(["app/config.py warning", "app/web.ts warning"]);
    expect(cli([".", "-q", ...TODAY], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, "app/config.py"), "utf8")).toBe('CHAT_MODEL = "deepseek-flash"\n');
    const after = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const notes = after.findings.filter((f: { ruleId: string }) => f.ruleId === "set-mode-at-consumer");
    expect(notes.map((f: { file: string; line: number; severity: string }) => `${f.file}:${f.line} ${f.severity}`)).toEqual(["app/config.py:1 warning", "app/web.ts:1 warning"]);
    expect(notes[0].message).toContain('"deepseek-flash" is a V4 model, which thinks by default');
    // Nothing shows the untraced request states its mode: --strict fails until someone records that it does.
    expect(cli(["check", "-q", ...TODAY], dir).status).toBe(0);
    expect(cli(["check", "--strict", "-q", ...TODAY], dir).status).toBe(1);
    writeFileSync(path.join(dir, "app/config.py"), 'CHAT_MODEL = "deepseek-flash"  # ds-migrate-ignore set-mode-at-consumer -- stated in app/ask.py\n');
    writeFileSync(path.join(dir, "app/web.ts"), 'export const MODEL = "deepseek-flash"; // ds-migrate-ignore set-mode-at-consumer\n');
    expect(cli(["check", "--strict", "-q", ...TODAY], dir).status).toBe(0);
  });

  test("recorded results (a results folder, a timestamped run) are information, never rewritten; a config beside them moves", () => {
    const record = '{\n  "llm_model": "deepseek-chat",\n  "accuracy": 0.91\n}\n';
    const dir = project({ "results/mad3/eval_full.json": record, "eval_20260215_230836.json": record, "config.json": '{\n  "model": "deepseek-chat"\n}\n' });
    committed(dir);
    const run = cli([".", ...TODAY], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, "results/mad3/eval_full.json"), "utf8")).toBe(record);
    expect(readFileSync(path.join(dir, "eval_20260215_230836.json"), "utf8")).toBe(record);
    expect(readFileSync(path.join(dir, "config.json"), "utf8")).toBe('{\n  "model": "deepseek-flash"\n}\n');
    const check = JSON.parse(cli(["check", "--format", "json", ...TODAY], dir).stdout);
    const recorded = check.findings.filter((f: { file: string }) => f.file !== "config.json");
    expect(recorded.map((f: { file: string; severity: string; ruleId: string }) => `${f.file} ${f.severity} ${f.ruleId}`)).toEqual([
      "eval_20260215_230836.json info legacy-id-in-text",
      "results/mad3/eval_full.json info legacy-id-in-text",
    ]);
  });
});

describe("help and version", () => {
  test("--help shows examples for both commands; --version prints the package version", () => {
    const help = cli(["--help"], ROOT);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("ds-migrate ./src --dry-run");
    // The default command writes: --help says so before anything else.
    expect(help.stdout.split("\n")[0]).toBe("ds-migrate <paths..>            rewrites files in place (--dry-run to preview)");
    expect(help.stdout).toContain("this writes files");
    const checkHelp = cli(["check", "--help"], ROOT);
    expect(checkHelp.stdout).toContain("ds-migrate check . --format github");
    expect(help.stdout).toContain("Exit codes:\n  0    migrate: every file processed; check: no error-severity finding\n");
    expect(help.stdout).toContain("The default command writes files in place unless --dry-run is given; `check` never writes.");
    const version = cli(["--version"], ROOT);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    expect(cli(["-v"], ROOT).stdout).toBe(version.stdout);
    expect(cli(["check", "-v"], ROOT).stdout).toBe(version.stdout);
  });
});

describe("jscodeshift interop", () => {
  test("npx jscodeshift -t transforms/deepseek-v4.cjs migrates a fixture like ds-migrate does", () => {
    const fixture = path.join(ROOT, "fixtures/js-ts/sdk-create-literal");
    const dir = tempDir();
    const file = path.join(dir, "input.ts");
    cpSync(path.join(fixture, "input.ts"), file);
    const out = execFileSync(path.join(ROOT, "node_modules/.bin/jscodeshift"), ["-t", path.join(ROOT, "transforms/deepseek-v4.cjs"), file], { encoding: "utf8", cwd: ROOT });
    expect(out).toContain("1 ok");
    expect(readFileSync(file, "utf8")).toBe(readFileSync(path.join(fixture, "output.ts"), "utf8"));
  });

  test("jscodeshift options --target and --thinking-param reach the transform", () => {
    const dir = tempDir();
    const file = path.join(dir, "a.js");
    writeFileSync(file, CHAT_JS);
    execFileSync(path.join(ROOT, "node_modules/.bin/jscodeshift"), ["-t", path.join(ROOT, "transforms/deepseek-v4.cjs"), "--target=pro", "--thinking-param=thinking_mode", file], { cwd: ROOT, stdio: "ignore" });
    expect(readFileSync(file, "utf8")).toBe('export const body = JSON.stringify({ model: "deepseek-v4-pro", thinking_mode: "non-thinking", messages: [] });\n');
  });
});

test("examples/legacy-app itself is never modified by the test suite", () => {
  expect(existsSync(path.join(EXAMPLE, "src/client.ts"))).toBe(true);
  expect(readFileSync(path.join(EXAMPLE, "src/client.ts"), "utf8")).toContain('"deepseek-chat"');
});

describe("a command line that cannot be misread writes nothing", () => {
  const tree = () => {
    const dir = project({ "a.py": 'M = "deepseek-chat"\n' });
    return { dir, before: snapshot(dir) };
  };

  test.each([
    [["."], "--dry-run=yes", /--dry-run is a flag and takes no value/],
    [["."], "--dry-run=1", /--dry-run is a flag and takes no value/],
    [["."], "--DRY-RUN", /unknown option "--DRY-RUN"/],
    [[], "", /no path given\. ds-migrate writes files in place/],
    [["--"], "--dry-run", /paths? not found: --dry-run/],
    [["--"], "nonexistent", /paths? not found: nonexistent/],
  ])("%j %s: usage error, exit 2, nothing written", (before, last, message) => {
    const { dir, before: bytes } = tree();
    const run = cli([...before, ...(last ? [last] : [])], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(snapshot(dir)).toEqual(bytes);
  });

  test('an empty argument ("$SRC" with SRC unset) is not the current folder: usage error for migrate and check', () => {
    const { dir, before } = tree();
    for (const args of [["", "--force"], ["check", ""]]) {
      const run = cli(args, dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('ds-migrate: path not found: "" (an empty argument; is a shell variable unset?). Check the path and run again.\n');
    }
    expect(snapshot(dir)).toEqual(before);
  });

  test("a repeatable option takes one value per flag: `--ignore GLOB path` keeps path a path", () => {
    const dir = project({ "src/a.py": 'M = "deepseek-chat"\n', "src/a_test.py": 'M = "deepseek-chat"\n', "lib/b.py": 'M = "deepseek-chat"\n' });
    const run = cli(["--dry-run", "--ignore", "*_test.py", "--ignore", "nothing", "src"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("+++ b/src/a.py");
    expect(run.stdout).not.toContain("a_test.py");
    expect(run.stdout).not.toContain("lib/b.py");
    expect(cli(["--dry-run", "src", "--ignore"], dir).status).toBe(2);
  });

  test("everything after -- is a path, options before it still apply", () => {
    const { dir, before } = tree();
    const run = cli(["--dry-run", "--today", "2026-11-25", "--", "a.py"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('+M = "deepseek-flash"');
    expect(snapshot(dir)).toEqual(before);
  });

  test("check still defaults to the current folder", () => {
    const { dir } = tree();
    expect(cli(["check", "--today", "2026-11-25"], dir).status).toBe(1);
  });
});

describe("no silent passes: what is not read fails the gate, paths are what they say", () => {
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

  test.each([
    ["UTF-16 with a BOM", utf16('const m = "deepseek-chat";\n'), "UTF-16LE text"],
    ["UTF-16 big-endian with a BOM", Buffer.from(utf16('const m = "deepseek-chat";\n')).swap16(), "UTF-16BE text"],
    ["UTF-16 without a BOM", Buffer.from('const m = "deepseek-chat";\n', "utf16le"), "UTF-16LE text"],
    ["invalid UTF-8", Buffer.concat([Buffer.from('const m = "deepseek-chat"; '), Buffer.from([0xff, 0xfe, 0x0a])]), "not valid UTF-8"],
  ])("a file in another encoding is searched: check fails on its ID (%s), migrate reports it and writes nothing", (_name, bytes, encoding) => {
    const dir = project({ "src/model.ts": bytes, "src/ok.ts": "export const x = 1;\n" });
    const run = cli(["check", ".", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`src/model.ts\n  1:12     error    legacy-id-in-unparsed-file "deepseek-chat" found by searching the file's text (${encoding}); not rewritten: convert the file to UTF-8`);
    expect(run.stdout).toContain("✖ check failed: 1 error(s)");
    const github = cli(["check", ".", "--format", "github", "--today", "2026-11-25"], dir);
    expect(github.status).toBe(1);
    expect(github.stdout).toMatch(/^::error file=src\/model\.ts,line=1,col=12,endLine=1,endColumn=25,title=ds-migrate legacy-id-in-unparsed-file::/m);
    const migrate = cli([".", "--force", "--today", "2026-11-25"], dir);
    expect(migrate.status).toBe(1);
    expect(migrate.stdout).toContain(`src/model.ts: ${encoding}: searched for IDs, not rewritten; convert it to UTF-8 to migrate it; plain text search found 1 legacy string(s)`);
    expect(readFileSync(path.join(dir, "src/model.ts"))).toEqual(bytes);
  });

  // Permissions are real: as root the CLI runs as "nobody" (root reads every file).
  test("a file the user cannot read (EACCES) is a file-not-scanned error in every format, and check fails", () => {
    const dir = project({ "src/secret.ts": 'export const m = "deepseek-chat";\n', "src/ok.ts": "export const x = 1;\n" });
    chmodSync(path.join(dir, "src/secret.ts"), 0o000);
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (user) execFileSync("chown", ["-R", "65534:65534", dir]);
    const run = (...args: string[]) => cli(["check", ".", "--today", "2026-11-25", ...args], dir, {}, user);
    const text = run();
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/src\/secret\.ts\n  1:1      error    file-not-scanned {11}cannot read: EACCES: permission denied, open '.*secret\.ts': not scanned, and it may hold a legacy ID/);
    expect(text.stdout).toContain("1 file(s) could not be read");
    const json = JSON.parse(run("--format", "json").stdout);
    expect(json.findings.map((f: { ruleId: string; file: string; severity: string }) => [f.ruleId, f.file, f.severity])).toEqual([["file-not-scanned", "src/secret.ts", "error"]]);
    const sarif = JSON.parse(run("--format", "sarif").stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([["file-not-scanned", "error"]]);
    expect(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === "file-not-scanned")).toBe(true);
    expect(run("--format", "github").stdout).toMatch(/^::error file=src\/secret\.ts,line=1,col=1,endLine=1,endColumn=1,title=ds-migrate file-not-scanned::cannot read: EACCES/m);
  });

  test("a UTF-16 file without a DeepSeek ID does not fail the check", () => {
    const dir = project({ "notes.txt": utf16("hello\n"), "a.ts": "export const x = 1;\n" });
    expect(cli(["check", ".", "--today", "2026-11-25"], dir).status).toBe(0);
  });

  test("a folder whose name has glob characters is a path (app/[slug]), and a pattern matching nothing is a usage error", () => {
    const dir = project({ "app/[slug]/page.ts": 'export const model = "deepseek-chat";\n' });
    const run = cli(["check", "app/[slug]", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("app/[slug]/page.ts");
    const none = cli(["check", "lib/**/*.ts", "--today", "2026-11-25"], dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("lib/**/*.ts (a pattern that matches no file)");
  });
});

/** A git work tree with everything committed (the write guard then allows writes). */
function committed(dir: string): void {
  execFileSync("git", ["init", "-q"], { cwd: dir });
  execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", "add", "-A"], { cwd: dir });
  execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"], { cwd: dir });
}

describe("no surprise writes at the edges", () => {
  test("a read-only file is not rewritten: reported, exit 1, bytes unchanged", () => {
    const dir = project({ "ro.js": CHAT_JS, "rw.js": CHAT_JS });
    chmodSync(path.join(dir, "ro.js"), 0o444);
    committed(dir);
    // As the file's owner, not root (root could write anything): "nobody" when the suite runs as root.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    if (user) execFileSync("chown", ["-R", "65534:65534", dir]);
    const run = cli([".", "--today", "2026-11-25"], dir, { HOME: dir }, user);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/ro\.js: .*read-only: not written/);
    expect(readFileSync(path.join(dir, "ro.js"), "utf8")).toBe(CHAT_JS);
    expect(readFileSync(path.join(dir, "rw.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });

  test("a symlink named on the command line is written through to its target and stays a link", () => {
    const dir = project({ "real/model.js": CHAT_JS });
    symlinkSync(path.join(dir, "real/model.js"), path.join(dir, "link.js"));
    committed(dir);
    const run = cli(["link.js", "--today", "2026-11-25"], dir);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "real/model.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
    expect(statSync(path.join(dir, "link.js"), { throwIfNoEntry: true }).isFile()).toBe(true);
    expect(execFileSync("readlink", [path.join(dir, "link.js")], { encoding: "utf8" }).trim()).toBe(path.join(dir, "real/model.js"));
  });

  test("a symlink whose target is outside the folder and the paths given is not written through; naming the target is", () => {
    const root = tempDir();
    const dir = path.join(root, "proj");
    writeFileSync(path.join(root, "shared.js"), CHAT_JS);
    execFileSync("mkdir", [dir]);
    writeFileSync(path.join(dir, "a.js"), "export const x = 1;\n");
    symlinkSync(path.join(root, "shared.js"), path.join(dir, "link.js"));
    committed(dir);
    const run = cli(["link.js", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`link.js: not written: it is a link to ${path.join(root, "shared.js")}, outside the folder and paths given; name that file to migrate it`);
    expect(readFileSync(path.join(root, "shared.js"), "utf8")).toBe(CHAT_JS);
    // Named itself, it is migrated like any file outside a work tree (with --force).
    expect(cli(["../shared.js", "--force", "--today", "2026-11-25"], dir).status).toBe(0);
    expect(readFileSync(path.join(root, "shared.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });

  test("--report into a folder that does not exist is a usage error before anything is written", () => {
    const dir = project({ "a.js": CHAT_JS });
    committed(dir);
    const run = cli([".", "--report", "missing/report.json", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--report missing\/report\.json: the folder .* does not exist/);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS);
  });
});

describe("what is in the tree is what is checked", () => {
  test("committed build output is scanned (only its tracked files); a minified bundle is searched as text, never rewritten", () => {
    const dir = project({ "dist/app.js": CHAT_JS, "vendor/widget.min.js": 'var a={model:"deepseek-reasoner"};\n', "src/ok.ts": "export const x = 1;\n" });
    committed(dir);
    writeFileSync(path.join(dir, "dist/untracked.js"), CHAT_JS);
    const run = cli(["check", ".", "--today", "2026-11-25"], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("dist/app.js");
    expect(run.stdout).not.toContain("dist/untracked.js");
    expect(run.stdout).toMatch(/vendor\/widget\.min\.js\n.*legacy-id-in-unsupported-file/);
    const before = readFileSync(path.join(dir, "vendor/widget.min.js"), "utf8");
    cli([".", "--today", "2026-11-25"], dir);
    expect(readFileSync(path.join(dir, "vendor/widget.min.js"), "utf8")).toBe(before);
  });

  test("ds-migrate's own reports written into the tree do not fail the next check", () => {
    const dir = project({ "a.py": 'M = "deepseek-chat"\n' });
    for (const ext of ["json", "sarif", "md"]) cli(["check", ".", "--report", `report.${ext}`, "--today", "2026-11-25"], dir);
    writeFileSync(path.join(dir, "a.py"), 'M = "deepseek-flash"\n');
    const run = cli(["check", ".", "--today", "2026-11-25"], dir);
    expect(run.stdout).not.toContain("report.");
    expect(run.stdout).toContain("not scanned: 3 ds-migrate report(s)");
    expect(run.status).toBe(0);
  });
});

describe("writes git could not undo are refused or said", () => {
  test("an ignored .env named on the command line is refused without --force, written with it", () => {
    const dir = project({ ".gitignore": ".env\n", "a.js": "export const x = 1;\n" });
    committed(dir);
    writeFileSync(path.join(dir, ".env"), "MODEL=deepseek-chat\n");
    const refused = cli([".env", "--today", "2026-11-25"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("git could not restore these files after a rewrite, so nothing was written:\n  .env (ignored by git)\n");
    expect(readFileSync(path.join(dir, ".env"), "utf8")).toBe("MODEL=deepseek-chat\n");
    const forced = cli([".env", "--force", "--today", "2026-11-25"], dir);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain("written where git cannot undo it (1): keep a copy if you need the old text\n    .env (ignored by git)\n");
    expect(readFileSync(path.join(dir, ".env"), "utf8")).toBe("MODEL=deepseek-flash\n");
  });

  test("outside any git work tree the write command asks for --force, and then lists what it wrote", () => {
    const dir = project({ "a.js": CHAT_JS, "b.js": "export const x = 1;\n" });
    const refused = cli([".", "--today", "2026-11-25"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("so nothing was written:\n  a.js (in no git work tree)\n");
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS);
    const forced = cli([".", "--force", "--today", "2026-11-25"], dir);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain("written where git cannot undo it (1): keep a copy if you need the old text\n    a.js (in no git work tree)\n");
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });

  test("an untracked file in a work tree is refused without --force; committed files are written and not listed", () => {
    const dir = project({ "a.js": CHAT_JS });
    committed(dir);
    writeFileSync(path.join(dir, "new.js"), CHAT_JS);
    const refused = cli([".", "--today", "2026-11-25"], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("nothing was written:\n  new.js (untracked)\n");
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS);
    const forced = cli([".", "--force", "--today", "2026-11-25"], dir);
    expect(forced.stdout).toContain("written where git cannot undo it (1): keep a copy if you need the old text\n    new.js (untracked)\n");
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(CHAT_JS_MIGRATED);
  });
});

describe("output to pipes (stdout is written without Node's stream unless it would block)", () => {
  // 400 files with two mentions each: a JSON report of ~200 KB, more than a pipe holds.
  const many = () => project(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`docs/note-${i}.md`, "We used `deepseek-chat` and `deepseek-reasoner` here.\n"])));

  test("a reader that waits on a non-blocking pipe gets the whole report", () => {
    const dir = many();
    // Python sets O_NONBLOCK on the pipe's write end, as some parents do, and reads only after 1.5 s.
    const script = [
      "import fcntl, json, os, subprocess, sys, time",
      "r, w = os.pipe()",
      "fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)",
      "p = subprocess.Popen(sys.argv[1:], stdout=w)",
      "os.close(w)",
      "time.sleep(1.5)",
      "data = b''",
      "while True:",
      "    chunk = os.read(r, 65536)",
      "    if not chunk: break",
      "    data += chunk",
      "p.wait()",
      "print(p.returncode, len(data), len(json.loads(data)['files']))",
    ].join("\n");
    const out = execFileSync("python3", ["-c", script, process.execPath, BIN, "check", ".", "--format", "json", "--today", "2026-11-25"], { cwd: dir, encoding: "utf8" });
    const [status, bytes, files] = out.trim().split(" ").map(Number);
    expect(status).toBe(0);
    expect(bytes).toBeGreaterThan(65536);
    expect(files).toBe(400);
  });

  test("a pipe closed by its reader (`| head`) ends the run without a crash", async () => {
    const dir = many();
    const child = spawn(process.execPath, [BIN, "check", ".", "--format", "json", "--today", "2026-11-25"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });
});
