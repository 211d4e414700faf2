// DeepSeek's model lifecycle as data: every model ID ds-migrate knows, what DeepSeek says
// about it (status, dates, what serves it now), what it becomes, and where that was said.
// Every rule reads this table (src/rules.ts); `--config` adds or overrides rows; `ds-migrate
// models` prints it. When DeepSeek changes its model list, this file is what changes.
import type { Mode } from "./rules.js";

/**
 * current: DeepSeek lists it as a model to call.
 * alias: still accepted, but the model behind it is retired and another model serves it.
 * deprecated: announced to stop working on `deprecated`; requests fail after that date.
 * retired: no longer served at all.
 */
export type ModelStatus = "current" | "alias" | "deprecated" | "retired";

export const MODEL_STATUSES: readonly ModelStatus[] = ["current", "alias", "deprecated", "retired"];

export interface ModelRow {
  id: string;
  status: ModelStatus;
  /** The model that answers requests sent with this ID today, in DeepSeek's words. */
  servedBy: string;
  /** YYYY-MM-DD (or an ISO time) each: when the change was announced, took effect, or ends. */
  announced?: string;
  /** Since when it is current (current rows). */
  since?: string;
  /** Since when it is an alias of a retired model (alias rows). */
  aliasSince?: string;
  /** When requests with it stop working (deprecated rows; an ISO time when DeepSeek gave one). */
  deprecated?: string;
  /** When it was or will be removed (retired rows; alias rows once a removal date is announced). */
  removal?: string;
  /**
   * The thinking mode that keeps this ID's behaviour on its successor (the legacy IDs were
   * fixed-mode aliases). Absent: the request keeps whatever mode it states.
   */
  mode?: Mode;
  /**
   * What it becomes: "target", the model the run targets (`--target`); "flash", the Flash
   * name the run writes (the target when it is a Flash model, otherwise the `flash` target).
   * Absent for current rows: they stay.
   */
  successor?: "target" | "flash";
  /** Public page where DeepSeek says this (a URL), or the config file that added the row. */
  source: string;
  /** What the source says, briefly, and any conflict between sources. */
  note?: string;
}

/** The date this table was last checked against its sources. */
export const TABLE_CHECKED = "2026-12-02";

const PRICING = "https://api-docs.deepseek.com/quick_start/pricing";
const FIRST_CALL = "https://api-docs.deepseek.com/";
const CHANGE_LOG = "https://api-docs.deepseek.com/updates";

export const DEFAULT_MODELS: ModelRow[] = [
  {
    id: "deepseek-chat",
    status: "deprecated",
    servedBy: "DeepSeek-V4-Flash in non-thinking mode until the deadline; nothing after it",
    deprecated: "2026-07-24T15:59:00Z",
    mode: "non-thinking",
    successor: "target",
    source: CHANGE_LOG,
    note: "V4 launch: deepseek-chat and deepseek-reasoner are compatibility names for DeepSeek-V4-Flash (non-thinking / thinking) and become inaccessible after 2026-07-24 15:59 UTC.",
  },
  {
    id: "deepseek-reasoner",
    status: "deprecated",
    servedBy: "DeepSeek-V4-Flash in thinking mode until the deadline; nothing after it",
    deprecated: "2026-07-24T15:59:00Z",
    mode: "thinking",
    successor: "target",
    source: CHANGE_LOG,
    note: "See deepseek-chat.",
  },
  {
    id: "deepseek-v4-flash",
    status: "alias",
    servedBy: "DeepSeek-V4.1-Flash (billed at the Flash price)",
    aliasSince: "2026-09-10",
    successor: "flash",
    source: PRICING,
    note: "Footnote 1: use deepseek-flash; the old names deepseek-v4-flash and deepseek-v4-flash-vision-exp are still accepted, but their models are retired and V4.1 Flash serves them. No removal date announced.",
  },
  {
    id: "deepseek-v4-flash-vision-exp",
    status: "alias",
    servedBy: "DeepSeek-V4.1-Flash (billed at the Flash price)",
    aliasSince: "2026-09-10",
    successor: "flash",
    source: PRICING,
    note: "See deepseek-v4-flash.",
  },
  {
    id: "deepseek-flash",
    status: "current",
    servedBy: "DeepSeek-V4.1-Flash",
    since: "2026-09-10",
    source: PRICING,
    note: "The model name DeepSeek recommends; thinks by default (reasoning_effort low / high / max).",
  },
  {
    id: "deepseek-v4-pro",
    status: "current",
    servedBy: "DeepSeek-V4-Pro-0813",
    source: PRICING,
    note: `Listed as its own model on the pricing page. DeepSeek's "Your First API Call" page (${FIRST_CALL}) once announced routing it to V4.1 Flash from 2026-09-14; the later pricing page still lists V4-Pro-0813, so the pricing page wins until it says otherwise.`,
  },
];

/** The dates a row must carry for its status (a test and the config loader check them). */
export function missingFields(row: ModelRow): string[] {
  const missing: string[] = [];
  if (!row.source) missing.push("source");
  if (!row.servedBy) missing.push("servedBy");
  if (row.status === "deprecated" && !row.deprecated) missing.push("deprecated");
  if (row.status === "alias" && !row.aliasSince) missing.push("aliasSince");
  if (row.status === "retired" && !row.removal) missing.push("removal");
  if (row.status !== "current" && !row.successor) missing.push("successor");
  if (row.status === "deprecated" && !row.mode) missing.push("mode");
  return missing;
}

/** The YYYY-MM-DD part of a table date. */
export function day(date: string | undefined): string | undefined {
  return date?.slice(0, 10);
}
