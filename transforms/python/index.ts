// The Python transform: the same decisions as the JS/TS one, in Python's syntax. The
// OpenAI SDK, LangChain and LiteLLM/DSPy get the mode through `extra_body=`; raw HTTP
// bodies (requests/httpx `json={...}`) get a top-level key. Edits are span splices.
import { MODE_KEYS, type Mode, type Settings } from "../../src/rules.js";
import { RULE_IDS, type Edit, type ExportedId, type ModuleLinks, type RawFinding, type TransformResult } from "../../src/findings.js";
import { eolOf, LineIndex } from "../../src/text.js";
import { classifyUrl, describeChoice, insertionAfter, matchLegacyId, type ModeChoice } from "../shared.js";
import { argumentsOf, dictEntries, memberPath, parsePython, stringOf, type Argument, type PyNode, type PyParsed } from "./tree.js";
import { PyScope, scopeOf, type PyResolved } from "./scope.js";
import { conditionAwayMessage, conditionUnusedMessage, dynamicModelMessage, reviewLiterals, urlFinding, type Literal as ReviewLiteral, type Place as ReviewPlace } from "../review.js";

interface Ctx {
  src: string;
  settings: Settings;
  parsed: PyParsed;
  scope: PyScope;
  eol: string;
  findings: RawFinding[];
  traced: Set<PyNode>;
  blocked: Set<PyNode>;
  deepseekClients: Set<string>;
  /** LiteLLM/DSPy files: `deepseek/deepseek-chat` is a DeepSeek ID there. */
  allowPrefix: boolean;
  /** Dicts whose mode is handled through the call they are spread into. */
  handledDicts: Set<PyNode>;
  /** Literals rewritten to the new ID: the candidates for this module's exports. */
  rewritten: Set<PyNode>;
  links?: ModuleLinks;
}

const PY_TRAILING_COMMENT = /^\s*#.*$/;
const SDK_METHODS = new Set(["create", "parse", "stream"]);
const LANGCHAIN_CLASSES = new Set(["ChatOpenAI", "ChatDeepSeek"]);
const LITELLM_FUNCTIONS = new Set(["completion", "acompletion"]);
const BASE_URL_KEYWORDS = ["base_url", "openai_api_base", "api_base"];
const LOG_HEADS = new Set(["logging", "logger", "log", "LOGGER", "_logger"]);

export function analyzePython(src: string, file: string, settings: Settings, links?: ModuleLinks): TransformResult {
  const parsed = parsePython(src);
  if (parsed.errorAt !== undefined) {
    const at = new LineIndex(src).position(parsed.errorAt);
    return { findings: [], parseError: { message: "invalid Python syntax", line: at.line, column: at.column } };
  }
  const ctx: Ctx = {
    src,
    settings,
    parsed,
    scope: new PyScope(parsed, src, file, links),
    eol: eolOf(src),
    findings: [],
    traced: new Set(),
    blocked: new Set(),
    deepseekClients: new Set(),
    allowPrefix: /^\s*(import|from)\s+(litellm|dspy)\b/m.test(src),
    handledDicts: new Set(),
    rewritten: new Set(),
  };
  if (links) ctx.links = links;
  const literals = collectLiterals(ctx);
  reviewGroups(ctx, literals);
  findDeepSeekClients(ctx);
  for (const node of parsed.all) if (node.name === "CallExpression") migrateCall(ctx, node);
  for (const node of parsed.all) if (node.name === "DictionaryExpression" && !ctx.handledDicts.has(node)) migrateRawDict(ctx, node);
  for (const lit of literals) rewriteLiteral(ctx, lit);
  migrateUrls(ctx);
  reportComments(ctx);
  return { findings: ctx.findings, exports: collectExports(ctx) };
}

type Place = ReviewPlace<PyNode>;
type Literal = ReviewLiteral<PyNode>;

function collectLiterals(ctx: Ctx): Literal[] {
  const out: Literal[] = [];
  const ids = Object.keys(ctx.settings.rules.legacyModels);
  for (const node of ctx.parsed.all) {
    if (node.name === "FormatString" && ids.some((id) => ctx.src.slice(node.from, node.to).includes(id))) {
      add(ctx, node, RULE_IDS.idInText, "info", "A legacy DeepSeek ID in an f-string (text): left as it is.");
      continue;
    }
    const str = stringOf(node, ctx.src);
    if (!str) continue;
    const match = matchLegacyId(str.value, ctx.settings, ctx.allowPrefix);
    if (match) out.push({ node, match, place: placeOf(ctx, node) });
    else if (ids.some((id) => str.value.includes(id)) && !str.value.startsWith("deepseek/")) {
      const place = placeOf(ctx, node);
      add(ctx, node, RULE_IDS.idInText, "info", `A legacy DeepSeek ID in ${place.kind === "text" ? place.why : "a longer string (text, not a model value)"}: left as it is.`);
    }
  }
  return out;
}

function placeOf(ctx: Ctx, node: PyNode): Place {
  const parent = node.parent!;
  const siblings = parent.children;
  const index = siblings.indexOf(node);
  switch (parent.name) {
    case "BinaryExpression":
      if (siblings.some((c) => c.name === "CompareOp" || c.name === "in" || c.name === "is")) return { kind: "comparison" };
      break;
    case "LiteralPattern": {
      let match: PyNode | undefined = parent;
      while (match && match.name !== "MatchStatement") match = match.parent;
      return { kind: "group", group: match ?? parent, what: "match cases" };
    }
    case "DictionaryExpression":
      if (siblings[index + 1]?.name === ":") return { kind: "group", group: parent, what: "dict keys" };
      break;
    case "ArrayExpression":
    case "TupleExpression":
    case "SetExpression":
      return { kind: "group", group: parent, what: "entries of a list" };
    case "MemberExpression": {
      const head = memberPath(siblings[0]!, ctx.src);
      if (head?.[head.length - 1] === "Literal") return { kind: "group", group: parent, what: "members of a Literal type" };
      break;
    }
    case "ArgList": {
      const callee = parent.parent?.children[0];
      const path = callee ? memberPath(callee, ctx.src) : undefined;
      if (path && (path.join(".") === "print" || (LOG_HEADS.has(path[0]!) && path.length > 1))) return { kind: "text", why: "log text" };
      break;
    }
    case "ExpressionStatement":
      return { kind: "text", why: "a docstring or bare string" };
  }
  return { kind: "value" };
}

function reviewGroups(ctx: Ctx, literals: Literal[]): void {
  const { findings, blocked } = reviewLiterals(literals, {
    span: (n) => ({ start: n.from, end: n.to }),
    line: (n) => lineOf(ctx, n),
    construct: comparisonConstruct,
    singles: { "match cases": { rule: RULE_IDS.comparison, noun: "a match case" }, "dict keys": { rule: RULE_IDS.legacyKey, noun: "a dict key" } },
  });
  ctx.findings.push(...findings);
  for (const node of blocked) ctx.blocked.add(node);
}

/** The if/elif chain a comparison sits in, or else its statement: comparisons group by it. */
function comparisonConstruct(node: PyNode): PyNode {
  let statement: PyNode | undefined;
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === "IfStatement") return n;
    if (!statement && /Statement$/.test(n.name)) statement = n;
    if (n.name === "FunctionDefinition" || n.name === "ClassDefinition") break;
  }
  return statement ?? node;
}

function lineOf(ctx: Ctx, node: PyNode): number {
  let line = 1;
  for (let i = ctx.src.indexOf("\n"); i !== -1 && i < node.from; i = ctx.src.indexOf("\n", i + 1)) line++;
  return line;
}

function findDeepSeekClients(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    if (node.name !== "AssignStatement") continue;
    const value = node.children[node.children.length - 1]!;
    if (value.name !== "CallExpression" || !aimsAtDeepSeek(ctx, value)) continue;
    const target = memberPath(node.children[0]!, ctx.src);
    if (target) ctx.deepseekClients.add(target.join("."));
  }
}

/** A client or model object built with a DeepSeek base URL, or a DeepSeek-specific class. */
function aimsAtDeepSeek(ctx: Ctx, call: PyNode): boolean {
  const path = memberPath(call.children[0]!, ctx.src);
  if (path?.[path.length - 1] === "ChatDeepSeek") return true;
  return argumentsOf(call, ctx.src).some((a) => {
    if (!a.keyword || !BASE_URL_KEYWORDS.includes(a.keyword)) return false;
    const resolved = ctx.scope.resolve(a.value);
    const verdict = resolved.kind === "string" ? classifyUrl(resolved.value, ctx.settings.rules) : undefined;
    return !!verdict && verdict.kind !== "untouched";
  });
}

type CallKind = "openai" | "langchain" | "litellm" | "http";

function callKind(ctx: Ctx, call: PyNode): CallKind | undefined {
  const path = memberPath(call.children[0]!, ctx.src);
  if (!path) return undefined;
  const last = path[path.length - 1]!;
  if (path.length > 2 && path.includes("completions") && SDK_METHODS.has(last)) return "openai";
  if (LANGCHAIN_CLASSES.has(last)) return "langchain";
  const fromLitellm = path[0] === "litellm" || ctx.scope.importSource(path[0]!) === "litellm";
  if (LITELLM_FUNCTIONS.has(last) && fromLitellm) return "litellm";
  if ((path.join(".") === "dspy.LM" || (path.length === 1 && last === "LM" && ctx.scope.importSource("LM") === "dspy"))) return "litellm";
  if (last === "post" && path.length >= 2) return "http";
  return undefined;
}

interface ModelSource {
  /** The node holding the model expression. */
  value: PyNode;
  /** Where a new item goes: after this keyword argument or dict entry. */
  after: { containerStart: number; itemStart: number; itemEnd: number };
  /** For models that come from a `**params` dict: that dict. */
  dict?: PyNode;
}

function modelSource(ctx: Ctx, call: PyNode, kind: CallKind, args: Argument[]): ModelSource | undefined {
  const argList = call.children.find((c) => c.name === "ArgList")!;
  const names = kind === "langchain" ? ["model", "model_name"] : ["model"];
  const kw = args.find((a) => a.keyword && names.includes(a.keyword));
  if (kw) return { value: kw.value, after: { containerStart: argList.from, itemStart: kw.nameNode!.from, itemEnd: kw.value.to } };
  if (kind === "litellm" && args[0] && !args[0].keyword) {
    return { value: args[0].value, after: { containerStart: argList.from, itemStart: args[0].value.from, itemEnd: args[0].value.to } };
  }
  for (const spread of args.filter((a) => a.keyword === "**")) {
    const resolved = ctx.scope.resolve(spread.value);
    if (resolved.kind !== "dict") continue;
    const entry = dictEntries(resolved.node).find((e) => e.key && stringOf(e.key, ctx.src)?.value === "model");
    if (entry) return { value: entry.value, after: { containerStart: resolved.node.from, itemStart: entry.key!.from, itemEnd: entry.value.to }, dict: resolved.node };
  }
  return undefined;
}

function migrateCall(ctx: Ctx, call: PyNode): void {
  const kind = callKind(ctx, call);
  if (!kind) return;
  const args = argumentsOf(call, ctx.src);
  if (kind === "http") return markHttpBody(ctx, args);
  const source = modelSource(ctx, call, kind, args);
  if (source?.dict) ctx.handledDicts.add(source.dict);
  if (!source) return;
  const resolved = ctx.scope.resolve(source.value);
  const choice = modeChoice(ctx, resolved, call);
  if (!choice) {
    if (resolved.kind === "dynamic" && isDeepSeekCall(ctx, call, kind)) reportDynamic(ctx, source.value, resolved.reason);
    return;
  }
  if (resolved.kind === "string" && resolved.viaParam) {
    add(ctx, source.value, RULE_IDS.thinkingMode, "info",
      "The model comes from a parameter default; the mode added here matches that default. Callers that pass another model should pass the thinking mode too.");
  }
  const edits = extraBodyEdits(ctx, args, source, choice);
  if (edits.length === 0) return;
  add(ctx, source.value, RULE_IDS.thinkingMode, "info", `V4 thinks by default: set the mode explicitly (${describeChoice(choice)}) to keep this request's behaviour.`, edits);
  const isThinking = "mode" in choice ? choice.mode === "thinking" : true;
  const tools = args.find((a) => a.keyword === "tools");
  if (isThinking && tools && !passesReasoningBack(ctx)) {
    add(ctx, tools.nameNode!, RULE_IDS.reasoningToolsAdvice, "warning",
      "This thinking-mode request (formerly deepseek-reasoner) sends tools, and no message in this file carries reasoning_content back: " +
        "in multi-turn tool calls, thinking mode requires each assistant message to be sent back with its reasoning_content.");
  }
  if (!isThinking) checkReasoningReads(ctx, call);
}

function passesReasoningBack(ctx: Ctx): boolean {
  return ctx.parsed.all.some((n) => (n.name === "String" && stringOf(n, ctx.src)?.value === "reasoning_content" && n.parent?.name === "DictionaryExpression") ||
    (n.name === "VariableName" && ctx.src.slice(n.from, n.to) === "reasoning_content" && n.parent?.name === "ArgList"));
}

/** Reading reasoning_content in the function of a request now non-thinking finds nothing. */
function checkReasoningReads(ctx: Ctx, call: PyNode): void {
  const fn = scopeOf(call);
  for (const n of ctx.parsed.all) {
    const isAttr = n.name === "PropertyName" && ctx.src.slice(n.from, n.to) === "reasoning_content";
    const isKey = n.name === "String" && stringOf(n, ctx.src)?.value === "reasoning_content" && n.parent?.name === "MemberExpression";
    if ((!isAttr && !isKey) || scopeOf(n) !== fn) continue;
    add(ctx, n, RULE_IDS.reasoningContentRead, "warning",
      `Reads reasoning_content, but the request at line ${lineOf(ctx, call)} is migrated in non-thinking mode (it was deepseek-chat), whose responses carry none. ` +
        "Set that request to thinking mode if this code needs the reasoning, or drop the read.");
  }
}

function isDeepSeekCall(ctx: Ctx, call: PyNode, kind: CallKind): boolean {
  if (kind === "langchain") return aimsAtDeepSeek(ctx, call);
  const path = memberPath(call.children[0]!, ctx.src) ?? [];
  const root = path[0] === "self" ? path.slice(0, 2).join(".") : path[0]!;
  return ctx.deepseekClients.has(root);
}

/** `json={...}` of requests/httpx posts: the dict is a raw body (handled by migrateRawDict). */
function markHttpBody(ctx: Ctx, args: Argument[]): void {
  const url = args.find((a) => !a.keyword) ?? args.find((a) => a.keyword === "url");
  const body = args.find((a) => a.keyword === "json");
  if (!url || !body) return;
  const target = ctx.scope.resolve(url.value);
  const isDeepSeek = target.kind === "string" && !!classifyUrl(target.value, ctx.settings.rules);
  const resolved = ctx.scope.resolve(body.value);
  if (resolved.kind !== "dict" || !isDeepSeek) return;
  const model = dictEntries(resolved.node).find((e) => e.key && stringOf(e.key, ctx.src)?.value === "model");
  if (!model) return;
  const value = ctx.scope.resolve(model.value);
  if (value.kind === "dynamic") reportDynamic(ctx, model.value, value.reason, true);
}

function migrateRawDict(ctx: Ctx, dict: PyNode): void {
  const entries = dictEntries(dict);
  const keyOf = (e: { key?: PyNode }) => (e.key ? stringOf(e.key, ctx.src)?.value : undefined);
  const model = entries.find((e) => keyOf(e) === "model");
  if (!model || !entries.some((e) => keyOf(e) === "messages" || keyOf(e) === "prompt")) return;
  if (entries.some((e) => MODE_KEYS.includes(keyOf(e) ?? ""))) return;
  const choice = modeChoice(ctx, ctx.scope.resolve(model.value), dict);
  if (!choice) return;
  const q = quoteFor(ctx, model.value);
  const text = `${q}${dialect(ctx).key}${q}: ${modeValue(ctx, choice, q)}`;
  const edits = insertionAfter(ctx.src, { containerStart: dict.from, itemStart: model.key!.from, itemEnd: model.value.to }, text, ctx.eol, PY_TRAILING_COMMENT);
  add(ctx, model.value, RULE_IDS.thinkingMode, "info", `V4 thinks by default: set the mode explicitly (${describeChoice(choice)}) to keep this request's behaviour.`, edits);
}

function modeChoice(ctx: Ctx, resolved: PyResolved, site: PyNode): ModeChoice | undefined {
  if (resolved.kind === "external") {
    ctx.links?.used(resolved.id);
    return { mode: resolved.id.mode };
  }
  if (resolved.kind === "string") {
    const match = matchLegacyId(resolved.value, ctx.settings, ctx.allowPrefix);
    if (!match || ctx.blocked.has(resolved.literal)) return undefined;
    ctx.traced.add(resolved.literal);
    return { mode: match.mode };
  }
  if (resolved.kind !== "conditional") return undefined;
  const yes = matchLegacyId(stringOf(resolved.consequent, ctx.src)?.value ?? "", ctx.settings, ctx.allowPrefix);
  const no = matchLegacyId(stringOf(resolved.alternate, ctx.src)?.value ?? "", ctx.settings, ctx.allowPrefix);
  if (!yes || !no || yes.mode === no.mode) return undefined;
  const simpleTest = ["VariableName", "MemberExpression", "Boolean"].includes(resolved.test.name);
  const sameScope = scopeOf(resolved.node) === scopeOf(site) || resolved.node.from >= site.from && resolved.node.to <= site.to;
  if (!simpleTest || !sameScope) {
    add(ctx, resolved.node, RULE_IDS.conditionalMix, "error", conditionAwayMessage(yes, no));
    ctx.blocked.add(resolved.consequent).add(resolved.alternate);
    return undefined;
  }
  ctx.traced.add(resolved.node);
  return { test: ctx.src.slice(resolved.test.from, resolved.test.to), thinkingWhenTrue: yes.mode === "thinking" };
}

function dialect(ctx: Ctx) {
  return ctx.settings.rules.dialects[ctx.settings.dialect];
}

/** The Python value of the mode key, e.g. `{"type": "disabled"}` or `"non-thinking"`. */
function modeValue(ctx: Ctx, choice: ModeChoice, q: string): string {
  const d = dialect(ctx);
  const str = (mode: Mode) => `${q}${d.strings[mode]}${q}`;
  const inner = "mode" in choice
    ? str(choice.mode)
    : `${str(choice.thinkingWhenTrue ? "thinking" : "non-thinking")} if ${choice.test} else ${str(choice.thinkingWhenTrue ? "non-thinking" : "thinking")}`;
  return d.conditional === "type" ? `{${q}type${q}: ${inner}}` : inner;
}

/** `extra_body=` for SDK-style calls: added, merged into a dict literal, or spread over a name. */
function extraBodyEdits(ctx: Ctx, args: Argument[], source: ModelSource, choice: ModeChoice): Edit[] {
  const q = quoteFor(ctx, source.value);
  const entry = `${q}${dialect(ctx).key}${q}: ${modeValue(ctx, choice, q)}`;
  const existing = args.find((a) => a.keyword === "extra_body");
  if (existing) return mergeIntoExtraBody(ctx, existing.value, entry);
  if (source.dict) {
    const body = dictEntries(source.dict).find((e) => e.key && stringOf(e.key, ctx.src)?.value === "extra_body");
    if (body) return mergeIntoExtraBody(ctx, body.value, entry);
    return insertionAfter(ctx.src, source.after, `${q}extra_body${q}: {${entry}}`, ctx.eol, PY_TRAILING_COMMENT);
  }
  return insertionAfter(ctx.src, source.after, `extra_body={${entry}}`, ctx.eol, PY_TRAILING_COMMENT);
}

function mergeIntoExtraBody(ctx: Ctx, value: PyNode, entry: string): Edit[] {
  if (value.name === "DictionaryExpression") {
    const entries = dictEntries(value);
    if (entries.some((e) => e.key && MODE_KEYS.includes(stringOf(e.key, ctx.src)?.value ?? ""))) return [];
    const last = entries[entries.length - 1];
    if (!last) return [{ start: value.from + 1, end: value.to - 1, text: entry }];
    const itemStart = last.key?.from ?? last.value.from - 2;
    return insertionAfter(ctx.src, { containerStart: value.from, itemStart, itemEnd: last.value.to }, entry, ctx.eol, PY_TRAILING_COMMENT);
  }
  if (value.name === "VariableName" || value.name === "MemberExpression") {
    const name = ctx.src.slice(value.from, value.to);
    return [{ start: value.from, end: value.to, text: `{**${name}, ${entry}}` }];
  }
  return [];
}

function quoteFor(ctx: Ctx, node: PyNode): string {
  const str = stringOf(node, ctx.src) ?? (node.name === "ConditionalExpression" ? stringOf(node.children[0], ctx.src) : undefined);
  const q = str?.quote[0];
  return q === "'" ? "'" : '"';
}

function reportDynamic(ctx: Ctx, node: PyNode, reason: string, rawBody = false): void {
  const target = ctx.settings.rules.targets[ctx.settings.target];
  const d = dialect(ctx);
  const entry = `"${d.key}": ${JSON.stringify(d.values["non-thinking"]).replace(/:/g, ": ")}`;
  const example = rawBody ? `${entry} in this JSON body` : `extra_body={${entry}}`;
  add(ctx, node, RULE_IDS.dynamicModel, "warning", dynamicModelMessage(reason, target, example));
}

function rewriteLiteral(ctx: Ctx, lit: Literal): void {
  const { node, match, place } = lit;
  if (ctx.blocked.has(node) || place.kind === "comparison") return;
  if (place.kind === "text") {
    add(ctx, node, RULE_IDS.idInText, "info", `"${match.legacyId}" in ${place.why}: not a model value, left as it is.`);
    return;
  }
  const parent = node.parent;
  if (parent?.name === "ConditionalExpression" && ctx.traced.has(parent)) {
    if (parent.children[0] === node) {
      const str = stringOf(node, ctx.src)!;
      add(ctx, parent, RULE_IDS.legacyModelId, "error",
        `Conditional legacy IDs become one ID, "${match.replacement}", with the mode chosen by the same condition at the request.`,
        [{ start: parent.from, end: parent.to, text: ctx.src.slice(node.from, str.innerFrom) + match.replacement + ctx.src.slice(str.innerTo, node.to) }]);
    }
    return;
  }
  if (parent?.name === "ConditionalExpression" && choosesBetweenModes(ctx, parent)) {
    if (parent.children[0] === node) {
      add(ctx, parent, RULE_IDS.conditionalMix, "error", conditionUnusedMessage(match));
    }
    return;
  }
  const str = stringOf(node, ctx.src)!;
  add(ctx, node, RULE_IDS.legacyModelId, "error", `Legacy model ID "${match.prefix}${match.legacyId}" → "${match.replacement}" (deadline ${ctx.settings.rules.deadline.slice(0, 10)}).`,
    [{ start: str.innerFrom, end: str.innerTo, text: match.replacement }]);
  ctx.rewritten.add(node);
  const isType = place.kind === "group" && place.what === "members of a Literal type";
  if (!ctx.traced.has(node) && !isType) {
    const d = dialect(ctx);
    add(ctx, node, RULE_IDS.setModeAtConsumer, "warning",
      `"${match.legacyId}" was ${match.mode === "thinking" ? "a thinking" : "a non-thinking"} model; V4 thinks by default. ` +
        `No request using this value was found in this file or in modules importing it: set ${d.key}=${JSON.stringify(d.values[match.mode])} (through extra_body for the OpenAI SDK) where it is sent.`);
  }
}

function choosesBetweenModes(ctx: Ctx, cond: PyNode): boolean {
  const [consequent, , , , alternate] = cond.children;
  const yes = matchLegacyId(stringOf(consequent, ctx.src)?.value ?? "", ctx.settings, ctx.allowPrefix);
  const no = matchLegacyId(stringOf(alternate, ctx.src)?.value ?? "", ctx.settings, ctx.allowPrefix);
  return !!yes && !!no && yes.mode !== no.mode;
}

function migrateUrls(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    const str = stringOf(node, ctx.src);
    const verdict = str ? classifyUrl(str.value, ctx.settings.rules) : undefined;
    if (!str || !verdict || verdict.kind === "canonical" || verdict.kind === "untouched") continue;
    const place = placeOf(ctx, node);
    if (place.kind === "text") {
      add(ctx, node, RULE_IDS.idInText, "info", `A DeepSeek URL in ${place.why}: left as it is.`);
      continue;
    }
    const parent = node.parent;
    const joined = parent?.name === "BinaryExpression" && parent.children[0] === node && parent.children.some((c) => c.name === "ArithOp");
    const finding = urlFinding(str.value, verdict, { start: node.from, end: node.to }, { start: str.innerFrom, end: str.innerTo }, joined);
    if (finding) ctx.findings.push(finding);
  }
}

function reportComments(ctx: Ctx): void {
  const needles = [...Object.keys(ctx.settings.rules.legacyModels), ...ctx.settings.rules.hosts];
  for (const comment of ctx.parsed.comments) {
    if (!needles.some((n) => ctx.src.slice(comment.from, comment.to).includes(n))) continue;
    add(ctx, comment, RULE_IDS.idInText, "info", "A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.");
  }
}

function add(ctx: Ctx, node: { from: number; to: number }, ruleId: string, severity: RawFinding["severity"], message: string, edits?: Edit[]): void {
  const finding: RawFinding = { ruleId, severity, start: node.from, end: node.to, message };
  if (edits) finding.edits = edits;
  ctx.findings.push(finding);
}

/** Module-level names other modules can import: constants, dict entries, class attributes. */
function collectExports(ctx: Ctx): ExportedId[] {
  const out: ExportedId[] = [];
  const visit = (name: string, value: PyNode | undefined): void => {
    if (!value) return;
    if (value.name === "DictionaryExpression") {
      for (const e of dictEntries(value)) {
        const key = e.key ? stringOf(e.key, ctx.src)?.value : undefined;
        if (key) visit(`${name}.${key}`, e.value);
      }
      return;
    }
    const str = stringOf(value, ctx.src);
    const match = str ? matchLegacyId(str.value, ctx.settings, ctx.allowPrefix) : undefined;
    if (match && ctx.rewritten.has(value)) out.push({ name, legacyId: match.legacyId, mode: match.mode, start: value.from, end: value.to });
  };
  for (const stmt of ctx.parsed.root.children) {
    if (stmt.name === "AssignStatement") {
      const target = stmt.children[0];
      if (target?.name === "VariableName") visit(ctx.src.slice(target.from, target.to), stmt.children[stmt.children.length - 1]);
    } else if (stmt.name === "ClassDefinition") {
      const className = stmt.children.find((c) => c.name === "VariableName");
      const body = stmt.children.find((c) => c.name === "Body");
      for (const inner of body?.children ?? []) {
        const target = inner.children[0];
        if (inner.name === "AssignStatement" && target?.name === "VariableName" && className) {
          visit(`${ctx.src.slice(className.from, className.to)}.${ctx.src.slice(target.from, target.to)}`, inner.children[inner.children.length - 1]);
        }
      }
    }
  }
  return out;
}
