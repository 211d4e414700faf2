// Rule decisions shared by every language's transform: what a string means and what
// it becomes. Syntax (quotes, commas, dict vs object) stays in each language's module.
import type { Edit, RawFinding } from "../src/findings.js";
import { newModelId, type Mode, type RuleTable, type Settings } from "../src/rules.js";
import { indentAt } from "../src/text.js";

export interface LegacyMatch {
  legacyId: string;
  /** A LiteLLM/DSPy provider prefix such as `deepseek/`, or "" for a bare ID. */
  prefix: string;
  mode: Mode;
  replacement: string;
}

/** The legacy ID a whole string value names, if it names one. */
export function matchLegacyId(value: string, settings: Settings, allowPrefix: boolean): LegacyMatch | undefined {
  const { rules } = settings;
  const bare = rules.legacyModels[value];
  if (bare) return { legacyId: value, prefix: "", mode: bare.mode, replacement: newModelId(settings) };
  if (!allowPrefix) return undefined;
  for (const prefix of rules.providerPrefixes) {
    if (!value.startsWith(prefix)) continue;
    const rest = value.slice(prefix.length);
    const model = rules.legacyModels[rest];
    if (model) return { legacyId: rest, prefix, mode: model.mode, replacement: prefix + newModelId(settings) };
  }
  return undefined;
}

export type UrlVerdict =
  | { kind: "canonical" }
  | { kind: "rewrite"; replacement: string; insecure: boolean }
  | { kind: "beta" }
  | { kind: "untouched" };

/** OpenAI-compatible endpoint paths, which DeepSeek serves under the canonical base URL too. */
const OPENAI_PATHS = /^\/(chat\/completions|completions|models)(\/[^?#]*)?([?#].*)?$/;

/** What to do with a whole string value that is a DeepSeek URL; undefined if it is not one. */
export function classifyUrl(value: string, rules: RuleTable): UrlVerdict | undefined {
  const match = /^(https?):\/\/([^/?#\s]+)([^\s]*)$/i.exec(value);
  if (!match) return undefined;
  const [, scheme, host, rest] = match as unknown as [string, string, string, string];
  if (!rules.hosts.includes(host.toLowerCase())) return undefined;
  const insecure = scheme.toLowerCase() === "http";
  if (rules.untouchedPaths.some((p) => rest === p || rest.startsWith(p + "/") || rest.startsWith(p + "?"))) {
    return insecure ? { kind: "rewrite", replacement: "https" + value.slice(scheme.length), insecure } : { kind: "untouched" };
  }
  if (rules.reviewPaths.some((p) => rest === p || rest.startsWith(p + "/") || rest.startsWith(p + "?"))) {
    return insecure ? { kind: "rewrite", replacement: "https" + value.slice(scheme.length), insecure } : { kind: "beta" };
  }
  const canonical = rules.canonicalBaseUrl.replace(/\/+$/, "");
  const canonicalPath = new URL(canonical).pathname.replace(/\/+$/, "");
  let path = rest;
  if (canonicalPath && (path === canonicalPath || path.startsWith(canonicalPath + "/") || path.startsWith(canonicalPath + "?"))) {
    path = path.slice(canonicalPath.length);
  }
  // A bare trailing slash is not a path worth keeping; the canonical form has none.
  if (path === "/") path = "";
  // Only a base URL or an OpenAI-compatible endpoint has a canonical form; other paths
  // (/user/balance) have no /v1 form and stay as written (over https).
  if (path !== "" && !OPENAI_PATHS.test(path)) {
    return insecure ? { kind: "rewrite", replacement: "https" + value.slice(scheme.length), insecure } : { kind: "untouched" };
  }
  const replacement = canonical + path;
  return replacement === value ? { kind: "canonical" } : { kind: "rewrite", replacement, insecure };
}

/** Where a request goes: DeepSeek, another server written in the code, or not known. */
export type HostVerdict = { kind: "deepseek" } | { kind: "gateway"; url: string } | { kind: "unknown" };

/** The host a URL text names; a path on the app's own server ("/api/chat") is that server, not DeepSeek. */
export function hostOfText(settings: Settings, text: string | undefined): HostVerdict {
  if (!text) return { kind: "unknown" };
  if (classifyUrl(text, settings.rules)) return { kind: "deepseek" };
  if (/^\/[\w-]/.test(text)) return { kind: "gateway", url: text };
  const m = /^(https?):\/\/([^/?#\s$`{}]+)/i.exec(text);
  if (!m) return { kind: "unknown" };
  if (settings.rules.hosts.includes(m[2]!.toLowerCase())) return { kind: "deepseek" };
  return { kind: "gateway", url: text };
}

export function modeWords(mode: Mode): string {
  return mode === "thinking" ? "thinking" : "non-thinking";
}

export interface ItemSpan {
  /** Where the enclosing object, dict or argument list starts. */
  containerStart: number;
  /** The item the new one follows: a property, dict entry or keyword argument. */
  itemStart: number;
  itemEnd: number;
}

/**
 * Edits that add `text` as a new item right after an existing one, in the container's
 * own layout: on the same line for one-line containers, on a new line with the same
 * indent otherwise (after any comment that ends the item's line, so the comment stays
 * with it). Commas follow what is there: a trailing comma is kept, none is added.
 */
export function insertionAfter(src: string, span: ItemSpan, text: string, eol: string, trailingComment: RegExp): Edit[] {
  let i = span.itemEnd;
  while (i < src.length && (src[i] === " " || src[i] === "\t")) i++;
  const hasComma = src[i] === ",";
  const multiline = src.slice(span.containerStart, span.itemStart).includes("\n");
  if (!multiline) {
    return [hasComma ? { start: i + 1, end: i + 1, text: ` ${text},` } : { start: span.itemEnd, end: span.itemEnd, text: `, ${text}` }];
  }
  const indent = indentAt(src, span.itemStart);
  const after = hasComma ? i + 1 : span.itemEnd;
  const lineEnd = endOfLineIfOnlyComment(src, after, trailingComment);
  if (hasComma) {
    const at = lineEnd ?? after;
    return [{ start: at, end: at, text: `${eol}${indent}${text},` }];
  }
  if (lineEnd === undefined) return [{ start: span.itemEnd, end: span.itemEnd, text: `,${eol}${indent}${text}` }];
  return [
    { start: span.itemEnd, end: span.itemEnd, text: "," },
    { start: lineEnd, end: lineEnd, text: `${eol}${indent}${text}` },
  ];
}

/** The offset before the line break when only whitespace and a comment follow `from` on its line. */
function endOfLineIfOnlyComment(src: string, from: number, trailingComment: RegExp): number | undefined {
  let end = src.indexOf("\n", from);
  if (end === -1) end = src.length;
  if (src[end - 1] === "\r") end--;
  return trailingComment.test(src.slice(from, end)) ? end : undefined;
}

/** A finding from a snippet analysed on its own, moved to the snippet's place in its file. */
export function shiftFinding(f: RawFinding, by: number): RawFinding {
  const out: RawFinding = { ...f, start: f.start + by, end: f.end + by };
  if (f.edits) out.edits = f.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by }));
  return out;
}

/** The mode a migrated request gets: fixed, or chosen by the condition that chose the ID. */
export type ModeChoice = { mode: Mode } | { test: string; thinkingWhenTrue: boolean };

export function describeChoice(choice: ModeChoice): string {
  return "mode" in choice ? choice.mode : `thinking when \`${choice.test}\` is ${choice.thinkingWhenTrue ? "true" : "false"}`;
}

/**
 * Where free text (a comment, prose, a longer string) mentions something to update: a legacy
 * ID, or a DeepSeek host that is not part of a canonical or deliberately untouched URL (the
 * canonical base URL is never text to update).
 */
export function textHits(text: string, rules: RuleTable): Array<{ start: number; end: number; needle: string }> {
  const out: Array<{ start: number; end: number; needle: string }> = [];
  for (const needle of [...Object.keys(rules.legacyModels), ...rules.hosts]) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
      if (rules.hosts.includes(needle) && urlNeedsNoUpdate(text, i, rules)) continue;
      out.push({ start: i, end: i + needle.length, needle });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function urlNeedsNoUpdate(text: string, hostAt: number, rules: RuleTable): boolean {
  const scheme = /https?:\/\/$/i.exec(text.slice(Math.max(0, hostAt - 8), hostAt));
  if (!scheme) return false;
  const start = hostAt - scheme[0].length;
  const end = text.slice(start).search(/[\s"'`<>)\]}]|$/);
  const url = text.slice(start, start + end).replace(/[.,;:!?]+$/, "");
  const verdict = classifyUrl(url, rules);
  return verdict?.kind === "canonical" || verdict?.kind === "untouched";
}

/** Whether a model string is a V4 ID (bare, or behind a provider prefix the client routes by). */
export function isV4Id(value: string, settings: Settings, prefixes: string[]): boolean {
  const ids = Object.values(settings.rules.targets);
  return ids.includes(value) || prefixes.some((p) => value.startsWith(p) && ids.includes(value.slice(p.length)));
}
