// Which pass-through a request may use, given the client release the project pins (the
// nearest manifest and lockfile above the file, src/pins). A shape row names the release from
// which its pass-through is forwarded; an older pin gets none, and the call is reported with
// that minimum. An unresolved version assumes the current release, and the ledger says so.
import path from "node:path";
import { minimumOf, PinIndex, satisfies } from "../src/pins/index.js";
import type { Settings } from "../src/rules.js";
import { CALL_SHAPES, type CallShape, type PassThrough } from "./shapes.js";

export interface PinnedPass {
  pass: PassThrough;
  /** The pinned release, or the assumption made: "autogen-ext 0.4.9 (requirements.txt)". */
  dependency?: string;
  /** The pinned release does not forward the pass-through. */
  withheld?: boolean;
}

// One index per project root and process (workers each build their own; every file is read once).
const indexes = new Map<string, PinIndex>();

/** A long-lived process (the language server) drops what it read when a manifest or lockfile changes. */
export function forgetPins(): void {
  indexes.clear();
}

function indexFor(root: string): PinIndex {
  let index = indexes.get(root);
  if (!index) indexes.set(root, (index = new PinIndex(root)));
  return index;
}

/** Folders between `file` and the nearest manifest declaring the package (0: its own folder); undefined: none, or no project root. */
export function declarationDepth(settings: Settings, file: string, ecosystem: "npm" | "pypi", name: string): number | undefined {
  if (!settings.projectRoot) return undefined;
  return indexFor(settings.projectRoot).declarationDepth(path.resolve(settings.projectRoot, file), ecosystem, name);
}

/** The pass-through a request of this shape may use in `file`, for the version the project pins. */
export function pinnedPass(settings: Settings, file: string, shapeId: string, pass: PassThrough, keywords: string[] = []): PinnedPass {
  const shape = CALL_SHAPES.find((s) => s.id === shapeId);
  const since = shape?.since ?? PASS_SINCE[pass.kind];
  if (!since || pass.kind === "none") return { pass };
  const older = shape?.olderApi?.keywords.filter((k) => keywords.includes(k)) ?? [];
  if (older.length > 0) {
    // The call's own keywords date the release: older than the pass-through, whatever is pinned.
    const given = older.map((k) => `${k}=`).join(", ");
    return {
      pass: { kind: "none", advice: `this call passes ${given}, which only ${since.package} releases before ${since.version} take, and those do not forward ${pass.kind === "kwarg" || pass.kind === "nested" ? `${pass.name}=` : "the pass-through"}: upgrade to ${since.package}>=${since.version} (its provider= API) and set {mode} there, or set the mode on the underlying client's requests` },
      dependency: `${since.package}: a release before ${since.version} (this call passes ${given})`,
      withheld: true,
    };
  }
  const pin = settings.projectRoot ? indexFor(settings.projectRoot).pinFor(path.resolve(settings.projectRoot, file), since.ecosystem, since.package) : undefined;
  if (!pin) return { pass, dependency: `${since.package}: assumed a current release (no manifest in the project declares it)` };
  const where = `${pin.from}`;
  if (!pin.version) {
    const min = pin.range ? minimumOf(since.ecosystem, pin.range) : undefined;
    if (min && satisfies(since.ecosystem, min, `>=${since.version}`)) return { pass, dependency: `${since.package} ${pin.range} (${where})` };
    return { pass, dependency: `${since.package} ${pin.range ?? "(any)"} (${where}): assumed >= ${since.version}, no lockfile pins a version` };
  }
  const dependency = `${since.package} ${pin.version} (${where})`;
  if (satisfies(since.ecosystem, pin.version, `>=${since.version}`)) return { pass, dependency };
  return { pass: { kind: "none", advice: withheldAdvice(since, pass, pin.version, where) }, dependency, withheld: true };
}

type Since = NonNullable<CallShape["since"]>;

/** Pass-throughs whose minimum belongs to the pass-through itself, whatever detector found the call. */
const PASS_SINCE: Partial<Record<PassThrough["kind"], Since>> = {
  "provider-options": { ecosystem: "npm", package: "ai", version: "4.2.0", source: "AI SDK 4.2 migration guide (ai-sdk.dev/docs/migration-guides/migration-guide-4-2): providerOptions renamed from providerMetadata for provider-specific inputs" },
  anthropic: { ecosystem: "npm", package: "@anthropic-ai/sdk", version: "0.37.0", source: "anthropic-sdk-typescript commit 01a985bf \"feat(api): add claude-3.7 + support for thinking\" (2025-02-24), first tagged sdk-v0.37.0" },
};

function withheldAdvice(since: Since, pass: PassThrough, version: string, where: string): string {
  const name = pass.kind === "kwarg" || pass.kind === "nested" ? `${pass.name}=` : pass.kind === "provider-options" ? "providerOptions" : pass.kind === "anthropic" ? "thinking" : "its pass-through";
  return `${since.package} ${version}, pinned in ${where}, does not forward ${name} (it came in ${since.version}): ` +
    `upgrade to ${since.package}>=${since.version} and set {mode} there, or set the mode on the underlying client's requests`;
}

/** Sets a request's pass-through to what its pinned client release forwards (none when older than the row's minimum). */
/** `keywords`: the call's keyword arguments (a row's `olderApi` dates the release by them). */
export function applyPins(settings: Settings, file: string, site: { shape: string; pass: PassThrough; dependency?: string; withheld?: boolean }, keywords: string[] = []): void {
  const pinned = pinnedPass(settings, file, site.shape, site.pass, keywords);
  site.pass = pinned.pass;
  if (pinned.dependency) site.dependency = pinned.dependency;
  if (pinned.withheld) site.withheld = true;
}
