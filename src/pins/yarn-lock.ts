// yarn.lock: v1's own text format and berry's YAML. Entries are keyed by descriptor lists ("name@range, ..."),
// so the manifest's range picks the entry; workspaces share one lockfile.
import { entries, parseYaml, table, text } from "./parse.js";
import { satisfies } from "./ranges.js";
import type { ParseLock } from "./types.js";

interface Entry {
  descriptors: string[];
  version?: string;
}

export const parseYarnLock: ParseLock = (content) => {
  const list = /^__metadata:/m.test(content) ? berryEntries(content) : classicEntries(content);
  if (!list) return undefined;
  return {
    covers: () => true,
    version({ name, range }) {
      const wanted = range === undefined ? [] : [`${name}@${range}`, `${name}@npm:${range}`];
      const exact = list.find((e) => e.descriptors.some((d) => wanted.includes(d)));
      if (exact) return exact.version;
      // An entry written for another range of the same package is only trusted when it is the sole one and fits.
      const same = list.filter((e) => e.descriptors.some((d) => descriptorName(d) === name));
      const only = same.length === 1 ? same[0].version : undefined;
      return only !== undefined && (range === undefined || satisfies("npm", only, range)) ? only : undefined;
    },
  };
};

function classicEntries(content: string): Entry[] {
  const out: Entry[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!/^\s/.test(line) && line.endsWith(":")) {
      out.push({ descriptors: splitDescriptors(line.slice(0, -1)) });
      continue;
    }
    // Fields sit two spaces in; four spaces in are the entry's own dependency lists.
    const field = /^ {2}version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
    const entry = out.at(-1);
    if (field && entry) entry.version = field[1];
  }
  return out;
}

function berryEntries(content: string): Entry[] | undefined {
  const doc = parseYaml(content);
  if (!doc) return undefined;
  return entries(doc)
    .filter(([key]) => key !== "__metadata")
    .map(([key, value]) => ({ descriptors: splitDescriptors(key), version: text(table(value)?.version) }));
}

function splitDescriptors(header: string): string[] {
  return header.split(",").map((d) => d.trim().replace(/^"(.*)"$/, "$1"));
}

/** "@scope/pkg@^1" → "@scope/pkg" (the name ends at the first "@" after a scope's). */
function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf("@", 1);
  return at === -1 ? descriptor : descriptor.slice(0, at);
}
