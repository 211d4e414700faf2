// Every way to install ds-migrate, through the real tools (npm, npx, git, pre-commit), each
// from a git clone of this repository as a user gets it:
//   from a clone      npm ci && npm link, then `ds-migrate` on PATH
//   from a tarball    npm pack, npx --package <tgz>, npm install --omit=dev <tgz>, npm publish --dry-run
//   from a git URL    npx git+file://<clone>#<sha> (what npx github:<owner>/ds-migrate does: clone,
//                     npm install with dev dependencies, prepare = build, pack, install)
//   pre-commit        the real pre-commit (node language: npm install, npm pack, npm install -g)
// The clone is of HEAD plus the working tree's changes (committed in the clone), so the test
// checks what you have, not only what was committed. Needs the npm registry (npm's cache has
// the packages after `npm ci`; the installs here prefer it) and pre-commit on PATH: a missing
// pre-commit fails the pre-commit tests, it does not skip them (.ci/run installs it).
//
// The four installs are slow (a minute or two each on a small machine), so they start together
// in the first beforeAll and each describe waits for its own; every temp file lives under one
// folder that afterAll removes; npm's global prefix, npx cache and pre-commit's home are in it.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

const PKG = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const TARBALL = `${PKG.name}-${PKG.version}.tgz`;
const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------
// Processes: asynchronous (so the installs overlap), in their own process group (so a timeout
// also ends npm's children), with an environment of our own (below).

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  command: string;
}

function run(command: string, args: string[], cwd: string, opts: { env?: Record<string, string>; timeout?: number } = {}): Promise<Run> {
  const line = [command, ...args].join(" ");
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...ENV, ...opts.env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[install.test: ${line} timed out after ${(opts.timeout ?? 2 * MINUTE) / 1000}s, killed]`;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, opts.timeout ?? 2 * MINUTE);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, stderr: `${stderr}\n${e.message}`, command: line });
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, command: line });
    });
  });
}

/** The whole run, for an assertion's message. */
const shown = (r: Run) => `$ ${r.command}\n(exit ${r.status})\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function expectExit(r: Run, status: number): void {
  expect(r.status, shown(r)).toBe(status);
}

/** A step of a setup: throws (with the whole run) unless it exits 0. */
async function step(command: string, args: string[], cwd: string, opts: { env?: Record<string, string>; timeout?: number } = {}): Promise<Run> {
  const r = await run(command, args, cwd, opts);
  if (r.status !== 0) throw new Error(`setup step failed\n${shown(r)}`);
  return r;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** git on the repository under test: with the user's own git config (safe.directory, say), not the temp one. */
function gitRoot(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, env: inherited, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// ---------------------------------------------------------------------------------------------
// The environment: nothing inherited from an enclosing npm run (npm_config_prefix=/usr, the
// project's node_modules/.bin on PATH), git hook (GIT_DIR) or pre-commit run; npm's global
// prefix, npx cache and logs in the temp folder (its package cache is shared: _cacache is a link
// to the real one, which `npm ci` filled); git identity from a temp config.

const WORK = tempDir("ds-migrate-install-");
const PREFIX = path.join(WORK, "npm-prefix");
const CACHE = path.join(WORK, "npm-cache");
const CLONE = path.join(WORK, "ds-migrate");
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(npm_|git_|pre_commit|node_env$|init_cwd$)/i.test(k)),
) as Record<string, string>;
const cleanPath = (inherited.PATH ?? "")
  .split(path.delimiter)
  .filter((p) => !p.includes(`${path.sep}node_modules${path.sep}.bin`) && !p.includes("node-gyp-bin"))
  .join(path.delimiter);
const ENV: Record<string, string> = {
  ...inherited,
  PATH: [path.join(PREFIX, "bin"), cleanPath].join(path.delimiter),
  CI: "",
  FORCE_COLOR: "",
  npm_config_prefix: PREFIX,
  npm_config_cache: CACHE,
  npm_config_prefer_offline: "true",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: path.join(WORK, "gitconfig"),
  PRE_COMMIT_HOME: path.join(WORK, "pre-commit-home"),
};

/** A scratch folder under WORK holding these files; with git: a repository with them committed. */
let scratchCount = 0;
function scratch(files: Record<string, string>, opts: { git?: boolean } = {}): string {
  const dir = path.join(WORK, `scratch-${++scratchCount}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  if (opts.git) {
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "initial");
  }
  return dir;
}
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");

// Sample code: a request with a legacy ID (migrated: the ID and the thinking mode), the same
// request already migrated, and a constants module with the request that uses it elsewhere.
const LEGACY_APP =
  'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com/v1", api_key="k")\nreply = client.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": "hi"}])\n';
const MIGRATED_APP = LEGACY_APP.replace('model="deepseek-chat",', 'model="deepseek-flash", extra_body={"thinking": {"type": "disabled"}},');
const SETTINGS = 'CHAT_MODEL = "deepseek-chat"\n';
const CLIENT =
  'from openai import OpenAI\n\nfrom .settings import CHAT_MODEL\n\nclient = OpenAI(base_url="https://api.deepseek.com/v1", api_key="k")\n\n\ndef chat(q):\n    return client.chat.completions.create(model=CHAT_MODEL, messages=[{"role": "user", "content": q}])\n';
const OTHER = 'FALLBACK = "deepseek-reasoner"\n';

// ---------------------------------------------------------------------------------------------
// The installs. Each runs once; the first beforeAll starts them all.

const started: Promise<unknown>[] = [];
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    if (!p) {
      p = fn();
      p.catch(() => {}); // awaited (and reported) by the describe that needs it
      started.push(p);
    }
    return p;
  };
}

/** The clone users get: HEAD, plus the working tree's uncommitted changes as one more commit. */
const cloned = once(async () => {
  gitRoot("clone", "-q", ROOT, CLONE);
  const changed = [gitRoot("diff", "--name-only", "-z", "HEAD"), gitRoot("ls-files", "-z", "--others", "--exclude-standard")].join("\0").split("\0").filter(Boolean);
  for (const file of changed) {
    const from = path.join(ROOT, file);
    const to = path.join(CLONE, file);
    if (existsSync(from)) {
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(from, to, { verbatimSymlinks: true });
    } else rmSync(to, { force: true });
  }
  git(CLONE, "add", "-A");
  if (git(CLONE, "status", "--porcelain").trim()) git(CLONE, "commit", "-q", "-m", "install.test: the working tree of the repository under test");
  return { sha: git(CLONE, "rev-parse", "HEAD").trim() };
});

/**
 * From a clone, `npm ci` (here: the repository's node_modules, copied: npm's cache has the same)
 * and `npm link`; then, from the same tree, `npm pack` and `npm publish --dry-run`. One chain:
 * each of them writes dist/ (prepare), so all are done before any test runs the linked CLI.
 */
const built = once(async () => {
  await cloned();
  cpSync(path.join(ROOT, "node_modules"), path.join(CLONE, "node_modules"), { recursive: true, verbatimSymlinks: true });
  const link = await step("npm", ["link"], CLONE, { timeout: 4 * MINUTE }); // prepare: the build
  const pack = await step("npm", ["pack"], CLONE, { timeout: 4 * MINUTE }); // prepare again, as pre-commit's npm pack does
  // --ignore-scripts: npm pack just ran prepare on this very tree (the same dist/).
  const publish = await run("npm", ["publish", "--dry-run", "--ignore-scripts"], CLONE, { timeout: 2 * MINUTE });
  return { link, pack, publish, tarball: path.join(CLONE, TARBALL) };
});

/** From a git URL: the full install (clone, npm install with dev dependencies, prepare, pack), once; later runs reuse npx's cache. */
const gitSpec = async () => `git+file://${CLONE}#${(await cloned()).sha}`;
const fromGit = once(async () => step("npx", ["--yes", await gitSpec(), "--version"], WORK, { timeout: 5 * MINUTE }));

/** pre-commit's node environment for the clone at its commit, built once for every pre-commit test (one PRE_COMMIT_HOME). */
const preCommitConfig = (ids: string[], sha: string) =>
  `repos:\n  - repo: ${CLONE}\n    rev: ${sha}\n    hooks:\n${ids.map((id) => `      - id: ${id}\n`).join("")}`;
const preCommitEnv = once(async () => {
  const { sha } = await cloned();
  const dir = scratch({ ".pre-commit-config.yaml": preCommitConfig(["ds-migrate", "ds-migrate-fix"], sha) }, { git: true });
  await step("pre-commit", ["install-hooks"], dir, { timeout: 6 * MINUTE });
  return { sha };
});

beforeAll(async () => {
  mkdirSync(PREFIX, { recursive: true });
  mkdirSync(CACHE, { recursive: true });
  const { npm_config_cache: _temp, ...withRealCache } = ENV;
  const realCache = execFileSync("npm", ["config", "get", "cache"], { cwd: WORK, env: withRealCache, encoding: "utf8" }).trim();
  mkdirSync(path.join(realCache, "_cacache"), { recursive: true });
  symlinkSync(path.join(realCache, "_cacache"), path.join(CACHE, "_cacache"), "dir");
  writeFileSync(ENV.GIT_CONFIG_GLOBAL!, "[user]\n\tname = install.test\n\temail = install.test@example.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n");
  await cloned();
  void built();
  void fromGit();
  void preCommitEnv();
}, MINUTE);

afterAll(async () => {
  // Let every install end (each has its own timeout) before its folder goes.
  await Promise.allSettled(started);
  rmSync(WORK, { recursive: true, force: true });
}, 7 * MINUTE);

// ---------------------------------------------------------------------------------------------

describe("from a clone: npm ci && npm link, then ds-migrate in any project", () => {
  beforeAll(() => built(), 8 * MINUTE);

  test("npm link puts ds-migrate on PATH (in the given prefix), linked to the clone", async () => {
    expect(realpathSync(path.join(PREFIX, "bin", "ds-migrate"))).toBe(realpathSync(path.join(CLONE, "bin", "ds-migrate.js")));
    const version = await run("ds-migrate", ["--version"], WORK);
    expectExit(version, 0);
    expect(version.stdout).toBe(`${PKG.version}\n`);
  }, 3 * MINUTE);

  test("check fails on a legacy ID, --dry-run shows the diff and writes nothing, the migration writes, then check passes", async () => {
    const dir = scratch({ "app.py": LEGACY_APP, "README.md": "# app\n" }, { git: true });
    const check = await run("ds-migrate", ["check"], dir);
    expectExit(check, 1);
    expect(check.stdout).toMatch(/legacy-model-id +Legacy model ID "deepseek-chat" → "deepseek-flash"/);
    const dry = await run("ds-migrate", [".", "--dry-run"], dir);
    expectExit(dry, 0);
    expect(dry.stdout).toContain('+reply = client.chat.completions.create(model="deepseek-flash", extra_body={"thinking": {"type": "disabled"}}');
    expect(dry.stdout).toContain("dry run: nothing was written");
    expect(read(dir, "app.py")).toBe(LEGACY_APP);
    expectExit(await run("ds-migrate", ["."], dir), 0);
    expect(read(dir, "app.py")).toBe(MIGRATED_APP);
    const again = await run("ds-migrate", ["check"], dir);
    expectExit(again, 0);
    expect(again.stdout).toContain("check passed");
  }, 3 * MINUTE);
});

describe("from a packed tarball", () => {
  beforeAll(() => built(), 8 * MINUTE);

  test("npm pack prints only the tarball's name on stdout (pre-commit reads it), its lifecycle output stays off", async () => {
    const { pack } = await built();
    expect(pack.stdout).toBe(`${TARBALL}\n`);
  }, 3 * MINUTE);

  test("the tarball holds the built CLI and what it loads, and no sources, tests, fixtures or benchmarks", () => {
    const files = execFileSync("tar", ["-tzf", TARBALL], { cwd: CLONE, encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    for (const needed of ["package.json", "README.md", "bin/ds-migrate.js", "dist/bundle/cli.js", "dist/bundle/worker.js", "dist/src/index.js", "dist/src/index.d.ts", "transforms/deepseek-v4.cjs", "dist/transforms/js-ts/standalone.js"]) {
      expect(files, needed).toContain(needed);
    }
    const unwanted = files.filter((f) =>
      /^(test|fixtures|bench|examples|src|node_modules|\.ci|\.github)\//.test(f) || /^transforms\/.*\.ts$/.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")) || /\.(tgz|tsbuildinfo)$/.test(f) || /^(\.npmrc|\.pre-commit-hooks\.yaml|action\.yml|tsconfig\.json|vitest\.config\.ts|package-lock\.json)$/.test(f),
    );
    expect(unwanted).toEqual([]);
    // Every top-level entry is one package.json's `files` names (or one npm always adds).
    expect([...new Set(files.map((f) => f.split("/")[0]))].sort()).toEqual(["README.md", "bin", "dist", "docs", "package.json", "transforms"]);
  });

  test("npm publish --dry-run is clean and npm pkg fix has nothing to fix", async () => {
    const { publish } = await built();
    expectExit(publish, 0);
    expect(publish.stdout + publish.stderr).toContain(`+ ${PKG.name}@${PKG.version}`);
    // The one warning left is that nobody is logged in to the registry: a dry run cannot fix that.
    const warnings = (publish.stdout + publish.stderr).split("\n").filter((l) => /^npm warn/.test(l) && !/requires you to be logged in/.test(l));
    expect(warnings, shown(publish)).toEqual([]);
    expect(publish.stdout + publish.stderr).not.toMatch(/auto-corrected|npm pkg fix/);
    const dir = scratch({ "package.json": read(CLONE, "package.json") });
    cpSync(path.join(CLONE, "bin"), path.join(dir, "bin"), { recursive: true });
    expectExit(await run("npm", ["pkg", "fix"], dir), 0);
    expect(read(dir, "package.json")).toBe(read(CLONE, "package.json"));
  }, 3 * MINUTE);

  test("npx --yes --package <tarball> ds-migrate check . fails on a legacy ID and passes on migrated code", async () => {
    const { tarball } = await built();
    const legacy = await run("npx", ["--yes", "--package", tarball, "ds-migrate", "check", "."], scratch({ "app.py": LEGACY_APP }), { timeout: 3 * MINUTE });
    expectExit(legacy, 1);
    expect(legacy.stdout).toContain('Legacy model ID "deepseek-chat" → "deepseek-flash"');
    const clean = await run("npx", ["--yes", "--package", tarball, "ds-migrate", "check", "."], scratch({ "app.py": MIGRATED_APP }), { timeout: 3 * MINUTE });
    expectExit(clean, 0);
  }, 3 * MINUTE);

  test("npm install --omit=dev <tarball>: no development dependency is installed, and the CLI and the library run", async () => {
    const { tarball } = await built();
    const dir = scratch({ "package.json": '{ "name": "app", "version": "1.0.0", "private": true, "type": "module" }\n', "app.py": LEGACY_APP }, { git: true });
    expectExit(await run("npm", ["install", "--omit=dev", tarball], dir, { timeout: 3 * MINUTE }), 0);
    const installed = readdirSync(path.join(dir, "node_modules"));
    for (const dev of ["typescript", "esbuild", "vitest", "jscodeshift", "openai", "@microsoft"]) expect(installed).not.toContain(dev);
    const check = await run(path.join(dir, "node_modules", ".bin", "ds-migrate"), ["check", "app.py"], dir);
    expectExit(check, 1);
    expect(check.stdout).toContain("legacy-model-id");
    expectExit(await run("npx", ["ds-migrate", "app.py"], dir), 0); // npx finds the local install: no download
    expect(read(dir, "app.py")).toBe(MIGRATED_APP);
    const lib = await run(process.execPath, ["--input-type=module", "-e", 'const m = await import("ds-migrate"); console.log(typeof m.migrate, typeof m.check)'], dir);
    expectExit(lib, 0);
    expect(lib.stdout).toBe("function function\n");
  }, 3 * MINUTE);

  test("the CLI in the tarball is self-contained: it runs unpacked with no node_modules at all", async () => {
    const { tarball } = await built();
    const dir = scratch({});
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    const code = scratch({ "app.py": LEGACY_APP });
    const check = await run(process.execPath, [path.join(dir, "package", "bin", "ds-migrate.js"), "check", "."], code);
    expectExit(check, 1);
    expect(check.stdout).toContain("legacy-model-id");
  }, 3 * MINUTE);
});

describe("from a git URL (npx github:<owner>/ds-migrate, here git+file:// of the clone)", () => {
  beforeAll(() => fromGit(), 6 * MINUTE);

  test("the install built the CLI (prepare, with dev dependencies) and runs it", async () => {
    expect((await fromGit()).stdout).toBe(`${PKG.version}\n`);
  }, 3 * MINUTE);

  test("check fails on a legacy ID, --dry-run writes nothing, the migration writes (npx's cached install, no second build)", async () => {
    const spec = await gitSpec();
    const dir = scratch({ "app.py": LEGACY_APP }, { git: true });
    const check = await run("npx", ["--yes", spec, "check", "."], dir);
    expectExit(check, 1);
    expect(check.stdout).toContain('Legacy model ID "deepseek-chat" → "deepseek-flash"');
    const dry = await run("npx", ["--yes", spec, ".", "--dry-run"], dir);
    expectExit(dry, 0);
    expect(read(dir, "app.py")).toBe(LEGACY_APP);
    expectExit(await run("npx", ["--yes", spec, "."], dir), 0);
    expect(read(dir, "app.py")).toBe(MIGRATED_APP);
  }, 3 * MINUTE);
});

describe("pre-commit, with the real pre-commit and the hooks in .pre-commit-hooks.yaml", () => {
  beforeAll(() => preCommitEnv(), 7 * MINUTE);

  /** A git repository using the clone's hooks (its config and these files committed). */
  async function repo(files: Record<string, string>, ids = ["ds-migrate", "ds-migrate-fix"]): Promise<string> {
    const { sha } = await preCommitEnv();
    return scratch({ ".pre-commit-config.yaml": preCommitConfig(ids, sha), ...files }, { git: true });
  }
  const preCommit = (dir: string, ...args: string[]) => run("pre-commit", args, dir, { timeout: 3 * MINUTE });

  test("ds-migrate (check) fails on a legacy ID and passes on clean code", async () => {
    const dir = await repo({ "a.py": 'MODEL = "deepseek-chat"\n', "b.py": 'MODEL = "deepseek-flash"\n' });
    const legacy = await preCommit(dir, "run", "ds-migrate", "--files", "a.py");
    expectExit(legacy, 1);
    expect(legacy.stdout).toMatch(/ds-migrate check\.+Failed/);
    expect(legacy.stdout).toContain('Legacy model ID "deepseek-chat" → "deepseek-flash"');
    const clean = await preCommit(dir, "run", "ds-migrate", "--files", "b.py");
    expectExit(clean, 0);
    expect(clean.stdout).toMatch(/ds-migrate check\.+Passed/);
  }, 3 * MINUTE);

  test("ds-migrate-fix rewrites the file and fails so the change is reviewed; a lockfile is left alone; run again, it passes", async () => {
    const lock = '{ "x": "deepseek-chat" }\n';
    const dir = await repo({ "app.py": LEGACY_APP, "package-lock.json": lock });
    const fix = await preCommit(dir, "run", "ds-migrate-fix", "--files", "app.py", "package-lock.json");
    expectExit(fix, 1);
    expect(fix.stdout).toContain("files were modified by this hook");
    expect(read(dir, "app.py")).toBe(MIGRATED_APP);
    expect(read(dir, "package-lock.json")).toBe(lock);
    expectExit(await preCommit(dir, "run", "ds-migrate-fix", "--files", "app.py"), 0);
  }, 3 * MINUTE);

  test("a staged constants module whose consumer is not staged is not rewritten blind, and fails with the reason; staged together, both are migrated", async () => {
    const dir = await repo({ "pkg/__init__.py": "", "pkg/settings.py": SETTINGS, "pkg/client.py": CLIENT, "other.py": OTHER });
    // A commit that touches the constants module only.
    const settings = `${SETTINGS}TIMEOUT = 30\n`;
    writeFileSync(path.join(dir, "pkg/settings.py"), settings);
    git(dir, "add", "pkg/settings.py");
    const alone = await preCommit(dir, "run", "ds-migrate-fix"); // the staged files, as on commit
    expectExit(alone, 1);
    expect(alone.stdout).toMatch(/legacy-id-unproven +"deepseek-chat" is used by a request in pkg\/client\.py, which this run only reads \(--context\); migrate both files together/);
    expect(alone.stdout).not.toContain("files were modified by this hook");
    expect(read(dir, "pkg/settings.py")).toBe(settings);
    expect(read(dir, "pkg/client.py")).toBe(CLIENT); // read for the link, never written
    expect(read(dir, "other.py")).toBe(OTHER); // not staged: never written

    // Staged together: the ID moves in one file, the mode is set at the request in the other.
    writeFileSync(path.join(dir, "pkg/client.py"), `# client\n${CLIENT}`);
    git(dir, "add", "pkg/client.py");
    const both = await preCommit(dir, "run", "ds-migrate-fix");
    expectExit(both, 1);
    expect(both.stdout).toContain("files were modified by this hook");
    expect(read(dir, "pkg/settings.py")).toBe('CHAT_MODEL = "deepseek-flash"\nTIMEOUT = 30\n');
    expect(read(dir, "pkg/client.py")).toBe(`# client\n${CLIENT.replace("model=CHAT_MODEL,", 'model=CHAT_MODEL, extra_body={"thinking": {"type": "disabled"}},')}`);
    expect(read(dir, "other.py")).toBe(OTHER);
    git(dir, "add", "-A");
    expectExit(await preCommit(dir, "run", "ds-migrate-fix"), 0);
    expectExit(await preCommit(dir, "run", "ds-migrate"), 0);
  }, 3 * MINUTE);

  test("installed as the git hook (pre-commit install), a commit adding a legacy ID is blocked; the migrated file commits", async () => {
    const dir = await repo({ "README.md": "# app\n" }, ["ds-migrate"]);
    expectExit(await preCommit(dir, "install"), 0);
    const head = git(dir, "rev-parse", "HEAD");
    writeFileSync(path.join(dir, "app.py"), LEGACY_APP);
    git(dir, "add", "app.py");
    const blocked = await run("git", ["commit", "-m", "add app"], dir, { timeout: 3 * MINUTE });
    expectExit(blocked, 1);
    expect(blocked.stdout + blocked.stderr).toMatch(/ds-migrate check\.+Failed/);
    expect(git(dir, "rev-parse", "HEAD")).toBe(head);
    writeFileSync(path.join(dir, "app.py"), MIGRATED_APP);
    git(dir, "add", "app.py");
    expectExit(await run("git", ["commit", "-m", "add app"], dir, { timeout: 3 * MINUTE }), 0);
    expect(git(dir, "rev-parse", "HEAD")).not.toBe(head);
  }, 3 * MINUTE);
});
