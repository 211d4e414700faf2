// The CLI's output on stdout and stderr without Node's stream objects where it can: the first
// touch of process.stdout or process.stderr builds a stream (net or fs streams and all of
// node:stream), ~7 ms of a small `check` that takes ~190 ms. A write here goes to the file
// descriptor at once (fs.writeSync); the stream is built only when the descriptor is a terminal
// (for its width and colour) or would block (a non-blocking pipe: EAGAIN), and from then on it
// carries every write, so the order stays.
import { fstatSync, writeSync } from "node:fs";

type Fd = 1 | 2;
const viaStream = new Set<Fd>();
const closed = new Set<Fd>();

function stream(fd: Fd): NodeJS.WriteStream {
  const s = fd === 1 ? process.stdout : process.stderr;
  if (!viaStream.has(fd)) {
    viaStream.add(fd);
    // A closed terminal or pipe (`| head`, SIGHUP) must not turn finished work into a crash.
    s.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
    });
  }
  return s;
}

function write(fd: Fd, text: string): void {
  if (closed.has(fd) || text === "") return;
  if (viaStream.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, "utf8");
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EAGAIN") stream(fd).write(bytes.subarray(at));
    else if (code === "EPIPE" || code === "EIO") closed.add(fd);
    else throw error;
  }
}

export function writeOut(text: string): void {
  write(1, text);
}

export function writeErr(text: string): void {
  write(2, text);
}

/** Whether the descriptor is a terminal: a character device (a terminal, /dev/null) asked through its stream. */
function isTerminal(fd: Fd): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return !!stream(fd).isTTY;
}

export function stdoutIsTerminal(): boolean {
  return isTerminal(1);
}

export function stderrIsTerminal(): boolean {
  return isTerminal(2);
}

/** The terminal's width for stdout, or undefined when it is not a terminal. */
export function stdoutColumns(): number | undefined {
  return isTerminal(1) ? process.stdout.columns : undefined;
}

/** Calls `done` once everything written so far has been handed to the OS (direct writes already are). */
export function flushStdio(done: () => void): void {
  const pending = [...viaStream];
  let waiting = pending.length;
  if (waiting === 0) return done();
  const one = () => {
    if (--waiting === 0) done();
  };
  // A write's callback runs after the data before it is flushed (or the stream has failed).
  for (const fd of pending) stream(fd).write("", one);
}
