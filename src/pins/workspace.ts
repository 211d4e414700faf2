// Which lockfiles resolve a manifest: the ones beside it, else those of the workspace (npm, pnpm, yarn, bun)
// or monorepo (uv, poetry) root it belongs to.
import path from "node:path";
import type { Files } from "./files.js";
import type { LockManager, Manifest } from "./managers.js";
import { packageJsonWorkspaces } from "./package-json.js";
import { foldersUp, matchesWorkspace, relative } from "./paths.js";
import { pnpmWorkspaces } from "./pnpm-workspace.js";
import type { Lock } from "./types.js";

export interface LockAt {
  file: string;
  lock: Lock;
  /** The manifest's folder relative to the lockfile's. */
  importer: string;
}

export function lockfilesFor(files: Files, { file, manager }: Manifest): LockAt[] {
  const dir = path.dirname(file);
  const beside = locksIn(files, dir, manager.locks);
  if (beside.length > 0 || !manager.workspace) return beside.map((l) => ({ ...l, importer: "" }));
  return manager.ecosystem === "npm" ? npmRootLocks(files, dir, manager.locks) : monorepoLocks(files, dir, manager.locks);
}

/** The nearest folder above whose workspace globs include this one; its lockfiles, whatever the package manager. */
function npmRootLocks(files: Files, dir: string, managers: readonly LockManager[]): LockAt[] {
  for (const root of foldersUp(files.root, dir).slice(1)) {
    const importer = relative(root, dir);
    if (matchesWorkspace(workspaceGlobs(files, root), importer)) return locksIn(files, root, managers).map((l) => ({ ...l, importer }));
  }
  return [];
}

/** The nearest folder above whose poetry.lock/uv.lock records this folder as one of its local packages. */
function monorepoLocks(files: Files, dir: string, managers: readonly LockManager[]): LockAt[] {
  for (const root of foldersUp(files.root, dir).slice(1)) {
    const importer = relative(root, dir);
    const covering = locksIn(files, root, managers).filter((l) => l.lock.covers(importer));
    if (covering.length > 0) return covering.map((l) => ({ ...l, importer }));
  }
  return [];
}

function workspaceGlobs(files: Files, dir: string): string[] {
  const pnpm = files.has(dir, "pnpm-workspace.yaml") ? files.parsed("pnpm-workspace", path.join(dir, "pnpm-workspace.yaml"), pnpmWorkspaces) : undefined;
  const npm = files.has(dir, "package.json") ? files.parsed("workspaces", path.join(dir, "package.json"), packageJsonWorkspaces) : undefined;
  return [...(pnpm ?? []), ...(npm ?? [])];
}

/** The lockfiles present in `dir` that parse. */
function locksIn(files: Files, dir: string, managers: readonly LockManager[]): Array<{ file: string; lock: Lock }> {
  return managers.flatMap(({ file: name, parse }) => {
    const file = path.join(dir, name);
    const lock = files.has(dir, name) ? files.parsed("lock", file, parse) : undefined;
    return lock ? [{ file, lock }] : [];
  });
}
