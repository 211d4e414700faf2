// Same-file value tracing for Python: from a `model=` argument back to the string that
// defines it (module constant, class attribute, `self.x = ...`, parameter default,
// dict entry), or to the reason it cannot be known.
import type { ImportedId, ModuleLinks } from "../../src/findings.js";
import { dictEntries, memberPath, stringOf, type PyNode, type PyParsed } from "./tree.js";

export type PyResolved =
  | { kind: "string"; literal: PyNode; value: string; viaParam: boolean }
  | { kind: "conditional"; node: PyNode; test: PyNode; consequent: PyNode; alternate: PyNode }
  | { kind: "dict"; node: PyNode }
  | { kind: "external"; id: ImportedId }
  | { kind: "dynamic"; reason: string };

interface Binding {
  scope: PyNode;
  kind: "assign" | "param" | "import" | "class" | "function";
  value?: PyNode;
  source?: string;
  /** For imports: the imported name, or "*" when the binding is the module itself. */
  imported?: string;
}

const SCOPES = new Set(["Script", "FunctionDefinition", "ClassDefinition", "LambdaExpression"]);
const MAX_DEPTH = 8;

export function scopeOf(node: PyNode): PyNode {
  let n = node.parent;
  while (n && !SCOPES.has(n.name)) n = n.parent;
  return n ?? node;
}

export class PyScope {
  private readonly bindings = new Map<string, Binding[]>();
  /** `self.name = value` assignments, per class. */
  private readonly selfAttrs = new Map<PyNode, Map<string, PyNode[]>>();

  constructor(
    private readonly parsed: PyParsed,
    private readonly src: string,
    private readonly file = "",
    private readonly links?: ModuleLinks,
  ) {
    for (const node of parsed.all) this.record(node);
  }

  private text(node: PyNode): string {
    return this.src.slice(node.from, node.to);
  }

  private add(name: string, binding: Binding): void {
    this.bindings.set(name, [...(this.bindings.get(name) ?? []), binding]);
  }

  private record(node: PyNode): void {
    if (node.name === "AssignStatement") this.recordAssign(node);
    else if (node.name === "ParamList") this.recordParams(node);
    else if (node.name === "ImportStatement") this.recordImport(node);
    else if (node.name === "ClassDefinition" || node.name === "FunctionDefinition") {
      const name = node.children.find((c) => c.name === "VariableName");
      if (name) this.add(this.text(name), { scope: scopeOf(node), kind: node.name === "ClassDefinition" ? "class" : "function", value: node });
    } else if (node.name === "ForStatement" || node.name === "UpdateStatement") {
      const target = node.children.find((c) => c.name === "VariableName");
      if (target) this.add(this.text(target), { scope: scopeOf(node), kind: "assign" });
    }
  }

  private recordAssign(node: PyNode): void {
    const ops = node.children.filter((c) => c.name === "AssignOp");
    if (ops.length !== 1) return;
    const target = node.children[0]!;
    const value = node.children[node.children.length - 1]!;
    if (target.name === "VariableName") this.add(this.text(target), { scope: scopeOf(node), kind: "assign", value });
    const path = memberPath(target, this.src);
    if (path?.length === 2 && path[0] === "self") {
      const cls = this.enclosingClass(node);
      if (!cls) return;
      const attrs = this.selfAttrs.get(cls) ?? new Map<string, PyNode[]>();
      attrs.set(path[1]!, [...(attrs.get(path[1]!) ?? []), value]);
      this.selfAttrs.set(cls, attrs);
    }
  }

  private recordParams(list: PyNode): void {
    const fn = list.parent!;
    const items = list.children.filter((c) => !["(", ")", ","].includes(c.name));
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.name !== "VariableName") continue;
      let j = i + 1;
      if (items[j]?.name === "TypeDef") j++;
      const hasDefault = items[j]?.name === "AssignOp" && items[j + 1];
      this.add(this.text(item), { scope: fn, kind: "param", value: hasDefault ? items[j + 1] : undefined });
      if (hasDefault) i = j + 1;
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
      for (const g of groups) {
        const name = g.find((c) => c.name === "VariableName");
        const alias = g[g.findIndex((c) => c.name === "as") + 1];
        if (name) this.add(this.text(alias && g.some((c) => c.name === "as") ? alias : name), { scope: this.parsed.root, kind: "import", source, imported: this.text(name) });
      }
      return;
    }
    for (const g of groups) {
      const asAt = g.findIndex((c) => c.name === "as");
      const dotted = (asAt === -1 ? g : g.slice(0, asAt)).filter((c) => c.name === "VariableName").map((c) => this.text(c));
      if (asAt !== -1 && g[asAt + 1]) this.add(this.text(g[asAt + 1]!), { scope: this.parsed.root, kind: "import", source: dotted.join("."), imported: "*" });
      else if (dotted[0]) this.add(dotted[0], { scope: this.parsed.root, kind: "import", source: dotted[0], imported: "*" });
    }
  }

  enclosingClass(node: PyNode): PyNode | undefined {
    for (let n = node.parent; n; n = n.parent) if (n.name === "ClassDefinition") return n;
    return undefined;
  }

  /** Python scoping: a class body is visible only to code directly in it, not to its methods. */
  lookup(name: string, at: PyNode): Binding[] | undefined {
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

  importSource(name: string): string | undefined {
    return this.bindings.get(name)?.find((b) => b.kind === "import")?.source;
  }

  resolve(expr: PyNode, depth = 0, viaParam = false): PyResolved {
    const node = expr.name === "ParenthesizedExpression" ? expr.children.find((c) => c.name !== "(" && c.name !== ")") ?? expr : expr;
    if (depth > MAX_DEPTH) return { kind: "dynamic", reason: "a chain of references too long to follow" };
    const str = stringOf(node, this.src);
    if (str) return { kind: "string", literal: node, value: str.value, viaParam };
    if (node.name === "ConditionalExpression") {
      const [consequent, , test, , alternate] = node.children;
      if (consequent && test && alternate) return { kind: "conditional", node, test, consequent, alternate };
    }
    if (node.name === "DictionaryExpression") return { kind: "dict", node };
    if (node.name === "VariableName") return this.resolveName(node, depth, viaParam);
    if (node.name === "MemberExpression") return this.resolveMember(node, depth, viaParam);
    if (node.name === "CallExpression") {
      const path = memberPath(node.children[0]!, this.src)?.join(".");
      if (path === "os.getenv" || path === "os.environ.get") return { kind: "dynamic", reason: "an environment variable" };
      return { kind: "dynamic", reason: "the result of a call" };
    }
    if (node.name === "FormatString") return { kind: "dynamic", reason: "an f-string" };
    return { kind: "dynamic", reason: "an expression computed at run time" };
  }

  private resolveName(node: PyNode, depth: number, viaParam: boolean): PyResolved {
    const name = this.text(node);
    const found = this.lookup(name, node);
    if (!found) return { kind: "dynamic", reason: `\`${name}\`, which is not defined in this file` };
    if (found.length > 1) return { kind: "dynamic", reason: `\`${name}\`, which is assigned more than once` };
    const binding = found[0]!;
    if (binding.kind === "import") return this.resolveImport(binding, [], name);
    if (binding.kind === "param" && !binding.value) return { kind: "dynamic", reason: `the function parameter \`${name}\`` };
    if (!binding.value || binding.kind === "function" || binding.kind === "class") return { kind: "dynamic", reason: `\`${name}\`` };
    return this.resolve(binding.value, depth + 1, viaParam || binding.kind === "param");
  }

  private resolveMember(node: PyNode, depth: number, viaParam: boolean): PyResolved {
    const path = memberPath(node, this.src);
    if (!path) return { kind: "dynamic", reason: "a computed value" };
    if (path[0] === "os" && path[1] === "environ") return { kind: "dynamic", reason: `the environment variable ${path[2] ?? ""}`.trim() };
    const head = this.lookup(path[0]!, node);
    if (head?.length === 1 && head[0]!.kind === "import") return this.resolveImport(head[0]!, path.slice(1), path.join("."));
    const target = this.lookupPath(path, node);
    if (!target) return { kind: "dynamic", reason: `\`${path.join(".")}\`, whose value is not a literal in this file` };
    return this.resolve(target, depth + 1, viaParam);
  }

  private resolveImport(binding: Binding, rest: string[], shown: string): PyResolved {
    const names = binding.imported === "*" ? rest : [binding.imported!, ...rest];
    const id = names.length > 0 ? this.links?.lookup(this.file, binding.source!, names.join(".")) : undefined;
    if (id) return { kind: "external", id };
    return { kind: "dynamic", reason: `\`${shown}\`, imported from ${binding.source}, which holds no legacy ID ds-migrate could trace` };
  }

  /** Follow `self.x`, `Class.x`, `CONFIG["x"]`, `CONFIG.x` to the node holding the value. */
  private lookupPath(path: string[], at: PyNode): PyNode | undefined {
    const [head, ...rest] = path;
    let current: PyNode | undefined;
    if (head === "self") {
      const cls = this.enclosingClass(at);
      if (!cls || rest.length === 0) return undefined;
      const assigned = this.selfAttrs.get(cls)?.get(rest[0]!) ?? [];
      const attr = classAttribute(cls, rest[0]!, this.src);
      const values = [...assigned, ...(attr ? [attr] : [])];
      if (values.length !== 1) return undefined;
      current = values[0];
      return rest.length === 1 ? current : this.walk(current!, rest.slice(1));
    }
    const found = this.lookup(head!, at);
    if (!found || found.length !== 1) return undefined;
    current = found[0]!.value;
    return current ? this.walk(current, rest) : undefined;
  }

  private walk(start: PyNode, names: string[]): PyNode | undefined {
    let current: PyNode | undefined = start;
    for (const name of names) {
      if (!current) return undefined;
      if (current.name === "ClassDefinition") current = classAttribute(current, name, this.src);
      else if (current.name === "DictionaryExpression") current = dictValue(current, name, this.src);
      else return undefined;
    }
    return current;
  }
}

function classAttribute(cls: PyNode, name: string, src: string): PyNode | undefined {
  const body = cls.children.find((c) => c.name === "Body");
  for (const stmt of body?.children ?? []) {
    if (stmt.name !== "AssignStatement") continue;
    const target = stmt.children[0];
    if (target?.name === "VariableName" && src.slice(target.from, target.to) === name) return stmt.children[stmt.children.length - 1];
  }
  return undefined;
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
