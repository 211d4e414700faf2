// JSON and JSON with comments (tsconfig-style): string values that are whole legacy IDs
// or DeepSeek URLs are rewritten in place; an object that is a request body (it has
// "model" and "messages") also gets the thinking key. jsonc-parser gives exact offsets.
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Settings } from "../../src/rules.js";
import { RULE_IDS, type RawFinding, type TransformResult } from "../../src/findings.js";
import { eolOf, LineIndex } from "../../src/text.js";
import { insertionAfter, matchLegacyId } from "../shared.js";
import { configValueFindings, keyFindings, textMentions } from "./values.js";

const JSON_TRAILING_COMMENT = /^\s*(\/\/.*|\/\*.*\*\/\s*)$/;

export function analyzeJson(src: string, _file: string, settings: Settings): TransformResult {
  const errors: ParseError[] = [];
  const root = parseTree(src, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) {
    const at = new LineIndex(src).position(errors[0]?.offset ?? 0);
    return { findings: [], parseError: { message: "invalid JSON", line: at.line, column: at.column } };
  }
  const findings: RawFinding[] = [];
  const bodies = new Set<JsonNode>();
  visit(root, (node) => {
    if (node.type === "object" && requestBodyModel(node)) bodies.add(node);
  });
  for (const body of bodies) findings.push(...addMode(src, body, settings));
  visit(root, (node) => {
    if (node.type !== "string") return;
    if (isKey(node)) {
      findings.push(...keyFindings(node.value as string, node.offset, node.offset + node.length, settings));
      return;
    }
    const consumed = !!node.parent?.parent && bodies.has(node.parent.parent) && node.parent.children?.[0]?.value === "model";
    const raw = src.slice(node.offset, node.offset + node.length);
    if (raw.slice(1, -1) !== node.value) return; // escapes: not a plain ID or URL
    const site = { value: node.value as string, innerStart: node.offset + 1, innerEnd: node.offset + node.length - 1, start: node.offset, end: node.offset + node.length };
    const found = configValueFindings(site, settings, { consumedByRequest: consumed, where: "in the request that uses this value" });
    findings.push(...(found.length > 0 ? found : textMentions(node.value as string, node.offset + 1, settings, "a longer string")));
  });
  return { findings };
}

function visit(node: JsonNode, fn: (n: JsonNode) => void): void {
  fn(node);
  for (const child of node.children ?? []) visit(child, fn);
}

function isKey(node: JsonNode): boolean {
  return node.parent?.type === "property" && node.parent.children?.[0] === node;
}

function property(obj: JsonNode, key: string): JsonNode | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === key);
}

function requestBodyModel(obj: JsonNode): JsonNode | undefined {
  const model = property(obj, "model");
  return model && (property(obj, "messages") || property(obj, "prompt")) ? model : undefined;
}

/** `"thinking": {...}` after "model" in a request body, unless a mode is already there. */
function addMode(src: string, body: JsonNode, settings: Settings): RawFinding[] {
  const model = requestBodyModel(body)!;
  const value = model.children?.[1];
  const legacy = typeof value?.value === "string" ? matchLegacyId(value.value, settings, false) : undefined;
  if (!legacy || property(body, "thinking") || property(body, "thinking_mode")) return [];
  const d = settings.rules.dialects[settings.dialect];
  const text = `"${d.key}": ${JSON.stringify(d.values[legacy.mode]).replace(/":/g, '": ').replace(/,"/g, ', "')}`;
  const edits = insertionAfter(src, { containerStart: body.offset, itemStart: model.offset, itemEnd: model.offset + model.length }, text, eolOf(src), JSON_TRAILING_COMMENT);
  return [{ ruleId: RULE_IDS.thinkingMode, severity: "info", start: model.offset, end: model.offset + model.length, message: `V4 thinks by default: this request body now sets the mode explicitly (${legacy.mode}).`, edits }];
}
