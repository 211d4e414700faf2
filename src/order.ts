/**
 * Code-unit order: the same on every machine and locale, and free, where `localeCompare`'s
 * first call loads ICU's collation data (~6 ms of a small run).
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
