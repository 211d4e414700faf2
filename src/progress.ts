// Progress on stderr for large trees: only when stderr is a terminal and not in CI, so
// stdout stays the report alone and logs stay clean. Small runs finish before it shows.
// Every phase that can take seconds reports: the walk and prefilter, parsing the files with
// hits, the linking pass, and the writes.

export type Phase = "scanning" | "analysing" | "linking" | "writing";

/** One progress event: `done` of `total` in `phase`; `open` while the total may still grow (the walk is running). */
export type ProgressFn = (phase: Phase, done: number, total: number, open?: boolean) => void;

import { stderrIsTerminal, writeErr } from "./stdio.js";

interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Show nothing for runs shorter than this. */
const DELAY_MS = 300;
const INTERVAL_MS = 100;

const WORDS: Record<Phase, string> = { scanning: "scanned", analysing: "analysed", linking: "linked", writing: "wrote" };

export interface ProgressReporter {
  report: ProgressFn;
  /** Clears the line (before the report is printed). */
  end(): void;
}

export function progressReporter(stream: ProgressStream = { isTTY: stderrIsTerminal(), write: writeErr }, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): ProgressReporter | undefined {
  if (!stream.isTTY || env.CI) return undefined;
  const start = now();
  let last = 0;
  let shown = false;
  let lastPhase: Phase | undefined;
  return {
    report(phase, done, total, open) {
      const t = now();
      // A new phase is shown at once (after the initial delay), so the line never sits on a finished one.
      if (t - start < DELAY_MS || (t - last < INTERVAL_MS && phase === lastPhase)) return;
      last = t;
      lastPhase = phase;
      shown = true;
      stream.write(`\r\x1b[Kds-migrate: ${phase}… ${WORDS[phase]} ${done} of ${total}${open ? "+" : ""} ${phase === "linking" ? "modules" : "files"}`);
    },
    end() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
