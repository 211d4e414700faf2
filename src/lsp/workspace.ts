// One workspace folder as the language server sees it: the same settings and config as the
// CLI, a scan of the folder with the editor's unsaved texts laid over the disk, and the
// walk and each file's first pass kept between scans (src/engine.ts ScanCache), so a
// keystroke costs the edited file's analysis and the linking pass, not a walk of the tree.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../config.js";
import { todayIso } from "../deadline.js";
import { scan, ScanCache } from "../engine.js";
import type { FileResult } from "../process.js";
import type { DialectName, Settings, Target } from "../rules.js";
import { forgetPins } from "../../transforms/pins.js";

/** What the command line (`ds-migrate lsp --config …`) or the client's initializationOptions set. */
export interface ServerOptions {
  /** Relative to the workspace folder; default: ds-migrate.json there when it exists. */
  config?: string;
  target?: Target;
  thinkingParam?: DialectName;
  ignore?: string[];
  gitignore?: boolean;
  defaultIgnore?: boolean;
  docs?: boolean;
}

export const DEFAULT_CONFIG = "ds-migrate.json";

/** Files whose change alters other files' first pass: manifests and lockfiles (pinned client releases). */
const MANIFEST = /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|bun\.lockb?|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|setup\.cfg|setup\.py|requirements[^/]*\.txt|requirements\/[^/]+\.txt)$/;
/** Files whose change alters the walk. */
const WALK = /(^|\/)\.gitignore$/;

export interface Analysis {
  /** Every file with a finding or problem, by the engine's name for it (relative, forward slashes). */
  results: Map<string, FileResult>;
  settings: Settings;
}

export class Workspace {
  private cache = new ScanCache();
  /** The day the cache's first passes were made: severities follow the date (a deadline passes at midnight). */
  private cacheDay = todayIso();
  private settings?: Settings;
  private ignore: string[] = [];
  /** Set while the config file cannot be read: shown to the user, and no diagnostics are made. */
  configProblem?: string;

  /** `only`: a file outside every workspace folder, scanned alone in its own folder. */
  constructor(readonly root: string, private readonly options: ServerOptions, readonly only?: string) {}

  configFile(): string | undefined {
    if (this.options.config) return path.resolve(this.root, this.options.config);
    const conventional = path.join(this.root, DEFAULT_CONFIG);
    return existsSync(conventional) ? conventional : undefined;
  }

  contains(abs: string): boolean {
    return this.only ? abs === this.only : abs.startsWith(this.root + path.sep);
  }

  rel(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join("/");
  }

  /** Settings as `prepare` in src/index.ts builds them; read again after the config file changes. */
  private load(): Settings {
    if (!this.settings) {
      const config = loadConfig(this.configFile());
      this.settings = {
        rules: config.rules,
        target: this.options.target ?? config.target ?? "flash",
        dialect: this.options.thinkingParam ?? config.thinkingParam ?? "thinking",
        projectRoot: this.root,
      };
      this.ignore = [...config.ignore, ...(this.options.ignore ?? [])];
    }
    return this.settings;
  }

  /**
   * A file changed outside the editor's buffers (saved, or changed on disk), or was created or
   * deleted. What it invalidates follows from what it is.
   */
  changed(abs: string, kind: "changed" | "created" | "deleted"): void {
    const rel = this.rel(abs);
    if (abs === this.configFile() || path.basename(abs) === DEFAULT_CONFIG) {
      // New rules change every finding: start afresh.
      this.settings = undefined;
      this.cache = new ScanCache();
      return;
    }
    if (kind !== "changed" || WALK.test(rel)) this.cache.rewalk();
    if (MANIFEST.test(rel) || kind !== "changed") {
      // Pinned releases are read per project and folder listings kept: both go, and so do the first passes that used them.
      forgetPins();
      if (MANIFEST.test(rel)) this.cache.firstPass.clear();
    }
    this.cache.changed(abs);
  }

  /** An open document's text changed: only its own cached analysis goes. */
  edited(abs: string): void {
    this.cache.changed(abs);
  }

  /** Whether the last walk found the file (a file it did not find is new, or ignored). */
  walked(abs: string): boolean {
    return !this.cache.walk || this.cache.walk.files.some((d) => d.abs === abs);
  }

  rewalk(): void {
    this.cache.rewalk();
  }

  /** The whole folder with `overlay` (absolute path → unsaved text) read instead of the disk. */
  async analyse(overlay: ReadonlyMap<string, string>): Promise<Analysis> {
    let settings: Settings;
    try {
      settings = this.load();
      this.configProblem = undefined;
    } catch (error) {
      this.configProblem = (error as Error).message;
      throw error;
    }
    const today = todayIso();
    if (today !== this.cacheDay) {
      this.cache = new ScanCache();
      this.cacheDay = today;
    }
    const run = await scan({
      paths: this.only ? [path.basename(this.only)] : ["."],
      cwd: this.root,
      settings: { ...settings, today },
      gitignore: this.options.gitignore ?? true,
      defaultIgnore: this.options.defaultIgnore ?? true,
      ignore: this.ignore,
      docs: this.options.docs ?? true,
      overlay,
      cache: this.cache,
    });
    return { results: new Map(run.files.map((f) => [f.file, f])), settings };
  }
}
