// JSON and JSON with comments (tsconfig-style): every string is given its place (a key,
// a list entry, a value under a key) and the role model decides; an object that is a
// request body ("model" and "messages") or a LiteLLM deployment also gets the mode.
// jsonc-parser gives exact offsets.
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { STATED_MODE_KEYS, type Mode, type Settings } from "../../src/rules.js";
import type { Edit, RawRequest, TransformResult } from "../../src/findings.js";
import { eolOf, LineIndex } from "../../src/text.js";
import { hostOfText, insertionAfter, isRelayHost, serverBeside } from "../shared.js";
import type { Siblings } from "../roles.js";
import { configFindings, modeAdviceFor, otherProviderModel, OUTPUT_KEYS, outputWords, recordedData, type ConfigString } from "./values.js";

const JSON_TRAILING_COMMENT = /^\s*(\/\/.*|\/\*.*\*\/\s*)$/;
const OPTION_FIELDS = new Set(["id", "value", "key", "name", "slug", "label"]);
const MODEL_KEY = /model|engine|deployment|llm/i;

export function analyzeJson(src: string, file: string, settings: Settings): TransformResult {
  const recorded = recordedData(src, file, settings);
  if (recorded) return recorded;
  const errors: ParseError[] = [];
  const root = parseTree(src, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) {
    const at = new LineIndex(src).position(errors[0]?.offset ?? 0);
    return { findings: [], parseError: { message: "invalid JSON", line: at.line, column: at.column } };
  }
  const strings: ConfigString[] = [];
  visit(root, (node) => {
    if (node.type !== "string") return;
    const raw = src.slice(node.offset, node.offset + node.length);
    if (raw.slice(1, -1) !== node.value) return; // escapes: not a plain ID or URL
    const site = { value: node.value as string, innerStart: node.offset + 1, innerEnd: node.offset + node.length - 1, start: node.offset, end: node.offset + node.length };
    strings.push({ ...site, ...placeOf(src, node, settings) });
  });
  const requests: RawRequest[] = [];
  const findings = configFindings(src, strings, settings, modeAdviceFor(file, settings), requests);
  return { findings, ...(requests.length > 0 ? { requests } : {}) };
}

function visit(node: JsonNode, fn: (n: JsonNode) => void): void {
  fn(node);
  for (const child of node.children ?? []) visit(child, fn);
}

function property(obj: JsonNode, key: string): JsonNode | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === key);
}

function stringsOf(nodes: Array<JsonNode | undefined>): string[] {
  return nodes.filter((n): n is JsonNode => n?.type === "string").map((n) => n.value as string);
}

/** Where a string stands, and what that says about it. */
function placeOf(src: string, node: JsonNode, settings: Settings): Omit<ConfigString, keyof import("./values.js").ValueSite> {
  const parent = node.parent;
  // A document that is one string (`"deepseek-chat"`): a value with no key or siblings.
  if (!parent) return { kind: "value" };
  if (parent.type === "array") {
    const entry: Omit<ConfigString, keyof import("./values.js").ValueSite> = { kind: "entry", siblings: [{ key: parent, what: "entries of a list", values: stringsOf(parent.children ?? []) }] };
    const schema = parent.parent?.type === "property" && parent.parent.children?.[0]?.value === "enum" ? parent.parent.parent : undefined;
    if (schema) entry.bound = schema;
    const listKey = parent.parent?.type === "property" ? parent.parent.children?.[0]?.value : undefined;
    const elsewhere = typeof listKey === "string" && MODEL_KEY.test(listKey) ? otherHost(parent.parent?.parent, settings) : undefined;
    // Another provider's list: its entries are its names, not ours to collide or rewrite.
    if (elsewhere) return { kind: "value", unknown: otherProviderModel(elsewhere), foreign: isRelayHost({ kind: "gateway", url: elsewhere }) };
    return entry;
  }
  if (parent.type !== "property") return { kind: "value" };
  const obj = parent.parent!;
  const key = parent.children![0]!.value as string;
  if (parent.children![0] === node) return { kind: "key", siblings: [{ key: obj, what: "keys of one object", values: stringsOf((obj.children ?? []).map((p) => p.children?.[0])) }] };
  const out: Omit<ConfigString, keyof import("./values.js").ValueSite> = { kind: "value", key, siblings: siblingsOf(obj, key) };
  // A JSON Schema `default` must stay one of its `enum` (a VS Code setting, an OpenAPI field).
  if (key === "default" && property(obj, "enum")) out.bound = obj;
  if (key === "model_name" && liteLlmParams(obj)) out.alias = true;
  if (key === "model" && obj.parent?.type === "property" && obj.parent.children?.[0]?.value === "litellm_params") {
    out.prefixed = true;
    out.request = { mode: (mode) => modeEdits(src, obj, parent, settings, mode, "extra_body") };
  } else if (key === "model" && (property(obj, "messages") || property(obj, "prompt"))) {
    out.request = { mode: (mode) => modeEdits(src, obj, parent, settings, mode) };
  }
  const keys = (obj.children ?? []).map((p) => p.children?.[0]?.value);
  if (key === "model" && !out.request && (keys.some((k) => OUTPUT_KEYS.has(k)) || property(obj, "object")?.children?.[1]?.value === "chat.completion")) out.output = outputWords();
  const elsewhere = MODEL_KEY.test(key) ? otherHost(obj, settings) : undefined;
  // `"LLM_MODEL"` beside `"LLM_BASE_URL": "http://localhost:8000/v1"` in one object.
  const beside = elsewhere ? undefined : serverBeside(key, () => (obj.children ?? []).map((p) => ({ name: String(p.children?.[0]?.value ?? ""), url: p.children?.[1]?.type === "string" ? (p.children[1].value as string) : undefined })), settings);
  if (elsewhere) Object.assign(out, { unknown: otherProviderModel(elsewhere), foreign: isRelayHost({ kind: "gateway", url: elsewhere }) });
  else if (beside) Object.assign(out, { unknown: beside.words, foreign: beside.relay });
  else if (CATALOG_ID_KEYS.has(key) && catalogRecord(keys)) Object.assign(out, { unknown: CATALOG_RECORD, foreign: true });
  return out;
}

// OpenRouter's model list (`GET /api/v1/models`), kept as a cache: each record names its model by
// `id` next to these fields. The names are OpenRouter's, and the file is that service's data.
const CATALOG_ID_KEYS = new Set(["id", "canonical_slug", "slug"]);
const CATALOG_FIELDS = ["canonical_slug", "pricing", "context_length", "architecture", "top_provider", "supported_parameters", "per_request_limits"];
const CATALOG_RECORD = "a record of a provider's model catalog (OpenRouter's model list: that service names its own models)";

function catalogRecord(keys: unknown[]): boolean {
  return CATALOG_FIELDS.filter((k) => keys.includes(k)).length >= 2;
}

const BASE_KEY = /^(base_?url|api_?base|api_?url|endpoint|host)$/i;

/** A base URL on the entry or an object holding it that names another provider's server (a gateway's model list). */
function otherHost(obj: JsonNode | undefined, settings: Settings): string | undefined {
  for (let o = obj; o; o = o.parent) {
    if (o.type !== "object") continue;
    for (const p of o.children ?? []) {
      const [k, v] = p.children ?? [];
      if (typeof k?.value !== "string" || !BASE_KEY.test(k.value) || v?.type !== "string" || !/^https?:\/\//i.test(v.value as string)) continue;
      const host = hostOfText(settings, v.value as string);
      if (host.kind === "gateway") return host.url;
      if (host.kind === "deepseek") return undefined;
    }
  }
  return undefined;
}

function liteLlmParams(obj: JsonNode): JsonNode | undefined {
  const p = property(obj, "litellm_params")?.children?.[1];
  return p?.type === "object" ? p : undefined;
}

function siblingsOf(obj: JsonNode, key: string): Siblings[] {
  const holder = obj.parent;
  if (OPTION_FIELDS.has(key) && holder?.type === "array") {
    return [{ key: `${holder.offset}:${key}`, what: `entries of a list of options (their "${key}")`, values: stringsOf((holder.children ?? []).map((o) => property(o, key)?.children?.[1])) }];
  }
  if (!MODEL_KEY.test(key)) return [{ key: obj, what: "values of one object", values: stringsOf((obj.children ?? []).map((p) => p.children?.[1])) }];
  return [];
}

/** `"thinking": {...}` after "model" in a request body (or `"extra_body": {...}` for a LiteLLM deployment), unless a mode is there. */
function modeEdits(src: string, body: JsonNode, model: JsonNode, settings: Settings, mode: Mode, wrapper?: string): Edit[] {
  const holder = wrapper ? property(body, wrapper)?.children?.[1] : body;
  if (holder?.type === "object" && STATED_MODE_KEYS.some((k) => property(holder, k))) return [];
  const d = settings.rules.dialects[settings.dialect];
  const entry = `"${d.key}": ${JSON.stringify(d.values[mode]).replace(/":/g, '": ').replace(/,"/g, ', "')}`;
  if (wrapper && holder) {
    // An existing extra_body: the mode joins it as its last entry.
    const last = holder.children?.at(-1);
    if (holder.type !== "object") return [];
    if (!last) return [{ start: holder.offset + 1, end: holder.offset + holder.length - 1, text: entry }];
    return insertionAfter(src, { containerStart: holder.offset, itemStart: last.offset, itemEnd: last.offset + last.length }, entry, eolOf(src), JSON_TRAILING_COMMENT);
  }
  const text = wrapper ? `"${wrapper}": {${entry}}` : entry;
  return insertionAfter(src, { containerStart: body.offset, itemStart: model.offset, itemEnd: model.offset + model.length }, text, eolOf(src), JSON_TRAILING_COMMENT);
}
