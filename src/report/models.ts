// `ds-migrate models`: the model lifecycle table as the user's run sees it (built-in rows
// plus any from --config), with what each ID becomes and where DeepSeek said so.
import { day, TABLE_CHECKED, type ModelRow } from "../models.js";
import { TARGETS, type RuleTable } from "../rules.js";

export function formatModels(rules: RuleTable, format: "text" | "json", today: string): string {
  if (format === "json") return JSON.stringify({ checked: TABLE_CHECKED, today, targets: rules.targets, models: rules.models }, null, 2) + "\n";
  const out = [`DeepSeek model IDs as ds-migrate knows them (table checked against its sources on ${TABLE_CHECKED}; today ${today})`, ""];
  for (const row of rules.models) {
    out.push(`${row.id}  [${row.status}]`);
    out.push(`  served by: ${row.servedBy}`);
    const dates = datesOf(row, today);
    if (dates) out.push(`  dates:     ${dates}`);
    out.push(`  becomes:   ${successorOf(row, rules)}`);
    out.push(`  source:    ${row.source}`);
    if (row.note) out.push(`  note:      ${row.note}`);
    out.push("");
  }
  out.push(`Targets (--target): ${TARGETS.map((t) => `${t} = ${rules.targets[t]}${t === "flash" ? " (default)" : ""}`).join(", ")}`);
  out.push("Add or override rows with a --config file (\"models\"); see the README, \"The model lifecycle\".");
  return out.join("\n") + "\n";
}

function datesOf(row: ModelRow, today: string): string {
  const parts: string[] = [];
  if (row.announced) parts.push(`announced ${day(row.announced)}`);
  if (row.since) parts.push(`current since ${day(row.since)}`);
  if (row.aliasSince) parts.push(`alias since ${day(row.aliasSince)}`);
  if (row.deprecated) parts.push(`requests fail from ${row.deprecated.length > 10 ? row.deprecated.replace("T", " ").replace(/:00(\.0+)?Z$/, " UTC") : row.deprecated}${day(row.deprecated)! <= today ? " (passed)" : ""}`);
  if (row.removal) parts.push(`removal ${day(row.removal)}${day(row.removal)! <= today ? " (passed)" : ""}`);
  if (row.status === "alias" && !row.removal) parts.push("no removal date announced");
  return parts.join("; ");
}

function successorOf(row: ModelRow, rules: RuleTable): string {
  if (row.status === "current") return `stays (a current model${Object.values(rules.targets).includes(row.id) ? ", and a --target" : ""})`;
  const mode = row.mode ? `${row.mode} mode` : "the request keeps the thinking mode it states";
  if (row.successor === "flash") return `the Flash name of the run: ${rules.targets.flash} (${rules.targets["v4-flash"]} under --target v4-flash); ${mode}`;
  return `the --target model (${rules.targets.flash} by default); ${mode}`;
}
