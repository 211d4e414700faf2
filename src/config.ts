// The --config file: JSON that extends or overrides the rule table. Unknown keys and
// wrong types are errors (exit 2) that name the file, the key and what is expected.
import { readFileSync } from "node:fs";
import { isIsoDate } from "./deadline.js";
import { missingFields, MODEL_STATUSES, type ModelRow, type ModelStatus } from "./models.js";
import { DEFAULT_RULES, rowOf, TARGETS, type DialectName, type Mode, type RuleTable, type Target } from "./rules.js";

export interface UserConfig {
  target?: Target;
  thinkingParam?: DialectName;
  rules: RuleTable;
  ignore: string[];
}

export class ConfigError extends Error {}

const KEYS = ["$schema", "target", "thinkingParam", "models", "legacyModels", "targets", "canonicalBaseUrl", "hosts", "deadline", "ignore"] as const;

/** Fields a `models` entry may set (src/models.ts documents each). */
const ROW_FIELDS = ["status", "servedBy", "announced", "since", "aliasSince", "deprecated", "removal", "mode", "successor", "source", "note"] as const;
const DATE_FIELDS = ["announced", "since", "aliasSince", "deprecated", "removal"] as const;

export function loadConfig(file: string | undefined): UserConfig {
  const rules: RuleTable = structuredClone(DEFAULT_RULES) as RuleTable;
  if (!file) return { rules, ignore: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const what = e.code ? `cannot read it (${e.code})` : `it is not valid JSON (${e.message})`;
    throw new ConfigError(`config ${file}: ${what}. See "Configuration" in the README for the format.`);
  }
  if (!isObject(raw)) throw new ConfigError(`config ${file}: expected a JSON object at the top level.`);
  const fail = (key: string, expected: string) => {
    throw new ConfigError(`config ${file}: "${key}" must be ${expected}.`);
  };
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new ConfigError(`config ${file}: unknown key "${key}". Known keys: ${KEYS.slice(1).join(", ")}.`);
  }
  const config: UserConfig = { rules, ignore: [] };
  const targetNames = TARGETS.map((t) => `"${t}"`).join(", ");
  if (raw.target !== undefined) config.target = (TARGETS as readonly unknown[]).includes(raw.target) ? (raw.target as Target) : fail("target", `one of ${targetNames}`);
  if (raw.thinkingParam !== undefined) {
    config.thinkingParam = raw.thinkingParam === "thinking" || raw.thinkingParam === "thinking_mode" ? raw.thinkingParam : fail("thinkingParam", '"thinking" or "thinking_mode"');
  }
  if (raw.deadline !== undefined) {
    if (typeof raw.deadline !== "string" || Number.isNaN(Date.parse(raw.deadline))) fail("deadline", "an ISO date such as 2026-07-24");
    // The older spelling of the legacy IDs' date: it moves every deprecated row's date.
    for (const row of rules.models) if (row.status === "deprecated") row.deprecated = raw.deadline as string;
  }
  if (raw.legacyModels !== undefined) {
    if (!isObject(raw.legacyModels)) fail("legacyModels", 'an object like { "my-alias": { "mode": "thinking" } }');
    for (const [id, spec] of Object.entries(raw.legacyModels as object)) {
      const mode = isObject(spec) ? spec.mode : undefined;
      if (mode !== "thinking" && mode !== "non-thinking") fail(`legacyModels.${id}.mode`, '"thinking" or "non-thinking"');
      const deadline = rules.models.find((r) => r.status === "deprecated")?.deprecated ?? "2026-07-24";
      upsert(rules, { id, status: "deprecated", servedBy: "see the config file", deprecated: deadline, mode: mode as Mode, successor: "target", source: file });
    }
  }
  if (raw.models !== undefined) {
    if (!isObject(raw.models)) fail("models", 'an object keyed by model ID, like { "deepseek-coder": { "status": "deprecated", "mode": "non-thinking", "deprecated": "2026-07-24" } }');
    for (const [id, spec] of Object.entries(raw.models as Record<string, unknown>)) upsert(rules, modelRow(id, spec, rowOf(rules, id), file, fail));
  }
  if (raw.targets !== undefined) {
    if (!isObject(raw.targets)) fail("targets", 'an object like { "flash": "deepseek-flash", "pro": "deepseek-v4-pro" }');
    for (const [name, id] of Object.entries(raw.targets as object)) {
      if (!(TARGETS as readonly string[]).includes(name)) fail(`targets.${name}`, `a target name: ${targetNames}`);
      const row = typeof id === "string" ? rowOf(rules, id) : undefined;
      // A target is what requests will send: it must be a model DeepSeek serves, not an empty or retired name.
      if (!row || (row.status !== "current" && row.status !== "alias")) {
        fail(`targets.${name}`, `a current model ID from the model table (add it under "models" with "status": "current" first); got ${JSON.stringify(id)}`);
      }
      rules.targets[name as Target] = id as string;
    }
  }
  if (raw.canonicalBaseUrl !== undefined) {
    if (typeof raw.canonicalBaseUrl !== "string" || !/^https:\/\//.test(raw.canonicalBaseUrl)) fail("canonicalBaseUrl", "an https:// URL");
    rules.canonicalBaseUrl = raw.canonicalBaseUrl as string;
  }
  if (raw.hosts !== undefined) rules.hosts = [...rules.hosts, ...stringList(raw.hosts, "hosts", fail)];
  if (raw.ignore !== undefined) config.ignore = stringList(raw.ignore, "ignore", fail);
  return config;
}

/** One `models` entry, over the row it overrides (if any), checked like the built-in table. */
function modelRow(id: string, spec: unknown, base: ModelRow | undefined, file: string, fail: (key: string, expected: string) => never): ModelRow {
  const key = `models.${id}`;
  if (!isObject(spec)) fail(key, 'an object like { "status": "alias", "aliasSince": "2026-09-10" }');
  for (const field of Object.keys(spec)) {
    if (!(ROW_FIELDS as readonly string[]).includes(field)) fail(`${key}.${field}`, `one of the fields ${ROW_FIELDS.join(", ")} (unknown field)`);
  }
  if (spec.status !== undefined && !(MODEL_STATUSES as readonly unknown[]).includes(spec.status)) fail(`${key}.status`, MODEL_STATUSES.map((x) => `"${x}"`).join(", "));
  if (spec.mode !== undefined && spec.mode !== "thinking" && spec.mode !== "non-thinking") fail(`${key}.mode`, '"thinking" or "non-thinking"');
  if (spec.successor !== undefined && spec.successor !== "target" && spec.successor !== "flash") fail(`${key}.successor`, '"target" or "flash"');
  for (const field of DATE_FIELDS) {
    const v = spec[field];
    if (v !== undefined && (typeof v !== "string" || !isIsoDate(v.slice(0, 10)))) fail(`${key}.${field}`, "a date as YYYY-MM-DD");
  }
  for (const field of ["servedBy", "source", "note"] as const) if (spec[field] !== undefined && typeof spec[field] !== "string") fail(`${key}.${field}`, "a string");
  const status = (spec.status ?? base?.status) as ModelStatus | undefined;
  if (!status) fail(`${key}.status`, `given for a new model ID (${MODEL_STATUSES.map((x) => `"${x}"`).join(", ")})`);
  const row: ModelRow = {
    servedBy: "not stated (added by config)",
    source: file,
    ...(status === "alias" ? { successor: "flash" as const } : status === "current" ? {} : { successor: "target" as const }),
    ...base,
    ...(spec as Partial<ModelRow>),
    id,
    status,
  };
  if (status === "current") delete row.successor;
  const missing = missingFields(row);
  if (missing.length > 0) fail(key, `complete for a ${status} model: add ${missing.map((m) => `"${m}"`).join(", ")}`);
  return row;
}

function upsert(rules: RuleTable, row: ModelRow): void {
  const at = rules.models.findIndex((r) => r.id === row.id);
  if (at === -1) rules.models.push(row);
  else rules.models[at] = row;
}

function stringList(value: unknown, key: string, fail: (key: string, expected: string) => never): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) fail(key, "an array of strings");
  return value as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
