// Atomic in-place writes: a temp file in the same folder, the original's mode, then a
// rename, so an interrupted run leaves each file either old or new.
import { chmod, readFile, realpath, rename, stat, unlink, writeFile } from "./fsp.js";
import path from "node:path";
import { registerTemp, releaseTemp } from "./interrupt.js";

/**
 * `expected`: the text the run read; a file that no longer holds it was edited meanwhile and is
 * not written. A read-only file is not written either (a rename would replace it even so), and
 * a symlink is written through to its target, never replaced by a regular file.
 */
export async function writeAtomic(link: string, text: string, expected?: string): Promise<void> {
  const file = await realpath(link);
  const { mode } = await stat(file);
  if ((mode & 0o222) === 0) throw new Error("the file is read-only: not written (make it writable to migrate it)");
  if (expected !== undefined && (await readFile(file, "utf8")) !== expected) {
    throw new Error("the file changed after ds-migrate read it: not written, so that edit is kept; run ds-migrate again");
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.ds-migrate-${process.pid}-${Date.now()}.tmp`);
  // Registered, so a second Ctrl-C that stops the process at once still removes it.
  registerTemp(temp);
  try {
    await writeFile(temp, text, { mode });
    await chmod(temp, mode); // writeFile's mode is filtered by the umask
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    releaseTemp(temp);
  }
}
