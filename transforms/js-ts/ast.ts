// Parsing and walking: @babel/parser picks its plugins from the file extension, and
// a small walker records each node's parent so context checks can look upward.
import { parse, type ParserPlugin } from "@babel/parser";

/** Babel nodes are used structurally; only the fields read here are typed. */
export interface Node {
  type: string;
  start: number;
  end: number;
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  [key: string]: any;
}

export interface Comment {
  type: string;
  value: string;
  start: number;
  end: number;
}

export interface Parsed {
  program: Node;
  comments: Comment[];
  parents: Parents;
  all: Node[];
}

/** Each node's parent (the walk records it on the node: a Map of every node cost as much as the parse). */
export interface Parents {
  get(node: Node): Node | undefined;
}

const PARENT = Symbol("parent");
const PARENTS: Parents = { get: (node) => node[PARENT as unknown as string] as Node | undefined };

const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);

/** The parser plugins for a file name: TypeScript without JSX for .ts/.mts/.cts, JSX for the rest. */
export function pluginsFor(file: string): ParserPlugin[] {
  const ext = extensionOf(file);
  if (TS_EXTENSIONS.has(ext)) return ["typescript", "decorators-legacy"];
  if (ext === ".tsx") return ["typescript", "jsx", "decorators-legacy"];
  return ["jsx", "decorators-legacy"];
}

export function isTypeScript(file: string): boolean {
  const ext = extensionOf(file);
  return TS_EXTENSIONS.has(ext) || ext === ".tsx";
}

function extensionOf(file: string): string {
  const dot = file.lastIndexOf(".");
  return dot === -1 ? "" : file.slice(dot).toLowerCase();
}

export function parseSource(source: string, file: string): Parsed {
  const ast = parse(source, {
    sourceType: "unambiguous",
    plugins: pluginsFor(file),
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
  }) as unknown as { program: Node; comments?: Comment[] };
  const all: Node[] = [];
  walk(ast.program, all);
  return { program: ast.program, comments: ast.comments ?? [], parents: PARENTS, all };
}

const SKIP_KEYS = new Set(["loc", "leadingComments", "trailingComments", "innerComments", "extra", "comments", "tokens"]);

function walk(root: Node, all: Node[]): void {
  // Iterative so deeply nested generated code cannot overflow the stack.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    all.push(node);
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pushChild(value[i], node, stack);
      } else pushChild(value, node, stack);
    }
  }
  // Walk order is source order per level; findings are sorted later anyway.
}

function pushChild(value: unknown, parent: Node, stack: Node[]): void {
  if (value && typeof value === "object" && typeof (value as Node).type === "string") {
    (value as Record<symbol, Node>)[PARENT] = parent;
    stack.push(value as Node);
  }
}

/** The string a node holds when it is a plain string: a literal or a template without expressions. */
export function stringValue(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === "StringLiteral") return node.value as string;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0]?.value?.cooked ?? undefined;
  return undefined;
}

/** Strip wrappers that do not change a value: parentheses, `as`, `!`, `satisfies`. */
export function unwrap(node: Node): Node {
  let current = node;
  while (["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "ParenthesizedExpression", "TSTypeAssertion"].includes(current.type)) {
    current = current.expression;
  }
  return current;
}

export function keyName(prop: Node): string | undefined {
  if (prop.computed) return undefined;
  const key = prop.key;
  if (!key) return undefined;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  return undefined;
}

export function findProp(obj: Node, name: string): Node | undefined {
  return obj.properties.find((p: Node) => (p.type === "ObjectProperty" || p.type === "Property") && keyName(p) === name);
}

/** `a.b.c` as ["a", "b", "c"]; `this.x.y` as ["this", "x", "y"]; undefined if computed. */
export function memberPath(node: Node): string[] | undefined {
  const n = unwrap(node);
  if (n.type === "Identifier") return [n.name];
  if (n.type === "ThisExpression") return ["this"];
  if ((n.type === "MemberExpression" || n.type === "OptionalMemberExpression") && !n.computed && n.property.type === "Identifier") {
    const head = memberPath(n.object);
    return head ? [...head, n.property.name] : undefined;
  }
  // `this.#client`: a private field is named like any other field (its `#` keeps it apart from `client`).
  if (n.type === "MemberExpression" && !n.computed && n.property.type === "PrivateName") {
    const head = memberPath(n.object);
    return head ? [...head, `#${n.property.id.name}`] : undefined;
  }
  return undefined;
}

export function isFunction(node: Node): boolean {
  return /Function|Method|ArrowFunction/.test(node.type) && node.type !== "TSDeclareFunction";
}

/** The name a parameter binds: `model`, `model = "…"`, or a TS parameter property (`private model`); not a pattern. */
export function paramIdentifier(param: Node | undefined): Node | undefined {
  const inner = param?.type === "TSParameterProperty" ? param.parameter : param;
  const id = inner?.type === "AssignmentPattern" ? inner.left : inner;
  return id?.type === "Identifier" ? id : undefined;
}
