// Files ds-migrate has no parser for (Go, Java, Rust, C#, PHP, Ruby, .rst, .txt...): every
// legacy ID is found by text search. A quoted one is a value in code or config that check
// must fail on (`legacy-id-in-unsupported-file`, with the mode its request needs); one in
// running text is information. Nothing is rewritten.
import type { Settings } from "../../src/rules.js";
import { RULE_IDS, type RawFinding, type TransformResult } from "../../src/findings.js";
import { classifyUrl, matchLegacyId, matchSeverity, textHits } from "../shared.js";
import { mergeMessage } from "../roles.js";
import { recordedData } from "../config/values.js";
import { LineIndex } from "../../src/text.js";

export function analyzeOtherText(src: string, file: string, settings: Settings): TransformResult {
  // A run's output (`results/answers.jsonl`, a session log) records which model ran: information, as in JSON and YAML.
  return recordedData(src, file, settings) ?? { findings: unsupportedMentions(src, 0, settings, file) };
}

/** `where` names the place when it is not the whole file (a template, a notebook cell). */
export function unsupportedMentions(text: string, offset: number, settings: Settings, file: string, where?: string): RawFinding[] {
  const kind = where ?? kindOf(file);
  const d = settings.rules.dialects[settings.dialect];
  const hits = textHits(text, settings);
  const groups = sideBySide(text, hits, settings);
  const grouped = new Set(groups.flat());
  const collisions = groups.map((g) => collision(text, offset, g, settings, kind, where !== undefined));
  return [...collisions, ...hits.filter((h) => !grouped.has(h)).map((h): RawFinding => {
    const legacy = matchLegacyId(h.needle, settings, false);
    const at = { start: offset + h.start, end: offset + h.end };
    if (legacy && quoted(text, h.start, h.end)) {
      const mode = legacy.keepsMode ? "the thinking mode you want" : `${d.key}: ${JSON.stringify(d.values[legacy.mode])}`;
      return {
        ruleId: RULE_IDS.unsupportedFile, severity: matchSeverity(legacy, settings), ...at,
        message: `"${h.needle}" in ${kind}: not rewritten (ds-migrate does not parse this). Change it to "${legacy.replacement}" by hand and set ` +
          `${mode} on the request that sends it (V4 thinks by default).`,
      };
    }
    if (!legacy && text.slice(Math.max(0, h.start - 7), h.start).toLowerCase() === "http://") {
      return { ruleId: RULE_IDS.unsupportedFile, severity: "error", ...at, message: `"http://${h.needle}" in ${kind}: plain http sends the API key in clear text; use https://${h.needle}/v1, by hand.` };
    }
    const url = legacy ? undefined : quotedUrl(text, h.start, h.end);
    if (url) return urlInUnparsed(url.value, { start: offset + url.start, end: offset + url.end }, settings, kind);
    return { ruleId: RULE_IDS.idInText, severity: "info", ...at, message: `"${h.needle}" in ${kind}, outside a quoted value: not rewritten; update it by hand if it matters.` };
  })];
}

type Hit = ReturnType<typeof textHits>[number];

/** Lines apart that still count as side by side (an `<option>` list, a switch, a table of models). */
const NEAR_LINES = 3;

/**
 * Quoted legacy IDs next to each other that one replacement would merge (`<option value="deepseek-chat">`
 * above `<option value="deepseek-reasoner">`): each group gets one collision hint instead of
 * per-item advice that, followed, would make the two entries one.
 */
function sideBySide(text: string, hits: Hit[], settings: Settings): Hit[][] {
  const quotedIds = hits.filter((h) => matchLegacyId(h.needle, settings, false) && quoted(text, h.start, h.end));
  const runs: Hit[][] = [];
  for (const h of quotedIds) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && lineGap(text, last.end, h.start) <= NEAR_LINES) run.push(h);
    else runs.push([h]);
  }
  return runs.filter((run) => {
    const matches = run.map((h) => matchLegacyId(h.needle, settings, false)!);
    return new Set(matches.map((m) => m.legacyId)).size > 1 && new Set(matches.map((m) => m.replacement)).size === 1;
  });
}

function lineGap(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function collision(text: string, offset: number, group: Hit[], settings: Settings, kind: string, embedded: boolean): RawFinding {
  const matches = group.map((h) => matchLegacyId(h.needle, settings, false)!);
  const distinct = matches.filter((m, i) => matches.findIndex((o) => o.legacyId === m.legacyId) === i);
  // Line numbers only for a whole file: a snippet's lines are not the file's (its places are related places, mapped by the engine).
  const lines = offset === 0 && !embedded ? new LineIndex(text) : undefined;
  const places = group.map((h) => (lines ? `"${h.needle}" at line ${lines.position(h.start).line}` : `"${h.needle}"`)).join(", ");
  const [first, ...rest] = group;
  return {
    ruleId: RULE_IDS.collision, severity: matchSeverity(matches[0]!, settings), start: offset + first!.start, end: offset + first!.end,
    message: `In ${kind}, which ds-migrate does not parse, nothing was rewritten. ${mergeMessage(distinct, "values side by side", places)}`,
    related: rest.map((h) => ({ start: offset + h.start, end: offset + h.end, message: `"${h.needle}", side by side with the ID this finding is about` })),
  };
}

/** The whole URL around a host, when it is a quoted value of its own (`"https://api.deepseek.com/beta"`). */
function quotedUrl(text: string, start: number, end: number): { value: string; start: number; end: number } | undefined {
  const scheme = /https?:\/\/$/i.exec(text.slice(Math.max(0, start - 8), start));
  if (!scheme) return undefined;
  const from = start - scheme[0].length;
  const quote = text[from - 1];
  if (!quote || !`"'\``.includes(quote)) return undefined;
  const close = text.indexOf(quote, end);
  const lineEnd = text.indexOf("\n", end);
  if (close === -1 || (lineEnd !== -1 && close > lineEnd)) return undefined;
  const value = text.slice(from, close);
  return /\s/.test(value) ? undefined : { value, start: from - 1, end: close + 1 };
}

/** A quoted DeepSeek URL in a file ds-migrate does not parse: the same verdict as in code, to be applied by hand. */
function urlInUnparsed(value: string, at: { start: number; end: number }, settings: Settings, kind: string): RawFinding {
  const verdict = classifyUrl(value, settings.rules);
  if (verdict?.kind === "beta") {
    return { ruleId: RULE_IDS.betaBaseUrl, severity: "warning", ...at, message: `"${value}" in ${kind} is DeepSeek's beta endpoint (prefix completion / FIM): check that the feature you use is still offered on V4.` };
  }
  if (verdict?.kind === "rewrite") {
    // The client is not known here: information naming both cases, not debt (a client that appends /v1 itself would get /v1/v1).
    return { ruleId: RULE_IDS.legacyBaseUrl, severity: "info", ...at, message: `"${value}" in ${kind} works as it is. If the client expects the version in its base URL, the canonical form is "${verdict.replacement}"; if it appends /v1 itself, keep the host.` };
  }
  return { ruleId: RULE_IDS.idInText, severity: "info", ...at, message: `"${value}" in ${kind}: a DeepSeek URL already in its canonical form or one with no /v1 form; nothing to change.` };
}

/** Directly inside quotes on its line: `"deepseek-chat"`, `'deepseek-chat'`, `` `deepseek-chat` ``, or `"model: deepseek-chat"`. */
function quoted(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  for (const q of ['"', "'", "`"]) {
    const opens = before.split(q).length - 1;
    if (opens % 2 === 1 && after.includes(q)) return true;
  }
  return false;
}

const KINDS: Record<string, string> = {
  ".go": "a Go file", ".java": "a Java file", ".kt": "a Kotlin file", ".kts": "a Kotlin script", ".rs": "a Rust file", ".cs": "a C# file",
  ".php": "a PHP file", ".rb": "a Ruby file", ".swift": "a Swift file", ".dart": "a Dart file", ".scala": "a Scala file", ".c": "a C file",
  ".cpp": "a C++ file", ".h": "a C header", ".r": "an R file", ".lua": "a Lua file", ".ex": "an Elixir file", ".exs": "an Elixir script",
  ".rst": "a reStructuredText file", ".txt": "a text file", ".adoc": "an AsciiDoc file", ".html": "an HTML file", ".xml": "an XML file",
  ".sql": "an SQL file", ".tf": "a Terraform file", ".hcl": "an HCL file", ".ps1": "a PowerShell script", ".bat": "a batch file",
};

function kindOf(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? KINDS[base.slice(dot).toLowerCase()] : undefined) ?? `\`${base}\``;
}
