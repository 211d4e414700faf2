// pnpm-workspace.yaml: the `packages` globs that make a folder a pnpm workspace root.
import { list, parseYaml, text } from "./parse.js";

export function pnpmWorkspaces(content: string): string[] {
  return list(parseYaml(content)?.packages).flatMap((p) => text(p) ?? []);
}
