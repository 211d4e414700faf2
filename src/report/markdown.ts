// Markdown for a pull-request comment: a summary, a table of findings, the diffs.
import { ledgerLine, lifecycleFailing, type Report } from "./model.js";

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function formatMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = [];
  const title = report.command === "check" ? "ds-migrate check" : report.dryRun ? "ds-migrate migration preview" : "ds-migrate migration";
  out.push(`## ${title}`, "");
  for (const line of report.lifecycle) out.push(`**${lifecycleFailing(report) ? "⚠️ " : ""}${cell(line)}**`, "");
  out.push(`Files scanned: ${s.filesScanned} · with hits: ${s.filesWithHits} · ${report.command === "check" ? "to change" : report.dryRun ? "to change" : "changed"}: ${s.filesChanged} · errors: ${s.findings.error} · warnings: ${s.findings.warning} · info: ${s.findings.info}`, "");
  const ledger = ledgerLine(report);
  if (ledger) out.push(`${ledger[0]!.toUpperCase()}${ledger.slice(1)}.`, "");
  if (report.findings.length > 0) {
    out.push("| File | Line | Severity | Rule | Message |", "| --- | ---: | --- | --- | --- |");
    for (const f of report.findings.filter((x) => !x.suppression)) {
      out.push(`| \`${cell(f.file)}\` | ${f.line}:${f.column} | ${f.severity} | \`${f.ruleId}\` | ${cell(f.message)} |`);
    }
    out.push("");
  } else out.push("No findings.", "");
  const broken = report.files.filter((f) => f.problem);
  if (broken.length > 0) {
    out.push("Files not processed:", "");
    for (const f of broken) out.push(`- \`${cell(f.file)}\`: ${cell(f.problem!)}`);
    out.push("");
  }
  const diffs = report.files.filter((f) => f.diff);
  if (diffs.length > 0) {
    out.push("<details><summary>Diff</summary>", "", "```diff");
    for (const f of diffs) out.push(f.diff!.replace(/\n$/, ""));
    out.push("```", "", "</details>", "");
  }
  return out.join("\n");
}
