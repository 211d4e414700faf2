// Files ds-migrate has no parser for (Go, Java, Rust, C#, PHP, Ruby, .rst, .txt...): every
// legacy ID is found by text search. A quoted one is a value in code or config that check
// must fail on (`legacy-id-in-unsupported-file`, with the mode its request needs); one in
// running text is information. Nothing is rewritten.
import type { Settings } from "../../src/rules.js";
import { RULE_IDS, type RawFinding, type TransformResult } from "../../src/findings.js";
import { matchLegacyId, matchSeverity, textHits } from "../shared.js";

export function analyzeOtherText(src: string, file: string, settings: Settings): TransformResult {
  return { findings: unsupportedMentions(src, 0, settings, file) };
}

/** `where` names the place when it is not the whole file (a template, a notebook cell). */
export function unsupportedMentions(text: string, offset: number, settings: Settings, file: string, where?: string): RawFinding[] {
  const kind = where ?? kindOf(file);
  const d = settings.rules.dialects[settings.dialect];
  return textHits(text, settings).map((h): RawFinding => {
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
    return { ruleId: RULE_IDS.idInText, severity: "info", ...at, message: `"${h.needle}" in ${kind}, outside a quoted value: not rewritten; update it by hand if it matters.` };
  });
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
  return (dot > 0 ? KINDS[base.slice(dot).toLowerCase()] : undefined) ?? `a file ds-migrate does not parse (${base})`;
}
