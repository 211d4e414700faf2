// Pinned package versions per source file: the nearest manifest that declares the package, resolved through
// the lockfile beside it or its workspace root's. One module per format, all yielding Declared records.
import path from "node:path";
import { Files } from "./files.js";
import { manifestsIn, type Manifest } from "./managers.js";
import { foldersUp, pypiName } from "./paths.js";
import type { Declared, Ecosystem, Pin } from "./types.js";
import { lockfilesFor } from "./workspace.js";

export type { Ecosystem, Pin } from "./types.js";
export { minimumOf, satisfies } from "./ranges.js";

export class PinIndex {
  private readonly files: Files;
  private readonly pins = new Map<string, Pin | undefined>();
  private readonly depths = new Map<string, number | undefined>();

  /** `root`: absolute path of the scanned project root; nothing above it is read. */
  constructor(root: string) {
    this.files = new Files(path.resolve(root));
  }

  /**
   * The pin of `name` for the source file `file` (absolute path): the nearest manifest at or above the file's
   * folder (stopping at the root) that declares the package, resolved through the lockfile beside it or its
   * workspace/monorepo root's. undefined if no manifest declares it. Cached per folder; never throws.
   */
  pinFor(file: string, ecosystem: Ecosystem, name: string): Pin | undefined {
    const dir = path.dirname(path.resolve(file));
    const key = ecosystem === "pypi" ? pypiName(name) : name;
    const cacheKey = `${ecosystem}\0${key}\0${dir}`;
    if (!this.pins.has(cacheKey)) this.pins.set(cacheKey, this.find(dir, ecosystem, key));
    return this.pins.get(cacheKey);
  }

  /**
   * How many folders above `file`'s own (0: that folder) the nearest manifest declaring `name` sits,
   * stopping at the root; undefined if none does. Says which ecosystem's client is nearer to a file.
   */
  declarationDepth(file: string, ecosystem: Ecosystem, name: string): number | undefined {
    const key = ecosystem === "pypi" ? pypiName(name) : name;
    const dir = path.dirname(path.resolve(file));
    // Cached per folder, as pins are: every config finding asks for each client package.
    const cacheKey = `${ecosystem}\0${key}\0${dir}`;
    if (!this.depths.has(cacheKey)) this.depths.set(cacheKey, this.depthFrom(dir, ecosystem, key));
    return this.depths.get(cacheKey);
  }

  private depthFrom(dir: string, ecosystem: Ecosystem, key: string): number | undefined {
    try {
      const folders = foldersUp(this.files.root, dir);
      const depth = folders.findIndex((folder) => manifestsIn(this.files, folder, ecosystem).some((m) => this.declaration(m, key)));
      return depth === -1 ? undefined : depth;
    } catch {
      return undefined; // as for pins: a malformed manifest declares nothing
    }
  }

  private find(dir: string, ecosystem: Ecosystem, name: string): Pin | undefined {
    try {
      for (const folder of foldersUp(this.files.root, dir)) {
        const pin = this.pinIn(folder, ecosystem, name);
        if (pin) return pin;
      }
    } catch {
      // A malformed file must not stop the codemod; no pin is the safe answer.
    }
    return undefined;
  }

  /** Of the folder's manifests declaring `name`, the first that yields an exact version, else the first. */
  private pinIn(dir: string, ecosystem: Ecosystem, name: string): Pin | undefined {
    let fallback: Pin | undefined;
    for (const manifest of manifestsIn(this.files, dir, ecosystem)) {
      const decl = this.declaration(manifest, name);
      if (!decl) continue;
      const pin = this.resolve(manifest, decl);
      if (pin.version) return pin;
      fallback ??= pin;
    }
    return fallback;
  }

  private declaration(manifest: Manifest, name: string): Declared | undefined {
    const all = this.files.parsed("manifest", manifest.file, (content) => manifest.manager.extract(content, manifest.file, this.files.read));
    const mine = (all ?? []).filter((d) => d.name === name);
    return mine.find((d) => d.version) ?? mine[0];
  }

  /** A lockfile's version wins; otherwise the manifest's exact pin or range. */
  private resolve(manifest: Manifest, decl: Declared): Pin {
    const ecosystem = manifest.manager.ecosystem;
    for (const { file, lock, importer } of lockfilesFor(this.files, manifest)) {
      const version = lock.version({ name: decl.name, range: decl.range, importer });
      if (version) return { ecosystem, name: decl.name, version, from: this.files.relative(file) };
    }
    const pin: Pin = { ecosystem, name: decl.name, from: this.files.relative(decl.file) };
    if (decl.version) pin.version = decl.version;
    else if (decl.range !== undefined) pin.range = decl.range;
    return pin;
  }
}
