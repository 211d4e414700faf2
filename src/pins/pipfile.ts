// Pipfile (pipenv): TOML [packages] and [dev-packages]; "*" means any version.
import { entries, parseToml, table, text } from "./parse.js";
import { declared } from "./ranges.js";
import type { Extract } from "./types.js";

export const extractPipfile: Extract = (content, file) => {
  const doc = parseToml(content);
  if (!doc) return [];
  return [doc.packages, doc["dev-packages"]].flatMap((section) =>
    entries(section).map(([name, value]) => {
      const spec = text(value) ?? text(table(value)?.version) ?? "";
      return declared("pypi", name, spec.trim() === "*" ? "" : spec.replace(/\s+/g, ""), file);
    }),
  );
};
