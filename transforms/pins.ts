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

function indexFor(root: string): PinIndex {
  let index = indexes.get(root);
  if (!index) indexes.set(root, (index = new PinIndex(root)));
  return index;
}

/** The pass-through a request of this shape may use in `file`, for the version the project pins. */
export function pinnedPass(settings: Settings, file: string, shapeId: string, pass: PassThrough): PinnedPass {
  const shape = CALL_SHAPES.find((s) => s.id === shapeId);
  if (!shape?.since || pass.kind === "none") return { pass };
  const { since } = shape;
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
  return { pass: { kind: "none", advice: withheldAdvice(shape, pin.version, where) }, dependency, withheld: true };
}

function withheldAdvice(shape: CallShape, version: string, where: string): string {
  const { since } = shape;
  const name = shape.pass.kind === "kwarg" || shape.pass.kind === "nested" ? `${shape.pass.name}=` : "its pass-through";
  return `${since!.package} ${version}, pinned in ${where}, does not forward ${name} (it came in ${since!.version}): ` +
    `upgrade to ${since!.package}>=${since!.version} and set {mode} there, or set the mode on the underlying OpenAI client's requests`;
}

/** Sets a request's pass-through to what its pinned client release forwards (none when older than the row's minimum). */
export function applyPins(settings: Settings, file: string, site: { shape: string; pass: PassThrough; dependency?: string; withheld?: boolean }): void {
  const pinned = pinnedPass(settings, file, site.shape, site.pass);
  site.pass = pinned.pass;
  if (pinned.dependency) site.dependency = pinned.dependency;
  if (pinned.withheld) site.withheld = true;
}
