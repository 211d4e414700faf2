// The Python transform: the same decisions as the JS/TS one, in Python's syntax. Locate
// every legacy string and where its value goes (flow.ts), let the role model decide
// (transforms/roles.ts), rewrite the kept decisions as span edits, and write the mode
// at each request through its pass-through (modes.ts).
import { MODE_HOLDERS, newModelId, STATED_MODE_KEYS, type Mode, type Settings } from "../../src/rules.js";
import { RULE_IDS, type Edit, type ExportedId, type ImportedId, type LinkKeys, type ModuleLinks, type ParamSink, type RawFinding, type RawRequest, type RequestMode, type TransformResult } from "../../src/findings.js";
import { eolOf, LineIndex, linesOf } from "../../src/text.js";
import { addsVersion, calledOf, classifyUrl, embeddedSpecFinding, externalWords, groupSeverity, hostOfText, idRewriteMessage, isBareHostUrl, isDeepSeekModelKey, isV4Id, matchLegacyId, matchSeverity, mentionsLegacy, MODEL_NAME, namedSource, ORIGIN_NAME, relayNameMessage, remoteArg, routedToDeepSeek, textHits, unacceptedPrefixMessage } from "../shared.js";
import { addExternalUses, consumerNote, decideRoles, sentSomewhere, siblingsFor, untracedSetting, v4ConsumerNote, modeChoiceFor, roleOf, runTimeSiblings, sentId, type Decisions, type ModelSource, type Occurrence, type Use } from "../roles.js";
import { PARAMETER_CALLERS_NOTE, PARAMETER_DEFAULT_NOTE, conditionNotTraced, noPassThroughModeMessage, otherBranchAdvice, otherBranchWhy, fallbackMode, unknownModelMessage, overriddenMessage, dynamicModelMessage, dynamicModelNoPassMessage, implicitModeMessage, settleWrittenMode, urlFinding } from "../review.js";
import { isTestFile } from "../test-files.js";
import { applyPins } from "../pins.js";
import { constraintOf, importedSinks, literalTypeOf, positionOf, registersKey, serverBesideUse, siblingsOf, usesOf, type PyFlowCtx } from "./flow.js";
import { addMode, modeEntry, modeValue, statesMode, statesModeOnSomeBranch } from "./modes.js";
import { findPyRequests, type PyRequest, type PyRequests } from "./requests.js";
import { outsideDeepSeekGuard } from "./guards.js";
import { elsewhereFieldSinks, passFieldEscapes } from "./fields.js";
import { fieldDefault, isKeywordName, PyScope, scopeOf, type PyBinding, type PyResolved } from "./scope.js";
import { argumentsOf, dictEntries, memberPath, parsePython, stringOf, type PyNode } from "./tree.js";

interface Ctx extends PyFlowCtx {
  file: string;
  eol: string;
  findings: RawFinding[];
  requests: PyRequests;
  links?: ModuleLinks;
  /** An `openai/` ID left because its base URL was not known here (TransformResult.hostsWanted). */
  hostsWanted?: boolean;
}

interface Legacy {
  node: PyNode;
  occ: Occurrence;
}

export function analyzePython(src: string, file: string, settings: Settings, links?: ModuleLinks): TransformResult {
  const parsed = parsePython(src);
  if (parsed.errorAt !== undefined) {
    const at = new LineIndex(src).position(parsed.errorAt);
    return { findings: [], parseError: { message: parsed.errorMessage ?? "invalid Python syntax", line: at.line, column: at.column } };
  }
  const scope = new PyScope(parsed, src, file, links);
  const requests = findPyRequests({ src, parsed, scope, settings });
  for (const site of requests.sites) applyPins(settings, file, site, argumentsOf(site.call, src).flatMap((a) => (a.keyword ? [a.keyword] : [])));
  const ctx: Ctx = { src, file, settings, parsed, scope, requests, eol: eolOf(src), findings: [], called: [] };
  if (links) ctx.links = links;
  const lines = new LineIndex(src);
  const legacy = collectLegacy(ctx, lines, isTestFile(file));
  const byNode = new Map(legacy.map((l) => [l.node, l]));
  const plans = planRequests(ctx, byNode);
  const sinks = [...sinksOf(ctx), ...elsewhereFieldSinks(ctx, legacy.map((l) => l.node), new Set(ctx.scope.fieldReads.keys()))];
  clientHandOffs(ctx);
  if (links?.passArg) passArgs(ctx, lines);
  holdConditionals(ctx, legacy, plans);
  if (links) reportImportedUses(ctx, lines);
  const decisions = decideRoles(legacy.map((l) => l.occ), settings);
  ctx.findings.push(...decisions.findings);
  rewriteLiterals(ctx, legacy, decisions, plans.traced);
  if (!isTestFile(file)) noteV4Settings(ctx);
  const ledger = plans.list.map((plan) => writeMode(ctx, plan, byNode, decisions)).filter((r): r is RawRequest => !!r);
  const { baseUrls, hosts, otherHosts } = migrateUrls(ctx);
  if (links?.baseUrlRead) reportImportedBaseUrls(ctx);
  reportComments(ctx);
  return { findings: ctx.findings, exports: [...collectExports(legacy, decisions, ctx.scope), ...v4Exports(ctx)], requests: ledger, ...(sinks.length > 0 ? { sinks } : {}), ...calledOf(ctx), ...(links ? {} : { linkKeys: linkKeysOf(ctx) }), ...(baseUrls.length > 0 ? { baseUrls } : {}), ...(hosts.length > 0 ? { hosts } : {}), ...(otherHosts.length > 0 ? { otherHosts } : {}), ...(ctx.hostsWanted && !links ? { hostsWanted: true } : {}) };
}

/**
 * Every lookup this module can make names an import binding's source, and an export path
 * made of the imported name and attribute names (scope.ts `resolveImport`): recorded by the
 * first pass so the linking pass can skip a module no other module can change.
 */
function linkKeysOf(ctx: Ctx): LinkKeys {
  const names = new Set<string>();
  for (const node of ctx.parsed.all) if (node.name === "PropertyName") names.add(ctx.src.slice(node.from, node.to));
  const from: LinkKeys["from"] = [];
  for (const b of ctx.scope.imports()) {
    if (b.imported === "*" || !b.source || !b.imported) continue;
    names.add(b.imported);
    from.push({ source: b.source, imported: b.imported });
  }
  return { names: [...names], from };
}

/** Parameters of module-level functions and classes that a request's model was traced to: other modules' calls decide them too. */
function sinksOf(ctx: Ctx): NonNullable<TransformResult["sinks"]> {
  const out: NonNullable<TransformResult["sinks"]> = [];
  for (const b of ctx.scope.paramReads) {
    const sink = paramSink(ctx, b);
    if (sink) out.push(sink);
  }
  // A parameter only handed on to an imported function: a forwarder, settled where that function sends it.
  for (const b of forwardingCandidates(ctx)) {
    const callees = ctx.scope.paramReads.has(b) ? undefined : forwardedTo(ctx, b);
    const sink = callees && paramSink(ctx, b);
    if (!sink) continue;
    out.push({ ...sink, forwards: true });
    // Those modules are read for their sinks once a value is known to flow here (engine.ts readCallees).
    for (const c of callees!) ctx.called!.push({ specifier: c.source!, name: c.imported!, forward: true });
  }
  // A client instance handed in whose model a request reads: callers say which instance (passArgs).
  for (const [b, attrs] of ctx.scope.clientParamReads) {
    const sink = ctx.scope.sinkOf(b);
    if (!sink || Number.isNaN(sink.index)) continue;
    for (const attribute of attrs) out.push({ ...sink, param: `${sink.keyword}.${attribute}`, attribute, local: [], start: b.id!.from });
  }
  // Fields of module-level classes (dataclasses, pydantic models): callers set them by keyword.
  for (const [value, { cls, attr }] of ctx.scope.fieldReads) {
    const name = cls.children.find((c) => c.name === "VariableName");
    if (!name || scopeOf(cls) !== ctx.parsed.root) continue;
    // A field declared with only a type (`model: str`) is anchored at its statement and has no default.
    const given = value.name === "AssignStatement" ? undefined : fieldDefault(value, ctx.src);
    const def = given ? ctx.scope.resolve(given) : undefined;
    const local = ctx.scope.fieldArgs(cls, attr).map((arg) => {
      const passed = arg ?? given;
      const r = passed ? ctx.scope.resolve(passed) : undefined;
      return r?.kind === "string" ? r.value : null;
    });
    out.push({ name: ctx.src.slice(name.from, name.to), param: attr, index: -1, keyword: attr, local, ...(def?.kind === "string" ? { default: def.value } : {}), start: value.from });
  }
  // `def wrap(self, x, **kwargs): return self.send(x, **kwargs)`: other modules' `wrap(x, model=…)` reach `send`'s parameter.
  // Its state is the reached parameter's (its default, this module's calls, other modules' calls of it) with the wrapper's callers.
  for (const [b, reached] of ctx.scope.kwargsForwards) {
    const sink = ctx.scope.sinkOf(b, true);
    for (const [keyword, targetId] of sink ? reached : []) {
      const target = ctx.scope.lookup(keyword, targetId)?.find((t) => t.kind === "param" && t.id === targetId);
      const to = target && paramSink(ctx, target);
      if (!to) continue;
      const { local, default: def, prefixes } = to;
      out.push({ ...sink!, index: -1, keyword, keywordOnly: true, param: keyword, local, ...(def !== undefined ? { default: def } : {}), prefixes, reaches: { line: ctx.scope.lineOf(targetId), param: keyword }, start: b.id!.from });
    }
  }
  out.push(...lookupKeySinks(ctx, out));
  return [...out, ...instanceSinks(ctx, out)];
}

/**
 * Parameters of module-level functions and classes used as a lookup key (`MODELS[model]`,
 * `MODELS.get(model)`): a caller's ID names an entry there, so it stays with that entry
 * (ParamSink.lookupKey). A parameter already a request's sink is marked too.
 */
function lookupKeySinks(ctx: Ctx, sinks: NonNullable<TransformResult["sinks"]>): NonNullable<TransformResult["sinks"]> {
  const out: NonNullable<TransformResult["sinks"]> = [];
  const seen = new Set<PyBinding>();
  const lines = linesOf(ctx.src);
  const handedOn = forwardingCandidates(ctx);
  for (const node of ctx.parsed.all) {
    const key = lookupKeyOf(ctx, node);
    const found = key ? ctx.scope.lookup(ctx.src.slice(key.from, key.to), key) : undefined;
    const param = found?.length === 1 && found[0]!.kind === "param" && found[0]!.id ? found[0]! : undefined;
    const sink = param && !seen.has(param) ? ctx.scope.sinkOf(param) : undefined;
    if (!sink || Number.isNaN(sink.index)) continue;
    seen.add(param!);
    const lookupKey = `the key of \`${ctx.src.slice(node.from, node.to)}\` (line ${lines.position(node.from).line})`;
    const existing = sinks.find((s) => s.start === param!.id!.from && !s.attribute);
    if (existing) existing.lookupKey = lookupKey;
    // A forwarder counts only where a value is known to flow (engine.ts): the key needs a sink of its own, as a
    // parameter named for a model does. Any other would make every caller of such a function a linking candidate.
    if (existing ? existing.forwards : MODEL_NAME.test(sink.keyword) || handedOn.has(param!)) out.push({ ...sink, param: sink.keyword, local: [], lookupKey, prefixes: [], start: param!.id!.from });
  }
  return out;
}

/**
 * The name a subscript or `.get()` looks up in a table (`TABLE[model]`, `TABLE.get(model)`), where
 * the table is a module-level dict literal keyed by DeepSeek model IDs, or an imported name: entries
 * the code names, not a cache filled at run time or a table the ID is not in.
 */
function lookupKeyOf(ctx: Ctx, node: PyNode): PyNode | undefined {
  let table: PyNode | undefined;
  let key: PyNode | undefined;
  if (node.name === "MemberExpression" && node.children.some((c) => c.name === "[")) {
    [table, key] = node.children.filter((c) => c.name !== "[" && c.name !== "]");
  } else {
    const callee = node.name === "CallExpression" ? node.children[0] : undefined;
    const prop = callee?.name === "MemberExpression" ? callee.children.at(-1) : undefined;
    if (prop?.name !== "PropertyName" || ctx.src.slice(prop.from, prop.to) !== "get") return undefined;
    const first = argumentsOf(node, ctx.src)[0];
    [table, key] = [callee!.children[0], first && !first.keyword ? first.value : undefined];
  }
  if (key?.name !== "VariableName" || table?.name !== "VariableName") return undefined;
  const found = ctx.scope.lookup(ctx.src.slice(table.from, table.to), table);
  // Not defined here at all: a `from module import *` name.
  const named = !found || (found.length === 1 && (found[0]!.kind === "import" || (found[0]!.kind === "assign" && found[0]!.scope === ctx.parsed.root && found[0]!.value?.name === "DictionaryExpression" && dictEntries(found[0]!.value).some((e) => isDeepSeekModelKey(stringOf(e.key, ctx.src)?.value, ctx.settings)))));
  return named ? key : undefined;
}

/** `provider = DsProvider()` at module level: importers call `provider.complete(…)`, the method sink `DsProvider.prototype.complete`. */
function instanceSinks(ctx: Ctx, sinks: NonNullable<TransformResult["sinks"]>): NonNullable<TransformResult["sinks"]> {
  const methods = sinks.filter((s) => s.name.includes(".prototype."));
  if (methods.length === 0) return [];
  const out: NonNullable<TransformResult["sinks"]> = [];
  for (const stmt of ctx.parsed.root.children) {
    const target = stmt.name === "AssignStatement" && stmt.children.length === 3 ? stmt.children[0]! : undefined;
    const value = stmt.children.at(-1);
    if (target?.name !== "VariableName" || value?.name !== "CallExpression" || value.children[0]!.name !== "VariableName") continue;
    const name = ctx.src.slice(target.from, target.to);
    if (ctx.scope.lookup(name, target)?.length !== 1) continue;
    const cls = ctx.src.slice(value.children[0]!.from, value.children[0]!.to);
    for (const m of methods.filter((s) => s.name.startsWith(`${cls}.prototype.`))) out.push({ ...m, name: `${name}.${m.name.slice(cls.length + ".prototype.".length)}` });
  }
  return out;
}

/** A parameter of a module-level function or class other modules can call, as a sink: what this module's calls pass, its default. */
function paramSink(ctx: Ctx, b: PyBinding): NonNullable<TransformResult["sinks"]>[number] | undefined {
  const sink = ctx.scope.sinkOf(b);
  if (!sink || Number.isNaN(sink.index)) return undefined;
  // Read as `param or fallback`: the fallback is what a call passing nothing (or None) sends.
  const fallback = ctx.scope.paramFallbacks.get(b);
  const defaultNode = fallback ?? b.value;
  const local = (ctx.scope.argumentsAt(b.scope, b.id!) ?? []).map((arg) => {
    const node = arg && !(fallback && ctx.src.slice(arg.from, arg.to) === "None") ? arg : defaultNode;
    const r = node ? ctx.scope.resolve(node) : undefined;
    return r?.kind === "string" ? r.value : null;
  });
  const def = defaultNode ? ctx.scope.resolve(defaultNode) : undefined;
  return { ...sink, param: sink.keyword, local, ...(def?.kind === "string" ? { default: def.value } : {}), prefixes: ctx.scope.paramPrefixes.get(b) ?? [], start: b.id!.from };
}

/** `generate(…)` with `generate` imported by name (`from x import generate`): that import. */
function importedFunction(ctx: Ctx, call: PyNode): PyBinding | undefined {
  const callee = call.name === "CallExpression" ? call.children[0] : undefined;
  if (callee?.name !== "VariableName") return undefined;
  const b = ctx.scope.lookup(ctx.src.slice(callee.from, callee.to), callee);
  return b?.length === 1 && b[0]!.kind === "import" && b[0]!.source && b[0]!.imported && b[0]!.imported !== "*" ? b[0] : undefined;
}

/** Parameters passed by name straight to an imported function (found from the calls: cheap on large modules). */
function forwardingCandidates(ctx: Ctx): Set<PyBinding> {
  const out = new Set<PyBinding>();
  for (const call of ctx.parsed.all) {
    if (!importedFunction(ctx, call)) continue;
    for (const { value } of argumentsOf(call, ctx.src)) {
      const b = value.name === "VariableName" ? ctx.scope.lookup(ctx.src.slice(value.from, value.to), value) : undefined;
      if (b?.length === 1 && b[0]!.kind === "param" && b[0]!.id && ctx.scope.sinkOf(b[0]!)) out.add(b[0]!);
      // `selected = model or DEFAULT` (or `model if model is not None else DEFAULT`), then `send(model=selected)`.
      const through = coalescedParamOf(ctx, value);
      if (through && ctx.scope.sinkOf(through.param)) {
        out.add(through.param);
        ctx.scope.paramFallbacks.set(through.param, through.fallback);
      }
    }
  }
  return out;
}

/**
 * A local set once to a parameter or its fallback (`selected = model or DEFAULT`): that parameter
 * (one defaulting to `None`, or to nothing) and the fallback. undefined for anything else.
 */
function coalescedParamOf(ctx: Ctx, value: PyNode): { local: PyBinding; param: PyBinding; fallback: PyNode } | undefined {
  if (value.name !== "VariableName") return undefined;
  const local = ctx.scope.lookup(ctx.src.slice(value.from, value.to), value);
  const assigned = local?.length === 1 && local[0]!.kind === "assign" && local[0]!.value ? local[0]! : undefined;
  const coalesced = assigned ? ctx.scope.coalesced(assigned.value!) : undefined;
  const param = coalesced ? ctx.scope.lookup(ctx.src.slice(coalesced.param.from, coalesced.param.to), coalesced.param) : undefined;
  const b = param?.length === 1 && param[0]!.kind === "param" && param[0]!.id ? param[0]! : undefined;
  if (!b || b.scope !== assigned!.scope || (b.value && ctx.src.slice(b.value.from, b.value.to) !== "None")) return undefined;
  return { local: assigned!, param: b, fallback: coalesced!.fallback };
}

/**
 * `def grade(model): return generate(model, …)` with `generate` imported: the imports the
 * parameter is passed to as is, when that is its only use. Any other use here (a lookup, a
 * test) could name something, so such a parameter is not a forwarder (undefined).
 */
function forwardedTo(ctx: Ctx, b: PyBinding): PyBinding[] | undefined {
  const refs = ctx.scope.references(b.name, b.scope);
  const callees: Array<PyBinding | undefined> = [];
  for (const ref of refs) {
    // Read only to pick it or its fallback (`selected = model or DEFAULT`): where that local goes.
    const through = coalescingLocal(ctx, ref, b);
    if (through) callees.push(...handedOn(ctx, through));
    else callees.push(handedOn(ctx, b, [ref])[0]);
  }
  return refs.length > 0 && callees.length > 0 && callees.every((c) => !!c) ? (callees as PyBinding[]) : undefined;
}

/** The imported function each reference of `b` is passed to as an argument (undefined for any other use). */
function handedOn(ctx: Ctx, b: PyBinding, refs = ctx.scope.references(b.name, b.scope)): Array<PyBinding | undefined> {
  if (refs.length === 0) return [undefined];
  return refs.map((ref) => {
    const list = ref.parent?.name === "ArgList" ? ref.parent : undefined;
    return list?.parent && list === list.parent.children[1] ? importedFunction(ctx, list.parent) : undefined;
  });
}

/** The local whose coalescing value (`model or DEFAULT`) this reference of the parameter `b` is part of. */
function coalescingLocal(ctx: Ctx, ref: PyNode, b: PyBinding): PyBinding | undefined {
  let expr: PyNode | null | undefined = ref.parent;
  while (expr && expr.name !== "ConditionalExpression" && expr.name !== "BinaryExpression" && expr.name !== "AssignStatement") expr = expr.parent;
  if (expr?.name === "BinaryExpression" && expr.parent?.name === "ConditionalExpression") expr = expr.parent;
  const statement = expr?.parent;
  const target = statement?.name === "AssignStatement" && statement.children[statement.children.length - 1] === expr ? statement.children[0] : undefined;
  if (!expr || target?.name !== "VariableName") return undefined;
  const through = coalescedParamOf(ctx, target);
  return through?.param === b ? through.local : undefined;
}

/** What each call of another module's sink passes, for that module's request (see Linker.sinkState). */
function passArgs(ctx: Ctx, lines: LineIndex): void {
  const at = (n: PyNode) => {
    const { line, column } = lines.position(n.from);
    return `${ctx.file}:${line}:${column}`;
  };
  escapedInstances(ctx, at);
  passFieldEscapes(ctx, ctx.links!, at);
  for (const call of ctx.parsed.all) {
    if (call.name !== "CallExpression") continue;
    // A class or function picked by name at run time gets whatever its caller's arguments hold.
    for (const picked of pickedByName(ctx, call)) {
      for (const sink of ctx.links!.moduleSinks?.(ctx.file, picked) ?? []) ctx.links!.passArg!(sink, { value: null, at: at(call) });
    }
    const tied = importedSinks(ctx, call);
    const found = tied ?? untiedMethodSinks(ctx, call);
    if (!found) continue;
    const args = argumentsOf(call, ctx.src);
    const spread = args.find((a) => a.keyword === "*" || a.keyword === "**");
    for (const sink of found.sinks) {
      const arg = args.find((a) => a.keyword === sink.keyword) ?? args.filter((a) => a.keyword === undefined)[sink.index + found.shift];
      // An untied call that does not reach the parameter is another object's method (`sock.send(data)`).
      if (!tied && !arg && !spread) continue;
      // A field set by keyword only: positional arguments may set it, which cannot be told apart here.
      const positional = sink.index === -1 && !sink.keywordOnly && args.some((a) => a.keyword === undefined);
      if (!arg && !spread && !positional) {
        ctx.links!.passArg!(sink, { at: at(call) });
        continue;
      }
      const r = arg ? (sink.attribute ? clientModel(ctx, arg.value) : ctx.scope.resolve(arg.value)) : undefined;
      const value = r?.kind === "string" ? r.value : r?.kind === "external" ? r.id.legacyId : null;
      const passed = remoteArg(value, at(arg?.value ?? call), ctx.settings);
      // `os.getenv("M", "deepseek-chat")`: named (the environment variable), not "a value computed at run time".
      if (r?.kind === "dynamic") passed.why = r.reason;
      // A lookup key there stays as it is (an identity here), so the request it reaches keeps it too, with no mode.
      if (sink.lookupKey && passed.legacy && passed.legacy.legacyId !== passed.legacy.replacement) passed.legacy.held = true;
      if (r?.kind === "conditional") passed.branches = [r.consequent, r.alternate].map((n) => branchWords(ctx, n, at));
      // An imported constant handed on: the request in the sink's module sends it, so its definition needs no "set the mode" note.
      if (r?.kind === "external") ctx.links!.used(r.id);
      if (r?.kind === "external") passed.definedAt = `${r.id.file}:${r.id.line}:${r.id.column}`;
      else if (r?.kind === "string") passed.definedAt = at(r.literal);
      if (r?.kind === "external" && r.id.held && passed.legacy) passed.legacy.held = true;
      if (arg && sink.attribute) passed.mode = statedHolder(ctx, arg.value);
      if (arg) forwardOwnParam(ctx, arg.value, sink);
      if (arg) holdPassedFallback(ctx, arg.value, sink, lines);
      ctx.links!.passArg!(sink, passed);
    }
  }
}

/**
 * An imported module-level instance (`from providers.deepseek import provider`, its method sinks
 * exported as `provider.chat`) read here other than as the receiver of a call (returned from a
 * router, stored in a table, handed on): its methods get calls ds-migrate cannot see, so each
 * such read passes an unknown value to every one of them.
 */
function escapedInstances(ctx: Ctx, at: (n: PyNode) => string): void {
  for (const b of ctx.scope.imports()) {
    if (!b.source || !b.imported || b.imported === "*") continue;
    const sinks = (ctx.links!.moduleSinks?.(ctx.file, b.source) ?? []).filter((s) => s.name.startsWith(`${b.imported}.`) && !s.name.includes(".prototype."));
    if (sinks.length === 0) continue;
    for (const ref of ctx.scope.references(b.name, b.scope)) {
      const member = ref.parent?.name === "MemberExpression" && ref.parent.children[0] === ref ? ref.parent : undefined;
      if (member?.parent?.name === "CallExpression" && member.parent.children[0] === member) continue;
      for (const sink of sinks) ctx.links!.passArg!(sink, { value: null, at: at(ref) });
    }
  }
}

/** The model a client instance sends: `llm` bound once to a request's client (`ChatOpenAI(model=…)`). */
function clientModel(ctx: Ctx, value: PyNode): PyResolved | undefined {
  const site = clientSite(ctx, value);
  return site?.model ? ctx.scope.resolve(site.model) : undefined;
}

function clientSite(ctx: Ctx, value: PyNode): PyRequest | undefined {
  if (value.name !== "VariableName") return undefined;
  const b = ctx.scope.lookup(ctx.src.slice(value.from, value.to), value);
  const call = b?.length === 1 && b[0]!.kind === "assign" ? b[0]!.value : undefined;
  return call ? ctx.requests.sites.find((s) => s.call === call) : undefined;
}

/** This module's own parameter handed on as is: its sink settles as the one it reaches. */
function forwardOwnParam(ctx: Ctx, value: PyNode, to: ParamSink): void {
  if (value.name !== "VariableName" || !ctx.links?.forward) return;
  const b = ctx.scope.lookup(ctx.src.slice(value.from, value.to), value);
  const param = b?.length === 1 && b[0]!.kind === "param" && b[0]!.id ? b[0]! : coalescedParamOf(ctx, value)?.param;
  if (!param) return;
  ctx.links.forward(ctx.file, ctx.scope.lineOf(param.id!), param.name, to);
}

/** The mode holder a client instance's constructor states (`extra_body={…}`), as written, or "none". */
function statedHolder(ctx: Ctx, value: PyNode): string {
  const holder = clientSite(ctx, value)?.args.find((a) => a.keyword && MODE_HOLDERS.includes(a.keyword));
  return holder ? `${holder.keyword}=${ctx.src.slice(holder.value.from, holder.value.to).replace(/\s+/g, " ")}` : "none";
}

/**
 * A request's client instance handed to the project's own imported function (`make_refiner(llm)`):
 * that module may build another client from its model, so it is read for such sinks.
 */
function clientHandOffs(ctx: Ctx): void {
  for (const call of ctx.parsed.all) {
    const imported = importedFunction(ctx, call);
    if (!imported || !argumentsOf(call, ctx.src).some((a) => clientSite(ctx, a.value))) continue;
    ctx.called!.push({ specifier: imported.source!, name: imported.imported! });
  }
}

/**
 * `peer.send(…)` where ds-migrate cannot tell what `peer` holds, in a module that imports a
 * class with a `send` method sink: the call may reach it, so its value counts among the
 * method's callers (a value that differs makes the request reported, never one wrong mode).
 */
function untiedMethodSinks(ctx: Ctx, call: PyNode): { name: string; sinks: ParamSink[]; shift: number } | undefined {
  const callee = call.children[0]!;
  const prop = callee.name === "MemberExpression" ? callee.children[callee.children.length - 1] : undefined;
  if (prop?.name !== "PropertyName" || !ctx.links?.sinksOf || ctx.scope.receiverImport(call)) return undefined;
  const method = ctx.src.slice(prop.from, prop.to);
  const sinks = ctx.scope.imports().filter((b) => b.source && b.imported && b.imported !== "*")
    .flatMap((b) => ctx.links!.sinksOf!(ctx.file, b.source!, `${b.imported}.prototype.${method}`));
  return sinks.length > 0 ? { name: ctx.src.slice(callee.from, callee.to), sinks, shift: 0 } : undefined;
}

/**
 * `super().__init__(model=model or IMPORTED_DEFAULT)`: the sink's request gets the caller's value
 * when it is set, else the imported default (itself maybe the environment's). That request is in
 * another module, whose host this one cannot prove DeepSeek's: the defining module keeps the
 * default and says where it goes (as holdReplacedImport does for a request here).
 */
function holdPassedFallback(ctx: Ctx, value: PyNode, sink: ParamSink, lines: LineIndex): void {
  const isOr = value.name === "BinaryExpression" && value.children.some((c) => c.name === "or");
  const right = isOr ? value.children.at(-1) : undefined;
  const r = right ? ctx.scope.resolve(right) : undefined;
  const id = r?.kind === "external" ? r.id : r?.kind === "dynamic" ? r.overriddenImport : undefined;
  if (!id) return;
  const left = ctx.src.slice(value.children[0]!.from, value.children[0]!.to).replace(/\s+/g, " ");
  const by = `\`${left}\` when it is set${id.overriddenBy ? ` or ${id.overriddenBy}` : ""}`;
  const at = lines.position(value.from);
  const advice = "The request gets whatever replaces it and no one thinking mode can be written for it: migrate this default, the values that replace it and the mode at the request together, by hand.";
  ctx.links!.veto(id, "unknown", `the default a request's model starts from (through the parameter \`${sink.param}\` of \`${sink.name}()\`, ${sink.file}:${sink.line}), which ${by} replaces at run time`, ctx.file, at.line, at.column, advice);
}

/**
 * The module a call picks its callee from by a name known only at run time:
 * `getattr(module, name)(**config)`, or `cls = getattr(module, name)` then `cls(...)`, where
 * `module` is imported or comes from `importlib.import_module("…")` / `__import__("…")`.
 */
function pickedByName(ctx: Ctx, call: PyNode): string[] {
  if (!ctx.links?.moduleSinks) return [];
  let callee: PyNode | undefined = call.children[0];
  if (callee?.name === "VariableName") {
    const b = ctx.scope.lookup(ctx.src.slice(callee.from, callee.to), callee);
    callee = b?.length === 1 && b[0]!.kind === "assign" ? b[0]!.value : undefined;
  }
  if (callee?.name !== "CallExpression" || ctx.src.slice(callee.children[0]!.from, callee.children[0]!.to) !== "getattr") return [];
  const [holder, name] = argumentsOf(callee, ctx.src);
  if (!holder || !name || holder.keyword || stringOf(name.value, ctx.src) || holder.value.name !== "VariableName") return [];
  const b = ctx.scope.lookup(ctx.src.slice(holder.value.from, holder.value.to), holder.value);
  if (b?.length !== 1) return [];
  const m = b[0]!;
  if (m.kind === "import" && m.source) return [m.imported && m.imported !== "*" ? `${m.source}.${m.imported}`.replace(/^(\.+)\./, "$1") : m.source];
  if (m.kind !== "assign" || m.value?.name !== "CallExpression") return [];
  const fn = ctx.src.slice(m.value.children[0]!.from, m.value.children[0]!.to);
  if (!/^(importlib\.)?import_module$|^__import__$/.test(fn)) return [];
  const spec = argumentsOf(m.value, ctx.src)[0];
  return spec && !spec.keyword ? moduleNames(ctx, spec.value) : [];
}

/** A module name: a string, or a parameter every call in this file passes a string to. */
function moduleNames(ctx: Ctx, node: PyNode): string[] {
  const literal = stringOf(node, ctx.src)?.value;
  if (literal !== undefined) return [literal];
  if (node.name !== "VariableName") return [];
  const b = ctx.scope.lookup(ctx.src.slice(node.from, node.to), node);
  const param = b?.length === 1 && b[0]!.kind === "param" ? b[0]! : undefined;
  const passed = param?.id ? ctx.scope.argumentsAt(param.scope, param.id) : undefined;
  const names = (passed ?? []).map((arg) => (arg ? stringOf(arg, ctx.src)?.value : undefined));
  return names.every((n): n is string => n !== undefined) ? names : [];
}

/** A branch of a condition passed to another module's function, in words: its value and where that is defined. */
function branchWords(ctx: Ctx, node: PyNode, at: (n: PyNode) => string): string {
  const r = ctx.scope.resolve(node);
  if (r.kind === "string") return `"${r.value}" (${at(r.literal)})`;
  if (r.kind === "external") return `"${r.id.legacyId}" (${r.id.file}:${r.id.line})`;
  return `\`${ctx.src.slice(node.from, node.to)}\``;
}

function collectLegacy(ctx: Ctx, lines: LineIndex, inTest: boolean): Legacy[] {
  const out: Legacy[] = [];
  for (const node of ctx.parsed.all) {
    if (node.name === "FormatString" && mentionsLegacy(ctx.src.slice(node.from, node.to), ctx.settings)) {
      add(ctx, node, RULE_IDS.idInText, "info", "A legacy DeepSeek ID in an f-string (text): left as it is.");
      continue;
    }
    const str = stringOf(node, ctx.src);
    if (!str) continue;
    const match = matchLegacyId(str.value, ctx.settings, true);
    if (!match) {
      if (mentionsLegacy(str.value, ctx.settings)) textMention(ctx, node, positionOf(ctx, node));
      continue;
    }
    const position = positionOf(ctx, node);
    const { line, column } = lines.position(node.from);
    const occ: Occurrence = { start: node.from, end: node.to, line, column, match, position, uses: [], siblings: [] };
    if (position.kind === "value") {
      occ.uses = usesOf(ctx, node);
      // Where no request (nor another server's) is traced: the setting's own base URL beside it decides.
      const besideOther = occ.uses.some(sentSomewhere) ? undefined : serverBesideUse(ctx, node);
      if (besideOther) occ.uses = [besideOther];
      if (match.prefix && !prefixAccepted(occ)) {
        if (match.prefix === "openai/") ctx.hostsWanted = true;
        if (onRelayOnly(occ)) add(ctx, node, RULE_IDS.idInText, "info", relayNameMessage(str.value, occ.uses));
        else add(ctx, node, RULE_IDS.idInText, "warning", unacceptedPrefixMessage(str.value, match, "LiteLLM, DSPy, pydantic-ai, LangChain init_chat_model..."));
        continue;
      }
      occ.siblings = siblingsFor(siblingsOf(ctx, node), occ.uses);
      if (registersKey(ctx, node)) occ.registers = true;
      const bound = constraintOf(ctx, node) ?? literalTypeOf(ctx, node);
      if (bound && literalHasLegacy(ctx, bound)) occ.bound = bound;
      if (inTest) occ.inTest = true;
      addExternalUses(ctx.links, ctx.file, occ);
    }
    out.push({ node, occ });
  }
  return out;
}

/** Sent only by requests proven to go to a relay (OpenRouter...): the prefixed ID is that relay's name, nothing to check. */
function onRelayOnly(occ: Occurrence): boolean {
  return occ.uses.length > 0 && occ.uses.every((u) => u.relay);
}

/** A `deepseek/...` string is DeepSeek's only where a client that routes by prefix receives it. */
function prefixAccepted(occ: Occurrence): boolean {
  // A request in another module (a sink parameter there) has no site here: the sink says what it accepts.
  const accepted = occ.uses.flatMap((u) => (u.kind !== "request" ? [] : u.request ? [(u.request as PyRequest).prefixes] : u.prefixes ? [u.prefixes] : []));
  return accepted.length > 0 && accepted.every((prefixes) => prefixes.includes(occ.match.prefix));
}

function textMention(ctx: Ctx, node: PyNode, position: ReturnType<typeof positionOf>): void {
  const value = position.kind === "value" ? stringOf(node, ctx.src)?.value : undefined;
  const spec = value !== undefined ? embeddedSpecFinding(value, ctx.settings) : undefined;
  if (spec) return add(ctx, node, RULE_IDS.unproven, spec.severity, spec.message);
  const where = position.kind === "text" ? position.why : "a longer string (text, not a model value)";
  add(ctx, node, RULE_IDS.idInText, "info", `A legacy DeepSeek ID in ${where}: left as it is.`);
}

function literalHasLegacy(ctx: Ctx, literalType: PyNode): boolean {
  return literalType.children.some((c) => !!matchLegacyId(stringOf(c, ctx.src)?.value ?? "", ctx.settings, false));
}

interface Plan {
  site: PyRequest;
  resolved?: PyResolved;
}

interface Plans {
  list: Plan[];
  traced: Set<PyNode>;
  away: Set<PyNode>;
}

function planRequests(ctx: Ctx, byNode: Map<PyNode, Legacy>): Plans {
  const plans: Plans = { list: [], traced: new Set(), away: new Set() };
  // Only the parameters requests' models are traced to (not base URLs) can be sinks.
  ctx.scope.paramReads.clear();
  ctx.scope.paramPrefixes.clear();
  ctx.scope.fieldReads.clear();
  for (const site of ctx.requests.sites) {
    ctx.scope.requestPrefixes = site.prefixes;
    const plan: Plan = { site };
    plans.list.push(plan);
    if (!site.model || site.host.kind === "gateway" || (site.provenHostOnly && site.host.kind !== "deepseek")) continue;
    if (site.host.kind !== "deepseek" && site.model.name === "VariableName" && outsideDeepSeekGuard(ctx.src, site.call, ctx.src.slice(site.model.from, site.model.to))) continue;
    const resolved = dumpedValue(ctx, site) ?? runTimeBranch(ctx, ctx.scope.resolve(site.model));
    plan.resolved = resolved;
    // This request's dynamic-model finding speaks for the definition: no "set the mode where it is sent" note
    // there (only a request's: a read that sends nothing must leave the definition its note).
    if (resolved.kind === "dynamic" && resolved.overriddenImport) {
      const id = resolved.overriddenImport;
      for (const one of [id, ...(id.alike ?? []).map((p) => ({ ...id, ...p }))]) ctx.links?.used(one);
    }
    if (resolved.kind === "dynamic" && resolved.overriddenImport && site.host.kind !== "deepseek") holdReplacedImport(ctx, site, resolved.overriddenImport);
    if (resolved.kind === "dynamic" && resolved.assignedImports) holdAssignedImports(ctx, site, resolved.assignedImports, resolved.reason);
    if (resolved.kind === "conditional") {
      const yes = branchOf(ctx, resolved.consequent, byNode, site);
      const no = branchOf(ctx, resolved.alternate, byNode, site);
      if (!yes !== !no) {
        holdAgainstOther(ctx, site, resolved.test, (yes ?? no)!, yes ? resolved.alternate : resolved.consequent);
        continue;
      }
      if (!yes || !no || (!yes.legacy && !no.legacy && !yes.external && !no.external) || yes.mode === no.mode) continue;
      const simpleTest = ["VariableName", "MemberExpression", "Boolean"].includes(resolved.test.name);
      const sameScope = scopeOf(resolved.node) === scopeOf(site.call) || (resolved.node.from >= site.call.from && resolved.node.to <= site.call.to);
      if (simpleTest && sameScope) plans.traced.add(resolved.node);
      else plans.away.add(resolved.node);
    } else if (resolved.kind === "dynamic" || resolved.kind === "choices") {
      // Everything that can reach this request at run time: if both IDs do, they are siblings.
      const chosen = resolved.kind === "choices" ? new Set(resolved.literals) : undefined;
      const contributors = [...byNode.values()].filter((l) => chosen?.has(l.node) || l.occ.uses.some((u) => u.request === site));
      // V4 IDs among the choices count too: rewriting a legacy one to the same name would merge them.
      const kept = resolved.kind === "choices" ? resolved.literals.filter((n) => !byNode.has(n)).map((n) => stringOf(n, ctx.src)?.value ?? "") : [];
      // An initial value or default that code replaces at run time is not what is sent: rewriting it
      // alone would change what a fresh start sends, with no mode written for it.
      if (resolved.kind === "dynamic" && resolved.overridden) {
        for (const l of contributors) holdOverridden(ctx, l, resolved.reason);
        if (site.modelField?.imported) holdImportedDefault(ctx, site);
      }
      // So do the values other modules' calls pass.
      const outside = resolved.kind === "choices" ? (resolved.remote ?? []).map((r) => r.value ?? "") : [];
      runTimeSiblings(site, contributors.map((l) => l.occ), kept, outside);
    }
  }
  return plans;
}

/**
 * Another module's default that run-time data replaces, sent by a request whose host is not
 * proven DeepSeek's: only the legacy ID makes it DeepSeek's, so once rewritten nothing would
 * show the mode it owes. The defining module keeps it (a veto) and `check` stays red.
 */
function holdReplacedImport(ctx: Ctx, site: PyRequest, id: ImportedId): void {
  const at = linesOf(ctx.src).position(site.call.from);
  const advice = "The request gets whatever replaces it and no one thinking mode can be written for it: migrate this default, the values that replace it and the mode at the request together, by hand.";
  for (const one of [id, ...(id.alike ?? []).map((p) => ({ ...id, ...p }))]) {
    ctx.links?.veto(one, "unknown", `the default a request's model starts from, which ${one.overriddenBy} replaces at run time`, ctx.file, at.line, at.column, advice);
  }
}

/**
 * `if ds: model = DS_MODEL` / `else: model = "gpt-4o"`, then the request: the imported ID is one
 * of the values sent, and no one thinking mode fits them all. Its module keeps it (a veto), and
 * the request is reported (see writeMode), so neither the rewrite nor the gate loses the mode.
 */
function holdAssignedImports(ctx: Ctx, site: PyRequest, ids: ImportedId[], reason: string): void {
  const at = linesOf(ctx.src).position(site.call.from);
  const advice = (id: ImportedId) => "No one thinking mode can be written for all the values this request sends: migrate this ID and state the mode where it is chosen, by hand " +
    `(e.g. extra_body={${modeEntry(ctx, { mode: id.mode }, '"')}} on that branch only).`;
  for (const id of ids) if (id.legacyId !== id.replacement) ctx.links?.veto(id, "unknown", `one of the values of ${reason}, sent by a request`, ctx.file, at.line, at.column, advice(id));
}

/** `model if model else FALLBACK`: a branch decided at run time makes the whole choice run-time data. */
function runTimeBranch(ctx: Ctx, resolved: PyResolved): PyResolved {
  if (resolved.kind !== "conditional") return resolved;
  for (const [branch, other] of [[resolved.consequent, resolved.alternate], [resolved.alternate, resolved.consequent]] as const) {
    const r = ctx.scope.resolve(branch);
    if (r.kind === "dynamic" || r.kind === "choices") {
      const fallback = ctx.scope.resolve(other);
      return { kind: "dynamic", reason: `a condition whose value \`${ctx.src.slice(branch.from, branch.to)}\` is decided at run time (${r.reason})`, ...(fallback.kind === "string" ? { fallback: fallback.value } : {}) };
    }
  }
  return resolved;
}

/** The model of a dumped pydantic request: its local class's field, or the imported class's. */
function dumpedValue(ctx: Ctx, site: PyRequest): PyResolved | undefined {
  const field = site.modelField;
  if (field?.cls) return ctx.scope.fieldValue(field.cls, field.attr);
  return field?.imported ? ctx.scope.dumpedImportValue(field.imported.binding, field.imported.builds, field.attr) : undefined;
}

/** The imported model class's default is one of several values this request sends: its module keeps it (a veto, see src/engine.ts). */
function holdImportedDefault(ctx: Ctx, site: PyRequest): void {
  const { binding, builds } = site.modelField!.imported!;
  const attr = site.modelField!.attr;
  const id = ctx.links?.lookup(ctx.file, binding.source!, `${binding.imported}.${attr}`);
  if (!id) return;
  const lines = builds.filter((b) => argumentsOf(b, ctx.src).some((a) => a.keyword === attr)).map((b) => lineOf(ctx, b)).join(", ");
  const at = linesOf(ctx.src).position(site.call.from);
  ctx.links!.veto(id, "unknown", `the default of \`${binding.imported}.${attr}\` that the request here sends unless a construction replaces it (${ctx.file}, line ${lines}): both values reach that request and no one thinking mode fits them`, ctx.file, at.line, at.column);
}

/** `model="deepseek-chat" if cond else "gpt-4o-mini"`: the DeepSeek branch alone would need the mode, so the ID stays (see the JS twin). */
function holdAgainstOther(ctx: Ctx, site: PyRequest, test: PyNode, branch: Branch, other: PyNode): void {
  if (!branch.legacy && !branch.external) return;
  const at = linesOf(ctx.src).position(site.call.from);
  const text = (n: PyNode) => ctx.src.slice(n.from, n.to);
  const example = `extra_body={${modeEntry(ctx, { mode: branch.mode }, '"')}} if condition else None`;
  const why = otherBranchWhy(text(test), text(other));
  const advice = otherBranchAdvice(branch.final, example);
  if (branch.external) {
    ctx.links?.veto(branch.external, "unknown", why, ctx.file, at.line, at.column, advice);
    return;
  }
  const l = branch.legacy!;
  holdLegacy(ctx, l, `"${l.occ.match.prefix}${l.occ.match.legacyId}" is ${why} on line ${at.line}: not rewritten. ${advice}`);
}

function holdOverridden(ctx: Ctx, l: Legacy, reason: string): void {
  holdLegacy(ctx, l, overriddenMessage(l.occ.match, reason));
}

/** A value literal kept before the role model decides, with the finding that says why (once). */
function holdLegacy(ctx: Ctx, l: Legacy, message: string): void {
  if (l.occ.held || l.occ.position.kind !== "value") return;
  l.occ.held = true;
  add(ctx, l.node, RULE_IDS.unproven, matchSeverity(l.occ.match, ctx.settings), message);
}

/** A branch of a conditional model: a legacy ID (with its mode and what it becomes) or a V4 ID kept as it is (it thinks by default). */
interface Branch {
  mode: "thinking" | "non-thinking";
  final: string;
  legacy?: Legacy;
  /** A legacy ID another module defines (`models.CHAT` imported): that module rewrites it. */
  external?: ImportedId;
}

function branchOf(ctx: Ctx, node: PyNode | undefined, byNode: Map<PyNode, Legacy>, site?: PyRequest): Branch | undefined {
  if (!node) return undefined;
  const legacy = byNode.get(node);
  if (legacy) return { mode: legacy.occ.match.mode, final: legacy.occ.match.replacement, legacy };
  const value = stringOf(node, ctx.src)?.value;
  if (value !== undefined) return isV4Id(value, ctx.settings, site?.prefixes ?? []) ? { mode: "thinking", final: value } : undefined;
  const named = node.name === "VariableName" || node.name === "MemberExpression" ? ctx.scope.resolve(node) : undefined;
  if (named?.kind === "external") return { mode: named.id.mode, final: named.id.replacement, external: named.id };
  // `DEEP if think else FAST` with the constants in this module: the branch is the literal the name holds.
  if (named?.kind === "string") return named.literal !== node ? branchOf(ctx, named.literal, byNode, site) : undefined;
  return undefined;
}

/** A condition choosing between non-thinking and thinking that no request can take its mode from: both branches stay. */
function holdConditionals(ctx: Ctx, legacy: Legacy[], plans: Plans): void {
  const byNode = new Map(legacy.map((l) => [l.node, l]));
  for (const node of ctx.parsed.all) {
    if (node.name !== "ConditionalExpression" || plans.traced.has(node)) continue;
    const [consequent, , , , alternate] = node.children;
    const sides = [branchOf(ctx, consequent, byNode), branchOf(ctx, alternate, byNode)];
    const found = conditionNotTraced(sides, ctx.links, ctx.file, linesOf(ctx.src).position(node.from), plans.away.has(node), ctx.settings);
    if (found) add(ctx, node, RULE_IDS.conditionalMix, found.severity, found.message);
  }
}

function rewriteLiterals(ctx: Ctx, legacy: Legacy[], decisions: Decisions, traced: Set<PyNode>): void {
  const byNode = new Map(legacy.map((l) => [l.node, l.occ]));
  const byLegacy = new Map(legacy.map((l) => [l.node, l]));
  for (const { node, occ } of legacy) {
    if (decisions.verdict.get(occ) !== "rewrite") continue;
    const str = stringOf(node, ctx.src)!;
    const parent = node.parent;
    const sides = parent?.name === "ConditionalExpression" && traced.has(parent) ? [parent.children[0], parent.children[4]] : undefined;
    const finals = sides?.map((n) => branchOf(ctx, n, byLegacy)?.final);
    // Both branches end as one ID: the conditional becomes that ID (the mode carries the condition). Otherwise each branch is rewritten in place.
    if (parent && sides && finals![0] === finals![1]) {
      if (sides.find((n) => !!n && byNode.has(n)) === node) {
        const branches = parent.children.map((c) => byNode.get(c)).filter((o): o is Occurrence => !!o).map((o) => o.match);
        add(ctx, parent, RULE_IDS.legacyModelId, groupSeverity(branches, ctx.settings),
          `Conditional legacy IDs become one ID, "${occ.match.replacement}", with the mode chosen by the same condition at the request.`,
          [{ start: parent.from, end: parent.to, text: ctx.src.slice(node.from, str.innerFrom) + occ.match.replacement + ctx.src.slice(str.innerTo, node.to) }]);
      }
      continue;
    }
    const { ruleId, message } = idRewriteMessage(occ.match);
    add(ctx, node, ruleId, matchSeverity(occ.match, ctx.settings), message, [{ start: str.innerFrom, end: str.innerTo, text: occ.match.replacement }]);
    if (decisions.role.get(occ) === "config" && roleOf(occ) === "config") {
      ctx.findings.push(consumerNote(occ, ctx.settings, noUseWhere(occ.uses)));
    }
  }
}

/** V4 IDs in settings and constants no request is traced from: the mode debt stays visible after a migration (see v4ConsumerNote). */
function noteV4Settings(ctx: Ctx): void {
  for (const { node, value, uses } of v4Uses(ctx)) {
    if (!isV4Id(value, ctx.settings, []) || statedBeside(ctx, node) || !untracedSetting(uses)) continue;
    ctx.findings.push(v4ConsumerNote(value, { start: node.from, end: node.to }, ctx.settings, noUseWhere(uses)));
  }
}

/** `make(model="deepseek-flash", extra_body={"thinking": …})`, or a dict holding the ID and a mode key: the mode is stated beside the ID. */
function statedBeside(ctx: Ctx, literal: PyNode): boolean {
  const withMode = (d: PyNode | undefined) => d?.name === "DictionaryExpression" && dictEntries(d).some((e) => !!e.key && STATED_MODE_KEYS.includes(stringOf(e.key, ctx.src)?.value ?? ""));
  const parent = literal.parent;
  if (parent?.name === "DictionaryExpression") return withMode(parent);
  const call = parent?.name === "ArgList" ? parent.parent : undefined;
  if (call?.name !== "CallExpression") return false;
  return argumentsOf(call, ctx.src).some((a) => !!a.keyword && (STATED_MODE_KEYS.includes(a.keyword) || (MODE_HOLDERS.includes(a.keyword) && withMode(a.value))));
}

/** Where a value no request is traced from must get its mode, for the notes on it. */
function noUseWhere(uses: Use[]): string {
  const handed = uses.find((u) => u.handedOn);
  if (handed) return `where the value is sent (through extra_body for the OpenAI SDK; it is ${handed.why})`;
  return uses.some((u) => u.kind === "exported")
    ? "where the value is sent (through extra_body for the OpenAI SDK; no use of it was found in this file or in the modules that import it)"
    : "where the value is sent (through extra_body for the OpenAI SDK; no use of it was found in this file)";
}

function writeMode(ctx: Ctx, plan: Plan, byNode: Map<PyNode, Legacy>, decisions: Decisions): RawRequest | undefined {
  const { site, resolved } = plan;
  if (!resolved) return undefined;
  const entry = (mode: RequestMode): RawRequest => ({ start: site.call.from, end: site.call.to, client: site.shape, sources: sourcesOf(ctx, resolved, byNode), mode: mode === "no-pass-through" && site.withheld ? "withheld" : mode, ...(site.dependency ? { dependency: site.dependency } : {}) });
  const source = modelSource(ctx, resolved, byNode);
  const choice = modeChoiceFor(source, decisions, ctx.links);
  if (choice === "held") return entry("held");
  const stated = statesMode(ctx, site);
  // A mode sent on one branch only: owed on the other, and never overwritten here.
  const partial = !stated && statesModeOnSomeBranch(ctx, site);
  const owed = (id: string): RequestMode => (partial ? reportPartial(ctx, site, id) : reportImplicit(ctx, site, id));
  if (choice === "keep") {
    // An alias moved to its successor keeps the request's mode; a request that states none is still owed one.
    return entry(stated ? "explicit" : owed(sentId(source) ?? ctx.settings.rules.targets.flash));
  }
  if (!choice) {
    if (resolved.kind === "string" && isV4Id(resolved.value, ctx.settings, site.prefixes)) {
      return entry(stated ? "explicit" : owed(resolved.value));
    }
    // A request fed a rewritten legacy ID is DeepSeek's, whatever its client says.
    // So is one whose default, overridden by the environment, is another module's legacy ID (a settings field read through an import).
    const fed = [...byNode.values()].some((l) => decisions.verdict.get(l.occ) === "rewrite" && l.occ.uses.some((u) => u.request === site)) ||
      v4Uses(ctx).some((l) => l.uses.some((u) => u.request === site)) ||
      (resolved.kind === "dynamic" && (!!resolved.overriddenImport || !!resolved.assignedImports)) ||
      (resolved.kind === "choices" && !!resolved.remote?.some((r) => r.legacy));
    if ((resolved.kind === "dynamic" || resolved.kind === "choices") && (site.host.kind === "deepseek" || fed)) {
      if (!stated) reportDynamic(ctx, site, resolved.reason, resolved.kind === "dynamic" ? resolved.fallback : undefined);
      return entry(stated ? "explicit" : "dynamic");
    }
    // `"deepseek-flash" if cond else "gpt-4o-mini"`: the DeepSeek branch owes its mode (held: the legacy branch stays, reported).
    if (resolved.kind === "conditional") {
      const branches = [resolved.consequent, resolved.alternate].map((n) => ({ n, b: branchOf(ctx, n, byNode, site) }));
      if (branches.some(({ n, b }) => byNode.has(n) || b?.legacy)) return entry("held");
      // A branch naming a constant of this module counts as the literal it holds (`DEEP if think else FAST` after a migration).
      const v4 = branches.map(({ n, b }) => stringOf(n, ctx.src)?.value ?? (b && !b.external ? b.final : undefined)).find((v) => v !== undefined && isV4Id(v, ctx.settings, site.prefixes));
      // Here the mode sent for the DeepSeek branch only is the right form (the other branch is another provider's).
      if (v4) return entry(stated || partial ? "explicit" : reportImplicit(ctx, site, v4));
    }
    // A request to DeepSeek's API with a model no row names (a typo, `deepseek-chat:free`) is still in the ledger: it states a mode or owes one.
    if (resolved.kind === "string" && (site.host.kind === "deepseek" || routedToDeepSeek(resolved.value, site.prefixes))) {
      // Through a routing prefix the recommended name keeps it (`deepseek/deepseek-flash`).
      const prefix = routedToDeepSeek(resolved.value, site.prefixes) ? site.prefixes.find((p) => resolved.value.startsWith(p))! : "";
      if (!stated) add(ctx, site.model!, RULE_IDS.implicitMode, "warning", unknownModelMessage(resolved.value, prefix + ctx.settings.rules.targets[ctx.settings.target]));
      return entry(stated ? "explicit" : "implicit");
    }
    return undefined;
  }
  // A mode the request already states, in any form, is kept: never doubled or contradicted.
  if (stated) return entry("explicit");
  if (partial) return entry(owed(sentId(source) ?? newModelId(ctx.settings)));
  if (resolved.kind === "string" && resolved.viaParam) {
    add(ctx, site.model!, RULE_IDS.thinkingMode, "info", isDefault(ctx, resolved.literal) ? PARAMETER_DEFAULT_NOTE : PARAMETER_CALLERS_NOTE);
  }
  const before = ctx.findings.length;
  addMode(ctx, site, choice, quoteFor(ctx, site.model!));
  const thinking = !("mode" in choice) || choice.mode === "thinking";
  const tools = site.args.find((a) => a.keyword === "tools");
  // `tools=[]` sends none.
  const noTools = tools?.value.name === "ArrayExpression" && /^\[\s*\]$/.test(ctx.src.slice(tools.value.from, tools.value.to));
  if (thinking && tools && !noTools && !passesReasoningBack(ctx)) {
    add(ctx, tools.nameNode!, RULE_IDS.reasoningToolsAdvice, "warning",
      "This thinking-mode request (formerly deepseek-reasoner) sends tools, and no message in this file carries reasoning_content back: " +
        "in multi-turn tool calls, thinking mode requires each assistant message to be sent back with its reasoning_content.");
  }
  if (!thinking) checkReasoningReads(ctx, site.call);
  return entry(settleWrittenMode(ctx.findings, before) ?? reportImplicit(ctx, site, sentId(source) ?? newModelId(ctx.settings)));
}

/** A parameter's default or a class field's (not a value a call passes). */
function isDefault(ctx: Ctx, literal: PyNode): boolean {
  if (literal.parent?.name === "ParamList") return true;
  const call = literal.parent?.name === "ArgList" ? literal.parent.parent : undefined;
  const holder = call?.name === "CallExpression" && ["Field", "field"].includes(memberPath(call.children[0]!, ctx.src)?.at(-1) ?? "") ? call : literal;
  const stmt = holder.parent;
  return stmt?.name === "AssignStatement" && stmt.parent?.name === "Body" && stmt.parent.parent?.name === "ClassDefinition";
}

/** Every value that can reach the request's model, in words, for the ledger. */
function sourcesOf(ctx: Ctx, resolved: PyResolved, byNode: Map<PyNode, Legacy>): string[] {
  const literal = (n: PyNode) => {
    const value = stringOf(n, ctx.src)?.value;
    if (value === undefined) return ctx.src.slice(n.from, n.to);
    const legacy = byNode.get(n);
    return `"${value}"${legacy && legacy.occ.match.replacement !== value ? ` → "${legacy.occ.match.replacement}"` : ""} (line ${lineOf(ctx, n)})`;
  };
  if (resolved.kind === "string") return [literal(resolved.literal)];
  if (resolved.kind === "choices") return [...resolved.literals.map(literal), ...(resolved.remote ?? []).map((r) => `"${r.value}" (${r.at})`)];
  if (resolved.kind === "conditional") {
    return [resolved.consequent, resolved.alternate].map((n) => {
      const branch = stringOf(n, ctx.src) === undefined ? branchOf(ctx, n, byNode) : undefined;
      return stringOf(n, ctx.src) !== undefined ? literal(n) : branch?.legacy ? literal(branch.legacy.node) : namedSource(ctx.src.slice(n.from, n.to), branch?.external);
    });
  }
  if (resolved.kind === "external") return [externalWords(resolved.id)];
  return [resolved.kind === "dynamic" ? resolved.reason : "a value ds-migrate cannot follow"];
}

// V4 IDs are followed to their requests like legacy ones, so a request they feed stays a DeepSeek request after the migration.
interface V4Literal {
  node: PyNode;
  value: string;
  uses: Use[];
}

const v4UseCache = new WeakMap<Ctx, V4Literal[]>();

function v4Uses(ctx: Ctx): V4Literal[] {
  let cached = v4UseCache.get(ctx);
  if (!cached) {
    cached = ctx.parsed.all
      .map((node) => ({ node, value: stringOf(node, ctx.src)?.value }))
      .filter((l): l is { node: PyNode; value: string } => !!l.value && isV4Id(l.value, ctx.settings, ctx.settings.rules.providerPrefixes) && positionOf(ctx, l.node).kind === "value")
      .map((l) => ({ ...l, uses: usesOf(ctx, l.node) }));
    v4UseCache.set(ctx, cached);
  }
  return cached;
}

/** What the request's model resolves to, for the shared mode decision (transforms/roles.ts). */
function modelSource(ctx: Ctx, resolved: PyResolved, byNode: Map<PyNode, Legacy>): ModelSource {
  const occ = (n: PyNode) => {
    const b = byNode.get(n)?.occ ? undefined : branchOf(ctx, n, byNode);
    return byNode.get(n)?.occ ?? b?.legacy?.occ ?? (b?.external ? { external: b.external } : b ? ("v4" as const) : undefined);
  };
  if (resolved.kind === "external") return { kind: "external", id: resolved.id };
  if (resolved.kind === "string") return { kind: "literals", occurrences: [byNode.get(resolved.literal)?.occ] };
  // A value another module passes has no occurrence here: no one mode can be chosen from this file.
  if (resolved.kind === "choices") return { kind: "literals", occurrences: [...resolved.literals.map(occ), ...(resolved.remote ?? []).map(() => undefined)] };
  if (resolved.kind === "conditional") return { kind: "literals", occurrences: [occ(resolved.consequent), occ(resolved.alternate)], condition: ctx.src.slice(resolved.test.from, resolved.test.to) };
  return { kind: "other" };
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
    // `review.choices[0].message.reasoning_content` with `review = <another call>(…)`: that call's response, not this request's.
    const source = responseOf(ctx, n);
    if (source && source !== call) continue;
    add(ctx, n, RULE_IDS.reasoningContentRead, "warning",
      `Reads reasoning_content, but the request at line ${lineOf(ctx, call)} is migrated in non-thinking mode (it was deepseek-chat), whose responses carry none. ` +
        "Set that request to thinking mode if this code needs the reasoning, or drop the read.");
  }
}

/** The call whose response a read's chain starts from: `name` assigned a call once, or the loop variable over such a name (a stream). */
function responseOf(ctx: Ctx, read: PyNode): PyNode | undefined {
  let root: PyNode | undefined = read.parent;
  while (root && (root.name === "MemberExpression" || root.name === "SubscriptExpression")) root = root.children[0];
  const callOf = (name: PyNode | undefined, hops: number): PyNode | undefined => {
    if (name?.name !== "VariableName" || hops > 1) return undefined;
    // A name assigned more than once (`response = …` in cell after cell): the last assignment before the read.
    const before = (ctx.scope.lookup(ctx.src.slice(name.from, name.to), name) ?? []).filter((b) => b.id && b.id.from < name.from);
    const binding = before.sort((a, b) => a.id!.from - b.id!.from).at(-1);
    const assigned = binding?.value;
    const value = assigned?.name === "AwaitExpression" ? assigned.children.at(-1) : assigned;
    if (value?.name === "CallExpression") return value;
    // `for chunk in stream:`: the stream's call.
    const loop = binding?.id?.parent;
    const iterable = loop?.name === "ForStatement" ? loop.children[loop.children.findIndex((c) => c.name === "in") + 1] : undefined;
    return iterable ? callOf(iterable, hops + 1) : undefined;
  };
  return callOf(root, 0);
}

function lineOf(ctx: Ctx, node: PyNode): number {
  return linesOf(ctx.src).position(node.from).line;
}

function quoteFor(ctx: Ctx, node: PyNode): string {
  const str = stringOf(node, ctx.src) ?? (node.name === "ConditionalExpression" ? stringOf(node.children[0], ctx.src) : undefined);
  return str?.quote[0] === "'" ? "'" : '"';
}

/** A request whose mode is left out on one branch: V4 thinks there, whatever the model did before. */
function reportPartial(ctx: Ctx, site: PyRequest, id: string): RequestMode {
  add(ctx, site.model!, RULE_IDS.implicitMode, "warning", `"${id}" is sent with a thinking mode on one branch only: where the condition leaves it out (\`None\`), ` +
    `the request thinks (V4's default). Give that branch its mode (e.g. extra_body={${modeEntry(ctx, { mode: "non-thinking" }, '"')}} instead of None).`);
  return "implicit";
}

function reportDynamic(ctx: Ctx, site: PyRequest, reason: string, fallback?: string): void {
  const target = ctx.settings.rules.targets[ctx.settings.target];
  const { example, advice } = modeExample(ctx, site, fallbackMode(fallback, ctx.settings));
  add(ctx, site.model!, RULE_IDS.dynamicModel, "warning", advice ? dynamicModelNoPassMessage(reason, target, advice) : dynamicModelMessage(reason, target, example));
}

/** A request that states no mode: reported, as implicit, or as having no way to send one (the same rule before and after migration). */
function reportImplicit(ctx: Ctx, site: PyRequest, id: string): RequestMode {
  const { example, advice } = modeExample(ctx, site);
  if (advice) {
    add(ctx, site.model!, RULE_IDS.noPassThrough, "warning", noPassThroughModeMessage(id, advice));
    return "no-pass-through";
  }
  add(ctx, site.model!, RULE_IDS.implicitMode, "warning", implicitModeMessage(id, example));
  return "implicit";
}

/** How this request would state the non-thinking mode, or, without a pass-through, the advice. */
function modeExample(ctx: Ctx, site: PyRequest, mode: Mode = "non-thinking"): { example: string; advice?: string } {
  const choice = { mode };
  const pass = site.pass;
  const d = ctx.settings.rules.dialects[ctx.settings.dialect];
  const entry = modeEntry(ctx, choice, '"');
  if (pass.kind === "none") return { example: entry, advice: pass.advice.replace("{mode}", entry) };
  const example = pass.kind === "body" ? `${entry} in this JSON body`
    : pass.kind === "field" ? `${d.key}=${modeValue(ctx, choice, '"')}`
    : pass.kind === "kwarg" ? `${pass.name}={${entry}}`
    : pass.kind === "nested" ? `${pass.name}={${pass.inner ? `"${pass.inner}": {${entry}}` : entry}}`
    : entry;
  return { example };
}

/**
 * Rewrites and reports DeepSeek URLs; returns the module-level names holding a bare host no
 * client here takes (TransformResult.baseUrls) and those naming DeepSeek's API at all (.hosts).
 */
function migrateUrls(ctx: Ctx): { baseUrls: string[]; hosts: string[]; otherHosts: NonNullable<TransformResult["otherHosts"]> } {
  const baseUrls: string[] = [];
  const hosts: string[] = [];
  const otherHosts: NonNullable<TransformResult["otherHosts"]> = [];
  for (const node of ctx.parsed.all) {
    const str = stringOf(node, ctx.src);
    const verdict = str ? classifyUrl(str.value, ctx.settings.rules) : undefined;
    // Another server's URL in a module-level name: importers' clients built on it go there.
    if (str && !verdict && /^https?:\/\//i.test(str.value)) {
      const name = hostName(ctx, node);
      const names = name ? [name] : instanceFieldNames(ctx, node);
      if (names.length > 0 && hostOfText(ctx.settings, str.value).kind === "gateway") for (const n of names) otherHosts.push({ name: n, url: str.value });
    }
    if (!str || !verdict) continue;
    const host = hostName(ctx, node);
    if (host) hosts.push(host);
    else hosts.push(...instanceFieldNames(ctx, node));
    if (verdict.kind === "canonical" || verdict.kind === "untouched") continue;
    const position = positionOf(ctx, node);
    if (position.kind === "text") {
      add(ctx, node, RULE_IDS.idInText, "info", `A DeepSeek URL in ${position.why}: left as it is.`);
      continue;
    }
    const origin = isBareHostUrl(str.value) && verdict.kind === "rewrite" && !verdict.insecure ? originName(ctx, node) : undefined;
    if (origin) {
      add(ctx, node, RULE_IDS.idInText, "info", `"${str.value}" is an origin (in \`${origin}\`), not a base URL: left as it is.`);
      continue;
    }
    const join = addsVersion(str.value, verdict) ? joinOf(ctx, node) : undefined;
    // `BASE_URL = "https://api.deepseek.com"` that only other modules' clients read (the engine proves it: Linker.baseUrlProven).
    const name = !join && isBareHostUrl(str.value) && !ctx.scope.baseLiterals.has(node) ? moduleLevelName(ctx, node) : undefined;
    if (name) baseUrls.push(name);
    const proven = ctx.scope.baseLiterals.has(node) || (!!name && !!ctx.links?.baseUrlProven?.(ctx.file, name));
    const finding = urlFinding(str.value, verdict, { start: node.from, end: node.to }, { start: str.innerFrom, end: str.innerTo }, join ? lineOf(ctx, join) : undefined, !proven);
    if (finding) ctx.findings.push(finding);
  }
  return { baseUrls, hosts, otherHosts };
}

/** `NAME = "…"` or `NAME = os.getenv("X", "…")` at module level, assigned once: NAME. */
function hostName(ctx: Ctx, literal: PyNode): string | undefined {
  const holder = literal.parent?.name === "ArgList" && ctx.scope.fallbackOf(literal) ? literal.parent.parent! : literal;
  return moduleLevelName(ctx, holder);
}

/**
 * `BASE_URL: str = "…"` in a module-level settings class with `conf = Conf()` made once at module
 * level: `conf.BASE_URL`, as importers read it (the same default the class's own readers take).
 */
function instanceFieldNames(ctx: Ctx, literal: PyNode): string[] {
  // `BASE_URL: str = Field(default="…")`: the call is the assigned value.
  const field = literal.parent?.name === "ArgList" ? literal.parent.parent : undefined;
  // `BASE_URL = os.getenv("X", "…")` in the class: the environment's default, as hostName takes it.
  const value = field && (fieldDefault(field, ctx.src) === literal || ctx.scope.fallbackOf(literal)) ? field : literal;
  const stmt = value.parent;
  const body = stmt?.name === "AssignStatement" && stmt.children.at(-1) === value ? stmt.parent : undefined;
  const cls = body?.name === "Body" ? body.parent : undefined;
  const target = stmt?.children[0];
  if (cls?.name !== "ClassDefinition" || cls.parent !== ctx.parsed.root || target?.name !== "VariableName") return [];
  const className = cls.children.find((c) => c.name === "VariableName");
  const attr = ctx.src.slice(target.from, target.to);
  const names: string[] = [];
  for (const s of ctx.parsed.root.children) {
    const value = s.name === "AssignStatement" ? s.children.at(-1) : undefined;
    const callee = value?.name === "CallExpression" ? value.children[0] : undefined;
    const name = s.children[0];
    if (!className || callee?.name !== "VariableName" || name?.name !== "VariableName" || ctx.src.slice(callee.from, callee.to) !== ctx.src.slice(className.from, className.to)) continue;
    const instance = ctx.src.slice(name.from, name.to);
    if (ctx.scope.lookup(instance, name)?.length === 1) names.push(`${instance}.${attr}`);
  }
  return names;
}

/**
 * `client.default_model` with `client = Client(…)` and `Client` imported: the attribute another
 * module's class sets from its default (exported as `Client().default_model`). A test asserting
 * it holds the default with it.
 */
function constructedImport(ctx: Ctx, node: PyNode, path: string[]): ImportedId | undefined {
  const head = ctx.scope.lookup(path[0]!, node);
  const value = head?.length === 1 && head[0]!.kind === "assign" ? head[0]!.value : undefined;
  const callee = value?.name === "CallExpression" ? value.children[0] : undefined;
  if (callee?.name !== "VariableName") return undefined;
  // (A module may import the class twice, from the same place.)
  const cls = ctx.scope.lookup(ctx.src.slice(callee.from, callee.to), callee) ?? [];
  const first = cls[0];
  const same = cls.every((b) => b.kind === "import" && b.source === first?.source && b.imported === first?.imported);
  const imported = first && same && first.source && first.imported !== "*" ? first : undefined;
  return imported ? ctx.links?.lookup?.(ctx.file, imported.source!, `${imported.imported}().${path[1]}`) : undefined;
}

/** `NAME = "…"` at module level, assigned once: NAME. */
function moduleLevelName(ctx: Ctx, literal: PyNode): string | undefined {
  const stmt = literal.parent;
  const target = stmt?.name === "AssignStatement" && stmt.parent === ctx.parsed.root && stmt.children.at(-1) === literal ? stmt.children[0] : undefined;
  if (target?.name !== "VariableName") return undefined;
  const name = ctx.src.slice(target.from, target.to);
  return ctx.scope.lookup(name, target)?.length === 1 ? name : undefined;
}

/**
 * Every read of another module's bare-host name (TransformResult.baseUrls) tells the linker how
 * it is used: as a client's base URL, or otherwise (joined with a path, logged, compared…), which
 * keeps it as it is. `from conf import BASE` read as `BASE`, `import conf` read as `conf.BASE`.
 */
function reportImportedBaseUrls(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    if (node.name !== "VariableName" && node.name !== "MemberExpression") continue;
    if (node.parent?.name === "ImportStatement") continue;
    const read = ctx.scope.importedName(node);
    if (!read || !ctx.links?.isBaseUrlExport?.(ctx.file, read.source, read.name)) continue;
    ctx.links.baseUrlRead?.(ctx.file, read.source, read.name, ctx.scope.baseUrlArgs.has(node) || heldForBase(ctx, node));
  }
}

/** `base_url = config.API_BASE`, a name assigned once whose every read is a client's base URL. */
function heldForBase(ctx: Ctx, read: PyNode): boolean {
  const stmt = read.parent;
  const target = stmt?.name === "AssignStatement" && stmt.children.length === 3 && stmt.children[2] === read ? stmt.children[0] : undefined;
  if (target?.name !== "VariableName") return false;
  const bindings = ctx.scope.lookup(ctx.src.slice(target.from, target.to), target);
  if (bindings?.length !== 1) return false;
  const reads = ctx.scope.references(bindings[0]!.name, bindings[0]!.scope);
  return reads.length > 0 && reads.every((r) => ctx.scope.baseUrlArgs.has(r));
}

/** The keyword, dict key or variable an origin list sits under (`allow_origins=[URL]`, `CORS_ORIGINS = [URL]`), if its name says so. */
function originName(ctx: Ctx, literal: PyNode): string | undefined {
  let node = literal;
  for (let parent = node.parent; parent; node = parent, parent = node.parent) {
    if (["ArrayExpression", "TupleExpression", "SetExpression"].includes(parent.name)) continue;
    const kids = parent.children;
    const at = kids.indexOf(node);
    const name = parent.name === "ArgList" && kids[at - 1]?.name === "AssignOp" ? ctx.src.slice(kids[at - 2]!.from, kids[at - 2]!.to)
      : parent.name === "AssignStatement" && at === kids.length - 1 && kids[0]?.name === "VariableName" ? ctx.src.slice(kids[0].from, kids[0].to)
      : parent.name === "DictionaryExpression" && kids[at - 1]?.name === ":" ? stringOf(kids[at - 2], ctx.src)?.value
      : undefined;
    return name && ORIGIN_NAME.test(name) ? name : undefined;
  }
  return undefined;
}

/**
 * Where the project joins a base URL with a path of its own (`base + "/…"`, `f"{BASE}/v1/…"`,
 * `urljoin(BASE, …)`, also after `.rstrip("/")`), directly or through what holds it: the module
 * or local name, the parameter it is the default of, and the `self.x` that parameter is kept in.
 * That code decides the path.
 */
function joinOf(ctx: Ctx, literal: PyNode): PyNode | undefined {
  return [literal, ...readsOf(ctx, literal)].map((n) => joinAt(ctx, n)).find((j) => !!j);
}

function joinAt(ctx: Ctx, read: PyNode): PyNode | undefined {
  let n = read;
  // `base.rstrip("/")`: the same URL, trimmed.
  while (n.parent?.name === "MemberExpression" && n.parent.parent?.name === "CallExpression" && /^[lr]?strip$/.test(propertyOf(ctx, n.parent) ?? "")) n = n.parent.parent;
  const parent = n.parent;
  if (parent?.name === "BinaryExpression" && parent.children[0] === n && parent.children.some((c) => c.name === "ArithOp")) return parent;
  if (parent?.name === "FormatReplacement") return parent.parent;
  const call = parent?.name === "ArgList" ? parent.parent : undefined;
  if (call?.name === "CallExpression" && memberPath(call.children[0]!, ctx.src)?.at(-1) === "urljoin") return call;
  return undefined;
}

function propertyOf(ctx: Ctx, member: PyNode): string | undefined {
  const prop = member.children.find((c) => c.name === "PropertyName");
  return prop ? ctx.src.slice(prop.from, prop.to) : undefined;
}

/** The reads of a literal's value: through the name assigned it or the parameter it defaults, and `self.x = param` in a class. */
function readsOf(ctx: Ctx, literal: PyNode): PyNode[] {
  const holder = literal.parent;
  const list = holder?.name === "ParamList" ? holder : undefined;
  let target: PyNode | undefined;
  if (holder?.name === "AssignStatement" && holder.children.at(-1) === literal) target = holder.children[0];
  if (list && list.children[list.children.indexOf(literal) - 1]?.name === "AssignOp") {
    target = list.children.slice(0, list.children.indexOf(literal)).reverse().find((c) => c.name === "VariableName" && list.children[list.children.indexOf(c) - 1]?.name !== ":");
  }
  if (target?.name !== "VariableName") return [];
  const name = ctx.src.slice(target.from, target.to);
  const scope = list ? list.parent! : scopeOf(holder!);
  const refs = ctx.scope.references(name, scope);
  const kept = refs.flatMap((r) => {
    const stmt = r.parent;
    const attr = stmt?.name === "AssignStatement" && stmt.children.at(-1) === r ? memberPath(stmt.children[0]!, ctx.src) : undefined;
    const cls = attr?.length === 2 && attr[0] === "self" ? ctx.scope.enclosingClass(stmt!) : undefined;
    return cls ? ctx.parsed.all.filter((m) => m.name === "MemberExpression" && m.from > cls.from && m.to <= cls.to && m !== stmt!.children[0] &&
      memberPath(m, ctx.src)?.join(".") === `self.${attr![1]}`) : [];
  });
  return [...refs, ...kept];
}

function reportComments(ctx: Ctx): void {
  for (const comment of ctx.parsed.comments) {
    if (textHits(ctx.src.slice(comment.from, comment.to), ctx.settings).length === 0) continue;
    add(ctx, comment, RULE_IDS.idInText, "info", "A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.");
  }
}

function add(ctx: Ctx, node: { from: number; to: number }, ruleId: string, severity: RawFinding["severity"], message: string, edits?: Edit[]): void {
  const finding: RawFinding = { ruleId, severity, start: node.from, end: node.to, message };
  if (edits) finding.edits = edits;
  ctx.findings.push(finding);
}

/** Module-level names other modules can import, rewritten or held. */
function collectExports(legacy: Legacy[], decisions: Decisions, scope: PyScope): ExportedId[] {
  const out: ExportedId[] = [];
  for (const { node, occ } of legacy) {
    const verdict = decisions.verdict.get(occ);
    if (verdict !== "rewrite" && verdict !== "hold") continue;
    for (const u of occ.uses) {
      if (u.kind !== "exported") continue;
      const id: ExportedId = { name: u.why, legacyId: occ.match.legacyId, mode: occ.match.mode, replacement: occ.match.replacement, start: node.from, end: node.to };
      if (occ.match.keepsMode) id.keepsMode = true;
      if (verdict === "hold") id.held = true;
      const overridden = overriddenBy(scope, node);
      if (overridden) id.overriddenBy = overridden;
      out.push(id);
      // Importers calling the factory with arguments (`get_settings(api_key=k).model`) read the same
      // attribute, unless the value is a parameter's default an argument may replace.
      const factory = /^(\w+)\(\)\./.exec(id.name);
      // (Not a class's own `Settings(…)`: its arguments may set the field itself.)
      if (factory && !scope.classNamed(factory[1]!) && !scope.mayBeArgument(node)) out.push({ ...id, name: `${factory[1]}(…)${id.name.slice(factory[0].length - 1)}` });
    }
  }
  // One name, several values (`self.model` read through `self.base_model`'s fallback, or set in two
  // methods): an importer reads one of them at run time, so none is what its request always sends.
  const byName = new Map<string, ExportedId[]>();
  for (const id of out) byName.set(id.name, [...(byName.get(id.name) ?? []), id]);
  for (const [name, ids] of byName) {
    const starts = new Set(ids.map((i) => i.start));
    if (starts.size < 2 || (new Set(ids.map((i) => i.legacyId)).size < 2 && !ids.some((i) => i.overriddenBy))) continue;
    for (const id of ids) {
      if (id.overriddenBy) continue;
      const lines = [...new Set(ids.filter((o) => o.start !== id.start).map((o) => scope.lineOf({ from: o.start } as PyNode)))];
      id.overriddenBy = `the other value${lines.length > 1 ? "s" : ""} of \`${name.split(".").at(-1)}\` (line${lines.length > 1 ? "s" : ""} ${lines.join(", ")})`;
    }
  }
  return out;
}

/**
 * What replaces an exported literal at run time, in words: an exported fallback
 * (`os.getenv("X", "…")`, `arg or "…"`) is not what importers' requests always get; nor is one
 * of several values the class assigns to the same attribute.
 */
function overriddenBy(scope: PyScope, node: PyNode): string | undefined {
  const variable = scope.settingsVariable(node);
  const words = [variable ? `the environment variable ${variable}` : scope.fallbackOf(node), scope.reassignedBy(node), scope.constructedWith(node)].filter((w) => !!w);
  return words.length > 0 ? words.join(" or ") : undefined;
}

/**
 * V4 IDs other modules import: their requests state a mode or owe one (the gate remembers a
 * migrated or hand-fixed constant); the ID itself never changes, so importers add no mode.
 */
function v4Exports(ctx: Ctx): ExportedId[] {
  return v4Uses(ctx).flatMap(({ node, value, uses }) => uses.filter((u) => u.kind === "exported").map((u): ExportedId => {
    const id: ExportedId = { name: u.why, legacyId: value, mode: "thinking", replacement: value, keepsMode: true, start: node.from, end: node.to };
    const overridden = overriddenBy(ctx.scope, node);
    if (overridden) id.overriddenBy = overridden;
    return id;
  }));
}

/** How this module uses values imported from others: a use as a name keeps the definition (see src/engine.ts). */
function reportImportedUses(ctx: Ctx, lines: LineIndex): void {
  for (const node of ctx.parsed.all) {
    if (node.name !== "VariableName" && node.name !== "MemberExpression") continue;
    if (node.parent?.name === "MemberExpression" && node.parent.children[0] === node) continue;
    if (node.name === "VariableName" && node.parent?.name === "ImportStatement") continue;
    // `model=model`: the keyword names the parameter, not the imported value.
    if (isKeywordName(node)) continue;
    const id = importedAt(ctx, node);
    if (!id) continue;
    for (const u of usesOf(ctx, node)) {
      // `MODEL = settings.default_model` at module level: other modules import it from here, and
      // ds-migrate does not follow that second hop, so nothing here proves where it is sent.
      if (u.kind === "exported") {
        const at = lines.position(node.from);
        ctx.links!.veto(id, "unknown", `assigned to \`${u.why}\` in ${ctx.file}, which other modules may import from there (a second hop ds-migrate does not follow)`, ctx.file, at.line, at.column);
        continue;
      }
      if (u.kind !== "identity" && u.kind !== "unknown") continue;
      const at = lines.position(u.start);
      ctx.links!.veto(id, u.kind, u.why, ctx.file, at.line, at.column);
    }
  }
}

function importedAt(ctx: Ctx, node: PyNode): ImportedId | undefined {
  const path = memberPath(node, ctx.src);
  const made = path?.length === 2 ? constructedImport(ctx, node, path) : undefined;
  if (made) return made;
  // `get_config().llm_model`, or `cfg.llm_model` after `cfg = get_config()`: what an imported factory returns.
  const called = node.name === "MemberExpression" && !path ? node.children[0] : undefined;
  if (!path && !ctx.scope.importedFactory(called)) return undefined;
  const head = path ? ctx.scope.lookup(path[0]!, node) : undefined;
  const fromFactory = path && path.length > 1 && head?.length === 1 && head[0]!.kind === "assign" && !!ctx.scope.importedFactory(head[0]!.value);
  if (path && !fromFactory && (head?.length !== 1 || head[0]!.kind !== "import")) return undefined;
  const resolved = ctx.scope.resolve(node);
  // An imported default the environment replaces is still that definition, used here.
  return resolved.kind === "external" ? resolved.id : resolved.kind === "dynamic" ? resolved.overriddenImport : undefined;
}
