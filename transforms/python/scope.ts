// Same-file scopes and value tracing for Python. Backward: from a `model=` argument to
// the string that defines it (module constant, class attribute, `self.x = ...`,
// parameter default, dict entry), or to the reason it cannot be known. Forward (flow.ts
// uses it): every read of a name.
import type { ImportedId, ModuleLinks, RemoteArg } from "../../src/findings.js";
import { argumentsOf, dictEntries, memberPath, stringOf, type PyNode, type PyParsed } from "./tree.js";
import { LineIndex } from "../../src/text.js";
import { narrowPrefixes, remoteId } from "../shared.js";
import { fieldEscapes } from "./fields.js";

export type PyResolved =
  | { kind: "string"; literal: PyNode; value: string; viaParam: boolean }
  | { kind: "conditional"; node: PyNode; test: PyNode; consequent: PyNode; alternate: PyNode }
  | { kind: "dict"; node: PyNode }
  | { kind: "external"; id: ImportedId }
  /**
   * `fallback`: a literal written as the default (`os.getenv("X", "default")`, `a or "b"`, an f-string's head).
   * `overriddenImport`: an imported legacy ID the environment overrides (another module's settings field): the request is fed a DeepSeek ID.
   */
  /** `assignedImports`: a name assigned more than once (`if ds: model = DS_MODEL else: model = "gpt-4o"`), some of it another module's ID. */
  | { kind: "dynamic"; reason: string; fallback?: string; overridden?: boolean; overriddenImport?: ImportedId; assignedImports?: ImportedId[] }
  /** One of several literals, picked at run time from a table (`TABLE[key]["model"]`). */
  | { kind: "choices"; literals: PyNode[]; reason: string; remote?: RemoteArg[] };

export interface PyBinding {
  name: string;
  scope: PyNode;
  kind: "assign" | "param" | "import" | "class" | "function";
  value?: PyNode;
  /** The declaring name node. */
  id?: PyNode;
  /** For params: the parameter's type annotation. */
  annotation?: PyNode;
  source?: string;
  /** For imports: the imported name, or "*" when the binding is the module itself. */
  imported?: string;
}

const SCOPES = new Set(["Script", "FunctionDefinition", "ClassDefinition", "LambdaExpression"]);
const MAX_DEPTH = 8;
const ENV_CALLS = new Set(["os.getenv", "os.environ.get", "getenv", "environ.get"]);
/** Attributes a client instance (LangChain's ChatOpenAI, ChatDeepSeek, …) keeps its model in. */
const CLIENT_MODEL_ATTRS = new Set(["model_name", "model"]);

/** Appends in place: copying the list per entry made a name read thousands of times (`self`) quadratic. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function ancestors(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let n = node.parent; n; n = n.parent) out.push(n);
  return out;
}

export function scopeOf(node: PyNode): PyNode {
  let n = node.parent;
  while (n && !SCOPES.has(n.name)) n = n.parent;
  return n ?? node;
}

/** `cls(a=…, b=…)`: every argument by keyword, so each field passed (or left out) is seen. */
function keywordsOnly(args: Array<{ keyword?: string }>): boolean {
  return args.every((a) => a.keyword !== undefined && a.keyword !== "*" && a.keyword !== "**");
}

/** `@classmethod` or `@staticmethod` on a function defined in a class body. */
function classLevelMethod(fn: PyNode, src: string): "classmethod" | "staticmethod" | undefined {
  const decorated = fn.parent?.name === "DecoratedStatement" ? fn.parent : undefined;
  if (decorated?.parent?.parent?.name !== "ClassDefinition") return undefined;
  const names = decorated.children.filter((c) => c.name === "Decorator").map((d) => src.slice(d.from, d.to).replace(/^@\s*/, "").trim());
  return names.includes("classmethod") ? "classmethod" : names.includes("staticmethod") ? "staticmethod" : undefined;
}

export class PyScope {
  /** URL literals proven to be a client's base URL (a `base_url` argument resolves to them): only these may gain `/v1`. */
  readonly baseLiterals = new Set<PyNode>();
  /** Expressions a client takes as its base URL (an imported name there is read as one: links.baseUrlRead). */
  readonly baseUrlArgs = new Set<PyNode>();
  private readonly bindings = new Map<string, PyBinding[]>();
  /** `self.name = value` assignments, per class. */
  private readonly selfAttrs = new Map<PyNode, Map<string, PyNode[]>>();
  private readonly declaring = new Set<PyNode>();
  private readonly refsByName = new Map<string, PyNode[]>();
  /** Parameters a request's model was traced to (the candidates for sinks other modules feed). */
  readonly paramReads = new Set<PyBinding>();
  /** The provider prefixes (`deepseek/`) every request reading a parameter accepts (ParamSink.prefixes). */
  readonly paramPrefixes = new Map<PyBinding, string[]>();
  /** Those of the request whose model is being resolved (set by the caller for each request). */
  requestPrefixes: string[] = [];
  /** `param or fallback` reads: the fallback stands in for the parameter's `None` default (ParamSink.default). */
  readonly paramFallbacks = new Map<PyBinding, PyNode>();

  readParam(binding: PyBinding): void {
    this.paramReads.add(binding);
    narrowPrefixes(this.paramPrefixes, binding, this.requestPrefixes);
  }
  /** Parameters whose model attribute a request reads (`ChatOpenAI(model=llm.model_name)`): sinks fed with a client instance. */
  readonly clientParamReads = new Map<PyBinding, Set<string>>();
  /** `def wrap(self, x, **kwargs): return self.send(x, **kwargs)`: each such `**` parameter, the keywords it forwards (a sink each) and the parameter each reaches. */
  readonly kwargsForwards = new Map<PyBinding, Map<string, PyNode>>();
  // What other modules pass a forwarding `**` parameter, by the function and keyword it reaches (`${fn.from}:${keyword}`).
  private forwardedRemote = new Map<string, RemoteArg[]>();

  constructor(
    private readonly parsed: PyParsed,
    private readonly src: string,
    readonly file = "",
    readonly links?: ModuleLinks,
  ) {
    for (const node of parsed.all) this.record(node);
    for (const node of parsed.all) {
      if (node.name !== "VariableName" || this.declaring.has(node) || isKeywordName(node)) continue;
      const name = this.text(node);
      pushTo(this.refsByName, name, node);
    }
  }

  private text(node: PyNode): string {
    return this.src.slice(node.from, node.to);
  }

  /** Every import binding (the linking pass asks the linker about these only). */
  imports(): PyBinding[] {
    return (this.importList ??= [...this.bindings.values()].flat().filter((b) => b.kind === "import"));
  }

  private importList: PyBinding[] | undefined;

  private add(name: string, binding: Omit<PyBinding, "name">): void {
    pushTo(this.bindings, name, { name, ...binding });
    this.importList = undefined;
    if (binding.id) this.declaring.add(binding.id);
  }

  private record(node: PyNode): void {
    if (node.name === "AssignStatement") this.recordAssign(node);
    else if (node.name === "ParamList") this.recordParams(node);
    else if (node.name === "ImportStatement") this.recordImport(node);
    else if (node.name === "ClassDefinition" || node.name === "FunctionDefinition") {
      const name = node.children.find((c) => c.name === "VariableName");
      if (name) this.add(this.text(name), { scope: scopeOf(node), kind: node.name === "ClassDefinition" ? "class" : "function", value: node, id: name });
    } else if (node.name === "ForStatement" || node.name === "UpdateStatement" || node.name === "NamedExpression") {
      const target = node.children.find((c) => c.name === "VariableName");
      if (target) this.add(this.text(target), { scope: scopeOf(node), kind: "assign", id: target });
    } else if (node.name === "WithStatement") {
      // Every item's target: `with (A() as a, B() as b):` binds both, each to its context expression
      // (what a client's `__enter__` returns: the client itself).
      node.children.forEach((target, i) => {
        if (node.children[i - 1]?.name !== "as" || target.name !== "VariableName") return;
        const value = node.children[i - 2];
        this.add(this.text(target), { scope: scopeOf(node), kind: "assign", id: target, ...(value ? { value } : {}) });
      });
    }
  }

  private recordAssign(node: PyNode): void {
    const ops = node.children.filter((c) => c.name === "AssignOp");
    const value = ops.length > 0 ? node.children[node.children.length - 1]! : undefined;
    // `a = b = value`: every target before the last `=` gets the value.
    const targets = node.children.filter((c, i) => i < node.children.length - (value ? 1 : 0) && c.name !== "AssignOp" && c.name !== "TypeDef" && c.name !== ",");
    for (const target of targets) {
      if (target.name === "VariableName") {
        this.add(this.text(target), { scope: scopeOf(node), kind: "assign", value, id: target });
        continue;
      }
      const path = memberPath(target, this.src);
      if (path?.length === 2 && path[0] === "self" && value) {
        const cls = this.enclosingClass(node);
        if (!cls) continue;
        const attrs = this.selfAttrs.get(cls) ?? new Map<string, PyNode[]>();
        pushTo(attrs, path[1]!, value);
        this.selfAttrs.set(cls, attrs);
      }
      if (target.name === "TupleExpression" || target.name === "ArrayExpression") {
        for (const c of target.children) if (c.name === "VariableName") this.add(this.text(c), { scope: scopeOf(node), kind: "assign", id: c });
      }
    }
  }

  private recordParams(list: PyNode): void {
    const fn = list.parent!;
    const items = list.children.filter((c) => !["(", ")", ","].includes(c.name));
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.name !== "VariableName") continue;
      let j = i + 1;
      const annotation = items[j]?.name === "TypeDef" ? items[j] : undefined;
      if (annotation) j++;
      const hasDefault = items[j]?.name === "AssignOp" && items[j + 1];
      const binding: Omit<PyBinding, "name"> = { scope: fn, kind: "param", id: item };
      if (hasDefault) binding.value = items[j + 1];
      if (annotation) binding.annotation = annotation;
      this.add(this.text(item), binding);
      i = hasDefault ? j + 1 : j - 1;
    }
  }

  /** `from .m import a as b` binds b to m's a; `import pkg.m as x` (or `import m`) binds the module. */
  private recordImport(node: PyNode): void {
    const kids = node.children;
    const importAt = kids.findIndex((c) => c.name === "import");
    if (importAt === -1) return;
    const groups = splitOnCommas(kids.slice(importAt + 1));
    if (kids[0]?.name === "from") {
      const source = this.src.slice(kids[1]!.from, kids[importAt]!.from).replace(/\s+/g, "");
      for (const c of kids.slice(1, importAt)) if (c.name === "VariableName") this.declaring.add(c);
      for (const g of groups) {
        const name = g.find((c) => c.name === "VariableName");
        const hasAs = g.some((c) => c.name === "as");
        const alias = g[g.findIndex((c) => c.name === "as") + 1];
        if (!name) continue;
        this.declaring.add(name);
        this.add(this.text(hasAs && alias ? alias : name), { scope: this.parsed.root, kind: "import", source, imported: this.text(name), id: hasAs && alias ? alias : name });
      }
      return;
    }
    for (const g of groups) {
      const asAt = g.findIndex((c) => c.name === "as");
      const names = (asAt === -1 ? g : g.slice(0, asAt)).filter((c) => c.name === "VariableName");
      for (const n of names) this.declaring.add(n);
      const dotted = names.map((c) => this.text(c));
      if (asAt !== -1 && g[asAt + 1]) this.add(this.text(g[asAt + 1]!), { scope: this.parsed.root, kind: "import", source: dotted.join("."), imported: "*", id: g[asAt + 1] });
      else if (dotted[0]) this.add(dotted[0], { scope: this.parsed.root, kind: "import", source: dotted[0], imported: "*" });
    }
  }

  enclosingClass(node: PyNode): PyNode | undefined {
    for (let n = node.parent; n; n = n.parent) if (n.name === "ClassDefinition") return n;
    return undefined;
  }

  /** Python scoping: a class body is visible only to code directly in it, not to its methods. */
  lookup(name: string, at: PyNode): PyBinding[] | undefined {
    const candidates = this.bindings.get(name);
    if (!candidates) return undefined;
    let first = true;
    for (let n: PyNode | undefined = at; n; n = n.parent) {
      if (!SCOPES.has(n.name)) continue;
      if (n.name !== "ClassDefinition" || first) {
        const found = candidates.filter((b) => b.scope === n);
        if (found.length > 0) return found;
      }
      first = false;
    }
    return undefined;
  }

  /** Reads of the variable `name` bound in `scope` (excluding the names that bind it). */
  references(name: string, scope: PyNode): PyNode[] {
    return (this.refsByName.get(name) ?? []).filter((ref) => this.lookup(name, ref)?.[0]?.scope === scope);
  }

  /**
   * The module and name an imported read names: `from conf import BASE` read as `BASE`,
   * `import conf` read as `conf.BASE`, `from app import settings` read as `settings.BASE`
   * (the module `app.settings`). undefined for anything else.
   */
  importedName(node: PyNode): { source: string; name: string } | undefined {
    if (node.name !== "VariableName" && node.name !== "MemberExpression") return undefined;
    const path = memberPath(node, this.src);
    const head = path ? this.lookup(path[0]!, node) : undefined;
    const binding = head?.length === 1 && head[0]!.kind === "import" && head[0]!.source ? head[0]! : undefined;
    if (!binding || !path) return undefined;
    const [source, name] = binding.imported === "*" ? [binding.source!, path.length === 2 ? path[1] : undefined]
      : path.length === 1 ? [binding.source!, binding.imported] : path.length === 2 ? [`${binding.source}.${binding.imported}`, path[1]] : [binding.source!, undefined];
    return name ? { source, name } : undefined;
  }

  importSource(name: string): string | undefined {
    return this.bindings.get(name)?.find((b) => b.kind === "import")?.source;
  }

  /** A class defined in this file, by name (the last one wins, as at run time). */
  classNamed(name: string): PyNode | undefined {
    return this.bindings.get(name)?.filter((b) => b.kind === "class").at(-1)?.value;
  }

  selfValues(cls: PyNode, attr: string): PyNode[] {
    return this.selfAttrs.get(cls)?.get(attr) ?? [];
  }

  resolve(expr: PyNode, depth = 0, viaParam = false): PyResolved {
    const node = expr.name === "ParenthesizedExpression" ? expr.children.find((c) => c.name !== "(" && c.name !== ")") ?? expr : expr;
    if (depth > MAX_DEPTH) return { kind: "dynamic", reason: "a chain of references too long to follow" };
    const str = stringOf(node, this.src);
    if (str) return { kind: "string", literal: node, value: str.value, viaParam };
    if (node.name === "ConditionalExpression") {
      // `model if model is not None else DEFAULT`: the parameter, or its fallback when a caller passes nothing.
      const coalesced = this.coalesced(node);
      const passedOrFallback = coalesced ? this.paramOrFallback(coalesced.param, coalesced.fallback, depth) : undefined;
      if (passedOrFallback) return passedOrFallback;
      const [consequent, , test, , alternate] = node.children;
      if (consequent && test && alternate) return { kind: "conditional", node, test, consequent, alternate };
    }
    if (node.name === "DictionaryExpression") return { kind: "dict", node };
    if (node.name === "VariableName") return this.resolveName(node, depth, viaParam);
    if (node.name === "MemberExpression") return this.resolveMember(node, depth, viaParam);
    if (node.name === "CallExpression") return this.resolveCall(node, depth);
    if (node.name === "BinaryExpression" && node.children.some((c) => c.name === "or")) {
      const right = node.children[node.children.length - 1];
      const passedOrFallback = node.children.length === 3 && right ? this.paramOrFallback(node.children[0]!, right, depth) : undefined;
      if (passedOrFallback) return passedOrFallback;
      const fallback = right ? this.resolve(right, depth + 1) : undefined;
      const reason = "a fallback expression (`or`) whose left side is decided at run time";
      // `model or config.MODEL` with the fallback another module's legacy ID: the request is fed that ID
      // whenever the left side is empty (its module must not move it alone, see holdReplacedImport).
      const imported = fallback?.kind === "external" ? fallback.id : fallback?.kind === "dynamic" ? fallback.overriddenImport : undefined;
      if (imported) {
        const left = `\`${this.text(node.children[0]!)}\` when it is set`;
        const shown = `\`${this.text(node)}\`: ${left}, else ${fallback!.kind === "dynamic" ? fallback!.reason : `"${imported.legacyId}" (${imported.file}:${imported.line})`}`;
        return { kind: "dynamic", reason: shown, fallback: imported.legacyId, overriddenImport: { ...imported, overriddenBy: imported.overriddenBy ? `${imported.overriddenBy} or ${left}` : left } };
      }
      return { kind: "dynamic", reason, ...(fallback?.kind === "string" ? { fallback: fallback.value } : {}) };
    }
    if (node.name === "FormatString") return this.resolveFormat(node, depth);
    return { kind: "dynamic", reason: "an expression computed at run time" };
  }

  /**
   * A name or its fallback when the name is empty: `p or D`, `p if p is not None else D`,
   * `p if p else D`, `D if p is None else p`, `D if not p else p`. undefined for anything else.
   */
  coalesced(node: PyNode): { param: PyNode; fallback: PyNode } | undefined {
    const kids = node.children;
    if (node.name === "BinaryExpression" && kids.length === 3 && kids[1]!.name === "or" && kids[0]!.name === "VariableName") return { param: kids[0]!, fallback: kids[2]! };
    if (node.name !== "ConditionalExpression" || kids.length !== 5) return undefined;
    const [consequent, , test, , alternate] = kids as [PyNode, PyNode, PyNode, PyNode, PyNode];
    const t = this.text(test).replace(/\s+/g, " ");
    if (consequent.name === "VariableName") {
      const name = this.text(consequent);
      if (t === `${name} is not None` || t === name) return { param: consequent, fallback: alternate };
    }
    if (alternate.name === "VariableName") {
      const name = this.text(alternate);
      if (t === `${name} is None` || t === `not ${name}`) return { param: alternate, fallback: consequent };
    }
    return undefined;
  }

  /**
   * `model or self.default_model` with `model` a parameter that defaults to `None`: what the
   * callers pass, and the fallback wherever one passes nothing (or `None`). undefined when no
   * caller is known (then the left side is decided at run time).
   */
  private paramOrFallback(left: PyNode, right: PyNode, depth: number): PyResolved | undefined {
    if (left.name !== "VariableName") return undefined;
    const name = this.text(left);
    // `model = model or DEFAULT`: the right side reads the parameter, bound before that statement.
    let statement = left;
    while (statement.parent && statement.name !== "AssignStatement" && statement.parent.name !== "Body") statement = statement.parent;
    const found = this.lookup(name, left)?.filter((b) => b.kind === "param" || !b.id || b.id.from < statement.from);
    const binding = found?.length === 1 && found[0]!.kind === "param" && found[0]!.id ? found[0]! : undefined;
    if (!binding || (binding.value && this.text(binding.value) !== "None")) return undefined;
    // A sink either way, so the linking pass hands it the callers other modules make.
    this.readParam(binding);
    this.paramFallbacks.set(binding, right);
    const local = this.argumentsAt(binding.scope, binding.id!) ?? [];
    const remote = [...(this.links?.argsFor?.(this.file, this.lineOf(binding.id!), name) ?? []), ...this.remoteThroughKwargs(binding.scope, name)];
    if (local.length + remote.length === 0) return undefined;
    const passed = local.map((arg) => (arg && this.text(arg) === "None" ? undefined : arg));
    return this.resolveParameter(name, right, passed, remote, depth, "parameter (or its fallback)");
  }

  /** An f-string's known head: its leading text, or what a leading `{NAME}` resolves to (a URL's host). */
  private resolveFormat(node: PyNode, depth: number): PyResolved {
    const text = this.text(node);
    const open = /^[rRbBuU]?[fF][rR]?("""|'''|"|')/.exec(text);
    const head = open ? text.slice(open[0].length).split("{")[0]! : "";
    const first = node.children.find((c) => c.name === "FormatReplacement");
    let fallback = head;
    if (!head && first && open && first.from === node.from + open[0].length) {
      const inner = first.children.find((c) => c.name !== "{" && c.name !== "}");
      const r = inner ? this.resolve(inner, depth + 1) : undefined;
      fallback = r?.kind === "string" ? r.value : r?.kind === "dynamic" ? r.fallback ?? "" : "";
    }
    return { kind: "dynamic", reason: "an f-string", ...(fallback ? { fallback } : {}) };
  }

  /** The local class a call returns: `Cls()` or a local function annotated `-> Cls`. */
  returnedClass(call: PyNode | undefined): PyNode | undefined {
    if (call?.name !== "CallExpression") return undefined;
    const callee = call.children[0]!;
    if (callee.name !== "VariableName") return undefined;
    const name = this.text(callee);
    const cls = this.classNamed(name);
    if (cls) return cls;
    const fn = this.lookup(name, callee)?.find((b) => b.kind === "function")?.value;
    return fn ? this.factoryClass(fn) : undefined;
  }

  /** The local class a function returns an instance of: annotated `-> Cls`, or what every return builds. */
  factoryClass(fn: PyNode): PyNode | undefined {
    const returns = fn.children.find((c) => c.name === "TypeDef");
    const type = returns?.children.find((c) => c.name === "VariableName");
    if (type) return this.classNamed(this.text(type));
    // Unannotated (`@lru_cache def get_settings(): return Settings()`): what every return builds.
    const built = this.returnsOf(fn).map((v) => (v?.name === "CallExpression" ? v : undefined));
    const classes = new Set(built.map((c) => (c && c.children[0]!.name === "VariableName" ? this.classNamed(this.text(c.children[0]!)) : undefined)));
    return classes.size === 1 ? [...classes][0] : undefined;
  }

  /**
   * `x = get_settings()` / `get_settings()` where the factory is imported: its import and the
   * name other modules export its attributes by (`get_settings()`). Called with arguments
   * (`get_settings(api_key=key)`), the name is `get_settings(…)`: the defining module exports
   * under it only the values no argument can replace (not a parameter's default).
   */
  importedFactory(call: PyNode | undefined): { binding: PyBinding; name: string } | undefined {
    if (call?.name !== "CallExpression") return undefined;
    const callee = call.children[0]!;
    const args = argumentsOf(call, this.src);
    if (callee.name !== "VariableName") return undefined;
    const found = this.lookup(this.text(callee), callee);
    const binding = found?.length === 1 && found[0]!.kind === "import" && found[0]!.imported !== "*" ? found[0]! : undefined;
    return binding ? { binding, name: `${binding.imported}(${args.length > 0 ? "…" : ""})` } : undefined;
  }

  /** An attribute of what another module's factory returns (`get_settings().LLM_MODEL`), answered by the linker. */
  private resolveFactoryAttr(call: PyNode | undefined, rest: string[], shown: string): PyResolved | undefined {
    const factory = this.importedFactory(call);
    if (!factory || rest.length === 0) return undefined;
    return this.resolveImport({ ...factory.binding, imported: factory.name }, rest, shown);
  }

  private resolveCall(node: PyNode, depth: number): PyResolved {
    const path = memberPath(node.children[0]!, this.src)?.join(".");
    if (path && ENV_CALLS.has(path)) {
      const args = argumentsOf(node, this.src);
      const def = args[1] && !args[1].keyword ? args[1].value : args.find((a) => a.keyword === "default")?.value;
      const fallback = def ? this.resolve(def, depth + 1) : undefined;
      const name = args[0] && !args[0].keyword ? stringOf(args[0].value, this.src)?.value : undefined;
      return { kind: "dynamic", reason: name ? `the environment variable ${name}` : "an environment variable", ...(fallback?.kind === "string" ? { fallback: fallback.value } : {}) };
    }
    const built = this.returnedDict(node);
    if (built) return { kind: "dict", node: built };
    const key = this.importedKeyGet(node);
    if (key) return key;
    return { kind: "dynamic", reason: path ? `the result of \`${path}()\`` : "the result of a call" };
  }

  private returnsByFn?: Map<PyNode, PyNode[]>;

  /** The `return` statements of each function (its own, not nested ones'), collected in one walk. */
  private returnStatements(fn: PyNode): PyNode[] {
    if (!this.returnsByFn) {
      this.returnsByFn = new Map();
      for (const n of this.parsed.all) {
        if (n.name !== "ReturnStatement") continue;
        const owner = scopeOf(n);
        this.returnsByFn.set(owner, [...(this.returnsByFn.get(owner) ?? []), n]);
      }
    }
    return this.returnsByFn.get(fn) ?? [];
  }

  /**
   * `CONFIG.get("MODEL", "…")` with `CONFIG` imported and its module exporting `CONFIG.MODEL`: the
   * key is there, so the read is that export (its default here is never taken).
   */
  private importedKeyGet(call: PyNode): PyResolved | undefined {
    const path = memberPath(call.children[0]!, this.src);
    const key = path && path.length >= 2 && path.at(-1) === "get" ? stringOf(argumentsOf(call, this.src)[0]?.value, this.src)?.value : undefined;
    const head = key !== undefined ? this.lookup(path![0]!, call) : undefined;
    if (head?.length !== 1 || head[0]!.kind !== "import" || !head[0]!.source) return undefined;
    const rest = [...path!.slice(1, -1), key!];
    const names = head[0]!.imported === "*" ? rest : [head[0]!.imported!, ...rest];
    if (!this.links?.lookup(this.file, head[0]!.source, names.join("."))) return undefined;
    return this.resolveImport(head[0]!, rest, `${path!.slice(0, -1).join(".")}["${key}"]`);
  }

  /**
   * `self.build_params(…)` (or a function of this module) whose one `return` gives a dict literal, a name bound once to one, or a
   * comprehension over one's `.items()` (`{k: v for k, v in params.items() if v is not None}`):
   * that literal, where a request built from the result finds its model and gets its mode.
   */
  private returnedDict(call: PyNode): PyNode | undefined {
    const path = memberPath(call.children[0]!, this.src);
    const cls = path?.length === 2 && path[0] === "self" ? this.enclosingClass(call) : undefined;
    // `build_payload(…)`, a function of this module (one binding: not redefined).
    const local = path?.length === 1 ? this.lookup(path[0]!, call) : undefined;
    const fn = cls ? this.methodNamed(cls, path![1]!) : local?.length === 1 && local[0]!.kind === "function" ? local[0]!.value : undefined;
    const returns = fn ? this.returnStatements(fn) : [];
    let value = returns.length === 1 ? returns[0]!.children[1] : undefined;
    if (value?.name === "DictionaryComprehensionExpression") {
      const source = value.children.find((c) => c.name === "CallExpression" && memberPath(c.children[0]!, this.src)?.at(-1) === "items");
      const owner = source?.children[0]!.children[0];
      value = owner?.name === "VariableName" ? owner : undefined;
    }
    if (value?.name === "VariableName") {
      const bound = this.lookup(this.text(value), value);
      value = bound?.length === 1 && bound[0]!.kind === "assign" && scopeOf(bound[0]!.value ?? value) === fn ? bound[0]!.value : undefined;
    }
    return value?.name === "DictionaryExpression" ? value : undefined;
  }

  /**
   * What the calls in this file pass for parameter `param` of `fn` (a function, or a class's
   * `__init__` called through the class): one entry per call, undefined where the call leaves it
   * out; a `*args`/`**kwargs` call passes a computed value. undefined for methods (their callers
   * are not followed) and unnamed functions.
   */
  argumentsAt(fn: PyNode, param: PyNode, keywordOnly?: string, depth = 0): Array<PyNode | undefined> | null | undefined {
    if (fn.name !== "FunctionDefinition") return undefined;
    const nameNode = fn.children.find((c) => c.name === "VariableName");
    const list = fn.children.find((c) => c.name === "ParamList");
    if (!nameNode || !list) return undefined;
    const cls = fn.parent?.parent?.name === "ClassDefinition" ? fn.parent.parent : undefined;
    const isInit = this.text(nameNode) === "__init__";
    // `keywordOnly`: what callers pass by that keyword into `**param` (no positional argument reaches it).
    const at = (shift: number) => (keywordOnly ? -1 : positionalIndex(list, param) - shift);
    const paramName = keywordOnly ?? this.text(param);
    const where = { fn, param, keyword: paramName, depth };
    if (cls && !isInit) return this.methodArguments(this.text(nameNode), at(1), paramName, undefined, where);
    // `@classmethod def make(cls, name)` (called `cls.make(…)`, `Factory.make(…)`), `@staticmethod` (no first argument).
    const kind = classLevelMethod(fn, this.src);
    if (kind) return this.methodArguments(this.text(nameNode), at(kind === "classmethod" ? 1 : 0), paramName, fn.parent!.parent!.parent!, where);
    const target = cls ?? fn;
    const calleeNode = cls ? cls.children.find((c) => c.name === "VariableName") : nameNode;
    if (!calleeNode) return undefined;
    const callee = this.text(calleeNode);
    const index = at(cls ? 1 : 0);
    const out: Array<PyNode | undefined> = [];
    const calls = [...this.callsTo(callee).filter((node) => this.lookup(callee, node.children[0]!)?.[0]?.value === target).map((node) => ({ node, shift: 0 })),
      ...(cls ? this.baseInitCalls(cls) : [])];
    for (const { node, shift } of calls) {
      const args = argumentsOf(node, this.src);
      const spread = args.find((a) => a.keyword === "*" || a.keyword === "**");
      const keyword = args.find((a) => a.keyword === paramName);
      const positional = index < 0 ? undefined : args.filter((a) => a.keyword === undefined)[index + shift];
      out.push(...this.passedAt(keyword?.value ?? positional?.value, spread, where));
    }
    return out;
  }

  /**
   * What one call passes for a parameter: its argument, else (a call spreading `**kwargs` of the
   * function it is in, which only ever spreads them on) what that function's callers pass by the
   * parameter's keyword, here and in other modules (recorded as a sink: kwargsForwards). With no
   * caller known anywhere, the spread stays a value computed at run time.
   */
  private passedAt(direct: PyNode | undefined, spread: { keyword?: string; value: PyNode } | undefined, where: { fn: PyNode; param: PyNode; keyword: string; depth: number }): Array<PyNode | undefined> {
    if (direct || !spread) return [direct];
    // One wrapper deep: its sink mirrors the parameter it reaches (ParamSink.reaches), not a chain of them.
    const wrapper = spread.keyword === "**" && where.depth === 0 ? this.forwardingKwargs(spread.value) : undefined;
    if (!wrapper) return [spread.value];
    this.kwargsForwards.set(wrapper, (this.kwargsForwards.get(wrapper) ?? new Map()).set(where.keyword, where.param));
    const callers = this.argumentsAt(wrapper.scope, wrapper.id!, where.keyword, where.depth + 1);
    const remote = this.links?.argsFor?.(this.file, this.lineOf(wrapper.id!), where.keyword) ?? [];
    if (!callers && remote.length === 0) return [spread.value];
    const key = `${where.fn.from}:${where.keyword}`;
    const known = this.forwardedRemote.get(key) ?? [];
    this.forwardedRemote.set(key, [...known, ...remote.filter((r) => !known.some((k) => k.at === r.at && k.value === r.value))]);
    return callers ?? [];
  }

  /** `kwargs` in `f(**kwargs)`: the `**` parameter of the function around it, when that function only spreads it on (no reads, writes or rebinding). */
  private forwardingKwargs(value: PyNode): PyBinding | undefined {
    if (value.name !== "VariableName") return undefined;
    const name = this.text(value);
    const found = this.lookup(name, value);
    const b = found?.length === 1 && found[0]!.kind === "param" && found[0]!.id ? found[0]! : undefined;
    if (!b || !/\*\*\s*$/.test(this.src.slice(Math.max(0, b.id!.from - 4), b.id!.from))) return undefined;
    // Asked for every call that spreads it: the function's body is walked once.
    if (!this.spreadOnly.has(b)) {
      const spread = (n: PyNode) => /\*\*\s*$/.test(this.src.slice(Math.max(0, n.from - 4), n.from));
      const fn = b.scope;
      this.spreadOnly.set(b, this.parsed.all.every((n) => n.name !== "VariableName" || n.from < fn.from || n.to > fn.to || this.text(n) !== name || spread(n)));
    }
    return this.spreadOnly.get(b) ? b : undefined;
  }

  private readonly spreadOnly = new Map<PyBinding, boolean>();

  /** What other modules pass, through forwarding `**kwargs` wrappers, for parameter `keyword` of `fn` (after argumentsAt). */
  remoteThroughKwargs(fn: PyNode, keyword: string): RemoteArg[] {
    return this.forwardedRemote.get(`${fn.from}:${keyword}`) ?? [];
  }

  /** The local classes of this file that name `cls` among their bases. */
  subclassesOf(cls: PyNode): PyNode[] {
    return this.parsed.all.filter((n) => n.name === "ClassDefinition" && n !== cls && this.localBases(n).includes(cls));
  }

  /** The bases of a class that are classes of this file. */
  localBases(cls: PyNode): PyNode[] {
    const bases = cls.children.find((c) => c.name === "ArgList")?.children ?? [];
    return bases.flatMap((b) => {
      const found = b.name === "VariableName" ? this.lookup(this.text(b), b) : undefined;
      return found?.length === 1 && found[0]!.kind === "class" && found[0]!.value ? [found[0]!.value] : [];
    });
  }

  /**
   * The calls that run `cls.__init__` from its subclasses in this file: `super().__init__(...)`
   * and `Base.__init__(self, ...)` in a subclass's methods (shift 1: `self` comes first), and the
   * constructions of a subclass that defines no `__init__` of its own.
   */
  private baseInitCalls(cls: PyNode): Array<{ node: PyNode; shift: number }> {
    const out: Array<{ node: PyNode; shift: number }> = [];
    for (const sub of this.subclassesOf(cls)) {
      for (const node of this.parsed.all) {
        if (node.name !== "CallExpression" || node.from < sub.from || node.to > sub.to || this.enclosingClass(node) !== sub) continue;
        const target = this.superInitTarget(node);
        if (target?.cls === cls) out.push({ node, shift: target.shift });
      }
      const subName = sub.children.find((c) => c.name === "VariableName");
      if (subName && !this.initOf(sub)) {
        for (const node of this.callsTo(this.text(subName))) if (this.lookup(this.text(subName), node.children[0]!)?.[0]?.value === sub) out.push({ node, shift: 0 });
      }
    }
    return out;
  }

  /** `super().__init__(...)` or `Base.__init__(self, ...)` in a class whose base is a class of this file: that base. */
  superInitTarget(call: PyNode): { cls: PyNode; shift: number } | undefined {
    const callee = call.children[0]!;
    const prop = callee.name === "MemberExpression" ? callee.children[callee.children.length - 1] : undefined;
    if (prop?.name !== "PropertyName" || this.text(prop) !== "__init__") return undefined;
    const own = this.enclosingClass(call);
    if (!own) return undefined;
    const object = callee.children[0]!;
    const bases = this.localBases(own);
    if (object.name === "CallExpression" && this.text(object.children[0]!) === "super") return bases[0] ? { cls: bases[0], shift: 0 } : undefined;
    const named = object.name === "VariableName" ? bases.find((b) => b === this.classNamed(this.text(object))) : undefined;
    return named ? { cls: named, shift: 1 } : undefined;
  }

  /** The `__init__` defined in a class body. */
  initOf(cls: PyNode): PyNode | undefined {
    const body = cls.children.find((c) => c.name === "Body");
    return body?.children.find((c) => c.name === "FunctionDefinition" && this.text(c.children.find((n) => n.name === "VariableName") ?? c) === "__init__");
  }

  /** The method `name` defined in a class body (decorated or not). */
  methodNamed(cls: PyNode, name: string): PyNode | undefined {
    const body = cls.children.find((n) => n.name === "Body");
    const defs = body?.children.map((n) => (n.name === "DecoratedStatement" ? n.children.find((d) => d.name === "FunctionDefinition") : n)) ?? [];
    return defs.find((n): n is PyNode => n?.name === "FunctionDefinition" && this.text(n.children.find((v) => v.name === "VariableName") ?? n) === name);
  }

  /** What each `return` of a function (not of functions nested in it) returns; undefined for a bare `return`. */
  returnsOf(fn: PyNode): Array<PyNode | undefined> {
    return this.returnStatements(fn).map((r) => r.children[1]);
  }

  /**
   * What the calls of a method in this file pass (`obj.name(...)`, `self.name(...)`, by name: any
   * object's method of that name counts, which can only add values). None at all means its callers
   * are elsewhere: `null`, so the default is not taken for the value.
   */
  private methodArguments(method: string, index: number, paramName: string, owner: PyNode | undefined, where: { fn: PyNode; param: PyNode; keyword: string; depth: number }): Array<PyNode | undefined> | null {
    const out: Array<PyNode | undefined> = [];
    for (const node of this.parsed.all) {
      const head = node.name === "CallExpression" ? node.children[0] : undefined;
      const prop = head?.name === "MemberExpression" ? head.children[head.children.length - 1] : undefined;
      if (prop?.name !== "PropertyName" || this.text(prop) !== method) continue;
      // A class-level method (`owner`): `cls.m(…)`/`self.m(…)` in that class, or `Owner.m(…)`.
      if (owner && !this.callsClass(head!.children[0]!, owner)) continue;
      const args = argumentsOf(node, this.src);
      const spread = args.find((a) => a.keyword === "*" || a.keyword === "**");
      const keyword = args.find((a) => a.keyword === paramName);
      const positional = index < 0 ? undefined : args.filter((a) => a.keyword === undefined)[index];
      out.push(...this.passedAt(keyword?.value ?? positional?.value, spread, where));
    }
    return out.length > 0 ? out : null;
  }

  private callsClass(object: PyNode, owner: PyNode): boolean {
    const name = this.text(object);
    if (name === "cls" || name === "self") return this.enclosingClass(object) === owner;
    const found = object.name === "VariableName" ? this.lookup(name, object) : undefined;
    return found?.length === 1 && found[0]!.kind === "class" && found[0]!.value === owner;
  }

  // Calls by the callee's name, collected on first use: parameters are resolved often, the module is walked once.
  private callsByName?: Map<string, PyNode[]>;

  private callsTo(name: string): PyNode[] {
    if (!this.callsByName) {
      const byName = new Map<string, PyNode[]>();
      for (const node of this.parsed.all) {
        const head = node.name === "CallExpression" ? node.children[0] : undefined;
        if (head?.name !== "VariableName") continue;
        const list = byName.get(this.text(head));
        if (list) list.push(node);
        else byName.set(this.text(head), [node]);
      }
      this.callsByName = byName;
    }
    return this.callsByName.get(name) ?? [];
  }

  /**
   * A parameter holds its default and whatever every call passes, in this module and (`remote`)
   * in the modules that import it: one ID when they all agree, the values as run-time choices
   * when they differ, dynamic when a caller computes it.
   */
  private resolveParameter(name: string, def: PyNode | undefined, passed: Array<PyNode | undefined>, remote: RemoteArg[], depth: number, what = "parameter"): PyResolved {
    const values: PyNode[] = [];
    for (const arg of passed.filter((a): a is PyNode => !!a)) {
      const r = this.resolve(arg, depth + 1);
      if (r.kind !== "string") return { kind: "dynamic", reason: `the ${what} \`${name}\`, to which a caller passes a value computed at run time`, overridden: true };
      values.push(r.literal);
    }
    // Client instances handed in with different modes: a request built from their model cannot state one.
    const modes = new Set(remote.filter((r) => r.mode !== undefined).map((r) => r.mode));
    if (modes.size > 1) {
      return { kind: "choices", literals: [], remote: remote.filter((r) => typeof r.value === "string"), reason: `the ${what} \`${name}\`, whose callers hand in clients that state different thinking modes (${remote.map((r) => `${r.mode === "none" ? "no mode" : `\`${r.mode}\``} at ${r.at}`).join(", ")})` };
    }
    const computed = remote.find((r) => r.value === null);
    if (computed?.branches) {
      return { kind: "dynamic", reason: `the ${what} \`${name}\`, to which a caller (${computed.at}) passes a condition between ${computed.branches.join(" and ")} that this request cannot see ` +
        "(no one mode written here follows it: pass the mode with the model)", overridden: true };
    }
    if (computed) return { kind: "dynamic", reason: `the ${what} \`${name}\`, to which a caller passes a value computed at run time (${computed.at})`, overridden: true };
    if (passed.some((a) => !a) || remote.some((r) => r.value === undefined)) {
      if (!def) return { kind: "dynamic", reason: `the ${what} \`${name}\`, which a caller leaves out (no default)` };
      const d = this.resolve(def, depth + 1);
      // `None`, `True` or a computed default: what the request gets then is not a model name seen here.
      if (d.kind !== "string") return { kind: "dynamic", reason: `the ${what} \`${name}\`, which a caller leaves out and whose default is not a model name` };
      values.unshift(d.literal);
    }
    const strings = new Set([...values.map((n) => stringOf(n, this.src)?.value), ...remote.flatMap((r) => (typeof r.value === "string" ? [r.value] : []))]);
    // One value that is not a string (`optimize=-1` left out by a caller): resolved as that expression.
    const only = strings.size === 1 && values.length > 0 ? stringOf(values[0]!, this.src) : undefined;
    if (only) return { kind: "string", literal: values[0]!, value: only.value, viaParam: true };
    if (strings.size === 1 && values.length > 0) return this.resolve(values[0]!, depth + 1);
    const elsewhere = remote.filter((r) => typeof r.value === "string");
    const id = strings.size === 1 && elsewhere.length > 0 ? remoteId(elsewhere[0]!) : undefined;
    if (id) return { kind: "external", id };
    const shown = [...values.map((n) => `line ${this.lineOf(n)}`), ...elsewhere.map((r) => `"${r.value}" from ${r.at}`)].join(", ");
    return { kind: "choices", literals: values, remote: elsewhere, reason: `the ${what} \`${name}\`, whose ${def ? "default and callers give" : "callers give"} it several models (${shown})` };
  }

  /**
   * `self.name` where `name` is a class-level field (a dataclass or pydantic field, `Field(default=…)`)
   * that nothing in the class assigns: its default, or what the class's callers pass by keyword, here
   * and (through the linker) in other modules. undefined when it is not such a field.
   */
  /**
   * `self.options["model"]` where `__init__` keeps a whole parameter (`self.options = options`):
   * the `"model"` of the dict each construction in this module passes. Constructions in other
   * modules are not seen here.
   */
  /** The `__init__` parameter `self.attr` keeps as is (`self.llm = llm`), when the class sets it only there. */
  private initParamHeld(at: PyNode, attr: string): PyBinding | undefined {
    const cls = this.enclosingClass(at);
    const values = cls ? this.selfValues(cls, attr) : [];
    if (values.length !== 1 || values[0]!.name !== "VariableName") return undefined;
    const binding = this.lookup(this.text(values[0]!), values[0]!);
    const param = binding?.length === 1 && binding[0]!.kind === "param" ? binding[0]! : undefined;
    if (!param?.id || this.text(param.scope.children.find((c) => c.name === "VariableName") ?? param.scope) !== "__init__") return undefined;
    return param;
  }

  /**
   * `self.config.base_url` with `self.config = config` and `config: LLMConfig` (a dataclass or
   * pydantic model of this file): the field, which every construction of the class decides.
   */
  private heldSettingsField(at: PyNode, attr: string, key: string, depth: number): PyResolved | undefined {
    const param = this.initParamHeld(at, attr);
    const cls = param ? this.instanceClass(param) : undefined;
    return cls ? this.constructedField(cls, key, depth) : undefined;
  }

  /** A dataclass or pydantic field no method sets: its default and what every construction passes (fieldValue). */
  private constructedField(cls: PyNode, attr: string, depth: number): PyResolved | undefined {
    return this.takesFields(cls) && this.selfValues(cls, attr).length === 0 ? this.fieldValue(cls, attr, depth) : undefined;
  }

  private constructorOptions(at: PyNode, attr: string, key: string, depth: number): PyResolved | undefined {
    const param = this.initParamHeld(at, attr);
    if (!param?.id) return undefined;
    const passed = this.argumentsAt(param.scope, param.id) ?? [];
    if (passed.length === 0) return undefined;
    const picked = passed.map((arg) => (arg?.name === "DictionaryExpression" ? dictValue(arg, key, this.src) : arg));
    const resolved = this.resolveParameter(`${param.name}["${key}"]`, undefined, picked, [], depth);
    return resolved.kind === "string" ? { ...resolved, viaParam: false } : resolved;
  }

  private resolveField(at: PyNode, attr: string, depth: number): PyResolved | undefined {
    const cls = this.enclosingClass(at);
    if (!cls || this.selfValues(cls, attr).length > 0) return undefined;
    return this.fieldValue(cls, attr, depth);
  }

  /**
   * The values a class-level field takes: its default, or what the class's constructions pass by
   * keyword, here and (through the linker) in other modules. undefined when it is not such a field.
   */
  fieldValue(cls: PyNode, attr: string, depth = 0): PyResolved | undefined {
    const attrs = classAttributes(cls, attr, this.src);
    // `model: str` with no default: a required field, whose values are what the constructions pass.
    const required = attrs.length === 0 && this.takesFields(cls) ? declaredField(cls, attr, this.src) : undefined;
    if (attrs.length !== 1 && !required) return undefined;
    const def = attrs[0] ? fieldDefault(attrs[0], this.src) : undefined;
    const anchor = attrs[0] ?? required!;
    this.fieldReads.set(anchor, { cls, attr });
    // An instance a route's framework, a loader or an assignment fills: the default only fills a gap.
    const nameNode = cls.children.find((c) => c.name === "VariableName");
    const escape = nameNode ? this.fieldEscape(cls, nameNode, attr) : undefined;
    if (escape) {
      const d = def ? this.resolve(def, depth + 1) : undefined;
      return { kind: "dynamic", reason: `the field \`${attr}\` of \`${this.text(nameNode!)}\`, set by ${escape.why} (line ${this.lineOf(escape.node)}); its default applies only when it is missing`, ...(d?.kind === "string" ? { fallback: d.value } : {}) };
    }
    const passed = this.fieldArgs(cls, attr);
    const remote = this.links?.argsFor?.(this.file, this.lineOf(anchor), attr) ?? [];
    if (passed.length + remote.length === 0) return def ? this.resolve(def, depth + 1) : undefined;
    return this.resolveParameter(attr, def, passed, remote, depth, "field");
  }

  private readonly escapes = new Map<string, { node: PyNode; why: string } | undefined>();

  /** The first place this module fills or changes an instance's field where no argument shows it (python/fields.ts), once per field. */
  private fieldEscape(cls: PyNode, nameNode: PyNode, attr: string): { node: PyNode; why: string } | undefined {
    const key = `${cls.from}:${attr}`;
    if (!this.escapes.has(key)) this.escapes.set(key, fieldEscapes({ scope: this as PyScope, parsed: this.parsed, src: this.src }, this.text(nameNode), this.parsed.root, attr, this.ownBuilders(cls))[0]);
    return this.escapes.get(key);
  }

  /** Whether `Cls(attr=…)` sets a field of this class: one with a value, or a dataclass/pydantic field declared with only a type. */
  hasField(cls: PyNode, attr: string): boolean {
    return classAttributes(cls, attr, this.src).length > 0 || (this.takesFields(cls) && !!declaredField(cls, attr, this.src));
  }

  /** What this module's instantiations of `cls` pass for field `attr`: by keyword, or left out; positional arguments count as computed. */
  fieldArgs(cls: PyNode, attr: string): Array<PyNode | undefined> {
    const nameNode = cls.children.find((c) => c.name === "VariableName");
    if (!nameNode) return [];
    const out: Array<PyNode | undefined> = [];
    const builds = [...this.callsTo(this.text(nameNode)).filter((call) => this.lookup(this.text(nameNode), call.children[0]!)?.[0]?.value === cls),
      ...this.callsTo("cls").filter((call) => this.clsCallClass(call) === cls && keywordsOnly(argumentsOf(call, this.src)))];
    for (const call of builds) {
      const args = argumentsOf(call, this.src);
      const keyword = args.find((a) => a.keyword === attr);
      const other = args.find((a) => a.keyword === undefined || a.keyword === "*" || a.keyword === "**");
      out.push(keyword?.value ?? (other ? call : undefined));
    }
    return out;
  }

  /** `cls(...)` in a classmethod of a class: the class it builds (its own, or a subclass at run time: the fields are the same). */
  clsCallClass(call: PyNode): PyNode | undefined {
    const callee = call.children[0];
    if (callee?.name !== "VariableName" || this.text(callee) !== "cls") return undefined;
    const binding = this.lookup("cls", callee);
    const fn = binding?.length === 1 && binding[0]!.kind === "param" ? binding[0]!.scope : undefined;
    return fn && classLevelMethod(fn, this.src) === "classmethod" ? this.enclosingClass(call) : undefined;
  }

  /** Class-level fields a request's model was traced to (candidates for sinks other modules feed), by their value node. */
  readonly fieldReads = new Map<PyNode, { cls: PyNode; attr: string }>();

  private lines?: LineIndex;

  lineOf(node: PyNode): number {
    this.lines ??= new LineIndex(this.src);
    return this.lines.position(node.from).line;
  }

  /**
   * How other modules call the function a parameter belongs to: a module-level function by its
   * name, a module-level class's `__init__` through the class. undefined for anything else.
   */
  sinkOf(binding: PyBinding, spread = false): { name: string; index: number; keyword: string } | undefined {
    const fn = binding.scope;
    if (fn.name !== "FunctionDefinition" || !binding.id) return undefined;
    const nameNode = fn.children.find((c) => c.name === "VariableName");
    const list = fn.children.find((c) => c.name === "ParamList");
    if (!nameNode || !list) return undefined;
    const owner = scopeOf(fn);
    const cls = owner.name === "ClassDefinition" && this.text(nameNode) === "__init__" ? owner : undefined;
    const top = cls ? scopeOf(cls) : owner;
    // An instance method of a module-level class: other modules call it on an instance (`svc.send(…)`).
    if (owner.name === "ClassDefinition" && !cls && scopeOf(owner) === this.parsed.root && fn.parent?.name !== "DecoratedStatement") {
      const clsName = owner.children.find((c) => c.name === "VariableName");
      const index = positionalIndex(list, binding.id) - 1;
      return clsName && (index >= 0 || (spread && Number.isNaN(index))) ? { name: `${this.text(clsName)}.prototype.${this.text(nameNode)}`, index, keyword: this.text(binding.id) } : undefined;
    }
    // `Factory.make(…)` in other modules: a class-level method of a module-level class.
    const kind = owner.name === "ClassDefinition" && scopeOf(owner) === this.parsed.root ? classLevelMethod(fn, this.src) : undefined;
    const ownerName = owner.children.find((c) => c.name === "VariableName");
    if (kind && ownerName) {
      const index = positionalIndex(list, binding.id) - (kind === "classmethod" ? 1 : 0);
      return index >= 0 || (spread && Number.isNaN(index)) ? { name: `${this.text(ownerName)}.${this.text(nameNode)}`, index, keyword: this.text(binding.id) } : undefined;
    }
    if (top !== this.parsed.root || (owner.name === "ClassDefinition" && !cls)) return undefined;
    const clsName = cls?.children.find((c) => c.name === "VariableName");
    return { name: this.text(clsName ?? nameNode), index: positionalIndex(list, binding.id) - (cls ? 1 : 0), keyword: this.text(binding.id) };
  }

  private resolveName(node: PyNode, depth: number, viaParam: boolean): PyResolved {
    const name = this.text(node);
    const found = this.lookup(name, node);
    if (!found) return { kind: "dynamic", reason: `\`${name}\`, which is not defined in this file` };
    if (found.length > 1) {
      const last = this.dominatingAssignment(found, node);
      if (last) return this.resolve(last.value!, depth + 1, viaParam);
      const reason = `\`${name}\`, which is assigned more than once`;
      const imported = found.filter((b) => b.kind === "assign" && b.value).map((b) => this.resolve(b.value!, depth + 1, viaParam)).flatMap((r) => (r.kind === "external" ? [r.id] : []));
      return imported.length > 0 ? { kind: "dynamic", reason, assignedImports: imported } : { kind: "dynamic", reason };
    }
    const binding = found[0]!;
    if (binding.kind === "import") return this.resolveImport(binding, [], name);
    if (binding.kind === "param" && binding.id) {
      this.readParam(binding);
      const local = this.argumentsAt(binding.scope, binding.id);
      const remote = [...(this.links?.argsFor?.(this.file, this.lineOf(binding.id), name) ?? []), ...this.remoteThroughKwargs(binding.scope, name)];
      if (local === null && binding.value && remote.length === 0) return { kind: "dynamic", reason: `the parameter \`${name}\` of a method no code in this file calls (its callers elsewhere may pass another model, and ds-migrate follows a method's callers in other modules only on an instance it can tie to the class)`, overridden: true };
      const passed = local ?? [];
      if (passed.length + remote.length > 0) return this.resolveParameter(name, binding.value, passed, remote, depth);
    }
    if (binding.kind === "param" && !binding.value) return { kind: "dynamic", reason: `the function parameter \`${name}\`` };
    if (!binding.value || binding.kind === "function" || binding.kind === "class") return { kind: "dynamic", reason: `\`${name}\`` };
    return this.resolve(binding.value, depth + 1, viaParam || binding.kind === "param");
  }

  /**
   * The assignment every path to `use` runs last: a statement directly in the function's (or
   * module's) body, before the use, after every other binding of the name, with no binding later
   * in a loop around the use (`model = "…"` after a parameter's default is read by a print).
   */
  private dominatingAssignment(found: PyBinding[], use: PyNode): PyBinding | undefined {
    const scope = found[0]!.scope;
    if (scopeOf(use) !== scope || found.some((b) => !b.id || b.scope !== scope)) return undefined;
    const before = found.filter((b) => b.id!.from < use.from).sort((a, b) => a.id!.from - b.id!.from);
    const last = before.at(-1);
    if (last?.kind !== "assign" || !last.value) return undefined;
    let stmt = last.id!;
    while (stmt.parent && stmt.parent.name !== "Body" && stmt.parent !== this.parsed.root) stmt = stmt.parent;
    const body = stmt.parent;
    const inScopeBody = body === this.parsed.root ? scope === this.parsed.root : body?.parent === scope;
    if (!inScopeBody || stmt.name !== "AssignStatement" || use.from < stmt.to) return undefined;
    const loops = ancestors(use).filter((n) => n.name === "ForStatement" || n.name === "WhileStatement");
    if (found.some((b) => b.id!.from > use.from && loops.some((l) => b.id!.from < l.to))) return undefined;
    return last;
  }

  private resolveMember(node: PyNode, depth: number, viaParam: boolean): PyResolved {
    // `TABLE[provider]` with `provider = "deepseek"` assigned once: the entry is known, as with a literal key.
    const keyed = memberPath(node, this.src) ? undefined : this.constantKeyPath(node);
    const choices = keyed ? undefined : this.tableChoices(node, 0);
    if (choices) return { kind: "choices", literals: choices, reason: `\`${this.text(node)}\`, an entry picked at run time from a table in this file` };
    const path = memberPath(node, this.src) ?? keyed;
    if (!path) {
      // `get_settings().model`: a local factory annotated `-> Settings` returns an instance.
      const cls = this.returnedClass(node.children[0]);
      const prop = node.children.find((c) => c.name === "PropertyName");
      const imported = !cls && prop ? this.resolveFactoryAttr(node.children[0], [this.text(prop)], this.text(node)) : undefined;
      if (imported) return imported;
      const fromEnv = cls && prop ? this.settingsField(cls, this.text(prop), depth) : undefined;
      if (fromEnv) return fromEnv;
      const value = cls && prop ? this.walk(cls, [this.text(prop)]) : undefined;
      return value ? this.resolve(value, depth + 1, viaParam) : { kind: "dynamic", reason: `\`${this.text(node)}\`, whose value is not a literal in this file` };
    }
    if (path[0] === "os" && path[1] === "environ") return { kind: "dynamic", reason: `the environment variable ${path[2] ?? ""}`.trim() };
    const head = this.lookup(path[0]!, node);
    if (head?.length === 1 && head[0]!.kind === "import") return this.resolveImport(head[0]!, path.slice(1), path.join("."));
    const instanceOf = head?.length === 1 && path.length === 2 ? this.instanceClass(head[0]!) : undefined;
    // A parameter typed with a class of this file holds that class's instance, not a library client.
    const cloned = head?.length === 1 && path.length === 2 && !instanceOf && CLIENT_MODEL_ATTRS.has(path[1]!) ? this.clientAttr(head[0]!, path[1]!, depth) : undefined;
    if (cloned) return cloned;
    // `settings = get_settings()` with the factory imported: the attribute is the other module's.
    if (head?.length === 1 && head[0]!.kind === "assign") {
      const imported = this.resolveFactoryAttr(head[0]!.value, path.slice(1), path.join("."));
      if (imported) return imported;
    }
    const typedImport = head?.length === 1 && path.length === 2 && !instanceOf ? this.importedFieldRead(head[0]!, path[1]!, path.join(".")) : undefined;
    if (typedImport) return typedImport;
    const fromEnv = instanceOf ? this.settingsField(instanceOf, path[1]!, depth) : undefined;
    if (fromEnv) return fromEnv;
    // `cfg.model` with `cfg: Cfg`: every construction of the class decides the field, not only its default.
    const fromField = instanceOf ? this.constructedField(instanceOf, path[1]!, depth) : undefined;
    if (fromField) return fromField;
    // `self.settings = get_settings()` in the class, read as `self.settings.model`: as a local holding it.
    const kept = path[0] === "self" && path.length >= 3 ? this.selfFactoryAttr(node, path) : undefined;
    if (kept) return kept;
    const field = path[0] === "self" && path.length === 2 ? this.resolveField(node, path[1]!, depth) : undefined;
    if (field) return field;
    const typed = path[0] === "self" && path.length === 3 ? this.heldSettingsField(node, path[1]!, path[2]!, depth) : undefined;
    if (typed) return typed;
    const heldImport = path[0] === "self" && path.length === 3 ? this.heldImportedField(node, path[1]!, path[2]!, path.join(".")) : undefined;
    if (heldImport) return heldImport;
    // `self.llm.model_name` with `self.llm = llm` in `__init__`: the model of the client each construction hands in.
    const keptClient = path[0] === "self" && path.length === 3 && CLIENT_MODEL_ATTRS.has(path[2]!) ? this.initParamHeld(node, path[1]!) : undefined;
    const fromKept = keptClient ? this.clientAttr(keptClient, path[2]!, depth) : undefined;
    if (fromKept) return fromKept;
    const fromOptions = path[0] === "self" && path.length === 3 ? this.constructorOptions(node, path[1]!, path[2]!, depth) : undefined;
    if (fromOptions) return fromOptions;
    const held = path[0] === "self" && path.length === 3 ? this.heldObjectAttr(node, path[1]!, path[2]!, depth) : undefined;
    if (held) return held;
    const target = this.lookupPath(path, node);
    const assigned = path[0] === "self" && path.length === 2 ? this.assignedLines(node, path[1]!) : [];
    if (!target && assigned.length > 1) return { kind: "dynamic", reason: `\`${path.join(".")}\`, which the class sets in several places (lines ${assigned.join(", ")}), so its value is chosen at run time` };
    if (!target) return { kind: "dynamic", reason: `\`${path.join(".")}\`, whose value is not a literal in this file` };
    return this.resolve(target, depth + 1, viaParam);
  }

  /**
   * `llm.model_name` with `llm` a parameter: the model of the client instance each caller hands
   * in (a second client built from the first one's model). Recorded as a sink; the callers'
   * linking pass says what each instance sends.
   */
  private clientAttr(binding: PyBinding, attr: string, depth: number): PyResolved | undefined {
    if (binding.kind !== "param" || !binding.id) return undefined;
    this.clientParamReads.set(binding, new Set([...(this.clientParamReads.get(binding) ?? []), attr]));
    const name = `${binding.name}.${attr}`;
    const remote = this.links?.argsFor?.(this.file, this.lineOf(binding.id), name) ?? [];
    return remote.length > 0 ? this.resolveParameter(name, undefined, [], remote, depth, "client attribute") : undefined;
  }

  /**
   * `self.conn.model` with `self.conn = Conn(...)` (set once; a `None` placeholder aside) and
   * `Conn` a class of this file: what `Conn` sets `self.model` to, or its class-level field.
   * Every construction of `Conn` here counts, as for a read inside `Conn`.
   */
  private heldObjectAttr(node: PyNode, holder: string, attr: string, depth: number): PyResolved | undefined {
    const held = this.heldClass(node, holder);
    if (!held) return undefined;
    const set = this.selfValues(held, attr);
    if (set.length === 1) return this.resolve(set[0]!, depth + 1);
    if (set.length > 1) return { kind: "dynamic", reason: `\`self.${holder}.${attr}\`, which the class of \`self.${holder}\` sets in several places (lines ${set.map((v) => this.lineOf(v)).join(", ")}), so its value is chosen at run time` };
    return this.fieldValue(held, attr, depth + 1);
  }

  /**
   * The local class whose instance `self.holder` holds, read at `at`: set once (a `None`
   * placeholder aside) to `Cls(...)`, to `Cls(a) if c else Cls(b)`, or to a parameter annotated
   * `Cls`; not the reading class itself.
   */
  heldClass(at: PyNode, holder: string): PyNode | undefined {
    const reader = this.enclosingClass(at);
    const values = reader ? this.selfValues(reader, holder).filter((v) => this.text(v) !== "None") : [];
    const made = values.length === 1 ? values[0]! : undefined;
    // `self.config = config` with `config: Config`: the annotated class.
    const param = made?.name === "VariableName" ? this.lookup(this.text(made), made) : undefined;
    if (param?.length === 1 && param[0]!.kind === "param") {
      const annotated = this.instanceClass(param[0]!);
      return annotated !== reader ? annotated : undefined;
    }
    const branches = made?.name === "ConditionalExpression" ? [made.children[0], made.children[4]] : [made];
    const classes = new Set(branches.map((b) => this.returnedClass(b)));
    const cls = classes.size === 1 ? [...classes][0] : undefined;
    return cls !== reader ? cls : undefined;
  }

  private selfFactoryAttr(node: PyNode, path: string[]): PyResolved | undefined {
    const cls = this.enclosingClass(node);
    const values = cls ? this.selfValues(cls, path[1]!) : [];
    return values.length === 1 ? this.resolveFactoryAttr(values[0], path.slice(2), path.join(".")) : undefined;
  }

  /** `NAME[key]` whose key is a name bound once, in this scope chain, to a string literal: the path with that string. */
  private constantKeyPath(node: PyNode): string[] | undefined {
    if (node.name !== "MemberExpression") return undefined;
    const [object, ...rest] = node.children;
    const inner = rest.filter((c) => c.name !== "[" && c.name !== "]");
    if (!object || inner.length !== 1 || inner[0]!.name !== "VariableName") return undefined;
    const head = memberPath(object, this.src);
    const found = head ? this.lookup(this.text(inner[0]!), inner[0]!) : undefined;
    const value = found?.length === 1 && found[0]!.kind === "assign" && found[0]!.value ? stringOf(found[0]!.value, this.src)?.value : undefined;
    return value !== undefined ? [...head!, value] : undefined;
  }

  /** The lines where the enclosing class assigns `self.attr`. */
  private assignedLines(at: PyNode, attr: string): number[] {
    const cls = this.enclosingClass(at);
    return cls ? this.selfValues(cls, attr).map((v) => this.lineOf(v)) : [];
  }

  private resolveImport(binding: PyBinding, rest: string[], shown: string): PyResolved {
    const names = binding.imported === "*" ? rest : [binding.imported!, ...rest];
    const id = names.length > 0 ? this.links?.lookup(this.file, binding.source!, names.join(".")) : undefined;
    if (id?.alike) {
      // Several values under one name: the request's model is one of them, no one default.
      const lines = [id.line, ...id.alike.map((a) => a.line)].join(", ");
      const same = id.alike.every((a) => a.legacyId === id.legacyId);
      return { kind: "dynamic", reason: `\`${shown}\`, which holds one of several values at run time (set at ${id.file}, lines ${lines})`, ...(same ? { fallback: id.legacyId } : {}), overriddenImport: id };
    }
    if (id?.overriddenBy) return { kind: "dynamic", reason: `${id.overriddenBy} (it overrides the default at ${id.file}:${id.line})`, fallback: id.legacyId, overriddenImport: id };
    if (id) return { kind: "external", id };
    return { kind: "dynamic", reason: `\`${shown}\`, imported from ${binding.source}, whose value ds-migrate cannot trace to one model ID` };
  }

  /**
   * `TABLE[key]["model"]` or `entry["model"]` with `entry = TABLE[key]`, where the key is only
   * known at run time: the string each entry of the local table holds there, when every entry
   * holds one.
   */
  tableChoices(node: PyNode, depth: number): PyNode[] | undefined {
    if (depth > 4) return undefined;
    const steps: Array<string | undefined> = [];
    let n = node;
    while (n.name === "MemberExpression") {
      const prop = n.children.find((c) => c.name === "PropertyName");
      const index = n.children.filter((c) => c.name !== "[" && c.name !== "]")[1];
      steps.unshift(prop ? this.text(prop) : index ? stringOf(index, this.src)?.value : undefined);
      if (prop && this.text(prop) === "get") return undefined;
      n = n.children[0]!;
    }
    if (n.name !== "VariableName") return undefined;
    const found = this.lookup(this.text(n), n);
    if (found?.length !== 1 || !found[0]!.value) return undefined;
    const start = found[0]!.value;
    let current: PyNode[];
    if (start.name === "DictionaryExpression") current = [start];
    else if (start.name === "MemberExpression") {
      const inner = this.tableChoices(start, depth + 1);
      if (!inner) return undefined;
      current = inner;
    } else return undefined;
    const fanned = depth > 0 || steps.includes(undefined) || start.name === "MemberExpression";
    for (const step of steps) {
      const next: PyNode[] = [];
      for (const c of current) {
        if (c.name !== "DictionaryExpression") return undefined;
        const entries = dictEntries(c).filter((e) => !e.spread);
        if (step === undefined) next.push(...entries.map((e) => e.value));
        else {
          const v = dictValue(c, step, this.src);
          if (!v) return undefined;
          next.push(v);
        }
      }
      current = next;
    }
    if (!fanned || current.length === 0) return undefined;
    if (depth === 0 && !current.every((c) => stringOf(c, this.src))) return undefined;
    return current;
  }

  /** Follow `self.x`, `Class.x`, `CONFIG["x"]`, `CONFIG.x`, `settings.x` (an instance of a local class). */
  private lookupPath(path: string[], at: PyNode): PyNode | undefined {
    const [head, ...rest] = path;
    if (head === "self") {
      const cls = this.enclosingClass(at);
      if (!cls || rest.length === 0) return undefined;
      const values = [...this.selfValues(cls, rest[0]!), ...classAttributes(cls, rest[0]!, this.src)];
      if (values.length !== 1) return undefined;
      return rest.length === 1 ? values[0] : this.walk(values[0]!, rest.slice(1));
    }
    const found = this.lookup(head!, at);
    if (!found || found.length !== 1) return undefined;
    const binding = found[0]!;
    let start = binding.value;
    // `settings = Settings()` or a parameter annotated `job: JobSpec`: attributes come from the class.
    const cls = this.instanceClass(binding);
    if (cls) start = cls;
    return start ? this.walk(start, rest) : undefined;
  }

  /**
   * A field of a pydantic `BaseSettings` class: the environment overrides its default at run
   * time (like `os.getenv("X", default)`), so the default is not the value. undefined for
   * any other class or attribute.
   */
  private settingsField(cls: PyNode, attr: string, depth: number): PyResolved | undefined {
    if (!this.isSettingsClass(cls, 0)) return undefined;
    const attrs = classAttributes(cls, attr, this.src);
    if (attrs.length !== 1) return undefined;
    const fallback = this.resolve(fieldDefault(attrs[0]!, this.src), depth + 1);
    const variable = this.envVariable(cls, attr, attrs[0]!);
    return {
      kind: "dynamic",
      reason: `the environment variable ${variable} (it overrides the default of the settings field \`${attr}\`, line ${this.lineOf(attrs[0]!)})`,
      ...(fallback.kind === "string" ? { fallback: fallback.value } : {}),
    };
  }

  /** What replaces a literal written as a run-time fallback: `os.getenv("X", lit)`, `value or lit`. */
  fallbackOf(literal: PyNode): string | undefined {
    const holder = literal.parent;
    if (holder?.name === "ArgList" && holder.parent?.name === "CallExpression") {
      const call = holder.parent;
      const args = argumentsOf(call, this.src);
      if (!/^(os\.)?(getenv|environ\.get)$/.test(this.text(call.children[0]!)) || args[1]?.value !== literal || args[1].keyword) return undefined;
      return `the environment variable ${stringOf(args[0]!.value, this.src)?.value ?? this.text(args[0]!.value)}`;
    }
    if (holder?.name === "BinaryExpression" && holder.children.at(-1) === literal && holder.children.some((c) => c.name === "or")) {
      return `\`${this.flat(holder.children[0]!)}\` when it is set`;
    }
    // `a or ("…" if test else other)`: the fallback is itself a run-time choice, after the `or`.
    let node = literal;
    let otherwise = "";
    for (let p = node.parent; p; node = p, p = p.parent) {
      if (p.name === "ParenthesizedExpression") continue;
      if (p.name === "ConditionalExpression" && !otherwise) {
        const [consequent, , test, , alternate] = p.children;
        if (!consequent || !test || !alternate || node === test) return undefined;
        const other = node === consequent ? alternate : consequent;
        otherwise = `, else \`${this.flat(other)}\` when \`${this.flat(test)}\` is ${node === consequent ? "false" : "true"}`;
        continue;
      }
      if (otherwise && p.name === "BinaryExpression" && p.children.at(-1) === node && p.children.some((c) => c.name === "or")) {
        return `\`${this.flat(p.children[0]!)}\` when it is set${otherwise}`;
      }
      return undefined;
    }
    return undefined;
  }

  /** An expression's text on one line (a message quotes it). */
  private flat(node: PyNode): string {
    return this.text(node).replace(/\s+/g, " ");
  }

  /**
   * Whether an argument may replace this literal: it is a parameter's default, or the value of a
   * name or attribute some parameter's default reads (`def __init__(self, m=DEFAULT_MODEL)`).
   */
  mayBeArgument(literal: PyNode): boolean {
    let node = literal;
    while (node.parent?.name === "ParenthesizedExpression") node = node.parent;
    if (node.parent?.name === "ParamList") return true;
    const stmt = node.parent;
    const target = stmt?.name === "AssignStatement" && stmt.children.at(-1) === node ? stmt.children[0] : undefined;
    const name = target ? memberPath(target, this.src)?.at(-1) : undefined;
    if (!name) return false;
    return this.parsed.all.some((list) => list.name === "ParamList" && list.children.some((c, i) =>
      i > 0 && list.children[i - 1]!.name === "AssignOp" && (c.name === "VariableName" || c.name === "MemberExpression") && memberPath(c, this.src)?.at(-1) === name));
  }

  /**
   * `self.attr = "…"` where the class also assigns `self.attr` elsewhere (another method
   * sets it again): which assignment an importer's read sees is decided at run time.
   */
  reassignedBy(literal: PyNode): string | undefined {
    let node = literal;
    while (node.parent && ["ParenthesizedExpression", "ConditionalExpression", "BinaryExpression"].includes(node.parent.name)) node = node.parent;
    const stmt = node.parent;
    if (stmt?.name !== "AssignStatement" || stmt.children.at(-1) !== node) return undefined;
    const path = memberPath(stmt.children[0]!, this.src);
    const cls = path?.length === 2 && path[0] === "self" ? this.enclosingClass(stmt) : undefined;
    if (!cls) return undefined;
    // The same ID assigned again changes nothing an importer reads.
    const same = stringOf(literal, this.src)?.value;
    const others = this.selfValues(cls, path![1]!).filter((v) => v !== node && stringOf(v, this.src)?.value !== same).map((v) => this.lineOf(v));
    return others.length > 0 ? `the value the class assigns to \`self.${path![1]}\` at line${others.length > 1 ? "s" : ""} ${others.join(", ")}` : undefined;
  }

  /** The class field (`model: str = "…"`, `model = Field("…")`) whose default is this literal: its class, name and value node. */
  private classFieldOf(literal: PyNode): { cls: PyNode; attr: string; value: PyNode } | undefined {
    const value = literal.parent?.name === "ArgList" ? literal.parent.parent! : literal;
    const stmt = value.parent;
    const cls = stmt?.name === "AssignStatement" && stmt.parent?.name === "Body" ? stmt.parent.parent : undefined;
    const target = stmt?.children[0];
    if (cls?.name !== "ClassDefinition" || target?.name !== "VariableName") return undefined;
    return { cls, attr: this.text(target), value };
  }

  /**
   * The field of a module-level dataclass or pydantic model (not a settings class, which the
   * environment fills; not one its own methods set) whose default is this literal, as written:
   * each construction decides it, in this module or another (ParamSink.readElsewhere).
   */
  constructedFieldOf(literal: PyNode): { cls: PyNode; attr: string; anchor: PyNode } | undefined {
    const field = this.classFieldOf(literal);
    if (!field || scopeOf(field.cls) !== this.parsed.root || fieldDefault(field.value, this.src) !== literal) return undefined;
    const { cls, attr, value } = field;
    if (!this.takesFields(cls) || this.initOf(cls) || this.isSettingsClass(cls, 0) || this.selfValues(cls, attr).length > 0) return undefined;
    return classAttributes(cls, attr, this.src).length === 1 ? { cls, attr, anchor: value } : undefined;
  }

  /**
   * The class's classmethods that build it with `cls(…)` by keywords only (`from_env`): fieldArgs
   * counts those builds, so a call of one fills nothing unseen. A build from data (`cls(**d)`) is
   * not seen: its classmethod is left out, and calling it is an escape (factoryBuilds, fieldEscapes).
   */
  ownBuilders(cls: PyNode): Set<string> {
    return this.classmethodBuilds(cls).seen;
  }

  /** The class's own factories building it from data (`cls(**d)` in a classmethod) that this module calls (`cls.from_dict(…)`, `self.from_dict(…)`). */
  factoryBuilds(cls: PyNode): PyNode[] {
    const { opaque } = this.classmethodBuilds(cls);
    return this.parsed.all.filter((n) => {
      if (n.name !== "CallExpression" || n.children[0]!.name !== "MemberExpression") return false;
      const path = memberPath(n.children[0]!, this.src);
      return !!path && path.length === 2 && ["cls", "self"].includes(path[0]!) && opaque.has(path[1]!);
    });
  }

  /** The names of the class's classmethods building it with `cls(…)`: by keywords only (seen), or from data (opaque). */
  private classmethodBuilds(cls: PyNode): { seen: Set<string>; opaque: Set<string> } {
    const names = (calls: PyNode[]) => new Set(calls.map((c) => scopeOf(c)).filter((f) => f.name === "FunctionDefinition").map((f) => this.text(f.children.find((c) => c.name === "VariableName") ?? f)));
    const builds = this.callsTo("cls").filter((c) => this.clsCallClass(c) === cls);
    const opaque = names(builds.filter((c) => !keywordsOnly(argumentsOf(c, this.src))));
    return { seen: new Set([...names(builds)].filter((n) => !opaque.has(n))), opaque };
  }

  /**
   * A class field whose default is this literal, where the class (without an `__init__` of its own:
   * a dataclass or pydantic model, whose constructor takes its fields) is built in this file with
   * that field passed (`cls(llm_model=…)` in a `from_env`, `Config(**data)`): instances read
   * elsewhere may hold what was passed, not the default.
   */
  constructedWith(literal: PyNode): string | undefined {
    const field = this.classFieldOf(literal);
    if (!field || this.initOf(field.cls)) return undefined;
    const { cls, attr } = field;
    const clsName = cls.children.find((c) => c.name === "VariableName");
    const builds = [...(clsName ? this.callsTo(this.text(clsName)).filter((c) => this.lookup(this.text(clsName), c.children[0]!)?.[0]?.value === cls) : []),
      // `cls(...)` in the class's own classmethods.
      ...this.callsTo("cls").filter((c) => this.enclosingClass(c) === cls)];
    const lines = builds.filter((call) => argumentsOf(call, this.src).some((a) => a.keyword === attr || a.keyword === "**" || a.keyword === "*" || a.keyword === undefined)).map((c) => this.lineOf(c));
    return lines.length > 0 ? `the \`${attr}\` that \`${clsName ? this.text(clsName) : "the class"}\` is built with at line${lines.length > 1 ? "s" : ""} ${[...new Set(lines)].join(", ")}` : undefined;
  }

  /** The variable that overrides a settings field whose default is this literal (directly or in `Field(...)`), if any. */
  settingsVariable(literal: PyNode): string | undefined {
    const field = this.classFieldOf(literal);
    if (!field || !this.isSettingsClass(field.cls, 0)) return undefined;
    const { cls, attr, value } = field;
    const attrs = classAttributes(cls, attr, this.src);
    if (attrs.length !== 1 || attrs[0] !== value || fieldDefault(value, this.src) !== literal) return undefined;
    return this.envVariable(cls, attr, value);
  }

  /** The variable pydantic-settings reads for field `attr` (its value node `value`): an alias, else prefix + name. */
  private envVariable(cls: PyNode, attr: string, value: PyNode): string {
    return settingsEnvName(value, this.src) ?? `${this.envPrefix(cls, 0)}${attr}`.toUpperCase();
  }

  /** The class's `env_prefix`, or the one it inherits from a local base (pydantic merges configs down). */
  private envPrefix(cls: PyNode, depth: number): string {
    const own = envPrefixOf(cls, this.src);
    if (own !== undefined || depth > 5) return own ?? "";
    const bases = cls.children.find((c) => c.name === "ArgList")?.children ?? [];
    for (const b of bases) {
      const local = b.name === "VariableName" ? this.classNamed(this.text(b)) : undefined;
      if (local && local !== cls) return this.envPrefix(local, depth + 1);
    }
    return "";
  }

  /** `class S(BaseSettings)`, or a subclass of a local class that is one. */
  private isSettingsClass(cls: PyNode, depth: number): boolean {
    if (depth > 5) return false;
    const bases = cls.children.find((c) => c.name === "ArgList")?.children ?? [];
    return bases.some((b) => {
      const last = memberPath(b, this.src)?.at(-1);
      if (last === "BaseSettings") return true;
      const local = b.name === "VariableName" ? this.classNamed(this.text(b)) : undefined;
      return !!local && local !== cls && this.isSettingsClass(local, depth + 1);
    });
  }

  /**
   * `req.model_dump()` / `req.dict()` (pydantic v2 / v1) where `req` is built in this file from a
   * local pydantic model (`req = ChatRequest(...)`, or `ChatRequest(...).model_dump()`): that class.
   * An instance handed in (a route handler's parameter) is the caller's data: undefined.
   */
  dumpedModel(expr: PyNode): PyNode | undefined {
    if (expr.name !== "CallExpression") return undefined;
    const callee = expr.children[0]!;
    const prop = callee.name === "MemberExpression" ? callee.children[callee.children.length - 1] : undefined;
    if (prop?.name !== "PropertyName" || !["model_dump", "dict"].includes(this.text(prop))) return undefined;
    const object = callee.children[0]!;
    let cls: PyNode | undefined;
    if (object.name === "CallExpression") cls = this.returnedClass(object);
    else if (object.name === "VariableName") {
      // Assigned more than once (`req = A(...)`, then `req = A(model=...)` on a branch): one class for all.
      const classes = new Set((this.lookup(this.text(object), object) ?? []).map((b) => (b.kind === "assign" ? this.instanceClass(b) : undefined)));
      cls = classes.size === 1 ? [...classes][0] : undefined;
    }
    return cls && this.isPydanticModel(cls, 0) ? cls : undefined;
  }

  /**
   * `req.model_dump()` / `req.dict()` where `req` is built in this file from an imported class
   * whose module exports a legacy ID as its `model` field's default (`schemas.ChatRequest.model`):
   * the import and the constructions (the instances this dump can be).
   */
  dumpedImport(expr: PyNode): { binding: PyBinding; builds: PyNode[] } | undefined {
    const callee = expr.name === "CallExpression" ? expr.children[0]! : undefined;
    const prop = callee?.name === "MemberExpression" ? callee.children[callee.children.length - 1] : undefined;
    if (!callee || prop?.name !== "PropertyName" || !["model_dump", "dict"].includes(this.text(prop))) return undefined;
    const object = callee.children[0]!;
    const builds = object.name === "CallExpression" ? [object]
      : object.name === "VariableName" ? (this.lookup(this.text(object), object) ?? []).map((b) => (b.kind === "assign" ? b.value : undefined)) : [];
    const heads = new Set(builds.map((b) => (b?.name === "CallExpression" && b.children[0]!.name === "VariableName" ? this.text(b.children[0]!) : undefined)));
    const name = heads.size === 1 ? [...heads][0] : undefined;
    const found = name ? this.lookup(name, builds[0]!) : undefined;
    const binding = found?.length === 1 && found[0]!.kind === "import" && found[0]!.imported !== "*" ? found[0]! : undefined;
    if (!binding?.source || !this.links?.lookup(this.file, binding.source, `${binding.imported}.model`)) return undefined;
    return { binding, builds: builds as PyNode[] };
  }

  /**
   * The model of an imported class's dump: the default its module defines when no construction
   * here passes `model=`; what they pass when all of them do; otherwise decided at run time.
   */
  dumpedImportValue(binding: PyBinding, builds: PyNode[], attr: string): PyResolved {
    const passed = builds.map((call) => argumentsOf(call, this.src).find((a) => a.keyword === attr || a.keyword === "**")?.value);
    const shown = `${binding.imported}.${attr}`;
    if (passed.every((p) => !p)) return this.resolveImport(binding, [attr], shown);
    if (passed.every((p) => !!p)) {
      // Each instance sent is one built here: its value is what the construction passes, no default involved.
      const r = this.resolveParameter(attr, undefined, passed, [], 0, "field");
      return r.kind === "string" ? { ...r, viaParam: false } : r;
    }
    const lines = builds.filter((_, i) => passed[i]).map((b) => this.lineOf(b)).join(", ");
    return { kind: "dynamic", reason: `the \`${attr}\` field of \`${binding.imported}\` (imported from ${binding.source}), which a construction here sets (line ${lines}) and another leaves at its default there`, overridden: true };
  }

  /** A `@dataclass` or pydantic model: its constructor takes its fields (a plain class's attribute is only its default). */
  private takesFields(cls: PyNode): boolean {
    const decorated = cls.parent?.name === "DecoratedStatement" ? cls.parent.children.filter((c) => c.name === "Decorator") : [];
    return decorated.some((d) => /^@\s*(\w+\.)?dataclass\b/.test(this.text(d))) || this.isPydanticModel(cls, 0);
  }

  /** `class M(BaseModel)`, or a subclass of a local class that is one (settings classes are not request bodies). */
  private isPydanticModel(cls: PyNode, depth: number): boolean {
    if (depth > 5) return false;
    const bases = cls.children.find((c) => c.name === "ArgList")?.children ?? [];
    return bases.some((b) => {
      if (memberPath(b, this.src)?.at(-1) === "BaseModel") return true;
      const local = b.name === "VariableName" ? this.classNamed(this.text(b)) : undefined;
      return !!local && local !== cls && this.isPydanticModel(local, depth + 1);
    });
  }

  /** The local class a binding holds an instance of: `x = Cls(...)`, a parameter `x: Cls`. */
  /**
   * The imported class whose instance a method call's receiver holds: `svc.send()` with
   * `svc = ChatService()` or a parameter annotated `ChatService`; `self.chat.send()` with
   * `self.chat` set once, to `ChatService()` or to such a parameter.
   */
  receiverImport(call: PyNode): PyBinding | undefined {
    const callee = call.children[0]!;
    // `Impl().complete(...)`: a method of a fresh instance of the imported class.
    const made = callee.name === "MemberExpression" && callee.children[0]?.name === "CallExpression" ? callee.children[0].children[0] : undefined;
    if (made?.name === "VariableName") {
      const found = this.lookup(this.text(made), made);
      return found?.length === 1 && found[0]!.kind === "import" && found[0]!.source && found[0]!.imported !== "*" ? found[0] : undefined;
    }
    const path = memberPath(callee, this.src);
    if (!path || path.length < 2 || path.length > 3) return undefined;
    let value: PyNode | undefined;
    let holder: PyBinding | undefined;
    if (path[0] === "self" && path.length === 3) {
      const cls = this.enclosingClass(call);
      const values = cls ? this.selfValues(cls, path[1]!) : [];
      value = values.length === 1 ? values[0] : undefined;
      const param = value?.name === "VariableName" ? this.lookup(this.text(value), value) : undefined;
      holder = param?.length === 1 && param[0]!.kind === "param" ? param[0] : undefined;
    } else if (path.length === 2) {
      const found = this.lookup(path[0]!, call);
      holder = found?.length === 1 ? found[0] : undefined;
      value = holder?.kind === "assign" ? holder.value : undefined;
    }
    const type = holder?.kind === "param" ? holder.annotation?.children.find((c) => c.name === "VariableName") : undefined;
    const named = type ?? (value?.name === "CallExpression" && value.children[0]!.name === "VariableName" ? value.children[0] : undefined);
    const cls = named ? this.lookup(this.text(named), named) : undefined;
    return cls?.length === 1 && cls[0]!.kind === "import" && cls[0]!.source && cls[0]!.imported !== "*" ? cls[0] : undefined;
  }

  /**
   * `cfg.model` with `cfg: ModelCfg` and the class imported: a field of another module's class. Its
   * default is what a construction leaving it out holds; every construction may set it, so the
   * value is the default as a fallback only (the request is reported, the definition knows it is used).
   */
  private importedFieldRead(binding: PyBinding, attr: string, shown: string): PyResolved | undefined {
    const cls = this.importedClassOf(binding);
    return cls ? this.importedField(cls, attr, shown) : undefined;
  }

  /** The imported class a parameter is annotated with (`cfg: Cfg`, `cfg: Cfg = None`). */
  private importedClassOf(binding: PyBinding): PyBinding | undefined {
    const type = binding.kind === "param" ? binding.annotation?.children.find((c) => c.name === "VariableName") : undefined;
    const found = type ? this.lookup(this.text(type), type) : undefined;
    return found?.length === 1 && found[0]!.kind === "import" && found[0]!.source && found[0]!.imported !== "*" ? found[0]! : undefined;
  }

  /**
   * `self.config.model` where the class sets `self.config` only to instances of one imported class:
   * a parameter annotated with it (`self.config = config`) or a construction (`self.config = Cfg(…)`).
   */
  private heldImportedField(at: PyNode, holder: string, attr: string, shown: string): PyResolved | undefined {
    const reader = this.enclosingClass(at);
    const values = reader ? this.selfValues(reader, holder).filter((v) => this.text(v) !== "None") : [];
    const classes = values.map((v) => {
      const named = v.name === "VariableName" ? this.lookup(this.text(v), v) : v.name === "CallExpression" && v.children[0]!.name === "VariableName" ? this.lookup(this.text(v.children[0]!), v.children[0]!) : undefined;
      const binding = named?.length === 1 ? named[0]! : undefined;
      if (binding?.kind === "param") return this.importedClassOf(binding);
      return v.name === "CallExpression" && binding?.kind === "import" && binding.source && binding.imported !== "*" ? binding : undefined;
    });
    const first = classes[0];
    if (!first || classes.some((c) => !c || c.source !== first.source || c.imported !== first.imported)) return undefined;
    return this.importedField(first, attr, shown);
  }

  private importedField(cls: PyBinding, attr: string, shown: string): PyResolved | undefined {
    const id = this.links?.lookup(this.file, cls.source!, `${cls.imported}.${attr}`);
    if (!id) return undefined;
    const settled = this.settledField(cls, attr, id, shown);
    if (settled) return settled;
    return {
      kind: "dynamic",
      reason: `\`${shown}\`, the field \`${attr}\` of \`${cls.name}\` (${id.file}:${id.line}), which each construction of the class may set (its default is "${id.legacyId}")`,
      fallback: id.legacyId,
      overriddenImport: { ...id, overriddenBy: `a construction of \`${cls.name}\` (its \`${attr}\` argument)` },
    };
  }

  /**
   * The imported field once every construction in the project is known (ParamSink.readElsewhere):
   * one legacy ID everywhere (the default wherever a construction leaves it out) is what the request
   * sends; several values, or one computed at run time, are listed. undefined while pending, or when
   * no construction was seen (the instance is made where ds-migrate cannot look: a framework, a loader).
   */
  private settledField(cls: PyBinding, attr: string, id: ImportedId, shown: string): PyResolved | undefined {
    const sink = this.links?.sinksOf?.(this.file, cls.source!, cls.imported!).find((s) => s.readElsewhere && s.keyword === attr);
    if (!sink) return undefined;
    this.links!.fieldRead?.(sink);
    const state = this.links!.sinkState?.(sink);
    const remote = this.links!.argsFor?.(sink.file, sink.line, sink.param) ?? [];
    if (!state || state === "pending" || sink.local.length + remote.length === 0) return undefined;
    if (state.mixed) {
      return { kind: "dynamic", reason: `\`${shown}\`, the field \`${attr}\` of \`${cls.name}\` (${id.file}:${id.line}), which takes several values across the project (${state.mixed.join(", ")})`, fallback: id.legacyId, overriddenImport: { ...id, overriddenBy: `a construction of \`${cls.name}\` (its \`${attr}\` argument)` } };
    }
    const value = sink.local[0] ?? remote.map((r) => (r.value === undefined ? sink.default : r.value))[0];
    if (value === id.legacyId) return { kind: "external", id };
    const passed = remote.find((r) => r.value === value);
    const other = passed ? remoteId(passed) : undefined;
    return other ? { kind: "external", id: other } : undefined;
  }

  instanceClass(binding: PyBinding): PyNode | undefined {
    if (binding.kind === "param" && binding.annotation) {
      const type = binding.annotation.children.find((c) => c.name === "VariableName");
      return type ? this.classNamed(this.text(type)) : undefined;
    }
    if (binding.kind === "assign" && binding.value?.name === "CallExpression") return this.returnedClass(binding.value);
    return undefined;
  }

  private walk(start: PyNode, names: string[]): PyNode | undefined {
    let current: PyNode | undefined = start;
    for (const name of names) {
      if (!current) return undefined;
      if (current.name === "ClassDefinition") {
        const attrs = classAttributes(current, name, this.src);
        current = attrs.length === 1 ? fieldDefault(attrs[0]!, this.src) : undefined;
      } else if (current.name === "DictionaryExpression") current = dictValue(current, name, this.src);
      else return undefined;
    }
    return current;
  }
}

export function isKeywordName(node: PyNode): boolean {
  const parent = node.parent;
  if (parent?.name !== "ArgList") return false;
  const next = parent.children[parent.children.indexOf(node) + 1];
  return next?.name === "AssignOp";
}

/** The values a class body assigns to `name` (`name = v`, `name: T = v`). */
export function classAttributes(cls: PyNode, name: string, src: string): PyNode[] {
  const body = cls.children.find((c) => c.name === "Body");
  const out: PyNode[] = [];
  for (const stmt of body?.children ?? []) {
    if (stmt.name !== "AssignStatement" || !stmt.children.some((c) => c.name === "AssignOp")) continue;
    const target = stmt.children[0];
    if (target?.name === "VariableName" && src.slice(target.from, target.to) === name) out.push(stmt.children[stmt.children.length - 1]!);
  }
  return out;
}

/** The variable a `Field(...)` names for pydantic-settings: v2 `validation_alias` / `alias`, v1 `env`. */
function settingsEnvName(value: PyNode, src: string): string | undefined {
  if (value.name !== "CallExpression" || memberPath(value.children[0]!, src)?.at(-1) !== "Field") return undefined;
  const alias = argumentsOf(value, src).find((a) => a.keyword === "validation_alias" || a.keyword === "alias" || a.keyword === "env");
  return alias ? stringOf(alias.value, src)?.value : undefined;
}

/**
 * `model_config = SettingsConfigDict(env_prefix="APP_")` (v2) or `class Config: env_prefix = "APP_"`
 * (v1); undefined when the class sets none. The variable is shown upper case: the lookup ignores case.
 */
function envPrefixOf(cls: PyNode, src: string): string | undefined {
  const config = classAttributes(cls, "model_config", src)[0];
  const v2 = config?.name === "CallExpression" ? argumentsOf(config, src).find((a) => a.keyword === "env_prefix") : undefined;
  if (v2) return stringOf(v2.value, src)?.value ?? "";
  const body = cls.children.find((c) => c.name === "Body");
  const inner = body?.children.find((c) => c.name === "ClassDefinition" && c.children.some((n) => n.name === "VariableName" && src.slice(n.from, n.to) === "Config"));
  const v1 = inner ? classAttributes(inner, "env_prefix", src)[0] : undefined;
  return v1 ? stringOf(v1, src)?.value ?? "" : undefined;
}

/** `Field(default=v)` / `Field(v)` / `field(default=v)`: the default a pydantic or dataclass field holds. */
/** `model: str` in a class body: the statement declaring a field with a type and no value. */
export function declaredField(cls: PyNode, name: string, src: string): PyNode | undefined {
  const body = cls.children.find((c) => c.name === "Body");
  return body?.children.find((stmt) => stmt.name === "AssignStatement" && stmt.children.length === 2 && stmt.children[1]!.name === "TypeDef" &&
    stmt.children[0]!.name === "VariableName" && src.slice(stmt.children[0]!.from, stmt.children[0]!.to) === name);
}

export function fieldDefault(value: PyNode, src: string): PyNode {
  if (value.name !== "CallExpression") return value;
  const callee = memberPath(value.children[0]!, src)?.at(-1);
  if (callee !== "Field" && callee !== "field") return value;
  const args = argumentsOf(value, src);
  return args.find((a) => a.keyword === "default")?.value ?? args.find((a) => !a.keyword)?.value ?? value;
}

export function dictValue(dict: PyNode, key: string, src: string): PyNode | undefined {
  return dictEntries(dict).find((e) => e.key && stringOf(e.key, src)?.value === key)?.value;
}

function splitOnCommas(nodes: PyNode[]): PyNode[][] {
  const groups: PyNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === ",") groups.push([]);
    else if (n.name !== "(" && n.name !== ")") groups[groups.length - 1]!.push(n);
  }
  return groups.filter((g) => g.length > 0);
}

/** The index of a keyword-only parameter (after `*` or `*args`): no positional argument reaches it. */
export const KEYWORD_ONLY = 1_000_000;

/**
 * The position of a parameter among the positional ones of a ParamList (defaults and annotations
 * skipped); KEYWORD_ONLY after `*`/`*args`; NaN for `*args` and `**kwargs` themselves.
 */
export function positionalIndex(list: PyNode, param: PyNode): number {
  let index = 0;
  let keywordOnly = false;
  let previous = "";
  for (const c of list.children) {
    if (c === param) return previous === "*" || previous === "**" ? Number.NaN : keywordOnly ? KEYWORD_ONLY : index;
    if (c.name === "VariableName" && previous !== "AssignOp") index++;
    if (c.name === "**") return Number.NaN;
    if (c.name === "*") keywordOnly = true;
    previous = c.name;
  }
  return Number.NaN;
}
