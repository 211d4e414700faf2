// Pure translations between the engine's data and the Language Server Protocol's: findings →
// diagnostics, a finding's site or a whole file → text edits, a rule → hover text. Lines and
// columns: the engine's are 1-based in UTF-16 code units, the protocol's 0-based in the same
// units (its default position encoding), so only the base differs.
import type { FileResult } from "../process.js";
import type { Finding, LocatedEdit } from "../findings.js";
import { RULE_IDS } from "../findings.js";
import { ruleDoc } from "../report/rule-docs.js";
import { deadlineStatus, lifecycleLines } from "../deadline.js";
import { legacyDeadline, type RuleTable } from "../rules.js";
import { wholeToken } from "../text.js";

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Diagnostic {
  range: Range;
  /** 1 error, 2 warning, 3 information (the protocol's DiagnosticSeverity). */
  severity: 1 | 2 | 3;
  code: string;
  source: "ds-migrate";
  message: string;
  relatedInformation?: Array<{ location: { uri: string; range: Range }; message: string }>;
}

export const SOURCE = "ds-migrate";

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/**
 * A text an editor holds may start with a BOM the engine leaves out of its positions (VS Code
 * strips it, other editors may not): line 1 then shifts by one column.
 */
function shift(text: string): (line: number) => number {
  return text.startsWith("\uFEFF") ? (line) => (line === 1 ? 1 : 0) : () => 0;
}

function at(line: number, column: number, bom: (line: number) => number): Position {
  return { line: line - 1, character: column - 1 + bom(line) };
}

export function findingRange(f: { line: number; column: number; endLine: number; endColumn: number }, text: string): Range {
  const bom = shift(text);
  return { start: at(f.line, f.column, bom), end: at(f.endLine, f.endColumn, bom) };
}

/**
 * The diagnostics of one file, as `check` reports it: suppressed findings are left out (as
 * ESLint leaves out disabled ones), and a file that could not be read says so on its first line.
 */
export function diagnosticsOf(result: FileResult | undefined, text: string, uri: string): Diagnostic[] {
  if (!result) return [];
  const out: Diagnostic[] = [];
  if (result.status === "unreadable") {
    out.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: RULE_IDS.fileNotScanned, source: SOURCE, message: `ds-migrate could not check this file: ${result.problem ?? "unreadable"}.` });
  }
  for (const f of result.findings) {
    if (f.suppression) continue;
    const d: Diagnostic = { range: findingRange(f, text), severity: SEVERITY[f.severity], code: f.ruleId, source: SOURCE, message: f.message };
    if (f.related && f.related.length > 0) {
      d.relatedInformation = f.related.map((r) => ({ location: { uri, range: findingRange(r, text) }, message: r.message }));
    }
    out.push(d);
  }
  return out;
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // Touching counts: a cursor at either end of a finding is on it.
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The findings a code action or hover at `range` is about: unsuppressed, overlapping it. */
export function findingsAt(result: FileResult | undefined, range: Range, text: string): Finding[] {
  return (result?.findings ?? []).filter((f) => !f.suppression && overlaps(findingRange(f, text), range));
}

/** Edits by file (as the engine names files: relative to the workspace, forward slashes). */
export type EditsByFile = Map<string, LocatedEdit[]>;

interface Node {
  file: string;
  finding: Finding;
  /** The innermost request holding the finding, "file#start" (none: undefined). */
  request?: string;
}

/**
 * The edits `ds-migrate` writes for the sites of `findings` (in `file`), closed over what must
 * move together: every finding of the same request (a model rewritten there and the mode written
 * there), and a definition with every request whose model it is, in this file or another (the
 * request's sources name it: `"deepseek-chat" → "deepseek-flash" (models.ts:1)` or `(line 1)`).
 * Undefined when a site touches a file the CLI would not write (its rewrites conflict).
 */
export function siteEdits(results: ReadonlyMap<string, FileResult>, file: string, findings: Finding[]): EditsByFile | undefined {
  return closureOf(results, (f, n) => f === file && findings.includes(n));
}

/** The closure (as siteEdits) of every edited finding `wanted` picks, in any file. */
export function closureOf(results: ReadonlyMap<string, FileResult>, wanted: (file: string, finding: Finding) => boolean): EditsByFile | undefined {
  const nodes: Node[] = [];
  const blocked = new Set<string>();
  for (const result of results.values()) {
    const edited = result.findings.filter((f) => !f.suppression && f.edits && f.edits.length > 0);
    if (edited.length === 0) continue;
    if (result.status !== "changed") blocked.add(result.file);
    const body = (result.before ?? "").replace(/^\uFEFF/, "");
    const starts = lineStarts(body);
    const offset = (line: number, column: number) => (starts[line - 1] ?? body.length) + column - 1;
    for (const f of edited) {
      const request = innermost(result, offset(f.line, f.column), offset(f.endLine, f.endColumn));
      nodes.push({ file: result.file, finding: f, ...(request ? { request: `${result.file}#${request.start}` } : {}) });
    }
  }
  const parent = nodes.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const join = (a: number, b: number) => void (parent[root(a)] = root(b));
  const byRequest = new Map<string, number>();
  const byLine = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.request) {
      const first = byRequest.get(n.request);
      if (first === undefined) byRequest.set(n.request, i);
      else join(i, first);
    }
    const key = `${n.file}:${n.finding.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), i]);
  });
  nodes.forEach((n, i) => {
    for (const source of n.finding.sources ?? []) {
      // `"id" → "new" (file:line)`, or an expression naming it: `MODELS.chat = "id" → "new" (file:line)`.
      const m = /(?:^|= )"[^"]+" → "[^"]+" \((?:line (\d+)|(.+):(\d+))\)$/.exec(source);
      if (!m) continue;
      const key = m[1] ? `${n.file}:${m[1]}` : `${m[2]}:${m[3]}`;
      for (const j of byLine.get(key) ?? []) join(i, j);
    }
  });
  const roots = new Set(nodes.flatMap((n, i) => (wanted(n.file, n.finding) ? [root(i)] : [])));
  if (roots.size === 0) return undefined;
  const out: EditsByFile = new Map();
  for (const [i, n] of nodes.entries()) {
    if (!roots.has(root(i))) continue;
    if (blocked.has(n.file)) return undefined;
    out.set(n.file, [...(out.get(n.file) ?? []), ...n.finding.edits!]);
  }
  for (const [f, edits] of out) out.set(f, uniqueEdits(edits));
  return out;
}

/** Every edit of the workspace, by file: what `ds-migrate` writes for all of it (undefined when a file's rewrites conflict). */
export function allEdits(results: ReadonlyMap<string, FileResult>): EditsByFile | undefined {
  const out: EditsByFile = new Map();
  for (const r of results.values()) {
    const edits = r.findings.filter((f) => !f.suppression && f.edits && f.edits.length > 0).flatMap((f) => f.edits!);
    if (edits.length === 0) continue;
    if (r.status !== "changed") return undefined;
    out.set(r.file, uniqueEdits(edits));
  }
  return out;
}

function innermost(result: FileResult, start: number, end: number): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  for (const r of result.requests ?? []) {
    if (r.start <= start && end <= r.end && (!best || r.end - r.start < best.end - best.start)) best = r;
  }
  return best;
}

function uniqueEdits(edits: LocatedEdit[]): LocatedEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `text`: the editor's text of the file, when it has it open (for a BOM it keeps). */
export function toTextEdit(e: LocatedEdit, text = ""): TextEdit {
  const bom = shift(text);
  return { range: { start: at(e.startLine, e.startColumn, bom), end: at(e.endLine, e.endColumn, bom) }, newText: e.text };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The comment line that silences `ruleId` on `line` (1-based), in the file's own comment
 * syntax, indented like that line; undefined where no comment can stand (plain JSON).
 */
export function silenceEdit(file: string, text: string, line: number, ruleId: string): TextEdit | undefined {
  const lines = text.split("\n");
  const target = (lines[line - 1] ?? "").replace(/\r$/, "");
  const indent = /^[ \t]*/.exec(target)![0];
  const directive = `ds-migrate-ignore-next-line ${ruleId}`;
  const eol = lines[line - 1]?.endsWith("\r") ? "\r\n" : "\n";
  const insert = (newText: string): TextEdit => ({ range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } }, newText: newText + eol });
  const syntax = commentSyntax(file, lines, line);
  if (syntax === "notebook") {
    // A notebook's source lines are JSON strings, one per line: a new string before it is a new cell line.
    const element = /^([ \t]*)"([ \t]*)/.exec(target);
    if (!element) return undefined;
    const markdown = cellType(lines, line) === "markdown";
    const comment = markdown ? `<!-- ${directive} -->` : `# ${directive}`;
    return insert(`${element[1]}"${element[2]}${comment}\\n",`);
  }
  if (!syntax) return undefined;
  return insert(`${indent}${syntax[0]} ${directive}${syntax[1] ? ` ${syntax[1]}` : ""}`);
}

type Syntax = [open: string, close?: string];
const HASH: Syntax = ["#"];
const SLASHES: Syntax = ["//"];
const HTML: Syntax = ["<!--", "-->"];
const DASHES: Syntax = ["--"];

const BY_EXTENSION: Record<string, Syntax> = {
  js: SLASHES, jsx: SLASHES, mjs: SLASHES, cjs: SLASHES, ts: SLASHES, tsx: SLASHES, mts: SLASHES, cts: SLASHES, jsonc: SLASHES,
  go: SLASHES, java: SLASHES, kt: SLASHES, rs: SLASHES, c: SLASHES, h: SLASHES, cc: SLASHES, cpp: SLASHES, cs: SLASHES, swift: SLASHES, scala: SLASHES, dart: SLASHES, php: SLASHES,
  py: HASH, yaml: HASH, yml: HASH, toml: HASH, sh: HASH, bash: HASH, zsh: HASH, ksh: HASH, ini: HASH, cfg: HASH, conf: HASH, properties: HASH, dockerfile: HASH, rb: HASH, r: HASH, pl: HASH, tf: HASH, txt: HASH,
  html: HTML, xml: HTML, md: HTML, markdown: HTML, mdx: HTML,
  sql: DASHES, lua: DASHES, hs: DASHES,
};

const FENCE_LANGUAGES: Record<string, Syntax> = {
  python: HASH, py: HASH, bash: HASH, sh: HASH, shell: HASH, console: HASH, zsh: HASH, yaml: HASH, yml: HASH, toml: HASH, ini: HASH, dockerfile: HASH, env: HASH, dotenv: HASH,
  js: SLASHES, javascript: SLASHES, ts: SLASHES, typescript: SLASHES, jsx: SLASHES, tsx: SLASHES, jsonc: SLASHES, go: SLASHES, java: SLASHES, rust: SLASHES,
};

function commentSyntax(file: string, lines: string[], line: number): Syntax | "notebook" | undefined {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const ext = base.includes(".") ? base.slice(base.lastIndexOf(".") + 1).toLowerCase() : "";
  if (ext === "ipynb") return "notebook";
  if (base === ".env" || base.startsWith(".env.") || /^(Docker|Container)file/.test(base)) return HASH;
  // JSON has no comments; tsconfig-style files and VS Code settings are JSON with comments.
  if (ext === "json") return /^(tsconfig|jsconfig)[.\w-]*\.json$/.test(base) || /(^|\/)\.vscode\/[^/]+\.json$|devcontainer\.json$/.test(file) ? SLASHES : undefined;
  if (ext === "md" || ext === "markdown" || ext === "mdx") return fenceSyntax(lines, line);
  if (ext === "vue" || ext === "svelte" || ext === "astro") return inScript(lines, line) ? SLASHES : HTML;
  if (!ext && /^#!.*\b(node|deno|bun|tsx)\b/.test(lines[0] ?? "")) return SLASHES;
  if (!ext && /^#!/.test(lines[0] ?? "")) return HASH;
  return BY_EXTENSION[ext];
}

/** In a Markdown fence of a known language: its comment; outside (or unknown): an HTML comment (which, above a fence, covers the whole block). */
function fenceSyntax(lines: string[], line: number): Syntax {
  let open: { marker: string; language: string } | undefined;
  for (let i = 0; i < line - 1; i++) {
    const m = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
    if (!m) continue;
    if (!open) open = { marker: m[1]!, language: m[2]!.toLowerCase() };
    else if (m[1]!.startsWith(open.marker[0]!) && m[1]!.length >= open.marker.length && m[2] === "") open = undefined;
  }
  return open ? (FENCE_LANGUAGES[open.language] ?? HTML) : HTML;
}

function inScript(lines: string[], line: number): boolean {
  let inside = false;
  let frontmatter = false;
  for (let i = 0; i < line - 1; i++) {
    const l = lines[i]!;
    if (i === 0 && l.trim() === "---") frontmatter = inside = true;
    else if (frontmatter && l.trim() === "---") frontmatter = inside = false;
    if (/<script\b/i.test(l) && !/<\/script>/i.test(l)) inside = true;
    if (/<\/script>/i.test(l)) inside = false;
  }
  return inside;
}

/** nbformat writes each cell's keys sorted, so "cell_type" stands above its "source". */
function cellType(lines: string[], line: number): string | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const m = /"cell_type":\s*"(\w+)"/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Hover text: the rule's summary and advice, the finding's message, and the lifecycle of the
 * IDs it names (the deadline, or since when requests fail).
 */
export function hoverText(findings: Finding[], text: string, rules: RuleTable, today: string): string {
  const parts: string[] = [];
  for (const f of findings) {
    const doc = ruleDoc(f.ruleId);
    parts.push(`**ds-migrate** \`${f.ruleId}\`: ${doc.summary}\n\n${f.message}${doc.help ? `\n\n${doc.help}` : ""}`);
    const found: Record<string, number> = {};
    const span = textOf(f, text);
    for (const row of rules.models) {
      const i = span.indexOf(row.id);
      if (i !== -1 && wholeToken(span, i, i + row.id.length)) found[row.id] = 1;
    }
    const lines = lifecycleLines(rules.models, found, today).map((l) => l.text);
    if (lines.length === 0 && (f.ruleId === RULE_IDS.legacyModelId || f.ruleId === RULE_IDS.setModeAtConsumer)) lines.push(deadlineStatus(legacyDeadline(rules), today).text);
    if (lines.length > 0) parts.push(lines.map((l) => `- ${l}`).join("\n"));
  }
  return parts.join("\n\n---\n\n");
}

function textOf(f: Finding, text: string): string {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const starts = lineStarts(body);
  const s = (starts[f.line - 1] ?? body.length) + f.column - 1;
  const e = (starts[f.endLine - 1] ?? body.length) + f.endColumn - 1;
  return body.slice(s, e);
}
