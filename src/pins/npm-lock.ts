// package-lock.json / npm-shrinkwrap.json: v2/v3 `packages` paths (a workspace's own copy first), v1 `dependencies`.
import semver from "semver";
import { parseJsonc, table, text } from "./parse.js";
import type { ParseLock } from "./types.js";

export const parseNpmLock: ParseLock = (content) => {
  const doc = parseJsonc(content);
  if (!doc) return undefined;
  const packages = table(doc.packages) ?? {};
  const versionAt = (key: string) => text(table(packages[key])?.version);
  return {
    covers: (importer) => importer === "" || packages[importer] !== undefined,
    version({ name, importer }) {
      const local = importer === "" ? undefined : versionAt(`${importer}/node_modules/${name}`);
      const found = local ?? versionAt(`node_modules/${name}`) ?? text(table(table(doc.dependencies)?.[name])?.version);
      return found && semver.valid(found) ? found : undefined;
    },
  };
};
