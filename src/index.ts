// The programmatic API: `migrate` and `check` return the same data the JSON report holds.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.js";
import { deadlineStatus, lifecycleLines, noneFoundText, todayIso } from "./deadline.js";
import { scan, writeChanges, type ScanResult, type WriteOutcome } from "./engine.js";
import { analyzerFor, loadedAnalyzer } from "./languages.js";
import { analyzeLoadedText, textLanguage, type FileResult } from "./process.js";
import { buildReport, type Report } from "./report/model.js";
import type { ProgressFn } from "./progress.js";
import { legacyDeadline, needles, type DialectName, type Settings, type Target } from "./rules.js";

export type { Report } from "./report/model.js";
export type { Finding, Severity } from "./findings.js";
export type { FileResult } from "./process.js";
export { DEFAULT_RULES } from "./rules.js";

export interface Options {
  paths?: string[];
  /** Read for cross-module linking only; nothing under them is reported or written. */
  context?: string[];
  cwd?: string;
  target?: Target;
  thinkingParam?: DialectName;
  /** Path to a JSON config file (see the README). */
  config?: string;
  ignore?: string[];
  gitignore?: boolean;
  /** Skip node_modules, build output and virtualenvs (default true). */
  defaultIgnore?: boolean;
  /** Scan Markdown docs (default true). */
  docs?: boolean;
  /** YYYY-MM-DD; defaults to the current UTC date. */
  today?: string;
  dryRun?: boolean;
  force?: boolean;
  strict?: boolean;
  /** Progress events, phase by phase (see src/progress.ts). */
  onProgress?: ProgressFn;
}

export const VERSION: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

interface Prepared {
  settings: Settings;
  scanResult: ScanResult;
}

async function prepare(options: Options): Promise<Prepared> {
  const config = loadConfig(options.config);
  const settings: Settings = {
    rules: config.rules,
    target: options.target ?? config.target ?? "flash",
    dialect: options.thinkingParam ?? config.thinkingParam ?? "thinking",
    today: options.today ?? todayIso(),
    projectRoot: path.resolve(options.cwd ?? process.cwd()),
  };
  const scanResult = await scan({
    paths: options.paths && options.paths.length > 0 ? options.paths : ["."],
    cwd: options.cwd ?? process.cwd(),
    settings,
    gitignore: options.gitignore ?? true,
    defaultIgnore: options.defaultIgnore ?? true,
    ignore: [...config.ignore, ...(options.ignore ?? [])],
    context: options.context ?? [],
    docs: options.docs ?? true,
    onProgress: options.onProgress,
  });
  return { settings, scanResult };
}

function report(command: "migrate" | "check", options: Options, prepared: Prepared, write?: WriteOutcome): Report {
  const { rules } = prepared.settings;
  const today = prepared.settings.today!;
  const deadline = deadlineStatus(legacyDeadline(rules), today);
  const found: Record<string, number> = {};
  for (const f of prepared.scanResult.files) for (const [id, n] of Object.entries(f.ids ?? {})) found[id] = (found[id] ?? 0) + n;
  const legacy = rules.models.filter((r) => r.status === "deprecated").map((r) => r.id);
  return buildReport({
    command,
    dryRun: command === "check" || !!options.dryRun,
    version: VERSION,
    target: prepared.settings.target,
    thinkingParam: prepared.settings.dialect,
    strict: !!options.strict,
    deadline,
    models: lifecycleLines(rules.models, found, today),
    noneFound: noneFoundText(deadline, legacy),
    scan: prepared.scanResult,
    write,
  });
}

/** Rewrite the files in place (or only report, with dryRun). */
export async function migrate(options: Options = {}): Promise<Report> {
  const prepared = await prepare(options);
  const write = options.dryRun ? undefined : await writeChanges(prepared.scanResult, options.cwd ?? process.cwd(), !!options.force, options.onProgress, options.paths ?? []);
  return report("migrate", options, prepared, write);
}

/** Report every legacy ID and URL without writing anything. */
export async function check(options: Options = {}): Promise<Report> {
  return report("check", options, await prepare(options));
}

/** Options for analysing one text in memory (an editor buffer, a linter's file). */
export interface SourceOptions {
  target?: Target;
  thinkingParam?: DialectName;
  /** Path to a JSON config file (see the README); relative paths resolve against `cwd`. */
  config?: string;
  /** YYYY-MM-DD; defaults to the current UTC date. */
  today?: string;
  /** The project root, where pinned client versions are read (default: the current directory). */
  cwd?: string;
}

// A linter calls once per file with the same options: load the config and derive the rule lookups once.
const sourceSettings = new Map<string, Settings>();

/** The settings a run with these options resolves to (cached: callers pass the same options per file). */
export function settingsForSource(options: SourceOptions): Settings {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = options.config ? path.resolve(cwd, options.config) : undefined;
  const today = options.today ?? todayIso();
  const key = JSON.stringify([options.target, options.thinkingParam, config, today, cwd]);
  let settings = sourceSettings.get(key);
  if (!settings) {
    const loaded = loadConfig(config);
    settings = {
      rules: loaded.rules,
      target: options.target ?? loaded.target ?? "flash",
      dialect: options.thinkingParam ?? loaded.thinkingParam ?? "thinking",
      today,
      projectRoot: cwd,
    };
    sourceSettings.set(key, settings);
  }
  return settings;
}

/**
 * One file's text, analysed alone (no cross-module links) exactly as `ds-migrate` analyses that
 * file: its findings and, when status is "changed", the migrated text in `after`. `file` is the
 * name reports use (relative to `cwd`, forward slashes); its extension picks the language.
 */
export async function analyzeSource(file: string, text: string, options: SourceOptions = {}): Promise<FileResult> {
  await analyzerFor(textLanguage(file, text));
  return analyzeSourceSync(file, text, options);
}

/**
 * analyzeSource for callers that cannot await (an ESLint rule): the file's language must have
 * been loaded before, by one analyzeSource call or by loadLanguageOf.
 */
export function analyzeSourceSync(file: string, text: string, options: SourceOptions = {}): FileResult {
  const analyze = loadedAnalyzer(textLanguage(file, text));
  if (!analyze) throw new Error(`ds-migrate: no analyzer is loaded for ${file}; await loadLanguageOf("${file}") (or analyzeSource) once before analyzeSourceSync.`);
  const settings = settingsForSource(options);
  // The same prefilter as a run: a text with none of the table's strings is not analysed at all.
  if (!needles(settings.rules).some((n) => text.includes(n))) return { file, status: "unchanged", findings: [] };
  return analyzeLoadedText(file, text, settings, analyze);
}

/** Load the analyzer for files named like `file` (its extension), for analyzeSourceSync. */
export async function loadLanguageOf(file: string): Promise<void> {
  await analyzerFor(textLanguage(file, ""));
}
