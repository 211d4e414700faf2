// pyproject.toml: PEP 621 [project], PEP 735 [dependency-groups], uv's legacy dev-dependencies, and poetry's tables.
import { entries, list, parseToml, table, text, type Table } from "./parse.js";
import { parseRequirement } from "./pep508.js";
import { declared, poetryRange } from "./ranges.js";
import type { Declared, Extract } from "./types.js";

export const extractPyproject: Extract = (content, file) => {
  const doc = parseToml(content);
  if (!doc) return [];
  const project = table(doc.project);
  const tool = table(doc.tool);
  const pep508 = [
    ...list(project?.dependencies),
    ...entries(project?.["optional-dependencies"]).flatMap(([, reqs]) => list(reqs)),
    ...entries(doc["dependency-groups"]).flatMap(([, reqs]) => list(reqs)),
    ...list(table(tool?.uv)?.["dev-dependencies"]),
  ];
  return [...requirementList(pep508, file), ...poetryDependencies(table(tool?.poetry), file)];
};

/** PEP 508 strings; tables such as `{ include-group = "dev" }` are skipped. */
export function requirementList(values: readonly unknown[], file: string): Declared[] {
  return values.flatMap((value) => {
    const req = typeof value === "string" ? parseRequirement(value) : undefined;
    return req ? [declared("pypi", req.name, req.specifier, file)] : [];
  });
}

function poetryDependencies(poetry: Table | undefined, file: string): Declared[] {
  const tables = [poetry?.dependencies, poetry?.["dev-dependencies"], ...entries(poetry?.group).map(([, g]) => table(g)?.dependencies)];
  return tables.flatMap((deps) =>
    entries(deps)
      .filter(([name]) => name.toLowerCase() !== "python")
      .map(([name, value]) => declared("pypi", name, poetryRange(poetryConstraint(value) ?? ""), file)),
  );
}

/** `"^1.2"`, `{ version = "^1.2" }`, or a list of such tables (per-Python constraints: the first one). */
function poetryConstraint(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(poetryConstraint).find((c) => c !== undefined);
  return text(value) ?? text(table(value)?.version);
}
