// The JS/TS transform: locate every legacy ID and where its value goes (flow.ts), let the
// role model decide (transforms/roles.ts), then rewrite the kept decisions as span edits
// and write the thinking mode at each request through its pass-through (modes.ts).
// It never reprints code: every change is a splice at exact offsets.
import { newModelId, type Mode, type Settings } from "../../src/rules.js";
import { RULE_IDS, type ExportedId, type ImportedId, type ModuleLinks, type ParamSink, type RawFinding, type RawRequest, type RequestMode, type TransformResult } from "../../src/findings.js";
import { eolOf, LineIndex } from "../../src/text.js";
import { addsVersion, calledOf, classifyUrl, embeddedSpecFinding, externalWords, gatewayWords, groupSeverity, hostOfText, idRewriteMessage, isBareHostUrl, isDeepSeekModelKey, isV4Id, matchLegacyId, matchSeverity, mentionsLegacy, MODEL_NAME, namedSource, ORIGIN_NAME, relayNameMessage, remoteArg, routedToDeepSeek, textHits, unacceptedPrefixMessage, type LegacyMatch } from "../shared.js";
import { addExternalUses, consumerNote, decideRoles, siblingsFor, untracedSetting, v4ConsumerNote, modeChoiceFor, roleOf, runTimeSiblings, sentId, type Decisions, type ModelSource, type Occurrence, type Use } from "../roles.js";
import { PARAMETER_DEFAULT_NOTE, conditionNotTraced, noPassThroughModeMessage, otherBranchAdvice, otherBranchWhy, fallbackMode, unknownModelMessage, overriddenMessage, dynamicModelMessage, dynamicModelNoPassMessage, implicitModeMessage, settleWrittenMode, urlFinding } from "../review.js";
import { findProp, isFunction, isTypeScript, keyName, memberPath, parseSource, stringValue, unwrap, type Node, type Parsed } from "./ast.js";
import { addFinding, type Ctx } from "./ctx.js";
import { constraintOf, positionOf, registersKey, siblingsOf, typeRootOf, usesOf, type FlowCtx } from "./flow.js";
import { addMode, fillPartialMode, hasMode, modeProperty, partialMode, statesMode } from "./modes.js";
import { exportedClients, findRequests, paramSentToDeepSeek, resolveSent, type RequestSite } from "./requests.js";
import { coalescing, isInstanceMethod, isNothing, propertyPassed, resolveValue, Scope, staticMethodClass, type Binding, type Resolved } from "./resolve.js";
import { savedSettingsWords, storeDefaultOf } from "./stores.js";
import { isTestFile } from "../test-files.js";
import { applyPins } from "../pins.js";

interface Legacy {
  node: Node;
  occ: Occurrence;
}

export function analyzeJsTs(src: string, file: string, settings: Settings, links?: ModuleLinks): TransformResult {
  let parsed: Parsed;
  try {
    parsed = parseSource(src, file);
  } catch (error) {
    const e = error as { message: string; loc?: { line: number; column: number } };
    return { findings: [], parseError: { message: e.message.replace(/\s*\(\d+:\d+\)$/, "").replace(/\.$/, ""), line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 } };
  }
  const scope = new Scope(parsed, file, links);
  const requests = findRequests({ parsed, scope, settings });
  for (const site of requests.sites) applyPins(settings, file, site);
  const ctx: Ctx = { src, file, settings, parsed, scope, requests, ts: isTypeScript(file), quote: dominantQuote(parsed), eol: eolOf(src), findings: [], called: [] };
  if (links) ctx.links = links;
  const lines = new LineIndex(src);
  const legacy = collectLegacy(ctx, lines, isTestFile(file));
  const byNode = new Map(legacy.map((l) => [l.node, l]));
  const plans = planRequests(ctx, byNode);
  const sinks = sinksOf(ctx);
  if (links?.passArg) passArgs(ctx, lines);
  holdConditionals(ctx, legacy, plans, lines);
  if (links) reportImportedUses(ctx, lines);
  const decisions = decideRoles(legacy.map((l) => l.occ), settings);
  ctx.findings.push(...decisions.findings);
  rewriteLiterals(ctx, legacy, decisions, plans.traced);
  if (!isTestFile(file)) noteV4Settings(ctx);
  const ledger = plans.list.map((plan) => writeMode(ctx, plan, byNode, decisions)).filter((r): r is RawRequest => !!r);
  const { baseUrls, hosts, otherHosts } = migrateUrls(ctx);
  if (links?.baseUrlNamesOf) reportImportedBaseUrls(ctx);
  reportComments(ctx);
  reportJsxText(ctx);
  const clients = exportedClients(ctx);
  return { findings: ctx.findings, exports: [...collectExports(ctx, legacy, decisions), ...v4Exports(ctx)], requests: ledger, ...(sinks.length > 0 ? { sinks } : {}), ...(clients.length > 0 ? { clients } : {}), ...calledOf(ctx), ...(baseUrls.length > 0 ? { baseUrls } : {}), ...(hosts.length > 0 ? { hosts } : {}), ...(otherHosts.length > 0 ? { otherHosts } : {}) };
}

/**
 * Parameters of exported functions and constructors of exported classes that a request's
 * model was traced to: other modules' calls decide their value too (the linking pass).
 */
function sinksOf(ctx: Ctx): NonNullable<TransformResult["sinks"]> {
  const out: NonNullable<TransformResult["sinks"]> = [];
  for (const b of ctx.scope.paramReads) {
    const method = objectMethodOf(ctx, b.fn!) ?? classMethodOf(ctx, b.fn!);
    const name = method?.holder ?? ctx.scope.calledBy(b.fn!);
    const fn = name && ctx.scope.lookup(name.name, name);
    if (!fn || fn.exportedAs.length === 0 || !b.id) continue;
    // Read as `param || fallback`: the fallback is what a call passing nothing sends.
    const fallback = ctx.scope.paramFallbacks.get(b);
    const defaultNode = fallback ?? b.init;
    const local = (ctx.scope.argumentsAt(b.fn!, b.index!, b.key) ?? []).map((arg) => {
      const node = arg && !(fallback && isNothing(unwrap(arg))) ? arg : defaultNode;
      const r = node ? resolveValue(node, ctx.scope) : undefined;
      return r?.kind === "string" ? r.value : null;
    });
    const def = defaultNode ? resolveValue(defaultNode, ctx.scope) : undefined;
    for (const exported of fn.exportedAs) {
      const as = method ? `${exported}.${method.key}` : exported;
      out.push({ name: as, param: b.name, index: b.index!, ...(b.key ? { key: b.key } : {}), local, ...(def?.kind === "string" ? { default: def.value } : {}), prefixes: ctx.scope.paramPrefixes.get(b) ?? [], start: b.id.start });
    }
  }
  const exported = ctx.scope.exportedParams();
  for (const { param, names } of [...exported, ...ctx.scope.exportedMethodParams()]) {
    if (!paramSentToDeepSeek(ctx, param)) continue;
    for (const as of names) out.push({ name: as, param: param.name, index: param.index!, body: true, local: [], start: param.id!.start });
  }
  // Request sinks (constructor and method parameters too) are marked where they are also a key.
  const requestParams = [...ctx.scope.paramReads].map((param) => ({ param, names: [] }));
  out.push(...lookupKeySinks(ctx, [...exported, ...ctx.scope.exportedMethodParams(), ...requestParams], out));
  // A parameter only handed on to an imported function: a forwarder, settled where that function sends it.
  const candidates = forwardingCandidates(ctx);
  for (const { param, names } of exported) {
    const callees = candidates.has(param) && !ctx.scope.paramReads.has(param) ? forwardedTo(ctx, param) : undefined;
    if (!callees) continue;
    // `model = "deepseek-chat"` (or `model || DEFAULT`): what a caller leaving it out hands on.
    const defaultNode = ctx.scope.paramFallbacks.get(param) ?? param.init;
    const def = defaultNode ? resolveValue(defaultNode, ctx.scope) : undefined;
    for (const as of names) out.push({ name: as, param: param.name, index: param.index!, forwards: true, local: [], ...(def?.kind === "string" ? { default: def.value } : {}), start: param.id!.start });
    // Those modules are read for their sinks once a value is known to flow here (engine.ts readCallees).
    for (const c of callees) ctx.called?.push({ specifier: c.source!, name: c.imported!, forward: true });
  }
  return out;
}

/**
 * Parameters of exported functions and classes used as a lookup key (`MODELS[model]`,
 * `MODELS.get(model)`): a caller's ID names an entry there, so it stays with that entry
 * (ParamSink.lookupKey). A parameter already a request's sink is marked too.
 */
function lookupKeySinks(ctx: Ctx, params: Array<{ param: Binding; names: string[] }>, sinks: NonNullable<TransformResult["sinks"]>): NonNullable<TransformResult["sinks"]> {
  const out: NonNullable<TransformResult["sinks"]> = [];
  const handedOn = forwardingCandidates(ctx);
  for (const { param, names } of params) {
    const lookup = ctx.scope.references(param).map((ref) => lookupOf(ctx, ref)).find((n) => n !== undefined);
    if (!lookup || !param.id) continue;
    const lookupKey = `the key of \`${ctx.src.slice(lookup.start, lookup.end)}\` (line ${lookup.loc.start.line})`;
    const existing = sinks.filter((s) => s.start === param.id!.start && !s.body && !s.forwards);
    for (const s of existing) s.lookupKey = lookupKey;
    // A parameter named for a model, or handed on to an imported function, gets a sink of its own. Any other
    // would make every caller of such a function a linking candidate.
    if (existing.length === 0 && (MODEL_NAME.test(param.name) || handedOn.has(param))) for (const as of names) out.push({ name: as, param: param.name, index: param.index!, local: [], lookupKey, start: param.id.start });
  }
  return out;
}

/**
 * `TABLE[ref]` or `TABLE.get(ref)` around a reference, where the table is a module-level object
 * literal or `new Map([...])` keyed by DeepSeek model IDs, or an imported name: entries the code
 * names, not a cache filled at run time or a table the ID is not in.
 */
function lookupOf(ctx: Ctx, ref: Node): Node | undefined {
  const parent = ctx.parsed.parents.get(ref);
  const member = (parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") && parent.computed && parent.property === ref ? parent : undefined;
  const call = parent?.type === "CallExpression" && parent.arguments[0] === ref && memberPath(parent.callee)?.at(-1) === "get" ? parent : undefined;
  const table = member ? unwrap(member.object) : call?.callee.type === "MemberExpression" ? unwrap(call.callee.object) : undefined;
  const binding = table?.type === "Identifier" ? ctx.scope.lookup(table.name, table) : undefined;
  const init = binding?.kind === "const" && binding.scope === ctx.parsed.program && binding.init ? unwrap(binding.init) : undefined;
  // A table keyed by model IDs written out; an empty one is a cache the code fills, another a table the ID is not in.
  const keys: Array<string | undefined> = init?.type === "ObjectExpression" ? init.properties.map((p: Node) => (p.type === "ObjectProperty" && !p.computed ? keyName(p) : undefined))
    : init?.type === "NewExpression" && init.callee.type === "Identifier" && init.callee.name === "Map" && init.arguments[0]?.type === "ArrayExpression"
      ? init.arguments[0].elements.map((e: Node | null) => (e?.type === "ArrayExpression" && e.elements[0] ? stringValue(e.elements[0]) : undefined)) : [];
  const named = binding?.kind === "import" || keys.some((k) => isDeepSeekModelKey(k, ctx.settings));
  return named ? member ?? call : undefined;
}

/** Parameters passed by name straight to an imported function (found from the calls: cheap on large modules). */
function forwardingCandidates(ctx: Ctx): Set<Binding> {
  const out = new Set<Binding>();
  for (const call of ctx.parsed.all) {
    if (call.type !== "CallExpression" || call.callee.type !== "Identifier" || ctx.scope.lookup(call.callee.name, call.callee)?.kind !== "import") continue;
    for (const arg of call.arguments) {
      const b = arg.type === "Identifier" ? ctx.scope.lookup(arg.name, arg) : undefined;
      if (b?.kind === "param") out.add(b);
      // `const selected = model ?? DEFAULT` (or `||`, `model !== undefined ? model : DEFAULT`), then `send(selected)`.
      const through = coalescedParamOf(ctx, arg);
      if (through) {
        out.add(through.param);
        ctx.scope.paramFallbacks.set(through.param, through.fallback);
      }
    }
  }
  return out;
}

/**
 * A `const` set to a parameter or its fallback (`const selected = model ?? DEFAULT`): that
 * parameter (optional: no default, or `undefined`) and the fallback. undefined for anything else.
 */
function coalescedParamOf(ctx: Ctx, arg: Node): { local: Binding; param: Binding; fallback: Node } | undefined {
  const local = arg.type === "Identifier" ? ctx.scope.lookup(arg.name, arg) : undefined;
  const init = local?.kind === "const" && local.init ? unwrap(local.init) : undefined;
  const coalesced = init ? coalescing(init) : undefined;
  const param = coalesced ? ctx.scope.lookup(coalesced.name.name, coalesced.name) : undefined;
  if (param?.kind !== "param" || !param.id || param.key || param.fn === undefined || (param.init && !isNothing(unwrap(param.init)))) return undefined;
  return { local: local!, param, fallback: coalesced!.fallback };
}

/**
 * `export function grade(model) { return generate(model, …) }` with `generate` imported: the
 * imports the parameter is passed to as is, when that is its only use (any other use here could
 * name something, so such a parameter is not a forwarder: undefined).
 */
function forwardedTo(ctx: Ctx, b: Binding): Binding[] | undefined {
  const refs = ctx.scope.references(b);
  const callees: Array<Binding | undefined> = [];
  for (const ref of refs) {
    // Read only to pick it or its fallback (`const selected = model ?? DEFAULT`): where that `const` goes.
    const through = coalescingLocal(ctx, ref, b);
    const handed = through ? ctx.scope.references(through) : [ref];
    callees.push(...(handed.length > 0 ? handed.map((r) => importedCallee(ctx, r)) : [undefined]));
  }
  return refs.length > 0 && callees.every((c) => !!c) ? (callees as Binding[]) : undefined;
}

/** The imported function a reference is passed to as an argument, if that is what it is. */
function importedCallee(ctx: Ctx, ref: Node): Binding | undefined {
  const call = ctx.parsed.parents.get(ref);
  if (call?.type !== "CallExpression" || call.callee === ref || call.callee.type !== "Identifier") return undefined;
  const head = ctx.scope.lookup(call.callee.name, call.callee);
  return head?.kind === "import" && head.source && head.imported && head.imported !== "*" ? head : undefined;
}

/** The `const` whose coalescing initializer (`model ?? DEFAULT`) this reference of the parameter `b` is part of. */
function coalescingLocal(ctx: Ctx, ref: Node, b: Binding): Binding | undefined {
  let expr: Node | undefined = ctx.parsed.parents.get(ref);
  while (expr && ["BinaryExpression", "ParenthesizedExpression"].includes(expr.type)) expr = ctx.parsed.parents.get(expr);
  const decl = expr ? ctx.parsed.parents.get(expr) : undefined;
  if (decl?.type !== "VariableDeclarator" || decl.id.type !== "Identifier") return undefined;
  const through = coalescedParamOf(ctx, decl.id);
  return through?.param === b ? through.local : undefined;
}

/** An instance method of a class declaration: other modules call it on an instance (`svc.send(…)`), exported as `ChatService.prototype.send`. */
function classMethodOf(ctx: Ctx, fn: Node): { holder: Node; key: string } | undefined {
  // A static method is called on the class itself: `Memory.getInstance(…)`.
  const owner = staticMethodClass(fn, (n) => ctx.scope.parentOf(n));
  if (owner) return { holder: owner.id, key: keyName(fn)! };
  const cls = isInstanceMethod(fn) ? ctx.scope.parentOf(ctx.scope.parentOf(fn)!) : undefined;
  return cls?.type === "ClassDeclaration" && cls.id ? { holder: cls.id, key: `prototype.${keyName(fn)}` } : undefined;
}

/** A method of an object literal held by a `const` (`export const llm = { ask(model) {…} }`): other modules call it as `llm.ask(…)`. */
function objectMethodOf(ctx: Ctx, fn: Node): { holder: Node; key: string } | undefined {
  const prop = fn.type === "ObjectMethod" ? fn : ctx.scope.parentOf(fn);
  if (prop?.type !== "ObjectMethod" && prop?.type !== "ObjectProperty") return undefined;
  if (prop.computed || prop.key.type !== "Identifier" || (prop.type === "ObjectProperty" && prop.value !== fn)) return undefined;
  const obj = ctx.scope.parentOf(prop);
  const decl = obj?.type === "ObjectExpression" ? ctx.scope.parentOf(obj) : undefined;
  return decl?.type === "VariableDeclarator" && decl.id.type === "Identifier" ? { holder: decl.id, key: prop.key.name } : undefined;
}

/** What each call of another module's sink passes, for that module's request (see Linker.sinkState). */
function passArgs(ctx: Ctx, lines: LineIndex): void {
  const at = (n: Node) => {
    const { line, column } = lines.position(n.start);
    return `${ctx.file}:${line}:${column}`;
  };
  for (const call of ctx.parsed.all) {
    if (call.type !== "CallExpression" && call.type !== "NewExpression") continue;
    const tied = ctx.scope.importedSinks(call);
    const found = tied ? { ...tied, tied: true } : untiedMethodSinks(ctx, call);
    for (const sink of found?.sinks ?? []) {
      const spread = call.arguments.findIndex((a: Node) => a.type === "SpreadElement");
      // An untied call that does not reach the parameter is another object's method (`stream.send(chunk)`).
      if (!found!.tied && spread === -1 && call.arguments.length <= sink.index) continue;
      const whole = spread !== -1 && spread <= sink.index ? call.arguments[spread] : call.arguments[sink.index];
      const arg = whole && sink.key !== undefined ? propertyPassed(whole, sink.key) : whole;
      if (!arg) {
        ctx.links!.passArg!(sink, { at: at(call) });
        continue;
      }
      const r = arg.type === "SpreadElement" ? undefined : resolveValue(arg, ctx.scope);
      const value = r?.kind === "string" ? r.value : r?.kind === "external" ? r.id.legacyId : null;
      const passed = remoteArg(value, at(arg), ctx.settings);
      // A lookup key there stays as it is (an identity here), so the request it reaches keeps it too, with no mode.
      if (sink.lookupKey && passed.legacy && passed.legacy.legacyId !== passed.legacy.replacement) passed.legacy.held = true;
      if (r?.kind === "conditional") passed.branches = [r.consequent, r.alternate].map((n) => branchWords(ctx, n, at));
      // An imported constant handed on: the request in the sink's module sends it, so its definition needs no "set the mode" note.
      if (r?.kind === "external") ctx.links!.used(r.id);
      if (r?.kind === "external") passed.definedAt = `${r.id.file}:${r.id.line}:${r.id.column}`;
      else if (r?.kind === "string") passed.definedAt = at(r.literal);
      if (r?.kind === "external" && r.id.held && passed.legacy) passed.legacy.held = true;
      forwardOwnParam(ctx, arg, sink);
      ctx.links!.passArg!(sink, passed);
    }
  }
}

/** This module's own parameter handed on as is: its sink settles as the one it reaches. */
function forwardOwnParam(ctx: Ctx, arg: Node, to: ParamSink): void {
  const found = arg.type === "Identifier" && ctx.links?.forward ? ctx.scope.lookup(arg.name, arg) : undefined;
  const b = found?.kind === "param" ? found : found ? coalescedParamOf(ctx, arg)?.param : undefined;
  if (!b?.id || b.key) return;
  ctx.links!.forward!(ctx.file, b.id.loc.start.line, b.name, to);
}

/**
 * `peer.send(…)` where ds-migrate cannot tell what `peer` holds, in a module that imports a
 * class with a `send` method sink: the call may reach it, so its value counts among the
 * method's callers (a value that differs makes the request reported, never one wrong mode).
 */
function untiedMethodSinks(ctx: Ctx, call: Node): { name: string; sinks: ParamSink[]; tied: false } | undefined {
  const path = call.type === "CallExpression" ? memberPath(call.callee) : undefined;
  if (!path || path.length < 2 || !ctx.links?.sinksOf || ctx.scope.receiverClass(call)) return undefined;
  const sinks = importedMethodSinks(ctx, path.at(-1)!);
  return sinks.length > 0 ? { name: path.join("."), sinks, tied: false } : undefined;
}

/** The sinks of a method so named on any imported class; asked once per name and file (a bundle calls `push` thousands of times). */
function importedMethodSinks(ctx: Ctx, method: string): ParamSink[] {
  let byName = methodSinks.get(ctx);
  if (!byName) methodSinks.set(ctx, (byName = new Map()));
  let sinks = byName.get(method);
  if (!sinks) {
    sinks = ctx.scope.imports().filter((b) => b.source && b.imported && b.imported !== "*")
      .flatMap((b) => ctx.links!.sinksOf!(ctx.file, b.source!, `${b.imported}.prototype.${method}`));
    byName.set(method, sinks);
  }
  return sinks;
}

const methodSinks = new WeakMap<Ctx, Map<string, ParamSink[]>>();

/** A branch of a condition passed to another module's function, in words: its value and where that is defined. */
function branchWords(ctx: Ctx, node: Node, at: (n: Node) => string): string {
  const r = resolveValue(node, ctx.scope);
  if (r.kind === "string") return `"${r.value}" (${at(r.literal)})`;
  if (r.kind === "external") return `"${r.id.legacyId}" (${r.id.file}:${r.id.line})`;
  return `\`${ctx.src.slice(node.start, node.end)}\``;
}

/** Every string that is a legacy ID, with where it stands and where its value goes. */
function collectLegacy(ctx: Ctx, lines: LineIndex, inTest: boolean): Legacy[] {
  const flow: FlowCtx = ctx;
  const out: Legacy[] = [];
  for (const node of ctx.parsed.all) {
    const value = stringValue(node);
    if (value === undefined || node.type === "TemplateElement") continue;
    const match = matchLegacyId(value, ctx.settings, true);
    if (!match) {
      if (mentionsLegacy(value, ctx.settings)) {
        const position = positionOf(flow, node);
        const spec = position?.kind === "value" ? embeddedSpecFinding(value, ctx.settings) : undefined;
        if (spec) addFinding(ctx, node, RULE_IDS.unproven, spec.severity, spec.message);
        else if (position) addFinding(ctx, node, RULE_IDS.idInText, "info", `A legacy DeepSeek ID in ${position.kind === "text" ? position.why : "a longer string (text, not a model value)"}: left as it is.`);
      }
      continue;
    }
    const position = positionOf(flow, node);
    if (!position) continue;
    const { line, column } = lines.position(node.start);
    const occ: Occurrence = { start: node.start, end: node.end, line, column, match, position, uses: [], siblings: [] };
    if (position.kind === "value") {
      occ.uses = usesOf(flow, node);
      if (match.prefix && !prefixAccepted(occ)) {
        if (onRelayOnly(occ)) addFinding(ctx, node, RULE_IDS.idInText, "info", relayNameMessage(value, occ.uses));
        else addFinding(ctx, node, RULE_IDS.idInText, "warning", unacceptedPrefixMessage(value, match, "Mastra, LangChain initChatModel..."));
        continue;
      }
      const closed = ctx.ts ? requestsOf(occ).find((r) => r.closedModelType) : undefined;
      if (closed) {
        occ.held = true;
        addFinding(ctx, node, RULE_IDS.clientModelType, "error", `"${value}" is not rewritten: ${closed.closedModelType}.`);
      }
      occ.siblings = siblingsFor(siblingsOf(flow, node), occ.uses);
      if (registersKey(flow, node)) occ.registers = true;
      const bound = constraintOf(flow, node) ?? typeRootOf(flow, node);
      if (bound && annotationHasLegacy(ctx, bound)) occ.bound = bound;
      const schema = bound ? schemaOf(ctx, bound) : undefined;
      if (schema) {
        occ.held = true;
        addFinding(ctx, node, RULE_IDS.identity, matchSeverity(match, ctx.settings), `"${value}" is typed by a schema that lists the legacy IDs (\`${schema.name}\`, line ${schema.line}): ` +
          "not rewritten, because a V4 ID would not type-check against it and the mode written from this value would not fit the other members. Migrate the schema, this value and the requests together, by hand.");
      }
      if (inTest) occ.inTest = true;
      addExternalUses(ctx.links, ctx.file, occ);
    }
    out.push({ node, occ });
  }
  return out.sort((a, b) => a.node.start - b.node.start);
}

function requestsOf(occ: Occurrence): RequestSite[] {
  // A request in another module (a sink parameter there) has no site here.
  return occ.uses.filter((u) => u.kind === "request" && u.request).map((u) => u.request as RequestSite);
}

/** Sent only by requests proven to go to a relay (OpenRouter...): the prefixed ID is that relay's name, nothing to check. */
function onRelayOnly(occ: Occurrence): boolean {
  return occ.uses.length > 0 && occ.uses.every((u) => u.relay);
}

/** A `deepseek/...` or `deepseek:...` string is DeepSeek's only where a client that routes by that prefix receives it. */
function prefixAccepted(occ: Occurrence): boolean {
  // A request in another module (a sink parameter there) has no site here: the sink says what it accepts.
  const accepted = [...requestsOf(occ).map((r) => r.prefixes), ...occ.uses.flatMap((u) => (u.kind === "request" && !u.request && u.prefixes ? [u.prefixes] : []))];
  return accepted.length > 0 && accepted.every((prefixes) => prefixes.includes(occ.match.prefix));
}

/**
 * A type derived from a value that lists legacy IDs (`z.infer<typeof ModelSchema>`, `(typeof MODELS)[number]`):
 * the value is the schema, so a literal typed by it moves only with it.
 */
function schemaOf(ctx: Ctx, type: Node): { name: string; line: number } | undefined {
  for (const n of ctx.parsed.all) {
    if (n.type !== "TSTypeQuery" || n.start < type.start || n.end > type.end || n.exprName.type !== "Identifier") continue;
    const binding = ctx.scope.lookup(n.exprName.name, n);
    const init = binding?.init;
    if (!init) continue;
    const lists = ctx.parsed.all.some((m) => m.start >= init.start && m.end <= init.end && m.type !== "TemplateElement" && !!matchLegacyId(stringValue(m) ?? "", ctx.settings, false));
    if (lists) return { name: n.exprName.name, line: init.loc.start.line };
  }
  return undefined;
}

function annotationHasLegacy(ctx: Ctx, type: Node): boolean {
  return ctx.parsed.all.some((n) => n.type === "TSLiteralType" && n.start >= type.start && n.end <= type.end && !!matchLegacyId(stringValue(n.literal) ?? "", ctx.settings, false));
}

interface Plan {
  site: RequestSite;
  resolved?: Resolved;
}

interface Plans {
  list: Plan[];
  /** Conditionals a request takes its mode from: both branches become one ID. */
  traced: Set<Node>;
  /** Conditionals a request uses but whose condition cannot be copied to it. */
  away: Set<Node>;
}

/**
 * Before deciding: what each request's model resolves to. A condition that picks between
 * the IDs away from the request, or a request fed both IDs at run time, holds them.
 */
function planRequests(ctx: Ctx, byNode: Map<Node, Legacy>): Plans {
  const plans: Plans = { list: [], traced: new Set(), away: new Set() };
  // Only the parameters requests' models are traced to (not base URLs) can be sinks.
  ctx.scope.paramReads.clear();
  ctx.scope.paramPrefixes.clear();
  for (const site of ctx.requests.sites) {
    ctx.scope.requestPrefixes = site.prefixes;
    const plan: Plan = { site };
    plans.list.push(plan);
    if (!site.model) continue;
    if (site.host.kind === "gateway") {
      otherServersDefault(ctx, site);
      continue;
    }
    const override = spreadOverride(ctx, site);
    const resolved: Resolved = override ? { kind: "dynamic", reason: override, overridden: true } : runTimeBranch(ctx, site.sent ? resolveSent(ctx.scope, site.sent) : resolveValue(site.model, ctx.scope));
    plan.resolved = resolved;
    if (resolved.kind === "dynamic" && resolved.importedDefault) {
      // This request's dynamic-model finding speaks for the definition (only a request's: a read
      // that sends nothing must leave the definition its "set the mode where it is sent" note).
      ctx.links?.used(resolved.importedDefault);
      // On DeepSeek's host the request stays in the ledger whatever it sends, with the mode it owes
      // (as a default in this file is rewritten): only a request that the ID alone makes DeepSeek's holds it.
      if (site.host.kind !== "deepseek") holdImportedDefault(ctx, site, resolved.importedDefault);
    }
    if (resolved.kind === "dynamic" && resolved.assignedImports) holdAssignedImports(ctx, site, resolved.assignedImports, resolved.reason);
    if (resolved.kind === "conditional") {
      const yes = branchOf(ctx, resolved.consequent, byNode, site);
      const no = branchOf(ctx, resolved.alternate, byNode, site);
      if (!yes !== !no) {
        holdAgainstOther(ctx, site, resolved.test, (yes ?? no)!, yes ? resolved.alternate : resolved.consequent);
        continue;
      }
      if (!yes || !no || (!yes.legacy && !no.legacy && !yes.external && !no.external) || yes.mode === no.mode) continue;
      if (testUsableAt(ctx, resolved, site)) {
        plans.traced.add(resolved.node);
        continue;
      }
      plans.away.add(resolved.node);
    } else if (resolved.kind === "dynamic" || resolved.kind === "choices") {
      // Everything that can reach this request at run time: if both IDs do, they are siblings.
      const chosen = resolved.kind === "choices" ? new Set(resolved.literals) : undefined;
      const contributors = [...byNode.values()].filter((l) => chosen?.has(l.node) || l.occ.uses.some((u) => u.request === site));
      // V4 IDs among the choices count too: rewriting a legacy one to the same name would merge them.
      const kept = resolved.kind === "choices" ? resolved.literals.filter((n) => !byNode.has(n)).map((n) => stringValue(n) ?? "") : [];
      // An initial value or default that code replaces at run time is not what is sent: rewriting it
      // alone would change what a fresh start sends, with no mode written for it.
      // With a spread after the model, the callers' values are contributors too: they replace it.
      if (resolved.kind === "dynamic" && resolved.overridden) {
        for (const l of contributors) {
          const replacing = !!override && l.node !== unwrap(site.model);
          holdOverridden(ctx, l, replacing ? `the model of the request at line ${site.node.loc.start.line}` : resolved.reason, replacing ? "replacing" : resolved.reason.startsWith("the parameter") && passedByCaller(ctx, l.node) ? "passed" : "initial");
        }
      }
      // So do the values other modules' calls pass.
      const outside = resolved.kind === "choices" ? (resolved.remote ?? []).map((r) => r.value ?? "") : [];
      runTimeSiblings(site, contributors.map((l) => l.occ), kept, outside);
    }
  }
  return plans;
}

/** `model ? model : FALLBACK`: a branch decided at run time makes the whole choice run-time data. */
function runTimeBranch(ctx: Ctx, resolved: Resolved): Resolved {
  if (resolved.kind !== "conditional") return resolved;
  for (const [branch, other] of [[resolved.consequent, resolved.alternate], [resolved.alternate, resolved.consequent]] as const) {
    const r = resolveValue(branch, ctx.scope);
    if (r.kind === "dynamic" || r.kind === "choices") {
      const shown = ctx.src.slice(branch.start, branch.end);
      return { kind: "dynamic", reason: `a condition whose value \`${shown}\` is decided at run time (${r.reason})`, fallback: other };
    }
  }
  return resolved;
}

/**
 * `{ model: "…", ...fields }` with `fields` a parameter: the callers' objects come after the
 * model and may replace it. Followed where every call is in this file; otherwise why not.
 */
function spreadOverride(ctx: Ctx, site: RequestSite): string | undefined {
  const props: Node[] = site.options?.properties ?? [];
  const after = site.modelProp ? props.slice(props.indexOf(site.modelProp) + 1) : [];
  for (const spread of after.filter((p) => p.type === "SpreadElement")) {
    const arg = unwrap(spread.argument);
    const b = arg.type === "Identifier" ? ctx.scope.lookup(arg.name, arg) : undefined;
    if (b?.kind !== "param" || !b.fn || b.index === undefined || b.key) continue;
    const key = keyName(site.modelProp!)!;
    const name = ctx.scope.calledBy(b.fn);
    const callee = name && ctx.scope.lookup(name.name, name);
    const spreadAfter = `the parameter \`${arg.name}\` is spread after it`;
    if (!callee || callee.exportedAs.length > 0) return `\`${key}\`, which callers outside this file can replace (${spreadAfter})`;
    const passed = (ctx.scope.argumentsAt(b.fn, b.index, key) ?? []).filter((n): n is Node => !!n);
    if (passed.length > 0) return `\`${key}\`, which callers in this file replace (line ${passed.map((n) => n.loc.start.line).join(", ")}; ${spreadAfter})`;
  }
  return undefined;
}

/** Another module's default sent to another server (`process.env.M ?? "deepseek-chat"` imported): that server's name, kept there. */
function otherServersDefault(ctx: Ctx, site: RequestSite): void {
  const resolved = resolveValue(site.model!, ctx.scope);
  if (resolved.kind !== "dynamic" || !resolved.importedDefault || site.host.kind !== "gateway") return;
  const at = site.model!;
  ctx.links?.veto(resolved.importedDefault, "unknown", gatewayWords(site.host), ctx.file, at.loc.start.line, at.loc.start.column + 1);
}

/**
 * A request here sends another module's default that run-time data replaces: rewriting the
 * default alone would change what a fresh start sends with no mode written for it, so the
 * defining module keeps it (as a replaced initial value in one file is kept).
 */
function holdImportedDefault(ctx: Ctx, site: RequestSite, id: ImportedId): void {
  const at = site.model ?? site.node;
  const why = `the default a request's model starts from, which ${id.overriddenBy} replaces at run time`;
  const advice = "The request gets whatever replaces it and no one thinking mode can be written for it: " +
    "migrate this default, the values that replace it and the mode at the request together, by hand.";
  ctx.links?.veto(id, "unknown", why, ctx.file, at.loc.start.line, at.loc.start.column + 1, advice);
}

/**
 * `model: cond ? "deepseek-chat" : "gpt-4o-mini"`: one branch is DeepSeek's, the other is not.
 * A mode written at the request would go to the other model too (OpenAI rejects the field), and
 * the DeepSeek branch rewritten without one would start thinking: the ID stays, reported.
 */
function holdAgainstOther(ctx: Ctx, site: RequestSite, test: Node, branch: Branch, other: Node): void {
  if (!branch.legacy && !branch.external) return;
  const line = site.node.loc.start.line;
  const text = (n: Node) => ctx.src.slice(n.start, n.end);
  const example = `...(condition ? { ${modeProperty(ctx, { mode: branch.mode })} } : {})`;
  const why = otherBranchWhy(text(test), text(other));
  const advice = otherBranchAdvice(branch.final, example);
  if (branch.external) {
    ctx.links?.veto(branch.external, "unknown", why, ctx.file, line, site.node.loc.start.column + 1, advice);
    return;
  }
  const l = branch.legacy!;
  holdLegacy(ctx, l, `"${l.occ.match.prefix}${l.occ.match.legacyId}" is ${why} on line ${line}: not rewritten. ${advice}`);
}

/** The JS twin of Python's: another module's ID among the values a reassigned name sends is kept there, and the request reported. */
function holdAssignedImports(ctx: Ctx, site: RequestSite, ids: ImportedId[], reason: string): void {
  const at = site.model ?? site.node;
  for (const id of ids) {
    if (id.legacyId === id.replacement) continue;
    const advice = "No one thinking mode can be written for all the values this request sends: migrate this ID and state the mode where it is chosen, by hand " +
      `(e.g. \`...(condition ? { ${modeProperty(ctx, { mode: id.mode })} } : {})\` for that branch only).`;
    ctx.links?.veto(id, "unknown", `one of the values of ${reason}, sent by a request`, ctx.file, at.loc.start.line, at.loc.start.column + 1, advice);
  }
}

function holdOverridden(ctx: Ctx, l: Legacy, reason: string, stands: "initial" | "replacing" | "passed"): void {
  holdLegacy(ctx, l, overriddenMessage(l.occ.match, reason, stands));
}

/** A call's argument, or a property of an object literal written as one (`make({ model: "…" })`). */
function passedByCaller(ctx: Ctx, literal: Node): boolean {
  let child = literal;
  let parent = ctx.parsed.parents.get(child);
  if (parent?.type === "ObjectProperty" && parent.value === child) {
    child = ctx.parsed.parents.get(parent)!;
    parent = ctx.parsed.parents.get(child);
  }
  return (parent?.type === "CallExpression" || parent?.type === "NewExpression") && parent.arguments.includes(child);
}

/** A value literal kept before the role model decides, with the finding that says why (once). */
function holdLegacy(ctx: Ctx, l: Legacy, message: string): void {
  if (l.occ.held || l.occ.position.kind !== "value") return;
  l.occ.held = true;
  addFinding(ctx, l.node, RULE_IDS.unproven, matchSeverity(l.occ.match, ctx.settings), message);
}

/** A branch of a conditional model: a legacy ID (with its mode and what it becomes) or a V4 ID kept as it is (it thinks by default). */
interface Branch {
  mode: Mode;
  final: string;
  legacy?: Legacy;
  /** A legacy ID another module defines (`MODELS.chat` imported): that module rewrites it. */
  external?: ImportedId;
}

function branchOf(ctx: Ctx, node: Node, byNode: Map<Node, Legacy>, site?: RequestSite): Branch | undefined {
  const legacy = byNode.get(node);
  if (legacy) return { mode: legacy.occ.match.mode, final: legacy.occ.match.replacement, legacy };
  const value = stringValue(node);
  if (value !== undefined) return isV4Id(value, ctx.settings, site?.prefixes ?? []) ? { mode: "thinking", final: value } : undefined;
  const named = node.type === "Identifier" || node.type === "MemberExpression" ? resolveValue(node, ctx.scope) : undefined;
  if (named?.kind === "external") return { mode: named.id.mode, final: named.id.replacement, external: named.id };
  // `think ? DEEP : FAST` with the constants in this file: the branch is the literal the name holds.
  if (named?.kind === "string") return named.literal !== node ? branchOf(ctx, named.literal, byNode, site) : undefined;
  return undefined;
}

/** A condition may be copied to the request only if it names the same things there. */
function testUsableAt(ctx: Ctx, resolved: Extract<Resolved, { kind: "conditional" }>, site: RequestSite): boolean {
  if (site.model && unwrap(site.model) === resolved.node) return true;
  const simple = memberPath(resolved.test) !== undefined || resolved.test.type === "UnaryExpression" || comparison(ctx, resolved.test);
  return simple && ctx.scope.enclosingFunction(resolved.node) === ctx.scope.enclosingFunction(site.node);
}

/** `kind === "deep"`: names no code reassigns compared with names or literals; the same value at the request. */
function comparison(ctx: Ctx, test: Node): boolean {
  if (test.type !== "BinaryExpression" || !["===", "!==", "==", "!="].includes(test.operator)) return false;
  const plain = (n: Node) => stringValue(n) !== undefined || ["NumericLiteral", "BooleanLiteral", "NullLiteral"].includes(n.type) ||
    (n.type === "Identifier" && !ctx.scope.isReassigned(n.name)) || (n.type === "MemberExpression" && !n.computed && memberPath(n) !== undefined && memberPath(n)![0] !== "this");
  return plain(unwrap(test.left)) && plain(unwrap(test.right));
}

/**
 * A condition choosing between the two IDs (between non-thinking and thinking) that no
 * request can take its mode from: rewriting both branches to one ID would lose the mode,
 * so both stay, with one finding. Names (identities) are left to the role model.
 */
function holdConditionals(ctx: Ctx, legacy: Legacy[], plans: Plans, lines: LineIndex): void {
  const byNode = new Map(legacy.map((l) => [l.node, l]));
  for (const node of ctx.parsed.all) {
    if (node.type !== "ConditionalExpression" || plans.traced.has(node)) continue;
    const sides = [branchOf(ctx, unwrap(node.consequent), byNode), branchOf(ctx, unwrap(node.alternate), byNode)];
    const found = conditionNotTraced(sides, ctx.links, ctx.file, lines.position(node.start), plans.away.has(node), ctx.settings);
    if (found) addFinding(ctx, node, RULE_IDS.conditionalMix, found.severity, found.message);
  }
}

function rewriteLiterals(ctx: Ctx, legacy: Legacy[], decisions: Decisions, traced: Set<Node>): void {
  const byNode = new Map(legacy.map((l) => [l.node, l.occ]));
  const byLegacy = new Map(legacy.map((l) => [l.node, l]));
  for (const { node, occ } of legacy) {
    if (decisions.verdict.get(occ) !== "rewrite") continue;
    const parent = ctx.parsed.parents.get(node);
    const sides = parent && parent.type === "ConditionalExpression" && traced.has(parent) ? [unwrap(parent.consequent), unwrap(parent.alternate)] : undefined;
    const finals = sides?.map((n: Node) => branchOf(ctx, n, byLegacy)?.final);
    // Both branches end as one ID: the conditional becomes that ID (the mode carries the condition). Otherwise each branch is rewritten in place.
    if (parent && sides && finals![0] === finals![1]) {
      if (sides.find((n: Node) => byNode.has(n)) === node) {
        const branches = sides.map((n: Node) => byNode.get(n)).filter((o): o is Occurrence => !!o).map((o) => o.match);
        addFinding(ctx, parent, RULE_IDS.legacyModelId, groupSeverity(branches, ctx.settings),
          `Conditional legacy IDs become one ID, "${occ.match.replacement}", with the mode chosen by the same condition at the request.`,
          [{ start: parent.start, end: parent.end, text: requote(ctx, node, occ.match.replacement) }]);
      }
      continue;
    }
    const { ruleId, message } = idRewriteMessage(occ.match);
    addFinding(ctx, node, ruleId, matchSeverity(occ.match, ctx.settings), message, [{ start: node.start, end: node.end, text: requote(ctx, node, occ.match.replacement) }]);
    if (decisions.role.get(occ) === "config" && roleOf(occ) === "config" && !objectStatesMode(ctx, node)) {
      ctx.findings.push(consumerNote(occ, ctx.settings, noUseWhere(occ.uses)));
    }
  }
}

/** A `model` value in an object literal that already has a mode key: the mode is set. */
function objectStatesMode(ctx: Ctx, literal: Node): boolean {
  const prop = ctx.parsed.parents.get(literal);
  const obj = prop?.type === "ObjectProperty" ? ctx.parsed.parents.get(prop) : undefined;
  return obj?.type === "ObjectExpression" && hasMode(obj);
}

/** At each request: the mode through its pass-through, or why it cannot be set here; its ledger entry. */
function writeMode(ctx: Ctx, plan: Plan, byNode: Map<Node, Legacy>, decisions: Decisions): RawRequest | undefined {
  const { site, resolved } = plan;
  if (!resolved) return undefined;
  const source = modelSource(ctx, resolved, byNode);
  const entry = (mode: RequestMode): RawRequest => ({ start: site.node.start, end: site.node.end, client: site.shape, sources: sourcesOf(ctx, resolved, byNode), mode: mode === "no-pass-through" && site.withheld ? "withheld" : mode, ...(site.dependency ? { dependency: site.dependency } : {}) });
  const choice = modeChoiceFor(source, decisions, ctx.links);
  if (choice === "held") return entry("held");
  const stated = statesMode(ctx, site);
  // A mode sent on one branch only (`thinking: deep ? {…} : undefined`): owed on the other, and never overwritten here.
  const partial = stated ? undefined : partialMode(site);
  const owed = (id: string): RequestMode => (partial ? reportPartial(ctx, partial, id) : reportImplicit(ctx, site, id));
  if (choice === "keep") {
    // An alias moved to its successor keeps the request's mode; a request that states none is still owed one.
    return entry(stated ? "explicit" : owed(sentId(source) ?? ctx.settings.rules.targets.flash));
  }
  if (!choice) {
    if (resolved.kind === "string" && isV4Id(resolved.value, ctx.settings, site.prefixes)) {
      return entry(stated ? "explicit" : owed(resolved.value));
    }
    // A request fed a rewritten legacy ID is DeepSeek's, whatever its client says.
    const fed = [...byNode.values()].some((l) => decisions.verdict.get(l.occ) === "rewrite" && l.occ.uses.some((u) => u.request === site)) ||
      v4Uses(ctx).some((l) => l.uses.some((u) => u.request === site)) || (resolved.kind === "dynamic" && (!!resolved.importedDefault || !!resolved.assignedImports));
    if ((resolved.kind === "dynamic" || resolved.kind === "choices") && (site.host.kind === "deepseek" || fed)) {
      if (!stated) reportDynamic(ctx, site, resolved.reason, resolved.kind === "dynamic" ? resolved.fallback : undefined);
      return entry(stated ? "explicit" : "dynamic");
    }
    // `cond ? "deepseek-flash" : "gpt-4o-mini"`: the DeepSeek branch owes its mode (held: the legacy branch stays, reported).
    if (resolved.kind === "conditional") {
      const branches = [resolved.consequent, resolved.alternate].map((n) => ({ n, b: branchOf(ctx, n, byNode, site) }));
      if (branches.some(({ n, b }) => byNode.has(n) || b?.legacy)) return entry("held");
      // A branch naming a constant of this file counts as the literal it holds (`think ? DEEP : FAST` after a migration).
      const v4 = branches.map(({ n, b }) => stringValue(n) ?? (b && !b.external ? b.final : undefined)).find((v) => v !== undefined && isV4Id(v, ctx.settings, site.prefixes));
      // Here the mode sent for the DeepSeek branch only is the right form (the other branch is another provider's).
      if (v4) return entry(stated || partial ? "explicit" : reportImplicit(ctx, site, v4));
    }
    // A request to DeepSeek's API with a model no row names (a typo, `deepseek-chat:free`) is still in the ledger: it states a mode or owes one.
    if (resolved.kind === "string" && (site.host.kind === "deepseek" || routedToDeepSeek(resolved.value, site.prefixes))) {
      // Through a routing prefix the recommended name keeps it (`deepseek/deepseek-flash`).
      const prefix = routedToDeepSeek(resolved.value, site.prefixes) ? site.prefixes.find((p) => resolved.value.startsWith(p))! : "";
      if (!stated) addFinding(ctx, site.model!, RULE_IDS.implicitMode, "warning", unknownModelMessage(resolved.value, prefix + ctx.settings.rules.targets[ctx.settings.target]));
      return entry(stated ? "explicit" : "implicit");
    }
    return undefined;
  }
  if (site.host.kind === "deepseek" && site.host.setting) {
    addFinding(ctx, site.node, RULE_IDS.thinkingMode, "info", `This request's endpoint is the user setting \`${site.host.setting}\`, whose default is DeepSeek's API: ` +
      "migrated as a DeepSeek request. A user who points the setting at another server needs a server that accepts the V4 ID and the thinking field.");
  }
  // A mode the request already states, in any form, is kept: never doubled or contradicted.
  if (stated) return entry("explicit");
  if (partial) return entry(fillPartialMode(ctx, partial, choice) ? "migrated" : owed(sentId(source) ?? newModelId(ctx.settings)));
  if (resolved.kind === "string" && resolved.viaParam) {
    addFinding(ctx, site.model!, RULE_IDS.thinkingMode, "info",
      PARAMETER_DEFAULT_NOTE);
  }
  const before = ctx.findings.length;
  addMode(ctx, site, choice);
  const thinking = !("mode" in choice) || choice.mode === "thinking";
  if (thinking && site.options) adviseTools(ctx, site.options);
  if ("mode" in choice && choice.mode === "non-thinking") checkReasoningReads(ctx, site.node);
  return entry(settleWrittenMode(ctx.findings, before) ?? reportImplicit(ctx, site, sentId(source) ?? newModelId(ctx.settings)));
}

/** Every value that can reach the request's model, in words, for the ledger. */
function sourcesOf(ctx: Ctx, resolved: Resolved, byNode: Map<Node, Legacy>): string[] {
  const literal = (n: Node) => {
    const value = stringValue(n);
    const legacy = byNode.get(n);
    return `"${value}"${legacy && legacy.occ.match.replacement !== value ? ` → "${legacy.occ.match.replacement}"` : ""} (line ${n.loc.start.line})`;
  };
  if (resolved.kind === "string") return [literal(resolved.literal)];
  if (resolved.kind === "choices") return [...resolved.literals.map(literal), ...(resolved.remote ?? []).map((r) => `"${r.value}" (${r.at})`)];
  if (resolved.kind === "conditional") {
    return [resolved.consequent, resolved.alternate].map((n) => {
      const branch = stringValue(n) === undefined ? branchOf(ctx, n, byNode) : undefined;
      return stringValue(n) !== undefined ? literal(n) : branch?.legacy ? literal(branch.legacy.node) : namedSource(ctx.src.slice(n.start, n.end), branch?.external);
    });
  }
  if (resolved.kind === "external") return [externalWords(resolved.id)];
  return [resolved.kind === "dynamic" ? resolved.reason : "a value ds-migrate cannot follow"];
}

// V4 IDs are followed to their requests like legacy ones, so a request they feed stays a DeepSeek request after the migration.
interface V4Literal {
  node: Node;
  value: string;
  uses: Use[];
}

const v4UseCache = new WeakMap<Ctx, V4Literal[]>();

function v4Uses(ctx: Ctx): V4Literal[] {
  let cached = v4UseCache.get(ctx);
  if (!cached) {
    const flow: FlowCtx = ctx;
    cached = ctx.parsed.all
      .map((node) => ({ node, value: node.type === "TemplateElement" ? undefined : stringValue(node) }))
      .filter((l): l is { node: Node; value: string } => !!l.value && isV4Id(l.value, ctx.settings, ctx.settings.rules.providerPrefixes) && positionOf(flow, l.node)?.kind === "value")
      .map((l) => ({ ...l, uses: usesOf(flow, l.node) }));
    v4UseCache.set(ctx, cached);
  }
  return cached;
}

/** What the request's model resolves to, for the shared mode decision (transforms/roles.ts). */
function modelSource(ctx: Ctx, resolved: Resolved, byNode: Map<Node, Legacy>): ModelSource {
  const occ = (n: Node) => {
    const b = byNode.get(n)?.occ ? undefined : branchOf(ctx, n, byNode);
    return byNode.get(n)?.occ ?? b?.legacy?.occ ?? (b?.external ? { external: b.external } : b ? ("v4" as const) : undefined);
  };
  if (resolved.kind === "external") return { kind: "external", id: resolved.id };
  if (resolved.kind === "string") return { kind: "literals", occurrences: [byNode.get(resolved.literal)?.occ] };
  // A value another module passes has no occurrence here: no one mode can be chosen from this file.
  if (resolved.kind === "choices") return { kind: "literals", occurrences: [...resolved.literals.map(occ), ...(resolved.remote ?? []).map(() => undefined)] };
  if (resolved.kind === "conditional") return { kind: "literals", occurrences: [occ(resolved.consequent), occ(resolved.alternate)], condition: ctx.src.slice(resolved.test.start, resolved.test.end) };
  return { kind: "other" };
}

function reportDynamic(ctx: Ctx, site: RequestSite, reason: string, fallback?: Node): void {
  const target = ctx.settings.rules.targets[ctx.settings.target];
  const { example, advice } = modeExample(ctx, site, fallbackMode(fallback ? stringValue(fallback) : undefined, ctx.settings));
  addFinding(ctx, site.model!, RULE_IDS.dynamicModel, "warning", advice ? dynamicModelNoPassMessage(reason, target, advice) : dynamicModelMessage(reason, target, example));
}

/** A request whose mode is left out on one branch: V4 thinks there, whatever the model did before. */
function reportPartial(ctx: Ctx, at: Node, id: string): RequestMode {
  addFinding(ctx, at, RULE_IDS.implicitMode, "warning", `"${id}" is sent with a thinking mode on one branch only: where \`${ctx.src.slice(at.start, at.end)}\` leaves it out, ` +
    `the request thinks (V4's default). Give that branch its mode (e.g. ${modeProperty(ctx, { mode: "non-thinking" })}${at.type === "SpreadElement" ? "" : " instead of undefined"}).`);
  return "implicit";
}

/** A request that states no mode: reported, as implicit, or as having no way to send one (the same rule before and after migration). */
function reportImplicit(ctx: Ctx, site: RequestSite, id: string): RequestMode {
  const { example, advice } = modeExample(ctx, site);
  if (advice) {
    addFinding(ctx, site.model!, RULE_IDS.noPassThrough, "warning", noPassThroughModeMessage(id, advice));
    return "no-pass-through";
  }
  addFinding(ctx, site.model!, RULE_IDS.implicitMode, "warning", implicitModeMessage(id, example));
  return "implicit";
}

/** How this request would state the non-thinking mode, or, without a pass-through, the advice. */
function modeExample(ctx: Ctx, site: RequestSite, choice: Mode = "non-thinking"): { example: string; advice?: string } {
  const mode = modeProperty(ctx, { mode: choice });
  const pass = site.pass;
  if (pass.kind === "none") return { example: mode, advice: pass.advice.replace("{mode}", mode) };
  const example = pass.kind === "nested" ? `${pass.name}: { ${mode} }`
    : pass.kind === "provider-options" ? `providerOptions: { ${pass.provider}: { ${mode} } } on the generateText/streamText call`
    : mode;
  return { example };
}

/** V4 IDs in settings and constants no request is traced from: the mode debt stays visible after a migration (see v4ConsumerNote). */
function noteV4Settings(ctx: Ctx): void {
  for (const { node, value, uses } of v4Uses(ctx)) {
    if (!isV4Id(value, ctx.settings, []) || objectStatesMode(ctx, node) || !untracedSetting(uses)) continue;
    ctx.findings.push(v4ConsumerNote(value, { start: node.start, end: node.end }, ctx.settings, noUseWhere(uses)));
  }
}

/** Where a value no request is traced from must get its mode, for the notes on it. */
function noUseWhere(uses: Use[]): string {
  const handed = uses.find((u) => u.handedOn);
  if (handed) return `where the value is sent (it is ${handed.why})`;
  return uses.some((u) => u.kind === "exported")
    ? "where the value is sent (no use of it was found in this file or in the modules that import it)"
    : "where the value is sent (no use of it was found in this file)";
}

/** A thinking request with tools must send reasoning_content back in later turns. */
function adviseTools(ctx: Ctx, options: Node): void {
  const tools = findProp(options, "tools");
  // `tools: []` sends none.
  if (!tools || (tools.type === "ObjectProperty" && tools.value.type === "ArrayExpression" && tools.value.elements.length === 0)) return;
  const passesBack = ctx.parsed.all.some((n) => (n.type === "ObjectProperty" || n.type === "Property") && keyName(n) === "reasoning_content");
  if (passesBack) return;
  addFinding(ctx, tools, RULE_IDS.reasoningToolsAdvice, "warning",
    "This thinking-mode request (formerly deepseek-reasoner) sends tools, and no message in this file carries reasoning_content back: " +
      "in multi-turn tool calls, thinking mode requires each assistant message to be sent back with its reasoning_content.");
}

/** Reading reasoning_content in the function of a request now non-thinking finds nothing. */
function checkReasoningReads(ctx: Ctx, request: Node): void {
  const fn = ctx.scope.enclosingFunction(request);
  for (const n of ctx.parsed.all) {
    const isRead = (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") &&
      ((!n.computed && n.property.name === "reasoning_content") || stringValue(n.property) === "reasoning_content");
    if (!isRead || ctx.scope.enclosingFunction(n) !== fn) continue;
    addFinding(ctx, n, RULE_IDS.reasoningContentRead, "warning",
      `Reads reasoning_content, but the request at line ${request.loc.start.line} is migrated in non-thinking mode (it was deepseek-chat), whose responses carry none. ` +
        "Set that request to thinking mode if this code needs the reasoning, or drop the read.");
  }
}

function requote(ctx: Ctx, literal: Node, value: string): string {
  const q = ctx.src[literal.start];
  return q === "'" || q === '"' || q === "`" ? `${q}${value}${q}` : `${ctx.quote}${value}${ctx.quote}`;
}

/**
 * Rewrites and reports DeepSeek URLs; returns the exported names holding a bare host no client
 * here takes (TransformResult.baseUrls) and those naming DeepSeek's API at all (.hosts).
 */
function migrateUrls(ctx: Ctx): { baseUrls: string[]; hosts: string[]; otherHosts: NonNullable<TransformResult["otherHosts"]> } {
  const baseUrls: string[] = [];
  const hosts: string[] = [];
  const otherHosts: NonNullable<TransformResult["otherHosts"]> = [];
  const flow: FlowCtx = ctx;
  for (const node of ctx.parsed.all) {
    const value = stringValue(node);
    if (value === undefined || node.type === "TemplateElement") continue;
    const verdict = classifyUrl(value, ctx.settings.rules);
    if (!verdict) {
      const beta = betaPathBeside(ctx, node, value);
      if (beta) ctx.findings.push(beta);
      otherHosts.push(...otherHostExports(ctx, node, value));
      continue;
    }
    hosts.push(...hostExportNames(ctx, node));
    if (verdict.kind === "canonical" || verdict.kind === "untouched") continue;
    const position = positionOf(flow, node);
    if (!position) continue;
    if (position.kind === "text") {
      addFinding(ctx, node, RULE_IDS.idInText, "info", `A DeepSeek URL in ${position.why}: left as it is.`);
      continue;
    }
    const origin = isBareHostUrl(value) && verdict.kind === "rewrite" && !verdict.insecure ? originName(ctx, node) : undefined;
    if (origin) {
      addFinding(ctx, node, RULE_IDS.idInText, "info", `"${value}" is an origin (in \`${origin}\`), not a base URL: left as it is.`);
      continue;
    }
    const join = addsVersion(value, verdict) ? joinOf(ctx, node) : undefined;
    // `export const BASE_URL = "https://api.deepseek.com"` that only other modules' clients read (the engine proves it: Linker.baseUrlProven).
    const names = !join && isBareHostUrl(value) && !ctx.scope.baseLiterals.has(node) ? exportedHostNames(ctx, node) : [];
    baseUrls.push(...names);
    const proven = ctx.scope.baseLiterals.has(node) || (names.length > 0 && names.every((name) => !!ctx.links?.baseUrlProven?.(ctx.file, name)));
    const finding = urlFinding(value, verdict, { start: node.start, end: node.end }, { start: node.start + 1, end: node.end - 1 }, join ? join.loc.start.line : undefined, !proven);
    if (finding) ctx.findings.push(finding);
  }
  return { baseUrls, hosts, otherHosts };
}

/** An exported name holding another server's URL (or an environment variable's default one): importers' clients built on it go there. */
function otherHostExports(ctx: Ctx, literal: Node, value: string): NonNullable<TransformResult["otherHosts"]> {
  // Most URL strings are not an exported name's value: that test (a few parent steps) goes first.
  const names = /^https?:\/\//i.test(value) ? hostExportNames(ctx, literal) : [];
  if (names.length === 0 || hostOfText(ctx.settings, value).kind !== "gateway") return [];
  const parent = ctx.parsed.parents.get(literal);
  const setting = parent?.type === "LogicalExpression" && parent.right === literal ? memberPath(parent.left)?.join(".") : undefined;
  return names.map((name) => ({ name, url: value, ...(setting ? { setting } : {}) }));
}

/** The export names of a DeepSeek URL: of the literal itself, or of an environment variable's default (`process.env.X ?? "…"`). */
function hostExportNames(ctx: Ctx, literal: Node): string[] {
  const parent = ctx.parsed.parents.get(literal);
  const holder = parent?.type === "LogicalExpression" && parent.right === literal && fallbackOf(ctx, literal) ? parent : literal;
  return exportedHostNames(ctx, holder, true);
}

/**
 * The names other modules import a bare host by: `export const BASE = "…"` (BASE) or
 * `export const DEEPSEEK = { baseURL: "…" }` (DEEPSEEK.baseURL), a module-level const this
 * module never changes, and (unless `readHereToo`) never reads itself: a read here could be
 * anything, which a rewrite must not change. None otherwise.
 */
function exportedHostNames(ctx: Ctx, literal: Node, readHereToo = false): string[] {
  const parent = ctx.parsed.parents.get(literal);
  const prop = parent && (parent.type === "ObjectProperty" || parent.type === "Property") && parent.value === literal && !parent.computed ? parent : undefined;
  let key = prop ? keyName(prop) : undefined;
  const object = prop ? ctx.parsed.parents.get(prop) : undefined;
  let init = prop ? (key && object?.type === "ObjectExpression" ? object : undefined) : literal;
  // An entry of a table (`PROVIDERS = { "deepseek-chat": { host: "…" } }`): importers read it as `PROVIDERS[key].host`.
  const entry = init && ctx.parsed.parents.get(init);
  const table = entry?.type === "ObjectProperty" && entry.value === init ? ctx.parsed.parents.get(entry) : undefined;
  if (table?.type === "ObjectExpression") {
    init = table;
    key = `*.${key}`;
  }
  const declarator = init && ctx.parsed.parents.get(init);
  if (declarator?.type !== "VariableDeclarator" || declarator.init !== init || declarator.id.type !== "Identifier") return [];
  const binding = ctx.scope.lookup(declarator.id.name, declarator.id);
  if (binding?.kind !== "const" || binding.scope !== ctx.parsed.program || binding.exportedAs.length === 0 || ctx.scope.isReassigned(binding.name)) return [];
  if (!readHereToo && ctx.scope.references(binding).some((ref) => !isExportReference(ctx, ref))) return [];
  return binding.exportedAs.filter((as) => as !== "default").map((as) => (key ? `${as}.${key}` : as));
}

/** `export { BASE }`, `module.exports = { BASE }`, `exports.BASE = BASE`: a reference that only exports the binding. */
function isExportReference(ctx: Ctx, ref: Node): boolean {
  const parent = ctx.parsed.parents.get(ref);
  if (parent?.type === "ExportSpecifier") return true;
  const holder = (parent?.type === "ObjectProperty" || parent?.type === "Property") && parent.value === ref ? ctx.parsed.parents.get(ctx.parsed.parents.get(parent)!) : parent;
  if (holder?.type !== "AssignmentExpression" || ctx.parsed.parents.get(holder)?.type !== "ExpressionStatement") return false;
  return /^(module\.)?exports(\.|$)/.test(memberPath(holder.left)?.join(".") ?? "");
}

/**
 * Every read of another module's bare-host name (TransformResult.baseUrls) tells the linker how
 * it is used: as a client's base URL, or otherwise (joined with a path, logged, compared, the
 * whole settings object handed on…), which keeps it as it is.
 */
function reportImportedBaseUrls(ctx: Ctx): void {
  for (const binding of ctx.scope.imports()) {
    const names = binding.source ? ctx.links!.baseUrlNamesOf!(ctx.file, binding.source) : [];
    if (names.length === 0) continue;
    for (const ref of ctx.scope.references(binding)) {
      // `BASE`, `config.BASE`, `config.DEEPSEEK.baseURL`: every name the read spells, shortest first.
      const reads = binding.imported === "*" ? [] : [{ name: binding.imported!, node: ref }];
      for (let node = ref, parent = ctx.parsed.parents.get(ref); parent?.type === "MemberExpression" && parent.object === node && !parent.computed && parent.property.type === "Identifier"; node = parent, parent = ctx.parsed.parents.get(parent)) {
        reads.push({ name: reads.length > 0 ? `${reads.at(-1)!.name}.${parent.property.name}` : parent.property.name, node: parent });
      }
      const read = reads.filter((r) => names.includes(r.name)).at(-1);
      if (read) {
        ctx.links!.baseUrlRead!(ctx.file, binding.source!, read.name, ctx.scope.baseUrlArgs.has(read.node) || heldForBase(ctx, read.node));
        continue;
      }
      // The object that holds one, read whole (handed on, spread): anything may happen to it.
      const whole = reads.at(-1)?.name;
      for (const name of names.filter((n) => whole === undefined || n.startsWith(`${whole}.`))) ctx.links!.baseUrlRead!(ctx.file, binding.source!, name, false);
    }
  }
}

/** `const base = config.BASE_URL`, a const whose every read is a client's base URL. */
function heldForBase(ctx: Ctx, read: Node): boolean {
  const declarator = ctx.parsed.parents.get(read);
  if (declarator?.type !== "VariableDeclarator" || declarator.init !== read || declarator.id.type !== "Identifier") return false;
  const binding = ctx.scope.lookup(declarator.id.name, declarator.id);
  if (binding?.kind !== "const") return false;
  const reads = ctx.scope.references(binding);
  return reads.length > 0 && reads.every((r) => ctx.scope.baseUrlArgs.has(r));
}

/**
 * Node's request options name the host and the path apart (`{ hostname: "api.deepseek.com",
 * path: "/beta/completions" }` for `https.request`): the beta endpoint is reported on the path,
 * as it is in a whole URL.
 */
function betaPathBeside(ctx: Ctx, literal: Node, host: string): RawFinding | undefined {
  const prop = ctx.parsed.parents.get(literal);
  const key = prop && (prop.type === "ObjectProperty" || prop.type === "Property") && prop.value === literal ? keyName(prop) : undefined;
  if ((key !== "hostname" && key !== "host") || !ctx.settings.rules.hosts.includes(host)) return undefined;
  const options = ctx.parsed.parents.get(prop!);
  const path = options?.type === "ObjectExpression" ? findProp(options, "path")?.value : undefined;
  const pathValue = path ? stringValue(path) : undefined;
  if (!path || pathValue === undefined || !pathValue.startsWith("/")) return undefined;
  const url = `https://${host}${pathValue}`;
  const verdict = classifyUrl(url, ctx.settings.rules);
  return verdict?.kind === "beta" ? urlFinding(url, verdict, { start: path.start, end: path.end }, { start: path.start + 1, end: path.end - 1 }) : undefined;
}

/** The property or variable an origin list or CSP source sits under (`connectSrc: [..., URL]`, `allowedOrigins = [URL]`), if its name says so. */
function originName(ctx: Ctx, literal: Node): string | undefined {
  let node = literal;
  for (let parent = ctx.parsed.parents.get(node); parent; node = parent, parent = ctx.parsed.parents.get(node)) {
    if (parent.type === "ArrayExpression") continue;
    const name = (parent.type === "ObjectProperty" || parent.type === "Property") && parent.value === node ? keyName(parent)
      : parent.type === "VariableDeclarator" && parent.init === node && parent.id.type === "Identifier" ? parent.id.name
      : undefined;
    return name && ORIGIN_NAME.test(name) ? name : undefined;
  }
  return undefined;
}

/**
 * Where the project joins a base URL with a path of its own (`base + "/…"`, `${BASE}/${VERSION}/…`,
 * `new URL(path, BASE)`, also after `.replace(/\/$/, "")`), directly or through what holds it: the
 * const, the parameter it is the default of, a class field, and the `this.x` a parameter is kept in.
 * That code decides the path, so adding `/v1` to the base could double it.
 */
function joinOf(ctx: Ctx, literal: Node): Node | undefined {
  return [literal, ...readsOf(ctx, literal)].map((n) => joinAt(ctx, n)).find((j) => !!j);
}

const TRIM_METHODS = new Set(["replace", "replaceAll", "trim", "trimEnd"]);

function joinAt(ctx: Ctx, read: Node): Node | undefined {
  let n = read;
  for (let member = ctx.parsed.parents.get(n); member?.type === "MemberExpression" && member.object === n && TRIM_METHODS.has(memberName(member) ?? "");) {
    const call = ctx.parsed.parents.get(member);
    if (call?.type !== "CallExpression" || call.callee !== member) break;
    n = call;
    member = ctx.parsed.parents.get(n);
  }
  const parent = ctx.parsed.parents.get(n);
  if (parent?.type === "BinaryExpression" && parent.operator === "+" && parent.left === n) return parent;
  if (parent?.type === "TemplateLiteral") return parent;
  if (parent?.type === "NewExpression" && memberPath(parent.callee)?.join(".") === "URL" && parent.arguments[1] === n) return parent;
  return undefined;
}

/** The reads of a literal's value: through its const, the parameter it defaults, a class field, and `this.x` a parameter is kept in. */
function readsOf(ctx: Ctx, literal: Node): Node[] {
  const parent = ctx.parsed.parents.get(literal);
  if ((parent?.type === "ClassProperty" || parent?.type === "PropertyDefinition") && parent.value === literal && !parent.static) {
    return thisReads(ctx, ctx.parsed.parents.get(parent), keyName(parent));
  }
  const id = parent?.type === "VariableDeclarator" && parent.init === literal ? parent.id : parent?.type === "AssignmentPattern" && parent.right === literal ? parent.left : undefined;
  if (id?.type !== "Identifier") return [];
  const holder = ctx.parsed.parents.get(parent!);
  // `constructor(private url = "…")`: the parameter is also the field `this.url`.
  const field = holder?.type === "TSParameterProperty" ? thisReads(ctx, ctx.scope.enclosingClass(holder), id.name) : [];
  const binding = ctx.scope.lookup(id.name, id);
  const refs = binding ? ctx.scope.references(binding) : [];
  const kept = refs.flatMap((r) => {
    const assign = ctx.parsed.parents.get(r);
    const target = assign?.type === "AssignmentExpression" && assign.right === r ? memberPath(assign.left) : undefined;
    return target?.length === 2 && target[0] === "this" ? thisReads(ctx, ctx.scope.enclosingClass(assign!), target[1]) : [];
  });
  return [...refs, ...field, ...kept];
}

function memberName(member: Node): string | undefined {
  return !member.computed && member.property.type === "Identifier" ? member.property.name : undefined;
}

/** `this.name` read in a class body (not written). */
function thisReads(ctx: Ctx, body: Node | undefined, name: string | undefined): Node[] {
  if (!body || !name) return [];
  return ctx.parsed.all.filter((m) => m.type === "MemberExpression" && m.object.type === "ThisExpression" && memberName(m) === name &&
    m.start > body.start && m.end <= body.end && !(ctx.parsed.parents.get(m)?.type === "AssignmentExpression" && ctx.parsed.parents.get(m)!.left === m));
}

function reportComments(ctx: Ctx): void {
  for (const comment of ctx.parsed.comments) {
    if (textHits(comment.value, ctx.settings).length === 0) continue;
    addFinding(ctx, comment, RULE_IDS.idInText, "info", "A legacy DeepSeek ID or URL in a comment: not rewritten; update the text if it matters.");
  }
}

/**
 * An ID in JSX text (`<p>Use deepseek-chat for speed</p>`, an `<option>`'s label) is copy users
 * read, never a value a request sends: information of its own, with what the copy should now say.
 */
function reportJsxText(ctx: Ctx): void {
  for (const node of ctx.parsed.all) {
    if (node.type !== "JSXText") continue;
    for (const hit of textHits(ctx.src.slice(node.start, node.end), ctx.settings)) {
      const match = matchLegacyId(hit.needle, ctx.settings, false);
      if (!match) continue; // a host in UI copy needs no update
      const mode = match.keepsMode ? "" : `, ${match.mode} mode`;
      addFinding(ctx, { start: node.start + hit.start, end: node.start + hit.end }, RULE_IDS.idInText, "info",
        `"${hit.needle}" in JSX text is UI copy, not a model value: not rewritten; update it with the migration (its V4 successor is "${match.replacement}"${mode}).`);
    }
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

/** The legacy IDs other modules can import from this one, rewritten or held. */
function collectExports(ctx: Ctx, legacy: Legacy[], decisions: Decisions): ExportedId[] {
  const out: ExportedId[] = [];
  for (const { node, occ } of legacy) {
    const verdict = decisions.verdict.get(occ);
    if (verdict !== "rewrite" && verdict !== "hold") continue;
    for (const u of occ.uses) {
      if (u.kind !== "exported") continue;
      const id: ExportedId = { name: u.why, legacyId: occ.match.legacyId, mode: occ.match.mode, replacement: occ.match.replacement, start: node.start, end: node.end };
      if (verdict === "hold") id.held = true;
      if (occ.match.keepsMode) id.keepsMode = true;
      const by = replacedBy(ctx, node);
      if (by) id.overriddenBy = by;
      out.push(id);
    }
  }
  return out;
}

/**
 * V4 IDs other modules import: their requests state a mode or owe one (the gate remembers a
 * migrated or hand-fixed constant); the ID itself never changes, so importers add no mode.
 */
function v4Exports(ctx: Ctx): ExportedId[] {
  return v4Uses(ctx).flatMap(({ node, value, uses }) => uses.filter((u) => u.kind === "exported").map((u): ExportedId => {
    const id: ExportedId = { name: u.why, legacyId: value, mode: "thinking", replacement: value, keepsMode: true, start: node.start, end: node.end };
    const by = replacedBy(ctx, node);
    if (by) id.overriddenBy = by;
    return id;
  }));
}

/** What replaces an exported literal at run time, in words: the left side of its fallback, or a store's saved settings. */
function replacedBy(ctx: Ctx, literal: Node): string | undefined {
  const setting = storeDefaultOf(ctx.scope, literal);
  return fallbackOf(ctx, literal) ?? (setting && savedSettingsWords(setting.library));
}

/** What replaces a literal that is the fallback of `a ?? "…"` / `a || "…"` (the environment variable, or the left side's text). */
function fallbackOf(ctx: Ctx, literal: Node): string | undefined {
  let node = literal;
  let parent = ctx.parsed.parents.get(node);
  while (parent && ["ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression"].includes(parent.type)) {
    node = parent;
    parent = ctx.parsed.parents.get(node);
  }
  if (parent?.type !== "LogicalExpression" || parent.right !== node || !["??", "||"].includes(parent.operator)) return undefined;
  const left = memberPath(unwrap(parent.left));
  if (left?.[0] === "process" && left[1] === "env" && left.length === 3) return `the environment variable ${left[2]}`;
  return `\`${ctx.src.slice(parent.left.start, parent.left.end)}\``;
}

/**
 * In a module that imports legacy IDs from another: how each imported value is used here.
 * A use as a name (key, comparison, option) or one ds-migrate cannot follow keeps the
 * definition from being rewritten (the engine re-decides the defining module).
 */
function reportImportedUses(ctx: Ctx, lines: LineIndex): void {
  const flow: FlowCtx = ctx;
  const report = (read: Node) => {
    // The member chain read from the import up to the exported value (`config.llm.model`), not
    // beyond it: `config.llm.model.includes(…)` inspects the value.
    let node: Node | undefined = read;
    let resolved = resolveValue(node, ctx.scope);
    while (resolved.kind !== "external" && node) {
      const p = ctx.parsed.parents.get(node);
      node = p && (p.type === "MemberExpression" || p.type === "OptionalMemberExpression") && p.object === node && !p.computed ? p : undefined;
      if (node) resolved = resolveValue(node, ctx.scope);
    }
    if (!node) {
      wholeObjectRead(ctx, lines, read);
      return;
    }
    if (resolved.kind !== "external") return;
    for (const u of usesOf(flow, node)) {
      if (u.kind !== "identity" && u.kind !== "unknown") continue;
      const at = lines.position(u.start);
      ctx.links!.veto(resolved.id, u.kind, u.why, ctx.file, at.line, at.column);
    }
  };
  for (const binding of ctx.scope.imports()) {
    for (const ref of ctx.scope.references(binding)) {
      report(ref);
      for (const read of factoryReads(ctx, ref)) report(read);
    }
  }
}

/**
 * An imported object (or module namespace) holding exported IDs, read whole where its entries
 * become names: enumerated (`Object.values(models)` then each registered by name, a spread, a
 * `for…in`) or asserted on in a test (`expect(chatModel).toEqual(…)`). Each ID in it then names
 * an entry: its definition stays (two definitions in two modules would otherwise become one
 * entry, and the test's expectation would no longer hold).
 */
function wholeObjectRead(ctx: Ctx, lines: LineIndex, read: Node): void {
  const last = memberChain(ctx, read);
  const why = wholeReadWords(ctx, last);
  if (!why) return;
  const path = memberPath(last);
  const head = path && ctx.scope.lookup(path[0]!, read);
  if (!path || head?.kind !== "import" || !head.source || !ctx.links?.exportsUnder) return;
  const prefix = [...(head.imported === "*" ? [] : [head.imported!]), ...path.slice(1)].join(".");
  const at = lines.position(last.start);
  for (const id of ctx.links.exportsUnder(ctx.file, head.source, prefix)) ctx.links.veto(id, "identity", why, ctx.file, at.line, at.column);
}

const ENUMERATING = new Set(["Object.values", "Object.keys", "Object.entries"]);

/** How a whole-object read makes its entries names, in words; undefined for any other read. */
function wholeReadWords(ctx: Ctx, node: Node): string | undefined {
  const parent = ctx.parsed.parents.get(node);
  if (parent?.type === "CallExpression" && parent.arguments[0] === node) {
    const callee = memberPath(parent.callee)?.join(".");
    if (callee && ENUMERATING.has(callee)) return `its entries enumerated by \`${callee}()\``;
  }
  if (parent?.type === "SpreadElement") return "its entries spread into another collection";
  if (parent?.type === "ForInStatement" && parent.right === node) return "its entries enumerated by `for…in`";
  if (isTestFile(ctx.file) && insideAssertion(ctx, node)) return "test data asserted on";
  return undefined;
}

/** Inside `expect(…)`, `assert…(…)` or `t.deepEqual(…)`-style calls of a test. */
function insideAssertion(ctx: Ctx, node: Node): boolean {
  for (let p = ctx.parsed.parents.get(node); p && !isFunction(p); p = ctx.parsed.parents.get(p)) {
    if (p.type !== "CallExpression") continue;
    const callee = memberPath(p.callee);
    const name = callee?.[callee.length - 1];
    if (callee?.[0] === "expect" || callee?.[0] === "assert" || (name && /^(assert|deepEqual|deepStrictEqual|equal|strictEqual|is|toEqual|toStrictEqual|toMatchObject)/.test(name))) return true;
  }
  return false;
}

function memberChain(ctx: Ctx, start: Node): Node {
  let node = start;
  for (let p = ctx.parsed.parents.get(node); p && (p.type === "MemberExpression" || p.type === "OptionalMemberExpression") && p.object === node && !p.computed; p = ctx.parsed.parents.get(node)) node = p;
  return node;
}

/** `getSettings()` imported: the call itself, or each reference of `const s = getSettings()` (their fields are its exports). */
function factoryReads(ctx: Ctx, ref: Node): Node[] {
  const callee = memberChain(ctx, ref);
  const call = ctx.parsed.parents.get(callee);
  if (call?.type !== "CallExpression" || call.callee !== callee || call.arguments.length > 0) return [];
  const decl = ctx.parsed.parents.get(call);
  if (decl?.type !== "VariableDeclarator" || decl.init !== call || decl.id.type !== "Identifier") return [call];
  const b = ctx.scope.lookup(decl.id.name, decl.id);
  return b?.kind === "const" ? ctx.scope.references(b) : [];
}

export type { LegacyMatch, Mode, Use };
