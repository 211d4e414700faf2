// Python syntax through @lezer/python: its tree turned into plain nodes with parents,
// plus the few readers the transform needs (strings, keyword arguments, dict entries).
import { parser } from "@lezer/python";
import { nestedTooDeep, standIns } from "./standins.js";

export interface PyNode {
  name: string;
  from: number;
  to: number;
  children: PyNode[];
  parent?: PyNode;
}

export interface PyParsed {
  root: PyNode;
  all: PyNode[];
  comments: PyNode[];
  /** Offset of the first syntax error, if any. */
  errorAt?: number;
  errorMessage?: string;
}

export function parsePython(src: string): PyParsed {
  const parsed = build(src, src);
  if (parsed.errorAt === undefined) return parsed;
  // Valid Python lezer rejects: parsed again through same-length stand-ins; a real error keeps the first report.
  const again = build(src, standIns(src));
  if (again.errorAt === undefined) return again;
  const deep = nestedTooDeep(src);
  return deep === undefined ? parsed : { root: parsed.root, all: [], comments: [], errorAt: deep, errorMessage: "nesting too deep to parse" };
}

function build(src: string, text: string): PyParsed {
  const tree = parser.parse(text);
  const root: PyNode = { name: "Script", from: 0, to: src.length, children: [] };
  const all: PyNode[] = [];
  const comments: PyNode[] = [];
  const legacySuspects: PyNode[] = [];
  try {
    iterateTree(tree, root, all, comments, legacySuspects);
  } catch (error) {
    // An error file is never analysed: the walk stops at its first error (no tree built for nothing).
    if (error instanceof SyntaxAt) return error.message ? { root, all: [], comments: [], errorAt: error.at, errorMessage: error.message } : { root, all: [], comments: [], errorAt: error.at };
    // lezer's tree walk gives up on pathological nesting (thousands of open brackets).
    return { root, all: [], comments: [], errorAt: 0, errorMessage: "nesting too deep to parse" };
  }
  const legacy = python2Only(legacySuspects, src);
  if (!legacy) return { root, all, comments };
  return { root, all: [], comments: [], errorAt: legacy.from, errorMessage: `${legacy.what} (this file is not Python 3)` };
}

class SyntaxAt {
  constructor(readonly at: number, readonly message?: string) {}
}

/**
 * Two nodes in three are leaves: they share this one empty (frozen) list instead of each
 * allocating its own, which was a large part of building the tree and of the GC after it.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as PyNode[];

const PYTHON2_SUSPECTS = new Set(["RaiseStatement", "Number", "CompareOp"]);

function iterateTree(tree: ReturnType<typeof parser.parse>, root: PyNode, all: PyNode[], comments: PyNode[], suspects: PyNode[]): void {
  const stack: PyNode[] = [];
  tree.iterate({
    enter(ref) {
      const parent = stack[stack.length - 1];
      if (ref.type.isError && !isBareYield(ref.from, ref.to, parent)) throw new SyntaxAt(ref.from);
      // lezer-python also accepts Python 2's print statement, which Python 3 rejects.
      if (ref.name === "PrintStatement") throw new SyntaxAt(ref.from, "a Python 2 print statement (this file is not Python 3)");
      const node: PyNode = parent ? { name: ref.name, from: ref.from, to: ref.to, children: NO_CHILDREN, parent } : root;
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
      }
      if (node.name === "Comment") comments.push(node);
      else if (PYTHON2_SUSPECTS.has(node.name)) suspects.push(node);
      all.push(node);
      stack.push(node);
    },
    leave() {
      stack.pop();
    },
  });
}

/** Python 2 syntax lezer accepts but every Python 3 rejects: `raise E, msg`, `0777`, `a <> b`. */
function python2Only(suspects: PyNode[], src: string): { from: number; what: string } | undefined {
  for (const node of suspects) {
    if (node.name === "RaiseStatement" && node.children.some((c) => c.name === ",")) return { from: node.from, what: "a Python 2 raise statement" };
    if (node.name === "Number" && /^0[0-7_]*[1-9][\d_]*$/.test(src.slice(node.from, node.to))) return { from: node.from, what: "a Python 2 octal literal" };
    if (node.name === "CompareOp" && src.slice(node.from, node.to) === "<>") return { from: node.from, what: "Python 2's <> operator" };
  }
  return undefined;
}

/**
 * lezer-python marks a bare `yield` (a statement, or `x = yield`) with an empty error node
 * right after the keyword; that is valid Python, not an error.
 */
function isBareYield(from: number, to: number, parent: PyNode | undefined): boolean {
  if (from !== to || !parent || (parent.name !== "YieldStatement" && parent.name !== "YieldExpression")) return false;
  const previous = parent.children[parent.children.length - 1];
  return previous?.name === "yield" && previous.to === from;
}

export interface PyString {
  value: string;
  /** Span of the text between the quotes: rewrites replace only this. */
  innerFrom: number;
  innerTo: number;
  quote: string;
}

/** A plain (non-f, non-bytes) string literal without escapes, with its value. */
export function stringOf(node: PyNode | undefined, src: string): PyString | undefined {
  if (!node || node.name !== "String") return undefined;
  const text = src.slice(node.from, node.to);
  const match = /^([rRuU]?)('''|"""|'|")/.exec(text);
  if (!match) return undefined;
  const prefix = match[1]!;
  const quote = match[2]!;
  const inner = text.slice(prefix.length + quote.length, text.length - quote.length);
  const value = inner.includes("\\") && !/r/i.test(prefix) ? unescape(inner) : inner;
  return { value, innerFrom: node.from + prefix.length + quote.length, innerTo: node.to - quote.length, quote };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

/** A string literal's value with Python's escapes decoded (`"model: deepseek-chat\n"`). */
function unescape(inner: string): string {
  return inner.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (whole, esc: string) => {
    if (/^[xuU]/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ",", ":", ".", ";"]);

export interface Argument {
  /** Keyword name for `name=value`, "**" for `**value`, "*" for `*value`, undefined for positional. */
  keyword?: string;
  nameNode?: PyNode;
  value: PyNode;
}

export function argumentsOf(call: PyNode, src: string): Argument[] {
  const list = call.children.find((c) => c.name === "ArgList");
  if (!list) return [];
  const items = list.children.filter((c) => !PUNCTUATION.has(c.name) && c.name !== "Comment");
  const out: Argument[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.name === "VariableName" && items[i + 1]?.name === "AssignOp" && items[i + 2]) {
      out.push({ keyword: src.slice(item.from, item.to), nameNode: item, value: items[i + 2]! });
      i += 2;
    } else if ((item.name === "**" || item.name === "*") && items[i + 1]) {
      out.push({ keyword: item.name, value: items[i + 1]! });
      i += 1;
    } else out.push({ value: item });
  }
  return out;
}

export interface DictEntry {
  key?: PyNode;
  value: PyNode;
  /** True for `**other` entries. */
  spread: boolean;
}

export function dictEntries(dict: PyNode): DictEntry[] {
  const items = dict.children.filter((c) => c.name !== "{" && c.name !== "}" && c.name !== "," && c.name !== "Comment");
  const out: DictEntry[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.name === "**" && items[i + 1]) {
      out.push({ value: items[i + 1]!, spread: true });
      i += 1;
    } else if (items[i + 1]?.name === ":" && items[i + 2]) {
      out.push({ key: item, value: items[i + 2]!, spread: false });
      i += 2;
    }
  }
  return out;
}

/** `a.b.c` → ["a", "b", "c"]; `a["k"]` → ["a", "k"]; undefined for anything computed. */
export function memberPath(node: PyNode, src: string): string[] | undefined {
  if (node.name === "VariableName") return [src.slice(node.from, node.to)];
  if (node.name !== "MemberExpression") return undefined;
  const [object, ...rest] = node.children;
  if (!object) return undefined;
  const head = memberPath(object, src);
  if (!head) return undefined;
  const prop = rest.find((c) => c.name === "PropertyName");
  if (prop) return [...head, src.slice(prop.from, prop.to)];
  const inner = rest.filter((c) => c.name !== "[" && c.name !== "]");
  const key = inner.length === 1 ? stringOf(inner[0], src) : undefined;
  return key ? [...head, key.value] : undefined;
}

export function calleeOf(call: PyNode): PyNode | undefined {
  return call.children[0];
}
