// The JSON report: the Report object itself, versioned (docs/report-schema.md).
import type { Report } from "./model.js";

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
