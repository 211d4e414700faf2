// Runs the built CLI as a user would, on temp copies of sample trees.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BIN = path.join(ROOT, "bin/ds-migrate.js");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `user`: run as another uid/gid (tests of permissions run as a non-root user when the suite runs as root). */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}, user?: { uid: number; gid: number }): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, CI: "", FORCE_COLOR: "", ...env }, ...user });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new temp folder, removed once the test file's tests are done (runs left thousands behind). */
export function tempDir(prefix = "ds-migrate-e2e-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding these files (name → content), for a test to run the CLI on. */
export function project(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A temp copy of examples/<name> (or any folder), returned as its absolute path. */
export function copyOf(source: string): string {
  const dir = tempDir();
  const target = path.join(dir, path.basename(source));
  cpSync(source, target, { recursive: true });
  return target;
}

/** Every file under dir with its bytes, for before/after comparisons. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, "latin1");
    }
  };
  walk(dir);
  return out;
}
