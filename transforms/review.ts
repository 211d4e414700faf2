// Review decisions shared by the JS/TS and Python transforms: where legacy IDs act as
// distinct values (collisions) or are compared, nothing is rewritten and one finding per
// construct says why. Each language only says where its literals sit.
import { RULE_IDS, type RawFinding } from "../src/findings.js";
import type { LegacyMatch, UrlVerdict } from "./shared.js";

export type Place<N> =
  | { kind: "value" }
  | { kind: "ignore" }
  | { kind: "text"; why: string }
  | { kind: "comparison" }
  /** A construct where several literals act as distinct values: checked for collisions. */
  | { kind: "group"; group: N; what: string };

export interface Literal<N> {
  node: N;
  match: LegacyMatch;
  place: Place<N>;
}

export interface Language<N> {
  span(node: N): { start: number; end: number };
  line(node: N): number;
  /** The if/else chain or statement a comparison belongs to. */
  construct(node: N): N;
  /** Groups whose single legacy member is still reviewed, e.g. "switch cases" → a switch case. */
  singles: Record<string, { rule: string; noun: string }>;
}

/** Findings for collisions and comparisons; `blocked` holds the literals left as they are. */
export function reviewLiterals<N>(literals: Literal<N>[], lang: Language<N>): { findings: RawFinding[]; blocked: Set<N> } {
  const findings: RawFinding[] = [];
  const blocked = new Set<N>();
  const groups = new Map<N, Literal<N>[]>();
  const comparisons = new Map<N, Literal<N>[]>();
  const push = (map: Map<N, Literal<N>[]>, key: N, lit: Literal<N>) => map.set(key, [...(map.get(key) ?? []), lit]);
  for (const lit of literals) {
    if (lit.place.kind === "comparison") push(comparisons, lang.construct(lit.node), lit);
    else if (lit.place.kind === "group") push(groups, lit.place.group, lit);
  }
  const finding = (node: N, ruleId: string, message: string): RawFinding => ({ ruleId, severity: "error", ...lang.span(node), message });
  const sites = (members: Literal<N>[]) => members.map((m) => `"${m.match.legacyId}" at line ${lang.line(m.node)}`).join(", ");
  for (const members of comparisons.values()) {
    for (const m of members) blocked.add(m.node);
    if (distinctIds(members) > 1) {
      findings.push(finding(members[0]!.node, RULE_IDS.collision,
        `This construct compares the model against both legacy IDs (${sites(members)}); after migration both are "${members[0]!.match.replacement}", so the branches merge. ` +
          `Branch on the thinking mode instead (deepseek-chat = non-thinking, deepseek-reasoner = thinking) and migrate by hand.`));
      continue;
    }
    for (const m of members) {
      findings.push(finding(m.node, RULE_IDS.comparison,
        `Compares a model against "${m.match.legacyId}"; after migration requests use "${m.match.replacement}", so this is never true. ` +
          `Compare against "${m.match.replacement}" and the thinking mode (${m.match.mode}) instead.`));
    }
  }
  for (const members of groups.values()) {
    const what = (members[0]!.place as { what: string }).what;
    const single = lang.singles[what];
    if (distinctIds(members) > 1) {
      for (const m of members) blocked.add(m.node);
      findings.push(finding(members[0]!.node, RULE_IDS.collision,
        `Both legacy IDs act as distinct ${what} here (${sites(members)}); rewriting both to "${members[0]!.match.replacement}" would merge them. ` +
          `Key them on the thinking mode instead (deepseek-chat = non-thinking, deepseek-reasoner = thinking) and migrate by hand.`));
    } else if (single) {
      for (const m of members) {
        blocked.add(m.node);
        findings.push(finding(m.node, single.rule,
          `"${m.match.legacyId}" is used as ${single.noun}; after migration requests use "${m.match.replacement}" (${m.match.mode}), so this entry no longer matches. Re-key it by hand.`));
      }
    }
  }
  return { findings, blocked };
}

function distinctIds<N>(members: Literal<N>[]): number {
  return new Set(members.map((m) => m.match.legacyId)).size;
}

/** The message for a request whose model is only known at run time. */
export function dynamicModelMessage(reason: string, target: string, example: string): string {
  return `This DeepSeek request takes its model from ${reason}; ds-migrate cannot rewrite it. Make sure the value is "${target}" ` +
    `(not deepseek-chat/deepseek-reasoner) and set the thinking mode here explicitly, e.g. ${example}.`;
}

/** A condition choosing between the two IDs somewhere the request's mode cannot follow it. */
export function conditionAwayMessage(yes: LegacyMatch, no: LegacyMatch): string {
  return `This condition picks between "${yes.legacyId}" and "${no.legacyId}" away from the request; rewriting it would lose the mode. ` +
    `Use "${yes.replacement}" and set the thinking mode from the same condition at the request.`;
}

/** A condition choosing between the two IDs that no request in the file uses. */
export function conditionUnusedMessage(match: LegacyMatch): string {
  return `This condition picks between two legacy IDs, i.e. between non-thinking and thinking, and no request using it was found in this file. ` +
    `Replace it with "${match.replacement}" and set the thinking mode from the same condition where the request is sent.`;
}

/**
 * The finding for a DeepSeek URL that is a whole string value: rewritten (non-canonical,
 * or http), reviewed (/beta), or, when more path is appended to it, reviewed with the
 * URL to write. `span` is what to report, `inner` the characters inside the quotes.
 */
export function urlFinding(value: string, verdict: UrlVerdict, span: { start: number; end: number }, inner: { start: number; end: number }, joined = false): RawFinding | undefined {
  if (verdict.kind === "canonical" || verdict.kind === "untouched") return undefined;
  if (verdict.kind === "beta") {
    return { ruleId: RULE_IDS.betaBaseUrl, severity: "warning", ...span, message: `"${value}" is DeepSeek's beta endpoint (prefix completion / FIM): check that the feature you use is still offered on V4 before changing it.` };
  }
  const ruleId = verdict.insecure ? RULE_IDS.insecureBaseUrl : RULE_IDS.legacyBaseUrl;
  const severity = verdict.insecure ? "error" : "warning";
  if (joined) return { ruleId, severity, ...span, message: `"${value}" is joined with more path here; write the full URL on ${verdict.replacement} by hand.` };
  const why = verdict.insecure ? "sends the API key over plain http" : "is not the canonical DeepSeek base URL";
  return { ruleId, severity, ...span, message: `"${value}" ${why} → "${verdict.replacement}".`, edits: [{ ...inner, text: verdict.replacement }] };
}
