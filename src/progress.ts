// Progress on stderr for large trees: only when stderr is a terminal and not in CI, so
// stdout stays the report alone and logs stay clean. Small runs finish before it shows.

export type ProgressFn = (done: number, found: number, walkDone: boolean) => void;

interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Show nothing for runs shorter than this. */
const DELAY_MS = 300;
const INTERVAL_MS = 100;

export function progressReporter(stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): ProgressFn | undefined {
  if (!stream.isTTY || env.CI) return undefined;
  const start = now();
  let last = 0;
  let shown = false;
  return (done, found, walkDone) => {
    if (walkDone) {
      if (shown) stream.write("\r\x1b[K");
      return;
    }
    const t = now();
    if (t - start < DELAY_MS || t - last < INTERVAL_MS) return;
    last = t;
    shown = true;
    stream.write(`\r\x1b[Kds-migrate: scanned ${done} of ${found}${walkDone ? "" : "+"} files`);
  };
}
