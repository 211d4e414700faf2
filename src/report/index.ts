// One entry point for every report format; each format lives in its own module.
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import type { Report } from "./model.js";
import { formatSarif } from "./sarif.js";
import { formatCheckText, formatMigrateText } from "./text.js";
import { noteUsedPart } from "../used-parts.js";

export const FORMATS = ["text", "json", "sarif", "github", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** `quiet`: the text format leaves the diffs out (summary and findings only). */
export function formatReport(report: Report, format: Format, opts: { color: boolean; quiet?: boolean }): string {
  noteUsedPart(`${report.command} ${report.dryRun ? "dry " : ""}${format}`);
  switch (format) {
    case "text":
      return report.command === "check" ? formatCheckText(report, opts.color) : formatMigrateText(report, opts.color, !!opts.quiet);
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
    case "markdown":
      return formatMarkdown(report);
  }
}

const BY_EXTENSION: Record<string, Format> = { ".json": "json", ".sarif": "sarif", ".md": "markdown", ".txt": "text" };

/** The format a --report file gets from its extension. */
export function formatForFile(file: string): Format {
  const dot = file.lastIndexOf(".");
  const format = dot === -1 ? undefined : BY_EXTENSION[file.slice(dot).toLowerCase()];
  if (!format) throw new Error(`--report ${file}: use a .json, .sarif, .md or .txt file name (the format comes from the extension)`);
  return format;
}
