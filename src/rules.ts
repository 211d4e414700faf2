// The whole rule table: DeepSeek's model lifecycle (src/models.ts), what each ID becomes,
// how the thinking mode is written, which URLs are DeepSeek's. Transforms read only this data.
import { DEFAULT_MODELS, day, type ModelRow } from "./models.js";

export type Mode = "thinking" | "non-thinking";
export type Target = "flash" | "pro" | "v4-flash";

export const TARGETS: readonly Target[] = ["flash", "pro", "v4-flash"];
export type DialectName = "thinking" | "thinking_mode";

export interface Dialect {
  /** Top-level request key that carries the mode. */
  key: string;
  /** JSON value for each mode (what goes after `key:`). */
  values: Record<Mode, unknown>;
  /** When the mode is chosen by a condition, the inner string that varies. */
  conditional: "type" | "self";
  strings: Record<Mode, string>;
}

export interface RuleTable {
  /** Every DeepSeek model ID ds-migrate knows (src/models.ts), in table order. */
  models: ModelRow[];
  /** The model ID each target name writes. */
  targets: Record<Target, string>;
  dialects: Record<DialectName, Dialect>;
  hosts: string[];
  canonicalBaseUrl: string;
  /** URL paths that are DeepSeek features needing review, never rewritten. */
  reviewPaths: string[];
  /** URL paths that are another API shape and are left exactly as they are. */
  untouchedPaths: string[];
  /**
   * Provider prefixes used by LiteLLM/DSPy-style IDs (`deepseek/deepseek-chat`). `openai/` is LiteLLM's
   * OpenAI-compatible route: DeepSeek's only where the call's base URL is proven to be DeepSeek's.
   */
  providerPrefixes: string[];
}

export const DEFAULT_RULES: RuleTable = {
  models: DEFAULT_MODELS,
  targets: { flash: "deepseek-flash", pro: "deepseek-v4-pro", "v4-flash": "deepseek-v4-flash" },
  dialects: {
    thinking: {
      key: "thinking",
      values: { thinking: { type: "enabled" }, "non-thinking": { type: "disabled" } },
      conditional: "type",
      strings: { thinking: "enabled", "non-thinking": "disabled" },
    },
    thinking_mode: {
      key: "thinking_mode",
      values: { thinking: "thinking", "non-thinking": "non-thinking" },
      conditional: "self",
      strings: { thinking: "thinking", "non-thinking": "non-thinking" },
    },
  },
  hosts: ["api.deepseek.com"],
  canonicalBaseUrl: "https://api.deepseek.com/v1",
  reviewPaths: ["/beta"],
  untouchedPaths: ["/anthropic"],
  providerPrefixes: ["deepseek/", "deepseek:", "openai/"],
};

/** Every key that means "the mode is already set", in any dialect. */
export const MODE_KEYS = ["thinking", "thinking_mode"];

/**
 * Keys that state the mode when a request already has them: either dialect, or an effort
 * level (`reasoning_effort` only applies in thinking mode, so it states thinking).
 */
export const STATED_MODE_KEYS = [...MODE_KEYS, "reasoning_effort"];

/** Options and keyword arguments through which clients forward extra request fields: a mode in any of them is stated. */
export const MODE_HOLDERS = ["extra_body", "extraBody", "model_kwargs", "modelKwargs", "additional_kwargs", "providerData", "extra_args"];

/** The options one run resolves to: the table plus the user's choices. */
export interface Settings {
  rules: RuleTable;
  target: Target;
  dialect: DialectName;
  /** YYYY-MM-DD: decides whether a date in the table has passed (defaults to the current UTC date). */
  today?: string;
  /** Absolute path of the scanned project: where its manifests and lockfiles are read (pinned client versions). */
  projectRoot?: string;
  /** OpenAI-compatible routes the scanned project serves itself, each with the file that registers it (src/own-api.ts). */
  ownRoutes?: Array<{ route: string; file: string }>;
}

export function newModelId(settings: Settings): string {
  return settings.rules.targets[settings.target];
}

/** What one table ID becomes in this run. */
export interface Migration {
  row: ModelRow;
  replacement: string;
  /** The mode that keeps its behaviour (for an ID that keeps the request's mode: V4's default, thinking). */
  mode: Mode;
  /** True when the request keeps whatever mode it states (aliases): no mode is written for it. */
  keepsMode: boolean;
}

interface Derived {
  migrations: Map<string, Migration>;
  v4: string[];
  all: string[];
}

// Settings objects are built once per run and never mutated: derive the lookups once.
const derived = new WeakMap<Settings, Derived>();

function derive(settings: Settings): Derived {
  let d = derived.get(settings);
  if (d) return d;
  const { rules, target } = settings;
  const written = rules.targets[target];
  const flashName = target === "pro" ? rules.targets.flash : written;
  const migrations = new Map<string, Migration>();
  for (const row of rules.models) {
    if (row.status === "current" || row.id === written || !row.successor) continue;
    const replacement = row.successor === "target" ? written : flashName;
    if (replacement === row.id) continue;
    migrations.set(row.id, { row, replacement, mode: row.mode ?? "thinking", keepsMode: !row.mode });
  }
  const v4 = [...new Set([...rules.models.filter((r) => r.status === "current" || r.status === "alias").map((r) => r.id), ...Object.values(rules.targets)])];
  d = { migrations, v4, all: rules.models.map((r) => r.id) };
  derived.set(settings, d);
  return d;
}

/** What a whole model ID becomes in this run; undefined when it stays (current, or the chosen target). */
export function migrationOf(id: string, settings: Settings): Migration | undefined {
  return derive(settings).migrations.get(id);
}

/** Every ID this run moves on, in table order. */
export function migratingIds(settings: Settings): string[] {
  return [...derive(settings).migrations.keys()];
}

/** IDs of V4 models (current, or aliases that V4.1 serves): a request with one must state its mode. */
export function v4Ids(settings: Settings): string[] {
  return derive(settings).v4;
}

export function rowOf(rules: RuleTable, id: string): ModelRow | undefined {
  return rules.models.find((r) => r.id === id);
}

/**
 * How serious it is that an ID is still there: a deprecated or retired ID is an error; an
 * alias of a retired model is a warning, and an error once its removal date has passed.
 */
export function statusSeverity(row: ModelRow, settings: Settings): "error" | "warning" {
  if (row.status !== "alias") return "error";
  const removal = day(row.removal);
  return removal && removal <= (settings.today ?? new Date().toISOString().slice(0, 10)) ? "error" : "warning";
}

/** The deprecation date of the legacy IDs (deepseek-chat, deepseek-reasoner), as YYYY-MM-DD. */
export function legacyDeadline(rules: RuleTable): string {
  const dates = rules.models.filter((r) => r.status === "deprecated" && r.deprecated).map((r) => r.deprecated!).sort();
  return dates[0] ?? "";
}

/** Byte strings whose absence proves a file needs no work (V4 IDs too: a request may still lack its mode). */
export function needles(rules: RuleTable): string[] {
  // `deepseek/deepseek-coder` through LiteLLM is a request to DeepSeek with a model no row names: it owes a mode too.
  const routed = rules.providerPrefixes.filter((p) => p.startsWith("deepseek")).map((p) => `${p}deepseek-`);
  return [...new Set([...rules.models.map((r) => r.id), ...rules.hosts, ...Object.values(rules.targets), ...routed])];
}
