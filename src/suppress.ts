// Suppression comments, in any comment syntax a scanned file has (`//`, `/* */`, `#`, `;`,
// `<!-- -->`): `ds-migrate-ignore-next-line [rule-id ...]`, a trailing
// `ds-migrate-ignore [rule-id ...]` on the line itself, and `ds-migrate-ignore-file [rule-id ...]`
// in the first lines of a file. Without rule ids a directive silences every rule. A silenced
// finding is kept (listed, counted) but never an error and never rewritten; a directive that
// silences nothing is reported, as ESLint reports an unused disable comment.
import { RULE_IDS, type RawFinding } from "./findings.js";
import { LineIndex } from "./text.js";

export interface Directive {
  kind: "line" | "next-line" | "file";
  /** 1-based line of the comment. */
  line: number;
  /** The lines it covers (a next-line directive above a Markdown fence covers the whole block). */
  from: number;
  to: number;
  /** Rule ids it names; empty: every rule. */
  rules: string[];
  start: number;
  end: number;
  text: string;
}

/** How far from the top `ds-migrate-ignore-file` may stand. */
const FILE_DIRECTIVE_LINES = 10;
const DIRECTIVE = /(?:\/\/|\/\*|#|;|<!--|--)[ \t]*(ds-migrate-ignore(?:-next-line|-file)?)\b([^\n]*)/g;

export function findDirectives(text: string): Directive[] {
  if (!text.includes("ds-migrate-ignore")) return [];
  const lines = new LineIndex(text);
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const start = m.index! + m[0].indexOf("ds-migrate-ignore");
    const line = lines.position(start).line;
    const kind = m[1] === "ds-migrate-ignore-next-line" ? "next-line" : m[1] === "ds-migrate-ignore-file" ? "file" : "line";
    if (kind === "file" && line > FILE_DIRECTIVE_LINES) continue;
    // Rule ids up to the comment's end or a `--` reason; `*/`, `-->` and JSON quotes end a comment.
    const rest = m[2]!.split(/\*\/|-->|\s--\s|["\\]/)[0]!;
    const rules = rest.split(/[\s,]+/).filter((w) => /^[a-z][a-z0-9-]*$/.test(w));
    const [from, to] = kind === "line" ? [line, line] : kind === "next-line" ? nextLines(text, line) : [1, Number.MAX_SAFE_INTEGER];
    out.push({ kind, line, from, to, rules, start, end: start + m[1]!.length, text: m[1]! });
  }
  return out;
}

export interface Suppressed {
  finding: RawFinding;
  directive: Directive;
}

/**
 * Splits findings into kept and silenced. A silenced finding loses its edits, and so does the
 * mode added on the line of a silenced ID (a mode next to a kept legacy ID would be wrong).
 * Unused directives come back as warnings.
 */
export function applyDirectives(text: string, findings: RawFinding[], directives: Directive[]): { kept: RawFinding[]; suppressed: Suppressed[] } {
  if (directives.length === 0) return { kept: findings, suppressed: [] };
  const lines = new LineIndex(text);
  const used = new Set<Directive>();
  const kept: RawFinding[] = [];
  const suppressed: Suppressed[] = [];
  for (const f of findings) {
    const line = lines.position(f.start).line;
    const d = directives.find((x) => covers(x, line) && (x.rules.length === 0 || x.rules.includes(f.ruleId)));
    if (d) {
      used.add(d);
      suppressed.push({ finding: f, directive: d });
    } else kept.push(f);
  }
  // A kept ID gets no mode added next to it: the mode on that line is silenced with the ID.
  const keptIds = new Map(suppressed.filter((s) => s.finding.ruleId === RULE_IDS.legacyModelId).map((s) => [lines.position(s.finding.start).line, s.directive]));
  const out: RawFinding[] = [];
  for (const f of kept) {
    const d = f.ruleId === RULE_IDS.thinkingMode ? keptIds.get(lines.position(f.start).line) : undefined;
    if (d) suppressed.push({ finding: f, directive: d });
    else out.push(f);
  }
  for (const d of directives) {
    if (used.has(d)) continue;
    out.push({
      ruleId: RULE_IDS.unusedSuppression, severity: "warning", start: d.start, end: d.end,
      message: `This ${d.text}${d.rules.length > 0 ? ` (${d.rules.join(", ")})` : ""} silences nothing: remove it, or fix the rule ids it names.`,
    });
  }
  return { kept: out, suppressed: suppressed.map((s) => ({ ...s, finding: withoutEdits(s.finding) })) };
}

function covers(d: Directive, line: number): boolean {
  return line >= d.from && line <= d.to;
}

/** The line after the comment; when it opens a Markdown fence, every line up to the fence's end. */
function nextLines(text: string, line: number): [number, number] {
  const all = text.split("\n");
  const fence = /^\s*(`{3,}|~{3,})/.exec(all[line] ?? "");
  if (!fence) return [line + 1, line + 1];
  for (let i = line + 1; i < all.length; i++) {
    if (new RegExp(`^\\s*${fence[1]![0]}{${fence[1]!.length},}\\s*$`).test(all[i]!)) return [line + 1, i + 1];
  }
  return [line + 1, all.length];
}

function withoutEdits(f: RawFinding): RawFinding {
  const { edits: _dropped, ...rest } = f;
  return rest;
}
