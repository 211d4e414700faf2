// Settings stores that persist what the user saves (`conf`, `electron-store`, `configstore`),
// and configuration services that read the environment with a default (NestJS's ConfigService).
// A default given to one is what `store.get(key)` returns only until the user saves a value, and
// a saved value outlives an upgrade: the default is never for sure what a request sends. Both
// directions live here: where a default goes (flow.ts) and what a read holds (resolve.ts).
import { findProp, keyName, memberPath, stringValue, unwrap, type Node } from "./ast.js";
import type { Binding, Scope } from "./resolve.js";

/** The store libraries, and which constructor argument holds the defaults (`conf`: `{ defaults }`; `configstore`: the second). */
const STORE_LIBRARIES: Record<string, { index: number; under?: string }> = {
  conf: { index: 0, under: "defaults" },
  "electron-store": { index: 0, under: "defaults" },
  configstore: { index: 1 },
};

export interface StoreDefault {
  /** The setting's key (`model`). */
  key: string;
  library: string;
}

/** What replaces a store's default at run time, in words (an exported default carries it to importers). */
export function savedSettingsWords(library: string): string {
  return `a value the user saved in the \`${library}\` store`;
}

/** The library a `new X(…)` constructs, when X is imported from a store library. */
function storeLibrary(scope: Scope, construct: Node): string | undefined {
  if (construct.type !== "NewExpression" || construct.callee.type !== "Identifier") return undefined;
  const source = scope.importOf(construct.callee.name, construct.callee)?.source;
  return source && source in STORE_LIBRARIES ? source : undefined;
}

/**
 * A value at `path` inside argument `index` of `new Store(…)`: the default of the setting it
 * names (`{ defaults: { model } }`, conf's `{ schema: { model: { default } } }`), if it is one.
 */
export function storeDefaultAt(scope: Scope, construct: Node, index: number, path: string[]): StoreDefault | undefined {
  const library = storeLibrary(scope, construct);
  const shape = library ? STORE_LIBRARIES[library]! : undefined;
  if (!shape || index !== shape.index) return undefined;
  if (shape.under && path[0] === "schema" && path.length === 3 && path[2] === "default") return { key: path[1]!, library: library! };
  const rest = shape.under ? (path[0] === shape.under ? path.slice(1) : undefined) : path;
  return rest?.length === 1 ? { key: rest[0]!, library: library! } : undefined;
}

/** The store setting a literal is the default of (`new Conf({ defaults: { model: "…" } })`), if it is one. */
export function storeDefaultOf(scope: Scope, literal: Node): StoreDefault | undefined {
  const path: string[] = [];
  let node = literal;
  for (let parent = scope.parentOf(node); parent; parent = scope.parentOf(node)) {
    if (parent.type === "NewExpression") return storeDefaultAt(scope, parent, parent.arguments.indexOf(node), path);
    const key = parent.type === "ObjectProperty" && parent.value === node ? keyName(parent) : undefined;
    if (key === undefined) return undefined;
    path.unshift(key);
    node = scope.parentOf(parent)!;
  }
  return undefined;
}

/** The binding a store is assigned to (`const config = new Conf(…)`), so its reads can be found. */
export function storeBinding(scope: Scope, construct: Node): Binding | undefined {
  const decl = scope.parentOf(construct);
  if (decl?.type !== "VariableDeclarator" || decl.id.type !== "Identifier") return undefined;
  const b = scope.lookup(decl.id.name, decl.id);
  return b?.kind === "const" ? b : undefined;
}

/** `config.get("model")` where `ref` is `config`: the call, when it reads `key`. */
export function readOf(scope: Scope, ref: Node, key: string): Node | undefined {
  const member = scope.parentOf(ref);
  if (member?.type !== "MemberExpression" || member.object !== ref || member.computed || member.property.name !== "get") return undefined;
  const call = scope.parentOf(member);
  return call?.type === "CallExpression" && call.callee === member && stringValue(call.arguments[0]) === key ? call : undefined;
}

export interface StoreRead {
  key: string;
  /** The store's own binding when it is built in this file; the import when it comes from another module. */
  store: Binding;
  library?: string;
  /** The literal default for the key, when this file builds the store and gives one. */
  fallback?: Node;
}

/** `store.get("key")` on a store this file builds, or on one imported from another module. */
export function storeRead(scope: Scope, call: Node): StoreRead | undefined {
  if (call.type !== "CallExpression") return undefined;
  const path = memberPath(call.callee);
  const key = stringValue(call.arguments[0]);
  if (path?.length !== 2 || path[1] !== "get" || key === undefined) return undefined;
  const store = scope.lookup(path[0]!, call.callee);
  if (store?.kind === "import") return { key, store };
  const construct = store?.kind === "const" && store.init ? unwrap(store.init) : undefined;
  const library = construct && storeLibrary(scope, construct);
  if (!library) return undefined;
  return { key, store: store!, library, fallback: defaultLiteral(construct!, STORE_LIBRARIES[library]!, key) };
}

function defaultLiteral(construct: Node, shape: { index: number; under?: string }, key: string): Node | undefined {
  let holder = construct.arguments[shape.index] && unwrap(construct.arguments[shape.index]);
  if (holder?.type === "ObjectExpression" && shape.under) {
    const under = findProp(holder, shape.under);
    holder = under && unwrap(under.value);
  }
  const prop = holder?.type === "ObjectExpression" ? holder.properties.find((p: Node) => p.type === "ObjectProperty" && keyName(p) === key) : undefined;
  return prop ? unwrap(prop.value) : undefined;
}

/**
 * NestJS's `ConfigService`: `config.get("KEY", fallback)` returns the configured value (the
 * environment, `.env`, config files) or the fallback when none is set, like
 * `process.env.KEY || fallback`. The receiver must be typed (or built) as that class.
 */
export function configRead(scope: Scope, call: Node): { key: string; fallback: Node; fallbackIndex: number; editor?: boolean } | undefined {
  const wrapped = wrappedEditorRead(scope, call);
  if (wrapped) return wrapped;
  // `get(key, { infer: true })` passes options, not a fallback.
  if (call.type !== "CallExpression" || call.arguments.length < 2 || unwrap(call.arguments[1]).type === "ObjectExpression") return undefined;
  const path = memberPath(call.callee);
  const key = stringValue(call.arguments[0]);
  if (path?.at(-1) !== "get" || key === undefined) return undefined;
  const cls = scope.receiverClass(call);
  if (cls?.source === "@nestjs/config" && cls.imported === "ConfigService") return { key, fallback: call.arguments[1], fallbackIndex: 1 };
  // An editor setting (`workspace.getConfiguration("ext").get("model", "…")`): the user's value, or the default.
  const section = editorSection(scope, unwrap(call.callee).object, 0);
  return section === undefined ? undefined : { key: section ? `${section}.${key}` : key, fallback: call.arguments[1], fallbackIndex: 1, editor: true };
}

/**
 * `this.get("service.model", "deepseek-chat")` where the class's own `get(key, fallback)` returns
 * `workspace.getConfiguration(…).get(key, fallback)`: the same editor setting read, through the wrapper.
 */
function wrappedEditorRead(scope: Scope, call: Node): { key: string; fallback: Node; fallbackIndex: number; editor: true } | undefined {
  const callee = call.type === "CallExpression" ? unwrap(call.callee) : undefined;
  if (callee?.type !== "MemberExpression" || callee.object.type !== "ThisExpression" || callee.computed) return undefined;
  const method = scope.classMember(call, callee.property.name, "method");
  const returned = method ? scope.returnedBy(method) : undefined;
  const read = returned && unwrap(returned);
  const getter = read?.type === "CallExpression" ? unwrap(read.callee) : undefined;
  if (getter?.type !== "MemberExpression" || getter.computed || getter.property.name !== "get" || read!.arguments.length < 2) return undefined;
  if (editorSection(scope, getter.object, 0) === undefined) return undefined;
  const [keyIndex, fallbackIndex] = read!.arguments.slice(0, 2).map((a: Node) => {
    const arg = unwrap(a);
    return arg.type === "Identifier" ? method!.params.findIndex((p: Node) => p.type === "Identifier" && p.name === arg.name) : -1;
  });
  const key = keyIndex! >= 0 ? stringValue(call.arguments[keyIndex!]) : undefined;
  const fallback = fallbackIndex! >= 0 ? call.arguments[fallbackIndex!] : undefined;
  return key !== undefined && fallback ? { key, fallback, fallbackIndex: fallbackIndex!, editor: true } : undefined;
}

/** The section a `getConfiguration(section)` call (or a `const` holding one) reads; undefined when it is not one. */
function editorSection(scope: Scope, expr: Node | undefined, depth: number): string | undefined {
  const node = expr && unwrap(expr);
  if (node?.type === "Identifier" && depth < 3) {
    const b = scope.lookup(node.name, node);
    return b?.kind === "const" && b.init ? editorSection(scope, b.init, depth + 1) : undefined;
  }
  if (node?.type !== "CallExpression" || memberPath(node.callee)?.at(-1) !== "getConfiguration") return undefined;
  return node.arguments[0] ? stringValue(node.arguments[0]) ?? "" : "";
}
