// The byte-level prefilter: a file whose bytes hold none of the needles is never decoded
// or parsed. One pass for the common substring first, the exact needles only on a hit.

import { closeSync, openSync, readSync } from "node:fs";

export interface Prefilter {
  hits(buf: Buffer): boolean;
  /** Reads the file in chunks into a reused buffer; true as soon as a needle is seen. */
  fileHits(path: string): boolean;
}

export function makePrefilter(needles: string[]): Prefilter {
  const exact = needles.map((n) => Buffer.from(n, "utf8"));
  // Every default needle contains "deepseek"; a user's config may add others.
  const common = needles.every((n) => n.includes("deepseek")) ? Buffer.from("deepseek") : undefined;
  const hits = (buf: Buffer) => {
    if (common && buf.indexOf(common) === -1) return false;
    return exact.some((n) => buf.indexOf(n) !== -1);
  };
  // One buffer per prefilter (per worker): most files fit in one read and are never copied.
  const overlap = Math.max(...exact.map((n) => n.length)) - 1;
  const chunk = Buffer.allocUnsafe(256 * 1024);
  return {
    hits,
    fileHits(path) {
      const fd = openSync(path, "r");
      try {
        let carried = 0;
        for (;;) {
          const read = readSync(fd, chunk, carried, chunk.length - carried, null);
          if (read === 0) return false;
          const filled = carried + read;
          if (hits(chunk.subarray(0, filled))) return true;
          // Keep the tail so a needle split across two reads is still found.
          carried = Math.min(overlap, filled);
          chunk.copy(chunk, 0, filled - carried, filled);
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** A NUL byte early in the file means binary, as git and ripgrep decide it. */
export function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}
