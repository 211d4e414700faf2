// Markdown for a pull-request comment: a summary, a table of findings, the diffs.
import type { Severity } from "../findings.js";
import { ledgerLine, lifecycleFailing, type Report } from "./model.js";

/**
 * GitHub refuses a comment longer than 65,536 characters. The report stays under 60,000 so a
 * workflow can wrap it (a heading, a hidden marker to update the comment in place) and still
 * post it. Lengths are JavaScript string lengths (UTF-16 code units), never fewer than the
 * characters GitHub counts.
 */
export const MAX_COMMENT_CHARS = 60_000;

/** Kept free for the notes that say what was left out (they hold counts, never paths). */
const NOTE_ROOM = 1_000;

/** A diff cut shorter than this shows too little to review: the file's diff is left out instead. */
const MIN_DIFF_CHARS = 600;

/** Which findings a cut table keeps first. */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface Section {
  lines: string[];
  /** Set when the section left something out, for the closing note. */
  cut?: string;
}

export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, " ");
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A code span around any text: its delimiter is one backtick longer than any run inside, and a
 * space pads text that starts or ends with a backtick (CommonMark strips one space each side).
 */
export function code(text: string): string {
  const ticks = "`".repeat(longestBacktickRun(text) + 1);
  const pad = /^`|`$/.test(text) || (/^ /.test(text) && / $/.test(text)) ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/**
 * Prose that may quote code in backticks (finding messages, problems). Spans that all close are
 * kept as written; a backtick left unmatched (a quoted name that holds one) would pair with
 * whatever follows, so then every backtick is escaped and the text shows as it is.
 */
function prose(text: string): string {
  const escaped = cell(text);
  return spansClose(text) ? escaped : escaped.replace(/`/g, "\\`");
}

/** Whether every backtick run opens a code span that a later run of the same length closes (CommonMark's rule). */
function spansClose(text: string): boolean {
  const runs = (text.match(/`+/g) ?? []).map((run) => run.length);
  for (let i = 0; i < runs.length; i++) {
    const close = runs.indexOf(runs[i]!, i + 1);
    if (close < 0) return false;
    i = close;
  }
  return true;
}

/**
 * A fenced block no line inside can close (a diff of a Markdown file holds fences of its own):
 * a backtick fence longer than any backtick run in the content, never shorter than three.
 */
function fenced(info: string, content: string[]): string[] {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(content.join("\n")) + 1));
  return [`${fence}${info}`, ...content, fence];
}

/** Characters these lines take once joined, counting a newline after each. */
function size(lines: string[]): number {
  return lines.reduce((n, line) => n + line.length + 1, 0);
}

/** How many of the lines, from the first, fit in room. */
function fitting(lines: string[], room: number): number {
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    used += lines[i]!.length + 1;
    if (used > room) return i;
  }
  return lines.length;
}

export function formatMarkdown(report: Report, limit = MAX_COMMENT_CHARS): string {
  const head = headLines(report);
  let room = limit - size(head) - NOTE_ROOM;
  const sections: Section[] = [];
  for (const build of [findingsSection, problemsSection, diffSection]) {
    const section = build(report, room);
    sections.push(section);
    room -= size(section.lines);
  }
  return [...head, ...sections.flatMap((s) => s.lines), ...closingNote(sections)].join("\n");
}

function headLines(report: Report): string[] {
  const s = report.summary;
  const out: string[] = [];
  const title = report.command === "check" ? "ds-migrate check" : report.dryRun ? "ds-migrate migration preview" : "ds-migrate migration";
  out.push(`## ${title}`, "");
  for (const line of report.lifecycle) out.push(`**${lifecycleFailing(report) ? "⚠️ " : ""}${cell(line)}**`, "");
  out.push(`Files scanned: ${s.filesScanned} · with hits: ${s.filesWithHits} · ${report.command === "check" ? "to change" : report.dryRun ? "to change" : "changed"}: ${s.filesChanged} · errors: ${s.findings.error} · warnings: ${s.findings.warning} · info: ${s.findings.info}`, "");
  const ledger = ledgerLine(report);
  if (ledger) out.push(`${ledger[0]!.toUpperCase()}${ledger.slice(1)}.`, "");
  return out;
}

function findingsSection(report: Report, room: number): Section {
  if (report.findings.length === 0) return { lines: ["No findings.", ""] };
  const findings = report.findings.filter((x) => !x.suppression);
  const rows = findings.map((f) => `| ${code(cell(f.file))} | ${f.line}:${f.column} | ${f.severity} | ${code(f.ruleId)} | ${prose(f.message)} |`);
  // When rows must go, errors stay before warnings and warnings before information.
  const priority = rows.map((_, i) => i).sort((a, b) => SEVERITY_RANK[findings[a]!.severity] - SEVERITY_RANK[findings[b]!.severity]);
  return cutList(["| File | Line | Severity | Rule | Message |", "| --- | ---: | --- | --- | --- |"], rows, priority, room, "findings");
}

function problemsSection(report: Report, room: number): Section {
  const broken = report.files.filter((f) => f.problem);
  if (broken.length === 0) return { lines: [] };
  const items = broken.map((f) => `- ${code(cell(f.file))}: ${prose(f.problem!)}`);
  return cutList(["Files not processed:", ""], items, items.map((_, i) => i), room, "files not processed");
}

/** A header and its items: all of them when they fit, else the first by priority that do (in their own order) and a note. */
function cutList(header: string[], items: string[], priority: number[], room: number, what: string): Section {
  const whole = [...header, ...items, ""];
  if (size(whole) <= room) return { lines: whole };
  const note = (n: number) => ["", `_${n} of ${items.length} ${what} shown._`, ""];
  const n = fitting(priority.map((i) => items[i]!), room - size(header) - size(note(items.length)));
  const kept = priority.slice(0, n).sort((a, b) => a - b).map((i) => items[i]!);
  return { lines: [...header, ...kept, ...note(n)], cut: `${items.length - n} of ${items.length} ${what}` };
}

/**
 * One block per changed file, in a fold. When they do not all fit, each diff gets an equal share
 * of the room (a shorter one leaves what it does not use to the others) and a longer one is cut
 * to its first lines; when even MIN_DIFF_CHARS each does not fit, the last files' diffs are left out.
 */
function diffSection(report: Report, room: number): Section {
  const files = report.files.filter((f) => f.diff);
  if (files.length === 0) return { lines: [] };
  const [open, close] = [["<details><summary>Diff</summary>", ""], ["</details>", ""]];
  const inner = room - size(open) - size(close);
  const lines = files.map((f) => diffLines(f.diff!));
  const whole = lines.map((diff) => [...fenced("diff", diff), ""]);
  const kept = keptDiffs(whole.map(size), inner);
  const share = shareOf(whole.slice(0, kept).map(size), inner);
  const blocks = whole.slice(0, kept).map((block, i) => (size(block) <= share ? block : cutDiff(lines[i]!, share)));
  const shortened = whole.slice(0, kept).filter((block) => size(block) > share).length;
  return { lines: kept > 0 ? [...open, ...blocks.flat(), ...close] : [], cut: diffCut(files.length, kept, shortened) };
}

function diffCut(files: number, kept: number, shortened: number): string | undefined {
  const parts = [];
  if (shortened > 0) parts.push(`the ends of ${shortened} of ${files} diffs`);
  if (kept < files) parts.push(`the diffs of ${files - kept} of ${files} files`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

function diffLines(diff: string): string[] {
  return diff.replace(/\n$/, "").split("\n");
}

/** How many diffs, from the first, fit in room at MIN_DIFF_CHARS each (or all of a shorter one). */
function keptDiffs(costs: number[], room: number): number {
  let used = 0;
  for (let i = 0; i < costs.length; i++) {
    used += Math.min(costs[i]!, MIN_DIFF_CHARS);
    if (used > room) return i;
  }
  return costs.length;
}

/** The most any one diff may take so that all of them fit in room (Infinity when they fit whole). */
function shareOf(costs: number[], room: number): number {
  const sorted = [...costs].sort((a, b) => a - b);
  let left = room;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(left / (sorted.length - i));
    if (sorted[i]! > share) return share;
    left -= sorted[i]!;
  }
  return Infinity;
}

/**
 * A diff's first lines within share, closed, and a note saying how many were left out. The
 * note names no file (the block's `--- a/` line does), so the frame never outgrows a share.
 */
function cutDiff(lines: string[], share: number): string[] {
  const note = (n: number) => [`_Cut short: ${n} of ${lines.length} lines of this diff shown._`, ""];
  const fence = fenced("diff", lines);
  const frame = size([fence[0]!, fence.at(-1)!, ""]) + size(note(lines.length));
  const n = fitting(lines, share - frame);
  return [...fenced("diff", lines.slice(0, n)), "", ...note(n)];
}

function closingNote(sections: Section[]): string[] {
  const cuts = sections.map((s) => s.cut).filter(Boolean);
  if (cuts.length === 0) return [];
  return [
    `_Left out to keep this comment under GitHub's limit of 65,536 characters: ${cuts.join("; ")}. ` +
      "The full report, with every finding and diff, is in the JSON report: run with `--report FILE.json` (or `check --format json`)._",
    "",
  ];
}
