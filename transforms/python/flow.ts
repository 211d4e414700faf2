// Where a Python value goes: forward from a legacy string through names, parameter
// defaults, dict entries, class attributes (pydantic/dataclass fields, read through
// instances and annotated parameters), `self.x`, function returns, to each use. The
// decision is made in transforms/roles.ts; this module only locates.
import type { CalledImport, ParamSink } from "../../src/findings.js";
import type { Settings } from "../../src/rules.js";
import { answersAlike, gatewayWords, isRelayHost, isSuccessorOf, serverBeside } from "../shared.js";
import { outsideDeepSeekGuard } from "./guards.js";
import { sinkUse, type Position, type Siblings, type Use } from "../roles.js";
import type { PyRequests } from "./requests.js";
import { scopeOf, type PyBinding, type PyScope } from "./scope.js";
import { argumentsOf, dictEntries, memberPath, stringOf, type PyNode, type PyParsed } from "./tree.js";

export interface PyFlowCtx {
  src: string;
  parsed: PyParsed;
  scope: PyScope;
  settings: Settings;
  requests: PyRequests;
  /** Imported callees handed a value this module could not follow (their modules are read for sinks). */
  called?: CalledImport[];
}

const MAX_DEPTH = 10;
/** Methods whose return value only describes an object: LangChain's `_llm_type`/`_identifying_params`, `__repr__`, `__str__`. */
const DESCRIBING_METHODS = new Set(["_llm_type", "_identifying_params", "__repr__", "__str__"]);
const LOG_HEADS = new Set(["logging", "logger", "log", "LOGGER", "_logger", "LOG", "console", "st"]);
const LOG_CALLS = new Set(["print", "warn", "warning", "info", "debug", "error", "exception", "critical", "echo", "secho", "write", "markdown", "caption", "success"]);
const TEXT_CALLS = new Set(["ValueError", "TypeError", "RuntimeError", "KeyError", "Exception", "NotImplementedError", "HTTPException", "gettext", "_"]);
const DEFAULT_GETTERS = new Set(["get", "getenv", "setdefault", "pop"]);
const COMPARE_METHODS = new Set(["startswith", "endswith", "find", "index", "count", "__eq__", "__contains__"]);
const PASS_METHODS = new Set(["lower", "upper", "strip", "lstrip", "rstrip", "casefold"]);
const TRANSPARENT_CALLS = new Set(["str", "Field", "field"]);
const ASSERT_CALLS = /^(assert[A-Z_]\w*|assert_\w+|assertEqual|assertIn|assertTrue|assert_called\w*|expect|eq|equal|same)$/;
const OPTION_FIELDS = new Set(["id", "value", "key", "name", "slug", "model_id", "label"]);
const MODEL_KEY = /model|engine|llm|deployment/i;

const use = (kind: Use["kind"], why: string, at: { from: number; to: number }, request?: unknown): Use =>
  request === undefined ? { kind, why, start: at.from, end: at.to } : { kind, why, start: at.from, end: at.to, request };

function text(ctx: PyFlowCtx, node: PyNode): string {
  return ctx.src.slice(node.from, node.to);
}

/** Climb through what passes a value on unchanged: parentheses, `a or b`, `x if c else y`. */
function climb(start: PyNode): { node: PyNode; parent: PyNode | undefined } {
  let node = start;
  let parent = node.parent;
  for (;;) {
    if (!parent) break;
    const passes = parent.name === "ParenthesizedExpression" ||
      (parent.name === "ConditionalExpression" && parent.children[2] !== node) ||
      (parent.name === "BinaryExpression" && parent.children.some((c) => c.name === "or")) ||
      parent.name === "AwaitExpression";
    if (!passes) break;
    node = parent;
    parent = node.parent;
  }
  return { node, parent };
}

/** The callee of an unfollowed call, in words: the project's own function (imported or local) or a library's. */
function calleeWords(ctx: PyFlowCtx, call: PyNode): string {
  const name = calleeText(ctx, call);
  const base = name.endsWith(".__init__") ? importedCallee(ctx, call) : undefined;
  if (base) {
    // `super().__init__(...)` with an imported base: that module is read for the base's parameters (its sinks).
    ctx.called?.push({ specifier: base.source, name: base.exported });
    return `\`${base.shown}.__init__()\` (the base class, imported from ${base.source}), where ds-migrate found no request this parameter reaches`;
  }
  if (name === "a function") return "a function computed at run time, which ds-migrate cannot follow";
  const method = importedCallee(ctx, call);
  if (method?.method) {
    // A method of an instance of an imported class: that module is read for the method's sinks.
    ctx.called?.push({ specifier: method.source, name: method.exported });
    return `\`${name}()\`, a method of \`${method.method}\` (imported from ${method.source}), where ds-migrate found no request this parameter reaches`;
  }
  const head = ctx.scope.lookup(name.split(".")[0]!, call.children[0]!);
  const binding = head?.length === 1 ? head[0]! : undefined;
  if (binding?.kind === "import" && binding.source) {
    const parts = name.split(".");
    const exported = (binding.imported === "*" ? parts.slice(1) : [binding.imported!, ...parts.slice(1)]).join(".");
    if (exported) ctx.called?.push({ specifier: binding.source, name: exported });
  }
  if (binding?.kind === "import" && binding.source?.startsWith(".")) {
    return `\`${name}()\`, imported from ${binding.source}, where ds-migrate found no request this parameter reaches`;
  }
  // A module of the project or a library: either way, no request was found where the value goes.
  if (binding?.kind === "import" && binding.source) return `\`${name}()\`, imported from \`${binding.source}\`, where ds-migrate found no request this value reaches`;
  // `self._resolve_model(value)`: a method of the class; `self.tool.complete(value)`: a method of an object it keeps. Neither is handed in.
  if (binding?.kind === "param" && (name.startsWith("self.") || name.startsWith("cls.")) && ctx.scope.enclosingClass(call)) return ownAttributeCallee(ctx, call, name);
  if (binding?.kind === "param" && name.includes(".")) return `\`${name}()\`, a method of what the parameter \`${name.split(".")[0]}\` holds, which ds-migrate cannot follow`;
  if (binding?.kind === "param") return `\`${name}()\`, a function handed in as the parameter \`${name.split(".")[0]}\`, which ds-migrate cannot follow`;
  return `\`${name}()\`, which ds-migrate does not know`;
}

/** `self.tool.complete()`: a method of what this object holds, named by what the class stores there (`self.tool = QueryTool(key)`). */
function ownAttributeCallee(ctx: PyFlowCtx, call: PyNode, name: string): string {
  const parts = name.split(".");
  const cls = ctx.scope.enclosingClass(call);
  if (parts.length < 3 || !cls) return `\`${name}()\`, a method of this class whose handling of the value ds-migrate does not follow`;
  const stored = ctx.scope.selfValues(cls, parts[1]!).map((v) => (v.name === "CallExpression" ? memberPath(v.children[0]!, ctx.src)?.join(".") : undefined));
  const made = stored.length === 1 ? stored[0] : undefined;
  const head = `${parts.slice(0, 2).join(".")}`;
  return made
    ? `\`${name}()\`, a method of the \`${made}\` object this class keeps in \`${head}\`, which ds-migrate does not follow`
    : `\`${name}()\`, a method of what this class keeps in \`${head}\`, which ds-migrate does not follow`;
}

/** `print(…)`, `logger.info(…)`, `logging.warning(…)`: output for a person, not a request. */
function isLogCall(path: string[]): boolean {
  const last = path.at(-1) ?? "";
  return (path.length === 1 && last === "print") || (LOG_HEADS.has(path[0]!) && path.length > 1 && LOG_CALLS.has(last));
}

/** How a callee reads in a message: `build_llm`, `client.complete`, or `….complete` for a chain. */
function calleeText(ctx: PyFlowCtx, call: PyNode): string {
  const callee = call.children[0]!;
  const path = memberPath(callee, ctx.src);
  if (path) return path.join(".");
  const prop = callee.name === "MemberExpression" ? callee.children.find((c) => c.name === "PropertyName") : undefined;
  return prop ? `….${text(ctx, prop)}` : "a function";
}

/** Where a literal stands: text (logs, docstrings, messages), a migration map key, or a value. */
export function positionOf(ctx: PyFlowCtx, node: PyNode): Position {
  const parent = node.parent!;
  if (parent.name === "ExpressionStatement") return { kind: "text", why: "a docstring or bare string" };
  if (parent.name === "ArgList") {
    const call = parent.parent!;
    const path = memberPath(call.children[0]!, ctx.src);
    const last = path?.at(-1) ?? "";
    if (path && (isLogCall(path) || (path.length === 1 && TEXT_CALLS.has(last)))) {
      return { kind: "text", why: path.length === 1 && last !== "print" ? "a message" : "log text" };
    }
  }
  // `return "deepseek-chat"` in LangChain's `_llm_type` (or `__repr__`): a label, never sent.
  if (parent.name === "ReturnStatement") {
    const fn = scopeOf(parent);
    const name = fn.name === "FunctionDefinition" ? fn.children.find((c) => c.name === "VariableName") : undefined;
    if (name && scopeOf(fn).name === "ClassDefinition" && DESCRIBING_METHODS.has(text(ctx, name))) return { kind: "text", why: `the label \`${text(ctx, name)}\` returns` };
  }
  if (parent.name === "DictionaryExpression") {
    const kids = parent.children;
    const i = kids.indexOf(node);
    if (kids[i + 1]?.name === ":" && isMigrationEntry(ctx, node, kids[i + 2])) return { kind: "map" };
    const key = kids[i - 1]?.name === ":" ? stringOf(kids[i - 2], ctx.src)?.value : undefined;
    if (key === "model_name" && dictEntries(parent).some((e) => stringOf(e.key, ctx.src)?.value === "litellm_params")) {
      return { kind: "text", why: "a model name a LiteLLM router serves to its callers (kept; the deployment it routes to is migrated)" };
    }
  }
  return { kind: "value" };
}

function isMigrationEntry(ctx: PyFlowCtx, key: PyNode, value: PyNode | undefined): boolean {
  const from = stringOf(key, ctx.src)?.value;
  if (!value || from === undefined) return false;
  const s = stringOf(value, ctx.src)?.value;
  if (s !== undefined) return isSuccessorOf(from, s, ctx.settings);
  if (value.name === "DictionaryExpression") return dictEntries(value).some((e) => isSuccessorOf(from, stringOf(e.value, ctx.src)?.value ?? "", ctx.settings));
  return false;
}

/** Every use the value `expr` has. */
const AFFIX_METHODS = new Map([["startswith", "startsWith"], ["endswith", "endsWith"]] as const);

export function usesOf(ctx: PyFlowCtx, expr: PyNode, depth = 0, seen = new Set<string>()): Use[] {
  if (depth > MAX_DEPTH) return [use("unknown", "passed along a chain of values too long to follow", expr)];
  const { node, parent } = climb(expr);
  if (!parent) return [];
  const kids = parent.children;
  switch (parent.name) {
    case "DictionaryExpression":
      if (kids[kids.indexOf(node) + 1]?.name === ":") return [use("identity", "a dict key", node)];
      return dictValueUses(ctx, parent, node, depth, seen);
    case "ArrayExpression":
    case "TupleExpression":
    case "SetExpression":
      // `all([model, key, url])`: each entry is only tested for truth, as in `if model:`.
      if (truthTested(ctx, parent)) return [];
      return [use("identity", "an entry of a list", node)];
    case "BinaryExpression":
      if (kids.some((c) => c.name === "in")) {
        // `"deepseek" in model` routes by provider: the legacy IDs and the new one all answer it alike, so it names no model.
        const sub = kids[0] !== node ? stringOf(kids[0]!, ctx.src)?.value : undefined;
        if (sub && answersAlike(ctx.settings, sub, "includes")) return [];
        return [use("identity", kids[0] === node ? "a lookup key (`in`)" : "a compared value", parent)];
      }
      // `model is not None` tests presence, not which model: it names nothing.
      if (kids.some((c) => c.name === "None")) return [];
      if (kids.some((c) => c.name === "CompareOp" || c.name === "is")) {
        // Reached through a name (a parameter whose default this is): say what the name is compared with.
        const other = kids.find((c) => c !== node && c.name !== "CompareOp" && c.name !== "is" && c.name !== "not");
        const with_ = !stringOf(node, ctx.src) && other ? stringOf(other, ctx.src)?.value : undefined;
        return [use("identity", with_ !== undefined ? `a value compared with "${with_}" on line ${ctx.scope.lineOf(parent)}` : "a compared value", parent)];
      }
      return [];
    case "LiteralPattern":
      return [use("identity", "a match case", node)];
    case "MemberExpression":
      if (kids[0] === node) return methodUses(ctx, parent, depth, seen);
      if (memberPath(kids[0]!, ctx.src)?.at(-1) === "Literal") return [use("identity", "a member of a `Literal` type", node)];
      return [use("identity", "a lookup key", parent)];
    case "ArgList":
      return callArgUses(ctx, parent.parent!, node, [], depth, seen);
    case "AssignStatement":
      return kids[kids.length - 1] === node ? assignedUses(ctx, parent, [], depth, seen) : [];
    case "ParamList": {
      const name = paramNameBefore(parent, node);
      if (!name) return [];
      const b = ctx.scope.lookup(text(ctx, name), name)?.find((x) => x.id === name);
      if (!b) return [];
      const found = bindingPathUses(ctx, b, [], depth, seen);
      // A method that never reads its model parameter (a test double, a stub of an interface):
      // its default sends nothing, and calls of a method by that name on other objects carry the
      // model on. Rewriting it alone would split the IDs those calls keep: hold it with them.
      const fn = parent.parent;
      const fnName = fn?.children.find((c) => c.name === "VariableName");
      if (found.length === 0 && fn?.name === "FunctionDefinition" && fnName && scopeOf(fn).name === "ClassDefinition" && ctx.scope.references(b.name, b.scope).length === 0) {
        return [use("unknown", `the default of \`${b.name}\`, which the method \`${text(ctx, fnName)}()\` never reads`, parent)];
      }
      return found;
    }
    case "ReturnStatement":
      return returnUses(ctx, enclosingFunction(parent), [], depth, seen);
    case "LambdaExpression":
      return [use("unknown", "returned by a lambda", parent)];
    case "FormatReplacement":
      return formatUses(ctx, parent);
    case "ExpressionStatement":
    case "IfStatement":
    case "WhileStatement":
    case "UnaryExpression":
    case "RaiseStatement":
      return [];
    case "AssertStatement":
      return [use("identity", "test data asserted on", parent)];
  }
  return [use("unknown", `used in ${exprWords(ctx, parent)}`, parent)];
}

/** A list that is the one argument of `all(...)` or `any(...)`: its entries are tested for truth, never compared. */
function truthTested(ctx: PyFlowCtx, list: PyNode): boolean {
  const args = list.parent;
  const call = args?.parent;
  if (args?.name !== "ArgList" || call?.name !== "CallExpression") return false;
  const callee = call.children[0];
  const name = callee?.name === "VariableName" ? ctx.src.slice(callee.from, callee.to) : undefined;
  return (name === "all" || name === "any") && args.children.filter((c) => c.name !== "(" && c.name !== ")" && c.name !== ",").length === 1;
}

/** An expression ds-migrate stops at, in words: its text (shortened) and line, not its syntax node's name. */
function exprWords(ctx: PyFlowCtx, node: PyNode): string {
  const t = text(ctx, node).replace(/\s+/g, " ");
  const shown = t.length > 60 ? `${t.slice(0, 57)}…` : t;
  return `\`${shown}\` (line ${ctx.scope.lineOf(node)}), an expression ds-migrate does not follow further`;
}

/**
 * A value inside an f-string is text, except where the f-string is itself a model
 * (`model=f"{provider}/{name}"`): then it is part of a name built at run time.
 */
function formatUses(ctx: PyFlowCtx, replacement: PyNode): Use[] {
  const fstring = replacement.parent;
  const list = fstring?.parent;
  const shown = [use("text", "only interpolated into a string (an f-string)", fstring ?? replacement)];
  if (!fstring || list?.name !== "ArgList") return shown;
  // `logger.info(f"… {CONFIG.get('MODEL', 'deepseek-chat')}")`: log text, never sent.
  const call = list.parent;
  const path = call?.name === "CallExpression" ? memberPath(call.children[0]!, ctx.src) : undefined;
  if (path && isLogCall(path)) return [{ ...shown[0]!, why: "only written to the log (an f-string)", logged: true }];
  const kids = list.children;
  const i = kids.indexOf(fstring);
  const keyword = kids[i - 1]?.name === "AssignOp" ? kids[i - 2] : undefined;
  if (!keyword || !/model/i.test(text(ctx, keyword))) return shown;
  return [use("unknown", `part of a model name built at run time (\`${text(ctx, fstring)}\`): what comes before it decides whether the request goes to DeepSeek`, fstring)];
}

function paramNameBefore(list: PyNode, value: PyNode): PyNode | undefined {
  const kids = list.children;
  for (let i = kids.indexOf(value) - 1; i >= 0; i--) if (kids[i]!.name === "VariableName") return kids[i];
  return undefined;
}

function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.name === "FunctionDefinition") return n;
  return undefined;
}

/** Uses of `path` inside the value bound to a name (the whole value for an empty path). */
function bindingPathUses(ctx: PyFlowCtx, binding: PyBinding, path: string[], depth: number, seen: Set<string>): Use[] {
  const key = `b:${binding.name}:${binding.scope.from}:${path.join(".")}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const uses: Use[] = [];
  // A parameter read where a guard (`if name.startswith("deepseek"): return …`) has sent DeepSeek names elsewhere: not theirs.
  const refs = ctx.scope.references(binding.name, binding.scope).filter((ref) => binding.kind !== "param" || !outsideDeepSeekGuard(ctx.src, ref, binding.name));
  for (const ref of refs) uses.push(...memberUses(ctx, ref, path, depth + 1, seen));
  // A module-level name is importable by other modules.
  if (binding.scope === ctx.parsed.root && binding.kind === "assign") uses.push(use("exported", [binding.name, ...path].join("."), binding.id ?? binding.scope));
  // A function's local that nothing reads is dead code, not a setting: nothing proves what it would be.
  else if (refs.length === 0 && binding.kind === "assign" && binding.scope.name === "FunctionDefinition" && binding.value && stringOf(binding.value, ctx.src)) {
    uses.push(use("unknown", `held by \`${binding.name}\`, a local variable no code reads`, binding.id ?? binding.scope));
  }
  return uses;
}

/**
 * `a if t else b`, `not t`, `t and t.run()`: the object is tested for truth (is it there?), which
 * reads none of its fields; `t or other` hands the object on, which is not this.
 */
function testsForTruth(parent: PyNode, node: PyNode): boolean {
  if (parent.name === "ConditionalExpression") return parent.children[2] === node;
  if (parent.name === "UnaryExpression") return parent.children[0]?.name === "not";
  return parent.name === "BinaryExpression" && parent.children[0] === node && parent.children[1]?.name === "and";
}

/** The value at `path` inside what `expr` evaluates to: subscripts, attributes, `.get("k")`, aliases, `**` spreads. */
function memberUses(ctx: PyFlowCtx, expr: PyNode, path: string[], depth: number, seen: Set<string>): Use[] {
  if (path.length === 0) return usesOf(ctx, expr, depth, seen);
  if (depth > MAX_DEPTH) return [use("unknown", "passed along a chain of values too long to follow", expr)];
  const { node, parent } = climb(expr);
  if (!parent) return [];
  if (parent.name === "MemberExpression" && parent.children[0] === node) {
    const prop = parent.children.find((c) => c.name === "PropertyName");
    if (prop && text(ctx, prop) === "get" && parent.parent?.name === "CallExpression") {
      const key = argumentsOf(parent.parent, ctx.src)[0];
      const name = key && !key.keyword ? stringOf(key.value, ctx.src)?.value : undefined;
      return name === undefined || name === path[0] ? memberUses(ctx, parent.parent, path.slice(1), depth + 1, seen) : [];
    }
    if (prop) return text(ctx, prop) === path[0] ? memberUses(ctx, parent, path.slice(1), depth + 1, seen) : methodOfContainer(parent, text(ctx, prop), path);
    const index = parent.children.filter((c) => c.name !== "[" && c.name !== "]")[1];
    const name = index ? stringOf(index, ctx.src)?.value : undefined;
    // A key only known at run time picks any entry: what follows applies to each of them.
    if (name === undefined || name === path[0]) return memberUses(ctx, parent, path.slice(1), depth + 1, seen);
    return [];
  }
  if (parent.name === "AssignStatement" && parent.children[parent.children.length - 1] === node) return assignedUses(ctx, parent, path, depth + 1, seen);
  if (parent.name === "ArgList") {
    const before = parent.children[parent.children.indexOf(node) - 1];
    if (before?.name === "**") {
      const site = ctx.requests.byDict.get(resolveDict(ctx, node) ?? node);
      if (site && path.length === 1 && path[0] === "model") return [requestUse(ctx, site, node)];
      const into = calleeText(ctx, parent.parent!);
      return [use("unknown", `in a dict spread into ${into === "a function" ? "a function computed at run time" : `\`${into}()\``}`, parent.parent!)];
    }
    return callArgUses(ctx, parent.parent!, node, path, depth + 1, seen);
  }
  if (parent.name === "DictionaryExpression") {
    const before = parent.children[parent.children.indexOf(node) - 1];
    if (before?.name === "**") return containerUses(ctx, parent, path, depth + 1, seen);
  }
  if (parent.name === "ReturnStatement") return returnUses(ctx, enclosingFunction(parent), path, depth + 1, seen);
  if (parent.name === "ForStatement" || parent.name === "ExpressionStatement" || parent.name === "IfStatement" || parent.name === "WhileStatement") return [];
  if (testsForTruth(parent, node)) return [];
  // `key in TABLE` tests the keys: no entry's value is read.
  if (parent.name === "BinaryExpression" && parent.children.at(-1) === node && parent.children.some((c) => c.name === "in")) return [];
  return [use("unknown", `in an object that is used in ${exprWords(ctx, parent)}`, parent)];
}

function resolveDict(ctx: PyFlowCtx, node: PyNode): PyNode | undefined {
  const r = ctx.scope.resolve(node);
  return r.kind === "dict" ? r.node : undefined;
}

/** `TABLE.keys()` reads no value; `TABLE.items()` / `.values()` hand every entry on. */
function methodOfContainer(member: PyNode, name: string, path: string[]): Use[] {
  if (name === "keys") return [];
  return [use("unknown", `in an object whose \`.${name}\` is used (as its \`${path.join(".")}\`)`, member)];
}

/** A dict value: its key path from the outermost dict literal, then where that dict goes. */
function dictValueUses(ctx: PyFlowCtx, dict: PyNode, value: PyNode, depth: number, seen: Set<string>): Use[] {
  const kids = dict.children;
  const keyNode = kids[kids.indexOf(value) - 2];
  const key = keyNode ? stringOf(keyNode, ctx.src)?.value : undefined;
  if (key === undefined) return [use("unknown", "stored under a computed key", value)];
  if (key === "model" && echoesRequest(ctx, dict, value)) return [];
  const uses = containerUses(ctx, dict, [key], depth, seen);
  // A display label ("DeepSeek V3") maps a menu entry to its ID: the ID names an option.
  if (!/^[A-Za-z_][\w-]*$/.test(key)) return [...uses, use("identity", "an entry of a menu of labels to IDs", value)];
  return uses;
}

/**
 * `return {"text": ..., "model": model}` in the function whose request sends that same `model`:
 * the answer's record of which model ran, which follows the request's value; it names nothing else.
 */
function echoesRequest(ctx: PyFlowCtx, dict: PyNode, value: PyNode): boolean {
  if (value.name !== "VariableName" || climb(dict).parent?.name !== "ReturnStatement") return false;
  const fn = enclosingFunction(dict);
  const name = text(ctx, value);
  const binding = fn && ctx.scope.lookup(name, value)?.[0];
  if (!binding) return false;
  return [...ctx.requests.byModel.entries()].some(([sent, site]) =>
    sent.name === "VariableName" && text(ctx, sent) === name && ctx.scope.lookup(name, sent)?.[0] === binding && enclosingFunction(site.call) === fn);
}

/** `dict` holds the value at `path`: as a request body or `**params`, nested, in a list, bound, passed on. */
function containerUses(ctx: PyFlowCtx, dict: PyNode, path: string[], depth: number, seen: Set<string>): Use[] {
  const site = ctx.requests.byDict.get(dict);
  if (site) {
    if (path.length === 1 && path[0] === "model") return [requestUse(ctx, site, dict)];
    return [use("unknown", "stored in a request under another key than its model", dict)];
  }
  const { node, parent } = climb(dict);
  if (parent?.name === "DictionaryExpression") {
    const keyNode = parent.children[parent.children.indexOf(node) - 2];
    const key = keyNode ? stringOf(keyNode, ctx.src)?.value : undefined;
    if (key !== undefined && parent.children[parent.children.indexOf(node) - 1]?.name === ":") return containerUses(ctx, parent, [key, ...path], depth, seen);
  }
  if (parent && ["ArrayExpression", "TupleExpression"].includes(parent.name)) {
    if (path.length === 1 && OPTION_FIELDS.has(path[0]!)) return [use("identity", `the \`${path[0]}\` of an entry in a list of options`, dict)];
    return [use("unknown", `stored as the \`${path.join(".")}\` field of a list entry`, dict)];
  }
  return memberUses(ctx, dict, path, depth, seen);
}

function requestUse(ctx: PyFlowCtx, site: import("./requests.js").PyRequest, at: PyNode): Use {
  if (site.host.kind === "gateway") return { ...use("unknown", gatewayWords(site.host), at), relay: isRelayHost(site.host) };
  if (site.provenHostOnly && site.host.kind !== "deepseek") {
    const poster = calleeText(ctx, site.call);
    return use("unknown", `posted by ${poster === "a function" ? "a function computed at run time" : `\`${poster}()\``} to a URL ds-migrate cannot resolve to DeepSeek's API`, at);
  }
  return use("request", "the model of a request", at, site);
}

/** `x = value`, `self.x = value`, `obj["k"] = value`. */
function assignedUses(ctx: PyFlowCtx, stmt: PyNode, path: string[], depth: number, seen: Set<string>): Use[] {
  const uses: Use[] = [];
  const value = stmt.children[stmt.children.length - 1]!;
  const targets = stmt.children.filter((c) => c !== value && c.name !== "AssignOp" && c.name !== "TypeDef" && c.name !== ",");
  const cls = stmt.parent?.name === "Body" && stmt.parent.parent?.name === "ClassDefinition" ? stmt.parent.parent : undefined;
  for (const target of targets) {
    if (target.name === "VariableName") {
      if (cls) {
        uses.push(...attributeUses(ctx, cls, text(ctx, target), path, depth, seen));
        continue;
      }
      const b = ctx.scope.lookup(text(ctx, target), target)?.find((x) => x.id === target);
      if (b) uses.push(...bindingPathUses(ctx, b, path, depth + 1, seen));
      continue;
    }
    const tp = memberPath(target, ctx.src);
    if (tp?.[0] === "self" && tp.length === 2) {
      const owner = ctx.scope.enclosingClass(stmt);
      if (owner) uses.push(...attributeUses(ctx, owner, tp[1]!, path, depth, seen));
      continue;
    }
    if (tp && tp.length >= 2) {
      const root = ctx.scope.lookup(tp[0]!, target);
      if (root?.length === 1 && root[0]!.kind === "assign") {
        uses.push(...bindingPathUses(ctx, root[0]!, [...tp.slice(1), ...path], depth + 1, seen));
        continue;
      }
    }
    uses.push(use("unknown", `assigned to \`${text(ctx, target)}\``, target));
  }
  return uses;
}

/**
 * A class attribute (plain, annotated, pydantic `Field(default=...)`, dataclass `field(...)`)
 * or a `self.x` set in a method: read as `self.x` in the class, `Cls.x`, on instances
 * (`x = Cls()`, a parameter annotated `x: Cls`, a function returning `-> Cls`).
 */
function attributeUses(ctx: PyFlowCtx, cls: PyNode, attr: string, path: string[], depth: number, seen: Set<string>): Use[] {
  const tag = `a:${cls.from}:${attr}:${path.join(".")}`;
  if (seen.has(tag)) return [];
  seen.add(tag);
  const uses: Use[] = [];
  const className = cls.children.find((c) => c.name === "VariableName");
  const name = className ? text(ctx, className) : "";
  // A pydantic model dumped as a request's body: its field is that request's model.
  for (const site of ctx.requests.sites) {
    if (site.modelField?.cls === cls && site.modelField.attr === attr && path.length === 0) uses.push(requestUse(ctx, site, site.modelField.dump));
  }
  for (const n of ctx.parsed.all) {
    if (n.name !== "MemberExpression" || n.parent?.name === "AssignStatement" && n.parent.children[0] === n) continue;
    const prop = n.children.find((c) => c.name === "PropertyName");
    if (!prop || text(ctx, prop) !== attr) continue;
    const object = n.children[0]!;
    if (!holdsInstance(ctx, object, cls, name)) continue;
    uses.push(...memberUses(ctx, n, path, depth + 1, seen));
  }
  const topLevel = cls.parent === ctx.parsed.root || (cls.parent?.name === "DecoratedStatement" && cls.parent.parent === ctx.parsed.root);
  if (topLevel) {
    uses.push(use("exported", [name, attr, ...path].join("."), cls));
    // `Settings().model` in another module: a fresh instance built without arguments holds the default.
    uses.push(use("exported", [`${name}()`, attr, ...path].join("."), cls));
    // `settings = Settings()` at module level: importers read `settings.attr`.
    for (const stmt of ctx.parsed.root.children) {
      const value = stmt.name === "AssignStatement" ? stmt.children[stmt.children.length - 1] : undefined;
      const target = stmt.children[0];
      // `settings = get_settings()` with a factory of this file returning the class: the same instance.
      const callee = value?.name === "CallExpression" && value.children[0]!.name === "VariableName" ? text(ctx, value.children[0]!) : undefined;
      const factory = callee && callee !== name ? ctx.scope.lookup(callee, value!.children[0]!)?.find((b) => b.kind === "function")?.value : undefined;
      if (callee && target?.name === "VariableName" && (callee === name || (factory && ctx.scope.factoryClass(factory) === cls))) {
        uses.push(use("exported", [text(ctx, target), attr, ...path].join("."), stmt));
      }
      // `@lru_cache def get_settings(): return Settings()`: importers read `get_settings().attr`.
      const fn = stmt.name === "DecoratedStatement" ? stmt.children.find((c) => c.name === "FunctionDefinition") : stmt.name === "FunctionDefinition" ? stmt : undefined;
      const fnName = fn?.children.find((c) => c.name === "VariableName");
      if (fn && fnName && ctx.scope.factoryClass(fn) === cls) uses.push(use("exported", [`${text(ctx, fnName)}()`, attr, ...path].join("."), fn));
      else if (fn && fnName && buildsClass(ctx, fn, name)) {
        uses.push(use("unknown", `an attribute of what \`${text(ctx, fnName)}()\` returns, which is one of several classes: which one a caller reads is decided at run time`, fn));
      }
    }
  }
  return uses;
}

/** Whether a function's return statements build an instance of the class `name` (among others). */
function buildsClass(ctx: PyFlowCtx, fn: PyNode, name: string): boolean {
  return ctx.parsed.all.some((n) => n.name === "CallExpression" && n.from > fn.from && n.to <= fn.to && n.children[0]?.name === "VariableName" &&
    text(ctx, n.children[0]!) === name && ancestorNamed(n, "ReturnStatement", fn));
}

function ancestorNamed(node: PyNode, type: string, stop: PyNode): boolean {
  for (let p = node.parent; p && p !== stop; p = p.parent) if (p.name === type) return true;
  return false;
}

/** Whether `object` evaluates to `cls` or an instance of it. */
function holdsInstance(ctx: PyFlowCtx, object: PyNode, cls: PyNode, name: string): boolean {
  const t = text(ctx, object);
  if (t === "self" || t === "cls") {
    // A base class's method reads a subclass's override of the attribute too (`cls.model` in an inherited classmethod).
    const reader = ctx.scope.enclosingClass(object);
    return reader === cls || (!!reader && basesInFile(ctx, cls).includes(reader));
  }
  if (t === name) return true;
  // `self.link.model` with `self.link = Link(...)`: another class's held instance.
  const held = memberPath(object, ctx.src);
  if (held?.length === 2 && held[0] === "self") return ctx.scope.heldClass(object, held[1]!) === cls;
  if (object.name === "CallExpression") {
    const callee = object.children[0]!;
    if (callee.name === "VariableName" && text(ctx, callee) === name) return true;
    const fn = callee.name === "VariableName" ? ctx.scope.lookup(text(ctx, callee), callee)?.find((b) => b.kind === "function")?.value : undefined;
    const returns = fn?.children.find((c) => c.name === "TypeDef");
    return !!returns && returns.children.some((c) => c.name === "VariableName" && text(ctx, c) === name);
  }
  if (object.name !== "VariableName") return false;
  const bindings = ctx.scope.lookup(t, object);
  return !!bindings && bindings.length === 1 && ctx.scope.instanceClass(bindings[0]!) === cls;
}

/** The classes `cls` inherits from that this file defines, nearest first. */
function basesInFile(ctx: PyFlowCtx, cls: PyNode, seen = new Set<PyNode>()): PyNode[] {
  seen.add(cls);
  const args = cls.children.find((c) => c.name === "ArgList");
  const out: PyNode[] = [];
  for (const arg of args?.children ?? []) {
    const base = arg.name === "VariableName" ? ctx.scope.classNamed(text(ctx, arg)) : undefined;
    if (!base || seen.has(base)) continue;
    out.push(base, ...basesInFile(ctx, base, seen));
  }
  return out;
}

/** What a function returns goes where its calls go. */
function returnUses(ctx: PyFlowCtx, fn: PyNode | undefined, path: string[], depth: number, seen: Set<string>): Use[] {
  const nameNode = fn?.children.find((c) => c.name === "VariableName");
  if (!fn || !nameNode) return [use("unknown", "returned from a function ds-migrate cannot follow", fn ?? { from: 0, to: 0, name: "", children: [] })];
  const name = text(ctx, nameNode);
  const tag = `r:${fn.from}:${path.join(".")}`;
  if (seen.has(tag)) return [];
  seen.add(tag);
  const uses: Use[] = [];
  const owner = scopeOf(fn);
  // LangChain's labels for a model class (traces, caching keys) and an object's printed form: never sent.
  if (owner.name === "ClassDefinition" && DESCRIBING_METHODS.has(name)) return [use("text", `returned by \`${name}\`, which describes the object (a label for logs and traces)`, fn)];
  if (owner.name === "ClassDefinition") {
    for (const n of ctx.parsed.all) {
      if (n.name !== "CallExpression") continue;
      const callee = memberPath(n.children[0]!, ctx.src);
      if (callee?.length === 2 && callee[0] === "self" && callee[1] === name && ctx.scope.enclosingClass(n) === owner) uses.push(...memberUses(ctx, n, path, depth + 1, seen));
    }
    return uses.length > 0 ? uses : [use("unknown", `returned by the method \`${name}()\``, fn)];
  }
  for (const ref of ctx.scope.references(name, owner)) {
    const parent = ref.parent;
    if (parent?.name === "CallExpression" && parent.children[0] === ref) uses.push(...memberUses(ctx, parent, path, depth + 1, seen));
    else uses.push(use("unknown", `returned by \`${name}\`, which is passed around as a value`, ref));
  }
  if (owner === ctx.parsed.root) uses.push(use("unknown", `returned by \`${name}()\`, which other modules may call`, fn));
  return uses;
}

/** A value passed to a call: a request's model, a default, a lookup, an assertion, a local function or class, or unknown. */
function callArgUses(ctx: PyFlowCtx, call: PyNode, arg: PyNode, path: string[], depth: number, seen: Set<string>): Use[] {
  const site = ctx.requests.byModel.get(arg);
  if (site && path.length === 0) return [requestUse(ctx, site, arg)];
  const calleePath = memberPath(call.children[0]!, ctx.src);
  const last = calleePath?.at(-1) ?? "";
  const args = argumentsOf(call, ctx.src);
  const index = args.findIndex((a) => a.value === arg);
  const a = args[index];
  const what = path.length === 0 ? "" : `in an object (as its \`${path.join(".")}\`) `;
  if (calleePath && ((calleePath.length === 1 && (last === "print" || TEXT_CALLS.has(last))) || (LOG_HEADS.has(calleePath[0]!) && LOG_CALLS.has(last)))) return [];
  if (ASSERT_CALLS.test(last)) return [use("identity", "test data asserted on", call)];
  if (path.length === 0) {
    // `os.getenv("M", "deepseek-chat")`, `cfg.get("model", "deepseek-chat")`: a default flows to the result.
    if (DEFAULT_GETTERS.has(last) && (index === 1 || a?.keyword === "default")) return usesOf(ctx, call, depth + 1, seen);
    if (calleePath && calleePath.length >= 2 && DEFAULT_GETTERS.has(last) && index === 0) return [use("identity", `a lookup key (\`.${last}()\`)`, call)];
    if (COMPARE_METHODS.has(last) && calleePath && calleePath.length >= 2) return [use("identity", `a value checked with \`.${last}()\``, call)];
    if (TRANSPARENT_CALLS.has(last) && (a?.keyword === "default" || index === 0)) return usesOf(ctx, call, depth + 1, seen);
  }
  // `dict(model=...)`: a dict built from keywords, followed like a dict literal.
  if (calleePath?.length === 1 && last === "dict" && a?.keyword && a.keyword !== "**" && a.keyword !== "*" && !ctx.scope.lookup("dict", call.children[0]!)) {
    return containerUses(ctx, call, [a.keyword, ...path], depth, seen);
  }
  // `ChatRequest(model=...)` of an imported pydantic model this file dumps into a request: that request's model.
  const dumped = a?.keyword && path.length === 0 ? ctx.requests.sites.find((s) => s.modelField?.attr === a.keyword && !!s.modelField?.imported?.builds.includes(call)) : undefined;
  if (dumped) return [requestUse(ctx, dumped, arg)];
  // `super().__init__(model=...)`: into the parameter of the base class's `__init__`, and on to where the base reads it.
  const base = ctx.scope.superInitTarget(call);
  const baseInit = base ? ctx.scope.initOf(base.cls) : undefined;
  if (base && baseInit) {
    const param = parameterOf(ctx, baseInit, a, index - base.shift);
    if (param) return bindingPathUses(ctx, param, path, depth + 1, seen);
  }
  const remote = path.length === 0 && a ? remoteSinkUse(ctx, call, a.keyword, args.filter((x) => x.keyword === undefined).indexOf(a)) : undefined;
  if (remote) return [remote];
  // A function or class defined in this file: follow the value into its parameter or field.
  if (calleePath?.length === 1) {
    const bindings = ctx.scope.lookup(last, call.children[0]!);
    const target = bindings?.length === 1 ? bindings[0]! : undefined;
    if (target?.kind === "function" && target.value) {
      const param = parameterOf(ctx, target.value, a, index);
      if (param) return bindingPathUses(ctx, param, path, depth + 1, seen);
    }
    if (target?.kind === "class" && target.value && a?.keyword && ctx.scope.hasField(target.value, a.keyword)) {
      return attributeUses(ctx, target.value, a.keyword, path, depth + 1, seen);
    }
    // `Cls(value)`: into the parameter of its `__init__`, and from there wherever it is stored and read.
    const init = target?.kind === "class" && target.value ? ctx.scope.initOf(target.value) : undefined;
    const param = init ? parameterOf(ctx, init, a, index) : undefined;
    if (param) return bindingPathUses(ctx, param, path, depth + 1, seen);
  }
  // `cls(model=value)` in a classmethod (`from_env`): a construction of the class, like `Cfg(model=value)`.
  const own = calleePath?.length === 1 && a?.keyword ? ctx.scope.clsCallClass(call) : undefined;
  if (own && ctx.scope.hasField(own, a!.keyword!)) return attributeUses(ctx, own, a!.keyword!, path, depth + 1, seen);
  // `bot.complete(value)` with `bot = Bot()`, or `self.complete(value)` in the class: into the method's
  // parameter, in the class and in every subclass of this file overriding it (any of them may be the instance).
  const methods = calleePath?.length === 2 ? localMethods(ctx, call, calleePath[0]!, last) : [];
  const params = methods.map((m) => parameterOf(ctx, m, a, index));
  if (methods.length > 0 && params.every((p) => p)) return params.flatMap((p) => bindingPathUses(ctx, p!, path, depth + 1, seen));
  // `Cfg(model="…")` with `Cfg` imported, its field a legacy default there: say so rather than "no request".
  const field = a?.keyword && path.length === 0 && calleePath?.length === 1 ? importedField(ctx, call, a.keyword) : undefined;
  if (field) {
    return [use("unknown", `passed to \`${last}()\` as its field \`${a!.keyword}\` (whose default, "${field.legacyId}", is at ${field.file}:${field.line}), and ds-migrate does not follow another module's class field to the requests that read it`, call)];
  }
  return [{ ...use("unknown", `${what}passed to ${calleeWords(ctx, call)}`, call), handedOn: true }];
}

/** The exported legacy default of field `name` of the imported class a call builds. */
function importedField(ctx: PyFlowCtx, call: PyNode, name: string) {
  const callee = call.children[0]!;
  const found = ctx.scope.lookup(text(ctx, callee), callee);
  const cls = found?.length === 1 && found[0]!.kind === "import" && found[0]!.source && found[0]!.imported !== "*" ? found[0]! : undefined;
  return cls ? ctx.scope.links?.lookup(ctx.scope.file, cls.source!, `${cls.imported}.${name}`) : undefined;
}

/**
 * The methods `name` that a call on `head` may run, when `head` is tied to a class of this file:
 * `self` in the class's methods, a name assigned once from `Cls()` (or a factory returning it), or
 * a parameter annotated `Cls`. The class's own (or inherited) method and every override in its
 * subclasses here; none when the class has no such method.
 */
function localMethods(ctx: PyFlowCtx, call: PyNode, head: string, name: string): PyNode[] {
  let cls: PyNode | undefined;
  // `cls.build(…)` in a classmethod, `Factory.build(…)` on a class of this file: its class-level method.
  if (head === "self" || head === "cls") cls = ctx.scope.enclosingClass(call);
  else {
    const found = ctx.scope.lookup(head, call.children[0]!);
    const one = found?.length === 1 ? found[0]! : undefined;
    cls = one?.kind === "class" ? one.value : one ? ctx.scope.instanceClass(one) : undefined;
  }
  if (!cls) return [];
  const own = [cls, ...basesInFile(ctx, cls)].map((c) => ctx.scope.methodNamed(c, name)).find((m) => m);
  if (!own) return [];
  const overrides: PyNode[] = [];
  const subs = ctx.scope.subclassesOf(cls);
  for (let i = 0; i < subs.length && i < 50; i++) {
    const m = ctx.scope.methodNamed(subs[i]!, name);
    if (m) overrides.push(m);
    for (const deeper of ctx.scope.subclassesOf(subs[i]!)) if (!subs.includes(deeper)) subs.push(deeper);
  }
  return [own, ...overrides];
}

function parameterOf(ctx: PyFlowCtx, fn: PyNode, arg: { keyword?: string } | undefined, index: number): PyBinding | undefined {
  const list = fn.children.find((c) => c.name === "ParamList");
  if (!list || !arg) return undefined;
  const names = list.children.filter((c) => c.name === "VariableName" && !(c.parent === list && list.children[list.children.indexOf(c) - 1]?.name === ":"));
  const params = names.filter((n) => text(ctx, n) !== "self" && text(ctx, n) !== "cls");
  const node = arg.keyword ? params.find((n) => text(ctx, n) === arg.keyword) : params[index];
  return node ? ctx.scope.lookup(text(ctx, node), node)?.find((b) => b.id === node) : undefined;
}

/** `model.startswith(...)`, `model.lower()`: inspected (identity) or passed on. */
function methodUses(ctx: PyFlowCtx, member: PyNode, depth: number, seen: Set<string>): Use[] {
  const prop = member.children.find((c) => c.name === "PropertyName");
  const name = prop ? text(ctx, prop) : "";
  const call = member.parent;
  if (call?.name === "CallExpression" && call.children[0] === member) {
    if (PASS_METHODS.has(name)) return usesOf(ctx, call, depth + 1, seen);
    if (name === "format") return [];
    if (COMPARE_METHODS.has(name)) {
      // `model.startswith("gpt")`: the legacy IDs and the new one all answer it alike, so it names no model.
      const args = argumentsOf(call, ctx.src);
      const sub = args.length === 1 && !args[0]!.keyword ? stringOf(args[0]!.value, ctx.src)?.value : undefined;
      const how = AFFIX_METHODS.get(name as "startswith");
      if (sub && how && answersAlike(ctx.settings, sub, how)) return [];
      return [use("identity", `a value inspected with \`.${name}()\``, call)];
    }
  }
  return [use("unknown", `a value whose \`.${name}\` is used`, member)];
}

/** A key of a dict that is handed to code ds-migrate cannot follow (a registry such as `ALL_MODELS.update({...})`). */
export function registersKey(ctx: PyFlowCtx, node: PyNode): boolean {
  const dict = node.parent;
  if (dict?.name !== "DictionaryExpression" || dict.children[dict.children.indexOf(node) + 1]?.name !== ":") return false;
  return usesOf(ctx, dict).some((u) => u.kind === "unknown");
}

/** `class M(str, Enum)`, `StrEnum`, `IntEnum`...: a base whose name ends in Enum. */
function isEnumClass(ctx: PyFlowCtx, cls: PyNode): boolean {
  const bases = cls.children.find((c) => c.name === "ArgList")?.children ?? [];
  return bases.some((b) => /Enum$/.test(memberPath(b, ctx.src)?.at(-1) ?? ""));
}

/** Constructs whose entries must stay distinct, with every entry's string value. */
export function siblingsOf(ctx: PyFlowCtx, node: PyNode): Siblings[] {
  const parent = node.parent;
  if (!parent) return [];
  const strings = (nodes: Array<PyNode | undefined>) => nodes.map((n) => stringOf(n, ctx.src)?.value).filter((s): s is string => s !== undefined);
  switch (parent.name) {
    case "DictionaryExpression": {
      const entries = dictEntries(parent);
      const kids = parent.children;
      if (kids[kids.indexOf(node) + 1]?.name === ":") return [{ key: parent, what: "keys of one dict", values: strings(entries.map((e) => e.key)) }];
      const keyNode = kids[kids.indexOf(node) - 2];
      const key = keyNode ? stringOf(keyNode, ctx.src)?.value : undefined;
      if (key && OPTION_FIELDS.has(key) && parent.parent && ["ArrayExpression", "TupleExpression"].includes(parent.parent.name)) {
        const rows = parent.parent.children.filter((c) => c.name === "DictionaryExpression");
        return [{ key: `${parent.parent.from}:${key}`, what: `entries of a list of options (their "${key}")`, values: strings(rows.map((r) => dictEntries(r).find((e) => stringOf(e.key, ctx.src)?.value === key)?.value)) }];
      }
      if (key && !MODEL_KEY.test(key) && isTable(ctx, parent)) return [{ key: parent, what: "values of one table", values: strings(entries.map((e) => e.value)) }];
      if (key && MODEL_KEY.test(key)) return presetSiblings(ctx, parent, key, strings);
      return [];
    }
    case "ArrayExpression":
    case "TupleExpression":
    case "SetExpression":
      if (truthTested(ctx, parent)) return [];
      return [{ key: parent, what: "entries of a list", values: strings(parent.children) }];
    case "ArgList":
      return entryCallSiblings(ctx, node, strings);
    case "AssignStatement": {
      // Enum members with equal values become aliases of one member: two IDs that merge would fold REASONER into CHAT.
      const cls = parent.parent?.name === "Body" ? parent.parent.parent : undefined;
      if (cls?.name !== "ClassDefinition" || !isEnumClass(ctx, cls)) return [];
      const body = parent.parent!.children.filter((c) => c.name === "AssignStatement" && c.children.some((k) => k.name === "AssignOp"));
      return [{ key: cls, what: "members of one Enum", values: strings(body.map((st) => st.children[st.children.length - 1])) }];
    }
    case "MemberExpression":
      if (memberPath(parent.children[0]!, ctx.src)?.at(-1) === "Literal") return [{ key: parent, what: "members of a `Literal` type", values: strings(parent.children) }];
      return [];
    case "LiteralPattern": {
      let match: PyNode | undefined = parent;
      while (match && match.name !== "MatchStatement") match = match.parent;
      if (!match) return [];
      const values = ctx.parsed.all.filter((n) => n.name === "LiteralPattern" && n.from >= match!.from && n.to <= match!.to).map((n) => stringOf(n.children[0], ctx.src)?.value).filter((s): s is string => s !== undefined);
      return [{ key: match, what: "match cases", values }];
    }
    case "BinaryExpression": {
      if (!parent.children.some((c) => c.name === "CompareOp" || c.name === "in")) return [];
      const construct = comparisonConstruct(node);
      const values: string[] = [];
      for (const n of ctx.parsed.all) {
        if (n.name === "String" && n.parent?.name === "BinaryExpression" && n.from >= construct.from && n.to <= construct.to && n.parent.children.some((c) => c.name === "CompareOp")) {
          const v = stringOf(n, ctx.src)?.value;
          if (v !== undefined) values.push(v);
        }
      }
      return [{ key: construct, what: "values compared in one if / elif chain", values }];
    }
  }
  return [];
}

/**
 * `{"fast": Preset(model_id="deepseek-chat"), "deep": Preset(model_id="deepseek-reasoner")}`: a
 * keyword of a call that is an entry of a dict or list. The same keyword of the other entries'
 * calls are its siblings: rewritten alike they would merge two choices of one table.
 */
function entryCallSiblings(ctx: PyFlowCtx, node: PyNode, strings: (nodes: Array<PyNode | undefined>) => string[]): Siblings[] {
  const list = node.parent!;
  const call = list.parent;
  const keyword = argumentsOf(call!, ctx.src).find((a) => a.value === node)?.keyword;
  const table = call?.parent;
  if (!keyword || keyword === "*" || keyword === "**" || !table || !["DictionaryExpression", "ArrayExpression", "TupleExpression"].includes(table.name)) return [];
  const callee = text(ctx, call!.children[0]!);
  const entries = table.children.filter((c) => c.name === "CallExpression" && text(ctx, c.children[0]!) === callee);
  if (entries.length < 2) return [];
  const values = entries.map((c) => argumentsOf(c, ctx.src).find((a) => a.keyword === keyword)?.value);
  return [{ key: `${table.from}:${keyword}`, what: `entries of one table (their \`${keyword}\`)`, values: strings(values), unsent: true }];
}

/** `{"fast": {"model": …}, "deep": {"model": …}}` or a list of such dicts: the `model` of every entry. */
function presetSiblings(ctx: PyFlowCtx, dict: PyNode, key: string, strings: (nodes: Array<PyNode | undefined>) => string[]): Siblings[] {
  const table = dict.parent;
  if (!table || !["DictionaryExpression", "ArrayExpression", "TupleExpression"].includes(table.name)) return [];
  const entries = table.children.filter((c) => c.name === "DictionaryExpression");
  if (entries.length < 2 || !entries.includes(dict)) return [];
  const values = entries.map((d) => dictEntries(d).find((e) => stringOf(e.key, ctx.src)?.value === key)?.value);
  return [{ key: `${table.from}:${key}`, what: `entries of one table (their "${key}")`, values: strings(values), unsent: true }];
}

/** A dict used as a table: indexed by a key only known at run time, or handed on whole. */
function isTable(ctx: PyFlowCtx, dict: PyNode): boolean {
  const { node, parent } = climb(dict);
  if (parent?.name !== "AssignStatement" || parent.children[parent.children.length - 1] !== node) return false;
  const target = parent.children[0];
  if (target?.name !== "VariableName") return false;
  const binding = ctx.scope.lookup(text(ctx, target), target)?.find((b) => b.id === target);
  if (!binding) return false;
  return ctx.scope.references(binding.name, binding.scope).some((ref) => {
    const p = ref.parent;
    if (p?.name !== "MemberExpression" || p.children[0] !== ref) return true;
    const prop = p.children.find((c) => c.name === "PropertyName");
    if (prop) return text(ctx, prop) !== "get" || !stringOf(argumentsOf(p.parent!, ctx.src)[0]?.value, ctx.src);
    const index = p.children.filter((c) => c.name !== "[" && c.name !== "]")[1];
    return !stringOf(index, ctx.src);
  });
}

/** The if/elif chain a comparison sits in, or else its statement. */
function comparisonConstruct(node: PyNode): PyNode {
  let statement: PyNode | undefined;
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === "IfStatement") return n;
    if (!statement && /Statement$/.test(n.name)) statement = n;
    if (n.name === "FunctionDefinition" || n.name === "ClassDefinition") break;
  }
  return statement ?? node;
}

/** A `Literal[...]` annotation with legacy members constrains the default it annotates: they move together. */
export function constraintOf(ctx: PyFlowCtx, node: PyNode): PyNode | undefined {
  const { node: value, parent } = climb(node);
  let typeDef: PyNode | undefined;
  if (parent?.name === "AssignStatement" && parent.children[parent.children.length - 1] === value) typeDef = parent.children.find((c) => c.name === "TypeDef");
  else if (parent?.name === "ParamList") {
    const i = parent.children.indexOf(value);
    typeDef = parent.children[i - 2]?.name === "TypeDef" ? parent.children[i - 2] : undefined;
  } else if (parent?.name === "ArgList" && parent.parent?.name === "CallExpression") {
    // `x: Literal[...] = Field(default="...")`
    const stmt = parent.parent.parent;
    if (stmt?.name === "AssignStatement") typeDef = stmt.children.find((c) => c.name === "TypeDef");
  }
  if (!typeDef) return undefined;
  return ctx.parsed.all.find((n) => n.name === "MemberExpression" && n.from >= typeDef!.from && n.to <= typeDef!.to && memberPath(n.children[0]!, ctx.src)?.at(-1) === "Literal");
}

/** The `Literal[...]` a member belongs to. */
export function literalTypeOf(ctx: PyFlowCtx, node: PyNode): PyNode | undefined {
  const parent = node.parent;
  return parent?.name === "MemberExpression" && memberPath(parent.children[0]!, ctx.src)?.at(-1) === "Literal" ? parent : undefined;
}

/** The function or class a call reaches in another module of the project, with the parameters there that reach a request. */
export function importedSinks(ctx: PyFlowCtx, call: PyNode): { name: string; sinks: ParamSink[]; shift: number } | undefined {
  const links = ctx.scope.links;
  const target = importedCallee(ctx, call);
  if (!target || !links?.sinksOf) return undefined;
  const sinks = links.sinksOf(ctx.scope.file, target.source, target.exported);
  return sinks.length > 0 ? { name: target.shown, sinks, shift: target.shift } : undefined;
}

/**
 * The imported function or class a call runs: `f(...)`, `mod.f(...)`, and the base class's
 * `__init__` through `super().__init__(...)` or `Base.__init__(self, ...)` (shift 1: `self` first)
 * in a class whose base is imported. `exported` is its name in the source module.
 */
export function importedCallee(ctx: PyFlowCtx, call: PyNode): { source: string; exported: string; shown: string; shift: number; method?: string } | undefined {
  const callee = call.children[0]!;
  let path = memberPath(callee, ctx.src);
  let at = callee;
  let shift = 0;
  const prop = callee.name === "MemberExpression" ? callee.children[callee.children.length - 1] : undefined;
  if (prop?.name === "PropertyName" && text(ctx, prop) === "__init__") {
    const object = callee.children[0]!;
    const base = object.name === "CallExpression" && text(ctx, object.children[0]!) === "super" ? firstBase(ctx, call) : object;
    path = base ? memberPath(base, ctx.src) : undefined;
    at = base ?? callee;
    shift = object.name === "CallExpression" ? 0 : 1;
  }
  if (!path) {
    // `Impl().complete(…)`: a method of a fresh instance of an imported class.
    const made = shift === 0 && prop?.name === "PropertyName" ? ctx.scope.receiverImport(call) : undefined;
    const method = prop ? text(ctx, prop) : "";
    return made ? { source: made.source!, exported: `${made.imported}.prototype.${method}`, shown: `${made.name}().${method}`, shift: 0, method: made.imported! } : undefined;
  }
  const found = ctx.scope.lookup(path[0]!, at);
  const head = found?.length === 1 && found[0]!.kind === "import" ? found[0]! : undefined;
  // `svc.send(…)` on an instance of an imported class: its method, exported as `ChatService.prototype.send`.
  const cls = !head && shift === 0 ? ctx.scope.receiverImport(call) : undefined;
  if (cls) return { source: cls.source!, exported: `${cls.imported}.prototype.${path.at(-1)}`, shown: path.join("."), shift: 0, method: cls.imported! };
  if (!head?.source) return undefined;
  const exported = (head.imported === "*" ? path.slice(1) : [head.imported!, ...path.slice(1)]).join(".");
  return exported ? { source: head.source, exported, shown: path.join("."), shift } : undefined;
}

/** The first base of the class a call is in (`class C(Base, metaclass=M)`: `Base`). */
function firstBase(ctx: PyFlowCtx, call: PyNode): PyNode | undefined {
  const cls = ctx.scope.enclosingClass(call);
  return cls ? argumentsOf(cls, ctx.src).find((a) => a.keyword === undefined)?.value : undefined;
}

/**
 * A value passed to a function or class of another module whose parameter becomes a request's
 * model there: a request use once every caller agrees on one ID (that module writes the mode),
 * otherwise unknown, with what else reaches it.
 */
function remoteSinkUse(ctx: PyFlowCtx, call: PyNode, keyword: string | undefined, position: number): Use | undefined {
  const found = importedSinks(ctx, call);
  const sink = found?.sinks.find((s) => (keyword !== undefined ? s.keyword === keyword : s.index === position - found.shift));
  // A field no request is known to read: the caller's value goes nowhere proven (see importedField).
  if (sink?.readElsewhere && !ctx.scope.links?.fieldSent?.(sink)) return undefined;
  return found && sink ? sinkUse(ctx.scope.links!, sink, found.name, { start: call.from, end: call.to }) : undefined;
}

/**
 * A model setting named beside the base URL setting its client reads, in one dict, class body or
 * module (`LLM_MODEL = os.getenv("LLM_MODEL", "…")` under `LLM_BASE_URL = "http://localhost:8000/v1"`),
 * when that URL names another server: an unknown use (see serverBeside). Only asked where no request is traced.
 */
export function serverBesideUse(ctx: PyFlowCtx, literal: PyNode): Use | undefined {
  // `os.getenv("NAME", "…")`, `os.environ.get("NAME", "…")`: the default is the setting's value.
  const call = literal.parent?.name === "ArgList" ? literal.parent.parent : undefined;
  const holder = call?.name === "CallExpression" && envDefault(ctx, call) === literal ? call : literal;
  const parent = holder.parent;
  let name: string | undefined;
  let siblings = (): Array<{ name: string; url: string | undefined }> => [];
  if (parent?.name === "DictionaryExpression") {
    const entries = dictEntries(parent);
    name = stringOf(entries.find((e) => e.value === holder)?.key, ctx.src)?.value;
    siblings = () => entries.flatMap((e) => {
      const key = e.key ? stringOf(e.key, ctx.src)?.value : undefined;
      return key ? [{ name: key, url: settingText(ctx, e.value) }] : [];
    });
  } else if (parent?.name === "AssignStatement" && parent.children.at(-1) === holder && parent.children[0]?.name === "VariableName") {
    name = text(ctx, parent.children[0]);
    siblings = () => (parent.parent?.children ?? []).flatMap((st) => (st.name === "AssignStatement" && st.children[0]?.name === "VariableName" ? [{ name: text(ctx, st.children[0]), url: settingText(ctx, st.children.at(-1)!) }] : []));
  }
  const other = name ? serverBeside(name, siblings, ctx.settings) : undefined;
  return other ? { ...use("unknown", other.words, literal), relay: other.relay } : undefined;
}

/** The default argument of `os.getenv(name, default)` / `os.environ.get(name, default)`. */
function envDefault(ctx: PyFlowCtx, call: PyNode): PyNode | undefined {
  const callee = memberPath(call.children[0]!, ctx.src)?.join(".");
  if (callee !== "os.getenv" && callee !== "os.environ.get" && callee !== "getenv") return undefined;
  const args = argumentsOf(call, ctx.src);
  return args.length === 2 && !args[1]!.keyword ? args[1]!.value : undefined;
}

/** A setting's text: a string, or the default of `os.getenv(…)`. */
function settingText(ctx: PyFlowCtx, value: PyNode): string | undefined {
  const fallback = value.name === "CallExpression" ? envDefault(ctx, value) : undefined;
  return stringOf(fallback ?? value, ctx.src)?.value;
}

