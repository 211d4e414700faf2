// The human report: a unified diff per changed file, then the summary and the deadline.
import { diffWordsWithSpace } from "diff";
import { createColors, type Colors } from "./ansi.js";
import type { Finding } from "../findings.js";
import { byCodeUnit } from "../order.js";
import { assumptions, ledgerLine, lifecycleFailing, reviewFindings, type Report } from "./model.js";

const LIST_AT_MOST = 20;

export function formatMigrateText(report: Report, color: boolean, quiet = false): string {
  const c = createColors(color);
  const out: string[] = [];
  for (const file of report.files) {
    if (quiet || !file.diff || file.status === "not-written") continue;
    out.push(color ? colorDiff(file.diff, c) : file.diff);
  }
  const s = report.summary;
  out.push(c.bold(`ds-migrate ${report.dryRun ? "dry run: nothing was written" : "migration"}`));
  if (report.interrupted) {
    const { signal, written, notWritten } = report.interrupted;
    out.push(c.red(`  interrupted by ${signal}: ${written.length} file(s) written, ${notWritten.length} left as they were (run again to finish)`));
    for (const f of written.slice(0, LIST_AT_MOST)) out.push(`    written: ${f}`);
    if (written.length > LIST_AT_MOST) out.push(`    … and ${written.length - LIST_AT_MOST} more written (--report FILE.json lists every one)`);
  }
  if (report.unprotected) {
    out.push(c.yellow(`  written where git cannot undo it (${report.unprotected.length}): keep a copy if you need the old text`));
    // A whole tree outside git would bury the summary: the first files, and the count (the JSON report lists all).
    for (const f of report.unprotected.slice(0, LIST_AT_MOST)) out.push(c.yellow(`    ${f.file} (${f.why})`));
    if (report.unprotected.length > LIST_AT_MOST) out.push(c.yellow(`    … and ${report.unprotected.length - LIST_AT_MOST} more (--report FILE.json lists every one)`));
  }
  out.push(`  files scanned:   ${s.filesScanned}`);
  out.push(`  files with hits: ${s.filesWithHits}`);
  out.push(`  files ${report.dryRun ? "to change" : "changed"}: ${" ".repeat(report.dryRun ? 0 : 2)}${s.filesChanged}`);
  const rules = Object.entries(s.sitesRewritten).sort(([a], [b]) => byCodeUnit(a, b));
  out.push(`  sites ${report.dryRun ? "to rewrite" : "rewritten"}:${rules.length === 0 ? " none" : ""}`);
  for (const [rule, count] of rules) out.push(`    ${rule.padEnd(22)} ${count}`);
  const ledger = ledgerLine(report);
  if (ledger) out.push(`  ${ledger}`);
  for (const a of assumptions(report)) out.push(`    assumed: ${a}`);
  const f = s.findings;
  // check's severities, so the counts match the JSON; the rewrites are among them, which the line says.
  const fixed = report.findings.filter((x) => x.edits && !x.suppression).length;
  out.push(`  findings:        ${f.error} error(s), ${f.warning} warning(s), ${f.info} info${fixed > 0 ? ` (${fixed} of them ${report.dryRun ? "would be" : "were"} fixed by the rewrites above)` : ""}`);
  const review = reviewFindings(report);
  out.push(`  review findings: ${review.length === 0 ? "none" : `${review.length} (no rewrite: a person decides)`}`);
  for (const f of review) out.push(findingLine(f, c));
  const info = report.findings.filter((f) => !f.edits && f.severity === "info" && !f.suppression);
  if (info.length > 0) {
    out.push(`  information: ${info.length}`);
    for (const f of info) out.push(findingLine(f, c));
  }
  const broken = report.files.filter((f) => f.status !== "changed" && f.status !== "unchanged");
  out.push(`  files not processed: ${broken.length === 0 ? "none" : broken.length}`);
  for (const f of broken) {
    const found = report.findings.filter((x) => x.file === f.file && x.ruleId === "legacy-id-in-unparsed-file").length;
    out.push(`    ${c.red(f.file)}: ${f.problem ?? f.status}${found > 0 ? `; plain text search found ${found} legacy string(s)` : ""}`);
  }
  out.push(...skipLines(report).map((l) => "  " + l));
  for (const line of report.lifecycle) out.push((lifecycleFailing(report) ? c.red : c.yellow)(line));
  return out.join("\n") + "\n";
}

/** What to do next, fitted to what remains: a preview only when migrate would rewrite something. */
function hint(report: Report): string {
  const rewrites = Object.values(report.summary.sitesRewritten).reduce((a, b) => a + b, 0);
  const review = reviewFindings(report).filter((f) => f.severity === "error").length;
  if (rewrites === 0) return "migrate rewrites none of these: each needs a hand fix (see its message)";
  return `run \`ds-migrate PATH --dry-run\` to preview ${rewrites} rewrite(s)${review > 0 ? `; ${review} error(s) need a hand fix` : ""}`;
}

/** Suppressed findings and what was not scanned, and why. */
function skipLines(report: Report): string[] {
  const s = report.summary;
  const out: string[] = [];
  if (s.suppressed > 0) out.push(`suppressed by ds-migrate-ignore comments: ${s.suppressed}`);
  const skipped = Object.entries(s.skipped).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${SKIP_WORDS[why] ?? why}`);
  if (skipped.length > 0) out.push(`not scanned: ${skipped.join(", ")}`);
  if (s.symlinksSkipped > 0) out.push(`symlinks not followed: ${s.symlinksSkipped}`);
  return out;
}

const SKIP_WORDS: Record<string, string> = {
  binary: "binary file(s)", lockfile: "lockfile(s)", docs: "Markdown file(s) (--no-docs)", gitignored: "path(s) matched by .gitignore",
  defaultIgnoredDirs: "dependency/build folder(s)", userIgnored: "path(s) matched by --ignore", ownReports: "ds-migrate report(s)",
};

export function findingLine(f: Finding, c: Colors): string {
  const sev = f.severity === "error" ? c.red(f.severity) : f.severity === "warning" ? c.yellow(f.severity) : c.dim(f.severity);
  return `    ${f.file}:${f.line}:${f.column}  ${sev}  ${c.cyan(f.ruleId)}  ${f.message}`;
}

/**
 * Colours a unified diff for a terminal. A run of removed lines followed by as many added
 * lines is read as those lines changed: the words that differ are emphasised (as
 * `git diff --color-words` does), so a one-word change in a long line stands out.
 */
function colorDiff(diff: string, c: Colors): string {
  const lines = diff.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("+++") || line.startsWith("---")) out.push(c.bold(line));
    else if (line.startsWith("@@")) out.push(c.cyan(line));
    else if (line.startsWith("-")) {
      const removed = runOf(lines, i, "-");
      const added = runOf(lines, i + removed.length, "+");
      if (added.length === removed.length) {
        removed.forEach((old, k) => out.push(wordDiff(old.slice(1), added[k]!.slice(1), "-", c)));
        added.forEach((neu, k) => out.push(wordDiff(removed[k]!.slice(1), neu.slice(1), "+", c)));
        i += removed.length + added.length - 1;
      } else out.push(c.red(line));
    } else if (line.startsWith("+")) out.push(c.green(line));
    else out.push(line);
  }
  return out.join("\n");
}

/** Consecutive lines from `start` that begin with `mark` (not a file header). */
function runOf(lines: string[], start: number, mark: "-" | "+"): string[] {
  const run: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith(mark) && !lines[i]!.startsWith(mark.repeat(3) + " "); i++) run.push(lines[i]!);
  return run;
}

/** One side of a changed line, with the words only that side has emphasised. */
function wordDiff(before: string, after: string, side: "-" | "+", c: Colors): string {
  const tint = side === "-" ? c.red : c.green;
  // A word diff of a very long line (generated JSON, say) costs more than it helps.
  if (before.length + after.length > 4000) return tint(side + (side === "-" ? before : after));
  const parts = diffWordsWithSpace(before, after).filter((p) => (side === "-" ? !p.added : !p.removed));
  return tint(side) + parts.map((p) => (p.added || p.removed ? c.inverse(tint(p.value)) : tint(p.value))).join("");
}

/** check's text format: findings grouped by file, then totals and the deadline. */
export function formatCheckText(report: Report, color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  let current = "";
  for (const f of report.findings) {
    if (f.file !== current) {
      if (current) out.push("");
      out.push(c.underline(f.file));
      current = f.file;
    }
    const sev = f.suppression ? c.dim("ignored") : f.severity === "error" ? c.red("error  ") : f.severity === "warning" ? c.yellow("warning") : c.dim("info   ");
    out.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${sev}  ${c.cyan(f.ruleId.padEnd(26))} ${f.message}`);
  }
  if (report.findings.length > 0) out.push("");
  // Unreadable files have a file-not-scanned finding above.
  for (const f of report.files.filter((x) => x.problem && x.status !== "unreadable")) out.push(`${c.red("not processed")} ${f.file}: ${f.problem}`);
  const s = report.summary.findings;
  const total = s.error + s.warning + s.info;
  const files = new Set(report.findings.map((f) => f.file)).size;
  const unread = report.summary.filesUnreadable;
  const verdict = s.error > 0 || unread > 0 ? c.red("✖ check failed") : c.green("✔ check passed");
  out.push(`${verdict}: ${s.error} error(s), ${s.warning} warning(s), ${s.info} info in ${files} of ${report.summary.filesScanned} files scanned${unread > 0 ? `; ${unread} file(s) could not be read (listed above)` : ""}${total > 0 && s.error > 0 ? `; ${hint(report)}` : ""}`);
  const ledger = ledgerLine(report);
  if (ledger) out.push(ledger);
  for (const a of assumptions(report)) out.push(`  assumed: ${a}`);
  out.push(...skipLines(report));
  for (const line of report.lifecycle) out.push((lifecycleFailing(report) ? c.red : c.yellow)(line));
  return out.join("\n") + "\n";
}
