// TOML: every string value and every key is given its place (a key, an array entry, a
// value under a key) and the role model decides. toml-eslint-parser gives ranges;
// comments come with the AST.
import { parseTOML } from "toml-eslint-parser";
import type { Settings } from "../../src/rules.js";
import type { RawFinding, TransformResult } from "../../src/findings.js";
import { LineIndex } from "../../src/text.js";
import { configFindings, modeAdviceFor, textMentions, type ConfigString } from "./values.js";
import { serverBeside } from "../shared.js";

const QUOTES: Record<string, string> = { basic: '"', literal: "'", "multi-line-basic": '"""', "multi-line-literal": "'''" };

interface TomlNode {
  type: string;
  range: [number, number];
  kind?: string;
  style?: string;
  value?: unknown;
  name?: string;
  parent?: TomlNode;
  [key: string]: unknown;
}

export function analyzeToml(src: string, file: string, settings: Settings): TransformResult {
  let ast: TomlNode & { comments?: Array<{ value: string; range: [number, number] }> };
  try {
    ast = parseTOML(src) as unknown as typeof ast;
  } catch (error) {
    const e = error as { message: string; index?: number };
    const at = new LineIndex(src).position(e.index ?? 0);
    return { findings: [], parseError: { message: e.message.split("\n")[0]!, line: at.line, column: at.column } };
  }
  const strings: ConfigString[] = [];
  walk(ast, (node) => {
    if (node.type === "TOMLKeyValue") {
      const parts = (node.key as { keys: TomlNode[] }).keys;
      const last = parts[parts.length - 1]!;
      const name = last.name ?? (typeof last.value === "string" ? last.value : undefined);
      const quote = last.type === "TOMLQuoted" ? src[last.range[0]]! : "";
      if (name !== undefined) strings.push({ kind: "key", value: name, innerStart: last.range[0] + quote.length, innerEnd: last.range[1] - quote.length, start: last.range[0], end: last.range[1] });
      return;
    }
    if (node.type !== "TOMLValue" || node.kind !== "string" || typeof node.value !== "string") return;
    const quote = QUOTES[node.style ?? ""] ?? '"';
    const [start, end] = node.range;
    const inner = src.slice(start + quote.length, end - quote.length);
    if (inner !== node.value) return;
    const site = { value: inner, innerStart: start + quote.length, innerEnd: end - quote.length, start, end };
    const parent = node.parent;
    if (parent?.type === "TOMLArray") {
      const values = (parent.elements as TomlNode[]).filter((e) => typeof e.value === "string").map((e) => e.value as string);
      strings.push({ ...site, kind: "entry", siblings: [{ key: parent, what: "entries of an array", values }] });
    } else if (parent?.type === "TOMLKeyValue") {
      const key = keyName(parent);
      // `model = "…"` beside `base_url = "http://localhost:8000/v1"` in one table: that server's name.
      const table = parent.parent?.body as TomlNode[] | undefined;
      const pairs = () => (table ?? []).filter((kv) => kv.type === "TOMLKeyValue").map((kv) => ({ name: keyName(kv), url: typeof (kv.value as TomlNode | undefined)?.value === "string" ? ((kv.value as TomlNode).value as string) : undefined }));
      const other = serverBeside(key, pairs, settings);
      strings.push({ ...site, kind: "value", key, ...(other ? { unknown: other.words, foreign: other.relay } : {}) });
    } else strings.push({ ...site, kind: "value" });
  });
  const findings: RawFinding[] = configFindings(src, strings, settings, modeAdviceFor(file, settings));
  for (const c of ast.comments ?? []) findings.push(...textMentions(src.slice(c.range[0], c.range[1]), c.range[0], settings, "a comment"));
  return { findings };
}

/** A key-value's own key (the last part of a dotted key). */
function keyName(kv: TomlNode): string {
  const parts = (kv.key as { keys: TomlNode[] }).keys;
  const last = parts[parts.length - 1]!;
  return last.name ?? String(last.value ?? "");
}

function walk(node: TomlNode, fn: (n: TomlNode) => void): void {
  fn(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || key === "tokens" || key === "comments" || key === "loc" || key === "range") continue;
    if (Array.isArray(value)) for (const v of value) if (v && typeof v === "object" && typeof v.type === "string") walk(v as TomlNode, fn);
    if (value && typeof value === "object" && !Array.isArray(value) && typeof (value as TomlNode).type === "string") walk(value as TomlNode, fn);
  }
}
