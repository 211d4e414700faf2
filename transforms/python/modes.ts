// Writing the thinking mode at a Python request, through the client's pass-through:
// `extra_body=` (added, merged into a dict literal, or `{**name, ...}` over a name), a key
// of a JSON body dict, a request field of the pre-1.0 SDK, or a nested kwargs dict.
import { MODE_HOLDERS, STATED_MODE_KEYS, type Mode, type Settings } from "../../src/rules.js";
import { RULE_IDS, type Edit, type RawFinding } from "../../src/findings.js";
import { describeChoice, insertionAfter, type ModeChoice } from "../shared.js";
import type { PyRequest } from "./requests.js";
import type { PyScope } from "./scope.js";
import { argumentsOf, dictEntries, stringOf, type PyNode } from "./tree.js";

export interface ModeCtx {
  src: string;
  settings: Settings;
  eol: string;
  findings: RawFinding[];
  scope: PyScope;
}

const PY_TRAILING_COMMENT = /^\s*#.*$/;

function dialect(ctx: ModeCtx) {
  return ctx.settings.rules.dialects[ctx.settings.dialect];
}

/** The Python value of the mode key, e.g. `{"type": "disabled"}` or `"non-thinking"`. */
export function modeValue(ctx: ModeCtx, choice: ModeChoice, q: string): string {
  const d = dialect(ctx);
  const str = (mode: Mode) => `${q}${d.strings[mode]}${q}`;
  const inner = "mode" in choice
    ? str(choice.mode)
    : `${str(choice.thinkingWhenTrue ? "thinking" : "non-thinking")} if ${choice.test} else ${str(choice.thinkingWhenTrue ? "non-thinking" : "thinking")}`;
  return d.conditional === "type" ? `{${q}type${q}: ${inner}}` : inner;
}

/** `"thinking": {"type": "disabled"}`: the mode as a dict entry. */
export function modeEntry(ctx: ModeCtx, choice: ModeChoice, q: string): string {
  return `${q}${dialect(ctx).key}${q}: ${modeValue(ctx, choice, q)}`;
}

function hasModeKey(ctx: ModeCtx, dict: PyNode): boolean {
  return dictEntries(dict).some((e) => e.key && STATED_MODE_KEYS.includes(stringOf(e.key, ctx.src)?.value ?? ""));
}

/**
 * A mode stated in any form the call carries, whatever its pass-through: a direct keyword
 * (`thinking=`, `reasoning_effort=`), or a dict of extra fields (`extra_body`, `model_kwargs`,
 * `additional_kwargs`, one level down too: `model_kwargs={"extra_body": {...}}`).
 */
function statesModeAnyForm(ctx: ModeCtx, site: PyRequest, partly: boolean): boolean {
  if (site.args.some((a) => a.keyword && STATED_MODE_KEYS.includes(a.keyword))) return true;
  const holds = (d: PyNode | undefined) => !!d && (hasModeKey(ctx, d) || MODE_HOLDERS.some((h) => {
    const inner = dictEntry(ctx, d, h);
    const innerDict = inner ? asDict(ctx, inner) : undefined;
    return !!innerDict && hasModeKey(ctx, innerDict);
  }));
  // `model_settings=ModelSettings(extra_body={...})`: a settings object passed whole states it too.
  const settings = site.args.some((a) => a.keyword && a.value.name === "CallExpression" && argumentsOf(a.value, ctx.src).some((k) => k.keyword && MODE_HOLDERS.includes(k.keyword) && holds(asDict(ctx, k.value))));
  if (settings) return true;
  // `**BASE` (a keyword spread, or a spread inside the request's dict) whose dict states it: `BASE = {"extra_body": {"thinking": …}}`.
  const spreads = [...site.args.filter((a) => a.keyword === "**").map((a) => a.value), ...(site.dict ? dictEntries(site.dict).filter((e) => e.spread).map((e) => e.value) : [])];
  if (spreads.some((v) => holds(asDict(ctx, unwrap(v))))) return true;
  // `extra_body={...} if deep else None` states the mode on one branch only: `partly` counts it.
  return site.args.filter((a) => a.keyword && MODE_HOLDERS.includes(a.keyword)).some((a) => {
    const branches = branchesOf(a.value).map((v) => holds(asDict(ctx, v)));
    return partly ? branches.some(Boolean) : branches.every(Boolean);
  });
}

/** A mode sent on some branch at least (`extra_body={...} if deep else None`); with statesMode false, the other branch leaves it out and V4 thinks there. */
export function statesModeOnSomeBranch(ctx: ModeCtx, site: PyRequest): boolean {
  return statesModeAnyForm(ctx, site, true);
}

/** Whether the request already states its mode where its pass-through puts it. */
export function statesMode(ctx: ModeCtx, site: PyRequest): boolean {
  const pass = site.pass;
  if (statesModeAnyForm(ctx, site, false)) return true;
  if (pass.kind === "body" && site.modelField) return (!!site.dict && hasModeKey(ctx, site.dict)) || (!!site.modelField.cls && declaresMode(ctx, site.modelField.cls));
  if (pass.kind === "body") return !!site.dict && hasModeKey(ctx, site.dict);
  if (pass.kind === "field") return false;
  if (pass.kind === "kwarg" || pass.kind === "nested") {
    const written = site.args.find((a) => a.keyword === pass.name)?.value ?? (site.dict ? dictEntry(ctx, site.dict, pass.name) : undefined);
    const holder = written ? asDict(ctx, written) : undefined;
    if (!holder) return false;
    const inner = pass.kind === "nested" && pass.inner ? dictEntry(ctx, holder, pass.inner) : holder;
    const innerDict = inner ? asDict(ctx, inner) : undefined;
    return !!innerDict && hasModeKey(ctx, innerDict);
  }
  return false;
}

/** A model class with a field named like a mode key (`thinking: dict = ...`): its dumps state the mode. */
function declaresMode(ctx: ModeCtx, cls: PyNode): boolean {
  const body = cls.children.find((c) => c.name === "Body");
  return (body?.children ?? []).some((stmt) => {
    const target = stmt.name === "AssignStatement" ? stmt.children[0] : undefined;
    return target?.name === "VariableName" && STATED_MODE_KEYS.includes(ctx.src.slice(target.from, target.to));
  });
}

/** A dict literal, or the dict literal a name holds (so `extra_body=EXTRA` with a mode in EXTRA counts). */
function branchesOf(node: PyNode): PyNode[] {
  return node.name === "ConditionalExpression" ? [node.children[0]!, node.children[4]!].filter(Boolean) : [node];
}

function asDict(ctx: ModeCtx, node: PyNode): PyNode | undefined {
  if (node.name === "DictionaryExpression") return node;
  const r = ctx.scope.resolve(node);
  return r.kind === "dict" ? r.node : undefined;
}

function dictEntry(ctx: ModeCtx, dict: PyNode, key: string): PyNode | undefined {
  return dictEntries(dict).find((e) => e.key && stringOf(e.key, ctx.src)?.value === key)?.value;
}

/** Add the mode at a request; a finding says what was done, or what to do where nothing can be added. */
export function addMode(ctx: ModeCtx, site: PyRequest, choice: ModeChoice, q: string): void {
  if (!site.model || statesMode(ctx, site) || statesModeOnSomeBranch(ctx, site)) return;
  const pass = site.pass;
  let edits: Edit[] = [];
  if (pass.kind === "none") {
    push(ctx, site.model, RULE_IDS.noPassThrough, "warning", `V4 thinks by default and ${pass.advice.replace("{mode}", modeEntry(ctx, choice, q))}.`);
    return;
  }
  if (pass.kind === "body" && site.modelField && !site.dict) {
    // `json=req.model_dump()`: the mode is merged over the dump, the model class stays as it is.
    const dump = site.modelField.dump;
    edits = [{ start: dump.from, end: dump.to, text: `{**${ctx.src.slice(dump.from, dump.to)}, ${modeEntry(ctx, choice, q)}}` }];
  } else if (!site.after) return;
  else if (pass.kind === "body") edits = insertionAfter(ctx.src, site.after, modeEntry(ctx, choice, q), ctx.eol, PY_TRAILING_COMMENT);
  else if (pass.kind === "field") edits = insertionAfter(ctx.src, site.after, `${dialect(ctx).key}=${modeValue(ctx, choice, q)}`, ctx.eol, PY_TRAILING_COMMENT);
  const holder = pass.kind === "kwarg" || pass.kind === "nested" ? pass.name : undefined;
  const spread = holder ? spreadHolder(ctx, site, holder) : undefined;
  if (spread) {
    const clash = site.dict ? `another \`${holder}\` key added beside it would replace that one (and drop what it holds)` : `a second \`${holder}=\` would raise a TypeError (a keyword given twice)`;
    push(ctx, site.model, RULE_IDS.setModeAtConsumer, "warning", `V4 thinks by default, and this request may also get \`${holder}\` from \`**${ctx.src.slice(spread.from, spread.to)}\`: ` +
      `${clash}, so none is added. Put ${modeEntry(ctx, choice, q)} into the \`${holder}\` that spread passes, and pass it on every path.`);
    return;
  }
  if (pass.kind === "kwarg") edits = holderEdits(ctx, site, pass.name, undefined, choice, q);
  else if (pass.kind === "nested") edits = holderEdits(ctx, site, pass.name, pass.inner, choice, q);
  if (edits.length === 0) return;
  push(ctx, site.model, RULE_IDS.thinkingMode, "info", `V4 thinks by default: set the mode explicitly (${describeChoice(choice)}) to keep this request's behaviour.`, edits);
}

/**
 * A `**` argument that may pass the holder keyword itself (`**({"extra_body": x} if x else {})`,
 * `**opts` with `opts = {"extra_body": …}`), when the call does not name it: that spread.
 * A spread of unknown content is not one (nothing shows it carries the keyword).
 */
function spreadHolder(ctx: ModeCtx, site: PyRequest, name: string): PyNode | undefined {
  const carries = (value: PyNode) => branchesOf(unwrap(value)).some((b) => {
    const dict = asDict(ctx, unwrap(b));
    return !!dict && !!dictEntry(ctx, dict, name);
  });
  // `params = {**BASE, "model": …}` with BASE holding `extra_body`: a new key there would replace BASE's.
  if (site.dict) return dictEntry(ctx, site.dict, name) ? undefined : dictEntries(site.dict).find((e) => e.spread && carries(e.value))?.value;
  if (site.args.some((a) => a.keyword === name)) return undefined;
  return site.args.find((a) => a.keyword === "**" && carries(a.value))?.value;
}

function unwrap(node: PyNode): PyNode {
  return node.name === "ParenthesizedExpression" && node.children[1] ? unwrap(node.children[1]) : node;
}

/**
 * `extra_body={...}` (or `additional_kwargs={"extra_body": {...}}` when `inner` is set):
 * added after the model, merged into an existing dict literal, spread over a name.
 */
function holderEdits(ctx: ModeCtx, site: PyRequest, name: string, inner: string | undefined, choice: ModeChoice, q: string): Edit[] {
  const entry = modeEntry(ctx, choice, q);
  const wrap = (body: string) => (inner ? `{${q}${inner}${q}: {${body}}}` : `{${body}}`);
  const kw = site.args.find((a) => a.keyword === name);
  if (kw) return mergeInto(ctx, kw.value, inner, entry, q);
  if (site.dict) {
    const existing = dictEntry(ctx, site.dict, name);
    if (existing) return mergeInto(ctx, existing, inner, entry, q);
    return insertionAfter(ctx.src, site.after!, `${q}${name}${q}: ${wrap(entry)}`, ctx.eol, PY_TRAILING_COMMENT);
  }
  return insertionAfter(ctx.src, site.after!, `${name}=${wrap(entry)}`, ctx.eol, PY_TRAILING_COMMENT);
}

function mergeInto(ctx: ModeCtx, value: PyNode, inner: string | undefined, entry: string, q: string): Edit[] {
  if (value.name === "DictionaryExpression") {
    if (inner) {
      const innerValue = dictEntry(ctx, value, inner);
      if (innerValue) return mergeInto(ctx, innerValue, undefined, entry, q);
      return appendEntry(ctx, value, `${q}${inner}${q}: {${entry}}`);
    }
    if (hasModeKey(ctx, value)) return [];
    return appendEntry(ctx, value, entry);
  }
  if (value.name === "VariableName" || value.name === "MemberExpression") {
    const name = ctx.src.slice(value.from, value.to);
    const merged = inner ? `{**${name}, ${q}${inner}${q}: {**${name}.get(${q}${inner}${q}, {}), ${entry}}}` : `{**${name}, ${entry}}`;
    return [{ start: value.from, end: value.to, text: merged }];
  }
  return [];
}

function appendEntry(ctx: ModeCtx, dict: PyNode, entry: string): Edit[] {
  const entries = dictEntries(dict);
  const last = entries[entries.length - 1];
  if (!last) return [{ start: dict.from + 1, end: dict.to - 1, text: entry }];
  const itemStart = last.key?.from ?? last.value.from - 2;
  return insertionAfter(ctx.src, { containerStart: dict.from, itemStart, itemEnd: last.value.to }, entry, ctx.eol, PY_TRAILING_COMMENT);
}

function push(ctx: ModeCtx, node: { from: number; to: number }, ruleId: string, severity: RawFinding["severity"], message: string, edits?: Edit[]): void {
  const f: RawFinding = { ruleId, severity, start: node.from, end: node.to, message };
  if (edits) f.edits = edits;
  ctx.findings.push(f);
}
