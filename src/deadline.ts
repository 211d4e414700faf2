// The deadline line every report carries, computed from today (or --today).

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
    ? `deprecated since ${date} (${-days} day${-days === 1 ? "" : "s"} ago): requests with these IDs fail`
    : `deadline ${date}: ${days} day${days === 1 ? "" : "s"} left before requests with these IDs fail`;
  return { date, today, passed, days: passed ? -days : days, text };
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}
