// Version ranges: npm through semver, PyPI through PEP 440 (poetry's ^ and ~ translated first).
import * as pep440 from "@renovatebot/pep440";
import semver from "semver";
import { pypiName } from "./paths.js";
import type { Declared, Ecosystem } from "./types.js";

export function satisfies(ecosystem: Ecosystem, version: string, range: string): boolean {
  try {
    if (ecosystem === "npm") return semver.satisfies(version, npmRange(range));
    return pypiAlternatives(range).some((spec) => pep440.satisfies(version, spec));
  } catch {
    return false;
  }
}

export function minimumOf(ecosystem: Ecosystem, range: string): string | undefined {
  try {
    return ecosystem === "npm" ? npmMinimum(range) : pypiMinimum(range);
  } catch {
    return undefined;
  }
}

/** The record for one declaration: an exact pin becomes `version`, anything else `range`. */
export function declared(ecosystem: Ecosystem, name: string, spec: string, file: string): Declared {
  const key = ecosystem === "pypi" ? pypiName(name) : name;
  const version = ecosystem === "npm" ? exactNpm(spec) : exactPypi(spec);
  if (version) return { name: key, version, file };
  return spec.trim() === "" ? { name: key, file } : { name: key, range: spec.trim(), file };
}

/** Of several locked versions of one package, the one the declared range selects. */
export function pick(ecosystem: Ecosystem, versions: readonly string[], range: string | undefined): string | undefined {
  if (versions.length <= 1) return versions[0];
  return range === undefined ? undefined : versions.find((v) => satisfies(ecosystem, v, range));
}

function exactNpm(spec: string): string | undefined {
  return semver.valid(spec.trim().replace(/^=/, "")) ?? undefined;
}

function exactPypi(spec: string): string | undefined {
  const m = /^===?([^,*|]+)$/.exec(spec.trim());
  return m ? m[1].trim() : undefined;
}

/** Protocol prefixes that wrap a plain range in package.json. */
function npmRange(range: string): string {
  return range.trim().replace(/^(?:npm|workspace):/, "");
}

function npmMinimum(range: string): string | undefined {
  const parsed = new semver.Range(npmRange(range));
  // Every alternative needs a lower bound; "<2" or "*" has none to read off.
  const bounded = parsed.set.every((set) => set.some((c) => c.operator.startsWith(">") || (c.operator === "" && c.value !== "") || c.operator === "="));
  return bounded ? semver.minVersion(parsed)?.version : undefined;
}

function pypiMinimum(range: string): string | undefined {
  const lows = pypiAlternatives(range).map(clauseMinimum);
  if (lows.length === 0 || lows.some((v) => v === undefined)) return undefined;
  return (lows as string[]).sort(pep440.compare)[0];
}

/** The highest of a clause's lower bounds, when it allows that version itself. */
function clauseMinimum(spec: string): string | undefined {
  const lows: string[] = [];
  for (const part of spec.split(",")) {
    const m = /^(>=|~=|===|==)(.+)$/.exec(part.trim());
    if (m) lows.push(m[2].replace(/\.\*$/, ""));
  }
  const low = lows.sort(pep440.compare).at(-1);
  return low !== undefined && pep440.satisfies(low, spec) ? low : undefined;
}

/** PEP 440 specifier sets, one per poetry `||` alternative. */
function pypiAlternatives(range: string): string[] {
  return range.split("||").map(poetryToPep440);
}

/** A poetry constraint in PEP 440 terms; `||` alternatives are kept (satisfies and minimumOf read them). */
export function poetryRange(constraint: string): string {
  return constraint.split("||").map(poetryToPep440).join("||");
}

/** Poetry constraints ("^1.2", "~1.2", "1.2.3", "1.*", "*", space-separated) as a PEP 440 specifier set. */
function poetryToPep440(constraint: string): string {
  const tokens = constraint.replace(/([<>=!~^]+)\s+/g, "$1").split(/[\s,]+/).filter((t) => t !== "" && t !== "*");
  return tokens.map(poetryToken).join(",");
}

function poetryToken(token: string): string {
  if (token.startsWith("^")) return bounded(token.slice(1), caretIndex(token.slice(1)));
  if (token.startsWith("~") && !token.startsWith("~=")) {
    const v = token.slice(1);
    return bounded(v, v.split(".").length === 1 ? 0 : 1);
  }
  return /^\d/.test(token) ? `==${token}` : token;
}

/** Poetry's caret: the first non-zero part may not change (the last given part if all are zero). */
function caretIndex(version: string): number {
  const parts = version.split(".").map((p) => parseInt(p, 10));
  const nonZero = parts.findIndex((p) => p !== 0);
  return nonZero === -1 ? parts.length - 1 : nonZero;
}

/** ">=v,<u" where u is v's first `index + 1` parts with the last one bumped. */
function bounded(version: string, index: number): string {
  const parts = version.split(".").slice(0, index + 1).map((p) => parseInt(p, 10));
  parts[index] = (parts[index] ?? 0) + 1;
  return `>=${version},<${parts.join(".")}`;
}
