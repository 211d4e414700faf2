// Branches a DeepSeek model name never reaches: `if name.startswith("deepseek"): return A(...)`
// then `return B(model=name)`. B is the code path for every other provider's names, so a
// mode written there would go to another API.
import { argumentsOf, stringOf, type PyNode } from "./tree.js";

type Guard = "deepseek" | "not-deepseek";

/** Whether the call sits where a guard on `name` has already sent every DeepSeek name elsewhere. */
export function outsideDeepSeekGuard(src: string, call: PyNode, name: string): boolean {
  let node = call;
  for (let p = call.parent; p && p.name !== "FunctionDefinition" && p.name !== "Script"; node = p, p = p.parent) {
    if (p.name === "IfStatement" && node.name === "Body" && inOtherBranch(src, p, node, name)) return true;
    if (p.name !== "Body") continue;
    for (const earlier of p.children) {
      if (earlier === node) break;
      // (Its `elif`/`else` branches only ever see other names: they may fall through.)
      if (earlier.name === "IfStatement" && guardOf(src, earlier.children[1], name) === "deepseek" && exits(earlier.children[2])) return true;
    }
  }
  return false;
}

/** `if guard: … else: <here>`, `elif … <here>` after a guard, or `if not guard: <here>`. */
function inOtherBranch(src: string, ifStmt: PyNode, body: PyNode, name: string): boolean {
  const kids = ifStmt.children;
  const at = kids.indexOf(body);
  const test = kids[at - 1];
  if (test && test.name !== "else" && guardOf(src, test, name) === "not-deepseek") return true;
  for (let i = 0; i < at - 1; i++) {
    const kid = kids[i]!;
    if (kid.name !== "Body" && kid.name !== "if" && kid.name !== "elif" && kid.name !== "else" && guardOf(src, kid, name) === "deepseek") return true;
  }
  return false;
}

/** `name.startswith("deepseek")`, `"deepseek" in name` (also on `name.lower()`), or its `not`. */
function guardOf(src: string, test: PyNode | undefined, name: string): Guard | undefined {
  if (!test) return undefined;
  const text = (n: PyNode) => src.slice(n.from, n.to);
  if (test.name === "UnaryExpression" && text(test.children[0]!) === "not") {
    const inner = guardOf(src, test.children[1], name);
    return inner === "deepseek" ? "not-deepseek" : inner === "not-deepseek" ? "deepseek" : undefined;
  }
  if (test.name === "ParenthesizedExpression") return guardOf(src, test.children[1], name);
  const names = (n: PyNode | undefined) => !!n && (text(n) === name || text(n).replace(/\s+/g, "") === `${name}.lower()`);
  const deepseek = (n: PyNode | undefined) => !!n && !!stringOf(n, src)?.value.toLowerCase().startsWith("deepseek");
  if (test.name === "CallExpression") {
    const callee = test.children[0]!;
    const [object, , method] = callee.children;
    const arg = argumentsOf(test, src)[0];
    return callee.name === "MemberExpression" && method && text(method) === "startswith" && names(object) && deepseek(arg?.value) ? "deepseek" : undefined;
  }
  if (test.name === "BinaryExpression") {
    const [left, op, right] = test.children;
    if (op && text(op) === "in" && deepseek(left) && names(right)) return "deepseek";
  }
  return undefined;
}

/** A block that always leaves: its last statement returns or raises. */
function exits(body: PyNode | undefined): boolean {
  const last = body?.children.at(-1);
  return last?.name === "ReturnStatement" || last?.name === "RaiseStatement";
}
