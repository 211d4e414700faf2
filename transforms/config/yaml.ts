// YAML: every string scalar is given its place (a key, a sequence entry, a value under a
// key) and the role model decides; a mapping that is a request body (model + messages)
// or a LiteLLM deployment (`litellm_params`) also gets the mode, in the mapping's own
// style. Quotes, comments and layout stay; positions come from `yaml`.
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { STATED_MODE_KEYS, type Mode, type Settings } from "../../src/rules.js";
import type { Edit, RawFinding, RawRequest, TransformResult } from "../../src/findings.js";
import { eolOf, indentAt, LineIndex } from "../../src/text.js";
import { hostOfText, insertionAfter, isRelayHost, serverBeside } from "../shared.js";
import type { Siblings } from "../roles.js";
import { configFindings, modeAdviceFor, otherProviderModel, recordedData, textMentions, type ConfigString } from "./values.js";

const YAML_TRAILING_COMMENT = /^\s*#.*$/;
const OPTION_FIELDS = new Set(["id", "value", "key", "name", "slug", "label"]);
const MODEL_KEY = /model|engine|deployment|llm/i;

export function analyzeYaml(src: string, file: string, settings: Settings): TransformResult {
  const recorded = recordedData(src, file, settings);
  if (recorded) return recorded;
  const doc = parseDocument(src, { keepSourceTokens: true });
  if (doc.errors.length > 0) {
    const at = new LineIndex(src).position(doc.errors[0]!.pos[0]);
    return { findings: [], parseError: { message: doc.errors[0]!.code.toLowerCase().replace(/_/g, " "), line: at.line, column: at.column } };
  }
  const strings: ConfigString[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (typeof node.value !== "string" || !node.range) return;
      const [start, end] = node.range;
      const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
      if (!quoted && node.type !== "PLAIN") return;
      const raw = src.slice(start, end);
      const inner = quoted ? raw.slice(1, -1) : raw;
      if (inner !== node.value) return; // escapes or folding: not a plain ID or URL
      const site = { value: inner, innerStart: start + (quoted ? 1 : 0), innerEnd: end - (quoted ? 1 : 0), start, end };
      strings.push(environmentEntry(site, path, settings) ?? { ...site, ...placeOf(src, key, node, path, settings) });
    },
  });
  const requests: RawRequest[] = [];
  const findings: RawFinding[] = configFindings(src, strings, settings, modeAdviceFor(file, settings), requests);
  findings.push(...commentMentions(src, settings));
  return { findings, ...(requests.length > 0 ? { requests } : {}) };
}

type Path = readonly unknown[];

/**
 * docker-compose `environment:` (and build `args:`) lists hold `NAME=value` strings: the value
 * is a setting, as in a .env file.
 */
function environmentEntry(site: { value: string; innerStart: number; innerEnd: number }, path: Path, settings: Settings): ConfigString | undefined {
  const holder = path[path.length - 2];
  const list = path[path.length - 1];
  if (!isSeq(list) || !isPair(holder) || !["environment", "args"].includes(String(keyOf(holder as Pair)))) return undefined;
  const m = ENV_ENTRY.exec(site.value);
  if (!m) return undefined;
  const innerStart = site.innerStart + m[1]!.length + 1;
  const out: ConfigString = { kind: "value", value: m[2]!, innerStart, innerEnd: site.innerEnd, start: innerStart, end: site.innerEnd };
  // `- LLM_MODEL=…` under `- LLM_BASE_URL=http://vllm:8000/v1`: that server's name.
  const entries = () => (list as YAMLSeq).items.flatMap((item) => {
    const e = isScalar(item) && typeof item.value === "string" ? ENV_ENTRY.exec(item.value) : undefined;
    return e ? [{ name: e[1]!, url: e[2]! }] : [];
  });
  const other = serverBeside(m[1]!, entries, settings);
  return other ? { ...out, unknown: other.words, foreign: other.relay } : out;
}

const ENV_ENTRY = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function keyOf(p: Pair): unknown {
  return isScalar(p.key) ? p.key.value : undefined;
}

function stringsOf(nodes: unknown[]): string[] {
  return nodes.filter((n): n is Scalar => isScalar(n) && typeof n.value === "string").map((n) => n.value as string);
}

function placeOf(src: string, key: unknown, node: Scalar, path: Path, settings: Settings): Omit<ConfigString, keyof import("./values.js").ValueSite> {
  const parent = path[path.length - 1];
  if (isSeq(parent)) {
    const entry: Omit<ConfigString, keyof import("./values.js").ValueSite> = { kind: "entry", siblings: [{ key: parent, what: "entries of a list", values: stringsOf((parent as YAMLSeq).items) }] };
    const enumPair = path[path.length - 2];
    if (isPair(enumPair) && keyOf(enumPair as Pair) === "enum") entry.bound = path[path.length - 3];
    const elsewhere = isPair(enumPair) && MODEL_KEY.test(String(keyOf(enumPair as Pair))) ? otherHost(path, settings) : undefined;
    // Another provider's list: its entries are its names, not ours to collide or rewrite.
    if (elsewhere) return { kind: "value", unknown: otherProviderModel(elsewhere), foreign: isRelayHost({ kind: "gateway", url: elsewhere }) };
    return entry;
  }
  if (!isPair(parent)) return { kind: "value" };
  const map = path[path.length - 2] as YAMLMap;
  const pairs = isMap(map) ? map.items : [];
  if (key === "key") return { kind: "key", siblings: [{ key: map, what: "keys of one mapping", values: stringsOf(pairs.map((p) => p.key)) }] };
  const name = String(keyOf(parent as Pair) ?? "");
  const out: Omit<ConfigString, keyof import("./values.js").ValueSite> = { kind: "value", key: name, siblings: siblingsOf(map, name, path) };
  const holderPair = path[path.length - 3];
  // A schema's `default` must stay one of its `enum`.
  if (name === "default" && pairs.some((p) => keyOf(p) === "enum")) out.bound = map;
  if (name === "model_name" && pairs.some((p) => keyOf(p) === "litellm_params")) out.alias = true;
  if (name === "model" && isPair(holderPair) && keyOf(holderPair as Pair) === "litellm_params") {
    out.prefixed = true;
    out.request = { mode: (mode) => modeEdits(src, map, parent as Pair, node, settings, mode, "extra_body") };
  } else if (name === "model" && pairs.some((p) => keyOf(p) === "messages" || keyOf(p) === "prompt")) {
    out.request = { mode: (mode) => modeEdits(src, map, parent as Pair, node, settings, mode) };
  }
  const elsewhere = MODEL_KEY.test(name) ? otherHost(path, settings) : undefined;
  if (elsewhere) Object.assign(out, { unknown: otherProviderModel(elsewhere), foreign: isRelayHost({ kind: "gateway", url: elsewhere }) });
  // `LLM_MODEL:` beside `LLM_BASE_URL: http://ollama:11434/v1` (a compose `environment:` mapping, a settings block).
  const beside = elsewhere ? undefined : serverBeside(name, () => pairs.map((p) => ({ name: String(keyOf(p)), url: isScalar(p.value) && typeof p.value.value === "string" ? p.value.value : undefined })), settings);
  if (beside) Object.assign(out, { unknown: beside.words, foreign: beside.relay });
  return out;
}

const BASE_KEY = /^(base_?url|api_?base|api_?url|endpoint|host)$/i;

/** A base URL in a mapping holding the value that names another provider's server (a gateway's model list). */
function otherHost(path: Path, settings: Settings): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const map = path[i];
    if (!isMap(map)) continue;
    for (const p of map.items) {
      const url = isScalar(p.value) ? p.value.value : undefined;
      if (!BASE_KEY.test(String(keyOf(p))) || typeof url !== "string" || !/^https?:\/\//i.test(url)) continue;
      const host = hostOfText(settings, url);
      if (host.kind === "gateway") return host.url;
      if (host.kind === "deepseek") return undefined;
    }
  }
  return undefined;
}


function siblingsOf(map: YAMLMap, name: string, path: Path): Siblings[] {
  const seq = path[path.length - 3];
  if (OPTION_FIELDS.has(name) && isSeq(seq)) {
    const values = (seq as YAMLSeq).items.map((item) => (isMap(item) ? item.items.find((p) => keyOf(p) === name)?.value : undefined));
    return [{ key: `${(seq as YAMLSeq).range?.[0]}:${name}`, what: `entries of a list of options (their "${name}")`, values: stringsOf(values) }];
  }
  if (!MODEL_KEY.test(name)) return [{ key: map, what: "values of one mapping", values: stringsOf(map.items.map((p) => p.value)) }];
  return [];
}

/** `thinking: {type: disabled}` (or `extra_body: {...}` for a LiteLLM deployment) after the model pair, in the map's own style. */
function modeEdits(src: string, map: YAMLMap, model: Pair, value: Scalar, settings: Settings, mode: Mode, wrapper?: string): Edit[] | undefined {
  const holder = wrapper ? map.items.find((p) => keyOf(p) === wrapper)?.value : map;
  if (isMap(holder) && holder.items.some((p) => STATED_MODE_KEYS.includes(String(keyOf(p))))) return [];
  if (wrapper && holder) return undefined; // an existing extra_body: say where the mode goes
  const d = settings.rules.dialects[settings.dialect];
  const m = d.values[mode];
  const entry = `${d.key}: ${typeof m === "string" ? m : `{type: ${(m as { type: string }).type}}`}`;
  const text = wrapper ? `${wrapper}: {${entry}}` : entry;
  const keyStart = (model.key as Scalar).range![0];
  if (map.flow) return insertionAfter(src, { containerStart: map.range![0], itemStart: keyStart, itemEnd: value.range![1] }, text, eolOf(src), YAML_TRAILING_COMMENT);
  let lineEnd = src.indexOf("\n", value.range![1]);
  if (lineEnd === -1) lineEnd = src.length;
  if (src[lineEnd - 1] === "\r") lineEnd--;
  return [{ start: lineEnd, end: lineEnd, text: `${eolOf(src)}${indentAt(src, keyStart)}${text}` }];
}

/** YAML comments are not in the document tree: find `#` comments line by line. */
function commentMentions(src: string, settings: Settings): RawFinding[] {
  const out: RawFinding[] = [];
  let offset = 0;
  for (const line of src.split("\n")) {
    const hash = line.search(/(^|\s)#/);
    if (hash !== -1 && !/["']/.test(line.slice(0, hash))) out.push(...textMentions(line.slice(hash), offset + hash, settings, "a comment"));
    offset += line.length + 1;
  }
  return out;
}
