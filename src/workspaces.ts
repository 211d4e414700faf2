// Monorepo workspaces (npm, yarn, pnpm, lerna): one repository holding several packages that
// import each other by package name (`import { VectorMemory } from "@acme/vector-memory"`), not by
// path. The linker resolves such a name to the package's source in the tree, and the importer
// search treats the workspace, not each package, as the project.
import { existsSync, readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";

/** Folders never holding a workspace's own packages. */
const SKIP = new Set(["node_modules", ".git", "dist", "build", "out", "coverage", ".next", ".turbo"]);
/** How deep packages sit under the workspace root (`packages/x`, `apps/web`, `libs/group/x`). */
const DEPTH = 3;

// Kept for one run (the language server forgets them before each): many lookups share a root.
const rootOfDir = new Map<string, string | null>();
const packagesOfRoot = new Map<string, Map<string, string>>();

export function forgetWorkspaces(): void {
  rootOfDir.clear();
  packagesOfRoot.clear();
}

/** The workspace root above `dir` (a folder with pnpm-workspace.yaml, lerna.json, or a package.json with `workspaces`), or undefined. */
export function workspaceRoot(dir: string): string | undefined {
  if (/[\\/](node_modules|site-packages|dist-packages)([\\/]|$)/.test(dir)) return undefined;
  const chain: string[] = [];
  let found: string | null = null;
  for (let d = dir; ; d = path.dirname(d)) {
    const known = rootOfDir.get(d);
    if (known !== undefined) {
      found = known;
      break;
    }
    chain.push(d);
    if (isWorkspaceRoot(d)) {
      found = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  for (const d of chain) rootOfDir.set(d, found);
  return found ?? undefined;
}

function isWorkspaceRoot(dir: string): boolean {
  if (existsSync(path.join(dir, "pnpm-workspace.yaml")) || existsSync(path.join(dir, "lerna.json"))) return true;
  const manifest = readManifest(dir);
  return !!manifest && manifest.workspaces !== undefined;
}

function readManifest(dir: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Package name → folder, for every package.json under the workspace root (a few levels down). */
function packagesOf(root: string): Map<string, string> {
  let found = packagesOfRoot.get(root);
  if (found) return found;
  found = new Map();
  // One listing per folder: its entries say whether it has a manifest and which are folders
  // (links are not followed: a workspace's packages are real folders, and links can loop).
  const visit = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const name = dir !== root && entries.some((e) => e.name === "package.json" && e.isFile()) ? readManifest(dir)?.name : undefined;
    if (typeof name === "string" && !found!.has(name)) found!.set(name, dir);
    if (depth === DEPTH) return;
    for (const e of entries) {
      if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith(".")) visit(path.join(dir, e.name), depth + 1);
    }
  };
  visit(root, 0);
  packagesOfRoot.set(root, found);
  return found;
}

/**
 * The workspace package a bare specifier names, seen from `fromDir`: its folder and the path inside
 * it (`@acme/ui/button` → the `@acme/ui` folder and `button`). undefined outside a workspace.
 */
export function workspacePackage(fromDir: string, specifier: string): { dir: string; sub: string } | undefined {
  const root = workspaceRoot(fromDir);
  if (!root) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const dir = packagesOf(root).get(name);
  return dir ? { dir, sub: parts.slice(specifier.startsWith("@") ? 2 : 1).join("/") } : undefined;
}

/**
 * The source files a package's entry may be, most likely first: what its manifest names (`source`,
 * `types`, `module`, `main`, `exports["."]`) and the same path under `src/` instead of a build folder
 * (`dist/index.js` is built from `src/index.ts`), then `src/index` and `index`. Without extensions.
 */
export function entryCandidates(dir: string): string[] {
  const manifest = readManifest(dir) ?? {};
  const exported = manifest.exports;
  const dot = exported && typeof exported === "object" ? (exported as Record<string, unknown>)["."] : exported;
  const fromDot = typeof dot === "string" ? [dot] : dot && typeof dot === "object" ? ["types", "import", "default", "require"].map((k) => (dot as Record<string, unknown>)[k]) : [];
  const named = [manifest.source, manifest.types, manifest.typings, manifest.module, manifest.main, ...fromDot].filter((v): v is string => typeof v === "string");
  const out: string[] = [];
  for (const file of named) {
    const bare = file.replace(/\.d\.(m|c)?ts$/, "").replace(/\.(m|c)?[jt]sx?$/, "");
    out.push(path.join(dir, bare), path.join(dir, bare.replace(/^(\.\/)?(dist|build|lib|out)\//, "src/")));
  }
  out.push(path.join(dir, "src", "index"), path.join(dir, "index"));
  return [...new Set(out)];
}

/** The name of the package `file` belongs to, when it is a workspace package (not the root's own). */
export function workspacePackageName(file: string): string | undefined {
  const root = workspaceRoot(path.dirname(file));
  if (!root) return undefined;
  for (let d = path.dirname(file); d.length > root.length; d = path.dirname(d)) {
    if (!existsSync(path.join(d, "package.json"))) continue;
    const name = readManifest(d)?.name;
    return typeof name === "string" ? name : undefined;
  }
  return undefined;
}
