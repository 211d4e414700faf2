// bun.lock (text, JSONC): `workspaces` by path, `packages` by install path; a workspace's own copy is keyed
// "<workspace name>/<package>", the hoisted one "<package>", each holding ["<package>@<version>", ...].
import semver from "semver";
import { list, parseJsonc, table, text } from "./parse.js";
import type { ParseLock } from "./types.js";

export const parseBunLock: ParseLock = (content) => {
  const doc = parseJsonc(content);
  if (!doc) return undefined;
  const workspaces = table(doc.workspaces) ?? {};
  const packages = table(doc.packages) ?? {};
  const versionAt = (key: string) => {
    const id = text(list(packages[key])[0]);
    const version = id?.slice(id.lastIndexOf("@") + 1);
    return version && semver.valid(version) ? version : undefined;
  };
  return {
    covers: (importer) => importer === "" || workspaces[importer] !== undefined,
    version({ name, importer }) {
      const owner = importer === "" ? undefined : text(table(workspaces[importer])?.name);
      return (owner ? versionAt(`${owner}/${name}`) : undefined) ?? versionAt(name);
    },
  };
};
