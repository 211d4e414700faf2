// The --config file: JSON that extends or overrides the rule table. Unknown keys and
// wrong types are errors (exit 2) that name the file, the key and what is expected.
import { readFileSync } from "node:fs";
import { DEFAULT_RULES, type DialectName, type Mode, type RuleTable, type Target } from "./rules.js";

export interface UserConfig {
  target?: Target;
  thinkingParam?: DialectName;
  rules: RuleTable;
  ignore: string[];
}

export class ConfigError extends Error {}

const KEYS = ["$schema", "target", "thinkingParam", "legacyModels", "targets", "canonicalBaseUrl", "hosts", "deadline", "ignore"] as const;

export function loadConfig(file: string | undefined): UserConfig {
  const rules: RuleTable = structuredClone(DEFAULT_RULES);
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
  if (raw.target !== undefined) config.target = raw.target === "flash" || raw.target === "pro" ? raw.target : fail("target", '"flash" or "pro"');
  if (raw.thinkingParam !== undefined) {
    config.thinkingParam = raw.thinkingParam === "thinking" || raw.thinkingParam === "thinking_mode" ? raw.thinkingParam : fail("thinkingParam", '"thinking" or "thinking_mode"');
  }
  if (raw.legacyModels !== undefined) {
    if (!isObject(raw.legacyModels)) fail("legacyModels", 'an object like { "my-alias": { "mode": "thinking" } }');
    for (const [id, spec] of Object.entries(raw.legacyModels as object)) {
      const mode = isObject(spec) ? spec.mode : undefined;
      if (mode !== "thinking" && mode !== "non-thinking") fail(`legacyModels.${id}.mode`, '"thinking" or "non-thinking"');
      rules.legacyModels[id] = { mode: mode as Mode };
    }
  }
  if (raw.targets !== undefined) {
    if (!isObject(raw.targets)) fail("targets", 'an object like { "flash": "...", "pro": "..." }');
    for (const [name, id] of Object.entries(raw.targets as object)) {
      if ((name !== "flash" && name !== "pro") || typeof id !== "string") fail(`targets.${name}`, 'a model ID string under "flash" or "pro"');
      rules.targets[name as Target] = id as string;
    }
  }
  if (raw.canonicalBaseUrl !== undefined) {
    if (typeof raw.canonicalBaseUrl !== "string" || !/^https:\/\//.test(raw.canonicalBaseUrl)) fail("canonicalBaseUrl", "an https:// URL");
    rules.canonicalBaseUrl = raw.canonicalBaseUrl as string;
  }
  if (raw.hosts !== undefined) rules.hosts = [...rules.hosts, ...stringList(raw.hosts, "hosts", fail)];
  if (raw.deadline !== undefined) {
    if (typeof raw.deadline !== "string" || Number.isNaN(Date.parse(raw.deadline))) fail("deadline", "an ISO date such as 2026-07-24");
    rules.deadline = raw.deadline as string;
  }
  if (raw.ignore !== undefined) config.ignore = stringList(raw.ignore, "ignore", fail);
  return config;
}

function stringList(value: unknown, key: string, fail: (key: string, expected: string) => never): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) fail(key, "an array of strings");
  return value as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
