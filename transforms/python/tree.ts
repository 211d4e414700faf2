// Python syntax through @lezer/python: its tree turned into plain nodes with parents,
// plus the few readers the transform needs (strings, keyword arguments, dict entries).
import { parser } from "@lezer/python";

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
  const tree = parser.parse(forParser(src));
  const root: PyNode = { name: "Script", from: 0, to: src.length, children: [] };
  const all: PyNode[] = [];
  const comments: PyNode[] = [];
  const stack: PyNode[] = [];
  let errorAt: number | undefined;
  let errorMessage: string | undefined;
  try {
    iterateTree(tree, root, all, comments, stack, (at, message) => {
      errorAt ??= at;
      if (message) errorMessage ??= message;
    });
  } catch {
    // lezer's tree walk gives up on pathological nesting (thousands of open brackets).
    return { root, all: [], comments: [], errorAt: 0, errorMessage: "nesting too deep to parse" };
  }
  if (errorAt === undefined) return { root, all, comments };
  return errorMessage ? { root, all, comments, errorAt, errorMessage } : { root, all, comments, errorAt };
}

/**
 * Valid Python that @lezer/python 1.1 rejects, replaced for the parser by text of the same
 * length (so every offset is still the source's, and readers read the source itself):
 * `20.` (a float with no digits after the dot), a class pattern with no arguments
 * (`case Foo():`), a bare `yield` before a comment, a one-line parenthesised `with`, and
 * `with` targets that are a tuple or an attribute.
 * Found by parsing CPython's standard library; none of these spans holds a model value.
 */
export function forParser(src: string): string {
  return src
    // A form feed at a line's start is whitespace to Python (PEP 8 page breaks in the stdlib), not to lezer.
    .replace(/^\f+/gm, (feeds) => " ".repeat(feeds.length))
    .replace(/(?<![\w.])(\d[\d_]*)\.(?![\w.])/g, "$10")
    .replace(/^[ \t]*case\b[^\n]*/gm, (line) => line.replace(/([\w.])\(\)/g, "$1  "))
    .replace(/\byield[ \t](?=[ \t]*#)/g, "yield0")
    .replace(/^([ \t]*(?:async[ \t]+)?with[ \t]+)\(([^\n]* as [^\n]*)\)([ \t]*:)/gm, "$1 $2 $3")
    // `with f() as (a, b):` and `with f() as self.x:`: targets lezer does not take after `as`.
    .replace(/\bas([ \t]+)\(([^()\n]*)\)(?=[ \t]*:)/g, "as$1 $2 ")
    .replace(/\bas([ \t]+)(\w+(?:\.\w+)+)(?=[ \t]*[:,)\\])/g, (_m, space: string, target: string) => `as${space}${target.replace(/\./g, "_")}`);
}

/**
 * Two nodes in three are leaves: they share this one empty (frozen) list instead of each
 * allocating its own, which was a large part of building the tree and of the GC after it.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as PyNode[];

function iterateTree(tree: ReturnType<typeof parser.parse>, root: PyNode, all: PyNode[], comments: PyNode[], stack: PyNode[], error: (at: number, message?: string) => void): void {
  let errorAt: number | undefined;
  tree.iterate({
    enter(ref) {
      const parent = stack[stack.length - 1];
      if (errorAt === undefined && ref.type.isError && !isBareYield(ref.from, ref.to, parent)) {
        errorAt = ref.from;
        error(ref.from);
      }
      // lezer-python also accepts Python 2's print statement, which Python 3 rejects.
      if (errorAt === undefined && ref.name === "PrintStatement") {
        errorAt = ref.from;
        error(ref.from, "a Python 2 print statement (this file is not Python 3)");
      }
      const node: PyNode = parent ? { name: ref.name, from: ref.from, to: ref.to, children: NO_CHILDREN, parent } : root;
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
      }
      if (node.name === "Comment") comments.push(node);
      all.push(node);
      stack.push(node);
    },
    leave() {
      stack.pop();
    },
  });
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
