// Rule decisions shared by every language's transform: what a string means and what
// it becomes. Syntax (quotes, commas, dict vs object) stays in each language's module.
import type { CalledImport, Edit, ImportedId, RawFinding, RemoteArg } from "../src/findings.js";
import type { ModelRow } from "../src/models.js";
import { migratingIds, migrationOf, newModelId, statusSeverity, v4Ids, type Mode, type RuleTable, type Settings } from "../src/rules.js";
import { indentAt, wholeToken } from "../src/text.js";
import { TEXT_COMPLETION_PASS, type PassThrough } from "./shapes.js";

/** A model ID this run moves on (a deprecated ID, or an alias of a retired model), as found in a string. */
export interface LegacyMatch {
  legacyId: string;
  /** A LiteLLM/DSPy provider prefix such as `deepseek/`, or "" for a bare ID. */
  prefix: string;
  /** The mode that keeps its behaviour (thinking, V4's default, for an ID that keeps the request's mode). */
  mode: Mode;
  /** The request keeps whatever mode it states (aliases of retired V4 models): no mode is written. */
  keepsMode: boolean;
  row: ModelRow;
  replacement: string;
}

/** The ID a whole string value names, if this run moves it on. */
export function matchLegacyId(value: string, settings: Settings, allowPrefix: boolean): LegacyMatch | undefined {
  const bare = migrationOf(value, settings);
  if (bare) return { legacyId: value, prefix: "", mode: bare.mode, keepsMode: bare.keepsMode, row: bare.row, replacement: bare.replacement };
  if (!allowPrefix) return undefined;
  for (const prefix of settings.rules.providerPrefixes) {
    if (!value.startsWith(prefix)) continue;
    const rest = value.slice(prefix.length);
    const m = migrationOf(rest, settings);
    if (m) return { legacyId: rest, prefix, mode: m.mode, keepsMode: m.keepsMode, row: m.row, replacement: prefix + m.replacement };
  }
  return undefined;
}

/** A prefixed ID no known prefix-routing client receives: what it may be, and what to do if it is DeepSeek's. */
export function unacceptedPrefixMessage(value: string, match: LegacyMatch, clients: string): string {
  if (match.prefix === "openai/") {
    return `"${value}" names "${match.legacyId}" on an OpenAI-compatible route (LiteLLM's openai/ prefix) that ds-migrate could not prove goes to DeepSeek: left as it is. If its base URL is DeepSeek's, change it to "${match.replacement}" and set the thinking mode where it is sent (V4 thinks by default).`;
  }
  return `"${value}" is a provider-prefixed ID that does not reach a client known to read it as DeepSeek's (${clients}): left as it is. If such a client reads it, change it to "${match.replacement}" and set the thinking mode where it is sent; on OpenRouter it is not DeepSeek's API and stays.`;
}

/** `deepseek/deepseek-coder` sent to a client that routes `deepseek/` to DeepSeek's API: a DeepSeek request, whatever the name. */
export function routedToDeepSeek(value: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => p.startsWith("deepseek") && value.startsWith(`${p}deepseek-`));
}

/** A prefixed ID every use of which is a request to another provider's server: that server's name. */
export function relayNameMessage(value: string, uses: Array<{ why: string }>): string {
  return `"${value}" is the model of a request ${uses[0]!.why}: left as it is.`;
}

/**
 * Whether `value` is a V4 ID the retired ID `legacy` can become: any target for the legacy
 * IDs, the Flash name for a retired Flash alias. A pair of two current models
 * (`["deepseek-v4-flash", "deepseek-v4-pro"]`) is a list, not a migration entry.
 */
export function isSuccessorOf(legacy: string, value: string, settings: Settings): boolean {
  const match = matchLegacyId(legacy, settings, true);
  if (!match || value === legacy) return false;
  const targets = settings.rules.targets;
  const allowed = match.row.successor === "flash" ? [targets.flash] : Object.values(targets);
  return allowed.some((t) => value === t || value === match.prefix + t);
}

/** check's severity for an ID still there: error for deprecated IDs, warning for aliases (see src/rules.ts). */
export function matchSeverity(match: LegacyMatch, settings: Settings): "error" | "warning" {
  return statusSeverity(match.row, settings);
}

/** The severity of a finding about several IDs: the most serious of them. */
export function groupSeverity(matches: LegacyMatch[], settings: Settings): "error" | "warning" {
  return matches.some((m) => matchSeverity(m, settings) === "error") ? "error" : "warning";
}

/** The finding for an ID rewritten in place: the deprecated ID with its deadline, or the alias with what serves it. */
export function idRewriteMessage(match: LegacyMatch): { ruleId: string; message: string } {
  const shown = match.prefix + match.legacyId;
  if (match.row.status === "alias") {
    return {
      ruleId: "retired-model-alias",
      message: `"${shown}" is an alias of a retired model (served by ${match.row.servedBy.replace(/ \(.*\)$/, "")} since ${match.row.aliasSince?.slice(0, 10)}) → "${match.replacement}"; the request keeps the thinking mode it states.`,
    };
  }
  const when = match.row.status === "deprecated" ? `deadline ${match.row.deprecated?.slice(0, 10)}` : `retired ${match.row.removal?.slice(0, 10)}`;
  return { ruleId: "legacy-model-id", message: `Legacy model ID "${shown}" → "${match.replacement}" (${when}).` };
}

/** How a match's mode reads in a message: "non-thinking", "thinking", or "the mode its request states". */
export function modeOfMatch(match: LegacyMatch): string {
  return match.keepsMode ? "the mode its request states" : match.mode;
}

export type UrlVerdict =
  | { kind: "canonical" }
  | { kind: "rewrite"; replacement: string; insecure: boolean }
  | { kind: "beta" }
  | { kind: "untouched" };

/** The rewrite adds `/v1` to a base the value did not version: code joining its own path to it may add one too. */
export function addsVersion(value: string, verdict: UrlVerdict): boolean {
  return verdict.kind === "rewrite" && verdict.replacement.includes("/v1") && !value.includes("/v1");
}

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
/** `setting`: the host is a user setting whose default is DeepSeek's URL (`getConfiguration("x").get("endpoint", url)`). */
const TEXT_COMPLETION_URL = /^[^?#]*(?<!\/chat)\/completions\/?(?:[?#]|$)/;

/**
 * A request sent to DeepSeek's text completion endpoint (a URL ending in `/completions`, not
 * `/chat/completions`) takes no thinking field (TEXT_COMPLETION_ADVICE): it is reported instead.
 */
export function textCompletionPass<S extends { host: HostVerdict; pass: PassThrough }>(site: S): S {
  if (site.host.kind === "deepseek" && site.host.textCompletion) site.pass = TEXT_COMPLETION_PASS;
  return site;
}

/** A parameter read by one more request accepts only the prefixes that request accepts too. */
export function narrowPrefixes<B>(byParam: Map<B, string[]>, param: B, prefixes: string[]): void {
  const before = byParam.get(param);
  byParam.set(param, before ? before.filter((p) => prefixes.includes(p)) : [...prefixes]);
}

/** `textCompletion`: the URL is DeepSeek's text completion endpoint (`…/completions`, FIM on /beta), not chat. */
/** `placeholder`: a whole base URL written as a word (`"ENDPOINT"`, `"YOUR_BASE_URL"`) whoever deploys the code replaces. */
/** `setting`: for another server named only as a default, the name read first (`process.env.BASE_URL`). */
export type HostVerdict = { kind: "deepseek"; setting?: string; textCompletion?: boolean } | { kind: "gateway"; url: string; placeholder?: boolean; setting?: string } | { kind: "unknown" };

/** A base URL given whole as a literal: a word that is no URL is a placeholder, not DeepSeek's host. */
export function hostOfBase(settings: Settings, text: string): HostVerdict {
  const host = hostOfText(settings, text);
  return host.kind === "unknown" && /^[\w.-]*$/.test(text.trim()) ? { kind: "gateway", url: text, placeholder: true } : host;
}

/**
 * A request's host proven to be another provider's server (`https://openrouter.ai/api/v1`), whose
 * names are its own: not a placeholder, a setting that may name DeepSeek, or the app's own route
 * (which may hand the name on to a client that routes by prefix).
 */
export function isRelayHost(host: HostVerdict): boolean {
  return host.kind === "gateway" && !host.placeholder && !host.setting && /^https?:\/\//i.test(host.url) && !LOCAL_HOST.test(host.url);
}

// A server on this machine or network is often a proxy (LiteLLM's, the app's own) that hands the name on.
const LOCAL_HOST = /^https?:\/\/(localhost|127\.[\d.]+|0\.0\.0\.0|\[::1\]|host\.docker\.internal|[\w-]+\.local|10\.[\d.]+|192\.168\.[\d.]+)(:\d+)?([/?#]|$)/i;

const MODEL_WORD = /chat_?model|model_?name|model_?id|model|engine|deployment/gi;
const BASE_WORD = /base_?url|api_?base|api_?url|endpoint|host|url/gi;
// Paired with a model name of no prefix or suffix when it is the only one there (a bare `HOST` or `URL` could be anything's).
const BASE_NAME = /(base_?url|api_?base|api_?url|endpoint)$/i;

/**
 * What a setting's name says around its word: `LLM_MODEL` → "LLM|", `modelAI` → "|AI",
 * `llmHost` → "LLM|". The word stands as a whole part of the name (at the start, after a
 * separator or a lower-to-upper case change; before a separator, a capital, a digit or the
 * end), the last such one.
 */
function nameShape(name: string, words: RegExp): string | undefined {
  let found: { start: number; end: number } | undefined;
  for (const m of name.matchAll(words)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = start === 0 || /[_\-.]/.test(name[start - 1]!) || (/[a-z0-9]/.test(name[start - 1]!) && /[A-Z]/.test(name[start]!));
    const after = end === name.length || /[_\-.A-Z0-9]/.test(name[end]!);
    if (before && after) found = { start, end };
  }
  if (!found) return undefined;
  const side = (s: string) => s.replace(/^[_\-.]+|[_\-.]+$/g, "").toUpperCase();
  return `${side(name.slice(0, found.start))}|${side(name.slice(found.end))}`;
}

/**
 * A model setting named beside the base URL setting its client reads, in one .env file, shell
 * block, object, dict, class body, module or config mapping (`LLM_MODEL` with `LLM_BASE_URL`,
 * `modelAI` with `baseURLAI`; a bare `model` with the only base there), when that URL names
 * another server (a local model server, a gateway): that server decides what the name means,
 * so it is reported, not rewritten. `settingsThere` is asked only for a model setting's name: the
 * config readers ask about every value of a file, and most names are no model's.
 */
export function serverBeside(name: string, settingsThere: () => Array<{ name: string; url: string | undefined }>, settings: Settings): { words: string; relay: boolean } | undefined {
  const model = nameShape(name, MODEL_WORD);
  if (model === undefined || nameShape(name, BASE_WORD) !== undefined) return undefined;
  const bases = settingsThere().flatMap((s) => {
    const shape = s.url && /^https?:\/\//i.test(s.url) ? nameShape(s.name, BASE_WORD) : undefined;
    return shape !== undefined ? [{ name: s.name, shape, host: hostOfText(settings, s.url) }] : [];
  });
  const own = bases.filter((b) => b.shape === model);
  const strict = bases.filter((b) => BASE_NAME.test(b.name));
  const paired = own.length > 0 ? own : model === "|" && strict.length === 1 ? strict : [];
  const first = paired[0]?.host;
  if (first?.kind !== "gateway" || !paired.every((b) => b.host.kind === "gateway")) return undefined;
  return { words: `set beside \`${paired[0]!.name}\`, the base URL ${first.url}, which is not DeepSeek's API (that server decides what this name means)`, relay: isRelayHost(first) };
}

/** Where a request with a base URL of another server goes, in words. */
export function gatewayWords(host: { url: string; placeholder?: boolean; setting?: string }): string {
  if (host.placeholder) return `sent to the base URL "${host.url}", a placeholder whoever deploys the code replaces (the server it will name decides what this name means)`;
  if (host.setting) return `sent to the base URL \`${host.setting}\` names when it is set, else to ${host.url}, which is not DeepSeek's API (the server it names decides what this name means)`;
  return `sent to ${host.url}, which is not DeepSeek's API (that server decides what this name means)`;
}

/** The host a URL text names; a path on the app's own server ("/api/chat") is that server, not DeepSeek. */
export function hostOfText(settings: Settings, text: string | undefined): HostVerdict {
  if (!text) return { kind: "unknown" };
  if (classifyUrl(text, settings.rules)) return TEXT_COMPLETION_URL.test(text) ? { kind: "deepseek", textCompletion: true } : { kind: "deepseek" };
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
  // Related places are offsets too: unshifted, a block's group would cite lines of the block, not the file.
  if (f.related) out.related = f.related.map((r) => ({ ...r, start: r.start + by, end: r.end + by }));
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
export function textHits(text: string, settings: Settings): Array<{ start: number; end: number; needle: string }> {
  const { rules } = settings;
  const out: Array<{ start: number; end: number; needle: string }> = [];
  for (const needle of migratingIds(settings)) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
      if (wholeToken(text, i, i + needle.length)) out.push({ start: i, end: i + needle.length, needle });
    }
  }
  for (const needle of rules.hosts) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
      if (!urlNeedsNoUpdate(text, i, rules)) out.push({ start: i, end: i + needle.length, needle });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether free text mentions an ID this run moves on, as a whole token. */
export function mentionsLegacy(text: string, settings: Settings): boolean {
  return migratingIds(settings).some((id) => {
    for (let i = text.indexOf(id); i !== -1; i = text.indexOf(id, i + id.length)) if (wholeToken(text, i, i + id.length)) return true;
    return false;
  });
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
  const ids = v4Ids(settings);
  return ids.includes(value) || prefixes.some((p) => value.startsWith(p) && ids.includes(value.slice(p.length)));
}

/** A table key that names a DeepSeek model, legacy or V4 (a table keyed by model IDs, not by anything else). */
export function isDeepSeekModelKey(key: string | undefined, settings: Settings): boolean {
  return key !== undefined && (!!matchLegacyId(key, settings, true) || isV4Id(key, settings, []));
}

/** The legacy ID every caller in other modules passes to a parameter, as the definition its request takes the mode from. */
export function remoteId(arg: RemoteArg): ImportedId | undefined {
  const at = (arg.definedAt ?? arg.at).match(/^(.*):(\d+):(\d+)$/);
  return arg.legacy && at ? { ...arg.legacy, file: at[1]!, line: Number(at[2]), column: Number(at[3]) } : undefined;
}

/** What a call passes to another module's sink parameter: the value, and what it is when it is a legacy ID. */
export function remoteArg(value: string | null, at: string, settings: Settings): RemoteArg {
  const match = value ? matchLegacyId(value, settings, true) : undefined;
  // A V4 ID passed (after a migration) keeps the request's own mode: the request there still owes one, so `check` sees it.
  if (!match && value && isV4Id(value, settings, [])) return { value, at, legacy: { legacyId: value, mode: "thinking", replacement: value, keepsMode: true } };
  if (!match) return { value, at };
  return { value, at, legacy: { legacyId: match.legacyId, mode: match.mode, replacement: match.replacement, ...(match.keepsMode ? { keepsMode: true } : {}) } };
}

/**
 * Names of settings that hold origins, not base URLs: Content-Security-Policy sources, CORS
 * allowlists, preconnect hints, allowed hosts. An origin with `/v1` appended no longer matches.
 */
export const ORIGIN_NAME = /origin|cors|csp|connect[-_]?src|content[-_]?security|allow(ed)?[-_]?hosts?|allow[-_]?list|white[-_]?list|preconnect|prefetch|trusted[-_]?(hosts?|domains?)|domains/i;

/** A bare host (`https://api.deepseek.com`, a trailing slash at most): the only form that can be an origin. */
export function isBareHostUrl(url: string): boolean {
  return /^https?:\/\/[^/?#]+\/?$/i.test(url);
}

/** The imported callees handed an ID this module could not follow, once each. */
export function calledOf(ctx: { called?: CalledImport[] }): { called?: CalledImport[] } {
  const seen = new Map((ctx.called ?? []).map((c) => [`${c.specifier}\u0000${c.name}\u0000${c.forward ? 1 : 0}`, c]));
  return seen.size > 0 ? { called: [...seen.values()] } : {};
}

/** Another module's ID as a request's source, with its file and line (the JSON report's `sources`). */
export function externalWords(id: ImportedId): string {
  // A V4 ID another module defines stays as it is: no arrow.
  const value = id.replacement === id.legacyId ? `"${id.legacyId}"` : `"${id.legacyId}" → "${id.replacement}"`;
  return `${value} (${id.file}:${id.line})`;
}

/** A source written as an expression, with the other module's ID it names when that is known. */
export function namedSource(text: string, id: ImportedId | undefined): string {
  return id ? `${text} = ${externalWords(id)}` : text;
}

/**
 * Whether a substring test (`"deepseek" in model`, `model.startsWith("gpt")`) answers alike for
 * every deprecated ID and the new one: then it routes by provider and names no model, and the
 * value it tests can move.
 */
export function answersAlike(settings: Settings, sub: string, how: "includes" | "startsWith" | "endsWith"): boolean {
  const ids = [...settings.rules.models.filter((m) => m.status === "deprecated").map((m) => m.id), newModelId(settings)];
  const test = (id: string) => (how === "startsWith" ? id.startsWith(sub) : how === "endsWith" ? id.endsWith(sub) : id.includes(sub));
  return sub.length > 0 && (ids.every(test) || ids.every((id) => !test(id)));
}

/** `deepseek::deepseek-chat`, `DeepSeek|deepseek-reasoner`: DeepSeek named as the vendor, then one ID. */
const VENDOR_SPEC = /^deepseek(::|[:|@=,/])([\w.-]+)$/i;

/**
 * A legacy ID inside a vendor-qualified model spec the code splits at run time
 * (`"deepseek::deepseek-chat"`): the part after the separator may well be sent to DeepSeek, so it is
 * reported as unproven, not as text. Other vendors' names (OpenRouter's `deepseek/deepseek-chat`
 * under `openrouter/`) and prose are left to the text rule.
 */
export function embeddedSpecFinding(value: string, settings: Settings): { severity: RawFinding["severity"]; message: string } | undefined {
  const sql = storedBySql(value, settings);
  if (sql) return sql;
  const m = VENDOR_SPEC.exec(value);
  const match = m ? matchLegacyId(m[2]!, settings, false) : undefined;
  if (!m || !match) return undefined;
  return {
    severity: groupSeverity([match], settings),
    message: `"${value}" holds the legacy ID "${m[2]}" after the vendor name (a model spec the code splits at run time), so ds-migrate cannot prove where it goes: not rewritten. ` +
      `If that part is sent to DeepSeek, change it to "${value.slice(0, value.length - m[2]!.length)}${match.replacement}" and set ${modeSetting(match, settings)} where the request is sent (V4 thinks by default).`,
  };
}

const SQL_WRITE = /\b(insert\s+(or\s+\w+\s+)?into|update\s+\S+\s+set|create\s+table|alter\s+table|default)\b/i;

/**
 * `'deepseek-chat'` quoted inside an SQL statement that stores it (a column default, a row's
 * value): data the app may read back and send as its model. Rows already stored keep it too.
 */
function storedBySql(value: string, settings: Settings): { severity: RawFinding["severity"]; message: string } | undefined {
  if (!SQL_WRITE.test(value)) return undefined;
  const quoted = [...value.matchAll(/'([^'\s]+)'/g)].map((m) => matchLegacyId(m[1]!, settings, true)).find(Boolean);
  if (!quoted) return undefined;
  const shown = quoted.prefix + quoted.legacyId;
  return {
    severity: "warning",
    message: `"${shown}" is stored as data by this SQL statement (a column default or a row's value), so ds-migrate cannot see whether the app reads it back as a model: not rewritten. ` +
      `If it does, change it to '${quoted.replacement}' here, update the rows already stored (UPDATE … SET … = '${quoted.replacement}' WHERE … = '${shown}'), and set ${modeSetting(quoted, settings)} where the request is sent.`,
  };
}

/** A match's mode as advice says to set it, in the configured dialect (or "the thinking mode you want" for an ID that keeps its request's mode). */
export function modeSetting(match: LegacyMatch, settings: Settings): string {
  const d = settings.rules.dialects[settings.dialect];
  return match.keepsMode ? "the thinking mode you want" : `${d.key}: ${JSON.stringify(d.values[match.mode])}`;
}

/**
 * A name that says it holds a model (`model`, `model_id`, `engine`, `llm`, `deployment`): a parameter
 * so named and used as a table's key is worth a sink of its own (ParamSink.lookupKey); any other
 * parameter used as a key would make every caller of every such function a linking candidate.
 */
export const MODEL_NAME = /model|engine|llm|deployment/i;
