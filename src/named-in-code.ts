// A value in a configuration file (YAML, JSON, TOML, .env, INI) goes wherever the app reads it,
// which ds-migrate cannot trace. When the project's code keeps the same ID as a name (compares
// against it, looks it up, lists it as a distinct entry, asserts it), rewriting the
// configuration's copy alone can stop that code matching it (a real project chose the thinking
// mode with `model.startswith(p) for p in THINKING`, the tuple holding the ID its YAML set).
// Such rewrites are held for the whole run, and each held site names the code that keeps the ID.
import { RULE_IDS, type Finding } from "./findings.js";
import type { FileResult } from "./process.js";
import { holdRewrites, mayHoldPrefixTests, type HeldId } from "./prefix-tests.js";
import { migrationOf, type Settings } from "./rules.js";

const CONFIG = /\.(ya?ml|json5?|jsonc|toml|ini|cfg|conf|properties)$|(^|\/)\.env(\.[^/]*)?$/i;

export function holdConfigNamedInCode(files: FileResult[], settings: Settings): FileResult[] {
  const held = new Map<string, HeldId>();
  for (const f of files) {
    if (!mayHoldPrefixTests(f.file)) continue;
    for (const finding of f.findings) {
      for (const { id, why } of keptIds(finding)) {
        const migration = migrationOf(id, settings);
        if (!migration || held.has(id)) continue;
        held.set(id, {
          replacement: migration.replacement,
          message: `"${id}" is kept: the project's code keeps this ID as it is (${why ? `${why}, ` : ""}at ${f.file}:${finding.line}:${finding.column}), and a value set in a configuration file may be what that code compares or looks up, so rewriting it here alone could change what the app decides. Rewrite this and the code's "${id}" together, by hand (compare against "${migration.replacement}" and the thinking mode instead).`,
        });
      }
    }
  }
  // A request written in the file itself (a YAML health check's body) is proven, not a setting: it keeps its rewrite.
  return holdRewrites(files, held, (file) => CONFIG.test(file), (f) => !!f.sources?.length);
}

/** The IDs a code finding keeps as names: an identity finding's literal (its message starts with it), or a collision's group. */
function keptIds(finding: Finding): Array<{ id: string; why?: string }> {
  if (finding.suppression) return [];
  if (finding.ruleId === RULE_IDS.identity) {
    const id = /^"([^"]+)"/.exec(finding.message)?.[1];
    const why = /names something in this app \((.*?)\), so/.exec(finding.message)?.[1]?.replace(/ at \d+:\d+$/, "");
    return id ? [{ id, ...(why ? { why } : {}) }] : [];
  }
  if (finding.ruleId === RULE_IDS.collision) return [...finding.message.matchAll(/"([^"\s]+)"/g)].map((m) => ({ id: m[1]!, why: "distinct entries that a rewrite would merge" }));
  return [];
}
