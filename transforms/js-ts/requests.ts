// Where this file sends requests: clients (OpenAI, Anthropic, AI SDK providers) and the
// host each one talks to, then every request site with its model and its pass-through.
// Constructor-style clients come from the shape table (transforms/shapes.ts).
import type { Settings } from "../../src/rules.js";
import { AI_PROVIDER_CLIENT } from "../../src/findings.js";
export type { HostVerdict };
import { hostOfBase, hostOfText, textCompletionPass, type HostVerdict } from "../shared.js";
import { moduleMatches, shapesFor, TEXT_COMPLETION_PASS, type CallShape, type PassThrough } from "../shapes.js";
import { findProp, keyName, memberPath, stringValue, unwrap, type Node, type Parsed } from "./ast.js";
import { resolveValue, type Binding, type Resolved, type Scope } from "./resolve.js";


export interface RequestSite {
  /** Which detector or shape row found it. */
  shape: string;
  /** The call (for raw JSON bodies: the body object). */
  node: Node;
  /** The object literal that holds the model, when it is one. */
  options?: Node;
  /** The property holding the model in `options`. */
  modelProp?: Node;
  /** The model expression, when the request has one. */
  model?: Node;
  pass: PassThrough;
  host: HostVerdict;
  /** Provider prefixes this client accepts (`deepseek/` for LiteLLM-style strings). */
  prefixes: string[];
  /** The client types its model as a closed union of the legacy IDs (see CallShape.closedModelType). */
  closedModelType?: string;
  /** Shape rows: which argument the options object is (it may be missing: `initChatModel("id")`). */
  optionsIndex?: number;
  /** The client release the pass-through was chosen for (transforms/pins.ts). */
  dependency?: string;
  /** The pinned release does not forward the pass-through: `pass` is then "none". */
  withheld?: boolean;
  /** A named object whose model is assigned (`body.model = …`) and that is sent here: the values its model can hold. */
  sent?: SentObject;
}

/** `body.model = "…"`, then `body` posted: every value the model can hold when it is sent. */
export interface SentObject {
  /** The name as it is sent (`JSON.stringify(body)`, `create(body)`): the mode is written around it. */
  ref: Node;
  binding: Binding;
  /** The expressions that can be the model at the send (assignments, the initial object's, callers'). */
  sources: Node[];
  /** Why the model cannot be read in this file, when a source is not an expression here. */
  unknown?: string;
}

export interface Requests {
  sites: RequestSite[];
  /** Options objects and raw bodies → their request. */
  byOptions: Map<Node, RequestSite>;
  /** Calls whose model is a positional argument (AI SDK providers) → their request. */
  byCall: Map<Node, RequestSite>;
  /** AI SDK call options objects (generateText/streamText...) and the model property in them. */
  aiCalls: Map<Node, Node>;
  /** Names of objects sent as a request whose model is assigned (see SentObject) → their request. */
  bySent: Map<Node, RequestSite>;
}

interface Client {
  kind: "openai" | "anthropic" | "ai-deepseek" | "ai-openai" | "ai-compatible";
  host: HostVerdict;
  /** createOpenAICompatible's `name`: the providerOptions key. */
  provider?: string;
}

export interface FindCtx {
  parsed: Parsed;
  scope: Scope;
  settings: Settings;
}

const SDK_METHODS = new Set(["create", "stream", "parse", "runTools"]);
const AI_SDK_CALLS = new Set(["generateText", "streamText", "generateObject", "streamObject"]);
/**
 * AI SDK 6's ToolLoopAgent takes the same call settings as generateText, providerOptions
 * included, in its constructor (ai 6.0 src/agent/tool-loop-agent-settings.ts). AI SDK 5's
 * Experimental_Agent is left to the finding: its settings were not checked.
 */
const AI_SDK_AGENTS = new Set(["ToolLoopAgent"]);
const AI_PROVIDER_METHODS = new Set(["chat", "languageModel", "completion"]);

export function findRequests(ctx: FindCtx): Requests {
  const clients = findClients(ctx);
  const out: Requests = { sites: [], byOptions: new Map(), byCall: new Map(), aiCalls: new Map(), bySent: new Map() };
  const add = (site: RequestSite) => {
    out.sites.push(textCompletionPass(site));
    if (site.options) out.byOptions.set(site.options, site);
    if (site.sent) out.bySent.set(site.sent.ref, site);
    // A model given as an argument (not inside the options object) is found through its call.
    if (site.model && !site.modelProp) out.byCall.set(site.node, site);
  };
  const shapes = shapesFor("js");
  for (const node of ctx.parsed.all) {
    if (node.type === "CallExpression" || node.type === "OptionalCallExpression") {
      const site = sdkRequest(ctx, node, clients) ?? aiProviderRequest(node, clients);
      if (site) add(site);
    }
    if (node.type === "CallExpression" || node.type === "OptionalCallExpression" || node.type === "NewExpression") {
      const options = aiCallOptions(ctx, node);
      if (options) out.aiCalls.set(options.obj, options.model);
    }
    if (node.type === "NewExpression" || node.type === "CallExpression") {
      const site = shapeRequest(ctx, node, shapes, clients);
      if (site) add(site);
    }
  }
  for (const node of ctx.parsed.all) {
    if (node.type === "ObjectExpression" && !out.byOptions.has(node)) {
      const site = rawBody(ctx, node);
      if (site) add(site);
    }
  }
  for (const node of ctx.parsed.all) {
    if (node.type !== "Identifier" || out.bySent.has(node)) continue;
    const site = sentBody(ctx, node);
    if (site) add(site);
  }
  return out;
}

/** `const c = new OpenAI({ baseURL })`, `this.c = new Anthropic(...)`, `createDeepSeek()`, `createOpenAI({ baseURL })`. */
function findClients(ctx: FindCtx): Map<string, Client> {
  const clients = new Map<string, Client>();
  const disagree = new Set<string>();
  for (const node of ctx.parsed.all) {
    if (node.type !== "NewExpression" && node.type !== "CallExpression") continue;
    const client = clientOf(ctx, node);
    if (!client) continue;
    const name = assignedName(ctx, node);
    if (!name) continue;
    // `this.client` in two classes names two clients: each class's requests use its own.
    const cls = name.startsWith("this.") ? ctx.scope.enclosingClass(node) : undefined;
    if (cls) clients.set(`${name}@${cls.start}`, client);
    const before = clients.get(name);
    if (before && JSON.stringify(before) !== JSON.stringify(client)) disagree.add(name);
    clients.set(name, client);
  }
  // One name given clients of different kinds or hosts: which one a request uses is not known from the name alone.
  for (const name of disagree) clients.set(name, { ...clients.get(name)!, host: { kind: "unknown" } });
  // The AI SDK's default `deepseek` provider, imported as it is, or a `createDeepSeek()` provider
  // another module of the project exports (known through the linker).
  for (const node of ctx.parsed.all) {
    if (node.type !== "ImportDeclaration") continue;
    for (const spec of node.specifiers) {
      const imported = spec.type === "ImportDefaultSpecifier" ? "default" : spec.imported ? (spec.imported.name ?? spec.imported.value) : undefined;
      const own = imported && ctx.scope.links?.clientHost?.(ctx.scope.file, node.source.value, AI_PROVIDER_CLIENT + imported);
      if ((node.source.value === "@ai-sdk/deepseek" && imported === "deepseek") || own) clients.set(spec.local.name, { kind: "ai-deepseek", host: { kind: "deepseek" } });
    }
  }
  return clients;
}

/** The client a request's receiver names: `this.client` as the request's own class set it, else by name. */
function clientAt(ctx: FindCtx, clients: Map<string, Client>, name: string, at: Node): Client | undefined {
  const cls = name.startsWith("this.") ? ctx.scope.enclosingClass(at) : undefined;
  return (cls && clients.get(`${name}@${cls.start}`)) || clients.get(name);
}

function clientOf(ctx: FindCtx, node: Node): Client | undefined {
  const source = importSourceOf(ctx, node.callee);
  const name = memberPath(node.callee)?.at(-1);
  const options = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  const hostOf = (keys: string[]) => hostFrom(ctx, options, keys);
  if (node.type === "NewExpression" && (source === "openai" || (name === "OpenAI" && source === undefined))) {
    return { kind: "openai", host: hostOf(["baseURL", "baseUrl", "base_url"]) };
  }
  if (node.type === "NewExpression" && (source === "@anthropic-ai/sdk" || (name === "Anthropic" && source === undefined))) {
    return { kind: "anthropic", host: hostOf(["baseURL"]) };
  }
  if (node.type !== "CallExpression") return undefined;
  if (source === "@ai-sdk/deepseek" && name === "createDeepSeek") {
    // Without a baseURL the provider talks to DeepSeek; with one, to whatever it names.
    const host = hostOf(["baseURL"]);
    return { kind: "ai-deepseek", host: host.kind === "unknown" && !(options?.type === "ObjectExpression" && findProp(options, "baseURL")) ? { kind: "deepseek" } : host };
  }
  if (source === "@ai-sdk/openai" && name === "createOpenAI") return { kind: "ai-openai", host: hostOf(["baseURL"]) };
  if (source === "@ai-sdk/openai-compatible" && name === "createOpenAICompatible") {
    const provider = options?.type === "ObjectExpression" ? stringValue(findProp(options, "name")?.value) : undefined;
    return { kind: "ai-compatible", host: hostOf(["baseURL"]), ...(provider ? { provider } : {}) };
  }
  return undefined;
}

/** The module the callee's root name is imported from (ES import or require), if it is. */
export function importSourceOf(ctx: FindCtx, callee: Node): string | undefined {
  const path = memberPath(callee);
  if (!path || path[0] === "this") return undefined;
  const binding = ctx.scope.lookup(path[0]!, callee);
  return binding?.kind === "import" ? binding.source : undefined;
}

/** The host a client's options aim at: DeepSeek, another host written in the code, or unknown. */
function hostFrom(ctx: FindCtx, options: Node | undefined, keys: string[]): HostVerdict {
  if (options?.type !== "ObjectExpression") return { kind: "unknown" };
  for (const key of keys) {
    const [head, ...rest] = key.split(".");
    let holder: Node | undefined = options;
    let prop = findProp(holder, head!);
    for (const part of rest) {
      holder = prop?.value && unwrap(prop.value).type === "ObjectExpression" ? unwrap(prop.value) : undefined;
      prop = holder ? findProp(holder, part) : undefined;
    }
    if (prop) return hostOfValue(ctx, prop.value, true);
  }
  return { kind: "unknown" };
}

/** A URL expression's host: resolved through consts, `a || "default"` and template heads. */
export function hostOfValue(ctx: FindCtx, expr: Node, asBase = false): HostVerdict {
  const setting = settingRead(ctx, expr, 0);
  if (setting) {
    // The default names the host; the user may change it, which the request's finding says.
    const host = hostOfValue(ctx, setting.fallback, asBase);
    return host.kind === "deepseek" ? { kind: "deepseek", setting: setting.name } : host;
  }
  if (asBase) ctx.scope.baseUrlArgs.add(unwrap(expr));
  if (importedHost(ctx, unwrap(expr))) return { kind: "deepseek" };
  const other = importedOtherHost(ctx, unwrap(expr));
  if (other) return { kind: "gateway", url: other.url, ...(other.setting ? { setting: other.setting } : {}) };
  const resolved = resolveValue(expr, ctx.scope);
  if (resolved.kind === "string" && asBase) ctx.scope.baseLiterals.add(resolved.literal);
  const host = resolved.kind === "string" && asBase ? hostOfBase(ctx.settings, resolved.value) : hostOfText(ctx.settings, resolved.kind === "string" ? resolved.value : leadingText(ctx, expr, 0));
  // `process.env.BASE_URL || "https://api.openai.com/v1"`: another server only by default.
  const readFirst = host.kind === "gateway" && !host.placeholder ? fallbackSetting(ctx, expr, 0) : undefined;
  return host.kind === "gateway" && readFirst ? { ...host, setting: readFirst } : host;
}

/** The name a `name || "default"` (or `??`) URL reads first, through consts. */
function fallbackSetting(ctx: FindCtx, expr: Node, depth: number): string | undefined {
  const node = unwrap(expr);
  if (node.type === "Identifier" && depth < 3) {
    const b = ctx.scope.lookup(node.name, node);
    return b?.kind === "const" && b.init ? fallbackSetting(ctx, b.init, depth + 1) : undefined;
  }
  return node.type === "LogicalExpression" && (node.operator === "||" || node.operator === "??") ? memberPath(node.left)?.join(".") : undefined;
}

/**
 * The known leading text of a URL being built: a string, a `||`/`??` default, a template's head
 * (`${BASE}/chat` with BASE a const or a default), the left side of a `+`, or a base trimmed of
 * slashes (`base.replace(/\/+$/, "")`): enough to name the host.
 */
function leadingText(ctx: FindCtx, expr: Node, depth: number): string | undefined {
  const node = unwrap(expr);
  if (depth > 6) return undefined;
  if (node.type === "BinaryExpression" && node.operator === "+") {
    const left = leadingText(ctx, node.left, depth + 1);
    return left === undefined ? undefined : left + (stringValue(unwrap(node.right)) ?? "");
  }
  const trimmed = slashesTrimmed(node);
  if (trimmed) return leadingText(ctx, trimmed, depth + 1)?.replace(/[/\s]+$/, "");
  // `${config.BASE_URL}/chat/completions` with the base another module's (a local server by default).
  const other = importedOtherHost(ctx, node);
  if (other) return other.url;
  if (node.type === "TemplateLiteral") return templateHead(ctx, node, depth);
  const keyed = keyedEntryText(ctx, node, depth);
  if (keyed !== undefined) return keyed;
  const resolved = resolveValue(node, ctx.scope);
  if (resolved.kind === "string") return resolved.value;
  if (resolved.kind === "dynamic" && resolved.fallback && resolved.fallback !== node) return leadingText(ctx, resolved.fallback, depth + 1);
  // `const url = ROOT + "/chat/completions"`: what the const is built from.
  const binding = node.type === "Identifier" ? ctx.scope.lookup(node.name, node) : undefined;
  return binding?.kind === "const" && binding.init ? leadingText(ctx, binding.init, depth + 1) : undefined;
}

/**
 * `TABLE[key]`, `TABLE[key].host`, or `cfg.host` with `const cfg = TABLE[key]`: an entry picked at
 * run time from a table of this module (an object literal) or an imported one. DeepSeek's host when
 * one entry names it (that entry's text), as a `||` default is: the request goes there for some keys.
 */
function keyedEntryText(ctx: FindCtx, node: Node, depth: number): string | undefined {
  const field = node.type === "MemberExpression" && !node.computed ? node.property.name : undefined;
  let entry = field ? unwrap(node.object) : node;
  const holder = entry.type === "Identifier" ? ctx.scope.lookup(entry.name, entry) : undefined;
  if (field && holder?.kind === "const" && holder.init) entry = unwrap(holder.init);
  if (entry.type !== "MemberExpression" || !entry.computed || stringValue(unwrap(entry.property)) !== undefined) return undefined;
  const table = unwrap(entry.object);
  const binding = table.type === "Identifier" ? ctx.scope.lookup(table.name, table) : undefined;
  if (binding?.kind === "import" && binding.source && ctx.scope.links?.hostExport) {
    const name = [...(binding.imported === "*" || binding.imported === "default" ? [] : [binding.imported!]), "*", ...(field ? [field] : [])].join(".");
    return ctx.scope.links.hostExport(ctx.scope.file, binding.source, name) ? `https://${ctx.settings.rules.hosts[0]}` : undefined;
  }
  const init = binding?.kind === "const" && binding.init ? unwrap(binding.init) : undefined;
  if (init?.type !== "ObjectExpression") return undefined;
  for (const prop of init.properties) {
    const value = prop.type === "ObjectProperty" ? unwrap(prop.value) : undefined;
    const picked = field ? (value?.type === "ObjectExpression" ? findProp(value, field)?.value : undefined) : value;
    const text = picked ? leadingText(ctx, picked, depth + 1) : undefined;
    if (text !== undefined && hostOfText(ctx.settings, text).kind === "deepseek") return text;
  }
  return undefined;
}

/** A template's known head: its leading text, or what a leading `${BASE}` holds (`${BACKEND}/api/chat` → "http://localhost:3000/api/chat"). */
function templateHead(ctx: FindCtx, template: Node, depth: number): string | undefined {
  const first = template.quasis[0]?.value?.cooked;
  if (first !== "" || template.expressions.length === 0) return first;
  const text = leadingText(ctx, template.expressions[0], depth + 1);
  return text !== undefined ? text + (template.quasis[1]?.value?.cooked ?? "") : first;
}

/** `base.replace(/\/+$/, "")`, `base.trim()`: the base itself, as far as its host goes (only slashes or blanks go). */
function slashesTrimmed(node: Node): Node | undefined {
  if (node.type !== "CallExpression" || node.callee.type !== "MemberExpression" || node.callee.computed) return undefined;
  const method = node.callee.property.name;
  if (["trim", "trimEnd", "trimRight"].includes(method) && node.arguments.length === 0) return node.callee.object;
  const [pattern, replacement] = node.arguments.map((a: Node) => unwrap(a));
  const slashesOnly = pattern?.type === "RegExpLiteral" ? /^[\\/+*$?^|]+$/.test(pattern.pattern) : pattern !== undefined && stringValue(pattern) === "/";
  const removed = replacement !== undefined && stringValue(replacement) === "";
  return (method === "replace" || method === "replaceAll") && slashesOnly && removed ? node.callee.object : undefined;
}

/** `BASE_URL` or `config.BASE_URL` (directly, or through a const holding it) imported from a module where it names DeepSeek's API (TransformResult.hosts). */
function importedHost(ctx: FindCtx, expr: Node): boolean {
  const read = ctx.scope.links?.hostExport ? importedRead(ctx, expr) : undefined;
  return !!read && ctx.scope.links!.hostExport!(ctx.scope.file, read.source, read.name);
}

/** The same for a name another module holds another server's URL in (TransformResult.otherHosts). */
function importedOtherHost(ctx: FindCtx, expr: Node): { url: string; setting?: string } | undefined {
  const read = ctx.scope.links?.otherHostExport ? importedRead(ctx, expr) : undefined;
  return read && ctx.scope.links!.otherHostExport!(ctx.scope.file, read.source, read.name);
}

/** The module and exported name an expression reads (`BASE`, `config.BASE`, or a const holding one). */
function importedRead(ctx: FindCtx, expr: Node): { source: string; name: string } | undefined {
  const path = memberPath(expr);
  const binding = path ? ctx.scope.lookup(path[0]!, expr) : undefined;
  if (binding?.kind === "const" && path!.length === 1 && binding.init && unwrap(binding.init) !== expr) return importedRead(ctx, unwrap(binding.init));
  if (binding?.kind !== "import" || !binding.source) return undefined;
  const name = [...(binding.imported === "*" ? [] : [binding.imported!]), ...path!.slice(1)].join(".");
  return name !== "" ? { source: binding.source, name } : undefined;
}

/** The name requests use for a client: `client`, `this.client`, `exports.client`. */
export function assignedName(ctx: FindCtx, construct: Node): string | undefined {
  let node = construct;
  let parent = ctx.parsed.parents.get(node);
  while (parent && ["TSAsExpression", "TSNonNullExpression", "ParenthesizedExpression", "AwaitExpression"].includes(parent.type)) {
    node = parent;
    parent = ctx.parsed.parents.get(node);
  }
  if (!parent) return undefined;
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if (parent.type === "AssignmentExpression") return memberPath(parent.left)?.join(".");
  if ((parent.type === "ClassProperty" || parent.type === "PropertyDefinition") && keyName(parent)) return `this.${keyName(parent)}`;
  return undefined;
}

/** `client.chat.completions.create({...})` and Anthropic's `client.messages.create({...})`. */
function sdkRequest(ctx: FindCtx, call: Node, clients: Map<string, Client>): RequestSite | undefined {
  const path = memberPath(call.callee) ?? optionedPath(call.callee);
  const options = call.arguments[0] ? paramsObject(ctx, unwrap(call.arguments[0])) : undefined;
  if (!path || path.length < 2 || !SDK_METHODS.has(path.at(-1)!)) return undefined;
  const receiver = clientKey(path);
  const client = clientAt(ctx, clients, receiver, call) ?? inlineClient(ctx, call.callee);
  const isChat = path.includes("completions");
  const isAnthropic = path.at(-2) === "messages" && client?.kind === "anthropic";
  if (!isChat && !isAnthropic) return undefined;
  if (isChat && client && client.kind !== "openai") return undefined;
  // `client.completions.create` (no `chat`): the text completion endpoint.
  const pass: PassThrough = isAnthropic ? { kind: "anthropic" } : path.includes("chat") ? { kind: "params" } : TEXT_COMPLETION_PASS;
  const site: RequestSite = { shape: isAnthropic ? "anthropic-sdk" : "openai-sdk", node: call, pass, host: client?.host ?? { kind: "unknown" }, prefixes: [] };
  if (options?.type === "ObjectExpression") {
    site.options = options;
    const prop = findProp(options, "model");
    if (prop) {
      site.modelProp = prop;
      site.model = prop.value;
    }
  }
  // `create(params)` with `params.model = …`, or `create({ ...params, thinking })` once its mode is written.
  const spread = options?.type === "ObjectExpression" && !site.modelProp && options.properties[0]?.type === "SpreadElement" ? unwrap(options.properties[0].argument) : undefined;
  const named = options?.type === "Identifier" ? options : spread?.type === "Identifier" ? spread : undefined;
  const sent = named ? sentObject(ctx, named) : undefined;
  if (sent) {
    site.sent = sent;
    site.model = sent.sources[0] ?? named;
  }
  return site;
}

/**
 * `client.withOptions({ timeout: 5 }).chat.completions.create(...)`: the SDK's per-request
 * options return a copy of the same client, so the path is read as if they were not there.
 */
function optionedPath(node: Node): string[] | undefined {
  const n = unwrap(node);
  if ((n.type !== "MemberExpression" && n.type !== "OptionalMemberExpression") || n.computed || n.property.type !== "Identifier") return undefined;
  const object = unwrap(n.object);
  if (object.type === "CallExpression") {
    const inner = memberPath(object.callee) ?? optionedPath(object.callee);
    return inner?.at(-1) === "withOptions" ? [...inner.slice(0, -1), n.property.name] : undefined;
  }
  const head = optionedPath(object);
  return head ? [...head, n.property.name] : undefined;
}

/**
 * The params object of an SDK call: the literal itself, or the `const` object literal a name
 * holds when this call is its only use (`const params: ChatCompletionCreateParams = {...};
 * create(params)`), so the model in it is the request's and the mode can go next to it.
 */
function paramsObject(ctx: FindCtx, arg: Node): Node {
  if (arg.type !== "Identifier") return arg;
  const binding = ctx.scope.lookup(arg.name, arg);
  const init = binding?.kind === "const" && binding.init ? unwrap(binding.init) : undefined;
  if (init?.type !== "ObjectExpression" || ctx.scope.references(binding!).length !== 1) return arg;
  return init;
}

/** `new OpenAI({...}).chat.completions.create(...)`: the receiver built in place. */
function inlineClient(ctx: FindCtx, callee: Node): Client | undefined {
  let n = unwrap(callee);
  while (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") n = unwrap(n.object);
  return n.type === "NewExpression" ? clientOf(ctx, n) : undefined;
}

function clientKey(path: string[]): string {
  return path[0] === "this" ? `this.${path[1]}` : path[0]!;
}

/** AI SDK: `deepseek("id")`, `ds.chat("id")`, `openaiCompat("id")`: the model is the first argument. */
function aiProviderRequest(call: Node, clients: Map<string, Client>): RequestSite | undefined {
  const path = memberPath(call.callee);
  if (!path || path.length > 2 || (path.length === 2 && !AI_PROVIDER_METHODS.has(path[1]!))) return undefined;
  const client = clients.get(path[0]!);
  if (!client || !client.kind.startsWith("ai-")) return undefined;
  const site: RequestSite = { shape: "ai-sdk", node: call, pass: aiPass(client), host: client.host, prefixes: [] };
  if (call.arguments[0]) site.model = call.arguments[0];
  return site;
}

function aiPass(client: Client): PassThrough {
  if (client.kind === "ai-deepseek") return { kind: "provider-options", provider: "deepseek" };
  if (client.kind === "ai-compatible" && client.provider) return { kind: "provider-options", provider: client.provider };
  return {
    kind: "none",
    advice: "this model comes from createOpenAI() pointed at DeepSeek, which has no option that sends DeepSeek's thinking field. " +
      "Use @ai-sdk/deepseek (createDeepSeek) and pass providerOptions: { deepseek: { {mode} } } on the generateText/streamText call",
  };
}

/** generateText({ model, ... }) and friends from "ai" (and `new ToolLoopAgent({ model, ... })`): their options object and its model property. */
function aiCallOptions(ctx: FindCtx, call: Node): { obj: Node; model: Node } | undefined {
  const path = memberPath(call.callee);
  if (!path || path.length !== 1) return undefined;
  const binding = ctx.scope.lookup(path[0]!, call.callee);
  if (binding?.kind !== "import" || binding.source !== "ai") return undefined;
  // `import { Experimental_Agent as Agent } from "ai"`: the exported name says what it is.
  const name = binding.imported && binding.imported !== "*" ? binding.imported : path[0]!;
  if (!(call.type === "NewExpression" ? AI_SDK_AGENTS : AI_SDK_CALLS).has(name)) return undefined;
  const obj = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  const model = obj?.type === "ObjectExpression" ? findProp(obj, "model") : undefined;
  return obj && model ? { obj, model } : undefined;
}

/** A constructor or factory from the shape table: `new ChatOpenAI({ model, configuration })`, `initChatModel(model, fields)`. */
function shapeRequest(ctx: FindCtx, call: Node, shapes: CallShape[], clients: Map<string, Client>): RequestSite | undefined {
  // `super({...})` in `class X extends ChatOpenAI` builds a ChatOpenAI as much as `new ChatOpenAI({...})` does.
  const callee = call.callee.type === "Super" ? ctx.scope.superClassOf(call) : call.callee;
  const path = callee && memberPath(callee);
  const name = path?.at(-1);
  if (!name) return undefined;
  for (const shape of shapes) {
    if (!shape.names.includes(name)) continue;
    const source = importSourceOf(ctx, callee);
    const root = memberPath(callee)?.[0];
    const unbound = shape.unbound && root !== undefined && root !== "this" && !ctx.scope.lookup(root, callee);
    if (shape.from.length > 0 && !unbound && !shape.from.some((f) => moduleMatches(source, f))) continue;
    const optionsArg = call.arguments[shape.optionsArg ?? 0];
    const options = optionsArg ? unwrap(optionsArg) : undefined;
    const site: RequestSite = { shape: shape.id, node: call, pass: shape.pass, host: { kind: "unknown" }, prefixes: shape.prefixes };
    if (shape.closedModelType) site.closedModelType = shape.closedModelType;
    site.optionsIndex = shape.optionsArg ?? 0;
    const positional = shape.model.positional !== undefined ? call.arguments[shape.model.positional] : undefined;
    if (positional && unwrap(positional).type !== "ObjectExpression") site.model = positional;
    if (options?.type === "ObjectExpression") {
      site.options = options;
      const prop = shape.model.keys.map((k) => findProp(options, k)).find(Boolean);
      if (prop && !site.model) {
        site.modelProp = prop;
        site.model = prop.value;
      }
    }
    site.host = shapeHost(ctx, shape, call, options, clients);
    return site;
  }
  return undefined;
}

/** A shape's host: always DeepSeek, a base-URL option, the client handed in, or a provider option. */
function shapeHost(ctx: FindCtx, shape: CallShape, call: Node, options: Node | undefined, clients: Map<string, Client>): HostVerdict {
  const { host } = shape;
  if (host.always) {
    // Another host named in its base-URL option (a relay such as OpenRouter) is where the request goes.
    const byUrl = host.baseUrl ? hostFrom(ctx, options, host.baseUrl) : undefined;
    return byUrl?.kind === "gateway" ? byUrl : { kind: "deepseek" };
  }
  const byUrl = hostFrom(ctx, options, host.baseUrl ?? []);
  if (byUrl.kind !== "unknown") return byUrl;
  if (host.client?.positional !== undefined) {
    const arg = call.arguments[host.client.positional];
    const built = arg && ["NewExpression", "CallExpression"].includes(unwrap(arg).type) ? clientOf(ctx, unwrap(arg)) : undefined;
    const client = built ?? (arg ? clientAt(ctx, clients, memberPath(arg)?.join(".") ?? "", call) : undefined);
    if (client) return client.host;
  }
  if (host.provider && options?.type === "ObjectExpression") {
    const prop = findProp(options, host.provider.key);
    const value = prop ? resolveValue(prop.value, ctx.scope) : undefined;
    if (value?.kind === "string") return value.value === host.provider.value ? { kind: "deepseek" } : { kind: "gateway", url: `the ${value.value} provider` };
  }
  return { kind: "unknown" };
}

/**
 * An object with `model` and `messages`/`prompt` that is sent as a JSON body: through
 * JSON.stringify, as axios-style data, or held in a const that is sent so. An object
 * handed to anything else (a project's own wrapper) is not a request.
 */
function rawBody(ctx: FindCtx, obj: Node): RequestSite | undefined {
  const prop = findProp(obj, "model");
  if (!prop || !(findProp(obj, "messages") || findProp(obj, "prompt"))) return undefined;
  // Held in a name whose model is assigned later: the request is where that name is sent (sentBody).
  const holder = ctx.parsed.parents.get(obj);
  if (holder?.type === "VariableDeclarator" && holder.init === obj && holder.id.type === "Identifier") {
    const binding = ctx.scope.lookup(holder.id.name, holder.id);
    if (binding && modelAssignments(ctx, binding).length > 0) return undefined;
  }
  const sender = senderOf(ctx, obj, 0);
  // Handed to a typed wrapper parameter, the mode goes in as a spread (excess-property checks accept it).
  const wrapped = sender ? undefined : sentThroughImport(ctx, obj) ?? sentThroughLocal(ctx, obj);
  if (!sender && !wrapped) return undefined;
  // A `prompt` and no `messages`: a text completion body (FIM), which takes no thinking field.
  const pass: PassThrough = findProp(obj, "messages") ? { kind: wrapped ? "params" : "body" } : TEXT_COMPLETION_PASS;
  return { shape: "raw-body", node: obj, options: obj, modelProp: prop, model: prop.value, pass, host: (sender ?? wrapped)!, prefixes: [] };
}

/**
 * The body handed to a function of another module that sends its parameter as DeepSeek's JSON
 * body (`callDeepSeek({ model, messages })`): a request here, whose host that module proved.
 */
function sentThroughImport(ctx: FindCtx, obj: Node): HostVerdict | undefined {
  const passed = passedAt(ctx, obj);
  const sink = passed && ctx.scope.importedSinks(passed.call)?.sinks.find((s) => s.body && s.index === passed.index);
  return sink ? { kind: "deepseek" } : undefined;
}

/** The body handed to a function of this file that sends that parameter as DeepSeek's JSON body (`post({ model, messages })`). */
function sentThroughLocal(ctx: FindCtx, obj: Node): HostVerdict | undefined {
  const passed = passedAt(ctx, obj);
  const param = passed && ctx.scope.localParam(passed.call, passed.index);
  return param ? paramSentHost(ctx, param) : undefined;
}

/** The call an object is an argument of: in place, or through a `const` used only there (`const body = {…}; api.ask(body)`). */
function passedAt(ctx: FindCtx, obj: Node): { call: Node; index: number } | undefined {
  let arg = obj;
  const holder = ctx.parsed.parents.get(obj);
  if (holder?.type === "VariableDeclarator" && holder.init === obj && holder.id.type === "Identifier") {
    const binding = ctx.scope.lookup(holder.id.name, holder.id);
    const refs = binding?.kind === "const" ? ctx.scope.references(binding) : [];
    if (refs.length !== 1) return undefined;
    arg = refs[0]!;
  }
  const call = ctx.parsed.parents.get(arg);
  return call?.type === "CallExpression" && call.arguments.includes(arg) ? { call, index: call.arguments.indexOf(arg) } : undefined;
}

/** Whether a parameter is sent as a JSON body to DeepSeek's API inside its function (a body sink for callers elsewhere). */
export function paramSentToDeepSeek(ctx: FindCtx, param: Binding): boolean {
  return !!paramSentHost(ctx, param);
}

/** DeepSeek's host as the function sends the parameter there (with the setting that names it, if one does). */
function paramSentHost(ctx: FindCtx, param: Binding): HostVerdict | undefined {
  // A function that sets the model itself (`payload.model = …`) sends its own, not the caller's.
  if (ctx.scope.memberWrites(param, "model").length > 0) return undefined;
  for (const ref of ctx.scope.references(param)) {
    const host = senderOf(ctx, ref, 0);
    if (host?.kind === "deepseek") return host;
  }
  return undefined;
}

const SEND_METHODS = new Set(["post", "put", "patch", "request"]);

const BODY_KEYS = new Set(["body", "data", "json"]);

/**
 * A relative path (`"/chat/completions"`) sent through an axios instance built in this file
 * (`axios.create({ baseURL })`) goes to that base URL: a DeepSeek base makes it DeepSeek's request.
 */
function joinedHost(ctx: FindCtx, callee: Node, own: HostVerdict): HostVerdict {
  const path = memberPath(callee);
  if (own.kind !== "gateway" || !own.url.startsWith("/")) return own;
  // An instance another module builds on DeepSeek's base URL (`import api from "./axios"`): known through the linker.
  const imported = path?.length === 2 ? ctx.scope.importOf(path[0]!, callee) : undefined;
  if (imported?.source && imported.imported && ctx.scope.links?.clientHost?.(ctx.scope.file, imported.source, imported.imported)) return { kind: "deepseek" };
  const init = path?.length === 2 ? constInit(ctx, path[0]!, callee) : path?.length === 3 && path[0] === "this" ? thisInit(ctx, path[1]!, callee) : undefined;
  if (init?.type !== "CallExpression" || memberPath(init.callee)?.join(".") !== "axios.create") return own;
  const options = init.arguments[0] ? unwrap(init.arguments[0]) : undefined;
  const base = options?.type === "ObjectExpression" ? findProp(options, "baseURL")?.value : undefined;
  // The code joins its own path to an axios base (`/v1/chat/completions` or not): the base is a host to keep, not a client base to version.
  return base ? hostOfValue(ctx, base) : own;
}

function isDeepSeekProvider(client: Client | undefined): boolean {
  return client?.kind === "ai-deepseek" && client.host.kind === "deepseek";
}

/**
 * Export names of module-level `axios.create({ baseURL })` instances on DeepSeek's host, and of
 * `createDeepSeek(...)` providers talking to DeepSeek (as `ai-deepseek:name`): TransformResult.clients.
 */
export function exportedClients(ctx: FindCtx): string[] {
  const out: string[] = [];
  for (const stmt of ctx.parsed.program.body as Node[]) {
    // `export default createDeepSeek({...})`: the provider has no name but the export's.
    const exported = stmt.type === "ExportDefaultDeclaration" ? unwrap(stmt.declaration) : undefined;
    if (exported?.type === "CallExpression" && isDeepSeekProvider(clientOf(ctx, exported))) out.push(`${AI_PROVIDER_CLIENT}default`);
    const decl = stmt.type === "ExportNamedDeclaration" ? stmt.declaration : stmt;
    if (decl?.type !== "VariableDeclaration") continue;
    for (const d of decl.declarations) {
      const init = d.init ? unwrap(d.init) : undefined;
      if (d.id.type !== "Identifier" || init?.type !== "CallExpression") continue;
      if (isDeepSeekProvider(clientOf(ctx, init))) {
        out.push(...(ctx.scope.lookup(d.id.name, d.id)?.exportedAs ?? []).map((name) => AI_PROVIDER_CLIENT + name));
        continue;
      }
      if (memberPath(init.callee)?.join(".") !== "axios.create") continue;
      const options = init.arguments[0] ? unwrap(init.arguments[0]) : undefined;
      const base = options?.type === "ObjectExpression" ? findProp(options, "baseURL")?.value : undefined;
      const binding = ctx.scope.lookup(d.id.name, d.id);
      if (base && binding && hostOfValue(ctx, base).kind === "deepseek") out.push(...binding.exportedAs);
    }
  }
  return out;
}

function constInit(ctx: FindCtx, name: string, at: Node): Node | undefined {
  const binding = ctx.scope.lookup(name, at);
  return binding?.kind === "const" && binding.init ? unwrap(binding.init) : undefined;
}

/** `this.client`, set once in its class (`this.client = axios.create({...})` in the constructor): that value. */
function thisInit(ctx: FindCtx, field: string, at: Node): Node | undefined {
  const cls = ctx.scope.enclosingClass(at);
  const writes = cls ? ctx.scope.thisWrites(cls, field) : [];
  return writes.length === 1 && writes[0]!.operator === "=" ? unwrap(writes[0]!.right) : undefined;
}

/** Where a value is sent as a JSON body (`JSON.stringify(body)` in a fetch, `axios.post(url, body)`), when it is. */
export function bodySentTo(ctx: FindCtx, expr: Node): HostVerdict | undefined {
  return senderOf(ctx, expr, 0);
}

/** The host a body is sent to, or undefined when it is not seen being sent. */
function senderOf(ctx: FindCtx, expr: Node, depth: number): HostVerdict | undefined {
  let node = expr;
  let parent = ctx.parsed.parents.get(node);
  while (parent && ["TSAsExpression", "TSSatisfiesExpression", "ParenthesizedExpression"].includes(parent.type)) {
    node = parent;
    parent = ctx.parsed.parents.get(node);
  }
  if (!parent || depth > 4) return undefined;
  if (parent.type === "CallExpression" && memberPath(parent.callee)?.join(".") === "JSON.stringify") {
    // A chat body serialised for the wire is a request body wherever it goes next.
    return senderOf(ctx, parent, depth + 1) ?? { kind: "unknown" };
  }
  if ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.arguments.indexOf(node) >= 1) {
    const method = memberPath(parent.callee)?.at(-1);
    return method && SEND_METHODS.has(method) ? joinedHost(ctx, parent.callee, hostOfValue(ctx, parent.arguments[0])) : undefined;
  }
  if (parent.type === "ObjectProperty" && parent.value === node && BODY_KEYS.has(keyName(parent) ?? "")) {
    const options = ctx.parsed.parents.get(parent);
    const call = options && ctx.parsed.parents.get(options);
    if (call && (call.type === "CallExpression" || call.type === "NewExpression")) {
      const wrapped = call.type === "CallExpression" ? wrapperUrl(ctx, call, call.arguments.indexOf(options)) : undefined;
      if (wrapped) return hostOfValue(ctx, wrapped);
      const url = call.arguments[0] && unwrap(call.arguments[0]) !== options ? call.arguments[0] : findProp(options!, "url")?.value;
      return url ? hostOfValue(ctx, url) : { kind: "unknown" };
    }
    return undefined;
  }
  if (parent.type === "VariableDeclarator" && parent.init === node && parent.id.type === "Identifier") {
    const binding = ctx.scope.lookup(parent.id.name, parent.id);
    for (const ref of binding ? ctx.scope.references(binding) : []) {
      const host = senderOf(ctx, ref, depth + 1);
      if (host) return host;
    }
  }
  // `function buildPayload(…) { return { model, messages } }`: the body goes wherever a call of it is sent.
  const builder = parent.type === "ReturnStatement" ? enclosingFunction(ctx, parent) : FUNCTION_TYPES.has(parent.type) && parent.body === node ? parent : undefined;
  const name = builder ? ctx.scope.calledBy(builder) : undefined;
  const fn = name?.type === "Identifier" ? ctx.scope.lookup(name.name, name) : undefined;
  for (const ref of fn && fn.exportedAs.length === 0 ? ctx.scope.references(fn) : []) {
    const call = ctx.parsed.parents.get(ref);
    if (call?.type !== "CallExpression" || call.callee !== ref) continue;
    const host = senderOf(ctx, call, depth + 1);
    if (host) return host;
  }
  return undefined;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** The function a statement belongs to (not a nested block's). */
function enclosingFunction(ctx: FindCtx, node: Node): Node | undefined {
  for (let p = ctx.parsed.parents.get(node); p; p = ctx.parsed.parents.get(p)) if (FUNCTION_TYPES.has(p.type) || p.type === "ClassMethod") return p;
  return undefined;
}

/**
 * The URL the project's own fetch wrapper sends its options to (`send(label, url, init)` doing
 * `fetch(url, init)`): the caller's argument for that parameter, or the URL the wrapper names.
 */
function wrapperUrl(ctx: FindCtx, call: Node, index: number): Node | undefined {
  const param = index >= 0 ? ctx.scope.localParam(call, index) : undefined;
  for (const ref of param ? ctx.scope.references(param) : []) {
    const inner = ctx.parsed.parents.get(ref);
    if (inner?.type !== "CallExpression" || inner.arguments.indexOf(ref) < 1) continue;
    const url = unwrap(inner.arguments[0]);
    const urlParam = url.type === "Identifier" ? ctx.scope.lookup(url.name, url) : undefined;
    if (urlParam?.kind !== "param" || urlParam.fn !== param!.fn) return url;
    return urlParam.index !== undefined && !urlParam.key ? call.arguments[urlParam.index] : undefined;
  }
  return undefined;
}

/** A name sent as a JSON body (`JSON.stringify(body)`, `axios.post(url, body)`) whose model is assigned: a request there. */
function sentBody(ctx: FindCtx, ref: Node): RequestSite | undefined {
  const parent = ctx.parsed.parents.get(ref);
  // `{ ...body, thinking }` at the send is the same request once its mode is written there.
  const copy = parent?.type === "SpreadElement" ? ctx.parsed.parents.get(parent) : undefined;
  const sendNode = copy?.type === "ObjectExpression" && !findProp(copy, "model") ? copy : ref;
  const holder = ctx.parsed.parents.get(sendNode);
  if (!holder || (holder.type !== "CallExpression" && holder.type !== "NewExpression")) return undefined;
  const sent = sentObject(ctx, ref);
  const host = sent ? senderOf(ctx, sendNode, 0) : undefined;
  if (!sent || !host) return undefined;
  return { shape: "raw-body", node: sendNode, ...(sendNode !== ref ? { options: sendNode } : {}), model: sent.sources[0] ?? ref, pass: { kind: "body" }, host, prefixes: [], sent };
}

/** `x.model = …` statements for the object a binding holds. */
export function modelAssignments(ctx: FindCtx, binding: Binding): Node[] {
  return ctx.scope.memberWrites(binding, "model");
}

/**
 * What the model of the object `ref` names can be where it is sent. An assignment that is a
 * statement of the sending function's own body, before the send, replaces what came before it
 * (the initial object's model, what callers passed); otherwise every one of them counts.
 */
function sentObject(ctx: FindCtx, ref: Node): SentObject | undefined {
  const binding = ctx.scope.lookup(ref.name, ref);
  if (!binding || binding.id === ref || !["const", "let", "param"].includes(binding.kind)) return undefined;
  const writes = modelAssignments(ctx, binding);
  if (writes.length === 0) return undefined;
  const fn = ctx.scope.enclosingFunction(ref);
  const body = fn ? (fn.body?.type === "BlockStatement" ? fn.body : undefined) : ctx.parsed.program;
  const settled = writes.filter((w) => {
    const stmt = ctx.parsed.parents.get(w);
    return stmt?.type === "ExpressionStatement" && ctx.parsed.parents.get(stmt) === body && w.end <= ref.start;
  }).at(-1);
  const sources = writes.filter((w) => !settled || w.start >= settled.start).map((w) => w.right as Node);
  const sent: SentObject = { ref, binding, sources };
  if (settled) return sent;
  const init = binding.init ? unwrap(binding.init) : undefined;
  if (init?.type === "ObjectExpression") {
    const prop = findProp(init, "model");
    if (prop) sources.unshift(prop.value);
  } else if (binding.kind === "param" && binding.fn && binding.index !== undefined) {
    const callers = ctx.scope.argumentsAt(binding.fn, binding.index) ?? [];
    const name = ctx.scope.calledBy(binding.fn);
    const exported = name ? (ctx.scope.lookup(name.name, name)?.exportedAs.length ?? 0) > 0 : false;
    if (exported || callers.length === 0) sent.unknown = `the parameter \`${binding.name}\`, whose callers ds-migrate cannot all see, before it is assigned`;
    for (const arg of callers) {
      const obj = arg ? objectOf(ctx, arg) : undefined;
      if (!obj) {
        sent.unknown = `the parameter \`${binding.name}\`, to which a caller passes an object ds-migrate cannot read${arg ? ` (line ${arg.loc.start.line})` : ""}`;
        continue;
      }
      const prop = findProp(obj, "model");
      if (prop) sources.unshift(prop.value);
    }
  } else if (init) {
    sent.unknown = `\`${binding.name}\`, whose initial value ds-migrate cannot read`;
  }
  return sent;
}

/** The object literal an argument is, or that a `const` it names holds. */
function objectOf(ctx: FindCtx, arg: Node): Node | undefined {
  const node = unwrap(arg);
  if (node.type === "ObjectExpression") return node;
  if (node.type !== "Identifier") return undefined;
  const b = ctx.scope.lookup(node.name, node);
  const init = b?.kind === "const" && b.init ? unwrap(b.init) : undefined;
  return init?.type === "ObjectExpression" ? init : undefined;
}

/** The model of a sent object: one value, a condition, several models (choices), or what cannot be known. */
export function resolveSent(scope: Scope, sent: SentObject): Resolved {
  const where = `\`${sent.binding.name}.model\``;
  if (sent.unknown) return { kind: "dynamic", reason: sent.unknown };
  if (sent.sources.length === 0) return { kind: "dynamic", reason: `${where}, which is never given a value ds-migrate can see` };
  const resolved = sent.sources.map((n) => resolveValue(n, scope));
  if (resolved.length === 1) return resolved[0]!;
  const literals: Node[] = [];
  for (const r of resolved) {
    if (r.kind !== "string") return r.kind === "dynamic" ? r : { kind: "dynamic", reason: `${where}, which is set in more than one place, one of them computed at run time` };
    literals.push(r.literal);
  }
  const values = new Set(literals.map((n) => stringValue(n)));
  if (values.size === 1) return { kind: "string", literal: literals[0]!, value: stringValue(literals[0]!)!, viaParam: false };
  return { kind: "choices", literals, reason: `${where}, which is set to several models (${literals.map((n) => `line ${n.loc.start.line}`).join(", ")})` };
}

/**
 * An editor setting read with a default: `vscode.workspace.getConfiguration("x").get("endpoint", url)`,
 * directly or through `const config = …getConfiguration("x")` / `const endpoint = config.get(…)`.
 */
function settingRead(ctx: FindCtx, expr: Node, depth: number): { name: string; fallback: Node } | undefined {
  const node = unwrap(expr);
  if (depth > 3) return undefined;
  if (node.type === "Identifier") {
    const b = ctx.scope.lookup(node.name, node);
    return b?.kind === "const" && b.init ? settingRead(ctx, b.init, depth + 1) : undefined;
  }
  if (node.type !== "CallExpression" || node.arguments.length !== 2) return undefined;
  const callee = unwrap(node.callee);
  const key = stringValue(node.arguments[0]);
  if ((callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") || callee.computed || callee.property.name !== "get" || key === undefined) return undefined;
  const section = configurationSection(ctx, callee.object, 0);
  return section === undefined ? undefined : { name: section ? `${section}.${key}` : key, fallback: node.arguments[1] };
}

/** The section a `getConfiguration(section)` call (or a `const` holding one) reads; undefined when it is not one. */
function configurationSection(ctx: FindCtx, expr: Node, depth: number): string | undefined {
  const node = unwrap(expr);
  if (node.type === "Identifier" && depth < 3) {
    const b = ctx.scope.lookup(node.name, node);
    return b?.kind === "const" && b.init ? configurationSection(ctx, b.init, depth + 1) : undefined;
  }
  if (node.type !== "CallExpression" || memberPath(node.callee)?.at(-1) !== "getConfiguration") return undefined;
  return node.arguments[0] ? stringValue(node.arguments[0]) ?? "" : "";
}
