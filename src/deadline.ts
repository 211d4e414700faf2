// The deadline line every report carries, computed from today (or --today), and one line
// per model generation found, from the model table (src/models.ts).
import { day, type ModelRow, type ModelStatus } from "./models.js";

export interface DeadlineStatus {
  /** YYYY-MM-DD */
  date: string;
  today: string;
  passed: boolean;
  /** Days left before the deadline, or days since it when passed. */
  days: number;
  text: string;
}

const DAY_MS = 86_400_000;

export function deadlineStatus(deadlineIso: string, today: string): DeadlineStatus {
  const date = deadlineIso.slice(0, 10);
  const days = Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS);
  const passed = days <= 0;
  const text = passed
    ? `deprecated since ${date} (${ago(-days)}): requests with these IDs fail`
    : `deadline ${date}: ${days} day${days === 1 ? "" : "s"} left before requests with these IDs fail`;
  return { date, today, passed, days: passed ? -days : days, text };
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}

/** One line of the lifecycle summary: IDs found that share a status and a date. */
export interface LifecycleLine {
  ids: string[];
  status: ModelStatus;
  /** How many times they appear in the scanned files. */
  count: number;
  /** The date that matters for the status (deprecated: the deadline; alias: since when; retired: removal). */
  date?: string;
  /** True once requests with these IDs fail (a deprecated deadline or a removal date has passed). */
  failing: boolean;
  text: string;
}

/** Each generation found, with its status and date, from the model table. */
export function lifecycleLines(models: ModelRow[], found: Record<string, number>, today: string): LifecycleLine[] {
  const groups = new Map<string, LifecycleLine>();
  for (const row of models) {
    const count = found[row.id];
    if (!count) continue;
    const date = day(row.status === "deprecated" ? row.deprecated : row.status === "alias" ? row.aliasSince : row.removal);
    const key = `${row.status}|${date}`;
    const line = groups.get(key) ?? { ids: [], status: row.status, count: 0, ...(date ? { date } : {}), failing: false, text: "" };
    line.ids.push(row.id);
    line.count += count;
    groups.set(key, line);
    const removal = day(row.removal);
    line.failing ||= row.status === "retired" || (row.status === "deprecated" && !!date && date <= today) || (!!removal && removal <= today);
    line.text = lineText(line, row, today);
  }
  return [...groups.values()];
}

function lineText(line: LifecycleLine, row: ModelRow, today: string): string {
  const ids = line.ids.join(", ");
  const these = line.ids.length === 1 ? "this ID" : "these IDs";
  if (row.status === "deprecated" && line.date) {
    const status = deadlineStatus(line.date, today);
    return `${ids}: ` + (status.passed ? `deprecated since ${line.date} (${ago(status.days)}): requests with ${these} fail` : `deadline ${line.date}: ${status.days} day${status.days === 1 ? "" : "s"} left before requests with ${these} fail`);
  }
  if (row.status === "alias") {
    const removal = day(row.removal);
    const ends = removal ? (removal <= today ? `; removed ${removal}: requests with ${these} fail` : `; removal announced for ${removal}`) : "; no removal date announced";
    return `${ids}: retired model, served by ${row.servedBy.replace(/ \(.*\)$/, "")} under a temporary alias since ${line.date}${ends}`;
  }
  return `${ids}: retired${line.date ? ` since ${line.date}` : ""}: requests with ${these} fail`;
}

function ago(days: number): string {
  return days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`;
}

/** The closing line when no moved-on ID was found: the legacy deadline, without claiming anything fails. */
export function noneFoundText(deadline: DeadlineStatus, legacyIds: string[]): string {
  const ids = legacyIds.join(", ");
  return deadline.passed
    ? `no deprecated or retired DeepSeek model IDs found (${ids}: deprecated since ${deadline.date})`
    : `no deprecated or retired DeepSeek model IDs found (${ids}: deadline ${deadline.date}, ${deadline.days} day${deadline.days === 1 ? "" : "s"} left)`;
}
