// package.json: the four dependency tables, and the `workspaces` globs of a workspace root.
import { entries, list, parseJsonc, table, text } from "./parse.js";
import { declared } from "./ranges.js";
import type { Extract } from "./types.js";

// Peer ranges last: they say what is accepted, the others what is installed.
const SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

export const extractPackageJson: Extract = (content, file) => {
  const doc = parseJsonc(content);
  return SECTIONS.flatMap((section) =>
    entries(doc?.[section]).flatMap(([name, spec]) => (typeof spec === "string" ? [declared("npm", name, spec, file)] : [])),
  );
};

/** `"workspaces": [...]` or `"workspaces": { "packages": [...] }` (yarn classic). */
export function packageJsonWorkspaces(content: string): string[] {
  const ws = parseJsonc(content)?.workspaces;
  return (Array.isArray(ws) ? ws : list(table(ws)?.packages)).flatMap((p) => text(p) ?? []);
}
