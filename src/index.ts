// The programmatic API: `migrate` and `check` return the same data the JSON report holds.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.js";
import { deadlineStatus, lifecycleLines, noneFoundText, todayIso } from "./deadline.js";
import { scan, writeChanges, type ScanResult, type WriteOutcome } from "./engine.js";
import { buildReport, type Report } from "./report/model.js";
import type { ProgressFn } from "./progress.js";
import { legacyDeadline, type DialectName, type Settings, type Target } from "./rules.js";

export type { Report } from "./report/model.js";
export type { Finding, Severity } from "./findings.js";
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
