// The report as plain data: what the JSON report holds and every other format reads.
import { createTwoFilesPatch } from "diff";
import type { DeadlineStatus, LifecycleLine } from "../deadline.js";
import type { ScanResult, WriteOutcome } from "../engine.js";
import type { Finding, Severity } from "../findings.js";
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
  };
  files: ReportFile[];
  findings: Finding[];
  /** Set when SIGINT/SIGTERM stopped migrate's writes: what was written before, what was not. */
  interrupted?: { signal: string; written: string[]; notWritten: string[] };
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
  const findings = scan.files.flatMap((f) => f.findings).map((f) => (input.strict && f.severity === "warning" && !f.suppression ? { ...f, severity: "error" as const } : f));
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
    lifecycle: input.models.length > 0 ? input.models.map((m) => m.text) : [input.noneFound],
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
    },
    files,
    findings,
    ...(input.write?.interrupted ? { interrupted: { signal: input.write.interrupted.signal, written: input.write.written, notWritten: input.write.interrupted.notWritten } } : {}),
  };
}

function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 })
    .split("\n")
    .filter((line) => !line.startsWith("====="))
    .join("\n");
}

/** Whether the closing lines say that requests fail (coloured and marked as such). */
export function lifecycleFailing(report: Report): boolean {
  return report.models.some((m) => m.failing);
}

/** Review findings: what a person must look at (no rewrite attached, not mere information). */
export function reviewFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.edits && f.severity !== "info" && !f.suppression);
}
