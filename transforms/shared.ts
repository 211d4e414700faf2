// Rule decisions shared by every language's transform: what a string means and what
// it becomes. Syntax (quotes, commas, dict vs object) stays in each language's module.
import { newModelId, type Mode, type RuleTable, type Settings } from "../src/rules.js";

export interface LegacyMatch {
  legacyId: string;
  /** A LiteLLM/DSPy provider prefix such as `deepseek/`, or "" for a bare ID. */
  prefix: string;
  mode: Mode;
  replacement: string;
}

/** The legacy ID a whole string value names, if it names one. */
export function matchLegacyId(value: string, settings: Settings, allowPrefix: boolean): LegacyMatch | undefined {
  const { rules } = settings;
  const bare = rules.legacyModels[value];
  if (bare) return { legacyId: value, prefix: "", mode: bare.mode, replacement: newModelId(settings) };
  if (!allowPrefix) return undefined;
  for (const prefix of rules.providerPrefixes) {
    if (!value.startsWith(prefix)) continue;
    const rest = value.slice(prefix.length);
    const model = rules.legacyModels[rest];
    if (model) return { legacyId: rest, prefix, mode: model.mode, replacement: prefix + newModelId(settings) };
  }
  return undefined;
}

export type UrlVerdict =
  | { kind: "canonical" }
  | { kind: "rewrite"; replacement: string; insecure: boolean }
  | { kind: "beta" }
  | { kind: "untouched" };

/** What to do with a whole string value that is a DeepSeek URL; undefined if it is not one. */
export function classifyUrl(value: string, rules: RuleTable): UrlVerdict | undefined {
  const match = /^(https?):\/\/([^/?#\s]+)([^\s]*)$/i.exec(value);
  if (!match) return undefined;
  const [, scheme, host, rest] = match as unknown as [string, string, string, string];
  if (!rules.hosts.includes(host.toLowerCase())) return undefined;
  const insecure = scheme.toLowerCase() === "http";
  if (rules.untouchedPaths.some((p) => rest === p || rest.startsWith(p + "/") || rest.startsWith(p + "?"))) {
    return insecure ? { kind: "rewrite", replacement: "https" + value.slice(scheme.length), insecure } : { kind: "untouched" };
  }
  if (rules.reviewPaths.some((p) => rest === p || rest.startsWith(p + "/") || rest.startsWith(p + "?"))) {
    return insecure ? { kind: "rewrite", replacement: "https" + value.slice(scheme.length), insecure } : { kind: "beta" };
  }
  const canonical = rules.canonicalBaseUrl.replace(/\/+$/, "");
  const canonicalPath = new URL(canonical).pathname.replace(/\/+$/, "");
  let path = rest;
  if (canonicalPath && (path === canonicalPath || path.startsWith(canonicalPath + "/") || path.startsWith(canonicalPath + "?"))) {
    path = path.slice(canonicalPath.length);
  }
  // A bare trailing slash is not a path worth keeping; the canonical form has none.
  if (path === "/") path = "";
  const replacement = canonical + path;
  return replacement === value ? { kind: "canonical" } : { kind: "rewrite", replacement, insecure };
}

export function modeWords(mode: Mode): string {
  return mode === "thinking" ? "thinking" : "non-thinking";
}
