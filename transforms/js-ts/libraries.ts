// Client libraries beyond the OpenAI SDK, each with its own way to pass the mode:
// the Vercel AI SDK (`providerOptions.deepseek.thinking` with @ai-sdk/deepseek; none
// with createOpenAI) and the Anthropic SDK pointed at DeepSeek's Anthropic endpoint.
// LangChain's `modelKwargs` is handled with the other request shapes in index.ts.
import { RULE_IDS } from "../../src/findings.js";
import type { Mode } from "../../src/rules.js";
import { classifyUrl, matchLegacyId } from "../shared.js";
import { findProp, keyName, memberPath, stringValue, unwrap, type Node } from "./ast.js";
import { addFinding, insertAfterProp, insertIntoObject, type Ctx } from "./ctx.js";
import { resolveValue } from "./resolve.js";
import { dynamicModelMessage } from "../review.js";

const AI_SDK_MODEL_METHODS = new Set(["chat", "languageModel"]);

type ProviderKind = "deepseek" | "openai";

/** The AI SDK provider a callee names: `deepseek`, a `createDeepSeek()` result, or `createOpenAI({ baseURL: deepseek })`. */
function providerKind(ctx: Ctx, callee: Node): ProviderKind | undefined {
  const path = memberPath(callee);
  if (!path || path.length > 2 || (path.length === 2 && !AI_SDK_MODEL_METHODS.has(path[1]!))) return undefined;
  const binding = ctx.scope.lookup(path[0]!, callee);
  if (binding?.kind === "import") return binding.source === "@ai-sdk/deepseek" && binding.imported === "deepseek" ? "deepseek" : undefined;
  const init = binding?.init ? unwrap(binding.init) : undefined;
  if (init?.type !== "CallExpression" || init.callee.type !== "Identifier") return undefined;
  const factory = ctx.scope.lookup(init.callee.name, init);
  if (factory?.kind !== "import") return undefined;
  if (factory.source === "@ai-sdk/deepseek" && factory.imported === "createDeepSeek") return "deepseek";
  const options = init.arguments[0] ? unwrap(init.arguments[0]) : undefined;
  const baseURL = options?.type === "ObjectExpression" ? findProp(options, "baseURL") : undefined;
  const url = baseURL ? resolveValue(baseURL.value, ctx.scope) : undefined;
  const aimed = url?.kind === "string" && !!classifyUrl(url.value, ctx.settings.rules);
  return aimed && (factory.imported === "createOpenAI" || factory.imported === "createOpenAICompatible") ? "openai" : undefined;
}

export function migrateAiSdk(ctx: Ctx): void {
  for (const call of ctx.parsed.all) {
    if (call.type !== "CallExpression" || !call.arguments[0]) continue;
    const literal = unwrap(call.arguments[0]);
    const value = stringValue(literal);
    const match = value !== undefined ? matchLegacyId(value, ctx.settings, false) : undefined;
    if (value === undefined) {
      reportDynamicModel(ctx, call, literal);
      continue;
    }
    if (!match || ctx.blocked.has(literal)) continue;
    const kind = providerKind(ctx, call.callee);
    if (!kind) continue;
    ctx.traced.add(literal);
    if (kind === "openai") {
      addFinding(ctx, call, RULE_IDS.noPassThrough, "warning",
        `This AI SDK model comes from createOpenAI() pointed at DeepSeek, which has no option that sends DeepSeek's thinking field, and V4 thinks by default. ` +
          `Use @ai-sdk/deepseek (createDeepSeek) and pass providerOptions: { deepseek: { thinking: { type: "${match.mode === "thinking" ? "enabled" : "disabled"}" } } }.`);
      continue;
    }
    addProviderOptions(ctx, call, match.mode);
  }
}

/** `deepseek(modelId)` with an ID only known at run time. */
function reportDynamicModel(ctx: Ctx, call: Node, arg: Node): void {
  if (!providerKind(ctx, call.callee)) return;
  const resolved = resolveValue(arg, ctx.scope);
  if (resolved.kind !== "dynamic") return;
  const target = ctx.settings.rules.targets[ctx.settings.target];
  addFinding(ctx, arg, RULE_IDS.dynamicModel, "warning",
    dynamicModelMessage(resolved.reason, target, `providerOptions: { deepseek: { thinking: { type: "disabled" } } } on the generateText/streamText call`));
}

/** `providerOptions: { deepseek: { thinking: {...} } }` on the call options that hold `model: deepseek(...)`. */
function addProviderOptions(ctx: Ctx, modelCall: Node, mode: Mode): void {
  const q = ctx.quote;
  const thinking = `thinking: { type: ${q}${mode === "thinking" ? "enabled" : "disabled"}${q} }`;
  const prop = ctx.parsed.parents.get(modelCall);
  const options = prop ? ctx.parsed.parents.get(prop) : undefined;
  if (prop?.type !== "ObjectProperty" || keyName(prop) !== "model" || options?.type !== "ObjectExpression") {
    addFinding(ctx, modelCall, RULE_IDS.setModeAtConsumer, "warning",
      `V4 thinks by default: pass providerOptions: { deepseek: { ${thinking} } } to the generateText/streamText call that uses this model.`);
    return;
  }
  const existing = findProp(options, "providerOptions");
  const provider = existing && unwrap(existing.value).type === "ObjectExpression" ? unwrap(existing.value) : undefined;
  const deepseek = provider ? findProp(provider, "deepseek") : undefined;
  const deepseekObj = deepseek && unwrap(deepseek.value).type === "ObjectExpression" ? unwrap(deepseek.value) : undefined;
  let edits;
  if (deepseekObj) {
    if (findProp(deepseekObj, "thinking")) return;
    edits = insertIntoObject(ctx, deepseekObj, thinking);
  } else if (provider) edits = insertIntoObject(ctx, provider, `deepseek: { ${thinking} }`);
  else if (existing) {
    addFinding(ctx, existing, RULE_IDS.setModeAtConsumer, "warning", `V4 thinks by default: add deepseek: { ${thinking} } to these providerOptions.`);
    return;
  } else edits = insertAfterProp(ctx, options, prop, `providerOptions: { deepseek: { ${thinking} } }`);
  addFinding(ctx, prop, RULE_IDS.thinkingMode, "info", `V4 thinks by default: the AI SDK call now sets DeepSeek's thinking mode explicitly (${mode}).`, edits);
}

/** Names of clients built with `new Anthropic(...)`: their requests use Anthropic's own `thinking`. */
export function findAnthropicClients(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    if (node.type !== "NewExpression") continue;
    const path = memberPath(node.callee);
    if (path?.[path.length - 1] !== "Anthropic") continue;
    const parent = ctx.parsed.parents.get(node);
    if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") ctx.anthropicClients.add(parent.id.name);
    else if ((parent?.type === "ClassProperty" || parent?.type === "PropertyDefinition") && keyName(parent)) ctx.anthropicClients.add(`this.${keyName(parent)}`);
  }
}
