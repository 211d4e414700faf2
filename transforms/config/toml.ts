// TOML: string values that are whole legacy IDs or DeepSeek URLs, rewritten inside their
// quotes. toml-eslint-parser gives ranges; comments come with the AST.
import { parseTOML } from "toml-eslint-parser";
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { LineIndex } from "../../src/text.js";
import { configValueFindings, textMentions } from "./values.js";

const QUOTES: Record<string, string> = { basic: '"', literal: "'", "multi-line-basic": '"""', "multi-line-literal": "'''" };

interface TomlNode {
  type: string;
  range: [number, number];
  kind?: string;
  style?: string;
  value?: unknown;
  [key: string]: unknown;
}

export function analyzeToml(src: string, _file: string, settings: Settings): TransformResult {
  let ast: TomlNode & { comments?: Array<{ value: string; range: [number, number] }> };
  try {
    ast = parseTOML(src) as unknown as typeof ast;
  } catch (error) {
    const e = error as { message: string; index?: number };
    const at = new LineIndex(src).position(e.index ?? 0);
    return { findings: [], parseError: { message: e.message.split("\n")[0]!, line: at.line, column: at.column } };
  }
  const findings: RawFinding[] = [];
  walk(ast, (node) => {
    if (node.type !== "TOMLValue" || node.kind !== "string" || typeof node.value !== "string") return;
    const quote = QUOTES[node.style ?? ""] ?? '"';
    const [start, end] = node.range;
    const inner = src.slice(start + quote.length, end - quote.length);
    if (inner !== node.value) return;
    findings.push(...configValueFindings({ value: inner, innerStart: start + quote.length, innerEnd: end - quote.length, start, end }, settings));
  });
  for (const c of ast.comments ?? []) findings.push(...textMentions(src.slice(c.range[0], c.range[1]), c.range[0], settings, "a comment"));
  return { findings };
}

function walk(node: TomlNode, fn: (n: TomlNode) => void): void {
  fn(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || key === "tokens" || key === "comments" || key === "loc" || key === "range") continue;
    if (Array.isArray(value)) for (const v of value) if (v && typeof v === "object" && typeof v.type === "string") walk(v as TomlNode, fn);
    if (value && typeof value === "object" && !Array.isArray(value) && typeof (value as TomlNode).type === "string") walk(value as TomlNode, fn);
  }
}
