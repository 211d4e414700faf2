// poetry.lock: `[[package]]` name/version; path dependencies (`source.type = "directory"`) are monorepo members.
import { cleanRelative } from "./paths.js";
import { table, text } from "./parse.js";
import { packageLock, tomlPackages } from "./toml-lock.js";
import type { ParseLock } from "./types.js";

export const parsePoetryLock: ParseLock = (content) => {
  const packages = tomlPackages(content);
  if (!packages) return undefined;
  const members = packages.flatMap((p) => {
    const source = table(p.source);
    return source?.type === "directory" ? [cleanRelative(text(source.url) ?? "")] : [];
  });
  return packageLock(packages, new Set(members), () => undefined);
};
