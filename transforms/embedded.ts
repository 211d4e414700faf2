// Code embedded in another file (a Markdown fence inside a list item, a notebook cell, a
// `<script>` block) is analysed as its own snippet; a Region maps the snippet's offsets
// back to the host file and adapts inserted text to the host's syntax (indentation after
// a newline, JSON string escaping).
import type { Edit, RawFinding, RawRequest } from "../src/findings.js";
import { LineIndex } from "../src/text.js";

export interface Region {
  /** The snippet as its transform sees it. */
  text: string;
  /** Host offset of each snippet offset, 0..text.length inclusive. */
  hostAt: (offset: number) => number;
  /** Inserted or replacing text, as it must be written in the host (`at`: the edit's snippet offset). */
  adapt: (text: string, at: number) => string;
}

/** A contiguous block (a `<script>` body, a top-level fence): offsets shift, text is kept. */
export function contiguousRegion(text: string, hostStart: number): Region {
  return { text, hostAt: (offset) => hostStart + offset, adapt: (t) => t };
}

/**
 * A block whose every line carries a prefix in the host (a fence indented in a list item):
 * `lines` are the host offsets where each snippet line's own text starts, `prefix` what a
 * new line must start with.
 */
export function indentedRegion(text: string, lineHostStarts: number[], prefix: string): Region {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return {
    text,
    hostAt: (offset) => {
      const line = lastAtOrBefore(lineStarts, offset);
      return lineHostStarts[line]! + (offset - lineStarts[line]!);
    },
    adapt: (t) => t.replace(/\n/g, "\n" + prefix),
  };
}

/** A region built character by character (decoded JSON strings): `map[i]` is the host offset of character i. */
export function mappedRegion(text: string, map: number[], adapt: (t: string, at: number) => string): Region {
  return { text, hostAt: (offset) => map[offset]!, adapt };
}

/** Several snippets analysed as one (notebook cells, a component's scripts), a newline between. */
export function joinedRegion(regions: Region[]): Region {
  let text = "";
  const parts: Array<{ at: number; region: Region }> = [];
  for (const region of regions) {
    if (text !== "" && !text.endsWith("\n")) text += "\n";
    parts.push({ at: text.length, region });
    text += region.text;
  }
  const partAt = (offset: number) => parts[lastAtOrBefore(parts.map((p) => p.at), offset)]!;
  return {
    text,
    hostAt: (offset) => {
      const p = partAt(offset);
      return p.region.hostAt(Math.min(offset - p.at, p.region.text.length));
    },
    // Every edit lies inside one part; its text is adapted as that part needs.
    adapt: (t, at) => {
      const p = partAt(at);
      return p.region.adapt(t, at - p.at);
    },
  };
}

function lastAtOrBefore(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A snippet's findings in host coordinates, with edit texts adapted to the host. With the
 * host's text, places a message names ("at 4:19", "(line 3)") become the host file's too.
 */
export function toHost(findings: RawFinding[], region: Region, hostText?: string): RawFinding[] {
  const words = hostText === undefined ? (m: string) => m : hostPlaces(region, hostText);
  return findings.map((f) => {
    const out: RawFinding = { ...f, start: region.hostAt(f.start), end: region.hostAt(f.end), message: words(f.message) };
    if (f.edits) out.edits = f.edits.map((e): Edit => ({ start: region.hostAt(e.start), end: region.hostAt(e.end), text: region.adapt(e.text, e.start) }));
    if (f.related) out.related = f.related.map((r) => ({ ...r, start: region.hostAt(r.start), end: region.hostAt(r.end) }));
    return out;
  });
}

/** A snippet's mode-ledger entries in host coordinates (their sources' lines too, given the host's text). */
export function requestsToHost(requests: RawRequest[] | undefined, region: Region, hostText?: string): RawRequest[] {
  const words = hostText === undefined ? (m: string) => m : hostPlaces(region, hostText);
  return (requests ?? []).map((r) => ({ ...r, start: region.hostAt(r.start), end: region.hostAt(r.end), sources: r.sources.map(words) }));
}

// A document with many fences maps each one against the same host: index its lines once.
let lastHost: { text: string; lines: LineIndex } | undefined;
function hostLines(text: string): LineIndex {
  if (lastHost?.text !== text) lastHost = { text, lines: new LineIndex(text) };
  return lastHost.lines;
}

/** Rewrites the snippet positions a message names into the host's lines and columns. */
function hostPlaces(region: Region, hostText: string): (message: string) => string {
  const snippet = new LineIndex(region.text);
  const host = hostLines(hostText);
  const at = (line: number, column: number) => host.position(region.hostAt(Math.min(snippet.offsetOf(line, column), region.text.length)));
  return (message) =>
    message
      .replace(/\bat (\d+):(\d+)\b/g, (_m, l: string, c: string) => {
        const p = at(Number(l), Number(c));
        return `at ${p.line}:${p.column}`;
      })
      .replace(/\(line (\d+)\)/g, (_m, l: string) => `(line ${at(Number(l), 1).line})`)
      .replace(/\bat line (\d+)\b/g, (_m, l: string) => `at line ${at(Number(l), 1).line}`);
}
