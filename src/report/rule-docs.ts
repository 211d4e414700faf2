// One line of documentation per rule id: SARIF's rule metadata and docs/report-schema.md read it.
import { RULE_IDS } from "../findings.js";

export interface RuleDoc {
  id: string;
  summary: string;
  /** What to do about it, for SARIF's help text. */
  help: string;
}

export const RULE_DOCS: RuleDoc[] = [
  { id: RULE_IDS.legacyModelId, summary: "Deprecated DeepSeek model ID", help: "Replace deepseek-chat / deepseek-reasoner with the target model (deepseek-flash by default; see `ds-migrate models`) and set the thinking mode at the request; `ds-migrate` does both." },
  { id: RULE_IDS.aliasModelId, summary: "Alias of a retired DeepSeek model", help: "deepseek-v4-flash and deepseek-v4-flash-vision-exp still work, but V4.1 Flash serves them under a temporary alias: use deepseek-flash. The request keeps the thinking mode it states; `ds-migrate` rewrites the ID." },
  { id: RULE_IDS.legacyBaseUrl, summary: "Non-canonical DeepSeek base URL", help: "Use https://api.deepseek.com/v1 (keeping any path after it)." },
  { id: RULE_IDS.insecureBaseUrl, summary: "DeepSeek URL over plain http", help: "Use https: over http the API key travels in clear text." },
  { id: RULE_IDS.betaBaseUrl, summary: "DeepSeek beta endpoint", help: "The /beta endpoint serves prefix completion and FIM; check the feature on V4, then update by hand." },
  { id: RULE_IDS.thinkingMode, summary: "Thinking mode set explicitly", help: "V4 models think by default; each migrated request sets the mode that keeps its old behaviour." },
  { id: RULE_IDS.setModeAtConsumer, summary: "Thinking mode must be set where the value is sent", help: "The ID was rewritten where it is defined; add the thinking mode to the request that sends it." },
  { id: RULE_IDS.collision, summary: "Both legacy IDs used as distinct values", help: "Both IDs map to one new ID; key the construct on the thinking mode instead and migrate it by hand." },
  { id: RULE_IDS.identity, summary: "Legacy ID used as a name (key, lookup, option, compared value, type member, test data)", help: "Every place that must stay consistent is listed and left as it is; rename them together by hand, key them on the thinking mode, or mark compatibility code with a ds-migrate-ignore comment." },
  { id: RULE_IDS.unproven, summary: "Legacy ID whose use ds-migrate cannot prove to be a DeepSeek request's model", help: "Handed to a wrapper, framework or server ds-migrate does not know: if it is sent to DeepSeek, change it to the V4 ID and set the thinking mode where the request is sent." },
  { id: RULE_IDS.migrationMap, summary: "Map from retired IDs to their V4 successors", help: "Migration code: left as it is." },
  { id: RULE_IDS.dynamicModel, summary: "Model chosen at run time for a DeepSeek request", help: "Make sure the value is a V4 ID and set the thinking mode at this request." },
  { id: RULE_IDS.idInText, summary: "Legacy ID or URL in text", help: "Comments, log text, test names and prose are not rewritten; update them if they matter." },
  { id: RULE_IDS.unparsedFile, summary: "Legacy string in a file that could not be parsed", help: "Found by plain text search; fix the syntax error and run again, or migrate by hand." },
  { id: RULE_IDS.conditionalMix, summary: "Condition choosing between legacy IDs away from the request", help: "Use the new ID and set the thinking mode from the same condition at the request." },
  { id: RULE_IDS.reasoningToolsAdvice, summary: "Thinking-mode request with tools", help: "In multi-turn tool loops, pass reasoning_content back with each assistant message." },
  { id: RULE_IDS.noPassThrough, summary: "No pass-through for the thinking field at this call", help: "The ID was rewritten, but this call cannot send DeepSeek's thinking field; the finding says where the mode goes instead (the agent's settings, an LLM object, another provider)." },
  { id: RULE_IDS.clientModelType, summary: "Client whose types admit only the legacy IDs", help: "A V4 ID would not type-check with this client's model type: switch to the client the finding names, then migrate." },
  { id: RULE_IDS.unsupportedFile, summary: "Legacy ID in a file ds-migrate does not parse", help: "Go, Java, Rust, templates and other files are searched, not rewritten: change the ID to the V4 one by hand and set the thinking mode on the request." },
  { id: RULE_IDS.implicitMode, summary: "V4 request without an explicit thinking mode", help: "V4 thinks by default: state the mode on this request (thinking: { type: \"disabled\" } for the old deepseek-chat behaviour) so it does not change silently." },
  { id: RULE_IDS.fileNotScanned, summary: "File or folder that could not be read", help: "It may hold a legacy ID, so check cannot pass: make it readable (permissions, a complete file) and run again, or leave it out with --ignore if it is not code." },
  { id: RULE_IDS.unusedSuppression, summary: "ds-migrate-ignore comment that silences nothing", help: "Remove the comment, or fix the rule ids it names." },
  { id: RULE_IDS.anthropicThinking, summary: "Anthropic SDK request in thinking mode", help: "Anthropic's thinking parameter needs budget_tokens when enabled; V4 thinks by default, so set it only to choose a budget." },
  { id: RULE_IDS.reasoningContentRead, summary: "reasoning_content read after a non-thinking request", help: "Only thinking-mode responses carry reasoning_content; switch that request to thinking or stop reading the field." },
];

export function ruleDoc(id: string): RuleDoc {
  return RULE_DOCS.find((r) => r.id === id) ?? { id, summary: id, help: "" };
}
