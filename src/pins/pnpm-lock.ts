// pnpm-lock.yaml: `importers.<path>` (v5.4-v9), or top-level tables for a single project (v5/v6).
import semver from "semver";
import { parseYaml, table, text, type Table } from "./parse.js";
import type { ParseLock } from "./types.js";

const SECTIONS = ["dependencies", "devDependencies", "optionalDependencies"] as const;

export const parsePnpmLock: ParseLock = (content) => {
  const doc = parseYaml(content);
  if (!doc) return undefined;
  const importers = table(doc.importers);
  const project = (importer: string): Table | undefined => (importers ? table(importers[importer || "."]) : importer === "" ? doc : undefined);
  return {
    covers: (importer) => project(importer) !== undefined,
    version({ name, importer }) {
      for (const section of SECTIONS) {
        const entry = table(project(importer)?.[section])?.[name];
        const raw = text(entry) ?? text(table(entry)?.version);
        if (raw !== undefined) return cleanVersion(raw);
      }
      return undefined;
    },
  };
};

/** "1.2.3(react@18.2.0)" (v6+), "1.2.3_react@18.2.0" (v5), "name@1.2.3" / "/name/1.2.3" (aliases) → "1.2.3"; links → undefined. */
function cleanVersion(raw: string): string | undefined {
  const bare = raw.replace(/[(_].*$/, "").split(/[@/]/).pop() ?? "";
  return raw.startsWith("link:") || raw.startsWith("file:") ? undefined : (semver.valid(bare) ?? undefined);
}
