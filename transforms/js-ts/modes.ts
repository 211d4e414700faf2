// Writing the thinking mode at a request, through the client's own pass-through: a
// params property (a spread in TypeScript, which openai's types accept), a JSON body key,
// LangChain's modelKwargs, the AI SDK's providerOptions, Anthropic's own `thinking`.
import { MODE_HOLDERS, STATED_MODE_KEYS, type Mode } from "../../src/rules.js";
import { RULE_IDS, type Edit } from "../../src/findings.js";
import { describeChoice, matchLegacyId, mentionsLegacy, type ModeChoice } from "../shared.js";
import { findProp, keyName, memberPath, unwrap, type Node } from "./ast.js";
import { addFinding, insertAfterProp, insertIntoObject, type Ctx } from "./ctx.js";
import type { RequestSite } from "./requests.js";
import type { PassThrough } from "../shapes.js";

/**
 * Whether an object literal already states a mode (directly or in a spread object literal).
 * `partly`: a mode sent on some branches only counts too (`thinking: deep ? {…} : undefined`,
 * `...(deep ? { thinking } : {})`); without it, such a request states no mode when the branch
 * leaves it out (JSON drops an undefined field, and V4 then thinks).
 */
export function hasMode(obj: Node, partly = false): boolean {
  return obj.properties.some((p: Node) => {
    if (p.type === "SpreadElement") return spreadStatesMode(unwrap(p.argument), partly);
    const name = keyName(p);
    return name !== undefined && STATED_MODE_KEYS.includes(name) && (partly || !leavesOut(unwrap(p.value)));
  });
}

const NOTHING = (n: Node) => n.type === "NullLiteral" || (n.type === "Identifier" && n.name === "undefined") || (n.type === "UnaryExpression" && n.operator === "void");

/** `deep ? { type: "enabled" } : undefined`: the field is left out on one branch. */
function leavesOut(value: Node): boolean {
  return value.type === "ConditionalExpression" && [value.consequent, value.alternate].some((b: Node) => NOTHING(unwrap(b)));
}

function spreadStatesMode(arg: Node, partly: boolean): boolean {
  if (arg.type === "ObjectExpression") return hasMode(arg, partly);
  if (arg.type === "ConditionalExpression") {
    const branches = [arg.consequent, arg.alternate].map((b: Node) => spreadStatesMode(unwrap(b), partly));
    return partly ? branches.some(Boolean) : branches.every(Boolean);
  }
  if (arg.type === "LogicalExpression") return partly && spreadStatesMode(unwrap(arg.right), partly);
  return false;
}

/** The request states a mode on some branches only: the property or spread that does. */
export function partialMode(site: RequestSite): Node | undefined {
  const objects = [site.options, site.sent?.binding.init ? unwrap(site.sent.binding.init) : undefined].filter((o): o is Node => o?.type === "ObjectExpression");
  for (const obj of objects) {
    const found = obj.properties.find((p: Node) => (p.type === "SpreadElement" ? spreadStatesMode(unwrap(p.argument), true) && !spreadStatesMode(unwrap(p.argument), false)
      : STATED_MODE_KEYS.includes(keyName(p) ?? "") && leavesOut(unwrap(p.value))));
    if (found) return found;
  }
  return undefined;
}

/**
 * A mode in an object of extra fields the client merges into the request body (`modelKwargs`,
 * `providerData`). One level only: the Node SDKs send a nested `extra_body` as a field of that name.
 */
function holdsMode(obj: Node): boolean {
  return MODE_HOLDERS.some((h) => {
    const holder = findProp(obj, h);
    return !!holder && unwrap(holder.value).type === "ObjectExpression" && hasMode(unwrap(holder.value));
  });
}

/** `{ ...base, model }` with `const base = { thinking: … }` in the file: the spread states the mode. */
function spreadConstStatesMode(ctx: Ctx, obj: Node): boolean {
  return obj.properties.some((p: Node) => {
    const arg = p.type === "SpreadElement" ? unwrap(p.argument) : undefined;
    const b = arg?.type === "Identifier" ? ctx.scope.lookup(arg.name, arg) : undefined;
    const init = b?.kind === "const" && b.init ? unwrap(b.init) : undefined;
    return init?.type === "ObjectExpression" && (hasMode(init) || holdsMode(init));
  });
}

/** Whether the request already states its mode, in any form its options carry or where its pass-through puts it. */
export function statesMode(ctx: Ctx, site: RequestSite): boolean {
  const pass = site.pass;
  if (site.sent) return sentStatesMode(ctx, site);
  if (site.options && (hasMode(site.options) || holdsMode(site.options) || spreadConstStatesMode(ctx, site.options))) return true;
  if (!site.options) return pass.kind === "provider-options" ? aiTargets(ctx, site).some((o) => providerThinking(o, pass.provider)) : false;
  if (pass.kind === "nested") {
    const holder = findProp(site.options, pass.name);
    return !!holder && unwrap(holder.value).type === "ObjectExpression" && hasMode(unwrap(holder.value));
  }
  if (pass.kind === "anthropic") return !!findProp(site.options, "thinking");
  return hasMode(site.options);
}

function providerThinking(options: Node, provider: string): boolean {
  const po = findProp(options, "providerOptions");
  const p = po && unwrap(po.value).type === "ObjectExpression" ? findProp(unwrap(po.value), provider) : undefined;
  return !!p && unwrap(p.value).type === "ObjectExpression" && !!findProp(unwrap(p.value), "thinking");
}

/** `thinking: deep ? { type: "enabled" } : undefined` with one mode owed: that mode in the branch that leaves it out. */
export function fillPartialMode(ctx: Ctx, at: Node, choice: ModeChoice): boolean {
  const value = at.type === "SpreadElement" || !("mode" in choice) ? undefined : unwrap(at.value);
  const gap = value?.type === "ConditionalExpression" ? [value.consequent, value.alternate].find((b: Node) => NOTHING(unwrap(b))) : undefined;
  if (!gap) return false;
  const text = modeProperty(ctx, choice).slice(ctx.settings.rules.dialects[ctx.settings.dialect].key.length + 2);
  addFinding(ctx, at, RULE_IDS.thinkingMode, "info", `V4 thinks by default: the branch that left the mode out now states it (${describeChoice(choice)}), as the model did.`,
    [{ start: gap.start, end: gap.end, text }]);
  return true;
}

/** The property text for the chosen dialect, e.g. `thinking: { type: "disabled" }`. */
export function modeProperty(ctx: Ctx, choice: ModeChoice): string {
  const dialect = ctx.settings.rules.dialects[ctx.settings.dialect];
  const q = ctx.quote;
  const str = (mode: Mode) => `${q}${dialect.strings[mode]}${q}`;
  const inner = "mode" in choice
    ? str(choice.mode)
    : `${choice.test} ? ${str(choice.thinkingWhenTrue ? "thinking" : "non-thinking")} : ${str(choice.thinkingWhenTrue ? "non-thinking" : "thinking")}`;
  const value = dialect.conditional === "type" ? `{ type: ${inner} }` : inner;
  return `${dialect.key}: ${value}`;
}

/** Add the mode at a request through its pass-through; findings say what was done or what to do. */
export function addMode(ctx: Ctx, site: RequestSite, choice: ModeChoice): void {
  const pass = site.pass;
  const at = site.modelProp ?? site.model ?? site.node;
  if (site.sent) return addSentMode(ctx, site, choice);
  switch (pass.kind) {
    case "params":
    case "body": {
      if (!site.options || !site.modelProp || hasMode(site.options, true)) return;
      // openai's params types (and a project's own body type) reject unknown keys in an object literal; a spread passes the check.
      const spread = ctx.ts && ((pass.kind === "params" && !insideJsonStringify(ctx, site.options)) || typedLiteral(ctx, site.options));
      const prop = modeProperty(ctx, choice);
      addFinding(ctx, at, RULE_IDS.thinkingMode, "info", `V4 thinks by default: set the mode explicitly (${describeChoice(choice)}) to keep this request's behaviour.`,
        insertAfterProp(ctx, site.options, site.modelProp, spread ? `...{ ${prop} }` : prop));
      return;
    }
    case "nested":
      return addNested(ctx, site, pass.name, choice, !!pass.typed && ctx.ts);
    case "provider-options":
      return addProviderOptions(ctx, site, pass.provider, choice);
    case "anthropic":
      return addAnthropic(ctx, site, choice);
    case "none":
      addFinding(ctx, site.node, RULE_IDS.noPassThrough, "warning", `V4 thinks by default and ${pass.advice.replace("{mode}", modeProperty(ctx, choice))}.`);
      return;
    default:
      return;
  }
}

/** `modelKwargs: { thinking: ... }`: merged into an existing object, or added after the model. */
function addNested(ctx: Ctx, site: RequestSite, name: string, choice: ModeChoice, spread: boolean): void {
  // A closed options type rejects an unknown key in an object literal; a spread passes the check.
  const prop = spread ? `...{ ${modeProperty(ctx, choice)} }` : modeProperty(ctx, choice);
  if (!site.options) return addOptionsArgument(ctx, site, name, prop, choice);
  const holder = findProp(site.options, name);
  const holderObj = holder && unwrap(holder.value).type === "ObjectExpression" ? unwrap(holder.value) : undefined;
  if (holderObj && hasMode(holderObj, true)) return;
  if (holder && !holderObj) {
    addFinding(ctx, holder, RULE_IDS.setModeAtConsumer, "warning", `V4 thinks by default: add ${prop} to these ${name} (${describeChoice(choice)}).`);
    return;
  }
  let edits: Edit[];
  if (holderObj) edits = insertIntoObject(ctx, holderObj, prop);
  else if (site.modelProp) edits = insertAfterProp(ctx, site.options, site.modelProp, `${name}: { ${prop} }`);
  else edits = insertIntoObject(ctx, site.options, `${name}: { ${prop} }`);
  addFinding(ctx, site.modelProp ?? site.model ?? site.node, RULE_IDS.thinkingMode, "info", `V4 thinks by default: the mode goes through ${name} (${describeChoice(choice)}).`, edits);
}

/** `initChatModel("id")` without its options argument: add `{ modelKwargs: {...} }` as that argument. */
function addOptionsArgument(ctx: Ctx, site: RequestSite, name: string, prop: string, choice: ModeChoice): void {
  const args: Node[] = site.node.arguments ?? [];
  const last = args[args.length - 1];
  if (!site.model || site.optionsIndex === undefined || args.length !== site.optionsIndex || !last) {
    addFinding(ctx, site.model ?? site.node, RULE_IDS.setModeAtConsumer, "warning", `V4 thinks by default: add ${name}: { ${prop} } to this client's options (${describeChoice(choice)}).`);
    return;
  }
  const edits: Edit[] = [{ start: last.end, end: last.end, text: `, { ${name}: { ${prop} } }` }];
  addFinding(ctx, site.model, RULE_IDS.thinkingMode, "info", `V4 thinks by default: the mode goes through ${name} (${describeChoice(choice)}).`, edits);
}

/** The generateText/streamText options objects a provider model reaches (directly or through a const). */
export function aiTargets(ctx: Ctx, site: RequestSite): Node[] {
  const out: Node[] = [];
  const visit = (expr: Node, depth: number): void => {
    let node = expr;
    let parent = ctx.parsed.parents.get(node);
    while (parent && (["ParenthesizedExpression", "TSAsExpression", "TSNonNullExpression", "AwaitExpression"].includes(parent.type) || otherProviderBranch(ctx, parent, node, site) || sameProviderBranches(ctx, parent, node, site))) {
      node = parent;
      parent = ctx.parsed.parents.get(node);
    }
    if (parent?.type === "ObjectProperty" && parent.value === node) {
      const obj = ctx.parsed.parents.get(parent)!;
      if (ctx.requests.aiCalls.get(obj) === parent) out.push(obj);
    } else if (parent?.type === "VariableDeclarator" && parent.init === node && parent.id.type === "Identifier" && depth < 3) {
      const b = ctx.scope.lookup(parent.id.name, parent.id);
      for (const ref of b ? ctx.scope.references(b) : []) visit(ref, depth + 1);
    }
  };
  visit(site.node, 0);
  return out;
}

/**
 * `cond ? openai(id) : deepseek("…")`: providerOptions are read only by the provider they name, so
 * the call's options can carry this branch's mode, unless the other branch may be the same provider's model.
 */
function otherProviderBranch(ctx: Ctx, parent: Node, node: Node, site: RequestSite): boolean {
  if (parent.type !== "ConditionalExpression" || parent.test === node) return false;
  const other = unwrap(parent.consequent === node ? parent.alternate : parent.consequent);
  const provider = (p: PassThrough) => (p.kind === "provider-options" ? p.provider : undefined);
  if (other.type !== "CallExpression" || !provider(site.pass)) return false;
  const otherSite = ctx.requests.byCall.get(other);
  if (otherSite) return otherSite.host.kind !== "deepseek" && provider(otherSite.pass) !== provider(site.pass);
  // `openai("gpt-4o")` with the instance an @ai-sdk package exports.
  const root = memberPath(other.callee)?.[0];
  const binding = root ? ctx.scope.lookup(root, other.callee) : undefined;
  return binding?.kind === "import" && !!binding.source?.startsWith("@ai-sdk/") && binding.source !== "@ai-sdk/deepseek" && binding.source !== "@ai-sdk/openai-compatible";
}

/** `deep ? ds(a) : ds(b)`: both branches the same provider's models, so one options object serves both. */
function sameProviderBranches(ctx: Ctx, parent: Node, node: Node, site: RequestSite): boolean {
  if (parent.type !== "ConditionalExpression" || parent.test === node || site.pass.kind !== "provider-options") return false;
  const other = ctx.requests.byCall.get(unwrap(parent.consequent === node ? parent.alternate : parent.consequent));
  return other?.pass.kind === "provider-options" && other.pass.provider === site.pass.provider;
}

/**
 * The mode for an AI SDK call whose model is one of two branches of the same provider: it follows
 * the condition when both branches are literal IDs whose modes are known (and the condition names
 * none of them); undefined when no one mode fits (`picked ? ds(picked) : ds("…")`).
 */
function branchesChoice(ctx: Ctx, site: RequestSite, choice: ModeChoice): ModeChoice | undefined {
  let node = site.node;
  let parent = ctx.parsed.parents.get(node);
  while (parent?.type === "ParenthesizedExpression") [node, parent] = [parent, ctx.parsed.parents.get(parent)];
  if (!parent || !sameProviderBranches(ctx, parent, node, site)) return choice;
  const modeOf = (branch: Node): Mode | undefined => {
    const model = ctx.requests.byCall.get(unwrap(branch))?.model;
    const value = model ? unwrap(model) : undefined;
    const match = value?.type === "StringLiteral" ? matchLegacyId(value.value, ctx.settings, false) : undefined;
    return match && !match.keepsMode ? match.mode : undefined;
  };
  const yes = modeOf(parent.consequent);
  const no = modeOf(parent.alternate);
  const test = ctx.src.slice(parent.test.start, parent.test.end);
  if (!yes || !no || mentionsLegacy(test, ctx.settings)) return undefined;
  return yes === no ? { mode: yes } : { test, thinkingWhenTrue: yes === "thinking" };
}

/** `providerOptions: { deepseek: { thinking: {...} } }` on every AI SDK call that uses this model. */
function addProviderOptions(ctx: Ctx, site: RequestSite, provider: string, given: ModeChoice): void {
  const branches = branchesChoice(ctx, site, given);
  const choice = branches ?? given;
  const thinking = modeProperty(ctx, choice);
  const targets = branches ? aiTargets(ctx, site) : [];
  if (targets.length === 0) {
    // (Where the other branch's model has no known mode, the call's one mode cannot serve both.)
    addFinding(ctx, site.node, RULE_IDS.setModeAtConsumer, "warning",
      `V4 thinks by default: pass providerOptions: { ${provider}: { ${thinking} } } to the generateText/streamText call that uses this model (${describeChoice(choice)}${branches ? "" : ", for this branch of the condition"}), ` +
        `or, where the model is stored (a customProvider, an agent), wrap it: wrapLanguageModel({ model, middleware: defaultSettingsMiddleware({ settings: { providerOptions: { ${provider}: { ${thinking} } } } }) }).`);
    return;
  }
  for (const options of targets) {
    const modelProp = ctx.requests.aiCalls.get(options)!;
    const existing = findProp(options, "providerOptions");
    const po = existing && unwrap(existing.value).type === "ObjectExpression" ? unwrap(existing.value) : undefined;
    const own = po ? findProp(po, provider) : undefined;
    const ownObj = own && unwrap(own.value).type === "ObjectExpression" ? unwrap(own.value) : undefined;
    let edits: Edit[];
    if (ownObj) {
      if (findProp(ownObj, ctx.settings.rules.dialects[ctx.settings.dialect].key)) continue;
      edits = insertIntoObject(ctx, ownObj, thinking);
    } else if (po) edits = insertIntoObject(ctx, po, `${provider}: { ${thinking} }`);
    else if (existing) {
      addFinding(ctx, existing, RULE_IDS.setModeAtConsumer, "warning", `V4 thinks by default: add ${provider}: { ${thinking} } to these providerOptions.`);
      continue;
    } else edits = insertAfterProp(ctx, options, modelProp, `providerOptions: { ${provider}: { ${thinking} } }`);
    addFinding(ctx, modelProp, RULE_IDS.thinkingMode, "info", `V4 thinks by default: the AI SDK call now sets DeepSeek's thinking mode explicitly (${describeChoice(choice)}).`, edits);
  }
}

/** The Anthropic SDK has its own `thinking`: disabled is explicit; enabled needs a budget ds-migrate will not invent. */
function addAnthropic(ctx: Ctx, site: RequestSite, choice: ModeChoice): void {
  if (!site.options || !site.modelProp || findProp(site.options, "thinking")) return;
  if ("mode" in choice && choice.mode === "non-thinking") {
    const q = ctx.quote;
    addFinding(ctx, site.modelProp, RULE_IDS.thinkingMode, "info", "V4 thinks by default: this Anthropic-format request now disables thinking explicitly.",
      insertAfterProp(ctx, site.options, site.modelProp, `thinking: { type: ${q}disabled${q} }`));
    return;
  }
  addFinding(ctx, site.modelProp, RULE_IDS.anthropicThinking, "warning",
    "This request was deepseek-reasoner (thinking); V4 thinks by default, so it keeps thinking without a change. To set it explicitly, Anthropic's parameter is " +
      "thinking: { type: \"enabled\", budget_tokens: N } with 1024 ≤ N < max_tokens: choose N by hand.");
}

/** `const body: ChatBody = { … }` or `{ … } satisfies ChatBody`: a type the project wrote, which may not name the mode's key. */
function typedLiteral(ctx: Ctx, obj: Node): boolean {
  const parent = ctx.parsed.parents.get(obj);
  if (parent?.type === "TSSatisfiesExpression") return true;
  return parent?.type === "VariableDeclarator" && parent.init === obj && !!parent.id.typeAnnotation;
}

export function insideJsonStringify(ctx: Ctx, obj: Node): boolean {
  const parent = ctx.parsed.parents.get(obj);
  return !!parent && parent.type === "CallExpression" && memberPath(parent.callee)?.join(".") === "JSON.stringify";
}

/** A sent object states its mode in its initial object literal or by an assignment (`body.thinking = …`). */
function sentStatesMode(ctx: Ctx, site: RequestSite): boolean {
  const { binding } = site.sent!;
  if (site.options && hasMode(site.options)) return true;
  const init = binding.init ? unwrap(binding.init) : undefined;
  if (init?.type === "ObjectExpression" && (hasMode(init) || holdsMode(init))) return true;
  return [...STATED_MODE_KEYS, ...MODE_HOLDERS].some((key) => ctx.scope.memberWrites(binding, key).length > 0);
}

/**
 * The mode of an object whose model is assigned goes where it is sent: `JSON.stringify({ ...body, thinking })`.
 * The object itself may be typed without the field, and other code may read it; a copy at the send touches neither.
 */
function addSentMode(ctx: Ctx, site: RequestSite, choice: ModeChoice): void {
  const { ref } = site.sent!;
  const prop = modeProperty(ctx, choice);
  // openai's params types reject unknown keys in an object literal; a spread passes the check.
  const inner = ctx.ts && site.pass.kind === "params" ? `...{ ${prop} }` : prop;
  addFinding(ctx, ref, RULE_IDS.thinkingMode, "info", `V4 thinks by default: set the mode explicitly (${describeChoice(choice)}) to keep this request's behaviour; it is added where \`${ref.name}\` is sent.`,
    [{ start: ref.start, end: ref.end, text: `{ ...${ref.name}, ${inner} }` }]);
}
