// File discovery: an own directory walk that streams paths as it finds them (so work
// starts before the walk ends), honouring nested .gitignore files, --ignore globs and
// the default skips. Symlinks are never followed: they are counted and reported.
import { opendir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import ignore, { type Ignore } from "ignore";
import { SUPPORTED_EXTENSIONS } from "./languages.js";

/** Folders that hold dependencies, build output or tool state, skipped unless --no-default-ignore. */
export const DEFAULT_SKIPPED_DIRS = [
  "node_modules", ".git", ".hg", ".svn", "dist", "build", "out", ".next", ".nuxt", ".turbo",
  "coverage", ".cache", ".venv", "venv", "env", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", "site-packages",
];

export interface DiscoverOptions {
  cwd: string;
  gitignore: boolean;
  defaultIgnore: boolean;
  ignore: string[];
  extensions?: string[];
}

export interface Discovered {
  abs: string;
  /** Relative to cwd with forward slashes: what reports show. */
  rel: string;
}

export interface DiscoveryNotes {
  symlinksSkipped: number;
  unreadableDirs: string[];
}

interface IgnoreLevel {
  base: string;
  rules: Ignore;
}

export class MissingPathError extends Error {
  constructor(readonly missing: string[]) {
    super(`path${missing.length > 1 ? "s" : ""} not found: ${missing.join(", ")}`);
  }
}

/** Fail early, before any work, if a given path does not exist (exit 2). */
export async function checkPaths(paths: string[], cwd: string): Promise<void> {
  const missing: string[] = [];
  for (const p of paths) {
    if (fg.isDynamicPattern(p)) continue;
    try {
      await stat(path.resolve(cwd, p));
    } catch {
      missing.push(p);
    }
  }
  if (missing.length > 0) throw new MissingPathError(missing);
}

export async function* discover(paths: string[], options: DiscoverOptions, notes: DiscoveryNotes): AsyncGenerator<Discovered> {
  const extensions = new Set(options.extensions ?? SUPPORTED_EXTENSIONS);
  const userIgnore = ignore().add(options.ignore);
  const seen = new Set<string>();
  const emit = (abs: string): Discovered | undefined => {
    if (seen.has(abs)) return undefined;
    seen.add(abs);
    const rel = toPosix(path.relative(options.cwd, abs)) || path.basename(abs);
    if (options.ignore.length > 0 && !rel.startsWith("..") && userIgnore.ignores(rel)) return undefined;
    return { abs, rel };
  };
  for (const given of paths) {
    if (fg.isDynamicPattern(given)) {
      const matches = await fg(given, { cwd: options.cwd, absolute: true, dot: true, followSymbolicLinks: false, onlyFiles: true });
      for (const abs of matches.sort()) {
        const item = hasExtension(abs, extensions) ? emit(abs) : undefined;
        if (item) yield item;
      }
      continue;
    }
    const abs = path.resolve(options.cwd, given);
    const info = await stat(abs);
    if (info.isFile()) {
      // A file named explicitly is taken whatever its extension; the engine reports unsupported types.
      const item = emit(abs);
      if (item) yield item;
      continue;
    }
    const levels = options.gitignore ? await ancestorIgnores(abs) : [];
    for await (const file of walk(abs, levels, options, extensions, notes)) {
      const item = emit(file);
      if (item) yield item;
    }
  }
}

async function* walk(root: string, inherited: IgnoreLevel[], options: DiscoverOptions, extensions: Set<string>, notes: DiscoveryNotes): AsyncGenerator<string> {
  const stack: Array<{ dir: string; levels: IgnoreLevel[] }> = [{ dir: root, levels: inherited }];
  const userIgnore = options.ignore.length > 0 ? ignore().add(options.ignore) : undefined;
  while (stack.length > 0) {
    const { dir, levels: parentLevels } = stack.pop()!;
    let entries;
    try {
      entries = [];
      for await (const entry of await opendir(dir)) entries.push(entry);
    } catch (error) {
      notes.unreadableDirs.push(`${toPosix(path.relative(options.cwd, dir)) || "."}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    let levels = parentLevels;
    if (options.gitignore && entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      levels = [...parentLevels, { base: dir, rules: ignore().add(await readFile(path.join(dir, ".gitignore"), "utf8").catch(() => "")) }];
    }
    if (options.defaultIgnore && entries.some((e) => e.name === "pyvenv.cfg")) continue; // a Python virtualenv
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        notes.symlinksSkipped++;
        continue;
      }
      const isDir = entry.isDirectory();
      if (isDir && options.defaultIgnore && DEFAULT_SKIPPED_DIRS.includes(entry.name)) continue;
      if (isIgnored(full, isDir, levels)) continue;
      if (userIgnore && isUserIgnored(userIgnore, options.cwd, full, isDir)) continue;
      if (isDir) stack.push({ dir: full, levels });
      else if (entry.isFile() && hasExtension(entry.name, extensions)) yield full;
    }
  }
}

function isIgnored(full: string, isDir: boolean, levels: IgnoreLevel[]): boolean {
  for (const level of levels) {
    const rel = toPosix(path.relative(level.base, full));
    if (rel && !rel.startsWith("..") && level.rules.ignores(isDir ? rel + "/" : rel)) return true;
  }
  return false;
}

function isUserIgnored(rules: Ignore, cwd: string, full: string, isDir: boolean): boolean {
  const rel = toPosix(path.relative(cwd, full));
  return !!rel && !rel.startsWith("..") && rules.ignores(isDir ? rel + "/" : rel);
}

/** .gitignore files above the starting folder, up to the repository root, still apply. */
async function ancestorIgnores(start: string): Promise<IgnoreLevel[]> {
  const levels: IgnoreLevel[] = [];
  let dir = path.dirname(start);
  const chain: string[] = [];
  for (;;) {
    chain.push(dir);
    const isRepoRoot = await stat(path.join(dir, ".git")).then(() => true, () => false);
    if (isRepoRoot) break;
    const parent = path.dirname(dir);
    if (parent === dir) return []; // not inside a repository: only the walked tree's own files count
    dir = parent;
  }
  for (const d of chain.reverse()) {
    const text = await readFile(path.join(d, ".gitignore"), "utf8").catch(() => undefined);
    if (text !== undefined) levels.push({ base: d, rules: ignore().add(text) });
  }
  return levels;
}

function hasExtension(name: string, extensions: Set<string>): boolean {
  const dot = name.lastIndexOf(".");
  return dot !== -1 && extensions.has(name.slice(dot).toLowerCase());
}

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
