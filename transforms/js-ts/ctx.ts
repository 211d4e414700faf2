// The state one JS/TS analysis carries, and the small helpers every part of it uses.
import type { Settings } from "../../src/rules.js";
import type { CalledImport, Edit, ModuleLinks, RawFinding } from "../../src/findings.js";
import { insertionAfter } from "../shared.js";
import type { Node, Parsed } from "./ast.js";
import type { Requests } from "./requests.js";
import type { Scope } from "./resolve.js";

export interface Ctx {
  src: string;
  file: string;
  settings: Settings;
  parsed: Parsed;
  scope: Scope;
  requests: Requests;
  ts: boolean;
  quote: string;
  eol: string;
  findings: RawFinding[];
  links?: ModuleLinks;
  /** Imported callees handed a value this module could not follow (see FlowCtx). */
  called?: CalledImport[];
}

const JS_TRAILING_COMMENT = /^\s*(\/\/.*|\/\*.*\*\/\s*)$/;

export function addFinding(ctx: Ctx, node: { start: number; end: number }, ruleId: string, severity: RawFinding["severity"], message: string, edits?: Edit[]): void {
  ctx.findings.push(edits ? { ruleId, severity, start: node.start, end: node.end, message, edits } : { ruleId, severity, start: node.start, end: node.end, message });
}

export function insertAfterProp(ctx: Ctx, obj: Node, prop: Node, text: string): Edit[] {
  return insertionAfter(ctx.src, { containerStart: obj.start, itemStart: prop.start, itemEnd: prop.end }, text, ctx.eol, JS_TRAILING_COMMENT);
}

/** Add `text` as the last property of an object literal (`{}` included). */
export function insertIntoObject(ctx: Ctx, obj: Node, text: string): Edit[] {
  const last = obj.properties[obj.properties.length - 1];
  if (!last) return [{ start: obj.start + 1, end: obj.end - 1, text: ` ${text} ` }];
  return insertAfterProp(ctx, obj, last, text);
}
