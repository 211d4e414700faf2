// `ds-migrate report merge`: many repositories' JSON reports become one organisation summary
// (docs/org-summary-schema.md): per repository the sites migrated, the findings left by rule,
// the mode debt and the deadline, then totals. Plain data in, plain data out; the CLI reads
// the files and writes the result.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Severity } from "../findings.js";
import { cell, code } from "./markdown.js";
import { SCHEMA_VERSION } from "./model.js";
import { byCodeUnit } from "../order.js";

export const ORG_SUMMARY_SCHEMA_VERSION = 1;

/** A report or argument that cannot be merged: the CLI exits 2 and writes nothing. */
export class ReportMergeError extends Error {}

/** The parts of a repository report (docs/report-schema.md) that the summary reads. */
interface ReportInput {
  schemaVersion: number;
  tool: { name: string; version: string };
  command: "migrate" | "check";
  dryRun: boolean;
  deadline: Deadline;
  summary: { modeDebt: number };
  files: Array<{ file: string; status: string }>;
  findings: Array<{ ruleId: string; severity: Severity; file: string; edits?: unknown[]; suppression?: unknown }>;
}

export interface Deadline {
  date: string;
  today: string;
  passed: boolean;
  days: number;
  text: string;
}

export interface RepositorySummary {
  name: string;
  /** The report file as given on the command line. */
  report: string;
  /** The run that wrote the report: `migrate` (files written), `migrate --dry-run` or `check`. */
  run: "migrate" | "migrate --dry-run" | "check";
  toolVersion: string;
  /** Rewrites written by that run (a migrate that wrote files). */
  sitesMigrated: number;
  /** Rewrites migrate would still make (check, dry run, or files a migrate could not write). */
  sitesToMigrate: number;
  /** Error- and warning-severity findings left in the code, by rule id (suppressed ones and information left out). */
  findingsLeft: Record<string, number>;
  errorsLeft: number;
  warningsLeft: number;
  /** Requests that still owe an explicit thinking mode (the report's summary.modeDebt). */
  modeDebt: number;
  /** Files the run could not read, parse or write. */
  filesNotProcessed: number;
  /** Whether `ds-migrate check` passes on what the report describes: no error left, every file read. */
  passes: boolean;
  deadline: Deadline;
}

export interface OrgSummary {
  schemaVersion: number;
  kind: "org-summary";
  tool: { name: "ds-migrate"; version: string };
  repositories: RepositorySummary[];
  totals: {
    repositories: number;
    passing: number;
    failing: number;
    sitesMigrated: number;
    sitesToMigrate: number;
    findingsLeft: Record<string, number>;
    errorsLeft: number;
    warningsLeft: number;
    modeDebt: number;
    filesNotProcessed: number;
    /** The deadline as the most recent report saw it (latest `today`; the earliest date on a tie). */
    deadline: Deadline;
  };
}

/** A report file and the repository name it stands for. */
export interface NamedReport {
  name: string;
  file: string;
}

/**
 * Names for the report arguments. `NAME=FILE` names its repository (split at the first `=`,
 * unless a file by the whole argument exists). Otherwise the name is the file name without
 * `.json`; reports that would share it take their folder's name instead (reports/api/ds-migrate.json
 * → api); a name still shared is an error asking for NAME=FILE.
 */
export function nameReports(args: string[], exists: (file: string) => boolean): NamedReport[] {
  const given = args.map((arg) => {
    const eq = arg.indexOf("=");
    if (eq > 0 && !exists(arg)) return { name: arg.slice(0, eq), file: arg.slice(eq + 1), explicit: true };
    return { name: path.basename(arg).replace(/\.json$/i, ""), file: arg, explicit: false };
  });
  const count = (name: string) => given.filter((g) => g.name === name).length;
  const named = given.map((g) => (g.explicit || count(g.name) === 1 ? g : { ...g, name: path.basename(path.dirname(path.resolve(g.file))) }));
  for (const g of named) {
    const twice = named.find((o) => o !== g && path.resolve(o.file) === path.resolve(g.file));
    if (twice) throw new ReportMergeError(`${g.file} is given twice; give each report once`);
    if (g.name === "") throw new ReportMergeError(`${g.file}: no repository name (name it: NAME=${g.file})`);
    const same = named.filter((o) => o.name === g.name);
    if (same.length > 1) {
      throw new ReportMergeError(`${same.map((o) => o.file).join(" and ")} would ${same.length === 2 ? "both" : "all"} be named "${g.name}"; name each one: NAME=FILE (e.g. ${g.name}-2=${same[1]!.file})`);
    }
  }
  return named.map(({ name, file }) => ({ name, file }));
}

/** Reads and checks every report before anything is summed: the first bad one is the error. */
export function readReports(reports: NamedReport[]): Array<NamedReport & { report: ReportInput }> {
  return reports.map((r) => {
    let text: string;
    try {
      text = readFileSync(r.file, "utf8");
    } catch (error) {
      throw new ReportMergeError(`${r.file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path`);
    }
    return { ...r, report: parseReport(r.file, text) };
  });
}

/** A repository report from its JSON text, or an error saying which file and why. */
export function parseReport(file: string, text: string): ReportInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportMergeError(`${file}: not JSON (${(error as Error).message}); give the file written by --report FILE.json or check --format json`);
  }
  const fail = (why: string): never => {
    throw new ReportMergeError(`${file}: ${why}`);
  };
  if (!isObject(data) || !isObject(data.tool) || data.tool.name !== "ds-migrate") fail("not a ds-migrate report (no tool.name \"ds-migrate\"); give the file written by --report FILE.json or check --format json");
  const d = data as Record<string, unknown> & { tool: Record<string, unknown> };
  if (d.kind === "org-summary") fail("an organisation summary written by report merge, not a repository report; merge the repository reports it came from");
  const version = d.schemaVersion;
  if (typeof version !== "number") fail("schemaVersion is missing; not a ds-migrate report");
  if ((version as number) > SCHEMA_VERSION) fail(`report schema version ${version} is newer than this ds-migrate reads (${SCHEMA_VERSION}); run report merge with ds-migrate ${String(d.tool.version)} or later`);
  if (version !== SCHEMA_VERSION) fail(`report schema version ${version} has no mode ledger; write the report again with this ds-migrate (schema version ${SCHEMA_VERSION})`);
  // The fields the summary reads, checked one by one so that a damaged file names its damage.
  if (d.command !== "migrate" && d.command !== "check") fail(`command is ${JSON.stringify(d.command)}, not "migrate" or "check"`);
  if (typeof d.dryRun !== "boolean") fail("dryRun is missing or not true/false");
  const deadline = d.deadline;
  if (!isObject(deadline) || typeof deadline.date !== "string" || typeof deadline.today !== "string" || typeof deadline.passed !== "boolean" || !isCount(deadline.days) || typeof deadline.text !== "string") {
    fail("deadline is missing or incomplete (date, today, passed, days, text)");
  }
  if (!isObject(d.summary) || !isCount(d.summary.modeDebt)) fail("summary.modeDebt is missing or not a count");
  if (!Array.isArray(d.files)) fail("files is missing or not a list");
  (d.files as unknown[]).forEach((f, i) => {
    if (!isObject(f) || typeof f.file !== "string" || typeof f.status !== "string") fail(`files[${i}] has no file or status`);
  });
  if (!Array.isArray(d.findings)) fail("findings is missing or not a list");
  (d.findings as unknown[]).forEach((f, i) => {
    if (!isObject(f)) return fail(`findings[${i}] is not an object`);
    if (typeof f.ruleId !== "string" || typeof f.file !== "string" || !["error", "warning", "info"].includes(f.severity as string)) {
      fail(`findings[${i}] has no ruleId, file or severity (error, warning or info)`);
    }
    if (f.edits !== undefined && !Array.isArray(f.edits)) fail(`findings[${i}].edits is not a list`);
  });
  return d as unknown as ReportInput;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

/** Statuses of a file that a run did not process (docs/report-schema.md, files[].status). */
const NOT_PROCESSED = new Set(["unparsed", "unreadable", "write-failed", "not-written"]);

export function summarizeRepository(name: string, file: string, report: ReportInput): RepositorySummary {
  const wrote = report.command === "migrate" && !report.dryRun;
  const status = new Map(report.files.map((f) => [f.file, f.status]));
  let sitesMigrated = 0;
  let sitesToMigrate = 0;
  const findingsLeft: Record<string, number> = {};
  let errorsLeft = 0;
  let warningsLeft = 0;
  for (const f of report.findings) {
    if (f.suppression) continue;
    if (f.edits) {
      // A rewrite is done only where a migrate wrote the file; elsewhere it is still to do, and its finding is left.
      if (wrote && status.get(f.file) === "changed") {
        sitesMigrated++;
        continue;
      }
      sitesToMigrate++;
    }
    if (f.severity === "info") continue;
    findingsLeft[f.ruleId] = (findingsLeft[f.ruleId] ?? 0) + 1;
    if (f.severity === "error") errorsLeft++;
    else warningsLeft++;
  }
  const filesNotProcessed = report.files.filter((f) => NOT_PROCESSED.has(f.status)).length;
  const unread = report.files.some((f) => f.status === "unreadable");
  const { date, today, passed, days, text } = report.deadline;
  return {
    name,
    report: file,
    run: report.command === "check" ? "check" : report.dryRun ? "migrate --dry-run" : "migrate",
    toolVersion: report.tool.version,
    sitesMigrated,
    sitesToMigrate,
    findingsLeft: sortedKeys(findingsLeft),
    errorsLeft,
    warningsLeft,
    modeDebt: report.summary.modeDebt,
    filesNotProcessed,
    passes: errorsLeft === 0 && !unread,
    deadline: { date, today, passed, days, text },
  };
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => byCodeUnit(a, b)));
}

export function mergeSummaries(repositories: RepositorySummary[], version: string): OrgSummary {
  if (repositories.length === 0) throw new ReportMergeError("no report given; name the JSON reports to merge (report merge a.json b.json …)");
  const repos = [...repositories].sort((a, b) => byCodeUnit(a.name, b.name));
  const sum = (pick: (r: RepositorySummary) => number) => repos.reduce((n, r) => n + pick(r), 0);
  const findingsLeft: Record<string, number> = {};
  for (const r of repos) for (const [rule, n] of Object.entries(r.findingsLeft)) findingsLeft[rule] = (findingsLeft[rule] ?? 0) + n;
  const latest = [...repos].sort((a, b) => byCodeUnit(b.deadline.today, a.deadline.today) || byCodeUnit(a.deadline.date, b.deadline.date))[0]!;
  return {
    schemaVersion: ORG_SUMMARY_SCHEMA_VERSION,
    kind: "org-summary",
    tool: { name: "ds-migrate", version },
    repositories: repos,
    totals: {
      repositories: repos.length,
      passing: repos.filter((r) => r.passes).length,
      failing: repos.filter((r) => !r.passes).length,
      sitesMigrated: sum((r) => r.sitesMigrated),
      sitesToMigrate: sum((r) => r.sitesToMigrate),
      findingsLeft: sortedKeys(findingsLeft),
      errorsLeft: sum((r) => r.errorsLeft),
      warningsLeft: sum((r) => r.warningsLeft),
      modeDebt: sum((r) => r.modeDebt),
      filesNotProcessed: sum((r) => r.filesNotProcessed),
      deadline: latest.deadline,
    },
  };
}

export function formatOrgJson(summary: OrgSummary): string {
  return JSON.stringify(summary, null, 2) + "\n";
}

/** The deadline in a few words: its date, then days left or since, as of the report's day. */
function deadlineCell(d: Deadline): string {
  const days = `${d.days} day${d.days === 1 ? "" : "s"}`;
  return d.passed ? `${d.date}: passed ${days} ago` : `${d.date}: ${days} left`;
}

function rulesCell(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([rule, n]) => `${code(rule)} ${n}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

export function formatOrgMarkdown(summary: OrgSummary): string {
  const t = summary.totals;
  const out = [
    "## ds-migrate organisation summary",
    "",
    `**${cell(t.deadline.text)}** (as of ${t.deadline.today})`,
    "",
    `Repositories: ${t.repositories} · passing check: ${t.passing} · failing: ${t.failing} · sites migrated: ${t.sitesMigrated} · sites to migrate: ${t.sitesToMigrate} · errors left: ${t.errorsLeft} · warnings left: ${t.warningsLeft} · mode debt: ${t.modeDebt}${t.filesNotProcessed > 0 ? ` · files not processed: ${t.filesNotProcessed}` : ""}`,
    "",
    "| Repository | Run | Sites migrated | Sites to migrate | Errors left | Warnings left | Findings left by rule | Mode debt | Deadline | check |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
    ...summary.repositories.map((r) =>
      `| ${code(cell(r.name))} | ${r.run} | ${r.sitesMigrated} | ${r.sitesToMigrate} | ${r.errorsLeft} | ${r.warningsLeft} | ${rulesCell(r.findingsLeft)} | ${r.modeDebt} | ${deadlineCell(r.deadline)} | ${r.passes ? "passes" : "fails"} |`),
    `| **Total** | | ${t.sitesMigrated} | ${t.sitesToMigrate} | ${t.errorsLeft} | ${t.warningsLeft} | | ${t.modeDebt} | | ${t.passing} pass, ${t.failing} fail |`,
    "",
  ];
  const rules = Object.entries(t.findingsLeft);
  if (rules.length > 0) {
    out.push("### Findings left by rule", "", "| Rule | Findings left | Repositories |", "| --- | ---: | --- |");
    for (const [rule, n] of rules) {
      const where = summary.repositories.filter((r) => r.findingsLeft[rule]).map((r) => code(cell(r.name)));
      out.push(`| ${code(rule)} | ${n} | ${where.join(", ")} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
