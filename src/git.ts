// The write guard's question: could git give back a file's bytes after ds-migrate rewrites it?
import path from "node:path";
import { childProcess } from "./builtins.js";

/** Why git could not restore a file: the words the refusal and the summary print. */
export type Unprotected = "uncommitted changes" | "untracked" | "ignored by git" | "in no git work tree";

/**
 * Of the given absolute paths, those git could not restore, with why: uncommitted changes
 * (modified or staged), untracked, ignored (a `.env` named on the command line), or in no git
 * work tree at all. Committed, unchanged files are left out.
 */
export function unprotectedFiles(files: string[]): Map<string, Unprotected> {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const dir = path.dirname(file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  const found = new Map<string, Unprotected>();
  const { execFileSync } = childProcess();
  for (const [dir, group] of byDir) {
    let out: string;
    try {
      out = execFileSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", ...group.map((f) => path.basename(f))], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      for (const file of group) found.set(file, "in no git work tree"); // or no git installed: nothing to restore from either way
      continue;
    }
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" }).trim();
    for (const entry of out.split("\0")) {
      if (entry.length <= 3) continue;
      const code = entry.slice(0, 2);
      found.set(path.resolve(top, entry.slice(3)), code === "??" ? "untracked" : code === "!!" ? "ignored by git" : "uncommitted changes");
    }
  }
  return found;
}
