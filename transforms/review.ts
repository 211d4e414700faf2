// Review messages shared by every transform (dynamic models, conditions away from their
// request) and the finding for a DeepSeek URL. The rewrite decision itself is roles.ts.
import { RULE_IDS, type ImportedId, type ModuleLinks, type RawFinding, type RequestMode } from "../src/findings.js";
import type { Mode, Settings } from "../src/rules.js";
import { addsVersion, groupSeverity, isBareHostUrl, matchLegacyId } from "./shared.js";
import { roleOf, type Occurrence } from "./roles.js";
import type { LegacyMatch, UrlVerdict } from "./shared.js";

/** A legacy ID as messages name it: defined here (a match) or in another module (an imported definition). */
type Named = Pick<LegacyMatch, "legacyId" | "replacement">;

/** The message for a request whose model is only known at run time. */
export function dynamicModelMessage(reason: string, target: string, example: string): string {
  return `This DeepSeek request takes its model from ${reason}; ds-migrate cannot rewrite it. Make sure the value is "${target}" ` +
    `(not deepseek-chat/deepseek-reasoner) and set the thinking mode here explicitly, e.g. ${example}.`;
}

/**
 * The mode a dynamic-model finding's example shows: the one that keeps the behaviour of the
 * written fallback (`os.getenv("M", "deepseek-reasoner")` thought), else non-thinking.
 */
export function fallbackMode(fallback: string | undefined, settings: Settings): Mode {
  const match = fallback === undefined ? undefined : matchLegacyId(fallback, settings, true);
  return match && !match.keepsMode ? match.mode : "non-thinking";
}

/** The same, for a client that has no way to send DeepSeek's thinking field. */
export function dynamicModelNoPassMessage(reason: string, target: string, advice: string): string {
  return `This DeepSeek request takes its model from ${reason}; ds-migrate cannot rewrite it. Make sure the value is "${target}" ` +
    `(not deepseek-chat/deepseek-reasoner); V4 thinks by default and ${advice}.`;
}

/** A condition choosing between the two IDs somewhere the request's mode cannot follow it. */
export function conditionAwayMessage(yes: Named, no: Named | string): string {
  return `This condition picks between "${yes.legacyId}" and "${typeof no === "string" ? no : no.legacyId}" away from the request; rewriting it would lose the mode. ` +
    `Use "${yes.replacement}" and set the thinking mode from the same condition at the request.`;
}

/** A condition choosing between the two IDs that no request in the file uses. */
export function conditionUnusedMessage(match: Named, current?: string): string {
  const between = current ? `"${match.legacyId}" and "${current}" (which thinks by default)` : "two legacy IDs";
  return `This condition picks between ${between}, i.e. between non-thinking and thinking, and ds-migrate traced it to no request in this file (it may reach one through a return value, a call or another module). ` +
    `Replace it with "${match.replacement}" and set the thinking mode from the same condition where the request is sent.`;
}

/**
 * The finding for a DeepSeek URL that is a whole string value: rewritten (non-canonical,
 * or http), reviewed (/beta), or, when more path is appended to it, reviewed with the
 * URL to write. `span` is what to report, `inner` the characters inside the quotes.
 */
/** `joinedAt`: the line where the project joins this base with a path of its own (then nothing is written). */
export function urlFinding(value: string, verdict: UrlVerdict, span: { start: number; end: number }, inner: { start: number; end: number }, joinedAt?: number, unproven = false): RawFinding | undefined {
  if (verdict.kind === "canonical" || verdict.kind === "untouched") return undefined;
  if (verdict.kind === "beta") {
    return { ruleId: RULE_IDS.betaBaseUrl, severity: "warning", ...span, message: `"${value}" is DeepSeek's beta endpoint (prefix completion / FIM): check that the feature you use is still offered on V4 before changing it.` };
  }
  const ruleId = verdict.insecure ? RULE_IDS.insecureBaseUrl : RULE_IDS.legacyBaseUrl;
  const severity = verdict.insecure ? "error" : "warning";
  if (joinedAt !== undefined) {
    // A working URL whose path the project's own code decides: information, not debt.
    return { ruleId, severity: verdict.insecure ? severity : "info", ...span, message: `"${value}" is joined with a path of the project's own (line ${joinedAt}): not rewritten, because that code decides the path (adding /v1 here could double it). Check the full URL it builds: an OpenAI-compatible endpoint should read ${verdict.replacement}/chat/completions.` };
  }
  if (unproven && addsVersion(value, verdict) && isBareHostUrl(value)) {
    // No client is seen taking it as its base URL: one that appends /v1 itself would get /v1/v1.
    const secure = value.replace(/^http:/i, "https:");
    const both = `If the client that reads it expects the version in its base URL, the canonical form is "${verdict.replacement}"; if it appends /v1 itself (or the code joins its own path), keep the host.`;
    if (verdict.insecure) return { ruleId, severity, ...span, message: `"${value}" sends the API key over plain http → "${secure}". ${both}`, edits: [{ ...inner, text: secure }] };
    return { ruleId, severity: "info", ...span, message: `"${value}" works as it is; ds-migrate saw no client take it as its base URL, so it is left. ${both}` };
  }
  const why = verdict.insecure ? "sends the API key over plain http" : "is not the canonical DeepSeek base URL";
  return { ruleId, severity, ...span, message: `"${value}" ${why} → "${verdict.replacement}".`, edits: [{ ...inner, text: verdict.replacement }] };
}

/** A request to DeepSeek's API whose model string is no ID the rule table names, sent with no mode. */
export function unknownModelMessage(value: string, target: string): string {
  return `"${value}" is not a model ID ds-migrate knows, and this request to DeepSeek's API states no thinking mode (V4 thinks by default). ` +
    `Check the name (DeepSeek recommends "${target}") and state the mode explicitly.`;
}

/** A V4 ID sent without a thinking mode: it thinks (V4's default), which deepseek-chat never did. */
export function implicitModeMessage(id: string, example: string, advice?: string): string {
  return `"${id}" is sent without an explicit thinking mode, so this request thinks (V4's default). ` +
    (advice ? `Where it must not, note that ${advice}.` : `State the mode here: ${example} answers without thinking (what deepseek-chat did); the thinking value keeps what it does now (what deepseek-reasoner did). Which one this request needs is the project's choice.`);
}

/** The same with no pass-through here: `advice` says where the mode can go (shown as the non-thinking value), and either value may be the right one. */
export function noPassThroughModeMessage(id: string, advice: string): string {
  return `"${id}" is sent without an explicit thinking mode, so this request thinks (V4's default); ${advice}. ` +
    "The value shown answers without thinking (what deepseek-chat did); the thinking value keeps what it does now (what deepseek-reasoner did). Which one this request needs is the project's choice.";
}

/** What adding the mode at a request came to, from the findings that produced (for the mode ledger). */
function ledgerMode(added: RawFinding[]): RequestMode {
  if (added.some((f) => f.ruleId === RULE_IDS.noPassThrough)) return "no-pass-through";
  return added.some((f) => f.edits && f.edits.length > 0) ? "migrated" : "implicit";
}

/**
 * The ledger mode of a request once the mode was written (the findings from `before` on are
 * what writing it produced). A mode that could not be written is owed at the request, under the
 * rule `check` uses after the migration; the advice that names the old model's mode is kept.
 * undefined: nothing said so yet, the caller reports the request as implicit.
 */
export function settleWrittenMode(findings: RawFinding[], before: number): RequestMode | undefined {
  const added = findings.splice(before);
  const mode = ledgerMode(added);
  if (mode !== "implicit") {
    findings.push(...added);
    return mode;
  }
  const advice = added.filter((f) => f.ruleId === RULE_IDS.setModeAtConsumer).map((f) => ({ ...f, ruleId: RULE_IDS.implicitMode }));
  findings.push(...added.filter((f) => f.ruleId !== RULE_IDS.setModeAtConsumer), ...advice);
  return advice.length > 0 ? "implicit" : undefined;
}

/** A request whose model is a parameter's default that no traced call overrides. */
/** The same, where the ID is what the calls pass (a subclass's `super().__init__(...)`, a constructor argument), not a default. */
export const PARAMETER_CALLERS_NOTE =
  "The model comes from a parameter, and every call in the scanned code passes this one ID; the mode added here matches it. " +
  "Code outside the scan that passes another model must pass the thinking mode too.";

export const PARAMETER_DEFAULT_NOTE =
  "The model comes from a parameter to which its default and every call in the scanned code give this one model; the mode added here matches it. " +
  "Code outside the scan that passes another model must pass the thinking mode too.";

/** A literal initial value or default that code replaces at run time: kept, with what to migrate together. */
/**
 * A legacy ID chosen by a condition against a value that is not a DeepSeek ID, at a request
 * (`cond ? "deepseek-chat" : "gpt-4o-mini"`): the ID stays. `example` is the mode sent only
 * when the DeepSeek branch is chosen, in the language's words.
 */
export function otherBranchWhy(test: string, other: string): string {
  return `chosen by \`${test}\` against \`${other}\`, which is not a DeepSeek ID, at a request`;
}

export function otherBranchAdvice(final: string, example: string): string {
  return `V4 thinks by default, and a thinking field written for the whole request would also go to the other model: change this branch to "${final}" ` +
    `and send the mode only when it is chosen (e.g. \`${example}\`).`;
}

/** `stands`: the literal is the initial value or default, a caller's value replacing it, or one caller's argument among others. */
export function overriddenMessage(match: LegacyMatch, reason: string, stands: "initial" | "replacing" | "passed" = "initial"): string {
  const how = stands === "replacing" ? "is passed by a caller to replace" : stands === "passed" ? "is passed by a caller to" : "is the initial value of";
  return `"${match.prefix}${match.legacyId}" ${how} ${reason}: not rewritten, because the request ` +
    `gets whatever replaces it and no one thinking mode can be written for it. Migrate this value, the values that replace it ` +
    `(stored settings, callers) and the mode at the request together, by hand.`;
}

/**
 * Imported IDs chosen by a condition no request can take its mode from: their definitions stay
 * (vetoed through the linker); what to report at the condition.
 */
export function holdImportedBranches(links: ModuleLinks | undefined, file: string, at: { line: number; column: number }, sides: Array<{ final: string; external?: ImportedId }>, away: boolean, settings: Settings): { severity: RawFinding["severity"]; message: string } {
  for (const side of sides) if (side.external) links?.veto(side.external, "unknown", "chosen by a condition between non-thinking and thinking that no request can take its mode from", file, at.line, at.column);
  const named = sides.map((b) => b.external ?? { legacyId: b.final, replacement: b.final });
  const matches = sides.flatMap((b) => (b.external ? matchLegacyId(b.external.legacyId, settings, true) ?? [] : []));
  const message = away ? conditionAwayMessage(named[0]!, named[1]!) : conditionUnusedMessage(named[0]!, sides[1]!.external ? undefined : sides[1]!.final);
  return { severity: groupSeverity(matches, settings), message };
}

/** A branch of a condition between model values, as either front end reads it. */
export interface ConditionBranch {
  mode: "thinking" | "non-thinking";
  final: string;
  legacy?: { occ: Occurrence };
  external?: ImportedId;
}

/**
 * What a condition between model values that no traced request takes its mode from needs, the
 * same in every front end: nothing (one mode, a name, an unknown side), or one
 * conditional-mix finding, its legacy branches held (imported ones vetoed through the linker).
 */
export function conditionNotTraced(sides: Array<ConditionBranch | undefined>, links: ModuleLinks | undefined, file: string, at: { line: number; column: number }, away: boolean, settings: Settings): { severity: RawFinding["severity"]; message: string } | undefined {
  // A legacy ID against a V4 one chooses between modes too (the V4 one thinks by default).
  if (sides.some((b) => !b) || sides[0]!.mode === sides[1]!.mode) return undefined;
  const [first, second] = sides as [ConditionBranch, ConditionBranch];
  if (!first.legacy && !second.legacy) return first.external || second.external ? holdImportedBranches(links, file, at, [first, second], away, settings) : undefined;
  const branches = [first.legacy, second.legacy].filter((b): b is { occ: Occurrence } => !!b);
  if (branches.some((b) => b.occ.position.kind !== "value" || roleOf(b.occ) === "identity")) return undefined;
  for (const b of branches) b.occ.held = true;
  const yes = (first.legacy ?? second.legacy)!.occ.match;
  const no = second.legacy?.occ.match;
  return {
    severity: groupSeverity(branches.map((b) => b.occ.match), settings),
    message: away ? conditionAwayMessage(yes, no ?? second.final) : conditionUnusedMessage(yes, no ? undefined : [first, second].find((b) => !b.legacy)?.final),
  };
}
