// Where a Python file sends requests: OpenAI clients (v1 and the pre-1.0 module API),
// raw JSON bodies (requests/httpx/aiohttp), and the constructors and functions of the
// shape table (LangChain, LiteLLM, DSPy...), each with its model, host and pass-through.
import type { Settings } from "../../src/rules.js";
import { hostOfBase, hostOfText, textCompletionPass, type HostVerdict } from "../shared.js";
import { AUTOGEN_CONFIG_LIST_ADVICE, TEXT_COMPLETION_PASS, moduleMatches, shapesFor, type CallShape, type PassThrough } from "../shapes.js";
import { positionalIndex, scopeOf, type PyBinding, type PyScope } from "./scope.js";
import { argumentsOf, dictEntries, memberPath, stringOf, type Argument, type PyNode, type PyParsed } from "./tree.js";

export type { HostVerdict };

export interface PyRequest {
  shape: string;
  call: PyNode;
  /** The model expression (a keyword value, a positional argument, or a dict entry's value). */
  model?: PyNode;
  /** The keyword argument (or dict entry) holding the model: the mode goes after it. */
  after?: { containerStart: number; itemStart: number; itemEnd: number };
  /** For a model inside a `**params` dict or a JSON body dict: that dict. */
  dict?: PyNode;
  /** For `**params` built with `dict(model=..., ...)`: that call (its keywords are the request's). */
  kwargsCall?: PyNode;
  args: Argument[];
  pass: PassThrough;
  host: HostVerdict;
  prefixes: string[];
  /** The client release the pass-through was chosen for (transforms/pins.ts). */
  dependency?: string;
  /** The pinned release does not forward the pass-through: `pass` is then "none". */
  withheld?: boolean;
  /**
   * A pydantic model's dump sent as the body, the mode merged over the dump: the model is the
   * local class's field (every construction's), or for an imported class what the constructions
   * here (`builds`) pass, else the default its module exports.
   */
  modelField?: { cls?: PyNode; imported?: { binding: PyBinding; builds: PyNode[] }; attr: string; dump: PyNode };
  /** Found through the project's own helper or model class: a request only where its host is proven DeepSeek's. */
  provenHostOnly?: boolean;
}

export interface PyRequests {
  sites: PyRequest[];
  /** Model expression → its request (keywords, positionals, dict entries). */
  byModel: Map<PyNode, PyRequest>;
  /** Dicts that are request bodies or `**` params of a request. */
  byDict: Map<PyNode, PyRequest>;
}

export interface PyFindCtx {
  src: string;
  parsed: PyParsed;
  scope: PyScope;
  settings: Settings;
}

const SDK_METHODS = new Set(["create", "parse", "stream", "acreate"]);
const OPENAI_CLIENTS = new Set(["OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"]);
const POST_METHODS = new Set(["post", "put", "patch", "request"]);
const BASE_URL_KEYWORDS = ["base_url", "openai_api_base", "api_base"];

export function findPyRequests(ctx: PyFindCtx): PyRequests {
  const clients = findClients(ctx);
  const moduleHost = moduleHosts(ctx);
  const out: PyRequests = { sites: [], byModel: new Map(), byDict: new Map() };
  const shapes = shapesFor("py");
  for (const dict of ctx.parsed.all) {
    const site = dict.name === "DictionaryExpression" ? liteLlmDeployment(ctx, dict) ?? autogenConfigEntry(ctx, dict) : undefined;
    if (!site) continue;
    out.sites.push(site);
    out.byModel.set(site.model!, site);
    out.byDict.set(site.dict!, site);
  }
  for (const call of ctx.parsed.all) {
    if (call.name !== "CallExpression") continue;
    const found = sdkRequest(ctx, call, clients, moduleHost) ?? shapeRequest(ctx, call, shapes, clients) ?? httpRequest(ctx, call);
    for (const site of Array.isArray(found) ? found : found ? [found] : []) {
      out.sites.push(textCompletionPass(site));
      if (site.model) out.byModel.set(site.model, site);
      if (site.dict) out.byDict.set(site.dict, site);
      if (site.kwargsCall) out.byDict.set(site.kwargsCall, site);
    }
  }
  return out;
}

/** `client = OpenAI(base_url=...)`, `self.client = AsyncOpenAI(...)`: name → host. */
function findClients(ctx: PyFindCtx): Map<string, HostVerdict> {
  const clients = new Map<string, HostVerdict>();
  const disagree = new Set<string>();
  for (const node of ctx.parsed.all) {
    // A client built anywhere else (`return OpenAI(base_url=…)` in a factory): its base URL is still an SDK client's.
    if (node.name === "CallExpression" && node.parent?.name !== "AssignStatement") clientHost(ctx, node);
    if (node.name !== "AssignStatement") continue;
    const value = node.children[node.children.length - 1]!;
    const host = clientHost(ctx, value) ?? builtByMethod(ctx, value);
    const target = memberPath(node.children[0]!, ctx.src);
    if (!host || !target) continue;
    const key = target.join(".");
    // `self.client` in two classes names two clients: each class's requests use its own.
    const cls = target[0] === "self" ? ctx.scope.enclosingClass(node) : undefined;
    if (cls) clients.set(`${key}@${cls.from}`, host);
    const before = clients.get(key);
    if (before && JSON.stringify(before) !== JSON.stringify(host)) disagree.add(key);
    clients.set(key, host);
  }
  // One name given clients of different hosts: which one a request uses is not known from the name alone.
  for (const key of disagree) clients.set(key, { kind: "unknown" });
  return clients;
}

/** The client a request's receiver names: `self.client` as the request's own class set it, else by name. */
function clientAt(ctx: PyFindCtx, clients: Map<string, HostVerdict>, key: string, at: PyNode): HostVerdict | undefined {
  const cls = key.startsWith("self.") ? ctx.scope.enclosingClass(at) : undefined;
  return (cls && clients.get(`${key}@${cls.from}`)) || clients.get(key);
}

/**
 * `self.client = self._make_client()`: the client a method of the class returns, when every
 * return builds one (an OpenAI client per provider branch); DeepSeek's when every one is.
 */
function builtByMethod(ctx: PyFindCtx, value: PyNode): HostVerdict | undefined {
  const path = value.name === "CallExpression" ? memberPath(value.children[0]!, ctx.src) : undefined;
  const cls = path?.length === 2 && path[0] === "self" ? ctx.scope.enclosingClass(value) : undefined;
  const fn = cls ? ctx.scope.methodNamed(cls, path![1]!) : undefined;
  if (!fn) return undefined;
  const hosts = ctx.scope.returnsOf(fn).map((v) => (v ? clientHost(ctx, v) : undefined));
  if (hosts.length === 0 || hosts.some((h) => !h)) return undefined;
  return hosts.every((h) => h!.kind === "deepseek") ? { kind: "deepseek" } : { kind: "unknown" };
}

/** The host of an OpenAI client built here (also through instructor.from_openai / patch). */
function clientHost(ctx: PyFindCtx, value: PyNode): HostVerdict | undefined {
  if (value.name !== "CallExpression") return undefined;
  const path = memberPath(value.children[0]!, ctx.src);
  let name = path?.at(-1) ?? "";
  // `from openai import OpenAI as OpenAI_`: the class under its own name.
  const alias = path?.length === 1 ? ctx.scope.lookup(name, value.children[0]!) : undefined;
  if (alias?.length === 1 && alias[0]!.kind === "import" && alias[0]!.source === "openai" && alias[0]!.imported) name = alias[0]!.imported;
  const args = argumentsOf(value, ctx.src);
  if (OPENAI_CLIENTS.has(name)) return hostFromArgs(ctx, args, BASE_URL_KEYWORDS);
  if ((name === "from_openai" || name === "patch") && args[0] && !args[0].keyword) return clientHost(ctx, args[0].value);
  return undefined;
}

/** The host a keyword names; a dotted keyword (`provider.base_url`) looks inside the call that keyword holds. */
export function hostFromArgs(ctx: PyFindCtx, args: Argument[], keywords: string[]): HostVerdict {
  for (const keyword of keywords) {
    const [head, ...rest] = keyword.split(".");
    let arg = args.find((a) => a.keyword === head);
    for (const part of rest) {
      const inner = arg ? callOf(ctx, arg.value) : undefined;
      arg = inner ? argumentsOf(inner, ctx.src).find((a) => a.keyword === part) : undefined;
    }
    if (arg) return hostOfExpr(ctx, arg.value, true);
  }
  return { kind: "unknown" };
}

/** A call written in place, or the call a name was assigned (`provider = DeepSeekProvider(...)`). */
function callOf(ctx: PyFindCtx, expr: PyNode): PyNode | undefined {
  if (expr.name === "CallExpression") return expr;
  if (expr.name !== "VariableName") return undefined;
  const found = ctx.scope.lookup(ctx.src.slice(expr.from, expr.to), expr);
  const value = found?.length === 1 ? found[0]!.value : undefined;
  return value?.name === "CallExpression" ? value : undefined;
}

/** A URL expression's host, through names, f-string heads and `os.getenv(..., default)`. */
export function hostOfExpr(ctx: PyFindCtx, expr: PyNode, asBase = false, depth = 0): HostVerdict {
  if (asBase) ctx.scope.baseUrlArgs.add(expr);
  const resolved = ctx.scope.resolve(expr);
  if (resolved.kind === "string" && asBase) ctx.scope.baseLiterals.add(resolved.literal);
  if (resolved.kind === "string") return asBase ? hostOfBase(ctx.settings, resolved.value) : hostOfText(ctx.settings, resolved.value);
  if (resolved.kind === "dynamic" && resolved.fallback) return hostOfText(ctx.settings, resolved.fallback);
  if (importedHost(ctx, expr) || importedHost(ctx, selfHeld(ctx, expr) ?? expr)) return { kind: "deepseek" };
  const other = importedOtherHost(ctx, expr) ?? importedOtherHost(ctx, selfHeld(ctx, expr) ?? expr);
  if (other) return { kind: "gateway", url: other.url };
  const head = leadingText(ctx, expr, 0);
  if (head) return hostOfText(ctx.settings, head);
  // `if "base_url" in kwargs: url = kwargs.pop("base_url") else: url = os.getenv("X", default="https://api.deepseek.com")`:
  // the caller's value when given, else DeepSeek's host, as `url or os.getenv(...)` reads (that one is DeepSeek's too).
  const found = expr.name === "VariableName" && depth < 3 ? ctx.scope.lookup(ctx.src.slice(expr.from, expr.to), expr) : undefined;
  if (found && found.length > 1 && found.every((b) => b.kind === "assign" && b.value)) {
    const hosts = found.map((b) => hostOfExpr(ctx, b.value!, asBase, depth + 1));
    if (hosts.some((h) => h.kind === "deepseek") && hosts.every((h) => h.kind !== "gateway")) return { kind: "deepseek" };
  }
  return { kind: "unknown" };
}

/**
 * The known leading text of a URL being built where `resolve` has none: the left side of a `+`
 * (`ROOT + "/chat/completions"`), an f-string opening with a base trimmed of slashes
 * (`f"{root.rstrip('/')}/chat/completions"`), a name assigned once from either.
 */
function leadingText(ctx: PyFindCtx, expr: PyNode, depth: number): string | undefined {
  const node = expr.name === "ParenthesizedExpression" ? expr.children[1] ?? expr : expr;
  const text = (n: PyNode) => ctx.src.slice(n.from, n.to);
  if (depth > 6) return undefined;
  const [left, op, right] = node.children;
  if (node.name === "BinaryExpression" && op?.name === "ArithOp" && text(op) === "+" && left && right) {
    const head = leadingText(ctx, left, depth + 1);
    return head === undefined ? undefined : head + (stringOf(right, ctx.src)?.value ?? "");
  }
  const trimmed = slashesTrimmed(ctx, node);
  if (trimmed) return leadingText(ctx, trimmed, depth + 1)?.replace(/[/\s]+$/, "");
  const open = node.name === "FormatString" ? /^[rRbBuU]?[fF][rR]?("""|'''|"|')/.exec(text(node)) : null;
  const first = node.children.find((c) => c.name === "FormatReplacement");
  if (open && first && first.from === node.from + open[0].length) {
    const inner = first.children.find((c) => c.name !== "{" && c.name !== "}");
    const head = inner ? leadingText(ctx, inner, depth + 1) : undefined;
    return head === undefined ? undefined : head + ctx.src.slice(first.to, node.to - open[1]!.length).split("{")[0];
  }
  const resolved = ctx.scope.resolve(node);
  if (resolved.kind === "string") return resolved.value;
  if (resolved.kind === "dynamic" && resolved.fallback) return resolved.fallback;
  // An entry picked at run time from a table of this file (`PROVIDERS[model]["host"]`): DeepSeek's
  // host when one entry names it, as a default does (the request goes there for some keys).
  if (resolved.kind === "choices") {
    return resolved.literals.map((n) => stringOf(n, ctx.src)?.value).find((t) => t !== undefined && hostOfText(ctx.settings, t).kind === "deepseek");
  }
  const found = node.name === "VariableName" ? ctx.scope.lookup(text(node), node) : undefined;
  return found?.length === 1 && found[0]!.kind === "assign" && found[0]!.value ? leadingText(ctx, found[0]!.value, depth + 1) : undefined;
}

/** `base.rstrip("/")`, `base.strip()`, `base.removesuffix("/")`: the base itself, as far as its host goes. */
function slashesTrimmed(ctx: PyFindCtx, node: PyNode): PyNode | undefined {
  const callee = node.name === "CallExpression" ? node.children[0] : undefined;
  const method = callee?.name === "MemberExpression" ? callee.children.at(-1) : undefined;
  if (!callee || method?.name !== "PropertyName") return undefined;
  const args = argumentsOf(node, ctx.src);
  const chars = args.length === 0 ? "" : args.length === 1 && !args[0]!.keyword ? stringOf(args[0]!.value, ctx.src)?.value : undefined;
  const name = ctx.src.slice(method.from, method.to);
  const trims = ["rstrip", "strip"].includes(name) ? chars !== undefined && /^[/\s]*$/.test(chars) : name === "removesuffix" && chars === "/";
  return trims ? callee.children[0] : undefined;
}

/** `BASE` or `conf.BASE` imported from a module where that name names DeepSeek's API (TransformResult.hosts). */
function importedHost(ctx: PyFindCtx, expr: PyNode): boolean {
  const hostExport = ctx.scope.links?.hostExport;
  return !!hostExport && importedReads(ctx, expr).some((r) => hostExport.call(ctx.scope.links, ctx.scope.file, r.source, r.name));
}

/** The same for a name another module holds another server's URL in (TransformResult.otherHosts). */
function importedOtherHost(ctx: PyFindCtx, expr: PyNode): { url: string; setting?: string } | undefined {
  const links = ctx.scope.links;
  if (!links?.otherHostExport) return undefined;
  for (const r of importedReads(ctx, expr)) {
    const found = links.otherHostExport(ctx.scope.file, r.source, r.name);
    if (found) return found;
  }
  return undefined;
}

/** The imported names an expression may read: the name itself, or (`from app.conf import conf` read as `conf.BASE_URL`) a field of the settings instance that module makes. */
function importedReads(ctx: PyFindCtx, expr: PyNode): Array<{ source: string; name: string }> {
  const out: Array<{ source: string; name: string }> = [];
  const read = ctx.scope.importedName(expr);
  if (read) out.push({ source: read.source, name: read.name });
  const path = memberPath(expr, ctx.src);
  const head = path?.length === 2 ? ctx.scope.lookup(path[0]!, expr) : undefined;
  const binding = head?.length === 1 && head[0]!.kind === "import" && head[0]!.source && head[0]!.imported !== "*" ? head[0]! : undefined;
  if (binding) out.push({ source: binding.source!, name: `${binding.imported}.${path![1]}` });
  return out;
}

/** `self.url` where the class sets it once (`self.url = settings.CHAT_URL` in `__init__`): that value. */
function selfHeld(ctx: PyFindCtx, expr: PyNode): PyNode | undefined {
  const path = expr.name === "MemberExpression" ? memberPath(expr, ctx.src) : undefined;
  const cls = path?.length === 2 && path[0] === "self" ? ctx.scope.enclosingClass(expr) : undefined;
  const values = cls ? ctx.scope.selfValues(cls, path![1]!) : [];
  return values.length === 1 ? values[0] : undefined;
}

interface ModuleHosts {
  /** What `openai.ChatCompletion.create` (pre-1.0) talks to. */
  legacy: HostVerdict;
  /** What `openai.chat.completions.create` (1.x's module-level client) talks to. */
  v1: HostVerdict;
}

/**
 * The module-level hosts: `openai.api_base = "…"` (the pre-1.0 SDK's) and `openai.base_url = "…"`
 * (1.x's module client). Pre-1.0 calls never read `openai.base_url`: with only that set to
 * DeepSeek's, they go to OpenAI (and 1.x has no `openai.ChatCompletion`), so they are not DeepSeek's requests.
 */
function moduleHosts(ctx: PyFindCtx): ModuleHosts {
  let apiBase: HostVerdict | undefined;
  let baseUrl: HostVerdict | undefined;
  for (const node of ctx.parsed.all) {
    if (node.name !== "AssignStatement") continue;
    const target = memberPath(node.children[0]!, ctx.src)?.join(".");
    if (target === "openai.api_base") apiBase ??= hostOfExpr(ctx, node.children[node.children.length - 1]!, true);
    else if (target === "openai.base_url") baseUrl ??= hostOfExpr(ctx, node.children[node.children.length - 1]!, true);
  }
  const notRead: HostVerdict = { kind: "gateway", url: "OpenAI's API (openai.ChatCompletion reads openai.api_base; the openai.base_url set here is the 1.x client's)" };
  return {
    legacy: apiBase ?? (baseUrl?.kind === "deepseek" ? notRead : { kind: "unknown" }),
    v1: apiBase ?? baseUrl ?? { kind: "unknown" },
  };
}

function clientKey(path: string[]): string {
  return path[0] === "self" ? path.slice(0, 2).join(".") : path[0]!;
}

/** `client.chat.completions.create(model=...)` (v1) and `openai.ChatCompletion.create(model=...)` (pre-1.0). */
function sdkRequest(ctx: PyFindCtx, call: PyNode, clients: Map<string, HostVerdict>, moduleHost: ModuleHosts): PyRequest | undefined {
  const direct = memberPath(call.children[0]!, ctx.src) ?? optionedPath(ctx, call.children[0]!);
  const threaded = threadedCallee(ctx, call, direct);
  const callee = threaded ?? call.children[0]!;
  const path = threaded ? memberPath(threaded, ctx.src) : direct;
  if (!path || path.length < 2 || !SDK_METHODS.has(path.at(-1)!)) return undefined;
  const legacy = path.length === 3 && path[0] === "openai" && (path[1] === "ChatCompletion" || path[1] === "Completion");
  if (!legacy && !path.includes("completions")) return undefined;
  const args = argumentsOf(call, ctx.src);
  let host: HostVerdict = legacy ? moduleHost.legacy : clientAt(ctx, clients, clientKey(path), call) ?? inlineHost(ctx, callee) ?? heldClientHost(ctx, call, path) ?? { kind: "unknown" };
  if (!legacy && host.kind === "unknown" && clients.size === 0 && moduleHost.v1.kind !== "unknown") host = moduleHost.v1;
  // `completions.create` without `chat` (and `openai.Completion`): the text completion endpoint.
  const text = legacy ? path[1] === "Completion" : !path.includes("chat");
  const pass: PassThrough = text ? TEXT_COMPLETION_PASS : legacy ? { kind: "field" } : { kind: "kwarg", name: "extra_body" };
  const site: PyRequest = { shape: legacy ? "openai-legacy" : "openai-sdk", call, args, pass, host, prefixes: [] };
  return withModel(ctx, site, ["model"], undefined);
}

/**
 * `client.with_options(timeout=5).chat.completions.create(...)`: the SDK's per-request options
 * return a copy of the same client, so the path is read as if they were not there.
 */
function optionedPath(ctx: PyFindCtx, node: PyNode): string[] | undefined {
  if (node.name !== "MemberExpression") return undefined;
  const [object, ...rest] = node.children;
  const prop = rest.find((c) => c.name === "PropertyName");
  if (!object || !prop) return undefined;
  const name = ctx.src.slice(prop.from, prop.to);
  if (object.name === "CallExpression") {
    const inner = object.children[0]!;
    const innerPath = memberPath(inner, ctx.src) ?? optionedPath(ctx, inner);
    return innerPath?.at(-1) === "with_options" ? [...innerPath.slice(0, -1), name] : undefined;
  }
  const head = optionedPath(ctx, object);
  return head ? [...head, name] : undefined;
}

/**
 * `asyncio.to_thread(client.chat.completions.create, model=..., ...)`: the method runs with the
 * keywords given after it, so the call is the request (a pass-through keyword written there
 * reaches the method too).
 */
function threadedCallee(ctx: PyFindCtx, call: PyNode, path: string[] | undefined): PyNode | undefined {
  // Most calls are not `to_thread`: their callee's last name says so before any join or lookup.
  if (path?.at(-1) !== "to_thread") return undefined;
  const name = path.join(".");
  const threaded = name === "asyncio.to_thread" || (name === "to_thread" && ctx.scope.importSource("to_thread") === "asyncio");
  const first = threaded ? argumentsOf(call, ctx.src)[0] : undefined;
  return first && !first.keyword && first.value.name === "MemberExpression" ? first.value : undefined;
}

/**
 * A client another object of this file holds: `self.conn.sdk.chat.completions.create(...)` with
 * `self.conn = Conn(...)` and `Conn` setting `self.sdk = OpenAI(...)` (apart from a `None`
 * placeholder), or `conn.sdk...` with `conn = Conn(...)` (see PyScope.heldClass).
 */
function heldClientHost(ctx: PyFindCtx, call: PyNode, path: string[]): HostVerdict | undefined {
  const receiver = path.slice(0, path.indexOf(path.includes("chat") ? "chat" : "completions"));
  const [head, ...attrs] = receiver[0] === "self" ? receiver.slice(1) : receiver;
  if (!head || attrs.length !== 1) return undefined;
  const cls = receiver[0] === "self" ? ctx.scope.heldClass(call, head) : ctx.scope.returnedClass(onlyValue(ctx, (ctx.scope.lookup(head, call) ?? []).map((b) => b.value)));
  const client = cls ? onlyValue(ctx, ctx.scope.selfValues(cls, attrs[0]!)) : undefined;
  return client ? clientHost(ctx, client) : undefined;
}

/** The one value assigned, leaving out `None` placeholders. */
function onlyValue(ctx: PyFindCtx, values: Array<PyNode | undefined>): PyNode | undefined {
  const real = values.filter((v) => !v || ctx.src.slice(v.from, v.to) !== "None");
  return real.length === 1 ? real[0] : undefined;
}

/** `OpenAI(...).chat.completions.create(...)`: the receiver built in place. */
function inlineHost(ctx: PyFindCtx, callee: PyNode): HostVerdict | undefined {
  let n = callee;
  while (n.name === "MemberExpression") n = n.children[0]!;
  return clientHost(ctx, n);
}

/** Where the model is: a keyword, a positional, or an entry of a `**params` dict. */
function withModel(ctx: PyFindCtx, site: PyRequest, keywords: string[], positional: number | undefined): PyRequest {
  const argList = site.call.children.find((c) => c.name === "ArgList")!;
  const kw = site.args.find((a) => a.keyword && keywords.includes(a.keyword));
  if (kw) {
    site.model = kw.value;
    site.after = { containerStart: argList.from, itemStart: kw.nameNode!.from, itemEnd: kw.value.to };
    return site;
  }
  const positionals = site.args.filter((a) => !a.keyword);
  if (positional !== undefined && positionals[positional]) {
    const p = positionals[positional]!.value;
    site.model = p;
    site.after = { containerStart: argList.from, itemStart: p.from, itemEnd: p.to };
    return site;
  }
  for (const spread of site.args.filter((a) => a.keyword === "**")) {
    const call = kwargsCallOf(ctx, spread.value);
    if (call) {
      // `kwargs = dict(model=..., ...)` then `create(**kwargs)`: the call's keywords are the request's, and the mode goes in as one.
      const inner = argumentsOf(call, ctx.src);
      const kw = inner.find((a) => a.keyword && keywords.includes(a.keyword));
      site.kwargsCall = call;
      site.args = [...site.args.filter((a) => a !== spread), ...inner];
      if (kw) {
        site.model = kw.value;
        site.after = { containerStart: call.children.find((c) => c.name === "ArgList")!.from, itemStart: kw.nameNode!.from, itemEnd: kw.value.to };
      }
      return site;
    }
    const resolved = ctx.scope.resolve(spread.value);
    if (resolved.kind !== "dict") continue;
    const entry = dictEntries(resolved.node).find((e) => e.key && stringOf(e.key, ctx.src)?.value === "model");
    site.dict = resolved.node;
    if (entry) {
      site.model = entry.value;
      site.after = { containerStart: resolved.node.from, itemStart: entry.key!.from, itemEnd: entry.value.to };
    }
    return site;
  }
  return site;
}

/** The `dict(...)` call a name is bound to once (`kwargs = dict(model=...)`), if it is one. */
function kwargsCallOf(ctx: PyFindCtx, value: PyNode): PyNode | undefined {
  if (value.name !== "VariableName") return undefined;
  const bindings = ctx.scope.lookup(ctx.src.slice(value.from, value.to), value);
  const bound = bindings?.length === 1 ? bindings[0]!.value : undefined;
  const callee = bound?.name === "CallExpression" ? bound.children[0] : undefined;
  return callee?.name === "VariableName" && ctx.src.slice(callee.from, callee.to) === "dict" && !ctx.scope.lookup("dict", callee) ? bound : undefined;
}

/** A constructor or function from the shape table: `ChatOpenAI(model=..., base_url=...)`, `litellm.completion(...)`. */
function shapeRequest(ctx: PyFindCtx, call: PyNode, shapes: CallShape[], clients: Map<string, HostVerdict>): PyRequest | undefined {
  const path = memberPath(call.children[0]!, ctx.src);
  const name = path?.at(-1);
  if (!path || !name) return undefined;
  for (const shape of shapes) {
    if (!shape.names.includes(name)) continue;
    const source = ctx.scope.importSource(path[0]!);
    const unbound = shape.unbound && !ctx.scope.lookup(path[0]!, call)?.length;
    if (shape.from.length > 0 && !unbound && !shape.from.some((f) => moduleMatches(source, f))) continue;
    if (shape.alongside && !ctx.scope.imports().some((b) => b.source === source && shape.alongside!.includes(b.imported ?? ""))) continue;
    const args = argumentsOf(call, ctx.src);
    const site: PyRequest = { shape: shape.id, call, args, pass: shape.pass, host: { kind: "unknown" }, prefixes: shape.prefixes };
    withModel(ctx, site, shape.model.keys, shape.model.positional);
    site.host = shapeHost(ctx, shape, args, clients);
    // LiteLLM's `openai/` route sends the rest of the name to the base URL: DeepSeek's model there.
    if (site.host.kind === "deepseek" && shape.prefixes.includes("deepseek/")) site.prefixes = [...shape.prefixes, "openai/"];
    return site;
  }
  return undefined;
}

/** A shape's host: always DeepSeek, a base URL, the client handed in, or a provider option (by value or class). */
function shapeHost(ctx: PyFindCtx, shape: CallShape, args: Argument[], clients: Map<string, HostVerdict>): HostVerdict {
  const { host } = shape;
  if (host.always) {
    // Its base-URL option is still a client's base URL: a bare host written there gains /v1 like an OpenAI
    // client's, and another host named there (a relay such as OpenRouter) is where the request goes.
    const byUrl = host.baseUrl ? hostFromArgs(ctx, args, host.baseUrl) : undefined;
    return byUrl?.kind === "gateway" ? byUrl : { kind: "deepseek" };
  }
  const byUrl = host.baseUrl ? hostFromArgs(ctx, args, host.baseUrl) : { kind: "unknown" as const };
  if (byUrl.kind !== "unknown") return byUrl;
  if (host.client) {
    const arg = args.find((a) => a.keyword === host.client!.key) ?? (host.client.positional !== undefined ? args.filter((a) => !a.keyword)[host.client.positional] : undefined);
    if (arg) return clientHost(ctx, arg.value) ?? clientAt(ctx, clients, memberPath(arg.value, ctx.src)?.join(".") ?? "", arg.value) ?? { kind: "unknown" };
  }
  if (host.provider) return providerHost(ctx, host.provider, args);
  return { kind: "unknown" };
}

/** `model_provider="deepseek"`, `provider=DeepSeekProvider(...)`: DeepSeek; another provider: not DeepSeek's API. */
function providerHost(ctx: PyFindCtx, provider: { key: string; value: string; classes?: string[] }, args: Argument[]): HostVerdict {
  const arg = args.find((a) => a.keyword === provider.key);
  if (!arg) return { kind: "unknown" };
  const value = ctx.scope.resolve(arg.value);
  if (value.kind === "string") return value.value === provider.value ? { kind: "deepseek" } : { kind: "gateway", url: `the ${value.value} provider` };
  const call = callOf(ctx, arg.value);
  const className = call ? memberPath(call.children[0]!, ctx.src)?.at(-1) : undefined;
  if (className && provider.classes?.includes(className)) return { kind: "deepseek" };
  return { kind: "unknown" };
}

/**
 * A LiteLLM Router deployment, `{"model_name": ..., "litellm_params": {"model": "deepseek/...", ...}}`:
 * its `litellm_params.model` is what the provider receives; litellm_params are passed to completion().
 */
function liteLlmDeployment(ctx: PyFindCtx, entry: PyNode): PyRequest | undefined {
  const params = dictEntries(entry).find((e) => e.key && stringOf(e.key, ctx.src)?.value === "litellm_params")?.value;
  if (params?.name !== "DictionaryExpression") return undefined;
  const model = dictEntries(params).find((e) => e.key && stringOf(e.key, ctx.src)?.value === "model");
  if (!model) return undefined;
  return {
    shape: "litellm-deployment", call: params, args: [], dict: params, model: model.value,
    after: { containerStart: params.from, itemStart: model.key!.from, itemEnd: model.value.to },
    pass: { kind: "kwarg", name: "extra_body" }, host: { kind: "unknown" }, prefixes: ["deepseek/"],
  };
}

/**
 * An AutoGen 0.2 / AG2 `config_list` entry, `{"model": ..., "base_url": ...}` inside a list
 * under `config_list` (or a list assigned to a name `config_list`): the model AutoGen sends.
 */
function autogenConfigEntry(ctx: PyFindCtx, entry: PyNode): PyRequest | undefined {
  const list = entry.parent;
  if (list?.name !== "ArrayExpression" || !underConfigList(ctx, list)) return undefined;
  const entries = dictEntries(entry);
  const keyOf = (e: { key?: PyNode }) => (e.key ? stringOf(e.key, ctx.src)?.value : undefined);
  const model = entries.find((e) => keyOf(e) === "model");
  if (!model) return undefined;
  const url = entries.find((e) => keyOf(e) === "base_url");
  return {
    shape: "autogen-config-list", call: entry, args: [], dict: entry, model: model.value,
    after: { containerStart: entry.from, itemStart: model.key!.from, itemEnd: model.value.to },
    pass: { kind: "none", advice: AUTOGEN_CONFIG_LIST_ADVICE }, host: url ? hostOfExpr(ctx, url.value, true) : { kind: "unknown" }, prefixes: [],
  };
}

function underConfigList(ctx: PyFindCtx, list: PyNode): boolean {
  const parent = list.parent;
  if (!parent) return false;
  if (parent.name === "AssignStatement") return memberPath(parent.children[0]!, ctx.src)?.at(-1) === "config_list";
  if (parent.name === "DictionaryExpression") {
    const keyed = dictEntries(parent).find((e) => e.value === list);
    return !!keyed?.key && stringOf(keyed.key, ctx.src)?.value === "config_list";
  }
  if (parent.name === "ArgList" && parent.parent) return argumentsOf(parent.parent, ctx.src).find((a) => a.value === list)?.keyword === "config_list";
  return false;
}

/**
 * `requests.post(url, json={...})`, `httpx`, aiohttp, `data=json.dumps({...})`: a JSON chat body.
 * A body that is a parameter of the function posting it (`def _make_request(self, body)`) is
 * each dict the calls in this file pass: one request per call, its mode written in that dict.
 */
function httpRequest(ctx: PyFindCtx, call: PyNode): PyRequest | PyRequest[] | undefined {
  const path = memberPath(call.children[0]!, ctx.src);
  if (!path || path.length < 2 || !POST_METHODS.has(path.at(-1)!)) return undefined;
  const args = argumentsOf(call, ctx.src);
  // `requests.request("POST", url, ...)`: the method comes first.
  const url = args.filter((a) => !a.keyword)[path.at(-1) === "request" ? 1 : 0] ?? args.find((a) => a.keyword === "url");
  const bodyArg = args.find((a) => a.keyword === "json") ?? args.find((a) => a.keyword === "data");
  if (!url || !bodyArg) return undefined;
  let bodyExpr = bodyArg.value;
  if (bodyArg.keyword === "data") {
    const dumps = jsonDumpsCall(ctx, bodyExpr);
    const inner = dumps ? argumentsOf(dumps, ctx.src)[0] : undefined;
    if (dumps && !inner) return undefined;
    if (inner) bodyExpr = inner.value;
  }
  const dumped = ctx.scope.dumpedModel(bodyExpr);
  if (dumped) return dumpSite(ctx, call, args, bodyExpr, dumped, undefined, joinedHost(ctx, path, url.value));
  const imported = ctx.scope.dumpedImport(bodyExpr);
  if (imported) {
    return { shape: "raw-body", call, args, model: bodyExpr, modelField: { imported, attr: "model", dump: bodyExpr }, pass: { kind: "body" }, host: joinedHost(ctx, path, url.value), prefixes: [], provenHostOnly: true };
  }
  const resolved = ctx.scope.resolve(bodyExpr);
  if (resolved.kind === "dict") return bodySite(ctx, call, args, resolved.node, () => joinedHost(ctx, path, url.value));
  const passed = bodyParameterCalls(ctx, bodyExpr);
  if (!passed) return undefined;
  const host = joinedHost(ctx, path, url.value);
  return passed.flatMap(({ caller, dict }) => {
    const site = bodySite(ctx, caller, argumentsOf(caller, ctx.src), dict, () => host);
    return site ? [{ ...site, provenHostOnly: true }] : [];
  });
}

/** `json.dumps(...)` written in place, or the one a name is assigned once (`body = json.dumps({...})` then `data=body`). */
function jsonDumpsCall(ctx: PyFindCtx, expr: PyNode): PyNode | undefined {
  const isDumps = (n: PyNode | undefined) => n?.name === "CallExpression" && memberPath(n.children[0]!, ctx.src)?.join(".") === "json.dumps";
  if (isDumps(expr)) return expr;
  const found = expr.name === "VariableName" ? ctx.scope.lookup(ctx.src.slice(expr.from, expr.to), expr) : undefined;
  const value = found?.length === 1 && found[0]!.kind === "assign" ? found[0]!.value : undefined;
  return isDumps(value) ? value : undefined;
}

/** A chat body dict (a `model` and `messages` or `prompt`) sent by `call`. */
function bodySite(ctx: PyFindCtx, call: PyNode, args: Argument[], dict: PyNode, host: () => HostVerdict): PyRequest | undefined {
  const entries = dictEntries(dict);
  const keyOf = (e: { key?: PyNode }) => (e.key ? stringOf(e.key, ctx.src)?.value : undefined);
  const model = entries.find((e) => keyOf(e) === "model");
  // `{**req.model_dump(), ...}`: the dump holds the model (after a migration, the mode sits beside it).
  const spread = model ? undefined : entries.find((e) => e.spread && ctx.scope.dumpedModel(e.value));
  if (spread) return dumpSite(ctx, call, args, spread.value, ctx.scope.dumpedModel(spread.value)!, dict, host());
  if (!model || !entries.some((e) => keyOf(e) === "messages" || keyOf(e) === "prompt")) return undefined;
  // A `prompt` and no `messages`: a text completion body (FIM), which takes no thinking field.
  const chat = entries.some((e) => keyOf(e) === "messages");
  return {
    shape: "raw-body", call, args, dict, model: model.value,
    after: { containerStart: dict.from, itemStart: model.key!.from, itemEnd: model.value.to },
    pass: chat ? { kind: "body" } : TEXT_COMPLETION_PASS, host: host(), prefixes: [],
  };
}

/**
 * `json=req.model_dump()` with `req` a local pydantic chat request (a `model` field with a default,
 * and `messages` or `prompt`): one request whose model is the class's field; `dict` when the dump
 * is already spread into a dict literal.
 */
function dumpSite(ctx: PyFindCtx, call: PyNode, args: Argument[], dump: PyNode, cls: PyNode, dict: PyNode | undefined, host: HostVerdict): PyRequest | undefined {
  const fields = classFields(ctx, cls);
  if (!fields.has("model") || !(fields.has("messages") || fields.has("prompt"))) return undefined;
  const site: PyRequest = { shape: "raw-body", call, args, model: dump, modelField: { cls, attr: "model", dump }, pass: { kind: "body" }, host, prefixes: [], provenHostOnly: true };
  if (dict) {
    site.dict = dict;
    site.after = { containerStart: dict.from, itemStart: dump.from - 2, itemEnd: dump.to };
  }
  return site;
}

/** The names a class body declares (`name: T`, `name = v`, `name: T = v`). */
function classFields(ctx: PyFindCtx, cls: PyNode): Set<string> {
  const body = cls.children.find((c) => c.name === "Body");
  const names = new Set<string>();
  for (const stmt of body?.children ?? []) {
    const target = stmt.name === "AssignStatement" ? stmt.children[0] : undefined;
    if (target?.name === "VariableName") names.add(ctx.src.slice(target.from, target.to));
  }
  return names;
}

/**
 * The body is a parameter (no default) of the function or method that posts it: the calls of
 * that function in this file and the dict each passes (methods by name, as `Scope.methodArguments`).
 */
function bodyParameterCalls(ctx: PyFindCtx, body: PyNode): Array<{ caller: PyNode; dict: PyNode }> | undefined {
  if (body.name !== "VariableName") return undefined;
  const found = ctx.scope.lookup(ctx.src.slice(body.from, body.to), body);
  const param = found?.length === 1 && found[0]!.kind === "param" && !found[0]!.value ? found[0]! : undefined;
  const fn = param?.scope;
  const list = fn?.children.find((c) => c.name === "ParamList");
  const nameNode = fn?.children.find((c) => c.name === "VariableName");
  if (!param?.id || !fn || !list || !nameNode) return undefined;
  const name = ctx.src.slice(nameNode.from, nameNode.to);
  const method = scopeOf(fn).name === "ClassDefinition";
  const index = positionalIndex(list, param.id) - (method ? 1 : 0);
  const out: Array<{ caller: PyNode; dict: PyNode }> = [];
  for (const caller of ctx.parsed.all) {
    if (caller.name !== "CallExpression" || !callsFunction(ctx, caller, name, method, fn)) continue;
    const args = argumentsOf(caller, ctx.src);
    const arg = args.find((a) => a.keyword === param.name) ?? args.filter((a) => a.keyword === undefined)[index];
    const r = arg ? ctx.scope.resolve(arg.value) : undefined;
    if (r?.kind === "dict") out.push({ caller, dict: r.node });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * `name(...)` bound to `fn`; for a method, `self.name(...)` in its class, or `obj.name(...)`
 * when no other class of this file has a method of that name.
 */
function callsFunction(ctx: PyFindCtx, call: PyNode, name: string, method: boolean, fn: PyNode): boolean {
  const callee = call.children[0]!;
  if (method) {
    const path = memberPath(callee, ctx.src);
    if (path?.length !== 2 || path[1] !== name) return false;
    const cls = scopeOf(fn);
    if (path[0] === "self") return ctx.scope.enclosingClass(call) === cls;
    return !ctx.parsed.all.some((n) => n.name === "FunctionDefinition" && n !== fn && scopeOf(n).name === "ClassDefinition" && scopeOf(n) !== cls &&
      ctx.src.slice(n.children.find((c) => c.name === "VariableName")?.from ?? 0, n.children.find((c) => c.name === "VariableName")?.to ?? 0) === name);
  }
  return callee.name === "VariableName" && ctx.src.slice(callee.from, callee.to) === name && ctx.scope.lookup(name, callee)?.[0]?.value === fn;
}

/**
 * The host of a request URL; a relative path (`"/chat/completions"`) is joined to the
 * `base_url` of the httpx client the call is made on (`httpx.Client` / `AsyncClient`, built in
 * this file), so a DeepSeek base URL makes it a DeepSeek request.
 */
function joinedHost(ctx: PyFindCtx, path: string[], url: PyNode): HostVerdict {
  const own = hostOfExpr(ctx, url);
  if (own.kind !== "gateway" || !own.url.startsWith("/")) return own;
  const built = clientBuilt(ctx, path, url);
  const ctor = built?.name === "CallExpression" ? memberPath(built.children[0]!, ctx.src)?.join(".") : undefined;
  if (!ctor || !HTTP_CLIENTS.has(ctor)) return own;
  const base = argumentsOf(built!, ctx.src).find((a) => a.keyword === "base_url");
  return base ? hostOfExpr(ctx, base.value, true) : own;
}

/** What the receiver of `client.post` / `self.client.post` was built from (one assignment only). */
function clientBuilt(ctx: PyFindCtx, path: string[], at: PyNode): PyNode | undefined {
  if (path.length === 2) {
    const receiver = ctx.scope.lookup(path[0]!, at);
    return receiver?.length === 1 ? receiver[0]!.value : undefined;
  }
  if (path.length !== 3 || path[0] !== "self") return undefined;
  let cls: PyNode | undefined = at.parent;
  while (cls && cls.name !== "ClassDefinition") cls = cls.parent;
  const values = cls ? ctx.scope.selfValues(cls, path[1]!) : [];
  return values.length === 1 ? values[0] : undefined;
}

const HTTP_CLIENTS = new Set(["httpx.Client", "httpx.AsyncClient", "Client", "AsyncClient"]);
