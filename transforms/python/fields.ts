// Fields of a module's dataclasses and pydantic models that a request in another module reads
// (`ChatOpenAI(model=cfg.model)` with `cfg: ModelCfg` imported). Every construction decides such a
// field, wherever it is: this module declares the field as a sink (ParamSink.readElsewhere), each
// module building the class passes what it gives, and anything that may fill or change an instance
// where ds-migrate cannot see (a loader, a framework, a subclass, an assignment) passes "unknown".
import type { ModuleLinks, ParamSink } from "../../src/findings.js";
import type { PyFlowCtx } from "./flow.js";
import { argumentsOf, memberPath, stringOf, type PyNode } from "./tree.js";

type DeclaredSink = Omit<ParamSink, "line" | "file"> & { start: number };
/** What the escape search reads: the module's scope, tree and text. */
type EscapeCtx = Pick<PyFlowCtx, "scope" | "parsed" | "src">;

/** Decorators that leave a function's parameters to its callers (any other may be a framework's route or tool). */
const PLAIN_DECORATOR = /^@\s*(staticmethod|classmethod|property|(\w+\.)?(abstractmethod|override|cache|lru_cache|cached_property|wraps))\b/;

/** Walked up from a class name to its annotation: `Optional[Cfg]`, `Cfg | None`, `list[Cfg]`. */
const ANNOTATION_PARTS = new Set(["MemberExpression", "BinaryExpression", "TupleExpression", "ArgList"]);

/**
 * Sinks for the legacy defaults (`literals`) that are fields of this module's constructed classes
 * and that no request here reads (those are sinks already, `taken`).
 */
export function elsewhereFieldSinks(ctx: PyFlowCtx, literals: PyNode[], taken: Set<PyNode>): DeclaredSink[] {
  const out: DeclaredSink[] = [];
  for (const literal of literals) {
    const field = ctx.scope.constructedFieldOf(literal);
    const nameNode = field?.cls.children.find((c) => c.name === "VariableName");
    if (!field || !nameNode || taken.has(field.anchor)) continue;
    const name = ctx.src.slice(nameNode.from, nameNode.to);
    const localWhy: Array<{ why: string; line: number } | undefined> = [];
    const local: Array<string | null> = ctx.scope.fieldArgs(field.cls, field.attr).map((arg) => {
      const r = ctx.scope.resolve(arg ?? literal);
      localWhy.push(r.kind === "dynamic" && arg ? { why: r.reason, line: ctx.scope.lineOf(arg) } : undefined);
      return r.kind === "string" ? r.value : null;
    });
    const builders = ctx.scope.ownBuilders(field.cls);
    if (fieldEscapes(ctx, name, ctx.parsed.root, field.attr, builders).length > 0 || ctx.scope.factoryBuilds(field.cls).length > 0) local.push(null);
    const value = stringOf(literal, ctx.src)?.value;
    out.push({ name, param: field.attr, index: -1, keyword: field.attr, local, ...(value !== undefined ? { default: value } : {}), start: field.anchor.from, readElsewhere: true, ...(localWhy.some((w) => w) ? { localWhy } : {}), ...(builders.size > 0 ? { builders: [...builders] } : {}) });
  }
  return out;
}

/**
 * In a module importing such a class: each place that may fill or change an instance where no
 * argument shows it passes "unknown" to the field's sink.
 */
export function passFieldEscapes(ctx: PyFlowCtx & { file: string }, links: ModuleLinks, at: (n: PyNode) => string): void {
  for (const b of ctx.scope.imports()) {
    // Classes: a lower-case import is a module or a function, never asked about (each lookup resolves a path).
    if (!b.source || !b.imported || b.imported === "*" || !/^[A-Z]/.test(b.imported)) continue;
    const sinks = (links.sinksOf?.(ctx.file, b.source, b.imported) ?? []).filter((s) => s.readElsewhere);
    for (const sink of sinks) {
      for (const { node, why } of fieldEscapes(ctx, b.name, b.scope, sink.keyword!, new Set(sink.builders))) links.passArg!(sink, { value: null, at: at(node), why });
    }
  }
}

/**
 * Where the class `name` (bound in `scope`) is used other than to build it by a call, to annotate
 * a parameter of a plain function, a variable or a return, or to test an instance; and where an
 * instance's `attr` is assigned, `setattr` or `model_copy(update=…)` changes it.
 */
export function fieldEscapes(ctx: EscapeCtx, name: string, scope: PyNode, attr: string, builders = new Set<string>()): Array<{ node: PyNode; why: string }> {
  const out: Array<{ node: PyNode; why: string }> = [];
  for (const ref of ctx.scope.references(name, scope)) {
    const p = ref.parent;
    if (!p || p.name === "ImportStatement" || (p.name === "ClassDefinition" && p.children.find((c) => c.name === "VariableName") === ref)) continue;
    if (p.name === "CallExpression" && p.children[0] === ref) continue;
    // `Cfg.from_env()`: the class's own factory, whose `cls(…)` arguments its module counts.
    const method = p.name === "MemberExpression" && p.children[0] === ref && p.parent?.name === "CallExpression" ? p.children.find((c) => c.name === "PropertyName") : undefined;
    if (method && builders.has(ctx.src.slice(method.from, method.to))) continue;
    if (p.name === "ArgList" && isTypeTest(ctx, p.parent)) continue;
    const annotation = annotationOf(ctx, ref);
    if (annotation === "plain") continue;
    out.push({ node: ref, why: annotation ?? escapeWords(ctx, ref, name) });
  }
  for (const node of ctx.parsed.all) {
    const set = node.name === "AssignStatement" ? node.children.find((c, i) => node.children[i + 1]?.name === "AssignOp" && setsAttr(ctx, c, attr)) : undefined;
    if (set) out.push({ node, why: `\`${ctx.src.slice(set.from, set.to)} = …\`, which changes an instance after it is built` });
    else if (node.name === "CallExpression" && changesAttr(ctx, node, attr)) out.push({ node, why: `\`${clip(ctx.src.slice(node.from, node.to))}\`, which changes an instance's \`${attr}\`` });
  }
  return out;
}

/** How the class is used where no argument shows the field: `Cfg.model_validate(…)`, a subclass, handed on. */
function escapeWords(ctx: EscapeCtx, ref: PyNode, name: string): string {
  const p = ref.parent!;
  if (p.name === "MemberExpression" && p.children[0] === ref && p.parent?.name === "CallExpression") return `\`${clip(ctx.src.slice(p.from, p.to))}(…)\`, which builds an instance from data ds-migrate cannot see`;
  if (p.name === "ArgList" && p.parent?.name === "ClassDefinition") return `a subclass of \`${name}\`, which may give the field another default`;
  return `\`${name}\` handed to code that may build instances from data ds-migrate cannot see`;
}

/** `@router.post(path="/llm", …)` → `@router.post(…)`. */
function decoratorHead(text: string): string {
  const open = text.indexOf("(");
  return open === -1 ? text.trim() : `${text.slice(0, open).trim()}(…)`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isTypeTest(ctx: EscapeCtx, call: PyNode | null | undefined): boolean {
  const callee = call?.name === "CallExpression" ? call.children[0]! : undefined;
  return !!callee && ["isinstance", "issubclass"].includes(ctx.src.slice(callee.from, callee.to));
}

/**
 * `cfg: Cfg` on a plain function's parameter, `-> Cfg`, or `x: Cfg = …` in a function or module:
 * "plain". On a decorated function's parameter (a route, a tool) or a class body's field (a nested
 * model a parser fills): how the framework fills it, in words. undefined when not an annotation.
 */
function annotationOf(ctx: EscapeCtx, ref: PyNode): "plain" | string | undefined {
  let n: PyNode | null | undefined = ref.parent;
  while (n && ANNOTATION_PARTS.has(n.name)) n = n.parent;
  if (n?.name !== "TypeDef") return undefined;
  const owner = n.parent;
  if (owner?.name === "FunctionDefinition") return "plain";
  if (owner?.name === "ParamList") {
    const fn = owner.parent;
    const decorators = fn?.parent?.name === "DecoratedStatement" ? fn.parent.children.filter((c) => c.name === "Decorator") : [];
    const framework = decorators.find((d) => !PLAIN_DECORATOR.test(ctx.src.slice(d.from, d.to)));
    if (!framework) return "plain";
    const fnName = fn!.children.find((c) => c.name === "VariableName");
    return `a parameter of \`${fnName ? ctx.src.slice(fnName.from, fnName.to) : "a function"}()\`, which its decorator \`${decoratorHead(ctx.src.slice(framework.from, framework.to))}\` may fill from a request`;
  }
  if (owner?.name === "AssignStatement" && owner.parent?.parent?.name === "ClassDefinition") return "a field of another model, which its parser may fill from data";
  return owner?.name === "AssignStatement" ? "plain" : undefined;
}

/** `x.attr = …` (not `self.attr`, the class's own attribute): an instance changed after it was built. */
function setsAttr(ctx: EscapeCtx, target: PyNode, attr: string): boolean {
  if (target.name !== "MemberExpression") return false;
  const path = memberPath(target, ctx.src);
  return !!path && path.length >= 2 && path.at(-1) === attr && !(path.length === 2 && path[0] === "self");
}

/** `setattr(x, "attr", …)`, `x.model_copy(update=…)` / `x.copy(update=…)`. */
function changesAttr(ctx: EscapeCtx, call: PyNode, attr: string): boolean {
  const path = memberPath(call.children[0]!, ctx.src);
  const args = argumentsOf(call, ctx.src);
  if (path?.length === 1 && path[0] === "setattr") return !!args[1] && stringOf(args[1].value, ctx.src)?.value === attr;
  return !!path && path.length >= 2 && ["model_copy", "copy"].includes(path.at(-1)!) && args.some((a) => a.keyword === "update");
}
