// Pipfile.lock (JSON): `default` and `develop` map names to `{ "version": "==1.2.3" }`.
import { pypiName } from "./paths.js";
import { entries, parseJsonc, table, text } from "./parse.js";
import type { ParseLock } from "./types.js";

export const parsePipfileLock: ParseLock = (content) => {
  const doc = parseJsonc(content);
  if (!doc) return undefined;
  const versions = new Map<string, string>();
  for (const [name, value] of [...entries(doc.default), ...entries(doc.develop)]) {
    const version = text(table(value)?.version)?.replace(/^===?/, "");
    if (version && !versions.has(pypiName(name))) versions.set(pypiName(name), version);
  }
  return { covers: (importer) => importer === "", version: ({ name }) => versions.get(name) };
};
