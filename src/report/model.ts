// The report as plain data: what the JSON report holds and every other format reads.
import { createTwoFilesPatch } from "diff";
import type { DeadlineStatus, LifecycleLine } from "../deadline.js";
import type { ScanResult, WriteOutcome } from "../engine.js";
import { MODE_DEBT, RULE_IDS, type Finding, type RequestMode, type RequestRecord, type Severity } from "../findings.js";
import type { FileStatus } from "../process.js";
import type { DialectName, Target } from "../rules.js";

export const SCHEMA_VERSION = 2;

export interface ReportFile {
  file: string;
  status: FileStatus | "write-failed" | "not-written";
  problem?: string;
  /** Unified diff of the rewrite (changed files only). */
  diff?: string;
}

export interface Report {
  schemaVersion: number;
  tool: { name: "ds-migrate"; version: string };
  command: "migrate" | "check";
  dryRun: boolean;
  options: { target: Target; thinkingParam: DialectName; strict: boolean; today: string };
  deadline: DeadlineStatus;
  /** Each model generation found, with its status and date (from the model table). */
  models: LifecycleLine[];
  /** The closing lines every format prints: one per generation found, or the deadline when none was. */
  lifecycle: string[];
  summary: {
    filesScanned: number;
    filesWithHits: number;
    filesChanged: number;
    /** Rewrites by rule id (migrate: applied or, in a dry run, to apply; check: what migrate would apply). */
    sitesRewritten: Record<string, number>;
    findings: Record<Severity, number>;
    filesUnparsed: number;
    filesUnreadable: number;
    symlinksSkipped: number;
    /** Files and folders not scanned, by why (lockfiles, binaries, .gitignore, default folders, --ignore, --no-docs). */
    skipped: Record<string, number>;
    /** Findings silenced by ds-migrate-ignore comments (listed in `findings` with `suppression`, not counted above). */
    suppressed: number;
    /** Ledger entries by mode. */
    requests: Partial<Record<RequestMode, number>>;
    /** Requests that still owe a mode (implicit, dynamic, no pass-through, withheld): what the next `check` reports. */
    modeDebt: number;
  };
  files: ReportFile[];
  findings: Finding[];
  /** The mode ledger: every DeepSeek request found in code, with its mode and where its model comes from. */
  requests: LedgerEntry[];
  /** Set when SIGINT/SIGTERM stopped migrate's writes: what was written before, what was not. */
  interrupted?: { signal: string; written: string[]; notWritten: string[] };
  /** Files written (with --force) that git could not restore, and why: untracked, ignored, uncommitted changes, or in no work tree. */
  unprotected?: Array<{ file: string; why: string }>;
}

/** A ledger entry as reports show it (offsets left out). */
export interface LedgerEntry {
  file: string;
  line: number;
  column: number;
  client: string;
  sources: string[];
  mode: RequestMode;
  dependency?: string;
}

export interface ReportInput {
  command: "migrate" | "check";
  dryRun: boolean;
  version: string;
  target: Target;
  thinkingParam: DialectName;
  strict: boolean;
  deadline: DeadlineStatus;
  models: LifecycleLine[];
  /** Shown when no moved-on ID was found. */
  noneFound: string;
  scan: ScanResult;
  write?: WriteOutcome;
}

export function buildReport(input: ReportInput): Report {
  const { scan } = input;
  const failed = new Map((input.write?.failed ?? []).map((f) => [f.file, f.problem]));
  const notWritten = new Set(input.write?.interrupted?.notWritten ?? []);
  const findings = [...scan.files.flatMap((f) => f.findings), ...notScanned(scan)].map((f) => (input.strict && f.severity === "warning" && !f.suppression ? { ...f, severity: "error" as const } : f));
  const sitesRewritten: Record<string, number> = {};
  for (const f of findings) if (f.edits) sitesRewritten[f.ruleId] = (sitesRewritten[f.ruleId] ?? 0) + 1;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.suppression) counts[f.severity]++;
  const files: ReportFile[] = scan.files.map((f) => {
    const entry: ReportFile = { file: f.file, status: failed.has(f.file) ? "write-failed" : notWritten.has(f.file) ? "not-written" : f.status };
    const problem = failed.get(f.file) ?? f.problem;
    if (problem) entry.problem = problem;
    if (f.status === "changed") entry.diff = unifiedDiff(f.file, f.before!, f.after!);
    return entry;
  });
  const requests: LedgerEntry[] = scan.files.flatMap((f) => f.requests ?? []).map(ledgerEntry);
  const byMode: Partial<Record<RequestMode, number>> = {};
  for (const r of requests) byMode[r.mode] = (byMode[r.mode] ?? 0) + 1;
  // A folder that could not be listed hides its files: it is reported like an unreadable file.
  for (const d of scan.notes.unreadableDirs) files.push({ file: d.dir, status: "unreadable", problem: d.problem });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "ds-migrate", version: input.version },
    command: input.command,
    dryRun: input.dryRun,
    options: { target: input.target, thinkingParam: input.thinkingParam, strict: input.strict, today: input.deadline.today },
    deadline: input.deadline,
    models: input.models,
    lifecycle: input.models.length === 0 ? [input.noneFound] : input.models.map((m) => (counts.error === 0 && m.failing ? leftInText(m) : m.text)),
    summary: {
      filesScanned: scan.filesScanned,
      filesWithHits: scan.files.length,
      filesChanged: scan.files.filter((f) => f.status === "changed" && !failed.has(f.file) && !notWritten.has(f.file)).length,
      sitesRewritten,
      findings: counts,
      filesUnparsed: scan.files.filter((f) => f.status === "unparsed").length,
      filesUnreadable: scan.files.filter((f) => f.status === "unreadable").length + failed.size + scan.notes.unreadableDirs.length,
      symlinksSkipped: scan.notes.symlinksSkipped,
      skipped: { ...scan.notes.skipped },
      suppressed: findings.filter((f) => f.suppression).length,
      requests: byMode,
      modeDebt: requests.filter((r) => MODE_DEBT.includes(r.mode)).length,
    },
    files,
    findings,
    requests,
    ...(input.write && input.write.unprotected.length > 0 ? { unprotected: input.write.unprotected } : {}),
    ...(input.write?.interrupted ? { interrupted: { signal: input.write.interrupted.signal, written: input.write.written, notWritten: input.write.interrupted.notWritten } } : {}),
  };
}

/** A file or folder that could not be read may hold a legacy ID: an error finding, in every format, so check fails. */
function notScanned(scan: ScanResult): Finding[] {
  const unread = [...scan.files.filter((f) => f.status === "unreadable").map((f) => ({ file: f.file, problem: f.problem ?? "cannot read" })), ...scan.notes.unreadableDirs.map((d) => ({ file: d.dir, problem: d.problem }))];
  return unread.map(({ file, problem }) => ({
    ruleId: RULE_IDS.fileNotScanned, severity: "error", file, line: 1, column: 1, endLine: 1, endColumn: 1,
    message: `${problem}: not scanned, and it may hold a legacy ID; make it readable and run again, or leave it out with --ignore`,
  }));
}

/**
 * A run with no error left still finds the IDs in text (comments, prose, suppressed places):
 * it says so, instead of "requests with these IDs fail" under a passing verdict.
 */
function leftInText(m: LifecycleLine): string {
  const status = m.status === "deprecated" && m.date ? `deprecated since ${m.date}` : m.date ? `retired since ${m.date}` : "retired";
  return `${m.ids.join(", ")}: ${status}; ${m.count} mention(s) left, none of them an error (text, comments, suppressed or reviewed places)`;
}

function ledgerEntry(r: RequestRecord): LedgerEntry {
  const entry: LedgerEntry = { file: r.file, line: r.line, column: r.column, client: r.client, sources: r.sources, mode: r.mode };
  if (r.dependency) entry.dependency = r.dependency;
  return entry;
}

function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 })
    .split("\n")
    .filter((line) => !line.startsWith("====="))
    .join("\n");
}

/** Whether the closing lines say that requests fail (coloured and marked as such). */
export function lifecycleFailing(report: Report): boolean {
  return report.summary.findings.error > 0 && report.models.some((m) => m.failing);
}

/** Review findings: what a person must look at (no rewrite attached, not mere information). */
export function reviewFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.edits && f.severity !== "info" && !f.suppression);
}

const LEDGER_ORDER: RequestMode[] = ["migrated", "explicit", "implicit", "dynamic", "no-pass-through", "withheld", "held"];

/** One line for the mode ledger: requests by mode and how many still owe a mode; undefined when there is none. */
export function ledgerLine(report: Report): string | undefined {
  const n = report.requests.length;
  if (n === 0) return undefined;
  // check and dry runs speak of what migrate would do.
  const label = (m: RequestMode) => (m === "migrated" && report.dryRun ? "given a mode by migrate" : m);
  const parts = LEDGER_ORDER.filter((m) => report.summary.requests[m]).map((m) => `${report.summary.requests[m]} ${label(m)}`);
  const debt = report.summary.modeDebt;
  const after = report.dryRun ? " after migration" : "";
  const held = report.summary.requests.held ?? 0;
  const state = debt > 0 ? `${debt} still owe${debt === 1 ? "s" : ""} an explicit thinking mode${after}`
    : held === n ? "their models are kept for review (see the findings)"
    : `every one${held > 0 ? " not kept for review" : ""} states its thinking mode${after}`;
  return `mode ledger: ${n} DeepSeek request${n === 1 ? "" : "s"} (${parts.join(", ")}); ${state}`;
}

/** Versions the run could not read and assumed (a range without a lockfile, or no manifest): the summary lists them. */
export function assumptions(report: Report): string[] {
  return [...new Set(report.requests.map((r) => r.dependency).filter((d): d is string => !!d && d.includes("assumed")))].sort();
}
