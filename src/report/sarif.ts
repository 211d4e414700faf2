// SARIF 2.1.0 for code-scanning upload: rules from the rule docs, results with 1-based
// regions relative to %SRCROOT%, and fixes where migrate would rewrite.
import { pathToFileURL } from "node:url";
import type { Finding } from "../findings.js";
import type { Report } from "./model.js";
import { RULE_DOCS, ruleDoc } from "./rule-docs.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export function formatSarif(report: Report, cwd = process.cwd()): string {
  const used = [...new Set([...RULE_DOCS.map((r) => r.id), ...report.findings.map((f) => f.ruleId)])];
  const rules = used.map((id) => {
    const doc = ruleDoc(id);
    return {
      id,
      name: id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: doc.summary + "." },
      fullDescription: { text: `${doc.summary}. ${doc.help}` },
      help: { text: doc.help || doc.summary },
      helpUri: `https://www.npmjs.com/package/ds-migrate#rule-${id}`,
    };
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ds-migrate",
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: "https://www.npmjs.com/package/ds-migrate",
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith("/") ? cwd : cwd + "/").href } },
        invocations: [
          {
            executionSuccessful: !report.files.some((f) => f.problem),
            toolExecutionNotifications: report.files.filter((f) => f.problem).map((f) => ({
              level: "warning",
              message: { text: `${f.file}: ${f.problem}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(f.file), uriBaseId: "SRCROOT" } } }],
            })),
          },
        ],
        results: report.findings.map((f) => result(f, used.indexOf(f.ruleId))),
        properties: { deadline: report.deadline, models: report.models },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

function result(f: Finding, ruleIndex: number) {
  const artifactLocation = { uri: encodeUri(f.file), uriBaseId: "SRCROOT" };
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
  };
  // The other places of a group (an identity group, a collision) the finding covers.
  if (f.related && f.related.length > 0) {
    out.relatedLocations = f.related.map((r, id) => ({
      id,
      message: { text: r.message },
      physicalLocation: { artifactLocation, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
    }));
  }
  // A ds-migrate-ignore comment: reported, as SARIF does, as a suppressed result.
  if (f.suppression) out.suppressions = [{ kind: "inSource", justification: `${f.suppression.directive} (line ${f.suppression.line})` }];
  if (f.edits && f.edits.length > 0) {
    out.fixes = [
      {
        description: { text: `ds-migrate rewrite (${f.ruleId}).` },
        artifactChanges: [
          {
            artifactLocation,
            replacements: f.edits.map((e) => ({
              deletedRegion: { startLine: e.startLine, startColumn: e.startColumn, endLine: e.endLine, endColumn: e.endColumn },
              insertedContent: { text: e.text },
            })),
          },
        ],
      },
    ];
  }
  return out;
}

function encodeUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}
