// File discovery: an own directory walk that streams paths as it finds them (so work
// starts before the walk ends), honouring nested .gitignore files, --ignore globs and
// the default skips. Symlinks are never followed: they are counted and reported.
import { existsSync, readdirSync } from "node:fs";
import { readFile, stat } from "./fsp.js";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { promisify } from "node:util";
import { skipReason, type SkipReason } from "./languages.js";
import { toPosix } from "./posix.js";
import { childProcess } from "./builtins.js";

export { toPosix };

/** Folders that hold dependencies, build output or tool state, skipped unless --no-default-ignore. */
export const DEFAULT_SKIPPED_DIRS = [
  "node_modules", ".git", ".hg", ".svn", "dist", "build", "out", ".next", ".nuxt", ".turbo",
  "coverage", ".cache", ".venv", "venv", "env", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", "site-packages",
];

const VCS_DIRS = [".git", ".hg", ".svn"];

export interface DiscoverOptions {
  cwd: string;
  gitignore: boolean;
  defaultIgnore: boolean;
  ignore: string[];
  /** Scan Markdown docs (false for --no-docs). */
  docs: boolean;
}

export interface Discovered {
  abs: string;
  /** Relative to cwd with forward slashes: what reports show. */
  rel: string;
}

export interface DiscoveryNotes {
  symlinksSkipped: number;
  /** Files and folders not scanned, by why: binary, lockfile, docs (--no-docs), gitignored, default-ignored folders, --ignore. */
  skipped: Record<SkipReason | "gitignored" | "defaultIgnoredDirs" | "userIgnored" | "ownReports", number>;
  /** Folders the walk could not list, with why: reported as not processed. */
  unreadableDirs: Array<{ dir: string; problem: string }>;
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

/**
 * A pattern, not a path: glob characters, and nothing by that exact name exists (a Next.js
 * folder `app/[slug]` is a path).
 */
async function isPattern(given: string, cwd: string): Promise<boolean> {
  // fast-glob (with micromatch, braces and a streams stack) loads only for arguments that may be
  // patterns: a plain path, the usual case, has none of these characters.
  if (!/[*?[\]{}()!@+]/.test(given)) return false;
  return (await fastGlob()).isDynamicPattern(given) && !existsSync(path.resolve(cwd, given));
}

async function fastGlob(): Promise<typeof import("fast-glob")> {
  return (await import("fast-glob")).default;
}

/** Fail early, before any work, if a given path does not exist or a pattern matches no file (exit 2). */
export async function checkPaths(paths: string[], cwd: string): Promise<void> {
  const missing: string[] = [];
  for (const p of paths) {
    // `ds-migrate "$SRC"` with SRC unset: an empty argument names nothing (it must not mean the current folder).
    if (p.trim() === "") {
      missing.push(`"${p}" (an empty argument; is a shell variable unset?)`);
      continue;
    }
    if (await isPattern(p, cwd)) {
      const matches = await (await fastGlob())(p, { cwd, dot: true, onlyFiles: true, followSymbolicLinks: false });
      if (matches.length === 0) missing.push(`${p} (a pattern that matches no file)`);
      continue;
    }
    try {
      await stat(path.resolve(cwd, p));
    } catch {
      missing.push(p);
    }
  }
  if (missing.length > 0) throw new MissingPathError(missing);
}

/**
 * Yields batches of files (one batch per folder walked), so the engine can hand them to
 * workers while the walk goes on. Relative paths are built by string joins, not
 * path.relative, because this loop runs once per file of the tree.
 */
export function emptyNotes(): DiscoveryNotes {
  return { symlinksSkipped: 0, unreadableDirs: [], skipped: { binary: 0, lockfile: 0, docs: 0, gitignored: 0, defaultIgnoredDirs: 0, userIgnored: 0, ownReports: 0 } };
}

export async function* discover(paths: string[], options: DiscoverOptions, notes: DiscoveryNotes): AsyncGenerator<Discovered[]> {
  const supported = (name: string) => {
    const why = skipReason(path.basename(name), options.docs);
    if (why) notes.skipped[why]++;
    return !why;
  };
  const userIgnore = options.ignore.length > 0 ? ignore().add(options.ignore) : undefined;
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const keep = (item: Discovered): boolean => {
    if (seen?.has(item.abs)) return false;
    seen?.add(item.abs);
    const ignored = !!userIgnore && !item.rel.startsWith("..") && userIgnore.ignores(item.rel);
    if (ignored) notes.skipped.userIgnored++;
    return !ignored;
  };
  for (const given of paths) {
    if (await isPattern(given, options.cwd)) {
      const matches = await (await fastGlob())(given, { cwd: options.cwd, absolute: true, dot: true, followSymbolicLinks: false, onlyFiles: true });
      yield matches.sort().filter(supported).map((abs) => ({ abs, rel: relativeTo(options.cwd, abs) })).filter(keep);
      continue;
    }
    const abs = path.resolve(options.cwd, given);
    const info = await stat(abs);
    if (info.isFile()) {
      // A file named explicitly is taken whatever its extension (pre-commit passes staged
      // files by name), except a binary or a lockfile, which is skipped and counted as in a walk.
      const why = skipReason(path.basename(abs), true);
      if (why) notes.skipped[why]++;
      else yield [{ abs, rel: relativeTo(options.cwd, abs) }].filter(keep);
      continue;
    }
    const { levels, repoRoot } = options.gitignore ? await ancestorIgnores(abs) : { levels: [], repoRoot: undefined };
    const tracked = repoRoot ? lazyTracked(repoRoot) : undefined;
    for await (const batch of walk(abs, relativeTo(options.cwd, abs), levels, options, supported, notes, tracked)) {
      yield seen || userIgnore ? batch.filter(keep) : batch;
    }
  }
}

interface Folder {
  abs: string;
  /** Relative to cwd, forward slashes; "" for cwd itself. */
  rel: string;
  levels: IgnoreLevel[];
  /** Inside a default-skipped folder (build output) that git tracks files in: only those files. */
  trackedOnly?: boolean;
}

async function* walk(root: string, rootRel: string, inherited: IgnoreLevel[], options: DiscoverOptions, supported: (name: string) => boolean, notes: DiscoveryNotes, tracked?: () => Promise<Tracked>): AsyncGenerator<Discovered[]> {
  const stack: Folder[] = [{ abs: root, rel: rootRel === "." ? "" : rootRel, levels: inherited }];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    let entries;
    try {
      // Sync readdir is several times faster than opendir's async iteration on big trees;
      // the generator still yields after each folder, so workers keep getting paths.
      entries = readdirSync(folder.abs, { withFileTypes: true });
    } catch (error) {
      notes.unreadableDirs.push({ dir: folder.rel || ".", problem: `cannot list this folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      continue;
    }
    let levels = folder.levels;
    if (options.gitignore && entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      levels = [...levels, { base: folder.abs, rules: ignore().add(await readFile(path.join(folder.abs, ".gitignore"), "utf8").catch(() => "")) }];
    }
    if (options.defaultIgnore && entries.some((e) => e.name === "pyvenv.cfg")) continue; // a Python virtualenv
    const batch: Discovered[] = [];
    for (const entry of entries) {
      if (entry.isSymbolicLink()) {
        notes.symlinksSkipped++;
        continue;
      }
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      const abs = folder.abs + path.sep + entry.name;
      // Committed build output is scanned like any tracked file (git never ignores a tracked file); the rest of it is not.
      let trackedOnly = folder.trackedOnly;
      if (isDir && options.defaultIgnore && DEFAULT_SKIPPED_DIRS.includes(entry.name)) {
        if (entry.name === ".git" || !tracked || !(await tracked()).has(abs, true)) {
          // Version control's own folder is not something the user would expect counted as skipped code.
          if (!VCS_DIRS.includes(entry.name)) notes.skipped.defaultIgnoredDirs++;
          continue;
        }
        trackedOnly = true;
      }
      if (trackedOnly && !(await tracked!()).has(abs, isDir)) continue;
      // Git never ignores a tracked file: a .gitignore pattern only applies to untracked ones.
      if (levels.length > 0 && isIgnored(abs, isDir, levels) && !(tracked && (await tracked()).has(abs, isDir))) {
        notes.skipped.gitignored++;
        continue;
      }
      if (!isDir && !supported(entry.name)) continue;
      const rel = folder.rel ? `${folder.rel}/${entry.name}` : entry.name;
      if (isDir) stack.push({ abs, rel, levels, ...(trackedOnly ? { trackedOnly } : {}) });
      else batch.push({ abs, rel });
    }
    if (batch.length > 0) yield batch;
  }
}

function isIgnored(abs: string, isDir: boolean, levels: IgnoreLevel[]): boolean {
  for (const level of levels) {
    // Every level is an ancestor folder of abs, so its path is a prefix.
    const rel = toPosix(abs.slice(level.base.length + 1));
    if (level.rules.ignores(isDir ? rel + "/" : rel)) return true;
  }
  return false;
}

function relativeTo(cwd: string, abs: string): string {
  return toPosix(path.relative(cwd, abs)) || ".";
}

interface Tracked {
  has(abs: string, isDir: boolean): boolean;
}

/** The repository's tracked files (and their folders), read once when an ignore pattern first matches. */
function lazyTracked(repoRoot: string): () => Promise<Tracked> {
  let pending: Promise<Tracked> | undefined;
  return () => {
    pending ??= promisify(childProcess().execFile)("git", ["ls-files", "-z", "--cached"], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 }).then(
      ({ stdout }) => {
        const files = new Set<string>();
        const dirs = new Set<string>();
        for (const rel of stdout.split("\0")) {
          if (!rel) continue;
          const abs = path.join(repoRoot, rel);
          files.add(abs);
          for (let d = path.dirname(abs); d.length > repoRoot.length && !dirs.has(d); d = path.dirname(d)) dirs.add(d);
        }
        return { has: (abs, isDir) => (isDir ? dirs.has(abs) : files.has(abs)) };
      },
      // No git binary, or not a work tree git can read: .gitignore alone decides, as outside git.
      () => ({ has: () => false }),
    );
    return pending;
  };
}

/** .gitignore files above the starting folder, up to the repository root, still apply. */
async function ancestorIgnores(start: string): Promise<{ levels: IgnoreLevel[]; repoRoot?: string }> {
  const levels: IgnoreLevel[] = [];
  let dir = path.dirname(start);
  const chain: string[] = [];
  for (;;) {
    chain.push(dir);
    const isRepoRoot = await stat(path.join(dir, ".git")).then(() => true, () => false);
    if (isRepoRoot) break;
    const parent = path.dirname(dir);
    if (parent === dir) return { levels: [], repoRoot: await ownRepoRoot(start) }; // not inside a repository above: only the walked tree's own files count
    dir = parent;
  }
  for (const d of chain.reverse()) {
    const text = await readFile(path.join(d, ".gitignore"), "utf8").catch(() => undefined);
    if (text !== undefined) levels.push({ base: d, rules: ignore().add(text) });
  }
  return { levels, repoRoot: dir };
}

/** The walked folder may itself be a repository's root. */
async function ownRepoRoot(start: string): Promise<string | undefined> {
  return stat(path.join(start, ".git")).then(() => start, () => undefined);
}

