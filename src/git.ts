// The uncommitted-changes guard: migrate refuses to overwrite work git could not restore.
import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Of the given absolute paths, those git could not restore: uncommitted changes (modified,
 * staged or untracked) or ignored by git (a `.env` named on the command line). `outside`: those
 * in no git work tree at all.
 */
export function dirtyFiles(files: string[], outside: string[] = []): string[] {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const dir = path.dirname(file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  const dirty: string[] = [];
  for (const [dir, group] of byDir) {
    let out: string;
    try {
      out = execFileSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", ...group.map((f) => path.basename(f))], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      outside.push(...group); // not a git work tree (or no git): nothing to compare with, said in the summary
      continue;
    }
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" }).trim();
    for (const entry of out.split("\0")) {
      if (entry.length > 3) dirty.push(path.resolve(top, entry.slice(3)));
    }
  }
  return dirty;
}
