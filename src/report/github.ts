// GitHub Actions workflow commands, so findings annotate the pull request.
import type { Report } from "./model.js";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

/** Message text: %, CR and LF are escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape : and , which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(report: Report): string {
  const lines = report.findings.filter((f) => !f.suppression).map((f) => {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`ds-migrate ${f.ruleId}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(f.message)}`;
  });
  const s = report.summary.findings;
  lines.push(`::notice title=${escapeProperty("ds-migrate")}::${escapeData(`${s.error} error(s), ${s.warning} warning(s), ${s.info} info in ${report.summary.filesScanned} files scanned. ${report.lifecycle.join("; ")}`)}`);
  return lines.join("\n") + "\n";
}
