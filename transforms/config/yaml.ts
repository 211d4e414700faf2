// YAML: scalar values that are whole legacy IDs or DeepSeek URLs are rewritten inside
// their quotes (or as plain scalars), comments and layout untouched; a mapping that is a
// request body (model + messages) gets the thinking key. Positions come from `yaml`.
import { isMap, isScalar, parseDocument, visit, type Pair, type Scalar, type YAMLMap } from "yaml";
import type { Settings } from "../../src/rules.js";
import { RULE_IDS, type Edit, type RawFinding, type TransformResult } from "../../src/findings.js";
import { eolOf, indentAt, LineIndex } from "../../src/text.js";
import { insertionAfter, matchLegacyId } from "../shared.js";
import { configValueFindings, keyFindings, textMentions } from "./values.js";

const YAML_TRAILING_COMMENT = /^\s*#.*$/;

export function analyzeYaml(src: string, _file: string, settings: Settings): TransformResult {
  const doc = parseDocument(src, { keepSourceTokens: true });
  if (doc.errors.length > 0) {
    const at = new LineIndex(src).position(doc.errors[0]!.pos[0]);
    return { findings: [], parseError: { message: doc.errors[0]!.code.toLowerCase().replace(/_/g, " "), line: at.line, column: at.column } };
  }
  const findings: RawFinding[] = [];
  const consumed = new Set<Scalar>();
  visit(doc, {
    Map(_key, map) {
      const model = bodyModel(map as YAMLMap);
      if (!model) return;
      const edits = modeEdits(src, map as YAMLMap, model, settings);
      if (edits.length === 0) return;
      consumed.add(model.value as Scalar);
      const value = model.value as Scalar;
      findings.push({ ruleId: RULE_IDS.thinkingMode, severity: "info", start: value.range![0], end: value.range![1], message: "V4 thinks by default: this request body now sets the mode explicitly.", edits });
    },
    Scalar(key, node) {
      if (typeof node.value !== "string" || !node.range) return;
      const [start, end] = node.range;
      if (key === "key") {
        findings.push(...keyFindings(node.value, start, end, settings));
        return;
      }
      const raw = src.slice(start, end);
      const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
      if (!quoted && node.type !== "PLAIN") return;
      const inner = quoted ? raw.slice(1, -1) : raw;
      if (inner !== node.value) return; // escapes or folding: not a plain ID or URL
      const site = { value: inner, innerStart: start + (quoted ? 1 : 0), innerEnd: end - (quoted ? 1 : 0), start, end };
      const found = configValueFindings(site, settings, { consumedByRequest: consumed.has(node), where: "in the request that uses this value" });
      findings.push(...(found.length > 0 ? found : textMentions(inner, site.innerStart, settings, "a longer string")));
    },
  });
  findings.push(...commentMentions(src, settings));
  return { findings };
}

function bodyModel(map: YAMLMap): Pair | undefined {
  const keyOf = (p: Pair) => (isScalar(p.key) ? p.key.value : undefined);
  const model = map.items.find((p) => keyOf(p) === "model");
  const isBody = !!model && map.items.some((p) => keyOf(p) === "messages" || keyOf(p) === "prompt");
  const hasMode = map.items.some((p) => keyOf(p) === "thinking" || keyOf(p) === "thinking_mode");
  return isBody && !hasMode && isScalar(model!.value) ? model : undefined;
}

/** `thinking: {type: disabled}` after the model pair, in the map's own style. */
function modeEdits(src: string, map: YAMLMap, model: Pair, settings: Settings): Edit[] {
  const value = model.value as Scalar;
  const legacy = typeof value.value === "string" ? matchLegacyId(value.value, settings, false) : undefined;
  if (!legacy || !isMap(map) || !value.range || !(model.key as Scalar).range) return [];
  const d = settings.rules.dialects[settings.dialect];
  const mode = d.values[legacy.mode];
  const text = `${d.key}: ${typeof mode === "string" ? mode : `{type: ${(mode as { type: string }).type}}`}`;
  const keyStart = (model.key as Scalar).range![0];
  if (map.flow) return insertionAfter(src, { containerStart: map.range![0], itemStart: keyStart, itemEnd: value.range[1] }, text, eolOf(src), YAML_TRAILING_COMMENT);
  let lineEnd = src.indexOf("\n", value.range[1]);
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
