// One workspace folder as the language server sees it: the same settings and config as the
// CLI, a scan of the folder with the editor's unsaved texts laid over the disk, and the
// walk and each file's first pass kept between scans (src/engine.ts ScanCache), so a
// keystroke costs the edited file's analysis and the linking pass, not a walk of the tree.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../config.js";
import { todayIso } from "../deadline.js";
import { scan, ScanCache } from "../engine.js";
import type { FileResult } from "../process.js";
import type { DialectName, Settings, Target } from "../rules.js";
import type { Finding } from "../findings.js";
import { allEdits, closureOf, siteEdits, type EditsByFile } from "./convert.js";
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
  /** The unsaved texts it read (absolute path → text). */
  overlay: ReadonlyMap<string, string>;
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
    const dated = { ...settings, today };
    const run = await scan(this.scanOptions(dated, overlay, this.cache));
    return { results: new Map(run.files.map((f) => [f.file, f])), settings: dated, overlay };
  }

  private scanOptions(settings: Settings, overlay: ReadonlyMap<string, string>, cache: ScanCache) {
    return {
      paths: this.only ? [path.basename(this.only)] : ["."],
      cwd: this.root,
      settings,
      gitignore: this.options.gitignore ?? true,
      defaultIgnore: this.options.defaultIgnore ?? true,
      ignore: this.ignore,
      docs: this.options.docs ?? true,
      overlay,
      cache,
    };
  }

  /**
   * The edits of the sites of `findings` in `file`, as `ds-migrate` would write them, and only a
   * set the CLI can finish: with them applied (in memory), a new analysis must end at the very
   * texts the CLI would write from here. The sites' closure (convert.ts:siteEdits) is tried
   * first; when the engine linked more than the findings say (a wrapper's callers, a condition
   * over imported names), then every site of the legacy IDs involved, and at last every edit
   * of the workspace, which is what the CLI writes.
   */
  async site(analysis: Analysis, file: string, findings: Finding[]): Promise<EditsByFile | undefined> {
    const closure = siteEdits(analysis.results, file, findings);
    if (!closure) return undefined;
    if (await this.finishes(analysis, closure)) return closure;
    const moved = new Set([...closure.values()].flat());
    const legacy = analysis.settings.rules.models.filter((r) => r.status !== "current").map((r) => r.id);
    const idsOf = (f: Finding) => legacy.filter((id) => [f.message, ...(f.sources ?? [])].some((t) => t.includes(`"${id}"`)));
    const involved = new Set([...analysis.results.values()].flatMap((r) => r.findings.filter((f) => f.edits?.some((e) => moved.has(e))).flatMap(idsOf)));
    // Requests whose model is a name the findings do not resolve (a condition over imported constants) go with them too.
    const byId = closureOf(analysis.results, (_file, f) => idsOf(f).some((id) => involved.has(id)) || (f.sources ?? []).some((t) => !t.startsWith('"')));
    if (byId && (await this.finishes(analysis, byId))) return byId;
    return allEdits(analysis.results);
  }

  /** Whether applying `edits` and analysing again ends where the CLI ends from the analysed texts. */
  private async finishes(analysis: Analysis, edits: EditsByFile): Promise<boolean> {
    const overlay = new Map(analysis.overlay);
    const changed: string[] = [];
    for (const [rel, list] of edits) {
      const abs = path.resolve(this.root, rel);
      const text = this.textOf(analysis, abs);
      if (text === undefined) return false;
      const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
      let body = text.slice(bom.length);
      for (const e of [...list].sort((a, b) => b.start - a.start)) body = body.slice(0, e.start) + e.text + body.slice(e.end);
      overlay.set(abs, bom + body);
      changed.push(abs);
    }
    const trial = await scan(this.scanOptions(analysis.settings, overlay, this.cache.fork(changed)));
    const after = new Map(trial.files.map((f) => [f.file, f]));
    const files = new Set([...analysis.results.keys(), ...after.keys(), ...edits.keys()]);
    for (const rel of files) {
      const abs = path.resolve(this.root, rel);
      const cli = finalText(analysis.results.get(rel), () => this.textOf(analysis, abs));
      const trialText = finalText(after.get(rel), () => overlay.get(abs) ?? this.textOf(analysis, abs));
      if (cli !== trialText) return false;
    }
    return true;
  }

  private textOf(analysis: Analysis, abs: string): string | undefined {
    const unsaved = analysis.overlay.get(abs);
    if (unsaved !== undefined) return unsaved;
    try {
      return readFileSync(abs, "utf8");
    } catch {
      return undefined;
    }
  }
}

/** A file's text once the CLI has written it: its migrated text, or the text as it is. */
function finalText(result: FileResult | undefined, text: () => string | undefined): string | undefined {
  const final = result?.status === "changed" ? result.after : text();
  return final?.replace(/^\uFEFF/, "");
}
