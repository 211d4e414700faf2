// Progress on stderr for large trees: only when stderr is a terminal and not in CI, so
// stdout stays the report alone and logs stay clean.
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ((done: number, found: number, walkDone: boolean) => void) | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  let last = 0;
  let shown = false;
  return (done, found, walkDone) => {
    const now = Date.now();
    if (walkDone) {
      if (shown) stream.write("\r\x1b[K");
      return;
    }
    if (now - last < 100) return;
    last = now;
    shown = true;
    stream.write(`\r\x1b[Kds-migrate: scanned ${done} of ${found}${walkDone ? "" : "+"} files`);
  };
}
