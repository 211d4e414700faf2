// Atomic in-place writes: a temp file in the same folder, the original's mode, then a
// rename, so an interrupted run leaves each file either old or new.
import { chmod, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { registerTemp, releaseTemp } from "./interrupt.js";

export async function writeAtomic(file: string, text: string): Promise<void> {
  const { mode } = await stat(file);
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
