// A value in a configuration file (YAML, JSON, TOML, .env, INI) goes wherever the app reads it,
// which ds-migrate cannot trace. When the project's code keeps the same ID as a name (compares
// against it, looks it up, lists it as a distinct entry, asserts it), rewriting the
// configuration's copy alone can stop that code matching it (a real project chose the thinking
// mode with `model.startswith(p) for p in THINKING`, the tuple holding the ID its YAML set).
// Such rewrites are held in the code's project (a configuration file of its own project, of a
// project inside it, or of one that contains it; not a sibling's), and each held site names the
// code that keeps the ID.
import path from "node:path";
import { RULE_IDS, type Finding } from "./findings.js";
import { projectRoot } from "./links.js";
import type { FileResult } from "./process.js";
import { holdRewrites, mayHoldPrefixTests, type HeldId } from "./prefix-tests.js";
import { migrationOf, type Settings } from "./rules.js";

const CONFIG = /\.(ya?ml|json5?|jsonc|toml|ini|cfg|conf|properties)$|(^|\/)\.env(\.[^/]*)?$/i;

export function holdConfigNamedInCode(files: FileResult[], settings: Settings, cwd = process.cwd()): FileResult[] {
  const roots = new Map<string, string>();
  const rootOf = (file: string) => projectRoot(path.resolve(cwd, file), roots, PROJECT_MARKERS);
  // Project root of the code → the IDs its code keeps.
  const heldBy = new Map<string, Map<string, HeldId>>();
  for (const f of files) {
    if (!mayHoldPrefixTests(f.file)) continue;
    for (const finding of f.findings) {
      for (const { id, why } of keptIds(finding)) {
        const migration = migrationOf(id, settings);
        const root = rootOf(f.file);
        const held = heldBy.get(root) ?? new Map<string, HeldId>();
        if (!migration || held.has(id)) continue;
        heldBy.set(root, held);
        held.set(id, {
          replacement: migration.replacement,
          message: `"${id}" is kept: the project's code keeps this ID as it is (${why ? `${why}, ` : ""}at ${f.file}:${finding.line}:${finding.column}), and a value set in a configuration file may be what that code compares or looks up, so rewriting it here alone could change what the app decides. Rewrite this and the code's "${id}" together, by hand (compare against "${migration.replacement}" and the thinking mode instead).`,
        });
      }
    }
  }
  // A request written in the file itself (a YAML health check's body) is proven, not a setting: it keeps its rewrite.
  let out = files;
  for (const [root, held] of heldBy) {
    const related = (file: string) => {
      const other = rootOf(file);
      return other.startsWith(root) || root.startsWith(other);
    };
    out = holdRewrites(out, held, (file) => CONFIG.test(file) && related(file), (f) => !!f.sources?.length);
  }
  return out;
}

// What marks a project's folder for a configuration file: manifests of either language (a
// requirements.txt too: services in one repository often have nothing else), or the repository.
const PROJECT_MARKERS = ["package.json", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile", ".git"];

/** The IDs a code finding keeps as names: an identity finding's literal (its message starts with it), or a collision's group. */
function keptIds(finding: Finding): Array<{ id: string; why?: string }> {
  if (finding.suppression) return [];
  if (finding.ruleId === RULE_IDS.identity) {
    const id = /^"([^"]+)"/.exec(finding.message)?.[1];
    const why = /names something in this app \((.*?)\), so/.exec(finding.message)?.[1]?.replace(/ at \d+:\d+$/, "");
    // Only test data (a test's own request or arguments, nothing asserting or comparing it): no code decides by it.
    if (why && /^test data( at \d+:\d+)?(; test data( at \d+:\d+)?)*$/.test(why)) return [];
    return id ? [{ id, ...(why ? { why } : {}) }] : [];
  }
  if (finding.ruleId === RULE_IDS.collision) return [...finding.message.matchAll(/"([^"\s]+)"/g)].map((m) => ({ id: m[1]!, why: "distinct entries that a rewrite would merge" }));
  return [];
}
