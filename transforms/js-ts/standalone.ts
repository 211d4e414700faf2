// The JS/TS transform as a plain function of (source, path, options) → new source, for
// the jscodeshift wrapper and other hosts that hand over one file's text at a time.
import { DEFAULT_RULES, type DialectName, type Settings, type Target } from "../../src/rules.js";
import { applyEdits, BOM } from "../../src/text.js";
import { analyzeJsTs } from "./index.js";

export interface StandaloneOptions {
  target?: Target;
  thinkingParam?: DialectName;
  "thinking-param"?: DialectName;
}

/** The migrated text, or undefined when nothing changes (jscodeshift then reports "unmodified"). */
export function transformSource(source: string, file: string, options: StandaloneOptions = {}): string | undefined {
  const settings: Settings = {
    rules: DEFAULT_RULES,
    target: options.target ?? "flash",
    dialect: options.thinkingParam ?? options["thinking-param"] ?? "thinking",
  };
  const hasBom = source.startsWith(BOM);
  const body = hasBom ? source.slice(1) : source;
  const result = analyzeJsTs(body, file, settings);
  if (result.parseError) throw new Error(`${file}:${result.parseError.line}:${result.parseError.column}: ${result.parseError.message}`);
  const edits = result.findings.flatMap((f) => f.edits ?? []);
  if (edits.length === 0) return undefined;
  const { text, dropped } = applyEdits(body, edits);
  if (dropped.length > 0) throw new Error(`${file}: conflicting rewrites; file left unchanged`);
  return (hasBom ? BOM : "") + text;
}
