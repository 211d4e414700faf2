// Ctrl-C and `kill` during a run: before any write, the run simply stops; while files are
// being written, no new write starts, the write in flight finishes (or its temp file is
// removed), and the summary says which files were written. A second signal stops at once,
// still removing any temp file. Exit codes follow the shell: 130 for SIGINT, 143 for SIGTERM,
// 129 for SIGHUP (a closed terminal: the same care, though the summary may have nowhere to go).
import { unlinkSync } from "node:fs";

export const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

let received: NodeJS.Signals | undefined;
let writing = false;
const temps = new Set<string>();

/** The signal that asked the run to stop, if one did. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return received;
}

export function registerTemp(file: string): void {
  temps.add(file);
}

export function releaseTemp(file: string): void {
  temps.delete(file);
}

/** From here on a signal lets the current write finish instead of stopping at once. */
export function enterWritePhase(): void {
  writing = true;
}

function removeTemps(): void {
  for (const t of temps) {
    try {
      unlinkSync(t);
    } catch {
      // already renamed into place or removed
    }
  }
  temps.clear();
}

export function installSignalHandlers(onStopBeforeWrites: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (received || !writing) {
        // Nothing is being written (or this is the second signal): stop now.
        removeTemps();
        if (!received) onStopBeforeWrites(signal);
        process.exit(SIGNAL_EXIT[signal]);
      }
      received = signal;
    });
  }
}
