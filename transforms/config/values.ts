// What a whole string value in a config file means and what it becomes: shared by the
// .env, JSON, YAML and TOML transforms, which only find the values and their spans.
import { RULE_IDS, type RawFinding } from "../../src/findings.js";
import type { Mode, Settings } from "../../src/rules.js";
import { classifyUrl, matchLegacyId } from "../shared.js";
import { urlFinding } from "../review.js";

export interface ValueSite {
  value: string;
  /** Span of the value's characters (inside any quotes): the rewrite replaces only these. */
  innerStart: number;
  innerEnd: number;
  /** Span to report (the whole token, quotes included). */
  start: number;
  end: number;
}

export interface ValueOptions {
  /** Set when a request body in this file was given its mode: no consumer note needed. */
  consumedByRequest?: boolean;
  /** Words for the consumer note: "where this value is read". */
  where?: string;
}

/** Findings (with edits) for one whole-string config value; none when it is not DeepSeek's. */
export function configValueFindings(site: ValueSite, settings: Settings, options: ValueOptions = {}): RawFinding[] {
  const legacy = matchLegacyId(site.value, settings, false);
  if (legacy) {
    const out: RawFinding[] = [
      {
        ruleId: RULE_IDS.legacyModelId,
        severity: "error",
        start: site.start,
        end: site.end,
        message: `Legacy model ID "${legacy.legacyId}" → "${legacy.replacement}" (deadline ${settings.rules.deadline.slice(0, 10)}).`,
        edits: [{ start: site.innerStart, end: site.innerEnd, text: legacy.replacement }],
      },
    ];
    if (!options.consumedByRequest) out.push(consumerNote(site, legacy.legacyId, legacy.mode, settings, options.where ?? "where this value is read"));
    return out;
  }
  const prefixed = matchLegacyId(site.value, settings, true);
  if (prefixed) {
    return [{
      ruleId: RULE_IDS.idInText, severity: "info", start: site.start, end: site.end,
      message: `"${site.value}" is a provider-prefixed ID: if LiteLLM or DSPy reads it, change it to "${prefixed.replacement}" and set the thinking mode; on OpenRouter it is not DeepSeek's API and stays.`,
    }];
  }
  const url = classifyUrl(site.value, settings.rules);
  const finding = url ? urlFinding(site.value, url, { start: site.start, end: site.end }, { start: site.innerStart, end: site.innerEnd }) : undefined;
  return finding ? [finding] : [];
}

function consumerNote(site: ValueSite, legacyId: string, mode: Mode, settings: Settings, where: string): RawFinding {
  const d = settings.rules.dialects[settings.dialect];
  return {
    ruleId: RULE_IDS.setModeAtConsumer,
    severity: "warning",
    start: site.start,
    end: site.end,
    message: `"${legacyId}" was ${mode === "thinking" ? "a thinking" : "a non-thinking"} model and V4 thinks by default: set ${d.key}: ${JSON.stringify(d.values[mode])} ${where} (extra_body for the OpenAI Python SDK).`,
  };
}

/** Information findings for legacy IDs or DeepSeek hosts inside free text (comments, prose). */
export function textMentions(text: string, offset: number, settings: Settings, where: string): RawFinding[] {
  const needles = [...Object.keys(settings.rules.legacyModels), ...settings.rules.hosts];
  const out: RawFinding[] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
      out.push({ ruleId: RULE_IDS.idInText, severity: "info", start: offset + i, end: offset + i + needle.length, message: `"${needle}" in ${where}: not rewritten; update the text if it matters.` });
    }
  }
  return out;
}

/** A legacy ID used as a key (pricing tables, per-model settings): reviewed, never rewritten. */
export function keyFindings(key: string, start: number, end: number, settings: Settings): RawFinding[] {
  const legacy = matchLegacyId(key, settings, false);
  if (!legacy) return [];
  return [{
    ruleId: RULE_IDS.legacyKey, severity: "error", start, end,
    message: `"${legacy.legacyId}" is used as a key; after migration requests use "${legacy.replacement}" (${legacy.mode}), so this entry no longer matches. Re-key it by hand.`,
  }];
}
