// The rewrite decision, shared by every transform. Each language only *locates*: it
// says where every legacy ID stands and where its value goes (its uses); this module
// *decides*, from that plain data alone, which occurrences are rewritten, which are kept,
// and what the user is told. See docs/ARCHITECTURE.md, "The role model".
//
// Roles: a request model (the value reaches the model of a DeepSeek request) is
// rewritten; a configuration value (no consumer in the scanned code) is rewritten with a
// note where the mode goes; an identity (a key, lookup, option, compared value, type
// member, test data) is never rewritten on its own: every occurrence of that name that
// must stay consistent stays, and the group is reported once; an unknown role is
// reported, not rewritten; text is information.
import { RULE_IDS, type ImportedId, type ModuleLinks, type ParamSink, type RawFinding, type RelatedPlace } from "../src/findings.js";
import { byCodeUnit } from "../src/order.js";
import type { Settings } from "../src/rules.js";
import { groupSeverity, matchLegacyId, modeOfMatch, modeSetting, type LegacyMatch, type ModeChoice } from "./shared.js";

/** For a value passed to another module's function whose request other callers feed with other models. */
export const MIXED_SINK_ADVICE = "One literal thinking mode at that request cannot serve all of these: " +
  "give the function a thinking-mode parameter (or pass the mode with the model), then change the IDs together by hand.";

/**
 * The use a value passed to another module's sink parameter has, once every caller is known:
 * a request model when all agree on one ID (that module writes the mode), otherwise unknown with
 * what else reaches the request.
 */
export function sinkUse(links: ModuleLinks, sink: ParamSink, callee: string, span: { start: number; end: number }): Use {
  const where = `\`${callee}()\` (${sink.file}:${sink.line})`;
  // Renaming the value alone would miss the entry it picks there.
  if (sink.lookupKey) return { kind: "identity", why: `passed to ${where}, where it is ${sink.lookupKey}`, ...span };
  const state = links.sinkState!(sink);
  if (state === "pending") return { kind: "unknown", why: `passed to ${where}, whose other callers are not known yet`, ...span };
  if (state.lost) return { kind: "unknown", why: `passed to ${where}, which ${state.lost}`, ...span };
  if (state.mixed) return { kind: "unknown", why: `passed to ${where}, whose request receives ${state.mixed.join(", ")}`, ...span, advice: MIXED_SINK_ADVICE };
  return { kind: "request", why: `the model of the request ${where} sends`, ...span, ...(sink.prefixes ? { prefixes: sink.prefixes } : {}) };
}

/**
 * Where a value goes when it reaches code no rule follows, said in words from the syntax
 * around it (both languages' node names): "looped over", never "used in a binary expression".
 */
export function constructWords(kind: string, operator?: string): string {
  switch (kind) {
    case "ForOfStatement": case "ForInStatement": case "ForStatement": case "ForOfExpression":
      return "looped over";
    case "ArrayComprehensionExpression": case "ComprehensionExpression": case "SetComprehensionExpression": case "DictionaryComprehensionExpression":
      return "read by a comprehension";
    case "YieldExpression": case "YieldStatement":
      return "yielded by a generator";
    case "ConditionalExpression":
      return "tested as the condition of a conditional expression";
    case "LogicalExpression": case "BooleanExpression": case "NotExpression":
      return "tested for truth";
    case "SwitchStatement": case "MatchStatement":
      return "the value a `switch`/`match` picks a case by";
    case "BinaryExpression":
      return operator ? `combined with another value by \`${operator}\`` : "compared or combined with another value";
    case "TaggedTemplateExpression":
      return "handed to a template tag";
    case "Decorator":
      return "given to a decorator";
    case "KeywordArgument": case "AssignmentPattern":
      return "a default of a parameter or option ds-migrate cannot tie to a call";
    case "ArrayPattern": case "ObjectPattern": case "TupleExpression":
      return "taken apart into names ds-migrate does not follow";
    case "LambdaExpression": case "ArrowFunctionExpression": case "FunctionExpression":
      return "captured by a function ds-migrate cannot follow";
    case "WithStatement":
      return "opened by a `with` block";
    default:
      return "handled by code ds-migrate does not follow";
  }
}

/** What one use of a value does with it. */
/**
 * `text`: the value only becomes part of a string (a template, an f-string): neutral next to
 * other uses, but a value that goes nowhere else is not proven to be any model (roleOf).
 */
export type UseKind = "request" | "identity" | "unknown" | "exported" | "text";

export interface Use {
  kind: UseKind;
  /** Short noun phrase: "a dict key", "a lookup key", "passed to `build_llm()`". */
  why: string;
  /** Where the use is (for the report). */
  start: number;
  end: number;
  /** For request uses: the request it reaches (a handle the language module knows). */
  request?: unknown;
  /** For request uses in another module (a sink): the provider prefixes that request accepts. */
  prefixes?: string[];
  /** For unknown uses that do reach a request but cannot be migrated from here: what to do instead. */
  advice?: string;
  /** For text uses: the string is only written to a log or printed. */
  logged?: boolean;
  /** For unknown uses: the model of a request proven to go to a relay or gateway (OpenRouter...), not DeepSeek's API. */
  relay?: boolean;
  /** For unknown uses: passed to a call ds-migrate does not follow (the project's own function where the trace stops, or a library's). */
  handedOn?: boolean;
}

/** A construct whose entries must stay distinct: cases, keys, list entries, members. */
export interface Siblings {
  key: unknown;
  /** Plural noun for the construct: "switch cases", "entries of a list". */
  what: string;
  /** The string value of every entry, legacy or not (to see a V4 ID already there). */
  values: string[];
  /** Values other modules put into the construct (a parameter their calls pass): they merge like entries. */
  outside?: string[];
  /**
   * Entries of a table of presets (`{fast: {model}, deep: {model}}`): siblings only while no request
   * is proven to send the value (a proven request states each one's mode, or sees the choice).
   */
  unsent?: boolean;
  /** How to migrate these entries by hand, where the construct has a way of its own. */
  advice?: string;
}

/** The siblings that apply to an occurrence, given its uses. */
export function siblingsFor(siblings: Siblings[], uses: Use[]): Siblings[] {
  return uses.some((u) => u.kind === "request") ? siblings.filter((s) => !s.unsent) : siblings;
}

export type Position =
  | { kind: "value" }
  /** A comment, log text, test name, docstring: information only. */
  | { kind: "text"; why: string }
  /** A key of a map from retired IDs to their V4 successors. */
  | { kind: "map" };

export interface Occurrence {
  start: number;
  end: number;
  /** 1-based line and column, for the places listed in group findings. */
  line: number;
  column: number;
  match: LegacyMatch;
  position: Position;
  uses: Use[];
  /** Constructs whose entries must stay distinct (a literal can sit in several). */
  siblings: Siblings[];
  /**
   * Occurrences that must move together whatever their uses (a default and the
   * `Literal[...]` annotation that constrains it): the same key binds them.
   */
  bound?: unknown;
  /** In a test file: a value that is not sent is test data, pinned by assertions. */
  inTest?: boolean;
  /** Kept by the language module with a finding of its own (a condition away from its request). */
  held?: boolean;
  /**
   * A key of a table handed to code ds-migrate cannot see (`ALL_MODELS.update({...})`): that
   * code may look up the very name requests send, so requests with the same ID stay too.
   */
  registers?: boolean;
}

export type Verdict = "rewrite" | "hold" | "info";

export interface Decisions {
  verdict: Map<Occurrence, Verdict>;
  /** The role each rewritten occurrence was given ("request" or "config"). */
  role: Map<Occurrence, Role>;
  findings: RawFinding[];
}

export type Role = "request" | "config" | "identity" | "unknown";

/** The role one occurrence's uses give it (an identity use wins over everything). */
export function roleOf(occ: Occurrence): Role {
  if (occ.uses.some((u) => u.kind === "identity")) return "identity";
  if (occ.inTest && !occ.uses.some((u) => u.kind === "request")) return "identity";
  if (occ.uses.some((u) => u.kind === "unknown")) return "unknown";
  if (occ.uses.some((u) => u.kind === "request")) return "request";
  if (onlyText(occ.uses)) return "unknown";
  return "config";
}

export function decideRoles(occurrences: Occurrence[], settings: Settings): Decisions {
  const verdict = new Map<Occurrence, Verdict>();
  const role = new Map<Occurrence, Role>();
  const findings: RawFinding[] = [];
  const values = occurrences.filter((o) => o.position.kind === "value");
  for (const o of occurrences) {
    // A value whose every read ends in log output (`logger.info(f"{CONFIG.get('MODEL', 'deepseek-chat')}")`) is log text.
    if (o.position.kind === "value" && o.uses.length > 0 && o.uses.every((u) => u.kind === "text" && u.logged)) o.position = { kind: "text", why: "log text" };
    if (o.position.kind === "text") {
      verdict.set(o, "info");
      findings.push(info(o, RULE_IDS.idInText, `"${shown(o)}" in ${o.position.why}: not a model value, left as it is.`));
    } else if (o.position.kind === "map") {
      verdict.set(o, "info");
      findings.push(info(o, RULE_IDS.migrationMap, `"${shown(o)}" is a key of a map from retired IDs to their V4 successors: migration code, left as it is.`));
    }
  }
  for (const o of values) if (o.held) verdict.set(o, "hold");
  const open = values.filter((o) => !o.held);
  const collided = collisions(open, findings, settings);
  for (const o of open) role.set(o, collided.has(o) ? "identity" : roleOf(o));
  // Identity groups: every non-request occurrence of the same ID, and whatever is bound to
  // one of them, moves together; if any of them names a thing, none is rewritten.
  const groups = unionGroups(open, role);
  for (const group of groups) {
    const identities = group.filter((o) => role.get(o) === "identity");
    if (identities.length === 0) continue;
    for (const o of group) verdict.set(o, "hold");
    // A group that is only a collision is reported by the collision finding alone.
    const at = group.find((o) => !collided.has(o));
    if (at) findings.push(identityFinding([at, ...group.filter((o) => o !== at)], role, collided, settings));
  }
  const unproven = open.filter((o) => !verdict.has(o) && role.get(o) === "unknown");
  for (const o of open) {
    if (verdict.has(o)) continue;
    const r = role.get(o)!;
    if (r === "unknown") {
      verdict.set(o, "hold");
      findings.push(unprovenFinding(o, settings, unproven));
      continue;
    }
    verdict.set(o, "rewrite");
  }
  return { verdict, role, findings };
}

/**
 * Siblings that a rewrite would make equal: two IDs that become the same one (both legacy
 * IDs, or a legacy ID and an alias), or an ID next to the successor it would become.
 */
function collisions(values: Occurrence[], findings: RawFinding[], settings: Settings): Set<Occurrence> {
  const byConstruct = new Map<unknown, { siblings: Siblings; members: Occurrence[] }>();
  for (const o of values) {
    for (const s of o.siblings) {
      const entry = byConstruct.get(s.key) ?? { siblings: s, members: [] };
      entry.members.push(o);
      byConstruct.set(s.key, entry);
    }
  }
  const held = new Set<Occurrence>();
  for (const { siblings, members } of byConstruct.values()) {
    // Legacy values other modules pass into the construct merge too.
    const outside = (siblings.outside ?? []).flatMap((v) => matchLegacyId(v, settings, true) ?? []);
    const merged = mergedGroup(members, outside);
    const successor = members.find((m) => siblings.values.includes(m.match.replacement));
    if (!merged && !successor) continue;
    for (const m of members) held.add(m);
    const first = members[0]!;
    const places = members.map((m) => `"${shown(m)}" at line ${m.line}`).join(", ");
    const message = (merged ? mergeMessage(merged, siblings.what, places) : successorMessage(successor!.match, siblings.what, places)) + (siblings.advice ? ` ${siblings.advice}` : "");
    findings.push({ ruleId: RULE_IDS.collision, severity: groupSeverity(members.map((m) => m.match), settings), start: first.start, end: first.end, message, related: related(members.slice(1)) });
  }
  return held;
}

/** Distinct IDs among the members that one rewrite would turn into the same ID, if any. */
function mergedGroup(members: Occurrence[], outside: LegacyMatch[] = []): LegacyMatch[] | undefined {
  const byReplacement = new Map<string, Map<string, LegacyMatch>>();
  for (const match of [...members.map((m) => m.match), ...outside]) {
    const ids = byReplacement.get(match.replacement) ?? new Map<string, LegacyMatch>();
    ids.set(match.prefix + match.legacyId, match);
    byReplacement.set(match.replacement, ids);
  }
  const group = [...byReplacement.values()].find((ids) => ids.size >= 2);
  return group ? [...group.entries()].sort(([a], [b]) => byCodeUnit(a, b)).map(([, m]) => m) : undefined;
}

function successorMessage(match: LegacyMatch, what: string, places: string): string {
  const clash = `"${match.replacement}" is already one of these ${what}; rewriting ${places} to it would make two entries equal. `;
  return clash + (match.keepsMode
    ? `Both names are served by the same model now: remove the old entry (and map saved choices of it to "${match.replacement}"), by hand.`
    : `Remove the legacy entry or tell the two apart by the thinking mode (${match.mode} for the legacy one), by hand.`);
}

export function mergeMessage(merged: LegacyMatch[], what: string, places: string): string {
  const replacement = merged[0]!.replacement;
  const modes = merged.map((m) => `${m.prefix}${m.legacyId} = ${modeOfMatch(m)}`).join(", ");
  const legacyPair = merged.length === 2 && merged.every((m) => m.row.status === "deprecated");
  return `${legacyPair ? "Both legacy IDs" : "These IDs"} act as distinct ${what} here (${places}); rewriting ${legacyPair ? "both" : "them"} to "${replacement}" would merge them. ` +
    `Tell them apart by the thinking mode instead (${modes}) and migrate by hand.`;
}

/** Union of: same ID among non-request occurrences; the same `bound` key. */
function unionGroups(values: Occurrence[], role: Map<Occurrence, Role>): Occurrence[][] {
  const parent = new Map<Occurrence, Occurrence>(values.map((o) => [o, o]));
  const find = (o: Occurrence): Occurrence => {
    let r = o;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(o, r);
    return r;
  };
  const union = (a: Occurrence, b: Occurrence) => parent.set(find(a), find(b));
  const byId = new Map<string, Occurrence>();
  const byBound = new Map<unknown, Occurrence>();
  const registered = new Set(values.filter((o) => o.registers).map(shown));
  for (const o of values) {
    if (role.get(o) !== "request" || registered.has(shown(o))) {
      const id = shown(o);
      if (byId.has(id)) union(o, byId.get(id)!);
      else byId.set(id, o);
    }
    if (o.bound !== undefined) {
      if (byBound.has(o.bound)) union(o, byBound.get(o.bound)!);
      else byBound.set(o.bound, o);
    }
  }
  const groups = new Map<Occurrence, Occurrence[]>();
  for (const o of values) groups.set(find(o), [...(groups.get(find(o)) ?? []), o]);
  return [...groups.values()];
}

function identityFinding(group: Occurrence[], role: Map<Occurrence, Role>, collided: Set<Occurrence>, settings: Settings): RawFinding {
  const first = group[0]!;
  const distinct = [...new Set(group.map(shown))];
  const ids = distinct.map((id) => `"${id}"`).join(" and ") + (distinct.length > 1 ? " name" : " names");
  const what = (o: Occurrence) => (collided.has(o) ? `one of the ${o.siblings[0]?.what ?? "entries"} that collide` : describe(o, role));
  const places = [...group].sort((a, b) => a.start - b.start).map((o) => `${what(o)} at ${o.line}:${o.column}`).join("; ");
  const { replacement } = first.match;
  const kept = group.length === 1 ? "so it is left as it is" : "so none of these places is rewritten (renaming only some of them would break the others)";
  const sent = first.match.keepsMode
    ? `requests must now send "${replacement}" with the thinking mode they state`
    : `requests must now send "${replacement}" with an explicit thinking mode (${first.match.mode} for "${first.match.legacyId}")`;
  const message =
    `${ids} something in this app (${places}), ${kept}: ${sent}. ${advice(describe(first, role), replacement)} Deliberate compatibility code can be marked with a ds-migrate-ignore comment.`;
  return { ruleId: RULE_IDS.identity, severity: groupSeverity(group.map((o) => o.match), settings), start: first.start, end: first.end, message, related: related(group.slice(1)) };
}

/** What to do, by what the first place of a group is. */
function advice(what: string, replacement: string): string {
  if (/compared|switch case|checked|inspected|match case/.test(what)) {
    return `If the value compared is the model a request sends, compare against "${replacement}" and the thinking mode instead; if it is the app's own name for a choice (a picker key that keeps the old ID), keep it in step with that name. Either way, by hand.`;
  }
  if (/test data/.test(what)) return "Update the test data together with the code it tests.";
  if (/key|lookup|table/.test(what)) return "Re-key the entries and their lookups together by hand (the thinking mode tells the two old models apart), and state that mode where the value is sent.";
  if (/list|option/.test(what)) return `Update the options by hand: "${replacement}" with an explicit thinking mode replaces them.`;
  if (/type/.test(what)) return "Update the type and the values it allows together, by hand.";
  return "Update these together by hand.";
}

/** What an occurrence is, for a group's list of places. */
function describe(o: Occurrence, role: Map<Occurrence, Role>): string {
  const identity = o.uses.find((u) => u.kind === "identity");
  if (identity) return identity.why;
  if (o.inTest && role.get(o) !== "request") return "test data";
  const r = role.get(o);
  if (o.bound !== undefined && r !== "identity") return "a value that must stay inside its type";
  if (r === "request") return "a request model that uses this name";
  const unknown = o.uses.find((u) => u.kind === "unknown") ?? (onlyText(o.uses) ? o.uses[0] : undefined);
  if (unknown) return `a value ${unknown.why}`;
  return "the same ID held in a setting";
}

/**
 * `others`: the values held as unproven in the same file. One held for the same reason that
 * another ID of a different mode would become too (`deepseek-chat` and `deepseek-reasoner` as
 * two entries of a preset list) is named, so the advice does not lead to two equal entries.
 */
function unprovenFinding(o: Occurrence, settings: Settings, others: Occurrence[] = []): RawFinding {
  // A use traced to a request (it carries advice) says more than one that ends where ds-migrate stops following.
  const use = o.uses.find((u) => u.kind === "unknown" && u.advice) ?? o.uses.find((u) => u.kind === "unknown") ?? o.uses.find((u) => u.kind === "text")!;
  const mode = modeSetting(o.match, settings);
  return {
    ruleId: RULE_IDS.unproven,
    severity: groupSeverity([o.match], settings),
    start: o.start,
    end: o.end,
    message: use.advice
      ? `"${shown(o)}" is ${use.why}: not rewritten. ${use.advice}`
      : `"${shown(o)}" is ${use.why}, so ds-migrate cannot prove it is the model of a DeepSeek request: not rewritten. ` +
        `If it is, change it to "${o.match.replacement}" and set ${mode} where the request is sent (V4 thinks by default).` + sameSuccessorNote(o, others),
  };
}

function sameSuccessorNote(o: Occurrence, others: Occurrence[]): string {
  // Held for the same reason (two entries of one list, both "stored as the `model` field of a list entry").
  const why = (x: Occurrence) => x.uses.find((u) => u.kind === "unknown")?.why;
  const twins = others.filter((t) => t !== o && t.match.replacement === o.match.replacement && t.match.mode !== o.match.mode && why(t) === why(o));
  if (twins.length === 0) return "";
  const places = twins.map((t) => `"${shown(t)}" (line ${t.line})`).join(", ");
  return ` ${places}, held here too, would also become "${o.match.replacement}": if they are alternatives (entries of one list, a picker's choices, two branches), tell them apart by the thinking mode, not by the name.`;
}

function info(o: Occurrence, ruleId: string, message: string): RawFinding {
  return { ruleId, severity: "info", start: o.start, end: o.end, message };
}

function related(members: Occurrence[]): RelatedPlace[] {
  return members.map((m) => ({ start: m.start, end: m.end, message: `"${shown(m)}"` }));
}

export function shown(o: Occurrence): string {
  return o.match.prefix + o.match.legacyId;
}

/**
 * A V4 ID held where no request is traced (a setting, a constant): after a migration the mode
 * debt the rewrite's note named stays visible to `check`, as a warning.
 */
export function v4ConsumerNote(value: string, span: { start: number; end: number }, settings: Settings, where: string): RawFinding {
  const d = settings.rules.dialects[settings.dialect];
  // A warning, so `check --strict` keeps failing: the request this value reaches is not traced,
  // so nothing here shows it states its mode (a migrated setting would otherwise pass silently).
  return {
    ruleId: RULE_IDS.setModeAtConsumer, severity: "warning", ...span,
    message: `"${value}" is a V4 model, which thinks by default: make sure the thinking mode is stated ` +
      `(${d.key}: ${JSON.stringify(d.values["non-thinking"])} or ${JSON.stringify(d.values.thinking)}) ${where}. ` +
      "Once it is, a ds-migrate-ignore comment on this line (or the file in the config's ignore list) records that.",
  };
}

/** A use that is a traced request: DeepSeek's, or another server's (an unknown use with its relay flag). */
export function sentSomewhere(u: Use): boolean {
  return u.kind === "request" || (u.kind === "unknown" && u.relay !== undefined);
}

/**
 * A V4 ID's uses leave it a value no request is traced from: a setting (roleOf's "config"), or a
 * value handed to a call ds-migrate does not follow. A legacy ID there is reported and migrated
 * by hand; once it is, this keeps the mode it owes visible to `check`.
 */
export function untracedSetting(uses: Use[]): boolean {
  return !uses.some((u) => u.kind === "identity" || u.kind === "request" || (u.kind === "unknown" && (!u.handedOn || u.relay))) && !onlyText(uses);
}

/** Every read of the value ends in a string: shown, never sent as a model. */
function onlyText(uses: Use[]): boolean {
  return uses.length > 0 && uses.every((u) => u.kind === "text");
}

export function consumerNote(o: Occurrence, settings: Settings, where: string): RawFinding {
  const d = settings.rules.dialects[settings.dialect];
  if (o.match.keepsMode) {
    // The alias and its successor are served by the same model: the rewrite changes no behaviour, the mode is still owed.
    return {
      ruleId: RULE_IDS.setModeAtConsumer,
      severity: "info",
      start: o.start,
      end: o.end,
      message: `"${o.match.legacyId}" and "${o.match.replacement}" are served by the same model, so requests keep their behaviour; V4 thinks by default: ` +
        `state the mode (${d.key}: ${JSON.stringify(d.values["non-thinking"])} or ${JSON.stringify(d.values.thinking)}) ${where}.`,
    };
  }
  return {
    ruleId: RULE_IDS.setModeAtConsumer,
    severity: "warning",
    start: o.start,
    end: o.end,
    message: `"${o.match.legacyId}" was ${o.match.mode === "thinking" ? "a thinking" : "a non-thinking"} model and V4 thinks by default: ` +
      `set ${d.key}: ${JSON.stringify(d.values[o.match.mode])} ${where}.`,
  };
}

/**
 * Everything that can reach one request at run time (its literals here, V4 IDs kept as they are,
 * values other modules pass): if more than one does, they are siblings that must not merge.
 */
export function runTimeSiblings(site: unknown, contributors: Occurrence[], kept: string[], outside: string[]): void {
  if (contributors.length + kept.length + outside.length <= 1) return;
  const values = [...contributors.map((o) => o.match.legacyId), ...kept, ...outside];
  for (const o of contributors) o.siblings.push({ key: site, what: "models one request receives at run time", values, ...(outside.length > 0 ? { outside } : {}) });
}

/** Uses other modules make of an exported occurrence (found by the engine's linking pass). */
export function addExternalUses(links: ModuleLinks | undefined, file: string, occ: Occurrence): void {
  if (!links || !occ.uses.some((x) => x.kind === "exported")) return;
  for (const ext of links.externalUses(file, occ.line, occ.column)) occ.uses.push({ kind: ext.kind, why: ext.why, start: occ.start, end: occ.end, ...(ext.advice ? { advice: ext.advice } : {}) });
}

/**
 * What a request's model resolves to, as the mode decision needs it, in either language:
 * an ID another module exports, the legacy literals it may be (one, a table's picks, or a
 * conditional's two branches with the condition's text), or anything else.
 */
export type ModelSource =
  | { kind: "external"; id: ImportedId }
  /** "v4": a V4 ID the run keeps (it thinks unless the request states otherwise); `{ external }`: a branch imported from another module. */
  | { kind: "literals"; occurrences: Array<Occurrence | "v4" | { external: ImportedId } | undefined>; condition?: string }
  | { kind: "other" };

type Value = Occurrence | "v4" | { external: ImportedId };
const isImported = (o: Value): o is { external: ImportedId } => o !== "v4" && "external" in o;

/**
 * The mode a request gets: fixed, conditional, "keep" when every value it can send keeps the
 * request's own mode (aliases), or "held" when its model is kept for review.
 */
export function modeChoiceFor(source: ModelSource, decisions: Decisions, links?: ModuleLinks): ModeChoice | "held" | "keep" | undefined {
  if (source.kind === "external") {
    if (source.id.held) return "held";
    links?.used(source.id);
    return source.id.keepsMode ? "keep" : { mode: source.id.mode };
  }
  if (source.kind === "other" || source.occurrences.some((o) => !o)) return undefined;
  const occurrences = source.occurrences as Value[];
  const imported = occurrences.filter(isImported).map((o) => o.external);
  const legacy = occurrences.filter((o): o is Occurrence => o !== "v4" && !isImported(o));
  if (legacy.length + imported.length === 0) return undefined;
  if (legacy.some((o) => decisions.verdict.get(o) !== "rewrite") || imported.some((id) => id.held)) return "held";
  for (const id of imported) links?.used(id);
  const keeps = [...legacy.map((o) => o.match.keepsMode), ...imported.map((id) => !!id.keepsMode)];
  if (keeps.every(Boolean) && keeps.length === occurrences.length) return "keep";
  // A V4 ID kept as it is thinks by default, like an alias that states no mode.
  const modeOf = (o: Value) => (o === "v4" ? "thinking" : isImported(o) ? o.external.mode : o.match.mode);
  const modes = new Set(occurrences.map(modeOf));
  if (modes.size === 1) return { mode: [...modes][0]! };
  return source.condition !== undefined ? { test: source.condition, thinkingWhenTrue: modeOf(occurrences[0]!) === "thinking" } : undefined;
}

/** The ID a request sends after the rewrite, when one value reaches it (for findings that name it). */
export function sentId(source: ModelSource): string | undefined {
  if (source.kind === "external") return source.id.replacement;
  const only = source.kind === "literals" && source.occurrences.length === 1 ? source.occurrences[0] : undefined;
  return only && only !== "v4" && !isImported(only) ? only.match.replacement : undefined;
}
