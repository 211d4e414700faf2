// The byte-level prefilter: a file whose bytes hold none of the needles is never decoded
// or parsed. One pass for the common substring first, the exact needles only on a hit.

import { closeSync, openSync, readSync } from "node:fs";

export interface Prefilter {
  hits(buf: Buffer): boolean;
  /** `classify` for bytes already in memory (an editor's unsaved text). */
  classifyBuffer(buf: Buffer): "hit" | "near" | "miss";
  /** Reads the file in chunks into a reused buffer; true as soon as a needle is seen. */
  fileHits(path: string): boolean;
  /** Like fileHits, but a file with a NUL byte in its first 8000 bytes is "binary" and read no further (as ripgrep does). */
  /** `near`: no needle, but the needles' common substring (`deepseek`): a file a prefix test may be in (prefix-tests.ts). */
  classify(path: string): "hit" | "near" | "miss" | "binary";
}

export function makePrefilter(needles: string[]): Prefilter {
  const exact = needles.map((n) => Buffer.from(n, "utf8"));
  // The default needles all contain "deepseek": one search for it rules out most files.
  const shared = commonSubstring(needles);
  const common = shared.length >= 3 && needles.length > 1 ? Buffer.from(shared) : undefined;
  const hits = (buf: Buffer) => {
    if (common && buf.indexOf(common) === -1) return false;
    return exact.some((n) => buf.indexOf(n) !== -1);
  };
  // One buffer per prefilter (per worker): most files fit in one read and are never copied.
  const overlap = Math.max(...exact.map((n) => n.length)) - 1;
  const chunk = Buffer.allocUnsafe(CHUNK);
  const classify = (path: string): "hit" | "near" | "miss" | "binary" => {
    let first = true;
    let binary = false;
    let near = false;
    let utf16: "utf16le" | "utf16be" | undefined;
    const hit = scanChunks(path, chunk, overlap, (buf) => {
      if (first && looksBinary(buf)) {
        utf16 = utf16Of(buf);
        binary = !utf16;
      }
      first = false;
      if (binary) return true;
      const text = utf16 ? asUtf8(buf, utf16) : buf;
      // `hits`, spelled out so the common substring is searched once per chunk and remembered.
      if (common) {
        if (text.indexOf(common) === -1) return false;
        near = true;
      }
      return exact.some((n) => text.indexOf(n) !== -1);
    });
    return binary ? "binary" : hit ? "hit" : near ? "near" : "miss";
  };
  const classifyBuffer = (buf: Buffer): "hit" | "near" | "miss" => (hits(buf) ? "hit" : common && buf.indexOf(common) !== -1 ? "near" : "miss");
  return { hits, classifyBuffer, fileHits: (path) => scanChunks(path, chunk, overlap, hits), classify };
}

const CHUNK = 256 * 1024;

/**
 * Reads a file through `chunk`, calling `stop` on each filled span (which keeps the last
 * `overlap` bytes of the previous read, so a needle split across reads is still seen).
 * Returns true as soon as `stop` does; memory stays one chunk whatever the file size.
 */
export function scanChunks(path: string, chunk: Buffer, overlap: number, stop: (buf: Buffer) => boolean): boolean {
  const fd = openSync(path, "r");
  try {
    let carried = 0;
    for (;;) {
      const wanted = chunk.length - carried;
      const read = readSync(fd, chunk, carried, wanted, null);
      if (read === 0) return false;
      const filled = carried + read;
      if (stop(chunk.subarray(0, filled))) return true;
      // A regular file's short read is its end: no second read to learn it (one syscall fewer
      // for nearly every file of a large tree). The walk yields regular files only.
      if (read < wanted) return false;
      carried = Math.min(overlap, filled);
      chunk.copy(chunk, 0, filled - carried, filled);
    }
  } finally {
    closeSync(fd);
  }
}

/** Which of `needles` occur in the file, read in chunks. */
export function findNeedles(path: string, needles: Buffer[], chunk: Buffer = Buffer.allocUnsafe(CHUNK)): boolean[] {
  const found = needles.map(() => false);
  const overlap = Math.max(0, ...needles.map((n) => n.length - 1));
  scanChunks(path, chunk, overlap, (buf) => {
    needles.forEach((n, i) => {
      if (!found[i] && buf.indexOf(n) !== -1) found[i] = true;
    });
    return found.every(Boolean);
  });
  return found;
}

/** A NUL byte early in the file means binary, as git and ripgrep decide it. */
export function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

/**
 * UTF-16 text (a BOM, or ASCII-range text with every other byte NUL): it has NUL bytes like a
 * binary, but holds text that may name a legacy ID, so it must not be skipped silently.
 */
export function utf16Of(buf: Buffer): "utf16le" | "utf16be" | undefined {
  if (buf[0] === 0xff && buf[1] === 0xfe) return "utf16le";
  if (buf[0] === 0xfe && buf[1] === 0xff) return "utf16be";
  const n = Math.min(buf.length, 512) & ~1;
  if (n < 8) return undefined;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 === 1 ? odd++ : even++);
  if (even === 0 && odd >= (n / 2) * 0.9) return "utf16le";
  if (odd === 0 && even >= (n / 2) * 0.9) return "utf16be";
  return undefined;
}

/** UTF-16 bytes as a string (a trailing odd byte dropped). */
export function utf16Text(buf: Buffer, encoding: "utf16le" | "utf16be"): string {
  const le = encoding === "utf16le" ? buf : Buffer.from(buf).swap16();
  return le.subarray(0, le.length & ~1).toString("utf16le");
}

/** The text of a UTF-16 chunk as UTF-8 bytes, for the needle search. */
function asUtf8(buf: Buffer, encoding: "utf16le" | "utf16be"): Buffer {
  return Buffer.from(utf16Text(buf, encoding), "utf8");
}

/** The longest substring every needle contains ("" when there is none). */
export function commonSubstring(needles: string[]): string {
  if (needles.length === 0) return "";
  const shortest = needles.reduce((a, b) => (a.length <= b.length ? a : b));
  for (let len = shortest.length; len > 0; len--) {
    for (let i = 0; i + len <= shortest.length; i++) {
      const candidate = shortest.slice(i, i + len);
      if (needles.every((n) => n.includes(candidate))) return candidate;
    }
  }
  return "";
}
