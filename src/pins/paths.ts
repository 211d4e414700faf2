// Names and paths: PEP 503 names, project-relative paths, workspace globs.
import path from "node:path";

export function pypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** `to` relative to `from`, with forward slashes; "" when they are the same folder. */
export function relative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join("/");
}

/** Whether `file` is `root` or lies below it. */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Folders from `start` up to and including `root`, nearest first. */
export function foldersUp(root: string, start: string): string[] {
  const out: string[] = [];
  for (let dir = start; isInside(root, dir); dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return out;
}

/** A lockfile's or workspace's relative path as written ("./packages/a/", "."): "packages/a", "". */
export function cleanRelative(p: string): string {
  const norm = path.posix.normalize(p.replace(/\\/g, "/")).replace(/\/+$/, "");
  return norm === "." ? "" : norm.replace(/^\.\//, "");
}

/** npm/pnpm/yarn workspace patterns: `*`, `**`, `?`, and `!` exclusions. */
export function matchesWorkspace(patterns: readonly string[], dir: string): boolean {
  const included = patterns.some((p) => !p.startsWith("!") && globRegExp(p).test(dir));
  return included && !patterns.some((p) => p.startsWith("!") && globRegExp(p.slice(1)).test(dir));
}

function globRegExp(glob: string): RegExp {
  const g = cleanRelative(glob);
  let re = "";
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*" && g[i + 1] === "*") {
      // "**/" also matches no folder at all.
      const slash = g[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
