// Where a string literal sits decides what may happen to it: a value is rewritten, a
// switch case or comparison or object key is reviewed, log text is information only.
import { memberPath, type Node } from "./ast.js";
import type { Place as ReviewPlace } from "../review.js";

export type Place = ReviewPlace<Node>;

const LOG_OBJECTS = new Set(["console", "logger", "log", "logging", "winston", "pino"]);
const LOG_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace"]);
const TEST_FUNCTIONS = new Set(["describe", "it", "test", "suite", "context", "bench"]);

export function placeOf(literal: Node, parents: Map<Node, Node>): Place {
  const parent = parents.get(literal);
  if (!parent) return { kind: "value" };
  switch (parent.type) {
    case "ImportDeclaration":
    case "ExportNamedDeclaration":
    case "ExportAllDeclaration":
    case "ImportExpression":
    case "TSExternalModuleReference":
    case "TSImportType":
      return { kind: "ignore" };
    case "ObjectProperty":
    case "ObjectMethod":
    case "ClassProperty":
    case "TSPropertySignature":
      if (parent.key === literal) return { kind: "group", group: parents.get(parent) ?? parent, what: "object keys" };
      break;
    case "SwitchCase":
      if (parent.test === literal) return { kind: "group", group: parents.get(parent) ?? parent, what: "switch cases" };
      break;
    case "BinaryExpression":
      if (["===", "==", "!==", "!="].includes(parent.operator) || (parent.operator === "in" && parent.left === literal)) {
        return { kind: "comparison" };
      }
      break;
    case "TSLiteralType": {
      const union = parents.get(parent);
      if (union?.type === "TSUnionType") return { kind: "group", group: union, what: "members of a union type" };
      break;
    }
    case "ArrayExpression":
      return { kind: "group", group: parent, what: "entries of a list" };
    case "TSEnumMember":
      return { kind: "group", group: parents.get(parent) ?? parent, what: "members of an enum" };
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return callPlace(literal, parent);
  }
  return { kind: "value" };
}

function callPlace(literal: Node, call: Node): Place {
  const path = memberPath(call.callee);
  if (call.callee.type === "Import" || (path?.length === 1 && path[0] === "require")) return { kind: "ignore" };
  if (!path) return { kind: "value" };
  const head = path[0]!;
  const last = path[path.length - 1]!;
  if ((LOG_OBJECTS.has(head) && path.length > 1 && LOG_METHODS.has(last)) || (path.length === 1 && LOG_METHODS.has(head))) {
    return { kind: "text", why: "log text" };
  }
  const testName = TEST_FUNCTIONS.has(head) && call.arguments[0] === literal;
  if (testName) return { kind: "text", why: "a test name" };
  return { kind: "value" };
}

/**
 * The construct a comparison belongs to, for grouping: a whole if / else-if chain, or
 * otherwise the statement that holds it.
 */
export function comparisonConstruct(literal: Node, parents: Map<Node, Node>): Node {
  let n: Node = literal;
  for (let p = parents.get(n); p; p = parents.get(n)) {
    n = p;
    if (/Statement$|Declaration$/.test(n.type) && n.type !== "IfStatement") return n;
    if (n.type === "IfStatement") {
      while (parents.get(n)?.type === "IfStatement" && parents.get(n)!.alternate === n) n = parents.get(n)!;
      return n;
    }
  }
  return n;
}
