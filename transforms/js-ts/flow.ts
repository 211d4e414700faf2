// Where a value goes: from a legacy literal forward through consts, defaults, object
// properties, class fields, function parameters and returns, to each place it is used.
// Every use gets a kind (request, identity, unknown, exported) and a short reason; the
// decision is made elsewhere (transforms/roles.ts). Also here: where a literal stands
// (text, a migration map, a value) and the constructs whose entries must stay distinct.
import type { Settings } from "../../src/rules.js";
import type { CalledImport } from "../../src/findings.js";
import { answersAlike, gatewayWords, isRelayHost, isSuccessorOf, serverBeside } from "../shared.js";
import { constructWords, sentSomewhere, sinkUse, type Position, type Siblings, type Use } from "../roles.js";
import { isFunction, keyName, memberPath, paramIdentifier, stringValue, unwrap, type Node, type Parsed } from "./ast.js";
import { bodySentTo, type Requests } from "./requests.js";
import { isInstanceMethod, type Binding, type Scope } from "./resolve.js";
import { configRead, readOf, storeBinding, storeDefaultAt, type StoreDefault } from "./stores.js";

export interface FlowCtx {
  parsed: Parsed;
  scope: Scope;
  settings: Settings;
  requests: Requests;
  /** Imported callees handed a value this module could not follow (their modules are read for sinks). */
  called?: CalledImport[];
}

const MAX_DEPTH = 10;
const WRAPPERS = new Set(["ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "AwaitExpression"]);
const LOG_OBJECTS = new Set(["console", "logger", "log", "logging", "winston", "pino", "debug"]);
const LOG_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace", "fatal"]);
const TEST_FUNCTIONS = new Set(["describe", "it", "test", "suite", "context", "bench"]);
const IPC_OBJECTS = new Set(["ipcMain", "ipcRenderer"]);
const TEXT_CALLS = new Set(["Error", "TypeError", "RangeError", "alert", "confirm", "t", "i18n", "__", "toast"]);
const ASSERTIONS = new Set(["expect", "assert", "toBe", "toEqual", "toStrictEqual", "toContain", "toMatch", "toHaveBeenCalledWith", "toHaveBeenLastCalledWith",
  "toHaveProperty", "toMatchObject", "equal", "equals", "strictEqual", "deepEqual", "deepStrictEqual", "notEqual", "is", "same", "eq"]);
const LOOKUP_METHODS = new Set(["get", "has", "delete", "hasOwnProperty", "getItem", "removeItem"]);
const COMPARE_METHODS = new Set(["includes", "indexOf", "lastIndexOf", "startsWith", "endsWith", "localeCompare", "match", "search", "test", "find", "findIndex", "some", "every"]);
const PASS_METHODS = new Set(["toLowerCase", "toUpperCase", "trim", "toString", "valueOf", "normalize"]);
const AI_REGISTRIES = new Set(["customProvider", "createProviderRegistry", "experimental_customProvider", "experimental_createProviderRegistry"]);
const OPTION_FIELDS = new Set(["id", "value", "key", "name", "slug", "modelId", "model_id", "label"]);
const OPTION_ATTRS = new Set(["value", "defaultValue", "key", "selected"]);
/** JSX attributes whose text is shown to people: a legacy ID there is prose. */
const TEXT_ATTRS = /^(placeholder|title|alt|label|aria-label|aria-description|tooltip|helperText|description)$/;
/** Keys whose value names the model setting (a value flows on); others label an entry of a table. */
const MODEL_KEY = /model|engine|llm|deployment/i;

const use = (kind: Use["kind"], why: string, at: { start: number; end: number }, request?: unknown): Use =>
  request === undefined ? { kind, why, start: at.start, end: at.end } : { kind, why, start: at.start, end: at.end, request };

/** Climb through wrappers that pass a value on unchanged: parentheses, `as`, `await`, `a ?? b`, `c ? a : b`. */
function climb(ctx: FlowCtx, start: Node): { node: Node; parent: Node | undefined } {
  let node = start;
  let parent = ctx.parsed.parents.get(node);
  for (;;) {
    if (!parent) break;
    const passes = WRAPPERS.has(parent.type) ||
      (parent.type === "ConditionalExpression" && parent.test !== node) ||
      (parent.type === "LogicalExpression" && (parent.operator !== "&&" || parent.right === node)) ||
      (parent.type === "SequenceExpression" && parent.expressions.at(-1) === node);
    if (!passes) break;
    node = parent;
    parent = ctx.parsed.parents.get(node);
  }
  return { node, parent };
}

/** How a callee reads in a message: `callLLM`, `client.complete`, or `….complete` for a chain. */
function calleeName(call: Node): string {
  const path = memberPath(call.callee);
  if (path) return path.join(".");
  const callee = unwrap(call.callee);
  return (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed ? `….${callee.property.name}` : "a function";
}

/**
 * The callee of an unfollowed call, in words: the project's own function (imported or local)
 * whose parameter does not reach a request ds-migrate can see, or a library's.
 */
function calleeWords(ctx: FlowCtx, call: Node): string {
  if (call.callee.type === "Super") return superWords(ctx, call);
  const path = memberPath(call.callee);
  const name = calleeName(call);
  if (name === "a function") return "a function computed at run time, which ds-migrate cannot follow";
  const head = path ? ctx.scope.lookup(path[0]!, call.callee) : undefined;
  if (head?.kind === "import" && head.source) {
    const exported = (head.imported === "*" ? path!.slice(1) : [head.imported!, ...path!.slice(1)]).join(".");
    if (exported) ctx.called?.push({ specifier: head.source, name: exported });
  }
  if (head?.kind === "import" && head.source && projectModule(ctx, head.source)) {
    return `\`${name}()\`, imported from "${head.source}", where ds-migrate found no request this parameter reaches`;
  }
  // `svc.send(…)` on an instance of an imported class: its module is read for the method's sinks.
  const method = head?.kind === "import" ? undefined : ctx.scope.importedMethodName(call);
  const cls = method ? ctx.scope.receiverClass(call) : undefined;
  if (method && cls?.source) {
    ctx.called?.push({ specifier: cls.source, name: method });
    const where = projectModule(ctx, cls.source) ? `imported from "${cls.source}", where ds-migrate found no request this parameter reaches` : `from "${cls.source}", a library ds-migrate does not know`;
    return `\`${name}()\`, a method of \`${cls.name}\` ${where}`;
  }
  if (head?.kind === "import") return `\`${name}()\` from "${head.source}", a library ds-migrate does not know`;
  if (path?.length === 2 && path[0] === "this") return `\`${name}()\`, a method of this class whose handling of the value ds-migrate does not follow`;
  if (head?.kind === "param" && path!.length > 1) return `\`${name}()\`, a method of what the parameter \`${path![0]}\` holds, which ds-migrate cannot follow`;
  if (head?.kind === "param") return `\`${name}()\`, a function handed in as the parameter \`${path![0]}\`, which ds-migrate cannot follow`;
  return `\`${name}()\`, which ds-migrate does not know`;
}

/** A specifier naming the project's own module: relative, or a conventional path alias (`@/`, `~/`, `#`) a tsconfig or bundler maps into it. */
function isProjectPath(specifier: string): boolean {
  return /^(\.|\/|@\/|~\/|#)/.test(specifier);
}

/** A relative or aliased path, or (once modules are linked) a name that resolves in the tree: a workspace package. */
function projectModule(ctx: FlowCtx, specifier: string): boolean {
  return isProjectPath(specifier) || !!ctx.scope.links?.inProject?.(ctx.scope.file, specifier);
}

/** `super(...)`: the constructor of the class this one extends, named with where it comes from. */
function superWords(ctx: FlowCtx, call: Node): string {
  const base = ctx.scope.superClassOf(call);
  const path = base && memberPath(base);
  if (!path) return "`super()`, the constructor of a base class ds-migrate cannot follow";
  const head = ctx.scope.lookup(path[0]!, base);
  const name = path.join(".");
  const exported = head?.kind === "import" && head.source ? (head.imported === "*" ? path.slice(1) : [head.imported!, ...path.slice(1)]).join(".") : "";
  if (exported) ctx.called?.push({ specifier: head!.source!, name: exported });
  if (head?.kind === "import" && head.source && projectModule(ctx, head.source)) return `\`super()\`, the constructor of \`${name}\` (imported from "${head.source}"), where ds-migrate found no request this value reaches`;
  if (head?.kind === "import") return `\`super()\`, the constructor of \`${name}\` from "${head.source}", a library ds-migrate does not know`;
  return `\`super()\`, the constructor of \`${name}\`, where ds-migrate found no request this value reaches`;
}

/** Where a literal stands: text (logs, test names, errors), a migration map's key, or a value; undefined to skip it. */
export function positionOf(ctx: FlowCtx, literal: Node): Position | undefined {
  const parent = ctx.parsed.parents.get(literal);
  if (!parent) return { kind: "value" };
  switch (parent.type) {
    case "ImportDeclaration":
    case "ExportNamedDeclaration":
    case "ExportAllDeclaration":
    case "ImportExpression":
    case "TSExternalModuleReference":
    case "TSImportType":
    case "TSModuleDeclaration":
      return undefined;
    case "JSXExpressionContainer": {
      const attr = ctx.parsed.parents.get(parent);
      if (attr?.type !== "JSXAttribute") return { kind: "text", why: "JSX text" };
      if (TEXT_ATTRS.test(attr.name?.name ?? "")) return { kind: "text", why: `a \`${attr.name.name}\` shown to users` };
      break;
    }
    case "JSXAttribute":
      if (TEXT_ATTRS.test(parent.name?.name ?? "")) return { kind: "text", why: `a \`${parent.name.name}\` shown to users` };
      break;
    case "ObjectProperty":
      if (parent.key === literal && isMigrationEntry(ctx, literal, parent.value)) return { kind: "map" };
      break;
    case "ArrayExpression":
      if (parent.elements[0] === literal && parent.elements.length === 2 && isMigrationEntry(ctx, literal, parent.elements[1])) return { kind: "map" };
      break;
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return callPosition(parent, literal);
  }
  return { kind: "value" };
}

function callPosition(call: Node, literal: Node): Position | undefined {
  const path = memberPath(call.callee);
  if (call.callee.type === "Import" || (path?.length === 1 && path[0] === "require")) return undefined;
  if (!path) return { kind: "value" };
  const head = path[0]!;
  const last = path.at(-1)!;
  if ((LOG_OBJECTS.has(head) && path.length > 1 && LOG_METHODS.has(last)) || (path.length === 1 && LOG_METHODS.has(head))) return { kind: "text", why: "log text" };
  if (TEST_FUNCTIONS.has(head) && call.arguments[0] === literal) return { kind: "text", why: "a test name" };
  if (TEXT_CALLS.has(last) && path.length <= 2) return { kind: "text", why: "a message" };
  // Electron's `ipcMain.handle("deepseek-chat", …)`, `ipcRenderer.invoke(…)`, `webContents.send(…)`: a channel's name, not a model.
  if ((IPC_OBJECTS.has(head) || (path.at(-2) === "webContents" && last === "send")) && call.arguments[0] === literal) return { kind: "text", why: "an IPC channel name" };
  return { kind: "value" };
}

/** A retired ID mapped to its V4 successor (`"deepseek-chat": "deepseek-flash"`, or `{ alias_of: "deepseek-flash" }`). */
function isMigrationEntry(ctx: FlowCtx, key: Node, value: Node | null | undefined): boolean {
  const from = stringValue(key);
  if (!value || from === undefined) return false;
  const v = unwrap(value);
  const s = stringValue(v);
  if (s !== undefined) return isSuccessorOf(from, s, ctx.settings);
  if (v.type === "ObjectExpression") return v.properties.some((p: Node) => isSuccessorOf(from, stringValue(p.value) ?? "", ctx.settings));
  return false;
}

/** Every use of the value `expr` produces. */
export function usesOf(ctx: FlowCtx, expr: Node, depth = 0, seen = new Set<string>()): Use[] {
  if (depth > MAX_DEPTH) return [use("unknown", "passed along a chain of values too long to follow", expr)];
  const { node, parent } = climb(ctx, expr);
  if (!parent) return [];
  switch (parent.type) {
    case "ObjectProperty":
      if (parent.key === node) return [use("identity", "an object key", node)];
      if (echoesRequest(ctx, node, parent)) return [];
      return objectValueUses(ctx, parent, depth, seen);
    case "VariableDeclarator": {
      if (parent.init !== node || parent.id.type !== "Identifier") return [];
      const uses = bindingUses(ctx, ctx.scope.lookup(parent.id.name, parent.id), depth, seen);
      // `const LLM_MODEL = "…"` under `const LLM_BASE_URL = "http://localhost:8000/v1"`, no request traced: that server's name.
      const other = depth > 0 || uses.some(sentSomewhere) ? undefined : serverBeside(parent.id.name, () => declaredUrls(ctx, parent), ctx.settings);
      return other ? [{ ...use("unknown", other.words, node), relay: other.relay }] : uses;
    }
    case "AssignmentPattern":
      if (parent.right !== node || parent.left.type !== "Identifier") return [];
      return bindingUses(ctx, ctx.scope.lookup(parent.left.name, parent.left), depth, seen);
    case "AssignmentExpression":
      return parent.right === node ? assignedUses(ctx, parent.left, [], depth, seen) : [];
    case "ClassProperty":
    case "PropertyDefinition":
      return parent.value === node ? fieldUses(ctx, parent, [], depth, seen) : [];
    case "ArrayExpression": {
      const provider = otherProviderList(ctx, parent);
      if (provider) {
        return [use("unknown", `an entry of the \`${provider.key}\` list in a table of models by provider (DeepSeek's own list is under \`${provider.deepseek}\`): ` +
          `those names are sent to that provider's API, not DeepSeek's, and it decides what they mean`, node)];
      }
      return returnedPairUses(ctx, parent, node, depth, seen) ?? [use("identity", "an entry of a list", node)];
    }
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return parent.callee === node ? [] : callArgUses(ctx, parent, node, [], depth, seen);
    case "SwitchCase":
      return [use("identity", "a switch case", node)];
    case "BinaryExpression":
      if (["===", "==", "!==", "!="].includes(parent.operator)) {
        // `model !== undefined` tests presence, not which model: it names nothing.
        const other = parent.left === node ? parent.right : parent.left;
        if (other.type === "NullLiteral" || (other.type === "Identifier" && other.name === "undefined")) return [];
        // Reached through a name (a parameter whose default this is): say what the name is compared with.
        const with_ = stringValue(node) === undefined ? stringValue(other) : undefined;
        return [use("identity", with_ !== undefined ? `a value compared with "${with_}" on line ${parent.loc.start.line}` : "a compared value", parent)];
      }
      if (parent.operator === "in" && parent.left === node) return [use("identity", "a lookup key (`in`)", parent)];
      return parent.operator === "+" ? [] : [use("unknown", constructWords(parent.type, parent.operator), parent)];
    case "MemberExpression":
    case "OptionalMemberExpression":
      if (parent.property === node && parent.computed) return [use("identity", "a lookup key", parent)];
      return methodUses(ctx, parent, node, depth, seen);
    case "TemplateLiteral":
      return [use("text", "only interpolated into a string (a template literal)", parent)];
    case "UnaryExpression":
    case "ExpressionStatement":
    case "ThrowStatement":
    case "IfStatement":
    case "WhileStatement":
      return [];
    case "ReturnStatement":
      return returnUses(ctx, ctx.scope.enclosingFunction(parent), [], depth, seen);
    case "ArrowFunctionExpression":
      return parent.body === node ? returnUses(ctx, parent, [], depth, seen) : [];
    case "ExportDefaultDeclaration":
      return [use("exported", "default", parent)];
    case "JSXAttribute":
      return jsxUses(parent, node);
    case "JSXExpressionContainer": {
      const attr = ctx.parsed.parents.get(parent);
      return attr?.type === "JSXAttribute" ? jsxUses(attr, node) : [];
    }
    case "TSEnumMember":
      return enumUses(ctx, parent, depth, seen);
    case "TSLiteralType":
      return [use("identity", "a member of a type", node)];
    case "SpreadElement":
      return [use("unknown", "spread into another value", parent)];
  }
  return [use("unknown", constructWords(parent.type, parent.operator), parent)];
}

function bindingUses(ctx: FlowCtx, binding: Binding | undefined, depth: number, seen: Set<string>): Use[] {
  return binding ? bindingPathUses(ctx, binding, [], depth, seen) : [];
}

/** Uses of `path` inside the value a binding holds (the whole value for an empty path). */
function bindingPathUses(ctx: FlowCtx, binding: Binding, path: string[], depth: number, seen: Set<string>): Use[] {
  const key = `b:${binding.id?.start ?? binding.name}:${path.join(".")}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const uses: Use[] = [];
  const refs = ctx.scope.references(binding);
  for (const ref of refs) {
    const parent = ctx.parsed.parents.get(ref);
    if ((parent?.type === "AssignmentExpression" && parent.left === ref) || parent?.type === "UpdateExpression") continue;
    uses.push(...memberUses(ctx, ref, path, depth + 1, seen));
  }
  // A function's local that nothing reads is dead code, not a setting: nothing proves what it would be.
  if (refs.length === 0 && (binding.kind === "const" || binding.kind === "let") && binding.scope.type !== "Program" && binding.exportedAs.length === 0 && binding.init && stringValue(binding.init) !== undefined) {
    uses.push(use("unknown", `held by \`${binding.name}\`, a local variable no code reads`, binding.id ?? binding.scope));
  }
  for (const name of binding.exportedAs) {
    const at = binding.id ?? { start: 0, end: 0 };
    uses.push(use("exported", [name, ...path].join("."), at));
  }
  // `constructor(private model = …)` also sets `this.model`.
  if (binding.kind === "param" && binding.fn?.kind === "constructor" && binding.fn.params[binding.index!]?.type === "TSParameterProperty") {
    const body = ctx.scope.enclosingClass(binding.fn);
    if (body) uses.push(...thisReads(ctx, body, binding.name, path, depth, seen));
  }
  return uses;
}

/**
 * `t ? … : …`, `if (t)`, `t && t.run()`: the object is tested for truth (is it there?), which
 * reads none of its fields; `t || other` hands the object on, which is not this.
 */
function testsForTruth(parent: Node, node: Node): boolean {
  if (["ConditionalExpression", "IfStatement", "WhileStatement", "DoWhileStatement"].includes(parent.type)) return parent.test === node;
  return parent.type === "LogicalExpression" && parent.operator === "&&" && parent.left === node;
}

/** The value at `path` inside what `expr` evaluates to: follow property reads, aliases, destructuring. */
function memberUses(ctx: FlowCtx, expr: Node, path: string[], depth: number, seen: Set<string>): Use[] {
  if (path.length === 0) return usesOf(ctx, expr, depth, seen);
  if (depth > MAX_DEPTH) return [use("unknown", "passed along a chain of values too long to follow", expr)];
  const { node, parent } = climb(ctx, expr);
  if (!parent) return [];
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.object === node) {
    const name = parent.computed ? stringValue(parent.property) : parent.property.name;
    // A key only known at run time picks any entry: what follows applies to each of them.
    if (name === undefined || name === path[0]) return memberUses(ctx, parent, path.slice(1), depth + 1, seen);
    return [];
  }
  if (parent.type === "VariableDeclarator" && parent.init === node) {
    if (parent.id.type === "Identifier") {
      const b = ctx.scope.lookup(parent.id.name, parent.id);
      return b ? bindingPathUses(ctx, b, path, depth + 1, seen) : [];
    }
    if (parent.id.type === "ObjectPattern") {
      const prop = parent.id.properties.find((p: Node) => keyName(p) === path[0]);
      const target = prop ? (prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value) : undefined;
      if (target?.type !== "Identifier") return [];
      const b = ctx.scope.lookup(target.name, target);
      return b ? bindingPathUses(ctx, b, path.slice(1), depth + 1, seen) : [];
    }
    return [];
  }
  if (parent.type === "SpreadElement") {
    const obj = ctx.parsed.parents.get(parent);
    return obj?.type === "ObjectExpression" ? containerUses(ctx, obj, path, depth + 1, seen) : [use("unknown", "spread into another value", parent)];
  }
  if (parent.type === "AssignmentExpression" && parent.right === node) return assignedUses(ctx, parent.left, path, depth + 1, seen);
  if (parent.type === "ReturnStatement") return returnUses(ctx, ctx.scope.enclosingFunction(parent), path, depth + 1, seen);
  if (parent.type === "ArrowFunctionExpression" && parent.body === node) return returnUses(ctx, parent, path, depth + 1, seen);
  if (parent.type === "ExportDefaultDeclaration") return [use("exported", ["default", ...path].join("."), parent)];
  // `Object.assign({}, DEFAULTS, saved)`: a source is spread into the merged object, as in `{ ...DEFAULTS, ...saved }`.
  if (parent.type === "CallExpression" && memberPath(parent.callee)?.join(".") === "Object.assign" && parent.arguments.indexOf(node) >= 1) {
    return containerUses(ctx, parent, path, depth + 1, seen);
  }
  if ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.callee !== node) {
    return callArgUses(ctx, parent, node, path, depth + 1, seen);
  }
  if (parent.type === "ObjectProperty" && parent.value === node) {
    const holder = ctx.parsed.parents.get(parent);
    const key = keyName(parent);
    if (path.length === 0 && echoesRequest(ctx, node, parent)) return [];
    return holder && key ? containerUses(ctx, holder, [key, ...path], depth + 1, seen) : [use("unknown", "stored under a computed key", parent)];
  }
  if (parent.type === "ExpressionStatement" || parent.type === "UnaryExpression" || parent.type === "BinaryExpression") return [];
  if (testsForTruth(parent, node)) return [];
  // `for (const key in TABLE)` walks the keys: it reads no value of the table.
  if (parent.type === "ForInStatement" && parent.right === node) return [];
  return [use("unknown", `in an object that is ${constructWords(parent.type, parent.operator)}`, parent)];
}

/**
 * `return { text, model }` in the function whose request sends that same `model`: the answer's
 * record of which model ran, which follows the request's value; it names nothing else.
 */
function echoesRequest(ctx: FlowCtx, ref: Node, prop: Node): boolean {
  if (ref.type !== "Identifier" || keyName(prop) !== "model") return false;
  const { node, parent } = climb(ctx, ctx.parsed.parents.get(prop)!);
  const fn = parent?.type === "ReturnStatement" ? ctx.scope.enclosingFunction(parent)
    : parent?.type === "ArrowFunctionExpression" && parent.body === node ? parent : undefined;
  const binding = fn && ctx.scope.lookup(ref.name, ref);
  if (!binding) return false;
  return ctx.requests.sites.some((site) => {
    const sent = site.model && unwrap(site.model);
    return sent?.type === "Identifier" && sent.name === ref.name && ctx.scope.lookup(sent.name, sent) === binding && ctx.scope.enclosingFunction(site.node) === fn;
  });
}

/** A property's value: its path from the outermost object literal, then where that object goes. */
function objectValueUses(ctx: FlowCtx, prop: Node, depth: number, seen: Set<string>): Use[] {
  const key = keyName(prop);
  if (key === undefined) return [use("unknown", "stored under a computed key", prop)];
  const obj = ctx.parsed.parents.get(prop)!;
  const uses = containerUses(ctx, obj, [key], depth, seen);
  // `{ baseURL: "http://localhost:8000/v1", model: "…" }` that no request is traced from: that server's name.
  const other = uses.some(sentSomewhere) ? undefined : serverBeside(key, () => objectUrls(obj), ctx.settings);
  if (other) return [{ ...use("unknown", other.words, prop), relay: other.relay }];
  // A display label ("DeepSeek V3", "Fast & cheap") maps a menu entry to its ID: the ID is
  // what the menu stores and compares, so it names an option.
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return [...uses, use("identity", "an entry of a menu of labels to IDs", prop)];
  return uses;
}

/** An object literal's keys with the URL each holds as a literal (or as the fallback of `process.env.X || "…"`). */
function objectUrls(obj: Node): Array<{ name: string; url: string | undefined }> {
  return obj.properties.flatMap((p: Node) => {
    const name = p.type === "ObjectProperty" ? keyName(p) : undefined;
    return name ? [{ name, url: settingText(p.value) }] : [];
  });
}

/** The names declared beside a declarator in its statement list (a module's top level, a block), with their URLs. */
function declaredUrls(ctx: FlowCtx, declarator: Node): Array<{ name: string; url: string | undefined }> {
  let statement = ctx.parsed.parents.get(declarator);
  if (ctx.parsed.parents.get(statement!)?.type === "ExportNamedDeclaration") statement = ctx.parsed.parents.get(statement!);
  const list = statement ? ctx.parsed.parents.get(statement)?.body : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((s: Node) => {
    const decl = s.type === "ExportNamedDeclaration" ? s.declaration : s;
    if (decl?.type !== "VariableDeclaration") return [];
    return decl.declarations.flatMap((d: Node) => (d.id.type === "Identifier" && d.init ? [{ name: d.id.name, url: settingText(d.init) }] : []));
  });
}

/** A setting's text: a string, or the fallback of `process.env.X || "…"` / `?? "…"`. */
function settingText(value: Node): string | undefined {
  const v = unwrap(value);
  return stringValue(v.type === "LogicalExpression" && (v.operator === "||" || v.operator === "??") ? unwrap(v.right) : v);
}

/** `obj` holds the value at `path`: as a request's options, in a list, bound to a name, passed on... */
function containerUses(ctx: FlowCtx, obj: Node, path: string[], depth: number, seen: Set<string>): Use[] {
  const site = ctx.requests.byOptions.get(obj);
  if (site?.sent && path.length === 1 && path[0] === "model") return [requestUse(site, obj)];
  if (site) {
    if (path.length === 1 && site.modelProp && keyName(site.modelProp) === path[0]) return [requestUse(site, site.modelProp)];
    return [use("unknown", "stored in a request's options under another key than its model", obj)];
  }
  const aiModel = ctx.requests.aiCalls.get(obj);
  if (aiModel && path.length === 1 && path[0] === "model") {
    return [use("unknown", "given to the AI SDK as a plain string model (resolved by its global provider, by default the Vercel AI Gateway, not DeepSeek's API)", aiModel)];
  }
  const { node, parent } = climb(ctx, obj);
  if (parent?.type === "ObjectProperty" && parent.value === node) {
    const key = keyName(parent);
    const holder = ctx.parsed.parents.get(parent)!;
    return key ? containerUses(ctx, holder, [key, ...path], depth, seen) : [use("unknown", "stored under a computed key", parent)];
  }
  if (parent?.type === "ArrayExpression") {
    if (path.length === 1 && OPTION_FIELDS.has(path[0]!)) return [use("identity", `the \`${path[0]}\` of an entry in a list of options`, obj)];
    return [use("unknown", `stored as the \`${path.join(".")}\` field of a list entry`, obj)];
  }
  return memberUses(ctx, obj, path, depth, seen);
}

function requestUse(site: import("./requests.js").RequestSite, at: Node): Use {
  if (site.host.kind === "gateway") {
    return { ...use("unknown", gatewayWords(site.host), at), relay: isRelayHost(site.host) };
  }
  return use("request", "the model of a request", at, site);
}

/** `x = value`, `this.x = value`, `exports.x = value`, `obj.a = value`. */
function assignedUses(ctx: FlowCtx, left: Node, path: string[], depth: number, seen: Set<string>): Use[] {
  if (left.type === "Identifier") {
    const b = ctx.scope.lookup(left.name, left);
    return b ? bindingPathUses(ctx, b, path, depth + 1, seen) : [use("unknown", `assigned to \`${left.name}\``, left)];
  }
  const target = memberPath(left);
  if (!target) return [use("unknown", "assigned to a computed property", left)];
  const named = target.join(".").match(/^(?:module\.)?exports\.(.+)$/);
  if (named) return [use("exported", [named[1]!, ...path].join("."), left)];
  // `module.exports = { A }`: `require(m).A` and a default import's `.A` both reach it.
  if (target.join(".") === "module.exports") {
    const names = path.length > 0 ? [path.join("."), ["default", ...path].join(".")] : ["default"];
    return names.map((n) => use("exported", n, left));
  }
  if (target[0] === "this" && target.length === 2) {
    const cls = ctx.scope.enclosingClass(left);
    return cls ? thisReads(ctx, cls, target[1]!, path, depth, seen) : [use("unknown", `assigned to \`${target.join(".")}\``, left)];
  }
  const b = ctx.scope.lookup(target[0]!, left);
  if (b && b.kind !== "import" && b.kind !== "param") return bindingPathUses(ctx, b, [...target.slice(1), ...path], depth + 1, seen);
  // A parameter's object is the caller's too: only a request inside the function proves where the value goes.
  if (b?.kind === "param") {
    const uses = bindingPathUses(ctx, b, [...target.slice(1), ...path], depth + 1, seen);
    if (uses.some((u) => u.kind === "request")) return uses;
  }
  return [use("unknown", `assigned to \`${target.join(".")}\``, left)];
}

/** A class field: `this.key` reads inside the class, `Cls.key` for static fields, instance reads, exports. */
function fieldUses(ctx: FlowCtx, field: Node, path: string[], depth: number, seen: Set<string>): Use[] {
  const body = ctx.parsed.parents.get(field)!;
  const key = keyName(field);
  if (!key) return [use("unknown", "a computed class field", field)];
  const uses = thisReads(ctx, body, key, path, depth, seen);
  const cls = ctx.parsed.parents.get(body);
  const binding = cls?.id ? ctx.scope.lookup(cls.id.name, cls.id) : undefined;
  if (!binding) return uses;
  for (const ref of ctx.scope.references(binding)) {
    const parent = ctx.parsed.parents.get(ref);
    if (field.static && parent?.type === "MemberExpression" && parent.object === ref) uses.push(...memberUses(ctx, ref, [key, ...path], depth + 1, seen));
    if (!field.static && parent?.type === "NewExpression" && parent.callee === ref) uses.push(...memberUses(ctx, parent, [key, ...path], depth + 1, seen));
  }
  for (const name of binding.exportedAs) uses.push(use("exported", [name, key, ...path].join("."), field));
  return uses;
}

/** Reads of `this.key` (not writes) inside a class body. */
function thisReads(ctx: FlowCtx, body: Node, key: string, path: string[], depth: number, seen: Set<string>): Use[] {
  const tag = `t:${body.start}:${key}:${path.join(".")}`;
  if (seen.has(tag)) return [];
  seen.add(tag);
  const uses: Use[] = [];
  for (const n of ctx.parsed.all) {
    if (n.type !== "MemberExpression" || n.object.type !== "ThisExpression" || n.computed || n.property.name !== key) continue;
    if (n.start < body.start || n.end > body.end || ctx.scope.enclosingClass(n) !== body) continue;
    const parent = ctx.parsed.parents.get(n);
    if (parent?.type === "AssignmentExpression" && parent.left === n) continue;
    uses.push(...memberUses(ctx, n, path, depth + 1, seen));
  }
  return uses;
}

/**
 * `return [model, provider]` from a function whose every call takes the pair apart by position
 * (`const [model, provider] = pick()`): the entry is that position's value, not a name in a
 * list, so it goes where the destructured name goes. Anything else keeps it a list entry.
 */
function returnedPairUses(ctx: FlowCtx, array: Node, entry: Node, depth: number, seen: Set<string>): Use[] | undefined {
  const index = array.elements.indexOf(entry);
  const { node: top, parent } = climb(ctx, array);
  const fn = parent?.type === "ReturnStatement" ? ctx.scope.enclosingFunction(parent)
    : parent?.type === "ArrowFunctionExpression" && parent.body === top ? parent : undefined;
  const binding = fn && functionBinding(ctx, fn);
  if (index < 0 || !binding || binding.exportedAs.length > 0) return undefined;
  const refs = ctx.scope.references(binding);
  if (refs.length === 0) return undefined;
  const uses: Use[] = [];
  for (const ref of refs) {
    const call = ctx.parsed.parents.get(ref);
    if (call?.type !== "CallExpression" || call.callee !== ref) return undefined;
    const { node: value, parent: decl } = climb(ctx, call);
    if (decl?.type !== "VariableDeclarator" || decl.init !== value || decl.id.type !== "ArrayPattern") return undefined;
    const target = decl.id.elements[index];
    const id = target?.type === "AssignmentPattern" ? target.left : target;
    const b = id?.type === "Identifier" ? ctx.scope.lookup(id.name, id) : undefined;
    if (b) uses.push(...bindingPathUses(ctx, b, [], depth + 1, seen));
  }
  if (uses.length === 0) return [use("unknown", `returned by \`${binding.name}()\` in a pair whose callers do not read this position`, entry)];
  return uses;
}

/**
 * The key of a list that is another provider's in a table of model lists by provider
 * (`{ deepseek: [...], aimlapi: [..., "deepseek-chat"] }`): a gateway's catalogue, whose
 * names go to that gateway. Only when DeepSeek's own list is a sibling key, which shows the
 * table is keyed by provider.
 */
function otherProviderList(ctx: FlowCtx, array: Node): { key: string; deepseek: string } | undefined {
  const { node, parent } = climb(ctx, array);
  if (parent?.type !== "ObjectProperty" || parent.value !== node) return undefined;
  const key = keyName(parent);
  if (!key || /deepseek/i.test(key)) return undefined;
  const table = ctx.parsed.parents.get(parent);
  const own = table?.properties?.find((p: Node) => p.type === "ObjectProperty" && /^deepseek$/i.test(keyName(p) ?? "") && unwrap(p.value).type === "ArrayExpression");
  return own ? { key, deepseek: keyName(own)! } : undefined;
}

/** What a function returns goes where its calls go. */
function returnUses(ctx: FlowCtx, fn: Node | undefined, path: string[], depth: number, seen: Set<string>): Use[] {
  if (!fn) return [use("unknown", "returned from the module's top level", { start: 0, end: 0 })];
  if (fn.type === "ClassMethod" && !fn.static && !fn.computed && (fn.kind === "method" || fn.kind === "get")) return methodReturnUses(ctx, fn, path, depth, seen);
  const binding = functionBinding(ctx, fn);
  if (!binding) return [use("unknown", "returned from a function ds-migrate cannot follow", fn)];
  const tag = `r:${fn.start}:${path.join(".")}`;
  if (seen.has(tag)) return [];
  seen.add(tag);
  const uses: Use[] = [];
  for (const ref of ctx.scope.references(binding)) {
    const parent = ctx.parsed.parents.get(ref);
    if ((parent?.type === "CallExpression" || parent?.type === "NewExpression") && parent.callee === ref) uses.push(...memberUses(ctx, parent, path, depth + 1, seen));
    else uses.push(use("unknown", `returned by \`${binding.name}\`, which is passed around as a value`, ref));
  }
  // Other modules read it as `getModel()` or `getSettings().model` (resolve.ts:resolveCall, factoryMember).
  for (const name of binding.exportedAs) {
    if (fn.params.length === 0) uses.push(use("exported", [`${name}()`, ...path].join("."), fn));
    else uses.push(use("unknown", `returned by \`${name}()\`, which other modules can import and call (ds-migrate does not follow what they do with the result)`, fn));
  }
  return uses;
}

/**
 * What a class's own method or getter returns goes where `this.name()` / `this.name` is used
 * in that class. Reads from outside the class are not followed: like a public field's, the
 * value then counts as the class's setting (flow.ts:fieldUses).
 */
function methodReturnUses(ctx: FlowCtx, method: Node, path: string[], depth: number, seen: Set<string>): Use[] {
  const body = ctx.parsed.parents.get(method)!;
  const key = keyName(method)!;
  const tag = `m:${method.start}:${path.join(".")}`;
  if (seen.has(tag)) return [];
  seen.add(tag);
  const uses: Use[] = [];
  for (const n of ctx.parsed.all) {
    if (n.type !== "MemberExpression" || n.computed || n.property.name !== key || n.start < body.start || n.end > body.end) continue;
    const call = ctx.parsed.parents.get(n);
    const own = n.object.type === "ThisExpression" && ctx.scope.enclosingClass(n) === body;
    if (own && call?.type === "AssignmentExpression" && call.left === n) continue;
    if (own && method.kind === "get") uses.push(...memberUses(ctx, n, path, depth + 1, seen));
    else if (own && call?.type === "CallExpression" && call.callee === n && call.arguments.length === 0) uses.push(...memberUses(ctx, call, path, depth + 1, seen));
    else if (own && call?.type === "CallExpression" && call.callee === n) uses.push(use("unknown", `returned by \`this.${key}(…)\`, whose result (it depends on the arguments) ds-migrate does not follow`, n));
    else if (own) uses.push(use("unknown", `returned by \`this.${key}\`, which is used in a way ds-migrate cannot follow`, n));
  }
  return uses;
}

function functionBinding(ctx: FlowCtx, fn: Node): Binding | undefined {
  if (fn.type === "FunctionDeclaration" && fn.id) return ctx.scope.lookup(fn.id.name, fn.id);
  const parent = ctx.parsed.parents.get(fn);
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") return ctx.scope.lookup(parent.id.name, parent.id);
  return undefined;
}

/** A value passed to a call: a request's model, a lookup, an assertion, a local function's parameter, or unknown. */
function callArgUses(ctx: FlowCtx, call: Node, arg: Node, path: string[], depth: number, seen: Set<string>): Use[] {
  // An object whose model is assigned, sent here as a request (requests.ts:sentBody).
  const sent = ctx.requests.bySent.get(arg);
  if (sent && path.length === 1 && path[0] === "model") return [requestUse(sent, arg)];
  const site = ctx.requests.byCall.get(call);
  if (site && path.length === 0 && site.model && unwrap(site.model) === unwrap(arg)) return [requestUse(site, arg)];
  const calleePath = memberPath(call.callee);
  const last = calleePath?.at(-1) ?? "";
  const head = calleePath?.[0] ?? "";
  const index = call.arguments.indexOf(arg);
  const what = path.length === 0 ? "" : `in an object (as its \`.${path.join(".")}\`) `;
  if ((LOG_OBJECTS.has(head) && LOG_METHODS.has(last)) || TEXT_CALLS.has(last) || (TEST_FUNCTIONS.has(head) && index === 0)) return [];
  if (ASSERTIONS.has(last) || ASSERTIONS.has(head)) return [use("identity", "test data asserted on", call)];
  // The AI SDK's registries keep app names as keys and look models up by those names only.
  if (AI_REGISTRIES.has(last) && calleePath?.length === 1 && ctx.scope.lookup(head, call.callee)?.source === "ai") return [];
  if (calleePath?.length === 2 && head === "Object" && last === "keys") return [];
  // The object `Object.assign` writes into is replaced, not read (resolve.ts sees the write).
  if (calleePath?.length === 2 && head === "Object" && last === "assign" && index === 0) return [];
  if (path.length === 0 && calleePath && calleePath.length >= 2) {
    if (LOOKUP_METHODS.has(last) && index === 0) return [use("identity", `a lookup key (\`.${last}()\`)`, call)];
    if (last === "set" && index === 0) return [use("identity", "a map key", call)];
    if (COMPARE_METHODS.has(last)) return [use("identity", `a value checked with \`.${last}()\``, call)];
    if (last === "languageModel" || last === "textEmbeddingModel") return [use("identity", "a lookup in a provider registry", call)];
  }
  if (path.length === 0 && (head === "String" && calleePath?.length === 1)) return usesOf(ctx, call, depth + 1, seen);
  // The fallback of a configuration read is what the call returns when nothing is configured.
  if (path.length === 0 && configRead(ctx.scope, call)?.fallbackIndex === index) return usesOf(ctx, call, depth + 1, seen);
  const setting = call.type === "NewExpression" ? storeDefaultAt(ctx.scope, call, index, path) : undefined;
  if (setting) return storeDefaultUses(ctx, call, setting, depth, seen);
  const remote = remoteSinkUse(ctx, call, index, path);
  if (remote) return [remote];
  // A method of a class of this file, on `this` or an instance: follow the value into its parameter.
  const method = calleePath && calleePath.length >= 2 ? localMethod(ctx, call) : undefined;
  const methodId = paramIdentifier(method?.params?.[index]);
  if (methodId?.type === "Identifier") {
    const pb = ctx.scope.lookup(methodId.name, methodId);
    if (pb) return bindingPathUses(ctx, pb, path, depth + 1, seen);
  }
  // A function defined in this file (or a class's constructor, for `new`): follow the value into its parameter.
  if (calleePath?.length === 1) {
    const binding = ctx.scope.lookup(head, call.callee);
    const ctor = binding?.kind === "class" && call.type === "NewExpression"
      ? binding.init?.body?.body?.find((m: Node) => m.type === "ClassMethod" && m.kind === "constructor") : undefined;
    const fn = ctor ?? (binding?.kind === "function" ? binding.init : binding?.init && isFunction(unwrap(binding.init)) ? unwrap(binding.init) : undefined);
    const id = paramIdentifier(fn?.params?.[index]);
    if (id?.type === "Identifier") {
      const pb = ctx.scope.lookup(id.name, id);
      if (pb) return bindingPathUses(ctx, pb, path, depth + 1, seen);
    }
  }
  // A body serialised or posted to another server: say where it goes (DeepSeek's host would have made it a request).
  const sentTo = path.length > 0 ? bodySentTo(ctx, arg) : undefined;
  if (sentTo?.kind === "gateway") return [use("unknown", `${what}${gatewayWords(sentTo)}`, call)];
  return [{ ...use("unknown", `${what}passed to ${calleeWords(ctx, call)}`, call), handedOn: true }];
}

/** A parameter's name node: through a default (`model = …`) and a parameter property (`private readonly options`). */
/** The instance method a call reaches on a class declared in this file (`this.send(…)`, `svc.send(…)`). */
function localMethod(ctx: FlowCtx, call: Node): Node | undefined {
  const cls = ctx.scope.receiverClass(call);
  const name = memberPath(call.callee)!.at(-1);
  return cls?.kind === "class" ? cls.init?.body?.body?.find((m: Node) => isInstanceMethod(m) && keyName(m) === name) : undefined;
}

/**
 * A settings store's default: where each `store.get(key)` goes, and the name importers read it
 * by. The store itself handed on whole is a use ds-migrate does not follow.
 */
function storeDefaultUses(ctx: FlowCtx, construct: Node, setting: StoreDefault, depth: number, seen: Set<string>): Use[] {
  const store = `a \`${setting.library}\` store`;
  const binding = storeBinding(ctx.scope, construct);
  if (!binding) return [use("unknown", `the default of the \`${setting.key}\` setting of ${store} that is not held in a constant`, construct)];
  const uses: Use[] = [];
  for (const ref of ctx.scope.references(binding)) {
    const read = readOf(ctx.scope, ref, setting.key);
    const parent = ctx.parsed.parents.get(ref);
    if (read) uses.push(...usesOf(ctx, read, depth + 1, seen));
    // Other methods (`set`, `get` of another key) do not read this default.
    else if (!(parent?.type === "MemberExpression" && parent.object === ref && !parent.computed)) uses.push(use("unknown", `the default of the \`${setting.key}\` setting of ${store} (\`${binding.name}\`) handed on whole`, ref));
  }
  for (const name of binding.exportedAs) uses.push(use("exported", `${name}.get("${setting.key}")`, binding.id ?? construct));
  return uses;
}

/**
 * A value passed to a function or class of another module whose parameter becomes a request's
 * model there: a request use once every caller agrees on one ID (that module writes the mode),
 * otherwise unknown, with what else reaches it.
 */
function remoteSinkUse(ctx: FlowCtx, call: Node, index: number, path: string[]): Use | undefined {
  const found = ctx.scope.importedSinks(call);
  const key = path.length === 1 ? path[0] : undefined;
  const sink = found?.sinks.find((s) => s.index === index && s.key === key && (path.length === 0 || key !== undefined));
  return found && sink ? sinkUse(ctx.scope.links!, sink, found.name, { start: call.start, end: call.end }) : undefined;
}

/** `model.includes(...)`, `model.toLowerCase()`: inspected (identity) or passed on. */
function methodUses(ctx: FlowCtx, member: Node, node: Node, depth: number, seen: Set<string>): Use[] {
  if (member.object !== node || member.computed) return [use("unknown", "used as an object", member)];
  const call = ctx.parsed.parents.get(member);
  const name = member.property.name as string;
  if (call?.type === "CallExpression" && call.callee === member) {
    if (PASS_METHODS.has(name)) return usesOf(ctx, call, depth + 1, seen);
    // `model.includes("deepseek")`: every ID answers it alike, so it routes by provider and names no model.
    const sub = (name === "includes" || name === "startsWith" || name === "endsWith") && call.arguments.length === 1 ? stringValue(call.arguments[0]) : undefined;
    if (sub !== undefined && answersAlike(ctx.settings, sub, name as "includes")) return [];
    if (COMPARE_METHODS.has(name)) return [use("identity", `a value inspected with \`.${name}()\``, call)];
  }
  if (name === "length") return [];
  return [use("unknown", `a value whose \`.${name}\` is used`, member)];
}

function jsxUses(attr: Node, node: Node): Use[] {
  const name = typeof attr.name?.name === "string" ? attr.name.name : "";
  if (OPTION_ATTRS.has(name)) return [use("identity", `an option's \`${name}\` in JSX`, node)];
  if (/^data-|^(id|className|name|htmlFor|form)$/.test(name)) return [use("identity", `a JSX attribute (\`${name}\`) other code may select on`, node)];
  return [use("unknown", `passed as the \`${name}\` prop of a component`, node)];
}

/** `Enum.Member` reads, and the export of the enum. */
function enumUses(ctx: FlowCtx, member: Node, depth: number, seen: Set<string>): Use[] {
  const decl = ctx.parsed.parents.get(member)?.type === "TSEnumBody" ? ctx.parsed.parents.get(ctx.parsed.parents.get(member)!)! : ctx.parsed.parents.get(member)!;
  const name = member.id.type === "Identifier" ? member.id.name : member.id.value;
  const binding = decl.id ? ctx.scope.lookup(decl.id.name, decl.id) : undefined;
  return binding ? bindingPathUses(ctx, binding, [name], depth, seen) : [];
}

/** A key of an object literal that is handed to code ds-migrate cannot follow (a registry). */
export function registersKey(ctx: FlowCtx, literal: Node): boolean {
  const prop = ctx.parsed.parents.get(literal);
  if (prop?.type !== "ObjectProperty" || prop.key !== literal) return false;
  const obj = ctx.parsed.parents.get(prop)!;
  return usesOf(ctx, obj).some((u) => u.kind === "unknown");
}

/** Constructs whose entries must stay distinct, with every entry's string value. */
/** `{ fast: { model: … }, deep: { model: … } }` or a list of such objects: the `model` of every entry. */
function presetSiblings(ctx: FlowCtx, obj: Node, key: string, strings: (nodes: Array<Node | null | undefined>) => string[]): Siblings[] {
  const holder = ctx.parsed.parents.get(obj);
  const table = holder?.type === "ObjectProperty" && holder.value === obj ? ctx.parsed.parents.get(holder) : holder;
  const entries: Node[] = table?.type === "ObjectExpression" ? table.properties.map((p: Node) => (p.type === "ObjectProperty" ? unwrap(p.value) : undefined))
    : table?.type === "ArrayExpression" ? table.elements : [];
  // A row whose model goes to another server (`{ host: "https://api.reseller.example/v1", model }`) names that server's model.
  const objects = entries.filter((e) => e?.type === "ObjectExpression" && (e === obj || !serverBeside(key, () => objectUrls(e), ctx.settings)));
  if (objects.length < 2 || !objects.includes(obj)) return [];
  const values = objects.map((o) => o.properties.find((p: Node) => keyName(p) === key)?.value);
  return [{ key: `${table!.start}:${key}`, what: `entries of one table (their \`${key}\`)`, values: strings(values), unsent: true }];
}

export function siblingsOf(ctx: FlowCtx, literal: Node): Siblings[] {
  const parent = ctx.parsed.parents.get(literal);
  if (!parent) return [];
  const strings = (nodes: Array<Node | null | undefined>) => nodes.map((n) => (n ? stringValue(unwrap(n)) : undefined)).filter((s): s is string => s !== undefined);
  switch (parent.type) {
    case "SwitchCase": {
      const sw = ctx.parsed.parents.get(parent)!;
      return [{ key: sw, what: "switch cases", values: strings(sw.cases.map((c: Node) => c.test)) }];
    }
    case "ObjectProperty": {
      const obj = ctx.parsed.parents.get(parent)!;
      if (parent.key === literal) return [{ key: obj, what: "keys of one object", values: strings(obj.properties.map((p: Node) => (p.computed ? undefined : p.key))) }];
      const key = keyName(parent);
      const holder = ctx.parsed.parents.get(obj);
      if (key && OPTION_FIELDS.has(key) && holder?.type === "ArrayExpression") {
        return [{ key: `${holder.start}:${key}`, what: `entries of a list of options (their \`${key}\`)`, values: strings(holder.elements.map((e: Node) => (e?.type === "ObjectExpression" ? e.properties.find((p: Node) => keyName(p) === key)?.value : undefined))) }];
      }
      if (key && !MODEL_KEY.test(key) && isTable(ctx, obj)) return [{ key: obj, what: "values of one table", values: strings(obj.properties.map((p: Node) => p.value)) }];
      if (key && MODEL_KEY.test(key)) return presetSiblings(ctx, obj, key, strings);
      return [];
    }
    case "ArrayExpression":
      // Another provider's list: a rewrite is not ds-migrate's to make, so nothing merges.
      if (otherProviderList(ctx, parent)) return [];
      return [{ key: parent, what: "entries of a list", values: strings(parent.elements) }];
    case "TSLiteralType": {
      const union = ctx.parsed.parents.get(parent);
      if (union?.type !== "TSUnionType") return [];
      return [{ key: union, what: "members of a union type", values: strings(union.types.map((t: Node) => t.literal)) }];
    }
    case "TSEnumMember": {
      const body = ctx.parsed.parents.get(parent)!;
      const members = body.members ?? body.body?.members ?? [];
      return [{ key: body, what: "members of an enum", values: strings(members.map((m: Node) => m.initializer)) }];
    }
    case "BinaryExpression": {
      if (!["===", "==", "!==", "!="].includes(parent.operator)) return [];
      const construct = comparisonConstruct(ctx, literal);
      const values: string[] = [];
      for (const n of ctx.parsed.all) {
        if (n.type === "BinaryExpression" && ["===", "=="].includes(n.operator) && n.start >= construct.start && n.end <= construct.end) values.push(...strings([n.left, n.right]));
      }
      return [{ key: construct, what: "values compared in one if / else-if chain", values }];
    }
    case "CallExpression":
      return storedModelSiblings(ctx, parent, literal, strings);
    case "JSXAttribute": {
      const option = ctx.parsed.parents.get(parent);
      const element = option && ctx.parsed.parents.get(option);
      const list = element && ctx.parsed.parents.get(element);
      if (!list || list.type !== "JSXElement") return [];
      const values = list.children.filter((c: Node) => c.type === "JSXElement")
        .map((c: Node) => c.openingElement.attributes.find((a: Node) => a.name?.name === parent.name?.name)?.value);
      return [{ key: list, what: "options of one JSX list", values: strings(values) }];
    }
  }
  return [];
}

/**
 * `{ fast: deepseek("deepseek-chat"), deep: deepseek("deepseek-reasoner") }` (a customProvider's
 * models): stored, so no call's options can carry each one's mode, and the entries must stay distinct.
 */
function storedModelSiblings(ctx: FlowCtx, call: Node, literal: Node, strings: (nodes: Array<Node | null | undefined>) => string[]): Siblings[] {
  const site = ctx.requests.byCall.get(call);
  if (site?.shape !== "ai-sdk" || call.arguments[0] !== literal) return [];
  const returned = returnedModelSiblings(ctx, call, strings);
  if (returned) return returned;
  // `wrapLanguageModel({ model: deepseek("…"), middleware })` stores the model it wraps.
  const wrapper = wrapperOf(ctx, call);
  const prop = ctx.parsed.parents.get(wrapper ?? call);
  const obj = prop?.type === "ObjectProperty" && prop.value === (wrapper ?? call) ? ctx.parsed.parents.get(prop) : undefined;
  if (obj?.type !== "ObjectExpression" || ctx.requests.aiCalls.has(obj)) return [];
  // `[{ id: "fast", model: deepseek("…") }, { id: "deep", model: deepseek("…") }]`: the same key of each option.
  const list = ctx.parsed.parents.get(obj);
  const key = keyName(prop!);
  if (list?.type === "ArrayExpression" && key) {
    const models = list.elements.map((e: Node | null) => (e?.type === "ObjectExpression" ? findPropValue(e, key) : undefined))
      .map((m: Node | undefined) => (m && ctx.requests.byCall.get(m)?.shape === "ai-sdk" ? m.arguments[0] : undefined));
    return [{ key: `registry:${list.start}`, what: `models of a list of options (their \`${key}\`)`, values: strings(models), advice: STORED_MODEL_ADVICE }];
  }
  const models = obj.properties.map((p: Node) => {
    const value = p.type === "ObjectProperty" ? unwrap(p.value) : undefined;
    const wrapped = value?.type === "CallExpression" && memberPath(value.callee)?.at(-1) === "wrapLanguageModel" ? unwrap(value.arguments[0] ?? value) : undefined;
    const model = wrapped?.type === "ObjectExpression" ? findPropValue(wrapped, "model") : value;
    return model && ctx.requests.byCall.get(model)?.shape === "ai-sdk" ? model.arguments[0] : undefined;
  });
  return [{ key: `registry:${obj.start}`, what: "models stored side by side (a provider registry)", values: strings(models), advice: STORED_MODEL_ADVICE }];
}

const BRANCH_WRAPPERS = new Set(["ConditionalExpression", "ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression"]);

/**
 * `if (deep) return deepseek("deepseek-reasoner"); return deepseek("deepseek-chat");` (or a ternary
 * returned): the models one function hands back are alternatives its callers choose between, and no
 * call here carries each one's mode, so they must stay distinct.
 */
function returnedModelSiblings(ctx: FlowCtx, call: Node, strings: (nodes: Array<Node | null | undefined>) => string[]): Siblings[] | undefined {
  let node = call;
  let parent = ctx.parsed.parents.get(node);
  while (parent && BRANCH_WRAPPERS.has(parent.type) && parent.test !== node) [node, parent] = [parent, ctx.parsed.parents.get(parent)];
  const fn = parent?.type === "ReturnStatement" ? enclosingFunction(ctx, parent) : parent && isFunction(parent) && parent.body === node ? parent : undefined;
  if (!fn) return undefined;
  const models: Node[] = [];
  const collect = (expr: Node | null | undefined): void => {
    const e = expr ? unwrap(expr) : undefined;
    if (e?.type === "ConditionalExpression") return [e.consequent, e.alternate].forEach(collect);
    if (e?.type === "CallExpression" && ctx.requests.byCall.get(e)?.shape === "ai-sdk" && e.arguments[0]) models.push(e.arguments[0]);
  };
  if (fn.body && fn.body.type !== "BlockStatement") collect(fn.body);
  for (const n of ctx.parsed.all) if (n.type === "ReturnStatement" && n.start >= fn.start && n.end <= fn.end && enclosingFunction(ctx, n) === fn) collect(n.argument);
  return [{ key: `returns:${fn.start}`, what: "models one function returns", values: strings(models), advice: STORED_MODEL_ADVICE }];
}

function enclosingFunction(ctx: FlowCtx, node: Node): Node | undefined {
  for (let p = ctx.parsed.parents.get(node); p; p = ctx.parsed.parents.get(p)) if (isFunction(p)) return p;
  return undefined;
}

const STORED_MODEL_ADVICE = "Each entry can keep its mode where it is stored: wrapLanguageModel({ model, middleware: defaultSettingsMiddleware({ settings: { providerOptions: { deepseek: { thinking: { type: ... } } } } }) }).";

/** The `wrapLanguageModel({ model: <call> })` call a provider model is handed to, if any. */
function wrapperOf(ctx: FlowCtx, call: Node): Node | undefined {
  const prop = ctx.parsed.parents.get(call);
  const options = prop?.type === "ObjectProperty" && prop.value === call && keyName(prop) === "model" ? ctx.parsed.parents.get(prop) : undefined;
  const wrapper = options ? ctx.parsed.parents.get(options) : undefined;
  return wrapper?.type === "CallExpression" && wrapper.arguments[0] === options && memberPath(wrapper.callee)?.at(-1) === "wrapLanguageModel" ? wrapper : undefined;
}

function findPropValue(obj: Node, key: string): Node | undefined {
  const prop = obj.properties.find((p: Node) => p.type === "ObjectProperty" && keyName(p) === key);
  return prop ? unwrap(prop.value) : undefined;
}

/**
 * An object used as a table: read with a key only known at run time, or handed on whole
 * (enumerated, passed, spread). Its values are alternatives, so two of them must not merge.
 */
function isTable(ctx: FlowCtx, obj: Node): boolean {
  const { node, parent } = climb(ctx, obj);
  if (parent?.type !== "VariableDeclarator" || parent.init !== node || parent.id.type !== "Identifier") return false;
  const binding = ctx.scope.lookup(parent.id.name, parent.id);
  return !!binding && ctx.scope.references(binding).some((ref) => {
    const p = ctx.parsed.parents.get(ref);
    if ((p?.type === "MemberExpression" || p?.type === "OptionalMemberExpression") && p.object === ref) return p.computed && stringValue(p.property) === undefined;
    return true;
  });
}

/** The whole if / else-if chain a comparison belongs to, or else its statement. */
function comparisonConstruct(ctx: FlowCtx, literal: Node): Node {
  let n: Node = literal;
  for (let p = ctx.parsed.parents.get(n); p; p = ctx.parsed.parents.get(n)) {
    n = p;
    if (/Statement$|Declaration$/.test(n.type) && n.type !== "IfStatement") return n;
    if (n.type === "IfStatement") {
      while (ctx.parsed.parents.get(n)?.type === "IfStatement" && ctx.parsed.parents.get(n)!.alternate === n) n = ctx.parsed.parents.get(n)!;
      return n;
    }
  }
  return n;
}

/** A type annotation (or a local type alias it names) with legacy literals constrains a default: they move together. */
export function constraintOf(ctx: FlowCtx, literal: Node): Node | undefined {
  const { node, parent } = climb(ctx, literal);
  let annotated: Node | undefined;
  if (parent?.type === "AssignmentPattern" && parent.right === node) annotated = parent.left.typeAnnotation;
  else if ((parent?.type === "ClassProperty" || parent?.type === "PropertyDefinition") && parent.value === node) annotated = parent.typeAnnotation;
  else if (parent?.type === "VariableDeclarator" && parent.init === node) annotated = parent.id.typeAnnotation;
  const type = annotated?.typeAnnotation;
  if (!type) return undefined;
  if (type.type === "TSTypeReference" && type.typeName.type === "Identifier") {
    const alias = ctx.parsed.all.find((n) => n.type === "TSTypeAliasDeclaration" && n.id.name === type.typeName.name);
    return alias?.typeAnnotation;
  }
  return type;
}

/** The annotation node a type member belongs to (for `constraintOf`'s key). */
export function typeRootOf(ctx: FlowCtx, literal: Node): Node | undefined {
  let n = ctx.parsed.parents.get(literal);
  if (n?.type !== "TSLiteralType") return undefined;
  let root = n;
  for (let p = ctx.parsed.parents.get(n); p && (p.type === "TSUnionType" || p.type === "TSLiteralType" || p.type === "TSParenthesizedType"); p = ctx.parsed.parents.get(p)) root = p;
  n = root;
  return n;
}
