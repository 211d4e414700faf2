// Same-file value tracing: from the expression a request passes as `model` back to the
// string literal that defines it (const, default parameter, class field, config
// object, enum member), or to the reason it cannot be known statically.
import type { ImportedId, ModuleLinks } from "../../src/findings.js";
import { findProp, isFunction, keyName, memberPath, stringValue, unwrap, type Node, type Parsed } from "./ast.js";

export type Resolved =
  | { kind: "string"; literal: Node; value: string; viaParam: boolean }
  | { kind: "conditional"; node: Node; test: Node; consequent: Node; alternate: Node; viaParam: boolean }
  | { kind: "external"; id: ImportedId }
  | { kind: "dynamic"; reason: string };

interface Binding {
  scope: Node;
  kind: "const" | "let" | "param" | "import" | "class" | "enum" | "function";
  init?: Node;
  /** For imports: the module specifier, so findings can say where to look. */
  source?: string;
  /** For imports: the exported name ("default", "*" for a whole-module binding). */
  imported?: string;
}

export class Scope {
  private readonly bindings = new Map<string, Binding[]>();
  private readonly reassigned = new Set<string>();

  constructor(
    private readonly parsed: Parsed,
    readonly file: string,
    readonly links?: ModuleLinks,
  ) {
    for (const node of parsed.all) this.record(node);
  }

  private add(name: string, binding: Binding): void {
    const list = this.bindings.get(name) ?? [];
    list.push(binding);
    this.bindings.set(name, list);
  }

  private record(node: Node): void {
    const parent = this.parsed.parents.get(node);
    if (node.type === "VariableDeclarator" && parent && requireSource(node.init)) {
      this.recordRequire(node, requireSource(node.init)!);
    } else if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && parent) {
      const kind = parent.kind === "const" ? "const" : "let";
      this.add(node.id.name, { scope: this.blockOf(parent), kind, init: node.init ?? undefined });
    } else if (isFunction(node)) {
      for (const param of node.params ?? []) this.recordParam(param, node);
      if (node.id?.type === "Identifier" && parent) this.add(node.id.name, { scope: this.blockOf(node), kind: "function" });
    } else if (node.type === "ImportDeclaration") {
      for (const spec of node.specifiers) {
        const imported = spec.type === "ImportDefaultSpecifier" ? "default" : spec.type === "ImportNamespaceSpecifier" ? "*" : spec.imported.name ?? spec.imported.value;
        this.add(spec.local.name, { scope: this.parsed.program, kind: "import", source: node.source.value, imported });
      }
    } else if (node.type === "ClassDeclaration" && node.id) {
      this.add(node.id.name, { scope: this.blockOf(node), kind: "class", init: node });
    } else if (node.type === "TSEnumDeclaration") {
      this.add(node.id.name, { scope: this.blockOf(node), kind: "enum", init: node });
    } else if (node.type === "AssignmentExpression" && node.left.type === "Identifier") {
      this.reassigned.add(node.left.name);
    } else if (node.type === "UpdateExpression" && node.argument.type === "Identifier") {
      this.reassigned.add(node.argument.name);
    }
  }

  /** `const x = require("m")` binds the whole module; `const { a, b: c } = require("m")` binds its members. */
  private recordRequire(node: Node, source: string): void {
    const scope = this.blockOf(this.parsed.parents.get(node)!);
    if (node.id.type === "Identifier") this.add(node.id.name, { scope, kind: "import", source, imported: "*" });
    else if (node.id.type === "ObjectPattern") {
      for (const prop of node.id.properties) {
        const key = keyName(prop);
        if (key && prop.value?.type === "Identifier") this.add(prop.value.name, { scope, kind: "import", source, imported: key });
      }
    }
  }

  private recordParam(param: Node, fn: Node): void {
    const p = param.type === "TSParameterProperty" ? param.parameter : param;
    if (p.type === "Identifier") this.add(p.name, { scope: fn, kind: "param" });
    else if (p.type === "AssignmentPattern" && p.left.type === "Identifier") {
      this.add(p.left.name, { scope: fn, kind: "param", init: p.right });
    } else if (p.type === "ObjectPattern") {
      for (const prop of p.properties) {
        const value = prop.value;
        if (value?.type === "AssignmentPattern" && value.left.type === "Identifier") {
          this.add(value.left.name, { scope: fn, kind: "param", init: value.right });
        } else if (value?.type === "Identifier") this.add(value.name, { scope: fn, kind: "param" });
      }
    }
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
    const candidates = this.bindings.get(name);
    if (!candidates) return undefined;
    for (let node: Node | undefined = at; node; node = this.parsed.parents.get(node)) {
      const found = candidates.find((b) => b.scope === node);
      if (found) return found;
    }
    return undefined;
  }

  isReassigned(name: string): boolean {
    return this.reassigned.has(name);
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

export function resolveValue(expr: Node, scope: Scope, depth = 0, viaParam = false): Resolved {
  const node = unwrap(expr);
  if (depth > MAX_DEPTH) return { kind: "dynamic", reason: "a chain of references too long to follow" };
  const value = stringValue(node);
  if (value !== undefined) return { kind: "string", literal: node, value, viaParam };
  if (node.type === "ConditionalExpression") {
    return { kind: "conditional", node, test: node.test, consequent: unwrap(node.consequent), alternate: unwrap(node.alternate), viaParam };
  }
  if (node.type === "Identifier") return resolveIdentifier(node, scope, depth, viaParam);
  if (node.type === "MemberExpression" || node.type === "OptionalMemberExpression") return resolveMember(node, scope, depth, viaParam);
  if (node.type === "LogicalExpression" && (node.operator === "??" || node.operator === "||")) {
    return { kind: "dynamic", reason: `a fallback expression (\`${node.operator}\`) whose left side is decided at run time` };
  }
  if (node.type === "CallExpression" || node.type === "AwaitExpression") return { kind: "dynamic", reason: "the result of a call" };
  return { kind: "dynamic", reason: "an expression computed at run time" };
}

function resolveIdentifier(node: Node, scope: Scope, depth: number, viaParam: boolean): Resolved {
  const binding = scope.lookup(node.name, node);
  if (!binding) return { kind: "dynamic", reason: `\`${node.name}\`, which is not declared in this file` };
  if (binding.kind === "import") return resolveImport(scope, binding, [], node.name);
  if (binding.kind === "param" && !binding.init) return { kind: "dynamic", reason: `the function parameter \`${node.name}\`` };
  if (binding.kind === "let" && scope.isReassigned(node.name)) return { kind: "dynamic", reason: `\`${node.name}\`, which is reassigned` };
  if (!binding.init) return { kind: "dynamic", reason: `\`${node.name}\`, which has no initial value` };
  return resolveValue(binding.init, scope, depth + 1, viaParam || binding.kind === "param");
}

function resolveMember(node: Node, scope: Scope, depth: number, viaParam: boolean): Resolved {
  const path = memberPath(node);
  if (!path) return { kind: "dynamic", reason: "a computed property" };
  if (path[0] === "process" && path[1] === "env") return { kind: "dynamic", reason: `the environment variable ${path.slice(2).join(".")}` };
  const head = path[0] !== "this" ? scope.lookup(path[0]!, node) : undefined;
  if (head?.kind === "import") return resolveImport(scope, head, path.slice(1), path.join("."));
  const target = lookupPath(path, node, scope, depth);
  if (!target) return { kind: "dynamic", reason: `\`${path.join(".")}\`, whose value is not a literal in this file` };
  return resolveValue(target, scope, depth + 1, viaParam);
}

/** A value imported from another module, answered by the engine's linker when it runs one. */
function resolveImport(scope: Scope, binding: Binding, rest: string[], shown: string): Resolved {
  const names = binding.imported === "*" ? rest : [binding.imported!, ...rest];
  const id = names.length > 0 ? scope.links?.lookup(scope.file, binding.source!, names.join(".")) : undefined;
  if (id) return { kind: "external", id };
  return { kind: "dynamic", reason: `\`${shown}\`, imported from "${binding.source}", which holds no legacy ID ds-migrate could trace` };
}

function requireSource(init: Node | null | undefined): string | undefined {
  if (!init || init.type !== "CallExpression" || init.callee.type !== "Identifier" || init.callee.name !== "require") return undefined;
  return stringValue(init.arguments[0]);
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
