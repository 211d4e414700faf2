// The byte-level prefilter: a file whose bytes hold none of the needles is never decoded
// or parsed. One pass for the common substring first, the exact needles only on a hit.

export interface Prefilter {
  hits(buf: Buffer): boolean;
}

export function makePrefilter(needles: string[]): Prefilter {
  const exact = needles.map((n) => Buffer.from(n, "utf8"));
  // Every default needle contains "deepseek"; a user's config may add others.
  const common = needles.every((n) => n.includes("deepseek")) ? Buffer.from("deepseek") : undefined;
  return {
    hits(buf) {
      if (common && buf.indexOf(common) === -1) return false;
      return exact.some((n) => buf.indexOf(n) !== -1);
    },
  };
}

/** A NUL byte early in the file means binary, as git and ripgrep decide it. */
export function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}
