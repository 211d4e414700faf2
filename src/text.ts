// Offsets, lines and line endings: the small text facts every module needs.

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** The offset of a 1-based line and column. */
  offsetOf(line: number, column: number): number {
    return (this.starts[Math.min(line, this.starts.length) - 1] ?? 0) + column - 1;
  }
}

export const BOM = "\uFEFF";

export function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** The leading whitespace of the line that holds `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match ? match[0] : "";
}

export interface EditSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Apply non-overlapping edits; an edit that overlaps an earlier one is returned in
 * `dropped` so the caller can report it instead of writing a broken file.
 */
export function applyEdits<E extends EditSpan>(text: string, edits: E[]): { text: string; dropped: E[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: E[] = [];
  const dropped: E[] = [];
  let lastEnd = -1;
  for (const edit of sorted) {
    // The same change asked twice (two requests sharing one dict builder) is made once.
    const previous = kept[kept.length - 1];
    if (previous && previous.start === edit.start && previous.end === edit.end && previous.text === edit.text) continue;
    const isInsertAtBoundary = edit.start === edit.end && edit.start === lastEnd;
    if (edit.start < lastEnd && !isInsertAtBoundary) dropped.push(edit);
    else {
      kept.push(edit);
      lastEnd = Math.max(lastEnd, edit.end);
    }
  }
  let out = "";
  let pos = 0;
  for (const edit of kept) {
    out += text.slice(pos, edit.start) + edit.text;
    pos = edit.end;
  }
  return { text: out + text.slice(pos), dropped };
}

/**
 * An ID counts as itself only as a whole token: `deepseek-v4-flash` inside
 * `deepseek-v4-flash-vision-exp`, `deepseek-chat-v3-0324` or `laravel-deepseek-chat` is
 * another name. A provider prefix ending in `/` or `:` before it is allowed.
 */
export function wholeToken(text: string, start: number, end: number): boolean {
  // `deepseek-chat.css`, `deepseek-chat::index`, `deepseek-chat:latest` name other things; `deepseek-chat: ...` (a YAML key) and a sentence's full stop do not.
  const next = text[end] ?? "";
  return !/[\w-]/.test(text[start - 1] ?? "") && !/[\w-]/.test(next) && !(next === "." && /\w/.test(text[end + 1] ?? "")) && !(next === ":" && /[\w:]/.test(text[end + 1] ?? ""));
}

let lastIndexed: { text: string; index: LineIndex } | undefined;

/** The line index of `text`, kept for the last text asked: a front end asks for one file's many times. */
export function linesOf(text: string): LineIndex {
  if (lastIndexed?.text !== text) lastIndexed = { text, index: new LineIndex(text) };
  return lastIndexed.index;
}
