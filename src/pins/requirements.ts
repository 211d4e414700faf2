// requirements*.txt (pip): comments, continuations, -r/-c includes, extras, markers, per-line options.
import path from "node:path";
import { parseRequirement } from "./pep508.js";
import { declared } from "./ranges.js";
import type { Declared, Extract } from "./types.js";

type Read = Parameters<Extract>[2];

interface Collected {
  required: Declared[];
  constraints: Declared[];
}

export const extractRequirements: Extract = (content, file, read) => {
  const into: Collected = { required: [], constraints: [] };
  collect(content, file, read, into, new Set([file]), false);
  return into.required.map((d) => constrained(d, into.constraints));
};

function collect(content: string, file: string, read: Read, into: Collected, seen: Set<string>, constraint: boolean): void {
  for (const line of logicalLines(content)) {
    const include = /^(?:-([rc])\s*|--(requirement|constraint)(?:\s*=\s*|\s+))(\S+)$/.exec(line);
    if (include) {
      const target = path.resolve(path.dirname(file), include[3]);
      const isConstraint = constraint || include[1] === "c" || include[2] === "constraint";
      const text = seen.has(target) ? undefined : read(target);
      seen.add(target);
      if (text !== undefined) collect(text, target, read, into, seen, isConstraint);
      continue;
    }
    if (line.startsWith("-")) continue; // -e, --index-url, --pre...: nothing pinned by name
    const req = parseRequirement(line.split(/\s+--?[a-z]/)[0]);
    if (req) (constraint ? into.constraints : into.required).push(declared("pypi", req.name, req.specifier, file));
  }
}

/** Lines with continuations joined, comments and blanks gone. */
function logicalLines(content: string): string[] {
  return content
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, "").trim())
    .filter((l) => l !== "");
}

/** A constraints file's exact pin is the version that installs; its range only fills an unconstrained line. */
function constrained(decl: Declared, constraints: readonly Declared[]): Declared {
  if (decl.version) return decl;
  const c = constraints.find((k) => k.name === decl.name);
  if (c?.version || (c?.range && !decl.range)) return c;
  return decl;
}
