// Same-file scopes and value tracing. Backward: from the expression a request passes as
// `model` to the string literal that defines it (const, default parameter, class field,
// config object, enum member), or to the reason it cannot be known. Forward (flow.ts uses
// it): every reference of a binding.
import type { ImportedId, ModuleLinks, ParamSink, RemoteArg } from "../../src/findings.js";
import { findProp, isFunction, keyName, memberPath, paramIdentifier, stringValue, unwrap, type Node, type Parsed } from "./ast.js";
import { narrowPrefixes, remoteId } from "../shared.js";
import { configRead, storeRead, type StoreRead } from "./stores.js";

export type Resolved =
  | { kind: "string"; literal: Node; value: string; viaParam: boolean }
  | { kind: "conditional"; node: Node; test: Node; consequent: Node; alternate: Node; viaParam: boolean }
  | { kind: "external"; id: ImportedId }
  /** `overridden`: a literal initial value or default exists, but code replaces it at run time. */
  | { kind: "dynamic"; reason: string; fallback?: Node; overridden?: boolean; /** An imported legacy default run-time data replaces: the request is DeepSeek's. */ importedDefault?: ImportedId;
    /** `let model; if (…) model = DS_MODEL; else model = "gpt-4o"`: other modules' IDs among the values assigned. */ assignedImports?: ImportedId[] }
  /** One of several literals, picked at run time from a table (`PROVIDERS[name].model`). */
  | { kind: "choices"; literals: Node[]; reason: string; remote?: RemoteArg[] };

export interface Binding {
  name: string;
  scope: Node;
  kind: "const" | "let" | "param" | "import" | "class" | "enum" | "function";
  /** The identifier that declares it (references exclude it). */
  id?: Node;
  init?: Node;
  /** For imports: the module specifier, so findings can say where to look. */
  source?: string;
  /** For imports: the exported name ("default", "*" for a whole-module binding). */
  imported?: string;
  /** Names other modules can import it by. */
  exportedAs: string[];
  /** For params: the function and the index of the parameter (`key`: a property of an options object there). */
  fn?: Node;
  index?: number;
  key?: string;
  /** Set when `init` is a destructuring default: the value only applies when none is given. */
  defaulted?: boolean;
}

export class Scope {
  /** URL literals proven to be a client's base URL (a `baseURL` option resolves to them): only these may gain `/v1`. */
  readonly baseLiterals = new Set<Node>();
  /** Expressions a client takes as its base URL (an imported bare host read there may gain /v1: TransformResult.baseUrls). */
  readonly baseUrlArgs = new Set<Node>();
  private readonly bindings = new Map<string, Binding[]>();
  /** The first binding of each name per scope node: a lookup is one map read per enclosing node, not a scan of every same-named binding (files with hundreds of `node` parameters made that quadratic). */
  private readonly byScope = new Map<string, Map<Node, Binding>>();
  /** References grouped by the binding they resolve to, built once per name on first ask. */
  private readonly refsByBinding = new Map<string, Map<Binding | undefined, Node[]>>();
  private readonly reassigned = new Set<string>();
  /** Identifiers that declare something (never references). */
  private readonly declaring = new Set<Node>();
  /** Identifier references by name, in source order. */
  private readonly refsByName = new Map<string, Node[]>();
  /** Parameters a request's model was traced to (the candidates for sinks other modules feed). */
  readonly paramReads = new Set<Binding>();
  /** The provider prefixes (`deepseek/`) every request reading a parameter accepts (ParamSink.prefixes). */
  readonly paramPrefixes = new Map<Binding, string[]>();
  /** Those of the request whose model is being resolved (set by the caller for each request). */
  requestPrefixes: string[] = [];

  /** `param || fallback` reads: the fallback stands in for the parameter's missing default (ParamSink.default). */
  readonly paramFallbacks = new Map<Binding, Node>();
  readonly assignedImports = new Map<Binding, ImportedId[]>();

  readParam(binding: Binding): void {
    this.paramReads.add(binding);
    narrowPrefixes(this.paramPrefixes, binding, this.requestPrefixes);
  }

  constructor(
    private readonly parsed: Parsed,
    readonly file: string,
    readonly links?: ModuleLinks,
  ) {
    for (const node of parsed.all) this.record(node);
    for (const node of parsed.all) if (node.type === "Identifier" && this.isReference(node)) this.push(this.refsByName, node.name, node);
    this.recordExports();
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  private add(name: string, binding: Omit<Binding, "name" | "exportedAs">): void {
    const full = { name, exportedAs: [], ...binding };
    this.push(this.bindings, name, full);
    this.importList = undefined;
    let scopes = this.byScope.get(name);
    if (!scopes) this.byScope.set(name, (scopes = new Map()));
    if (!scopes.has(binding.scope)) scopes.set(binding.scope, full);
    if (binding.id) this.declaring.add(binding.id);
  }

  private record(node: Node): void {
    const parent = this.parsed.parents.get(node);
    if (node.type === "VariableDeclarator" && parent && requireSource(node.init)) {
      this.recordRequire(node, requireSource(node.init)!);
    } else if (node.type === "VariableDeclarator" && parent) {
      const kind = parent.kind === "const" ? "const" : "let";
      const scope = this.blockOf(parent);
      if (node.id.type === "Identifier") this.add(node.id.name, { scope, kind, id: node.id, init: node.init ?? undefined });
      else this.recordPattern(node.id, scope, kind);
    } else if (isFunction(node)) {
      (node.params ?? []).forEach((param: Node, index: number) => this.recordParam(param, node, index));
      if (node.id?.type === "Identifier" && parent && node.type === "FunctionDeclaration") {
        this.add(node.id.name, { scope: this.blockOf(node), kind: "function", id: node.id, init: node });
      } else if (node.id?.type === "Identifier") this.declaring.add(node.id);
    } else if (node.type === "ImportDeclaration") {
      for (const spec of node.specifiers) {
        const imported = spec.type === "ImportDefaultSpecifier" ? "default" : spec.type === "ImportNamespaceSpecifier" ? "*" : spec.imported.name ?? spec.imported.value;
        this.add(spec.local.name, { scope: this.parsed.program, kind: "import", id: spec.local, source: node.source.value, imported });
        if (spec.imported) this.declaring.add(spec.imported);
      }
    } else if ((node.type === "ClassDeclaration" || node.type === "ClassExpression") && node.id) {
      if (node.type === "ClassDeclaration") this.add(node.id.name, { scope: this.blockOf(node), kind: "class", id: node.id, init: node });
      else this.declaring.add(node.id);
    } else if (node.type === "TSEnumDeclaration") {
      this.add(node.id.name, { scope: this.blockOf(node), kind: "enum", id: node.id, init: node });
    } else if (node.type === "CatchClause" && node.param?.type === "Identifier") {
      this.add(node.param.name, { scope: node, kind: "let", id: node.param });
    } else if (node.type === "AssignmentExpression" && node.left.type === "Identifier") {
      this.reassigned.add(node.left.name);
    } else if (node.type === "UpdateExpression" && node.argument.type === "Identifier") {
      this.reassigned.add(node.argument.name);
    }
  }

  /** `const { a, b: c = "x" } = obj` / `[a, b] = arr`: each name is a binding (defaults kept as init). */
  private recordPattern(pattern: Node, scope: Node, kind: Binding["kind"], fn?: Node, index?: number): void {
    const visit = (p: Node, init?: Node): void => {
      if (!p) return;
      if (p.type === "Identifier") this.add(p.name, { scope, kind, id: p, init, fn, index, defaulted: init !== undefined });
      else if (p.type === "AssignmentPattern") visit(p.left, p.right);
      else if (p.type === "ObjectPattern") for (const prop of p.properties) visit(prop.type === "RestElement" ? prop.argument : prop.value);
      else if (p.type === "ArrayPattern") for (const el of p.elements) visit(el);
      else if (p.type === "RestElement") visit(p.argument);
      else if (p.type === "TSParameterProperty") visit(p.parameter);
    };
    visit(pattern);
  }

  /** `const x = require("m")` binds the whole module; `const { a, b: c } = require("m")` binds its members. */
  private recordRequire(node: Node, source: string): void {
    const scope = this.blockOf(this.parsed.parents.get(node)!);
    if (node.id.type === "Identifier") this.add(node.id.name, { scope, kind: "import", id: node.id, source, imported: "*" });
    else if (node.id.type === "ObjectPattern") {
      for (const prop of node.id.properties) {
        const key = keyName(prop);
        if (key && prop.value?.type === "Identifier") this.add(prop.value.name, { scope, kind: "import", id: prop.value, source, imported: key });
      }
    }
  }

  private recordParam(param: Node, fn: Node, index: number): void {
    const p = param.type === "TSParameterProperty" ? param.parameter : param;
    const pattern = p.type === "AssignmentPattern" ? p.left : p;
    if (pattern.type !== "ObjectPattern") return this.recordPattern(p, fn, "param", fn, index);
    // An options object: each top-level property is a parameter callers pass by key.
    for (const prop of pattern.properties) {
      const key = prop.type === "RestElement" ? undefined : keyName(prop);
      const value = prop.type === "RestElement" ? prop.argument : prop.value;
      this.recordPattern(value, fn, "param", fn, index);
      if (key && value.type !== "ObjectPattern" && value.type !== "ArrayPattern") {
        const id = value.type === "AssignmentPattern" ? value.left : value;
        const b = id.type === "Identifier" ? this.bindings.get(id.name)?.at(-1) : undefined;
        if (b && b.id === id) b.key = key;
      }
    }
  }

  /** `export const X`, `export { X as Y }`, `export default X`, `module.exports = { X }`, `exports.X = X`. */
  private recordExports(): void {
    const program = this.parsed.program;
    const mark = (local: string, as: string) => {
      const b = this.lookup(local, program);
      if (b && b.scope === program) b.exportedAs.push(as);
    };
    for (const stmt of program.body as Node[]) {
      if (stmt.type === "ExportNamedDeclaration" && stmt.declaration) {
        const d = stmt.declaration;
        if (d.type === "VariableDeclaration") for (const decl of d.declarations) { if (decl.id.type === "Identifier") mark(decl.id.name, decl.id.name); }
        else if (d.id?.name) mark(d.id.name, d.id.name);
      } else if (stmt.type === "ExportNamedDeclaration" && !stmt.source) {
        for (const spec of stmt.specifiers) mark(spec.local.name, spec.exported.name ?? spec.exported.value);
      } else if (stmt.type === "ExportDefaultDeclaration" && stmt.declaration.type === "Identifier") {
        mark(stmt.declaration.name, "default");
      } else if (stmt.type === "ExportDefaultDeclaration" && stmt.declaration.id?.name) {
        mark(stmt.declaration.id.name, "default");
      } else if (stmt.type === "ExpressionStatement" && stmt.expression.type === "AssignmentExpression") {
        const target = memberPath(stmt.expression.left)?.join(".");
        const right = unwrap(stmt.expression.right);
        const named = target?.match(/^(?:module\.)?exports\.(.+)$/);
        if (named && right.type === "Identifier") mark(right.name, named[1]!);
        else if (target === "module.exports" && right.type === "ObjectExpression") {
          for (const prop of right.properties) {
            const value = prop.value && unwrap(prop.value);
            if (keyName(prop) && value?.type === "Identifier") mark(value.name, keyName(prop)!);
          }
        } else if (target === "module.exports" && right.type === "Identifier") mark(right.name, "default");
      }
    }
  }

  private isReference(id: Node): boolean {
    if (this.declaring.has(id)) return false;
    const parent = this.parsed.parents.get(id);
    if (!parent) return true;
    switch (parent.type) {
      case "MemberExpression":
      case "OptionalMemberExpression":
        return parent.object === id || parent.computed;
      case "ObjectProperty":
      case "ClassProperty":
      case "PropertyDefinition":
      case "ObjectMethod":
      case "ClassMethod":
      case "TSPropertySignature":
      case "TSEnumMember":
        return parent.key !== id || parent.computed;
      // Types name values without using them: `typeof TABLE`, `keyof typeof MODELS`.
      case "TSTypeQuery":
      case "TSTypeReference":
      case "TSExpressionWithTypeArguments":
      case "TSClassImplements":
      case "TSInterfaceHeritage":
      case "ImportSpecifier":
      case "ImportDefaultSpecifier":
      case "ImportNamespaceSpecifier":
      case "ExportSpecifier":
      case "LabeledStatement":
      case "BreakStatement":
      case "ContinueStatement":
      case "TSQualifiedName":
      case "MetaProperty":
        return false;
    }
    return true;
  }

  /** The block a declaration belongs to (its nearest enclosing block or program). */
  private blockOf(node: Node): Node {
    let current = this.parsed.parents.get(node);
    while (current && !["BlockStatement", "Program", "StaticBlock"].includes(current.type) && !isFunction(current)) {
      current = this.parsed.parents.get(current);
    }
    return current ?? this.parsed.program;
  }

  /** The binding an identifier used at `at` refers to: the innermost enclosing scope that declares it. */
  lookup(name: string, at: Node): Binding | undefined {
    const scopes = this.byScope.get(name);
    if (!scopes) return undefined;
    for (let node: Node | undefined = at; node; node = this.parsed.parents.get(node)) {
      const found = scopes.get(node);
      if (found) return found;
    }
    return undefined;
  }

  /** Every identifier that reads (or writes) the binding, in source order. */
  references(binding: Binding): Node[] {
    let groups = this.refsByBinding.get(binding.name);
    if (!groups) {
      groups = new Map();
      for (const ref of this.refsByName.get(binding.name) ?? []) {
        const b = this.lookup(binding.name, ref);
        const list = groups.get(b);
        if (list) list.push(ref);
        else groups.set(b, [ref]);
      }
      this.refsByBinding.set(binding.name, groups);
    }
    return [...(groups.get(binding) ?? [])];
  }

  private readonly keyed = new Map<Binding, Map<string, Binding>>();

  /**
   * `options.model` read from a whole parameter (`constructor(options)`): the property is a
   * parameter callers pass by key, like a destructured one (`{ model }`); one binding per key.
   */
  keyedParam(param: Binding, key: string): Binding {
    let keys = this.keyed.get(param);
    if (!keys) this.keyed.set(param, (keys = new Map()));
    let b = keys.get(key);
    if (!b) keys.set(key, (b = { name: key, scope: param.scope, kind: "param", id: param.id, fn: param.fn, index: param.index, key, exportedAs: [] }));
    return b;
  }

  /** Every import binding of the file (ES imports and require). */
  imports(): Binding[] {
    // Kept: asked once per call in the linking pass, and a bundle binds tens of thousands of names.
    return (this.importList ??= [...this.bindings.values()].flat().filter((b) => b.kind === "import"));
  }

  private importList: Binding[] | undefined;

  /** The binding a whole-module or named import of `source` gives to `name`, if any. */
  importOf(name: string, at: Node): Binding | undefined {
    const b = this.lookup(name, at);
    return b?.kind === "import" ? b : undefined;
  }

  isReassigned(name: string): boolean {
    return this.reassigned.has(name);
  }

  /**
   * What the calls in this file pass for parameter `index` (its property `key`, for an options
   * object) of function `fn` (a declaration, a `const` arrow/function, or a class's
   * constructor called with `new`): one entry per call, undefined where the call omits it; a
   * spread, or an options object that is not a literal, counts as a computed value. undefined
   * when the function has no name to call it by.
   */
  argumentsAt(fn: Node, index: number, key?: string): Array<Node | undefined> | undefined {
    if (isInstanceMethod(fn)) return this.methodCallsTo(keyName(fn)!).map((call) => argumentAt(call, index, key));
    const cls = staticMethodClass(fn, (n) => this.parsed.parents.get(n));
    if (cls) return this.methodCallsTo(keyName(fn)!).filter((call) => this.callsClass(unwrap(call.callee).object, cls)).map((call) => argumentAt(call, index, key));
    const id = this.calledBy(fn);
    if (!id) return undefined;
    const viaNew = fn.kind === "constructor";
    const out: Array<Node | undefined> = [];
    for (const node of this.callsTo(id.name)) {
      if ((node.type === "NewExpression") !== viaNew) continue;
      const target = this.lookup(id.name, node.callee);
      const calls = viaNew ? target?.init?.body?.body?.includes(fn) : target && (target.init === fn || unwrap(target.init ?? node) === fn);
      if (!calls) continue;
      out.push(argumentAt(node, index, key));
    }
    return out;
  }

  /** `Memory` in `Memory.getInstance(…)` (or `this.` inside its own static methods) names class `cls`. */
  private callsClass(receiver: Node, cls: Node): boolean {
    const r = unwrap(receiver);
    if (r.type === "ThisExpression") return this.enclosingClass(r) === cls.body;
    return r.type === "Identifier" && r.name === cls.id.name && this.lookup(r.name, r)?.id === cls.id;
  }

  // Calls `….name(…)` by the method's name: any receiver counts, so a call ds-migrate cannot tie
  // to the class adds a value (a reason to report) rather than hiding one.
  private callsByProperty?: Map<string, Node[]>;

  private methodCallsTo(name: string): Node[] {
    if (!this.callsByProperty) {
      this.callsByProperty = new Map();
      for (const node of this.parsed.all) {
        const callee = node.type === "CallExpression" ? unwrap(node.callee) : undefined;
        if ((callee?.type === "MemberExpression" || callee?.type === "OptionalMemberExpression") && !callee.computed) this.push(this.callsByProperty, callee.property.name, node);
      }
    }
    return this.callsByProperty.get(name) ?? [];
  }

  /**
   * The class an instance method call's receiver holds, imported or of this file: `svc.send()`
   * with `const svc = new ChatService()` or a parameter typed `ChatService`; `this.chat.send()`
   * with a field or constructor parameter typed `ChatService` (or set to `new ChatService()`);
   * `this.send()`, the enclosing class.
   */
  receiverClass(call: Node): Binding | undefined {
    const path = call.type === "CallExpression" ? memberPath(call.callee) : undefined;
    if (!path || path.length < 2 || path.length > 3) return undefined;
    if (path[0] === "this" && path.length === 2) {
      const cls = this.enclosingClass(call) && this.parsed.parents.get(this.enclosingClass(call)!);
      return cls?.type === "ClassDeclaration" && cls.id ? this.lookup(cls.id.name, cls.id) : undefined;
    }
    if (path[0] === "this") return this.fieldClass(call, path[1]!);
    if (path.length !== 2) return undefined;
    const b = this.lookup(path[0]!, call.callee);
    if ((b?.kind === "const" || (b?.kind === "let" && !this.isReassigned(b.name))) && b.init) return this.classOfValue(b.init);
    return b?.kind === "param" && b.id ? this.classOfType(b.id.typeAnnotation) : undefined;
  }

  /** The class `this.field` holds: its declared type, a `new` it is set to, or a constructor parameter's type. */
  private fieldClass(at: Node, field: string): Binding | undefined {
    const body = this.enclosingClass(at);
    if (!body) return undefined;
    const prop = body.body.find((m: Node) => (m.type === "ClassProperty" || m.type === "PropertyDefinition") && !m.static && !m.computed && keyName(m) === field);
    if (prop) return this.classOfType(prop.typeAnnotation) ?? (prop.value ? this.classOfValue(prop.value) : undefined);
    const ctor = body.body.find((m: Node) => m.type === "ClassMethod" && m.kind === "constructor");
    for (const param of ctor?.params ?? []) {
      if (param.type !== "TSParameterProperty") continue;
      const id = param.parameter.type === "AssignmentPattern" ? param.parameter.left : param.parameter;
      if (id.type === "Identifier" && id.name === field) return this.classOfType(id.typeAnnotation);
    }
    const writes = this.thisWrites(body, field);
    if (writes.length !== 1) return undefined;
    const right = unwrap(writes[0]!.right);
    if (right.type !== "Identifier") return this.classOfValue(right);
    const param = this.lookup(right.name, right);
    return param?.kind === "param" && param.id ? this.classOfType(param.id.typeAnnotation) : undefined;
  }

  private classOfValue(value: Node): Binding | undefined {
    const node = unwrap(value);
    if (node.type !== "NewExpression" || node.callee.type !== "Identifier") return undefined;
    const b = this.lookup(node.callee.name, node.callee);
    return b?.kind === "import" || b?.kind === "class" ? b : undefined;
  }

  private classOfType(annotation: Node | undefined | null): Binding | undefined {
    const type = annotation?.typeAnnotation;
    if (type?.type !== "TSTypeReference" || type.typeName.type !== "Identifier" || type.typeParameters) return undefined;
    const b = this.lookup(type.typeName.name, type.typeName);
    return b?.kind === "import" || b?.kind === "class" ? b : undefined;
  }

  /** Whole parameters (not options-object properties) of functions other modules can import, with the export names. */
  exportedParams(): Array<{ param: Binding; names: string[] }> {
    const out: Array<{ param: Binding; names: string[] }> = [];
    for (const b of this.wholeParams()) {
      const id = this.calledBy(b.fn!);
      const fn = id && this.lookup(id.name, id);
      if (fn && fn.exportedAs.length > 0) out.push({ param: b, names: fn.exportedAs });
    }
    return out;
  }

  /**
   * Parameters of the instance methods of exported class declarations, by the names other modules
   * reach them through (`Client.prototype.ask` for `new Client().ask(body)`).
   */
  exportedMethodParams(): Array<{ param: Binding; names: string[] }> {
    const out: Array<{ param: Binding; names: string[] }> = [];
    for (const b of this.wholeParams()) {
      const fn = b.fn!;
      const cls = fn.type === "ClassMethod" && fn.kind === "method" && !fn.static && !fn.computed ? this.parentOf(this.parentOf(fn)!) : undefined;
      const binding = cls?.type === "ClassDeclaration" && cls.id ? this.lookup(cls.id.name, cls.id) : undefined;
      if (binding && binding.exportedAs.length > 0) out.push({ param: b, names: binding.exportedAs.map((as) => `${as}.prototype.${keyName(fn)}`) });
    }
    return out;
  }

  /** Every parameter bound whole to a plain name (not destructured). */
  private wholeParams(): Binding[] {
    const out: Binding[] = [];
    for (const list of this.bindings.values()) {
      for (const b of list) if (b.kind === "param" && !b.key && b.fn && b.index !== undefined && isWholeParam(b.fn.params[b.index])) out.push(b);
    }
    return out;
  }

  /**
   * The parameter `index` of the function a call in this file reaches: `post(body)` with `function post(body)`
   * or `const post = (body) =>`, and `api.ask(body)` on an instance of a class of this file.
   */
  localParam(call: Node, index: number): Binding | undefined {
    const fn = call.callee?.type === "Identifier" ? this.localFunction(call.callee) : this.localMethod(call);
    if (!fn || !isFunction(fn)) return undefined;
    // `constructor(private readonly options: Options)`: a parameter property is a parameter too.
    const param = fn.params[index]?.type === "TSParameterProperty" ? fn.params[index].parameter : fn.params[index];
    if (param?.type !== "Identifier") return undefined;
    return this.bindings.get(param.name)?.find((b) => b.kind === "param" && b.fn === fn && b.index === index && !b.key);
  }

  private localFunction(callee: Node): Node | undefined {
    const target = this.lookup(callee.name, callee);
    return target && (target.kind === "function" || target.kind === "const") && target.init ? unwrap(target.init) : undefined;
  }

  /** The instance method a call on a class of this file runs (its own declaration; a subclass's override is not known here). */
  private localMethod(call: Node): Node | undefined {
    const cls = this.receiverClass(call);
    if (cls?.kind !== "class" || !cls.init) return undefined;
    const name = memberPath(call.callee)!.at(-1);
    const method = cls.init.body.body.find((m: Node) => m.type === "ClassMethod" && m.kind === "method" && !m.static && !m.computed && keyName(m) === name);
    // A class that extends another may inherit a different method than the one a subclass instance runs.
    return method && !this.hasSubclass(cls) ? method : undefined;
  }

  private hasSubclass(cls: Binding): boolean {
    return this.parsed.all.some((n) => (n.type === "ClassDeclaration" || n.type === "ClassExpression") && n.superClass?.type === "Identifier" && n.superClass.name === cls.name);
  }

  /** The function or class a call reaches in another module of the project, with its parameters there that other modules' calls feed (ParamSink). */
  importedSinks(call: Node): { name: string; sinks: ParamSink[] } | undefined {
    // `super(...)` in a subclass of an imported class calls that class's constructor.
    const callee = call.callee.type === "Super" ? this.superClassOf(call) : call.callee;
    const calleePath = callee && memberPath(callee);
    if (!calleePath || !this.links?.sinksOf) return undefined;
    const head = this.importOf(calleePath[0]!, callee);
    if (!head?.source) return this.importedMethodSinks(call);
    const name = (head.imported === "*" ? calleePath.slice(1) : [head.imported!, ...calleePath.slice(1)]).join(".");
    const sinks = name ? this.links.sinksOf(this.file, head.source, name) : [];
    return sinks.length > 0 ? { name: calleePath.join("."), sinks } : undefined;
  }

  /** `svc.send(…)` on an instance of an imported class: the sinks of its method (exported as `ChatService.prototype.send`). */
  private importedMethodSinks(call: Node): { name: string; sinks: ParamSink[] } | undefined {
    const name = this.importedMethodName(call);
    const source = name ? this.receiverClass(call)!.source! : undefined;
    const sinks = name && source ? this.links!.sinksOf!(this.file, source, name) : [];
    return sinks.length > 0 ? { name: memberPath(call.callee)!.join("."), sinks } : undefined;
  }

  /** The export path of the imported class method a call reaches (`ChatService.prototype.send`), if it does. */
  importedMethodName(call: Node): string | undefined {
    const cls = this.receiverClass(call);
    if (cls?.kind !== "import" || !cls.source || cls.imported === "*") return undefined;
    return `${cls.imported}.prototype.${memberPath(call.callee)!.at(-1)}`;
  }

  /** The name a function is called by: its declaration's, its `const`'s, or its class's for a constructor. */
  calledBy(fn: Node): Node | undefined {
    const parent = this.parsed.parents.get(fn);
    if (fn.kind === "constructor") {
      const cls = parent && this.parsed.parents.get(parent);
      return cls?.type === "ClassDeclaration" ? cls.id : undefined;
    }
    return fn.type === "FunctionDeclaration" ? fn.id : parent?.type === "VariableDeclarator" && parent.id.type === "Identifier" ? parent.id : undefined;
  }

  // Calls by the callee's name, collected on first use: parameters are resolved often, the file is walked once.
  private callsByName?: Map<string, Node[]>;

  private callsTo(name: string): Node[] {
    if (!this.callsByName) {
      this.callsByName = new Map();
      for (const node of this.parsed.all) {
        if ((node.type === "CallExpression" || node.type === "NewExpression") && node.callee.type === "Identifier") this.push(this.callsByName, node.callee.name, node);
        else if (node.type === "CallExpression" && memberPath(node.callee)?.join(".") === "Object.assign") this.push(this.callsByName, "Object.assign", node);
      }
    }
    return this.callsByName.get(name) ?? [];
  }

  parentOf(node: Node): Node | undefined {
    return this.parsed.parents.get(node);
  }

  /** `this.name = …` assignments inside a class body (its own methods, not nested classes). */
  thisWrites(body: Node, name: string): Node[] {
    return this.assignments().filter((a) => {
      const target = memberPath(a.left);
      return target?.length === 2 && target[0] === "this" && target[1] === name && this.enclosingClass(a) === body;
    });
  }

  /**
   * Where code replaces `path` (or an object holding it) after its declaration: an assignment
   * to it, or `Object.assign(x, …)` into it. `this.…` paths count writes outside the constructor.
   */
  replacedAt(path: string[], at: Node): Node | undefined {
    const holds = (target: string[] | undefined) => !!target && target.length >= 2 && target.length <= path.length && target.every((t, i) => t === path[i]);
    const body = path[0] === "this" ? this.enclosingClass(at) : undefined;
    const head = path[0] === "this" ? undefined : this.lookup(path[0]!, at);
    if (path[0] !== "this" && !head) return undefined;
    const same = (n: Node) => (body ? this.enclosingClass(n) === body && !this.inConstructor(n) : this.lookup(path[0]!, n) === head);
    for (const { node: a, target } of this.assignmentsUnder(path[0]!)) if (holds(target) && same(a)) return a;
    for (const n of this.callsTo("Object.assign")) {
      const target = n.arguments[0] && memberPath(n.arguments[0]);
      if (target && target.length <= path.length && target.every((t: string, i: number) => t === path[i]) && same(n)) return n;
    }
    return undefined;
  }

  /** `x.key = …` assignments to the object a binding holds, in source order. */
  memberWrites(binding: Binding, key: string): Node[] {
    // Indexed once by `name.key`: every argument a call passes asks this (requests.ts:sentBody).
    if (!this.writesByPath) {
      this.writesByPath = new Map();
      for (const a of this.assignments()) {
        const target = memberPath(a.left);
        if (target?.length === 2 && a.operator === "=") this.push(this.writesByPath, target.join("."), a);
      }
    }
    return (this.writesByPath.get(`${binding.name}.${key}`) ?? []).filter((a) => this.lookup(binding.name, a) === binding);
  }

  private writesByPath?: Map<string, Node[]>;

  private inConstructor(node: Node): boolean {
    const fn = this.enclosingFunction(node);
    return fn?.type === "ClassMethod" && fn.kind === "constructor";
  }

  private assignmentList?: Node[];

  // Member assignments by the first name of their target (`this`, `config`), each with its path:
  // replacedAt is asked for many member reads, and walking every assignment of a large bundle for
  // each was quadratic (a 1.2 MB react-dom build: minutes).
  private assignmentsByHead?: Map<string, Array<{ node: Node; target: string[] }>>;

  private assignmentsUnder(head: string): Array<{ node: Node; target: string[] }> {
    if (!this.assignmentsByHead) {
      this.assignmentsByHead = new Map();
      for (const node of this.assignments()) {
        const target = memberPath(node.left);
        if (target) this.push(this.assignmentsByHead, target[0]!, { node, target });
      }
    }
    return this.assignmentsByHead.get(head) ?? [];
  }

  private assignments(): Node[] {
    this.assignmentList ??= this.parsed.all.filter((n) => n.type === "AssignmentExpression" && (n.left.type === "MemberExpression" || n.left.type === "OptionalMemberExpression"));
    return this.assignmentList;
  }

  /** The non-static method (`kind` "method") or getter (`kind` "get") `name` of the class `at` is in. */
  classMember(at: Node, name: string, kind: "method" | "get"): Node | undefined {
    const body = this.enclosingClass(at);
    return body?.body.find((m: Node) => m.type === "ClassMethod" && m.kind === kind && !m.static && !m.computed && keyName(m) === name);
  }

  /** The value a function returns when it has exactly one `return` with a value (an arrow's expression body counts). */
  returnedBy(fn: Node): Node | undefined {
    const returns = this.returnsOf(fn);
    return returns.length === 1 ? returns[0] : undefined;
  }

  /** Every value a function returns (an arrow's expression body; `undefined` for a bare `return`). */
  returnsOf(fn: Node): Array<Node | undefined> {
    if (fn.body?.type !== "BlockStatement") return fn.body ? [fn.body] : [];
    return this.parsed.all.filter((n) => n.type === "ReturnStatement" && n.start > fn.start && n.end <= fn.end && this.enclosingFunction(n) === fn).map((n) => n.argument ?? undefined);
  }

  /** For `super(...)`: the class the enclosing class extends (`ChatOpenAI`, `lc.ChatOpenAI`). */
  superClassOf(call: Node): Node | undefined {
    const body = call.callee.type === "Super" ? this.enclosingClass(call) : undefined;
    const cls = body && this.parsed.parents.get(body);
    return cls?.superClass ? unwrap(cls.superClass) : undefined;
  }

  enclosingClass(node: Node): Node | undefined {
    for (let n = this.parsed.parents.get(node); n; n = this.parsed.parents.get(n)) {
      if (n.type === "ClassBody") return n;
    }
    return undefined;
  }

  enclosingFunction(node: Node): Node | undefined {
    for (let n = this.parsed.parents.get(node); n; n = this.parsed.parents.get(n)) {
      if (isFunction(n)) return n;
    }
    return undefined;
  }
}

const MAX_DEPTH = 8;

/** A class's own non-static method (not a constructor, getter or setter). */
/** The class declaring `fn` when it is a static method (`Memory.getInstance(…)`), else undefined. */
export function staticMethodClass(fn: Node, parentOf: (n: Node) => Node | undefined): Node | undefined {
  if (fn.type !== "ClassMethod" || fn.kind !== "method" || !fn.static || fn.computed || keyName(fn) === undefined) return undefined;
  const body = parentOf(fn);
  const cls = body && parentOf(body);
  return cls?.type === "ClassDeclaration" && cls.id ? cls : undefined;
}

export function isInstanceMethod(fn: Node): boolean {
  return fn.type === "ClassMethod" && fn.kind === "method" && !fn.static && !fn.computed && keyName(fn) !== undefined;
}

/** What a call passes at `index` (a spread before it counts as the value); `key`: that property of it. */
function argumentAt(call: Node, index: number, key?: string): Node | undefined {
  const spread = call.arguments.findIndex((a: Node) => a.type === "SpreadElement");
  const arg = spread !== -1 && spread <= index ? call.arguments[spread] : call.arguments[index];
  return key === undefined || !arg ? arg : propertyPassed(arg, key);
}

export function resolveValue(expr: Node, scope: Scope, depth = 0, viaParam = false): Resolved {
  const node = unwrap(expr);
  if (depth > MAX_DEPTH) return { kind: "dynamic", reason: "a chain of references too long to follow" };
  const value = stringValue(node);
  if (value !== undefined) return { kind: "string", literal: node, value, viaParam };
  if (node.type === "ConditionalExpression") {
    // `model !== undefined ? model : DEFAULT`: the parameter, or its fallback when a caller passes nothing.
    const coalesced = coalescing(node);
    const passedOrFallback = coalesced ? paramOrFallback(coalesced.name, coalesced.fallback, scope, depth) : undefined;
    if (passedOrFallback) return passedOrFallback;
    return { kind: "conditional", node, test: node.test, consequent: unwrap(node.consequent), alternate: unwrap(node.alternate), viaParam };
  }
  if (node.type === "Identifier") return resolveIdentifier(node, scope, depth, viaParam);
  if (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") return resolveMember(node, scope, depth, viaParam);
  if (node.type === "LogicalExpression" && (node.operator === "??" || node.operator === "||")) {
    const passedOrFallback = paramOrFallback(node.left, node.right, scope, depth);
    if (passedOrFallback) return passedOrFallback;
    const reason = `a fallback expression (\`${node.operator}\`) whose left side is decided at run time`;
    // `model || settings.chatModel` with the fallback another module's legacy ID: the request is fed that ID
    // whenever the left side is empty (its module must not move it alone, see holdImportedDefault).
    const right = unwrap(node.right);
    const imported = right.type === "Identifier" || right.type === "MemberExpression" ? resolveValue(right, scope, depth + 1, viaParam) : undefined;
    const id = imported?.kind === "external" ? imported.id : imported?.kind === "dynamic" ? imported.importedDefault : undefined;
    if (id) {
      const leftPath = memberPath(unwrap(node.left));
      const left = leftPath ? `\`${leftPath.join(".")}\` when it is set` : "the left side when it is set";
      const shown = memberPath(right)?.join(".") ?? "the fallback";
      return { kind: "dynamic", reason: `a fallback (\`${node.operator}\`): ${left}, else \`${shown}\` = "${id.legacyId}" (${id.file}:${id.line})`, fallback: right, importedDefault: { ...id, overriddenBy: id.overriddenBy ? `${id.overriddenBy} or ${left}` : left } };
    }
    return { kind: "dynamic", reason, fallback: right };
  }
  if (node.type === "CallExpression") return resolveCall(node, scope, depth, viaParam);
  if (node.type === "AwaitExpression") return { kind: "dynamic", reason: callResultWords(unwrap(node.argument)) };
  if (node.type === "TemplateLiteral") return { kind: "dynamic", reason: "a template string", fallback: node };
  return { kind: "dynamic", reason: "an expression computed at run time" };
}

/** `this.getModel()`: what the class's own method returns, when it takes no arguments and returns one value. */
function resolveCall(node: Node, scope: Scope, depth: number, viaParam: boolean): Resolved {
  const callee = unwrap(node.callee);
  const own = callee.type === "MemberExpression" && callee.object.type === "ThisExpression" && !callee.computed && node.arguments.length === 0;
  const method = own ? scope.classMember(node, callee.property.name, "method") : undefined;
  const returned = method && scope.returnedBy(method);
  if (returned) return resolveValue(returned, scope, depth + 1, viaParam);
  const configured = configRead(scope, node);
  if (configured) {
    const shown = `${memberPath(node.callee)!.join(".")}("${stringValue(node.arguments[0])}")`;
    const what = configured.editor
      ? `the editor setting ${configured.key} (the user's settings; its default applies when it is not set)`
      : `the configuration value ${configured.key} (the environment or a config file; its fallback applies when it is not set)`;
    return { kind: "dynamic", reason: `\`${shown}\`, ${what}`, fallback: unwrap(configured.fallback) };
  }
  const read = storeRead(scope, node);
  const stored = read && resolveStoreRead(scope, read);
  if (stored) return stored;
  const factory = importedFactory(scope, node);
  const imported = factory && resolveImport(scope, factory, [], factory.imported!);
  if (imported && (imported.kind !== "dynamic" || imported.importedDefault)) return imported;
  return { kind: "dynamic", reason: callResultWords(node) };
}

/**
 * `store.get("model")`: the user's saved value, or the default until one is saved. From a store
 * another module builds, that module's exported default (importers' requests are DeepSeek's).
 */
function resolveStoreRead(scope: Scope, read: StoreRead): Resolved | undefined {
  const shown = `${read.store.name}.get("${read.key}")`;
  if (read.store.kind === "import") {
    const imported = resolveImport(scope, read.store, [`get("${read.key}")`], shown);
    return imported.kind !== "dynamic" || imported.importedDefault ? imported : undefined;
  }
  const value = read.fallback && stringValue(read.fallback);
  const initial = value === undefined ? "" : `, and its default "${value}" (line ${read.fallback!.loc.start.line}) until then`;
  return { kind: "dynamic", reason: `\`${shown}\`, which returns what the user saved in the \`${read.library}\` store${initial}`,
    overridden: true, ...(value !== undefined ? { fallback: read.fallback } : {}) };
}

/** "the result of `pick()`": the call named, so the reader knows where to look. */
function callResultWords(node: Node): string {
  const path = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? memberPath(node.callee) : undefined;
  return path ? `the result of \`${path.join(".")}()\`` : "the result of a call";
}

/** The initial value and every `name = value` of a `let` binding. */
function assignedValues(binding: Binding, scope: Scope): Node[] {
  const assigned = scope.references(binding).map((ref) => scope.parentOf(ref)).filter((p): p is Node => p?.type === "AssignmentExpression" && p.operator === "=").map((p) => p.right);
  return binding.init ? [binding.init, ...assigned] : assigned;
}

/**
 * The imported IDs a reassigned `let` can be given, worked out once per binding: a bundle's
 * module-level `var`s are assigned hundreds of times, each from another, and resolving them at
 * every read was exponential (a 1.2 MB react-dom build: seconds per conditional). A cycle
 * (`a = b`, `b = a`) adds nothing.
 */
function assignedImports(binding: Binding, scope: Scope, depth: number, viaParam: boolean): ImportedId[] {
  const known = scope.assignedImports.get(binding);
  if (known) return known;
  scope.assignedImports.set(binding, []);
  const found = assignedValues(binding, scope).map((v) => resolveValue(v, scope, depth + 1, viaParam)).flatMap((r) => (r.kind === "external" ? [r.id] : []));
  scope.assignedImports.set(binding, found);
  return found;
}

function resolveIdentifier(node: Node, scope: Scope, depth: number, viaParam: boolean): Resolved {
  const binding = scope.lookup(node.name, node);
  if (!binding) return { kind: "dynamic", reason: `\`${node.name}\`, which is not declared in this file` };
  if (binding.kind === "import") return resolveImport(scope, binding, [], node.name);
  if (binding.kind === "param" && binding.fn && binding.index !== undefined) {
    scope.readParam(binding);
    const passed = scope.argumentsAt(binding.fn, binding.index, binding.key) ?? [];
    const remote = scope.links?.argsFor?.(scope.file, binding.id!.loc.start.line, binding.name) ?? [];
    if (passed.length + remote.length > 0) return resolveParameter(node.name, binding, passed, remote, scope, depth);
  }
  if (binding.kind === "param" && !binding.init) return { kind: "dynamic", reason: `the function parameter \`${node.name}\`` };
  if (binding.kind === "let" && scope.isReassigned(node.name)) {
    const reason = `\`${node.name}\`, which is reassigned`;
    const imported = assignedImports(binding, scope, depth, viaParam);
    return imported.length > 0 ? { kind: "dynamic", reason, assignedImports: imported } : { kind: "dynamic", reason };
  }
  if (!binding.init) return pairPosition(node.name, binding, scope, depth, viaParam) ?? { kind: "dynamic", reason: `\`${node.name}\`, which has no initial value` };
  if (binding.kind === "function" || binding.kind === "class" || binding.kind === "enum") return { kind: "dynamic", reason: `\`${node.name}\`` };
  const destructured = binding.defaulted ? destructuredValue(binding, scope, depth, viaParam) : undefined;
  if (destructured) return destructured;
  return resolveValue(binding.init, scope, depth + 1, viaParam || binding.kind === "param" || !!binding.defaulted);
}

/**
 * `const { model = "deepseek-chat" } = source` in a body: the default is only what a missing
 * `model` gives. From a whole parameter (`options`), the value is what each caller's object
 * passes under that key (here and, through the linker, in other modules), the default where one
 * leaves it out; from anything else (`req.body`, a call's result), it is decided at run time.
 */
function destructuredValue(binding: Binding, scope: Scope, depth: number, viaParam: boolean): Resolved | undefined {
  const assign = binding.id ? scope.parentOf(binding.id) : undefined;
  const prop = assign?.type === "AssignmentPattern" && assign.left === binding.id ? scope.parentOf(assign) : undefined;
  const pattern = prop?.type === "ObjectProperty" ? scope.parentOf(prop) : undefined;
  const decl = pattern?.type === "ObjectPattern" ? scope.parentOf(pattern) : undefined;
  const key = prop ? keyName(prop) : undefined;
  if (decl?.type !== "VariableDeclarator" || decl.id !== pattern || !decl.init || key === undefined) return undefined;
  const source = unwrap(decl.init);
  // `= options || {}`, `= options ?? {}`: the object is the parameter's.
  const object = source.type === "LogicalExpression" && unwrap(source.right).type === "ObjectExpression" && (unwrap(source.right).properties?.length ?? 0) === 0 ? unwrap(source.left) : source;
  const head = object.type === "Identifier" ? scope.lookup(object.name, object) : undefined;
  if (head?.kind === "param" && !head.key && head.fn && head.index !== undefined && !scope.isReassigned(head.name)) {
    const b = scope.keyedParam(head, key);
    scope.readParam(b);
    scope.paramFallbacks.set(b, assign!.right);
    const passed = scope.argumentsAt(b.fn!, b.index!, key) ?? [];
    const remote = scope.links?.argsFor?.(scope.file, b.id!.loc.start.line, key) ?? [];
    if (passed.length + remote.length === 0) return resolveValue(assign!.right, scope, depth + 1, true);
    return resolveParameter(`${head.name}.${key}`, b, passed, remote, scope, depth, assign!.right);
  }
  // A const object literal of this file: its own `model` when it has one.
  const literal = head?.kind === "const" && head.init && unwrap(head.init).type === "ObjectExpression" ? unwrap(head.init) : undefined;
  if (literal && !literal.properties.some((p: Node) => p.type === "SpreadElement")) {
    const own = findProp(literal, key);
    return resolveValue(own ? own.value : assign!.right, scope, depth + 1, viaParam || !own);
  }
  return { kind: "dynamic", reason: `the \`${key}\` of ${sourceWords(object)}, read at run time (its default applies only when it is missing)`, fallback: unwrap(assign!.right) };
}

/** An object destructured, in words: `req.body`, `await req.json()`, `getConfig()`. */
function sourceWords(node: Node): string {
  const awaited = node.type === "AwaitExpression" ? unwrap(node.argument) : node;
  const call = awaited.type === "CallExpression" ? memberPath(unwrap(awaited.callee)) : undefined;
  const path = call ? `${call.join(".")}()` : memberPath(awaited)?.join(".");
  return path ? `\`${node.type === "AwaitExpression" ? "await " : ""}${path}\`` : "an object built at run time";
}

/**
 * `const cfg = roleConfig(name)` read as `cfg.model`, with `roleConfig` a function of this file
 * whose every return is an object literal, a const holding one, or an entry of a const table
 * (`ROLES[name] || ROLES.helper`): the field of every object it can return.
 */
function returnedField(head: Binding, rest: string[], scope: Scope, depth: number, viaParam: boolean): Resolved | undefined {
  const called = calledLocalFunction(head.kind === "const" && head.init ? unwrap(head.init) : undefined, scope);
  if (!called) return undefined;
  const objects: Node[] = [];
  for (const returned of scope.returnsOf(called.fn)) {
    const found = returned ? objectsOf(returned, scope) : undefined;
    if (!found) return undefined;
    objects.push(...found);
  }
  const literals: Node[] = [];
  for (const obj of objects) {
    let value: Node | undefined = obj;
    for (const key of rest) {
      const o: Node | undefined = value && unwrap(value);
      value = o?.type === "ObjectExpression" && !o.properties.some((p: Node) => p.type === "SpreadElement") ? findProp(o, key)?.value : undefined;
    }
    const r = value ? resolveValue(value, scope, depth + 1, viaParam) : undefined;
    if (r?.kind !== "string") return undefined;
    literals.push(r.literal);
  }
  return oneOrChoices(literals, viaParam, `\`${head.name}.${rest.join(".")}\`, from one of the objects \`${called.name}()\` returns`);
}

/** `f(…)` with `f` a function of this file (declared, or a const holding one): that function and its name. */
function calledLocalFunction(call: Node | undefined, scope: Scope): { fn: Node; name: string } | undefined {
  if (call?.type !== "CallExpression" || call.callee.type !== "Identifier") return undefined;
  const callee = scope.lookup(call.callee.name, call.callee);
  const fn = callee?.kind === "function" ? scope.parentOf(callee.id!) : callee?.init && isFunction(unwrap(callee.init)) ? unwrap(callee.init) : undefined;
  return fn && isFunction(fn) ? { fn, name: call.callee.name } : undefined;
}

/** The literals a name can hold: one ID when they agree, else a run-time choice among them (`what`, with their lines). */
function oneOrChoices(literals: Node[], viaParam: boolean, what: string): Resolved | undefined {
  if (literals.length === 0) return undefined;
  const values = new Set(literals.map((l) => stringValue(l)));
  if (values.size === 1) return { kind: "string", literal: literals[0]!, value: stringValue(literals[0]!)!, viaParam };
  return { kind: "choices", literals, reason: `${what} (${literals.map((n) => `line ${n.loc.start.line}`).join(", ")})` };
}

/** The object literals an expression can evaluate to, or undefined when one of its values is not such an object. */
function objectsOf(expr: Node, scope: Scope): Node[] | undefined {
  const e = unwrap(expr);
  if (e.type === "ObjectExpression") return [e];
  if (e.type === "LogicalExpression" && (e.operator === "||" || e.operator === "??")) {
    const left = objectsOf(e.left, scope);
    const right = objectsOf(e.right, scope);
    return left && right ? [...left, ...right] : undefined;
  }
  if (e.type === "ConditionalExpression") {
    const a = objectsOf(e.consequent, scope);
    const b = objectsOf(e.alternate, scope);
    return a && b ? [...a, ...b] : undefined;
  }
  if (e.type === "Identifier") {
    const b = scope.lookup(e.name, e);
    return b?.kind === "const" && b.init && unwrap(b.init).type === "ObjectExpression" ? [unwrap(b.init)] : undefined;
  }
  // `ROLES[name]`, `ROLES.helper`: the entries of a const table it can name.
  const entries = e.type === "MemberExpression" ? tableChoices(e, scope, 1) : undefined;
  return entries?.every((n) => n.type === "ObjectExpression") ? entries : undefined;
}

/**
 * `const [model, provider] = pick(…)` with `pick` a function of this file that returns pairs:
 * the name holds that position of every pair it returns (one ID, or a run-time choice among them).
 */
function pairPosition(name: string, binding: Binding, scope: Scope, depth: number, viaParam: boolean): Resolved | undefined {
  const pattern = binding.id && scope.parentOf(binding.id);
  const decl = pattern?.type === "ArrayPattern" ? scope.parentOf(pattern) : undefined;
  const called = calledLocalFunction(decl?.type === "VariableDeclarator" && decl.id === pattern && decl.init ? unwrap(decl.init) : undefined, scope);
  if (!called) return undefined;
  const index = pattern!.elements.indexOf(binding.id);
  const literals: Node[] = [];
  for (const returned of scope.returnsOf(called.fn)) {
    const pair = returned && unwrap(returned);
    const entry = pair?.type === "ArrayExpression" ? pair.elements[index] : undefined;
    const r = entry ? resolveValue(entry, scope, depth + 1, viaParam) : undefined;
    if (r?.kind !== "string") return { kind: "dynamic", reason: `\`${name}\`, taken from what \`${called.name}()\` returns, which is not a literal pair on every path` };
    literals.push(r.literal);
  }
  return oneOrChoices(literals, viaParam, `\`${name}\`, which \`${called.name}()\` sets to one of several models`);
}

/**
 * A parameter holds its default and whatever every call passes, in this file and (`remote`)
 * in the modules that import it: one ID when they all agree, the values as run-time choices
 * when they differ, dynamic when a caller computes it.
 */
/**
 * `model || this.defaultModel` with `model` an optional parameter (no default, or `undefined`):
 * what the callers pass, and the fallback wherever one passes nothing. undefined when no caller
 * is known (then the left side is decided at run time).
 */
function paramOrFallback(leftSide: Node, rightSide: Node, scope: Scope, depth: number): Resolved | undefined {
  const left = unwrap(leftSide);
  const binding = left.type === "Identifier" ? scope.lookup(left.name, left) : undefined;
  if (binding?.kind !== "param" || !binding.fn || binding.index === undefined || (binding.init && !isNothing(unwrap(binding.init)))) return undefined;
  // A sink either way, so the linking pass hands it the callers other modules make.
  scope.readParam(binding);
  scope.paramFallbacks.set(binding, unwrap(rightSide));
  const passed = (scope.argumentsAt(binding.fn, binding.index, binding.key) ?? []).map((arg) => (arg && isNothing(unwrap(arg)) ? undefined : arg));
  const remote = scope.links?.argsFor?.(scope.file, binding.id!.loc.start.line, binding.name) ?? [];
  if (passed.length + remote.length === 0) return undefined;
  return resolveParameter(binding.name, binding, passed, remote, scope, depth, unwrap(rightSide));
}

/** `undefined` or `null`: an argument or default that leaves a `||`/`??` fallback to decide. */
export function isNothing(node: Node): boolean {
  return (node.type === "Identifier" && node.name === "undefined") || node.type === "NullLiteral";
}

function resolveParameter(name: string, binding: Binding, passed: Array<Node | undefined>, remote: RemoteArg[], scope: Scope, depth: number, fallback?: Node, key = binding.key): Resolved {
  if (key !== undefined) ({ passed, remote } = withForwarded(passed, remote, key, scope, depth));
  const def = fallback ?? binding.init;
  const values: Node[] = [];
  for (const arg of passed.filter((a): a is Node => !!a)) {
    const r = resolveValue(arg, scope, depth + 1);
    const replaced = r.kind !== "string" && key !== undefined ? replacedKeyOf(arg, key, scope) : undefined;
    if (replaced) return { kind: "dynamic", reason: `the parameter \`${name}\`, to which a caller (line ${arg.loc.start.line}) passes \`${replaced.path}\`, which is replaced at run time (line ${replaced.at.loc.start.line})`, overridden: true };
    if (r.kind !== "string") return { kind: "dynamic", reason: `the parameter \`${name}\`, to which a caller passes a value computed at run time (line ${arg.loc.start.line})`, overridden: true };
    values.push(r.literal);
  }
  const computed = remote.find((r) => r.value === null);
  if (computed?.branches) {
    return { kind: "dynamic", reason: `the parameter \`${name}\`, to which a caller (${computed.at}) passes a condition between ${computed.branches.join(" and ")} that this request cannot see ` +
      "(no one mode written here follows it: pass the mode with the model)", overridden: true };
  }
  if (computed) return { kind: "dynamic", reason: `the parameter \`${name}\`, to which a caller passes a value computed at run time (${computed.at})`, overridden: true };
  if (passed.some((a) => !a) || remote.some((r) => r.value === undefined)) {
    if (!def) return { kind: "dynamic", reason: `the parameter \`${name}\`, which a caller leaves out (no default)` };
    // The default is what a call that leaves the argument out sends: a constant's value, not its name.
    const d = resolveValue(def, scope, depth + 1);
    if (d.kind !== "string") return { kind: "dynamic", reason: `the parameter \`${name}\`, which a caller leaves out and whose default is not a model name ds-migrate can read` };
    values.unshift(d.literal);
  }
  const strings = new Set([...values.map(stringValue), ...remote.flatMap((r) => (typeof r.value === "string" ? [r.value] : []))]);
  if (strings.size === 1 && values.length > 0) return { kind: "string", literal: values[0]!, value: stringValue(values[0]!)!, viaParam: true };
  const elsewhere = remote.filter((r) => typeof r.value === "string");
  if (strings.size === 1 && scope.links && elsewhere.length > 0) {
    const id = remoteId(elsewhere[0]!);
    if (id) return { kind: "external", id };
  }
  const lines = [...values.map((n) => `line ${n.loc.start.line}`), ...elsewhere.map((r) => `"${r.value}" from ${r.at}`)].join(", ");
  return { kind: "choices", literals: values, remote: elsewhere, reason: `the parameter \`${name}\`, whose ${def ? "default and callers give" : "callers give"} it several models (${lines})` };
}

function resolveMember(node: Node, scope: Scope, depth: number, viaParam: boolean): Resolved {
  const choices = tableChoices(node, scope, 0);
  if (choices) return { kind: "choices", literals: choices, reason: "an entry picked at run time from a table in this file" };
  const fromFactory = factoryMember(node, scope);
  if (fromFactory) return fromFactory;
  const path = memberPath(node);
  if (!path) return { kind: "dynamic", reason: "a computed property" };
  if (path[0] === "process" && path[1] === "env") return { kind: "dynamic", reason: `the environment variable ${path.slice(2).join(".")}` };
  const head = path[0] !== "this" ? scope.lookup(path[0]!, node) : undefined;
  if (head?.kind === "import") return resolveImport(scope, head, path.slice(1), path.join("."));
  // `const config = apiConfig.deepseek` (or `this.config = …` set once in the class), then `config.model`: the import's path.
  const alias = importedAlias(scope, node, path);
  if (alias) return resolveImport(scope, alias.binding, alias.rest, path.join("."));
  const keyed = head && path.length === 2 ? keyedParamValue(scope, head, path[1]!, depth) : undefined;
  if (keyed) return keyed;
  // A value code replaces at run time (a setter, an assignment from storage or a message) is not its initial value.
  const replaced = scope.replacedAt(path, node);
  if (replaced) return { kind: "dynamic", reason: `\`${path.join(".")}\`, which is replaced at run time (line ${replaced.loc.start.line})`, overridden: true };
  if (path[0] === "this" && path.length === 2) {
    const fromConstructor = constructorValue(scope, node, path[1]!, depth, viaParam);
    if (fromConstructor) return fromConstructor;
  }
  if (path[0] === "this" && path.length === 3) {
    const fromOptions = constructorOptions(scope, node, path[1]!, path[2]!, depth);
    if (fromOptions) return fromOptions;
  }
  if (path[0] === "this" && path.length === 2) {
    const getter = scope.classMember(node, path[1]!, "get");
    const returned = getter && scope.returnedBy(getter);
    if (returned) return resolveValue(returned, scope, depth + 1, viaParam);
  }
  const returned = head && path.length >= 2 ? returnedField(head, path.slice(1), scope, depth, viaParam) : undefined;
  if (returned) return returned;
  const target = lookupPath(path, node, scope, depth);
  if (!target) return { kind: "dynamic", reason: `\`${path.join(".")}\`, whose value is not a literal in this file` };
  return resolveValue(target, scope, depth + 1, viaParam);
}

/**
 * The `key` of each argument, where an argument that is a whole parameter of the calling function,
 * handed on as it is (`makeClient(opts) { return new Client(opts) }`), stands for the `key` of
 * whatever that function's own callers pass (in this file and, through the linker, in others).
 * A forwarding parameter nobody is known to call stays as it was: a value computed at run time.
 */
function withForwarded(passed: Array<Node | undefined>, remote: RemoteArg[], key: string, scope: Scope, depth: number, seen = new Set<Binding>()): { passed: Array<Node | undefined>; remote: RemoteArg[] } {
  if (depth > MAX_DEPTH || !passed.some((arg) => arg && (forwardedParam(arg, key, scope) || heldObject(arg, key, scope)))) return { passed, remote };
  const out: Array<Node | undefined> = [];
  const more = [...remote];
  for (const arg of passed) {
    const held = arg && heldObject(arg, key, scope);
    if (held) {
      out.push(propertyPassed(held, key));
      continue;
    }
    const head = arg && forwardedParam(arg, key, scope);
    // A function handing its options on to itself, or two handing them to each other: followed once (the rest is the same values).
    const b = head && !seen.has(head) ? scope.keyedParam(head, key) : undefined;
    // A sink either way: the linking pass hands it what other modules' calls pass.
    if (b) scope.readParam(b);
    const own = b ? scope.argumentsAt(b.fn!, b.index!, key) ?? [] : [];
    const far = b ? scope.links?.argsFor?.(scope.file, b.id!.loc.start.line, key) ?? [] : [];
    if (!b || own.length + far.length === 0) {
      if (!head || !seen.has(head)) out.push(arg);
      continue;
    }
    seen.add(head!);
    const next = withForwarded(own, far, key, scope, depth + 1, seen);
    out.push(...next.passed);
    more.push(...next.remote);
  }
  return { passed: out, remote: more };
}

/** `settings.model` handed over as `settings` (a const object) where code replaces that key: the path and the replacing line. */
function replacedKeyOf(arg: Node, key: string, scope: Scope): { path: string; at: Node } | undefined {
  const held = constObject(arg, scope);
  const at = held && scope.replacedAt([held.name, key], unwrap(arg));
  return at ? { path: `${held.name}.${key}`, at } : undefined;
}

/** `settings` in `new Client(settings)` with `const settings = { model: … }` (no spread), its `key` never replaced. */
function heldObject(arg: Node, key: string, scope: Scope): Node | undefined {
  const held = constObject(arg, scope);
  if (!held || held.init.properties.some((p: Node) => p.type === "SpreadElement" || p.computed)) return undefined;
  return scope.replacedAt([held.name, key], unwrap(arg)) ? undefined : held.init;
}

/** A name bound by `const` to an object literal: the name and the literal. */
function constObject(arg: Node, scope: Scope): { name: string; init: Node } | undefined {
  const e = unwrap(arg);
  const b = e.type === "Identifier" ? scope.lookup(e.name, e) : undefined;
  const init = b?.kind === "const" && b.init ? unwrap(b.init) : undefined;
  return init?.type === "ObjectExpression" ? { name: e.name, init } : undefined;
}

/**
 * `opts` in `new Client(opts)`, or in `new Client({ ...opts, temperature: 0 })` (its only spread,
 * and no `key` of its own): a whole parameter of the enclosing function, not reassigned and its
 * `key` not written.
 */
function forwardedParam(arg: Node, key: string, scope: Scope): Binding | undefined {
  let e = unwrap(arg);
  if (e.type === "ObjectExpression") {
    const spreads = e.properties.filter((p: Node) => p.type === "SpreadElement");
    if (spreads.length !== 1 || findProp(e, key) || e.properties.some((p: Node) => p.computed)) return undefined;
    e = unwrap(spreads[0].argument);
  }
  const head = e.type === "Identifier" ? scope.lookup(e.name, e) : undefined;
  if (head?.kind !== "param" || head.key || !head.fn || head.index === undefined || head.init || head.fn.params[head.index]?.type !== "Identifier") return undefined;
  return scope.isReassigned(head.name) || scope.memberWrites(head, key).length > 0 ? undefined : head;
}

/**
 * `options.model` with `options` a whole parameter no code reassigns or writes into: the `model`
 * each caller's object passes (in this file and, through the linker, in others). Only when some
 * caller is known; otherwise the value stays unknown, as before.
 */
function keyedParamValue(scope: Scope, head: Binding, key: string, depth: number): Resolved | undefined {
  if (head.kind !== "param" || head.key || !head.fn || head.index === undefined || head.init || head.fn.params[head.index]?.type !== "Identifier") return undefined;
  if (scope.isReassigned(head.name) || scope.memberWrites(head, key).length > 0) return undefined;
  const b = scope.keyedParam(head, key);
  scope.readParam(b);
  const passed = scope.argumentsAt(b.fn!, b.index!, key) ?? [];
  const remote = scope.links?.argsFor?.(scope.file, b.id!.loc.start.line, key) ?? [];
  return passed.length + remote.length > 0 ? resolveParameter(`${head.name}.${key}`, b, passed, remote, scope, depth) : undefined;
}

/**
 * `this.name` set in the constructor: from a parameter property (`constructor(private model = …)`)
 * or a plain assignment there (`this.model = model`), which overrides a field's initial value.
 */
/**
 * A name holding a part of an imported object, read further (`config.model` with
 * `const config = apiConfig.deepseek`, or `this.config.model` with `this.config = apiConfig.deepseek`
 * the class's only write to it): the import binding and the whole path under it.
 */
function importedAlias(scope: Scope, at: Node, path: string[]): { binding: Binding; rest: string[] } | undefined {
  let init: Node | undefined;
  let used: number;
  if (path[0] === "this" && path.length >= 3) {
    const body = scope.enclosingClass(at);
    const writes = body ? scope.thisWrites(body, path[1]!) : [];
    init = writes.length === 1 ? writes[0]!.right : undefined;
    used = 2;
  } else {
    const head = scope.lookup(path[0]!, at);
    init = path.length >= 2 && head?.kind === "const" && head.init ? head.init : undefined;
    used = 1;
  }
  const target = init ? memberPath(unwrap(init)) : undefined;
  const binding = target && target[0] !== "this" ? scope.lookup(target[0]!, unwrap(init!)) : undefined;
  if (binding?.kind !== "import") return undefined;
  return { binding, rest: [...target!.slice(1), ...path.slice(used)] };
}

function constructorValue(scope: Scope, at: Node, name: string, depth: number, viaParam: boolean): Resolved | undefined {
  const body = scope.enclosingClass(at);
  const ctor = body?.body.find((m: Node) => m.type === "ClassMethod" && m.kind === "constructor");
  if (!ctor) return undefined;
  for (const param of ctor.params) {
    if (param.type !== "TSParameterProperty") continue;
    const id = param.parameter.type === "AssignmentPattern" ? param.parameter.left : param.parameter;
    if (id.type === "Identifier" && id.name === name) return resolveIdentifier(id, scope, depth + 1, viaParam);
  }
  const writes = scope.thisWrites(body!, name);
  if (writes.length === 0) return undefined;
  const top = writes.filter((w) => scope.parentOf(scope.parentOf(w)!) === ctor.body);
  if (writes.length > 1 || top.length !== 1) return { kind: "dynamic", reason: `\`this.${name}\`, which is set in more than one place (lines ${writes.map((w) => w.loc.start.line).join(", ")})`, overridden: true };
  return resolveValue(top[0]!.right, scope, depth + 1, viaParam);
}

/**
 * `this.options.model` where the constructor keeps a whole parameter (`this.options = options`):
 * the `model` each `new` passes in that object, in this file and (an exported class, through the
 * linker) in the modules that import it.
 */
function constructorOptions(scope: Scope, at: Node, field: string, key: string, depth: number): Resolved | undefined {
  const body = scope.enclosingClass(at);
  const ctor = body?.body.find((m: Node) => m.type === "ClassMethod" && m.kind === "constructor");
  const cls = body && scope.parentOf(body);
  const binding = cls?.id ? scope.lookup(cls.id.name, cls.id) : undefined;
  if (!ctor || !binding) return undefined;
  const writes = scope.thisWrites(body!, field);
  const right = writes.length === 1 && scope.parentOf(scope.parentOf(writes[0]!)!) === ctor.body ? unwrap(writes[0]!.right) : undefined;
  let index = right?.type === "Identifier" ? ctor.params.findIndex((p: Node) => p.type === "Identifier" && p.name === right.name) : -1;
  let kept = right?.type === "Identifier" ? right.name : field;
  // A parameter property (`constructor(private readonly options: Options)`) keeps the whole parameter as well.
  if (index === -1 && writes.length === 0) {
    index = ctor.params.findIndex((p: Node) => p.type === "TSParameterProperty" && p.parameter.type === "Identifier" && p.parameter.name === field);
    kept = field;
  }
  if (index === -1) return undefined;
  const passed = scope.argumentsAt(ctor, index, key) ?? [];
  // An exported class: the constructor's parameter is a sink other modules' `new` feed (see sinksOf).
  const id = paramIdentifier(ctor.params[index]);
  const own = binding.exportedAs.length > 0 && id ? scope.lookup(id.name, id) : undefined;
  const sink = own?.kind === "param" ? scope.keyedParam(own, key) : undefined;
  if (sink) scope.readParam(sink);
  const remote = sink ? scope.links?.argsFor?.(scope.file, sink.id!.loc.start.line, key) ?? [] : [];
  if (passed.length + remote.length === 0) return undefined;
  const param = sink ?? { name: `${kept}.${key}`, scope: ctor, kind: "param" as const, exportedAs: [] };
  const resolved = resolveParameter(`${kept}.${key}`, param, passed, remote, scope, depth, undefined, key);
  return resolved.kind === "string" ? { ...resolved, viaParam: false } : resolved;
}

/** A constructor parameter's name node, through a parameter property and a default. */
/**
 * A call with no arguments to a function another module exports (`getSettings()`): its
 * return value's fields are exported as `getSettings().model` (flow.ts:returnUses).
 */
function importedFactory(scope: Scope, call: Node): Binding | undefined {
  const path = call.type === "CallExpression" && call.arguments.length === 0 ? memberPath(call.callee) : undefined;
  const b = path ? scope.importOf(path[0]!, call.callee) : undefined;
  // `getSettings()` named, or `config.getSettings()` through a whole-module import.
  const name = !b ? undefined : b.imported === "*" ? path!.slice(1).join(".") : [b.imported, ...path!.slice(1)].join(".");
  return b && name ? { ...b, imported: `${name}()` } : undefined;
}

/** `getSettings().model`, or `s.model` with `const s = getSettings()`, where the factory is imported. */
function factoryMember(node: Node, scope: Scope): Resolved | undefined {
  const rest: string[] = [];
  let base = unwrap(node);
  while ((base.type === "MemberExpression" || base.type === "OptionalMemberExpression") && !base.computed) {
    rest.unshift(base.property.name);
    base = unwrap(base.object);
  }
  if (base.type === "Identifier") {
    const b = scope.lookup(base.name, base);
    base = b?.kind === "const" && b.init ? unwrap(b.init) : base;
  }
  const factory = rest.length > 0 ? importedFactory(scope, base) : undefined;
  const imported = factory && resolveImport(scope, factory, rest, `${factory.imported}.${rest.join(".")}`);
  // Nothing exported there: the usual words for a value that is not a literal in this file.
  return imported && (imported.kind !== "dynamic" || imported.importedDefault) ? imported : undefined;
}

/** A value imported from another module, answered by the engine's linker when it runs one. */
function resolveImport(scope: Scope, binding: Binding, rest: string[], shown: string): Resolved {
  const names = binding.imported === "*" ? rest : [binding.imported!, ...rest];
  const id = names.length > 0 ? scope.links?.lookup(scope.file, binding.source!, names.join(".")) : undefined;
  // An exported default that the environment (or other run-time data) replaces is not what is sent.
  if (id?.overriddenBy) {
    return { kind: "dynamic", reason: `\`${shown}\`, imported from "${binding.source}", where ${id.overriddenBy} replaces its default "${id.legacyId}" (${id.file}:${id.line})`, importedDefault: id };
  }
  if (id) return { kind: "external", id };
  return { kind: "dynamic", reason: `\`${shown}\`, imported from "${binding.source}", whose value ds-migrate cannot trace to one model ID` };
}

/** The value an options object passes under `key`: undefined when it leaves it out; the object itself when it is not a literal. */
export function propertyPassed(arg: Node, key: string): Node | undefined {
  const obj = unwrap(arg);
  if (obj.type !== "ObjectExpression" || obj.properties.some((p: Node) => p.type === "SpreadElement" || p.computed)) return arg;
  const prop = findProp(obj, key);
  return prop ? (prop.type === "ObjectMethod" ? prop : prop.value) : undefined;
}

function requireSource(init: Node | null | undefined): string | undefined {
  if (!init || init.type !== "CallExpression" || init.callee.type !== "Identifier" || init.callee.name !== "require") return undefined;
  return stringValue(init.arguments[0]);
}

/**
 * `TABLE[key].model`, or `entry.model` with `const entry = TABLE[key]`, where the key is
 * only known at run time: the string every entry of the local table holds there.
 */
function tableChoices(node: Node, scope: Scope, depth: number): Node[] | undefined {
  if (depth > 4) return undefined;
  const steps: Array<string | undefined> = [];
  let n = unwrap(node);
  while (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") {
    steps.unshift(n.computed ? stringValue(n.property) : n.property.name);
    n = unwrap(n.object);
  }
  if (n.type !== "Identifier") return undefined;
  const binding = scope.lookup(n.name, n);
  if (!binding?.init || binding.kind !== "const") return undefined;
  const start = unwrap(binding.init);
  let current: Node[];
  if (start.type === "ObjectExpression") current = [start];
  else if (start.type === "MemberExpression") {
    const inner = tableChoices(start, scope, depth + 1);
    if (!inner) return undefined;
    current = inner;
  } else return undefined;
  const fanned = depth > 0 || steps.includes(undefined) || start.type === "MemberExpression";
  for (const step of steps) {
    const next: Node[] = [];
    for (const c of current) {
      const obj = unwrap(c);
      if (obj.type !== "ObjectExpression" || obj.properties.some((p: Node) => p.type === "SpreadElement")) return undefined;
      if (step === undefined) next.push(...obj.properties.map((p: Node) => p.value));
      else {
        const prop = findProp(obj, step);
        if (!prop) return undefined;
        next.push(prop.value);
      }
    }
    current = next.map(unwrap);
  }
  if (!fanned || current.length === 0) return undefined;
  if (depth === 0 && !current.every((c) => stringValue(c) !== undefined)) return undefined;
  return current;
}

/** Follow `a.b.c` through const object literals, enums and class fields to the node it names. */
function lookupPath(path: string[], at: Node, scope: Scope, depth: number): Node | undefined {
  const [head, ...rest] = path;
  let current: Node | undefined;
  if (head === "this") {
    current = scope.enclosingClass(at);
  } else {
    const binding = scope.lookup(head!, at);
    if (!binding || !binding.init || (binding.kind === "let" && scope.isReassigned(head!))) return undefined;
    current = binding.init.type === "ClassDeclaration" ? binding.init.body : unwrap(binding.init);
  }
  for (const name of rest) {
    if (!current || depth > MAX_DEPTH) return undefined;
    current = memberOf(current, name);
  }
  return current;
}

function memberOf(container: Node, name: string): Node | undefined {
  const node = unwrap(container);
  if (node.type === "ObjectExpression") {
    const prop = findProp(node, name);
    return prop?.value ? unwrap(prop.value) : undefined;
  }
  if (node.type === "ClassBody") {
    const field = node.body.find((m: Node) => (m.type === "ClassProperty" || m.type === "PropertyDefinition") && keyName(m) === name);
    return field?.value ?? undefined;
  }
  if (node.type === "TSEnumDeclaration") {
    const members = node.body?.members ?? node.members;
    const member = members.find((m: Node) => (m.id.type === "Identifier" ? m.id.name : m.id.value) === name);
    return member?.initializer ?? undefined;
  }
  return undefined;
}

/** `model` or `model = "…"`: a parameter that takes the whole argument (not a destructured part of it). */
function isWholeParam(param: Node | undefined): boolean {
  return param?.type === "Identifier" || (param?.type === "AssignmentPattern" && param.left.type === "Identifier");
}

/** `p ?? D`, `p || D`, `p !== undefined ? p : D` (or `!= null`, or `p ? p : D`): the name and its fallback. */
export function coalescing(e: Node): { name: Node; fallback: Node } | undefined {
  if (e.type === "LogicalExpression" && (e.operator === "??" || e.operator === "||") && unwrap(e.left).type === "Identifier") return { name: unwrap(e.left), fallback: unwrap(e.right) };
  if (e.type !== "ConditionalExpression" || unwrap(e.consequent).type !== "Identifier") return undefined;
  const name = unwrap(e.consequent);
  const test = unwrap(e.test);
  const same = (n: Node) => unwrap(n).type === "Identifier" && unwrap(n).name === name.name;
  const checked = same(test) || (test.type === "BinaryExpression" && ["!==", "!="].includes(test.operator) && same(test.left) && isNothing(unwrap(test.right)));
  return checked ? { name, fallback: unwrap(e.alternate) } : undefined;
}
