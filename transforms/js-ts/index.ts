// The JS/TS transform: finds legacy DeepSeek IDs and URLs, decides per site whether to
// rewrite, adds the thinking mode at each request, and returns findings with span edits.
// It never reprints code: every change is a splice at exact offsets.
import { MODE_KEYS, type Mode, type Settings } from "../../src/rules.js";
import { RULE_IDS, type ExportedId, type ModuleLinks, type TransformResult } from "../../src/findings.js";
import { eolOf } from "../../src/text.js";
import { classifyUrl, describeChoice, matchLegacyId, type LegacyMatch, type ModeChoice } from "../shared.js";
import { addFinding, insertAfterProp, insertIntoObject, type Ctx } from "./ctx.js";
import { migrateAiSdk, findAnthropicClients } from "./libraries.js";
import { findProp, isTypeScript, keyName, memberPath, parseSource, stringValue, unwrap, type Node, type Parsed } from "./ast.js";
import { comparisonConstruct, placeOf } from "./context.js";
import { conditionAwayMessage, conditionUnusedMessage, dynamicModelMessage, reviewLiterals, urlFinding, type Literal } from "../review.js";
import { resolveValue, Scope, type Resolved } from "./resolve.js";

const REQUEST_METHODS = new Set(["create", "stream", "parse", "runTools"]);
const BASE_URL_KEYS = ["baseURL", "baseUrl", "base_url"];

export function analyzeJsTs(src: string, file: string, settings: Settings, links?: ModuleLinks): TransformResult {
  let parsed: Parsed;
  try {
    parsed = parseSource(src, file);
  } catch (error) {
    const e = error as { message: string; loc?: { line: number; column: number } };
    return { findings: [], parseError: { message: e.message.replace(/\s*\(\d+:\d+\)$/, "").replace(/\.$/, ""), line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 } };
  }
  const ctx: Ctx = {
    src,
    file,
    settings,
    parsed,
    scope: new Scope(parsed, file, links),
    ts: isTypeScript(file),
    quote: dominantQuote(parsed),
    eol: eolOf(src),
    findings: [],
    traced: new Set(),
    blocked: new Set(),
    deepseekClients: new Set(),
    rewritten: new Set(),
    nonThinkingRequests: [],
    anthropicClients: new Set(),
  };
  if (links) ctx.links = links;
  const literals = collectLegacyLiterals(ctx);
  reviewGroups(ctx, literals);
  findDeepSeekClients(ctx);
  findAnthropicClients(ctx);
  for (const node of parsed.all) if (node.type === "ObjectExpression") migrateRequest(ctx, node);
  migrateAiSdk(ctx);
  checkReasoningReads(ctx, ctx.nonThinkingRequests);
  for (const site of literals) rewriteLiteral(ctx, site);
  migrateUrls(ctx);
  reportComments(ctx);
  return { findings: ctx.findings, exports: collectExports(ctx) };
}

type LegacyLiteral = Literal<Node>;

function collectLegacyLiterals(ctx: Ctx): LegacyLiteral[] {
  const out: LegacyLiteral[] = [];
  for (const node of ctx.parsed.all) {
    const value = stringValue(node);
    if (value === undefined || node.type === "TemplateElement") continue;
    const match = matchLegacyId(value, ctx.settings, false);
    if (match) out.push({ node, match, place: placeOf(node, ctx.parsed.parents) });
    else if (mentionsLegacy(value, ctx)) {
      const place = placeOf(node, ctx.parsed.parents);
      const where = place.kind === "text" ? place.why : "a longer string (text, not a model value)";
      if (place.kind !== "ignore") addFinding(ctx, node, RULE_IDS.idInText, "info", `A legacy DeepSeek ID in ${where}: left as it is.`);
    }
  }
  // Source order, so a finding about a group points at its first member.
  return out.sort((a, b) => a.node.start - b.node.start);
}

function mentionsLegacy(value: string, ctx: Ctx): boolean {
  return Object.keys(ctx.settings.rules.legacyModels).some((id) => value.includes(id));
}

/** Switch cases, object keys, unions, lists, enums and comparisons: see transforms/review.ts. */
function reviewGroups(ctx: Ctx, literals: LegacyLiteral[]): void {
  const { findings, blocked } = reviewLiterals(literals, {
    span: (n) => ({ start: n.start, end: n.end }),
    line: (n) => n.loc.start.line,
    construct: (n) => comparisonConstruct(n, ctx.parsed.parents),
    singles: { "switch cases": { rule: RULE_IDS.comparison, noun: "a switch case" }, "object keys": { rule: RULE_IDS.legacyKey, noun: "an object key" } },
  });
  ctx.findings.push(...findings);
  for (const node of blocked) ctx.blocked.add(node);
}

function findDeepSeekClients(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    if (node.type !== "NewExpression" && node.type !== "CallExpression") continue;
    const options = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    if (options?.type !== "ObjectExpression" || !pointsAtDeepSeek(ctx, options)) continue;
    const name = clientName(ctx, node);
    if (name) ctx.deepseekClients.add(name);
  }
}

function pointsAtDeepSeek(ctx: Ctx, options: Node): boolean {
  const configuration = findProp(options, "configuration");
  const holders = [options, configuration?.value && unwrap(configuration.value)].filter((n): n is Node => n?.type === "ObjectExpression");
  for (const holder of holders) {
    for (const key of BASE_URL_KEYS) {
      const prop = findProp(holder, key);
      if (!prop) continue;
      const resolved = resolveValue(prop.value, ctx.scope);
      if (resolved.kind === "string" && classifyUrl(resolved.value, ctx.settings.rules)) return true;
    }
  }
  return false;
}

/** The name requests use for a client: `client` for `const client = new X()`, `this.client` for a field. */
function clientName(ctx: Ctx, construct: Node): string | undefined {
  const parent = ctx.parsed.parents.get(construct);
  if (!parent) return undefined;
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if (parent.type === "AssignmentExpression") return memberPath(parent.left)?.join(".");
  if ((parent.type === "ClassProperty" || parent.type === "PropertyDefinition") && keyName(parent)) return `this.${keyName(parent)}`;
  return undefined;
}

/** sdk: OpenAI SDK params; raw: a JSON body; langchain: ChatOpenAI/ChatDeepSeek options; anthropic: Anthropic SDK messages. */
type RequestKind = "sdk" | "raw" | "langchain" | "anthropic";

const LANGCHAIN_CLASSES = new Set(["ChatOpenAI", "ChatDeepSeek"]);

function requestKind(ctx: Ctx, obj: Node): RequestKind | undefined {
  const parent = ctx.parsed.parents.get(obj);
  if (parent && isSdkCall(parent) && parent.arguments[0] === obj) return "sdk";
  if (parent?.type === "NewExpression" && parent.arguments[0] === obj && LANGCHAIN_CLASSES.has(memberPath(parent.callee)?.at(-1) ?? "")) return "langchain";
  if (parent?.type === "CallExpression" && parent.arguments[0] === obj && isAnthropicCall(ctx, parent)) return "anthropic";
  if (!findProp(obj, "model")) return undefined;
  if (findProp(obj, "messages") || findProp(obj, "prompt")) return insideJsonStringify(ctx, obj) ? "raw" : "sdk";
  return undefined;
}

function isAnthropicCall(ctx: Ctx, call: Node): boolean {
  const path = memberPath(call.callee);
  if (!path || path.length < 3 || path.at(-2) !== "messages" || !["create", "stream"].includes(path.at(-1)!)) return false;
  const root = path[0] === "this" ? `this.${path[1]}` : path[0]!;
  return ctx.anthropicClients.has(root);
}

function isSdkCall(node: Node): boolean {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return false;
  const path = memberPath(node.callee);
  return !!path && path.length > 2 && REQUEST_METHODS.has(path[path.length - 1]!) && path.includes("completions");
}

function insideJsonStringify(ctx: Ctx, obj: Node): boolean {
  const parent = ctx.parsed.parents.get(obj);
  return !!parent && parent.type === "CallExpression" && memberPath(parent.callee)?.join(".") === "JSON.stringify";
}

/** Through a client built with a DeepSeek base URL, or to a DeepSeek URL by fetch/axios. */
function isDeepSeekRequest(ctx: Ctx, obj: Node): boolean {
  const parent = ctx.parsed.parents.get(obj);
  if (parent && isSdkCall(parent)) {
    const path = memberPath(parent.callee)!;
    const root = path[0] === "this" ? `this.${path[1]}` : path[0]!;
    return ctx.deepseekClients.has(root);
  }
  for (let n = parent; n; n = ctx.parsed.parents.get(n)) {
    if ((n.type === "CallExpression" || n.type === "NewExpression") && n.arguments[0] && memberPath(n.callee)?.join(".") !== "JSON.stringify") {
      const target = resolveValue(n.arguments[0], ctx.scope);
      return target.kind === "string" && !!classifyUrl(target.value, ctx.settings.rules);
    }
  }
  return false;
}

function migrateRequest(ctx: Ctx, obj: Node): void {
  const kind = requestKind(ctx, obj);
  if (!kind) return;
  const modelProp = findProp(obj, "model") ?? (kind === "langchain" ? findProp(obj, "modelName") : undefined);
  if (!modelProp) return;
  const resolved = resolveValue(modelProp.value, ctx.scope);
  const choice = modeChoice(ctx, resolved, obj);
  if (!choice) {
    const deepseek = kind === "langchain" ? pointsAtDeepSeek(ctx, obj) || memberPath(ctx.parsed.parents.get(obj)!.callee)?.at(-1) === "ChatDeepSeek" : isDeepSeekRequest(ctx, obj);
    if (resolved.kind === "dynamic" && deepseek) reportDynamic(ctx, modelProp.value, resolved.reason, kind === "langchain" ? "modelKwargs" : undefined);
    return;
  }
  if (kind === "langchain") return addModelKwargs(ctx, obj, modelProp, choice);
  if (kind === "anthropic") return addAnthropicThinking(ctx, obj, modelProp, choice);
  if (resolved.kind === "string" && resolved.viaParam) {
    addFinding(ctx, modelProp.value, RULE_IDS.thinkingMode, "info",
      `The model comes from a parameter default; the mode added here matches that default. Callers that pass another model should pass the thinking mode too.`);
  }
  if (hasMode(obj)) return;
  const text = modeProperty(ctx, choice, kind, obj);
  addFinding(ctx, modelProp, RULE_IDS.thinkingMode, "info",
    `V4 thinks by default: set the mode explicitly (${describeChoice(choice)}) to keep this request's behaviour.`, insertAfterProp(ctx, obj, modelProp, text));
  if (!("mode" in choice) || choice.mode === "thinking") adviseThinking(ctx, obj);
  else ctx.nonThinkingRequests.push(obj);
}

/** LangChain JS passes extra request fields through `modelKwargs`. */
function addModelKwargs(ctx: Ctx, obj: Node, modelProp: Node, choice: ModeChoice): void {
  const prop = modeProperty(ctx, choice, "raw", obj);
  const kwargs = findProp(obj, "modelKwargs");
  const kwargsObj = kwargs && unwrap(kwargs.value).type === "ObjectExpression" ? unwrap(kwargs.value) : undefined;
  if (kwargsObj && hasMode(kwargsObj)) return;
  if (kwargs && !kwargsObj) {
    addFinding(ctx, kwargs, RULE_IDS.setModeAtConsumer, "warning", `V4 thinks by default: add ${prop} to these modelKwargs.`);
    return;
  }
  const edits = kwargsObj ? insertIntoObject(ctx, kwargsObj, prop) : insertAfterProp(ctx, obj, modelProp, `modelKwargs: { ${prop} }`);
  addFinding(ctx, modelProp, RULE_IDS.thinkingMode, "info", `V4 thinks by default: the mode goes through LangChain's modelKwargs (${describeChoice(choice)}).`, edits);
}

/** The Anthropic SDK has its own `thinking` parameter: disabled is explicit; enabled needs a budget, which ds-migrate will not invent. */
function addAnthropicThinking(ctx: Ctx, obj: Node, modelProp: Node, choice: ModeChoice): void {
  if (findProp(obj, "thinking")) return;
  if ("mode" in choice && choice.mode === "non-thinking") {
    const q = ctx.quote;
    addFinding(ctx, modelProp, RULE_IDS.thinkingMode, "info", "V4 thinks by default: this Anthropic-format request now disables thinking explicitly.",
      insertAfterProp(ctx, obj, modelProp, `thinking: { type: ${q}disabled${q} }`));
    return;
  }
  addFinding(ctx, modelProp, RULE_IDS.anthropicThinking, "warning",
    "This request was deepseek-reasoner (thinking); V4 thinks by default, so it keeps thinking without a change. To set it explicitly, Anthropic's parameter is " +
      "thinking: { type: \"enabled\", budget_tokens: N } with 1024 ≤ N < max_tokens: choose N by hand.");
}

function modeChoice(ctx: Ctx, resolved: Resolved, obj: Node): ModeChoice | undefined {
  if (resolved.kind === "external") {
    ctx.links?.used(resolved.id);
    return { mode: resolved.id.mode };
  }
  if (resolved.kind === "string") {
    const match = matchLegacyId(resolved.value, ctx.settings, false);
    if (!match || ctx.blocked.has(resolved.literal)) return undefined;
    ctx.traced.add(resolved.literal);
    return { mode: match.mode };
  }
  if (resolved.kind !== "conditional") return undefined;
  const yes = matchLegacyId(stringValue(resolved.consequent) ?? "", ctx.settings, false);
  const no = matchLegacyId(stringValue(resolved.alternate) ?? "", ctx.settings, false);
  if (!yes || !no || yes.mode === no.mode) return undefined;
  if (!testUsableAt(ctx, resolved, obj)) {
    addFinding(ctx, resolved.node, RULE_IDS.conditionalMix, "error", conditionAwayMessage(yes, no));
    ctx.blocked.add(resolved.consequent).add(resolved.alternate);
    return undefined;
  }
  ctx.traced.add(resolved.node);
  return { test: ctx.src.slice(resolved.test.start, resolved.test.end), thinkingWhenTrue: yes.mode === "thinking" };
}

/** A condition may be copied to the request only if it names the same things there. */
function testUsableAt(ctx: Ctx, resolved: Extract<Resolved, { kind: "conditional" }>, obj: Node): boolean {
  const prop = findProp(obj, "model");
  if (prop && unwrap(prop.value) === resolved.node) return true;
  const simple = memberPath(resolved.test) !== undefined || resolved.test.type === "UnaryExpression";
  return simple && ctx.scope.enclosingFunction(resolved.node) === ctx.scope.enclosingFunction(obj);
}

function hasMode(obj: Node): boolean {
  return obj.properties.some((p: Node) => {
    if (p.type === "SpreadElement" && unwrap(p.argument).type === "ObjectExpression") return hasMode(unwrap(p.argument));
    const name = keyName(p);
    return name !== undefined && MODE_KEYS.includes(name);
  });
}

/** The property text for the chosen dialect, e.g. `thinking: { type: "disabled" }`. */
function modeProperty(ctx: Ctx, choice: ModeChoice, kind: RequestKind, obj: Node): string {
  const dialect = ctx.settings.rules.dialects[ctx.settings.dialect];
  const q = ctx.quote;
  const str = (mode: Mode) => `${q}${dialect.strings[mode]}${q}`;
  const inner = "mode" in choice
    ? str(choice.mode)
    : `${choice.test} ? ${str(choice.thinkingWhenTrue ? "thinking" : "non-thinking")} : ${str(choice.thinkingWhenTrue ? "non-thinking" : "thinking")}`;
  const value = dialect.conditional === "type" ? `{ type: ${inner} }` : inner;
  const prop = `${dialect.key}: ${value}`;
  // openai's params types reject unknown keys in an object literal; a spread passes the check.
  const needsSpread = ctx.ts && kind === "sdk" && !insideJsonStringify(ctx, obj);
  return needsSpread ? `...{ ${prop} }` : prop;
}


/** A thinking request with tools must send reasoning_content back in later turns. */
function adviseThinking(ctx: Ctx, obj: Node): void {
  if (!findProp(obj, "tools")) return;
  const passesBack = ctx.parsed.all.some((n) => (n.type === "ObjectProperty" || n.type === "Property") && keyName(n) === "reasoning_content");
  if (passesBack) return;
  addFinding(ctx, findProp(obj, "tools")!, RULE_IDS.reasoningToolsAdvice, "warning",
    "This thinking-mode request (formerly deepseek-reasoner) sends tools, and no message in this file carries reasoning_content back: " +
      "in multi-turn tool calls, thinking mode requires each assistant message to be sent back with its reasoning_content.");
}

/** Reading reasoning_content from a request that is now non-thinking finds nothing. */
function checkReasoningReads(ctx: Ctx, nonThinking: Node[]): void {
  if (nonThinking.length === 0) return;
  for (const n of ctx.parsed.all) {
    const isRead = (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") &&
      ((!n.computed && n.property.name === "reasoning_content") || stringValue(n.property) === "reasoning_content");
    if (!isRead) continue;
    const fn = ctx.scope.enclosingFunction(n);
    const request = nonThinking.find((r) => ctx.scope.enclosingFunction(r) === fn);
    if (!request) continue;
    addFinding(ctx, n, RULE_IDS.reasoningContentRead, "warning",
      `Reads reasoning_content, but the request at line ${request.loc.start.line} is migrated in non-thinking mode (it was deepseek-chat), whose responses carry none. ` +
        "Set that request to thinking mode if this code needs the reasoning, or drop the read.");
  }
}

function reportDynamic(ctx: Ctx, valueNode: Node, reason: string, wrapper?: string): void {
  const target = ctx.settings.rules.targets[ctx.settings.target];
  const example = wrapper ? `${wrapper}: { ${exampleMode(ctx)} }` : exampleMode(ctx);
  addFinding(ctx, valueNode, RULE_IDS.dynamicModel, "warning", dynamicModelMessage(reason, target, example));
}

function exampleMode(ctx: Ctx): string {
  const dialect = ctx.settings.rules.dialects[ctx.settings.dialect];
  return `${dialect.key}: ${JSON.stringify(dialect.values["non-thinking"])}`;
}

function rewriteLiteral(ctx: Ctx, lit: LegacyLiteral): void {
  const { node, match, place } = lit;
  if (ctx.blocked.has(node) || place.kind === "ignore" || place.kind === "comparison") return;
  if (place.kind === "text") {
    addFinding(ctx, node, RULE_IDS.idInText, "info", `"${match.legacyId}" in ${place.why}: not a model value, left as it is.`);
    return;
  }
  const parent = ctx.parsed.parents.get(node);
  if (parent?.type === "ConditionalExpression" && ctx.traced.has(parent)) {
    if (parent.consequent === node) replaceConditional(ctx, parent, match);
    return;
  }
  if (parent?.type === "ConditionalExpression" && choosesBetweenModes(ctx, parent)) {
    if (parent.consequent === node) {
      addFinding(ctx, parent, RULE_IDS.conditionalMix, "error", conditionUnusedMessage(match));
    }
    return;
  }
  addFinding(ctx, node, RULE_IDS.legacyModelId, "error", `Legacy model ID "${match.legacyId}" → "${match.replacement}" (deadline ${ctx.settings.rules.deadline.slice(0, 10)}).`,
    [{ start: node.start, end: node.end, text: requote(ctx, node, match.replacement) }]);
  ctx.rewritten.add(node);
  const isType = parent?.type === "TSLiteralType";
  if (!ctx.traced.has(node) && !isType) {
    addFinding(ctx, node, RULE_IDS.setModeAtConsumer, "warning",
      `"${match.legacyId}" was ${match.mode === "thinking" ? "a thinking" : "a non-thinking"} model; V4 thinks by default. ` +
        `No request using this value was found in this file or in modules importing it: set ${exampleModeFor(ctx, match.mode)} where it is sent.`);
  }
}

function choosesBetweenModes(ctx: Ctx, cond: Node): boolean {
  const yes = matchLegacyId(stringValue(unwrap(cond.consequent)) ?? "", ctx.settings, false);
  const no = matchLegacyId(stringValue(unwrap(cond.alternate)) ?? "", ctx.settings, false);
  return !!yes && !!no && yes.mode !== no.mode;
}

function exampleModeFor(ctx: Ctx, mode: Mode): string {
  const dialect = ctx.settings.rules.dialects[ctx.settings.dialect];
  return `${dialect.key}: ${JSON.stringify(dialect.values[mode])}`;
}

function replaceConditional(ctx: Ctx, cond: Node, match: LegacyMatch): void {
  addFinding(ctx, cond, RULE_IDS.legacyModelId, "error",
    `Conditional legacy IDs become one ID, "${match.replacement}", with the mode chosen by the same condition at the request.`,
    [{ start: cond.start, end: cond.end, text: requote(ctx, unwrap(cond.consequent), match.replacement) }]);
}

function requote(ctx: Ctx, literal: Node, value: string): string {
  const q = ctx.src[literal.start];
  return q === "'" || q === '"' || q === "`" ? `${q}${value}${q}` : `${ctx.quote}${value}${ctx.quote}`;
}

function migrateUrls(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    const value = stringValue(node);
    if (value === undefined || node.type === "TemplateElement") continue;
    const verdict = classifyUrl(value, ctx.settings.rules);
    if (!verdict) continue;
    const place = placeOf(node, ctx.parsed.parents);
    if (place.kind === "ignore" || verdict.kind === "canonical" || verdict.kind === "untouched") continue;
    if (place.kind === "text") {
      addFinding(ctx, node, RULE_IDS.idInText, "info", `A DeepSeek URL in ${place.why}: left as it is.`);
      continue;
    }
    const parent = ctx.parsed.parents.get(node);
    const joined = parent?.type === "BinaryExpression" && parent.operator === "+" && parent.left === node;
    const finding = urlFinding(value, verdict, { start: node.start, end: node.end }, { start: node.start + 1, end: node.end - 1 }, joined);
    if (finding) ctx.findings.push(finding);
  }
}

function reportComments(ctx: Ctx): void {
  const needles = [...Object.keys(ctx.settings.rules.legacyModels), ...ctx.settings.rules.hosts];
  for (const comment of ctx.parsed.comments) {
    if (!needles.some((n) => comment.value.includes(n))) continue;
    const node = { start: comment.start, end: comment.end } as Node;
    addFinding(ctx, node, RULE_IDS.idInText, "info", "A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.");
  }
}

function dominantQuote(parsed: Parsed): string {
  let single = 0;
  let double = 0;
  for (const node of parsed.all) {
    if (node.type !== "StringLiteral") continue;
    const raw: string | undefined = node.extra?.raw;
    if (raw?.startsWith("'")) single++;
    else if (raw?.startsWith('"')) double++;
  }
  return single > double ? "'" : '"';
}


/**
 * The legacy IDs other modules can import from this one: exported consts, enum members
 * and object properties (ES exports and CommonJS `exports.x` / `module.exports = {...}`).
 */
function collectExports(ctx: Ctx): ExportedId[] {
  const out: ExportedId[] = [];
  const program = ctx.parsed.program;
  const visit = (name: string, value: Node | null | undefined): void => {
    if (!value) return;
    const v = unwrap(value);
    if (v.type === "Identifier") {
      const binding = ctx.scope.lookup(v.name, program);
      if (binding?.kind === "const" && binding.init && binding.init !== value) visit(name, binding.init);
      return;
    }
    if (v.type === "ObjectExpression") {
      for (const prop of v.properties) if (keyName(prop)) visit(`${name}.${keyName(prop)}`, prop.value);
      return;
    }
    const value_ = stringValue(v);
    const match = value_ !== undefined ? matchLegacyId(value_, ctx.settings, false) : undefined;
    if (match && ctx.rewritten.has(v)) out.push({ name, legacyId: match.legacyId, mode: match.mode, start: v.start, end: v.end });
  };
  for (const stmt of program.body as Node[]) {
    if (stmt.type === "ExportNamedDeclaration" && stmt.declaration) exportDeclaration(stmt.declaration, visit);
    else if (stmt.type === "ExportNamedDeclaration" && !stmt.source) {
      for (const spec of stmt.specifiers) visit(spec.exported.name ?? spec.exported.value, spec.local);
    } else if (stmt.type === "ExportDefaultDeclaration") visit("default", stmt.declaration);
    else if (stmt.type === "ExpressionStatement" && stmt.expression.type === "AssignmentExpression") {
      const target = memberPath(stmt.expression.left)?.join(".");
      const named = target?.match(/^(?:module\.)?exports\.(.+)$/);
      if (named) visit(named[1]!, stmt.expression.right);
      else if (target === "module.exports") visitObjectMembers(stmt.expression.right, visit);
    }
  }
  return out;
}

function exportDeclaration(decl: Node, visit: (name: string, value: Node | null | undefined) => void): void {
  if (decl.type === "VariableDeclaration") {
    for (const d of decl.declarations) if (d.id.type === "Identifier") visit(d.id.name, d.init);
  } else if (decl.type === "TSEnumDeclaration") {
    const members = decl.body?.members ?? decl.members;
    for (const m of members) visit(`${decl.id.name}.${m.id.name ?? m.id.value}`, m.initializer);
  }
}

/** `module.exports = { A, B: "..." }`: each member is an export of its own name. */
function visitObjectMembers(value: Node, visit: (name: string, value: Node | null | undefined) => void): void {
  const v = unwrap(value);
  if (v.type !== "ObjectExpression") return;
  for (const prop of v.properties) if (keyName(prop)) visit(keyName(prop)!, prop.value);
}
