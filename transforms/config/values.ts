// What the strings of a config file mean, through the same role model as code: a key,
// a list entry or a name a proxy serves is an identity; a value under a key that names
// the model is a configuration value (rewritten, with where the mode must go); the model
// of a request body is a request (rewritten, with the mode); any other value is unknown
// (reported). The .env, JSON, YAML, TOML and shell readers only find the strings.
import { RULE_IDS, type Edit, type RawFinding, type RawRequest, type RequestMode, type TransformResult } from "../../src/findings.js";
import type { Mode, Settings } from "../../src/rules.js";
import { LineIndex } from "../../src/text.js";
import { classifyUrl, idRewriteMessage, isBareHostUrl, isV4Id, matchLegacyId, matchSeverity, ORIGIN_NAME, serverBeside, textHits } from "../shared.js";
import { passThroughFor } from "../clients.js";
import { implicitModeMessage, urlFinding } from "../review.js";
import { consumerNote, decideRoles, v4ConsumerNote, type Occurrence, type Siblings, type Use } from "../roles.js";

export interface ValueSite {
  value: string;
  /** Span of the value's characters (inside any quotes): the rewrite replaces only these. */
  innerStart: number;
  innerEnd: number;
  /** Span to report (the whole token, quotes included). */
  start: number;
  end: number;
}

/** One string of a config file, with what its place in the file says about it. */
export interface ConfigString extends ValueSite {
  /** key: a mapping key; entry: an item of a list; value: a mapping value (or a .env/shell value). */
  kind: "key" | "entry" | "value";
  /** For values: the key they sit under (undefined for .env and shell: every value is a setting). */
  key?: string;
  /** Shell: the environment variable a `NAME=value` word sets (its values across the script are siblings). */
  envName?: string;
  /** Constructs whose entries must stay distinct. */
  siblings?: Siblings[];
  /**
   * The model of a request body or of a LiteLLM deployment: the mode goes in with these
   * edits ([] when the mode is already stated, undefined when it cannot be added here).
   */
  request?: { mode: (mode: Mode) => Edit[] | undefined };
  /** A name the LiteLLM proxy serves (`model_name`): its clients' name, kept. */
  alias?: boolean;
  /** Provider-prefixed IDs (`deepseek/deepseek-chat`) are read as DeepSeek's here (LiteLLM's `litellm_params.model`). */
  prefixed?: boolean;
  /** Why the role is unknown, when that is what this place says (a bare command argument). */
  unknown?: string;
  /** The unknown use is another provider's own list of models (its names, not DeepSeek's IDs). */
  foreign?: boolean;
  /** Output shown to the reader (an API response or a log record), not a setting: why, in words. */
  output?: string;
  /** Strings that move together whatever their uses (a schema's `enum` and its `default`). */
  bound?: unknown;
  /** A URL here is a request's own target, not a base URL a client extends (`curl -I https://host`): why, in words. */
  target?: string;
}

const OPTION_FIELDS = new Set(["id", "value", "key", "name", "slug", "label"]);

/** Findings (with edits) for every string of a config file: legacy IDs through the role model, URLs, text. */
export function configFindings(src: string, strings: ConfigString[], settings: Settings, where: string, ledger?: RawRequest[]): RawFinding[] {
  const findings: RawFinding[] = [];
  const lines = new LineIndex(src);
  // The mode ledger: request bodies in this file, with how each stands on its mode.
  const record = (s: ConfigString, mode: RequestMode, shown: string) =>
    ledger?.push({ start: s.start, end: s.end, client: "json-body", sources: [`${shown} (line ${lines.position(s.start).line})`], mode });
  const occurrences: Array<{ occ: Occurrence; s: ConfigString }> = [];
  for (const s of strings) {
    if (s.output) {
      findings.push(...textMentions(s.value, s.innerStart, settings, s.output));
      continue;
    }
    const match = matchLegacyId(s.value, settings, !!s.prefixed);
    if (!match && s.request && isV4Id(s.value, settings, s.prefixed ? settings.rules.providerPrefixes : [])) {
      // A request body with a V4 model and no mode thinks: say so (the edits would add it).
      const edits = s.request.mode("non-thinking");
      if (edits && edits.length > 0) findings.push({ ruleId: RULE_IDS.implicitMode, severity: "warning", start: s.start, end: s.end, message: implicitModeMessage(s.value, modeExample(settings)) });
      record(s, edits && edits.length > 0 ? "implicit" : "explicit", `"${s.value}"`);
      continue;
    }
    if (!match && s.kind === "value" && !s.alias && usesOf(s).length === 0 && isV4Id(s.value, settings, s.prefixed ? settings.rules.providerPrefixes : [])) {
      // After a migration the debt stays visible: a V4 setting whose request is elsewhere still owes a mode there.
      findings.push(v4SettingNote(s, settings, where));
      continue;
    }
    if (!match) {
      const prefixed = s.kind !== "key" ? matchLegacyId(s.value, settings, true) : undefined;
      // Another provider's list names its own models: information, nothing to migrate.
      if (prefixed && s.foreign) findings.push({ ruleId: RULE_IDS.idInText, severity: "info", start: s.start, end: s.end, message: `"${s.value}" is ${s.unknown}: left as it is.` });
      else if (prefixed) findings.push(prefixedNote(s, prefixed.replacement));
      else if (s.kind !== "key") findings.push(...urlOrText(s, settings));
      continue;
    }
    if (s.alias) {
      // The proxy's public name: its clients keep asking for it, and the proxy maps it to the migrated deployment.
      findings.push({ ruleId: RULE_IDS.idInText, severity: "info", start: s.start, end: s.end, message: `"${s.value}" is a model name the LiteLLM proxy serves to its clients: kept (the deployment it routes to is what DeepSeek receives).` });
      continue;
    }
    const { line, column } = lines.position(s.start);
    const occ: Occurrence = { start: s.start, end: s.end, line, column, match, position: { kind: "value" }, uses: usesOf(s), siblings: s.siblings ?? [] };
    if (s.bound !== undefined) occ.bound = s.bound;
    occurrences.push({ s, occ });
  }
  const decisions = decideRoles(occurrences.map((o) => o.occ), settings);
  findings.push(...decisions.findings);
  for (const { s, occ } of occurrences) {
    if (decisions.verdict.get(occ) !== "rewrite") {
      if (s.request) record(s, "held", `"${s.value}"`);
      continue;
    }
    const shown = `"${s.value}" → "${occ.match.replacement}"`;
    const { ruleId, message } = idRewriteMessage(occ.match);
    findings.push({ ruleId, severity: matchSeverity(occ.match, settings), start: s.start, end: s.end, message, edits: [{ start: s.innerStart, end: s.innerEnd, text: occ.match.replacement }] });
    if (occ.match.keepsMode && s.request) {
      // An alias keeps the body's mode: only a body that states none is reported (the edits show whether it does).
      const missing = s.request.mode("non-thinking");
      if (missing && missing.length > 0) findings.push({ ruleId: RULE_IDS.implicitMode, severity: "warning", start: s.start, end: s.end, message: implicitModeMessage(occ.match.replacement, modeExample(settings)) });
      record(s, missing && missing.length > 0 ? "implicit" : "explicit", shown);
      continue;
    }
    const edits = s.request ? s.request.mode(occ.match.mode) : undefined;
    if (s.request) record(s, !edits ? "implicit" : edits.length > 0 ? "migrated" : "explicit", shown);
    if (edits && edits.length > 0) {
      findings.push({ ruleId: RULE_IDS.thinkingMode, severity: "info", start: s.start, end: s.end, message: `V4 thinks by default: the request now sets the mode explicitly (${occ.match.mode}).`, edits });
    } else if (!edits) findings.push(consumerNote(occ, settings, s.request ? "next to this model (ds-migrate could not add it here)" : where));
  }
  ledger?.sort((a, b) => a.start - b.start);
  return findings;
}

function usesOf(s: ConfigString): Use[] {
  const at = { start: s.start, end: s.end };
  if (s.kind === "key") return [{ kind: "identity", why: "a key", ...at }];
  // Another provider's model list: its names are that provider's, whatever they look like.
  if (s.unknown) return [{ kind: "unknown", why: s.unknown, ...at }];
  if (s.kind === "entry") return [{ kind: "identity", why: "an entry of a list", ...at }];
  if (s.request) return [{ kind: "request", why: "the model of a request", ...at }];
  // A value in a config file is a setting whose consumer is elsewhere, unless it names an entry.
  if (s.key !== undefined && OPTION_FIELDS.has(s.key) && s.siblings?.some((x) => x.what.startsWith("entries"))) {
    return [{ kind: "identity", why: `the \`${s.key}\` of an entry in a list`, ...at }];
  }
  return [];
}

function v4SettingNote(s: ConfigString, settings: Settings, where: string): RawFinding {
  return v4ConsumerNote(s.value, s, settings, where);
}

function prefixedNote(s: ConfigString, replacement: string): RawFinding {
  return {
    ruleId: RULE_IDS.idInText, severity: "warning", start: s.start, end: s.end,
    message: replacement.startsWith("openai/")
      ? `"${s.value}" names a legacy DeepSeek ID on an OpenAI-compatible route (LiteLLM's openai/ prefix): if the base URL it is sent to is DeepSeek's, change it to "${replacement}" and set the thinking mode.`
      : `"${s.value}" is a provider-prefixed ID: if a client that routes by provider prefix reads it (LiteLLM, DSPy, pydantic-ai, LangChain init_chat_model, Mastra), change it to "${replacement}" and set the thinking mode; on OpenRouter it is not DeepSeek's API and stays.`,
  };
}

function urlOrText(s: ConfigString, settings: Settings): RawFinding[] {
  const url = classifyUrl(s.value, settings.rules);
  if (url && s.target && url.kind === "rewrite" && !url.insecure && isBareHostUrl(s.value)) {
    // No client appends a path to it: adding /v1 would only change what is fetched.
    return [{ ruleId: RULE_IDS.idInText, severity: "info", start: s.start, end: s.end, message: `"${s.value}" is ${s.target}, not a base URL a client extends: left as it is.` }];
  }
  if (url && s.key && ORIGIN_NAME.test(s.key) && url.kind === "rewrite" && !url.insecure && isBareHostUrl(s.value)) {
    return [{ ruleId: RULE_IDS.idInText, severity: "info", start: s.start, end: s.end, message: `"${s.value}" is an origin (under \`${s.key}\`), not a base URL: left as it is.` }];
  }
  if (url) {
    // A config or env value's consumer is the application's code, not seen from here: a bare host is not proven to be an SDK's base.
    const finding = urlFinding(s.value, url, { start: s.start, end: s.end }, { start: s.innerStart, end: s.innerEnd }, undefined, true);
    return finding ? [finding] : [];
  }
  return textMentions(s.value, s.innerStart, settings, "a longer string");
}

/** Information findings for legacy IDs or DeepSeek hosts inside free text (comments, prose). */
export function textMentions(text: string, offset: number, settings: Settings, where: string): RawFinding[] {
  return textHits(text, settings).map((h) => ({
    ruleId: RULE_IDS.idInText, severity: "info" as const, start: offset + h.start, end: offset + h.end,
    message: `"${h.needle}" in ${where}: not rewritten; update the text if it matters.`,
  }));
}

function modeExample(settings: Settings): string {
  const d = settings.rules.dialects[settings.dialect];
  return `"${d.key}": ${JSON.stringify(d.values["non-thinking"])} next to the model`;
}

/** A snippet that does not parse, searched as text: its legacy IDs fail check, hosts are information. */
export function unparsedSnippetFindings(text: string, settings: Settings, message: (needle: string) => string): RawFinding[] {
  return textHits(text, settings).map((h) => {
    const match = matchLegacyId(h.needle, settings, false);
    return { ruleId: RULE_IDS.unparsedFile, severity: match ? matchSeverity(match, settings) : "info" as const, start: h.start, end: h.end, message: message(h.needle) };
  });
}

/** Where a config value's thinking mode goes, in the words of the project's client (transforms/clients.ts). */
export function modeAdviceFor(file: string, settings: Settings): string {
  return `in the request that uses this value (${passThroughFor(file, settings)})`;
}

/** Folders that hold what a program recorded (evaluation results, logs, run outputs), not what it reads. */
const RECORD_FOLDERS = /(^|\/)(results?|outputs?|logs?|runs|history|artifacts|eval[_-]?results)\//i;
/** `eval_full_20260215_230836.json`: a run's timestamp in the file name. */
const TIMESTAMPED = /\d{8}[_-]?\d{6}/;
/** A folder named by an epoch time (`tasks/1767543353021/`), as coding agents file their sessions. */
const EPOCH_FOLDER = /(^|\/)\d{10,13}\//;
/** Session logs of chats and coding agents: `api_conversation_history.json`, `ui_messages.json`, `chat_history.json`. */
const RECORD_NAMES = /^(ui_messages|api_conversation_history|task_metadata|conversations?|(chat[_-]?)?history|transcripts?)(\.|[_-])/i;

/**
 * A data file a program wrote (a results folder, a timestamped run): its IDs record which model
 * ran, so rewriting them would falsify the record. Only information, never rewritten.
 */
export function recordedData(src: string, file: string, settings: Settings): TransformResult | undefined {
  const base = file.slice(file.lastIndexOf("/") + 1);
  if (!RECORD_FOLDERS.test(file) && !EPOCH_FOLDER.test(file) && !TIMESTAMPED.test(base) && !RECORD_NAMES.test(base)) return undefined;
  return { findings: textMentions(src, 0, settings, "a recorded data file (results, logs or a run's output; it says which model ran)") };
}

/**
 * `.env` files and shell blocks: a model variable beside the base URL variable its client reads,
 * when that URL names another server (see serverBeside): reported, not rewritten.
 */
export function markModelsOfOtherServers(vars: Array<{ name: string; s: ConfigString }>, settings: Settings): void {
  const bases = vars.map(({ name, s }) => ({ name, url: s.value }));
  for (const { name, s } of vars) {
    const other = s.unknown ? undefined : serverBeside(name, () => bases, settings);
    if (!other) continue;
    s.unknown = other.words;
    s.foreign = other.relay;
  }
}

/** Why a model under another provider's base URL is not rewritten: that provider names its own models. */
export function otherProviderModel(url: string): string {
  return `the model of an entry whose base URL is ${url}, which is not DeepSeek's API (that provider names its own models)`;
}

/** Keys only a response or a log of one carries: an object holding them is output, not a request or a setting. */
export const OUTPUT_KEYS = new Set(["choices", "usage", "reasoning_content", "system_fingerprint", "finish_reason", "event_type", "response"]);

export function outputWords(): string {
  return "a recorded response or log record (output: it says which model ran)";
}
