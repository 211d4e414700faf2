// The registry: which manifests each ecosystem has, where they sit in a folder, and which lockfiles resolve them.
import path from "node:path";
import { parseBunLock } from "./bun-lock.js";
import type { Files } from "./files.js";
import { parseNpmLock } from "./npm-lock.js";
import { extractPackageJson } from "./package-json.js";
import { extractPipfile } from "./pipfile.js";
import { parsePipfileLock } from "./pipfile-lock.js";
import { parsePnpmLock } from "./pnpm-lock.js";
import { parsePoetryLock } from "./poetry-lock.js";
import { extractPyproject } from "./pyproject.js";
import { extractRequirements } from "./requirements.js";
import { extractSetupCfg } from "./setup-cfg.js";
import type { Ecosystem, Extract, ParseLock } from "./types.js";
import { parseUvLock } from "./uv-lock.js";
import { parseYarnLock } from "./yarn-lock.js";

export interface LockManager {
  file: string;
  parse: ParseLock;
}

export interface ManifestManager {
  ecosystem: Ecosystem;
  extract: Extract;
  /** Lockfiles looked for beside the manifest, in order. */
  locks: readonly LockManager[];
  /** Whether a workspace or monorepo root's lockfile stands in when none is beside the manifest. */
  workspace: boolean;
}

const POETRY_LOCK: LockManager = { file: "poetry.lock", parse: parsePoetryLock };
const UV_LOCK: LockManager = { file: "uv.lock", parse: parseUvLock };

const NPM_LOCKS: readonly LockManager[] = [
  { file: "package-lock.json", parse: parseNpmLock },
  { file: "npm-shrinkwrap.json", parse: parseNpmLock },
  { file: "pnpm-lock.yaml", parse: parsePnpmLock },
  { file: "yarn.lock", parse: parseYarnLock },
  { file: "bun.lock", parse: parseBunLock },
];

const PACKAGE_JSON: ManifestManager = { ecosystem: "npm", extract: extractPackageJson, locks: NPM_LOCKS, workspace: true };
const PYPROJECT: ManifestManager = { ecosystem: "pypi", extract: extractPyproject, locks: [POETRY_LOCK, UV_LOCK], workspace: true };
const PIPFILE: ManifestManager = { ecosystem: "pypi", extract: extractPipfile, locks: [{ file: "Pipfile.lock", parse: parsePipfileLock }], workspace: false };
const SETUP_CFG: ManifestManager = { ecosystem: "pypi", extract: extractSetupCfg, locks: [UV_LOCK, POETRY_LOCK], workspace: true };
// pip-compile output and hand-pinned requirements are their own lock.
const REQUIREMENTS: ManifestManager = { ecosystem: "pypi", extract: extractRequirements, locks: [], workspace: false };

const PYPI_FIXED: ReadonlyArray<[string, ManifestManager]> = [
  ["pyproject.toml", PYPROJECT],
  ["Pipfile", PIPFILE],
  ["setup.cfg", SETUP_CFG],
];

export interface Manifest {
  file: string;
  manager: ManifestManager;
}

/** The ecosystem's manifests in one folder, in the order their declarations are preferred. */
export function manifestsIn(files: Files, dir: string, ecosystem: Ecosystem): Manifest[] {
  if (ecosystem === "npm") return files.has(dir, "package.json") ? [{ file: path.join(dir, "package.json"), manager: PACKAGE_JSON }] : [];
  const fixed = PYPI_FIXED.filter(([name]) => files.has(dir, name)).map(([name, manager]) => ({ file: path.join(dir, name), manager }));
  return [...fixed, ...requirementFiles(files, dir).map((file) => ({ file, manager: REQUIREMENTS }))];
}

/** requirements.txt, then requirements-*.txt and the like, then requirements/*.txt. */
function requirementFiles(files: Files, dir: string): string[] {
  const top = [...files.names(dir)].filter((n) => /^requirements.*\.txt$/.test(n)).sort(byMainFirst);
  const sub = path.join(dir, "requirements");
  const nested = files.has(dir, "requirements") ? [...files.names(sub)].filter((n) => n.endsWith(".txt")).sort() : [];
  return [...top.map((n) => path.join(dir, n)), ...nested.map((n) => path.join(sub, n))];
}

function byMainFirst(a: string, b: string): number {
  return Number(b === "requirements.txt") - Number(a === "requirements.txt") || a.localeCompare(b);
}
