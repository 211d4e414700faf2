// A value in a configuration file (YAML, JSON, TOML, .env, INI) goes wherever the app reads it,
// which ds-migrate cannot trace. When the project's code keeps the same ID as a name (compares
// against it, looks it up, asserts it), rewriting the configuration's copy alone can stop that
// code matching it (a real project chose the thinking mode with `model.startswith(p) for p in
// THINKING`, the tuple holding the ID its YAML set). Such rewrites are held for the whole run,
// and each held site names the code that keeps the ID.
import { RULE_IDS } from "./findings.js";
import type { FileResult } from "./process.js";
import { holdRewrites, mayHoldPrefixTests, type HeldId } from "./prefix-tests.js";
import { migrationOf, type Settings } from "./rules.js";

const CONFIG = /\.(ya?ml|json5?|jsonc|toml|ini|cfg|conf|properties)$|(^|\/)\.env(\.[^/]*)?$/i;

export function holdConfigNamedInCode(files: FileResult[], settings: Settings): FileResult[] {
  const held = new Map<string, HeldId>();
  for (const f of files) {
    if (!mayHoldPrefixTests(f.file)) continue;
    for (const finding of f.findings) {
      if (finding.ruleId !== RULE_IDS.identity || finding.suppression) continue;
      // Identity findings start with the kept literal: `"deepseek-chat" names something in this app (a compared value …)`.
      const id = /^"([^"]+)"/.exec(finding.message)?.[1];
      const migration = id ? migrationOf(id, settings) : undefined;
      if (!id || !migration || held.has(id)) continue;
      const why = /names something in this app \((.*?)\), so/.exec(finding.message)?.[1]?.replace(/ at \d+:\d+$/, "");
      held.set(id, {
        replacement: migration.replacement,
        message: `"${id}" is kept: the project's code keeps this ID as it is (${why ? `${why}, ` : ""}at ${f.file}:${finding.line}:${finding.column}), and a value set in a configuration file may be what that code compares or looks up, so rewriting it here alone could change what the app decides. Rewrite this and the code's "${id}" together, by hand (compare against "${migration.replacement}" and the thinking mode instead).`,
      });
    }
  }
  return holdRewrites(files, held, (file) => CONFIG.test(file));
}
