// The command line: reads arguments, calls the API, prints a report, sets the exit code.
import { restoreSegmenter } from "./lazy-segmenter.js"; // first: before yargs loads
import { existsSync, statSync } from "node:fs";
import { rename, rm, writeFile } from "./fsp.js";
import path from "node:path";
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { ConfigError, loadConfig } from "./config.js";
import { isIsoDate } from "./deadline.js";
import { MissingPathError } from "./discover.js";
import { UnprotectedFilesError } from "./engine.js";
import { EXIT } from "./exit-codes.js";
import { check, migrate, VERSION, type Options, type Report } from "./index.js";
import { installSignalHandlers, SIGNAL_EXIT } from "./interrupt.js";
import { FORMATS, formatReport, formatForFile, type Format } from "./report/index.js";
import { progressReporter, type ProgressFn } from "./progress.js";
import { flushStdio, stdoutColumns, stdoutIsTerminal, writeErr, writeOut } from "./stdio.js";
import { formatModels } from "./report/models.js";
import { formatOrgJson, formatOrgMarkdown, mergeSummaries, nameReports, readReports, ReportMergeError, summarizeRepository } from "./report/merge.js";
import { TARGETS, type Target } from "./rules.js";
// For the bin's code cache (bin/cached-cli.js).
export { usedParts } from "./used-parts.js";

restoreSegmenter();

interface CommonArgs {
  paths: string[];
  context: string[];
  target: Target | undefined;
  "thinking-param": "thinking" | "thinking_mode" | undefined;
  config: string | undefined;
  ignore: string[];
  gitignore: boolean;
  "default-ignore": boolean;
  docs: boolean;
  today: string | undefined;
}

function common<T>(y: Argv<T>) {
  return y
    .positional("paths", { type: "string", array: true, describe: "Files, folders or globs to scan (everything after -- is a path)" })
    .option("target", { choices: TARGETS, describe: "Model the deprecated IDs become: flash = deepseek-flash (default), pro = deepseek-v4-pro, v4-flash = deepseek-v4-flash (the V4 launch name). See `ds-migrate models`" })
    .option("thinking-param", { choices: ["thinking", "thinking_mode"] as const, describe: 'How the mode is written: "thinking" (API reference, default) or "thinking_mode" (V4 launch guide)' })
    .option("config", { type: "string", describe: "JSON file that extends the rule table (see README)" })
    // One value per flag, repeatable: an array option would swallow the paths after it (`--ignore x src`).
    .option("context", { type: "string", requiresArg: true, coerce: toList, default: [] as string[], describe: "Also read PATH for cross-module links (constants, wrappers, callers), but report and write only the given paths; repeatable (the pre-commit fix hook uses --context .)" })
    .option("ignore", { type: "string", requiresArg: true, coerce: toList, default: [] as string[], describe: "Glob to skip (gitignore syntax); repeatable" })
    .option("gitignore", { type: "boolean", default: true, describe: "Honour .gitignore files (--no-gitignore to scan ignored files)" })
    .option("default-ignore", { type: "boolean", default: true, describe: "Skip node_modules, build output and virtualenvs (--no-default-ignore to scan them)" })
    .option("docs", { type: "boolean", default: true, describe: "Scan Markdown docs (--no-docs to skip them)" })
    .option("today", { type: "string", describe: "Date for the deadline line, YYYY-MM-DD (reproducible reports)" })
    // Repeatable, so one run can give a campaign both its JSON (for `report merge`) and its Markdown (the PR body).
    .option("report", { type: "string", requiresArg: true, coerce: toList, describe: "Also write the report to FILE: .json, .sarif, .md or .txt (the format comes from the extension); repeatable" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Print the summary and findings only: no diffs, no progress" })
    .check((argv) => {
      if (argv.today !== undefined && !isIsoDate(argv.today)) throw new Error(`--today must be a date as YYYY-MM-DD, got "${argv.today}"`);
      for (const file of (argv.report as string[] | undefined) ?? []) formatForFile(file);
      return true;
    });
}

/** A repeatable option's values: one string when given once, several when repeated. */
function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

function toOptions(argv: CommonArgs): Options {
  return {
    paths: argv.paths,
    context: argv.context,
    target: argv.target,
    thinkingParam: argv["thinking-param"],
    config: argv.config,
    ignore: argv.ignore,
    gitignore: argv.gitignore,
    defaultIgnore: argv["default-ignore"],
    docs: argv.docs,
    today: argv.today,
  };
}

/** A report that cannot be written is found before anything is scanned or written. */
function checkReportPaths(files: string[] = []): void {
  for (const file of files) checkReportPath(file);
}

function checkReportPath(file: string, flag = "--report"): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${flag} ${file}: the folder ${dir} does not exist; create it or choose another path (nothing was scanned or written)`);
  }
}

/**
 * Colour on stdout: FORCE_COLOR decides when set (0 or false: off), then NO_COLOR (set and
 * not empty: off), then whether stdout is a terminal; the usual convention of CLI tools.
 */
export function useColor(env: NodeJS.ProcessEnv = process.env, isTTY = stdoutIsTerminal()): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY;
}

/** Runs `task` with progress on stderr (a terminal only), cleared before the report prints. */
async function withProgress<T>(quiet: boolean, task: (onProgress?: ProgressFn) => Promise<T>): Promise<T> {
  const progress = quiet ? undefined : progressReporter();
  try {
    return await task(progress?.report);
  } finally {
    progress?.end();
  }
}

async function runMigrate(argv: CommonArgs & { "dry-run": boolean; force: boolean; quiet: boolean; report?: string[] }): Promise<number> {
  checkReportPaths(argv.report);
  const report = await withProgress(argv.quiet, (onProgress) => migrate({ ...toOptions(argv), dryRun: argv["dry-run"], force: argv.force, onProgress }));
  writeOut(formatReport(report, "text", { color: useColor(), quiet: argv.quiet }));
  for (const file of argv.report ?? []) await writeReportFile(file, report);
  if (report.interrupted) return SIGNAL_EXIT[report.interrupted.signal] ?? EXIT.findingsOrFileErrors;
  const failed = report.files.some((f) => f.status !== "changed" && f.status !== "unchanged");
  return failed ? EXIT.findingsOrFileErrors : EXIT.ok;
}

async function runCheck(argv: CommonArgs & { format: Format; strict: boolean; quiet: boolean; report?: string[] }): Promise<number> {
  checkReportPaths(argv.report);
  const report = await withProgress(argv.quiet, (onProgress) => check({ ...toOptions(argv), strict: argv.strict, onProgress }));
  writeOut(formatReport(report, argv.format, { color: useColor(), quiet: argv.quiet }));
  for (const file of argv.report ?? []) await writeReportFile(file, report);
  // A file not read is not a file that passed.
  return report.summary.findings.error > 0 || report.summary.filesUnreadable > 0 ? EXIT.findingsOrFileErrors : EXIT.ok;
}

async function runModels(argv: { format: "text" | "json"; config?: string; today?: string }): Promise<number> {
  if (argv.today !== undefined && !isIsoDate(argv.today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${argv.today}"`);
  const { rules } = loadConfig(argv.config);
  writeOut(formatModels(rules, argv.format, argv.today ?? new Date().toISOString().slice(0, 10)));
  return EXIT.ok;
}

const MERGE_FORMATS = ["markdown", "json"] as const;
type MergeFormat = (typeof MERGE_FORMATS)[number];

async function runReportMerge(argv: { reports: string[]; format?: MergeFormat; out?: string }): Promise<number> {
  if (argv.out !== undefined) checkReportPath(argv.out, "--out");
  // Every report is read and checked before anything is written: a bad one leaves no output.
  const reports = readReports(nameReports(argv.reports, (file) => existsSync(file)));
  const summary = mergeSummaries(reports.map((r) => summarizeRepository(r.name, r.file, r.report)), VERSION);
  const format = argv.format ?? (argv.out !== undefined && /\.json$/i.test(argv.out) ? "json" : "markdown");
  const text = format === "json" ? formatOrgJson(summary) : formatOrgMarkdown(summary);
  if (argv.out === undefined) writeOut(text);
  else await writeWhole(argv.out, text);
  return EXIT.ok;
}

/** Writes a file whole or not at all: a temp file beside it, renamed over it. */
async function writeWhole(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write ${file} (${code}); check that its folder exists and is writable`);
  }
}

async function runLsp(argv: { config?: string; target?: Target; "thinking-param"?: "thinking" | "thinking_mode"; ignore: string[]; gitignore: boolean; "default-ignore": boolean; docs: boolean }): Promise<number> {
  // Its own bundle (dist/bundle/lsp.js beside cli.js, as dist/src/lsp.js is beside dist/src/cli.js), loaded
  // only here: the other commands never load the protocol library. A computed URL keeps esbuild from inlining it.
  const entry = new URL("./lsp.js", import.meta.url).href;
  const { startServer } = (await import(entry)) as typeof import("./lsp.js");
  const connection = startServer({
    config: argv.config,
    target: argv.target,
    thinkingParam: argv["thinking-param"],
    ignore: argv.ignore,
    gitignore: argv.gitignore,
    defaultIgnore: argv["default-ignore"],
    docs: argv.docs,
  });
  // The server runs until the client sends `exit` or closes stdin (the library exits the process then).
  await new Promise<void>((resolve) => connection.onExit(resolve));
  return EXIT.ok;
}

async function writeReportFile(file: string, report: Report): Promise<void> {
  try {
    await writeFile(file, formatReport(report, formatForFile(file), { color: false }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write the report to ${file} (${code}); check that its folder exists and is writable`);
  }
}

class UsageError extends Error {}

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof MissingPathError) return { message: `ds-migrate: ${error.message}. Check the path and run again.`, code: EXIT.usage };
  if (error instanceof ConfigError || error instanceof UsageError) return { message: `ds-migrate: ${error.message}`, code: EXIT.usage };
  if (error instanceof ReportMergeError) return { message: `ds-migrate report merge: ${error.message}. Nothing was written.`, code: EXIT.usage };
  if (error instanceof UnprotectedFilesError) {
    const shown = error.files.slice(0, 20).map((f) => `  ${f.file} (${f.why})`);
    if (error.files.length > 20) shown.push(`  … and ${error.files.length - 20} more`);
    const list = shown.join("\n");
    return {
      message: `ds-migrate: git could not restore these files after a rewrite, so nothing was written:\n${list}\nCommit or stash them first (so the migration can be reviewed and undone), preview with --dry-run, or run again with --force to write them anyway.`,
      code: EXIT.usage,
    };
  }
  const e = error as Error;
  return { message: `ds-migrate: unexpected error: ${e.stack ?? e.message}\nPlease report this with the command you ran.`, code: EXIT.findingsOrFileErrors };
}

/** Flags that take no value: `--dry-run=yes` is a mistake, not a dry run. */
const BOOLEAN_FLAGS = ["dry-run", "dry", "force", "strict", "quiet", "gitignore", "default-ignore", "docs", "help", "version", "stdio"];

/** Flags editors' language clients append to a server's command line (vscode-languageclient: --clientProcessId=N). */
const CLIENT_FLAGS = ["clientProcessId"];

/**
 * Reads the command line the way it must never be misread, before yargs sees it: everything
 * after `--` is a path (returned apart); a boolean flag with a value and an option spelled in
 * capitals are usage errors (yargs would take `--dry-run=yes` as false and `--DRY-RUN` as unknown
 * but harmless, and either way the tree would be rewritten).
 */
export function splitArgs(args: string[]): { options: string[]; paths: string[] } {
  const dash = args.indexOf("--");
  const options = dash === -1 ? args : args.slice(0, dash);
  for (const arg of options) {
    const m = /^--(?:no-)?([^=]+)(=.*)?$/.exec(arg);
    if (!m) continue;
    if (m[1] !== m[1]!.toLowerCase() && !CLIENT_FLAGS.includes(m[1]!)) throw new UsageError(`unknown option "${arg}" (options are lower case, e.g. --${m[1]!.toLowerCase()})`);
    if (m[2] !== undefined && BOOLEAN_FLAGS.includes(m[1]!)) throw new UsageError(`"${arg}": --${m[1]} is a flag and takes no value (write --${m[1]}, or leave it out)`);
  }
  return { options, paths: dash === -1 ? [] : args.slice(dash + 1) };
}

export async function main(args: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const run = (task: Promise<number>): Promise<void> => task.then((c) => void (code = c)).catch((error) => {
    const { message, code: c } = explain(error);
    writeErr(message + "\n");
    code = c;
  });
  try {
    const { options, paths } = splitArgs(args);
    await withoutHelpCache(parser(options, run, paths)).parseAsync();
  } catch (error) {
    // yargs throws from .fail() synchronously or through the promise, depending on where validation failed.
    if (!(error instanceof UsageError)) throw error;
    writeErr(`ds-migrate: ${error.message}\nRun "ds-migrate --help" for usage.\n`);
    code = EXIT.usage;
  }
  return code;
}

/**
 * yargs renders and caches the whole help text each time a named command's handler starts
 * (`check`, `models`...), so a handler could print it later; ours never do (help is printed by
 * --help, before any handler). Laying out that text was 0.1–0.3 s of every `check` run, so the
 * cache is skipped. This reaches yargs' internal usage object (yargs is pinned to an exact
 * version); if it is not there, nothing changes but the time.
 */
function withoutHelpCache<T extends object>(y: T): T {
  const usage = (y as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
  return y;
}

function parser(args: string[], run: (task: Promise<number>) => Promise<void>, extraPaths: string[] = []) {
  return yargs(args)
    .scriptName("ds-migrate")
    .usage("$0 <paths..>            rewrites files in place (--dry-run to preview)\n$0 check [paths..]      reads only; exit 1 while legacy IDs remain\n\nMigrate DeepSeek's deprecated model IDs (deepseek-chat, deepseek-reasoner) to V4 with an explicit thinking mode.")
    .command(
      "$0 [paths..]",
      "Rewrite the files under the paths in place: this writes files (preview with --dry-run; files git could not restore need --force)",
      (y) => common(y)
        .option("dry-run", { alias: "dry", type: "boolean", default: false, describe: "Write nothing; print the diff report" })
        .option("force", { type: "boolean", default: false, describe: "Also write files git could not restore: uncommitted changes, untracked, ignored, or outside any git work tree" })
        .example("$0 ./src --dry-run", "Preview the migration as a diff report")
        .example("$0 ./src", "Apply it")
        .example("$0 . --target pro --thinking-param thinking_mode", "Migrate to deepseek-v4-pro, launch-guide dialect")
        .example("$0 . --dry-run --report migration.md", "Also write a Markdown report for a PR comment"),
      async (argv) => {
        const paths = [...((argv.paths as string[] | undefined) ?? []), ...extraPaths];
        // The write command never defaults to the current folder: a bare `ds-migrate` must not rewrite a tree.
        if (paths.length === 0) throw new UsageError("no path given. ds-migrate writes files in place: name what to migrate (e.g. `ds-migrate ./src --dry-run` to preview, `ds-migrate ./src` to apply); `ds-migrate check` defaults to the current folder");
        await run(runMigrate({ ...(argv as never as Parameters<typeof runMigrate>[0]), paths }));
      },
    )
    .command(
      "check [paths..]",
      "Read-only CI gate: exit 1 while any legacy ID or insecure DeepSeek URL remains",
      (y) => common(y)
        .option("format", { choices: FORMATS, default: "text" as Format, describe: "Output format" })
        .option("strict", { type: "boolean", default: false, describe: "Treat warnings as errors" })
        .example("$0 check .", "Fail while legacy IDs remain")
        .example("$0 check . --format github", "Annotate a pull request from GitHub Actions")
        .example("$0 check . --format sarif > ds-migrate.sarif", "Upload to code scanning"),
      async (argv) => {
        const given = [...((argv.paths as string[] | undefined) ?? []), ...extraPaths];
        await run(runCheck({ ...(argv as never as Parameters<typeof runCheck>[0]), paths: given.length > 0 ? given : ["."] }));
      },
    )
    .command(
      "models",
      "Print DeepSeek's model lifecycle table as ds-migrate knows it: status, dates, successors, sources",
      (y) => y
        .option("format", { choices: ["text", "json"] as const, default: "text" as const, describe: "Output format" })
        .option("config", { type: "string", describe: "JSON file that adds or overrides rows (see README)" })
        .option("today", { type: "string", describe: "Date to judge the table's dates against, YYYY-MM-DD" })
        .example("$0 models", "What ds-migrate believes about each DeepSeek model ID, and where DeepSeek said so")
        .example("$0 models --format json --config ds-migrate.json", "The table with a team's own rows, as JSON"),
      async (argv) => {
        await run(runModels(argv as never));
      },
    )
    .command(
      "report",
      "Work with JSON reports: `report merge` sums many repositories' reports into one organisation summary",
      (y) => y
        .command(
          "merge [reports..]",
          "One organisation summary from many repositories' JSON reports: per repository the sites migrated, findings left by rule, mode debt and deadline, then totals (Markdown or JSON)",
          (m) => m
            .positional("reports", { type: "string", array: true, describe: "JSON reports (--report FILE.json); NAME=FILE names the repository, else it is the file name without .json (or its folder's name when file names repeat)" })
            .option("format", { choices: MERGE_FORMATS, describe: "Output format (default: json for an --out ending in .json, else markdown)" })
            .option("out", { type: "string", requiresArg: true, describe: "Write the summary to FILE (whole or not at all) instead of stdout" })
            .example("$0 report merge reports/*.json --out summary.md", "A Markdown table for the campaign's tracking issue")
            .example("$0 report merge api=api/ds-migrate.json web=web/ds-migrate.json --format json", "Name the repositories yourself"),
          async (argv) => {
            // Everything after -- is a report too (splitArgs takes it out before yargs).
            await run(runReportMerge({ ...(argv as never as Parameters<typeof runReportMerge>[0]), reports: [...((argv.reports as string[] | undefined) ?? []), ...extraPaths] }));
          },
        )
        .demandCommand(1, "name what to do with reports: report merge <reports..> (to migrate a folder named report, write ./report)"),
      () => {},
    )
    .command(
      "lsp",
      "Run the language server over stdio (editors start it; see \"Editors\" in the README)",
      (y) => y
        .option("stdio", { type: "boolean", default: true, describe: "Talk over stdin/stdout (the only transport; editors pass it)" })
        .option("config", { type: "string", describe: "JSON file that extends the rule table, relative to each workspace folder (default: ds-migrate.json there, when present)" })
        .option("target", { choices: TARGETS, describe: "Model the deprecated IDs become (as for check)" })
        .option("thinking-param", { choices: ["thinking", "thinking_mode"] as const, describe: "How the mode is written (as for check)" })
        .option("ignore", { type: "string", requiresArg: true, coerce: toList, default: [] as string[], describe: "Glob to skip (gitignore syntax); repeatable" })
        .option("gitignore", { type: "boolean", default: true, describe: "Honour .gitignore files" })
        .option("default-ignore", { type: "boolean", default: true, describe: "Skip node_modules, build output and virtualenvs" })
        .option("docs", { type: "boolean", default: true, describe: "Check Markdown docs" })
        // Sent by some clients; the library watches the client's process from the initialize request's processId instead.
        .option("clientProcessId", { type: "number", hidden: true })
        .example("$0 lsp --stdio", "What an editor runs"),
      async (argv) => {
        await run(runLsp(argv as never));
      },
    )
    .strictOptions()
    .version(VERSION)
    .alias("v", "version")
    .help()
    .alias("h", "help")
    .epilog(EXIT_CODES_HELP)
    .wrap(Math.min(110, stdoutColumns() || 100))
    .fail((msg, err) => {
      // Handlers catch their own errors, so whatever reaches here is a usage error;
      // throwing stops yargs from running the command anyway.
      throw new UsageError(msg ?? err?.message ?? "invalid arguments");
    });
}

const EXIT_CODES_HELP = [
  "Exit codes:",
  "  0    migrate: every file processed; check: no error-severity finding",
  "  1    migrate: a file could not be read, parsed or written; check: an error-severity finding remains",
  "  2    usage or input error, found before anything is written (nothing is written);",
  "       report merge: a report that cannot be read or is not a ds-migrate report",
  "  129/130/143  stopped by SIGHUP/SIGINT/SIGTERM",
  "",
  "The default command writes files in place unless --dry-run is given; `check` never writes.",
].join("\n");

/** Entry point for bin/ds-migrate.js; importing this module runs nothing. */
export function runCli(): void {
  if (process.env.DS_MIGRATE_TIMING) writeErr(`ds-migrate timing: CLI loaded at ${Math.round(performance.now())} ms after start\n`);
  installSignalHandlers((signal) => writeErr(`ds-migrate: stopped by ${signal} before writing any file; nothing was changed.\n`));
  main(hideBin(process.argv)).then((code) => {
    process.exitCode = code;
    if (process.env.DS_MIGRATE_TIMING) writeErr(`ds-migrate timing: output written at ${Math.round(performance.now())} ms after start\n`);
    // Exit as soon as the output is flushed: letting Node wind down on its own waited for the
    // heap of a large run and the pool's threads (measured in docs/ARCHITECTURE.md).
    flushStdio(() => process.exit(code));
  });
}
