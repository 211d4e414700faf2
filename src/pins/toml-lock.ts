// What poetry.lock and uv.lock share: `[[package]]` tables with name and version, and the folders a
// monorepo's root lockfile records as local packages (its members).
import { pypiName } from "./paths.js";
import { list, parseToml, table, text, type Table } from "./parse.js";
import { pick } from "./ranges.js";
import type { Lock } from "./types.js";

export function tomlPackages(content: string): Table[] | undefined {
  const doc = parseToml(content);
  return doc ? list(doc.package).map(table).filter((p): p is Table => p !== undefined) : undefined;
}

/** `own` may name the version a member's entry asks for; otherwise the declared range picks among the locked ones. */
export function packageLock(packages: readonly Table[], members: ReadonlySet<string>, own: (name: string, importer: string) => string | undefined): Lock {
  const versions = new Map<string, string[]>();
  for (const p of packages) {
    const name = text(p.name);
    const version = text(p.version);
    if (name && version) versions.set(pypiName(name), [...(versions.get(pypiName(name)) ?? []), version]);
  }
  return {
    covers: (importer) => importer === "" || members.has(importer),
    version: ({ name, range, importer }) => own(name, importer) ?? pick("pypi", versions.get(name) ?? [], range),
  };
}
