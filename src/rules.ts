// The whole rule table: which IDs are legacy, what they become, how the thinking
// mode is written, which URLs are DeepSeek's. Transforms read only this data.

export type Mode = "thinking" | "non-thinking";
export type Target = "flash" | "pro";
export type DialectName = "thinking" | "thinking_mode";

export interface LegacyModel {
  /** The mode that preserves the legacy ID's behaviour on V4. */
  mode: Mode;
}

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
  deadline: string;
  legacyModels: Record<string, LegacyModel>;
  targets: Record<Target, string>;
  dialects: Record<DialectName, Dialect>;
  hosts: string[];
  canonicalBaseUrl: string;
  /** URL paths that are DeepSeek features needing review, never rewritten. */
  reviewPaths: string[];
  /** URL paths that are another API shape and are left exactly as they are. */
  untouchedPaths: string[];
  /** Provider prefixes used by LiteLLM/DSPy-style IDs (`deepseek/deepseek-chat`). */
  providerPrefixes: string[];
}

export const DEFAULT_RULES: RuleTable = {
  deadline: "2026-07-24T15:59:00Z",
  legacyModels: {
    "deepseek-chat": { mode: "non-thinking" },
    "deepseek-reasoner": { mode: "thinking" },
  },
  targets: { flash: "deepseek-v4-flash", pro: "deepseek-v4-pro" },
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
  providerPrefixes: ["deepseek/", "deepseek:"],
};

/** Every key that means "the mode is already set", in any dialect. */
export const MODE_KEYS = ["thinking", "thinking_mode"];

/** The options one run resolves to: the table plus the user's choices. */
export interface Settings {
  rules: RuleTable;
  target: Target;
  dialect: DialectName;
}

export function newModelId(settings: Settings): string {
  return settings.rules.targets[settings.target];
}

export function legacyIds(rules: RuleTable): string[] {
  return Object.keys(rules.legacyModels);
}

/** Byte strings whose absence proves a file needs no work (V4 IDs too: a request may still lack its mode). */
export function needles(rules: RuleTable): string[] {
  return [...legacyIds(rules), ...rules.hosts, ...Object.values(rules.targets)];
}
