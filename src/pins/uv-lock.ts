// uv.lock: `[[package]]` name/version; workspace members are the packages with an editable/virtual/directory source.
import { cleanRelative, pypiName } from "./paths.js";
import { entries, list, table, text, type Table } from "./parse.js";
import { packageLock, tomlPackages } from "./toml-lock.js";
import type { ParseLock } from "./types.js";

export const parseUvLock: ParseLock = (content) => {
  const packages = tomlPackages(content);
  if (!packages) return undefined;
  const members = new Map<string, Table>();
  for (const p of packages) {
    const source = table(p.source);
    const dir = text(source?.editable) ?? text(source?.virtual) ?? text(source?.directory);
    if (dir !== undefined) members.set(cleanRelative(dir), p);
  }
  // With several versions of one package (conflicting extras or groups), the member's own entry names its version.
  return packageLock(packages, new Set(members.keys()), (name, importer) => memberDependencyVersion(members.get(importer), name));
};

/** `dependencies`, `optional-dependencies.*` and `dev-dependencies.*` entries of a member: `{ name, version? }`. */
function memberDependencyVersion(member: Table | undefined, name: string): string | undefined {
  if (!member) return undefined;
  const groups = [member.dependencies, ...entries(member["optional-dependencies"]).map(([, v]) => v), ...entries(member["dev-dependencies"]).map(([, v]) => v)];
  const dep = groups.flatMap(list).find((d) => pypiName(text(table(d)?.name) ?? "") === name);
  return text(table(dep)?.version);
}
