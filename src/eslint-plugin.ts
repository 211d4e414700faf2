// The ESLint plugin (`ds-migrate/eslint-plugin`): one rule, `ds-migrate/legacy-model`, that runs
// the ds-migrate analysis on each JS/TS file's text and reports its findings. The autofix is
// exactly what `ds-migrate` writes for the file, split into groups whose fix ranges never touch,
// so `eslint --fix` applies every group in one pass and yields the same bytes as the CLI; the one
// exception is a rewrite whose mode belongs in another module (see GroupFix.complete).
import path from "node:path";
import type { ESLint, Linter, Rule } from "eslint";
import type { Finding } from "./findings.js";
import { RULE_IDS } from "./findings.js";
import { analyzeSourceSync, loadLanguageOf, settingsForSource, VERSION, type FileResult, type SourceOptions } from "./index.js";
import { languageFor } from "./languages.js";
import { DEFAULT_RULES, migratingIds, migrationOf, TARGETS, type Settings } from "./rules.js";
import { applyEdits, LineIndex, wholeToken } from "./text.js";

// ESLint rules cannot await: the JS/TS transform is loaded when the plugin module is imported.
await loadLanguageOf("file.ts");

const JS_TS = languageFor("file.ts")!;

export interface RuleOptions extends Omit<SourceOptions, "cwd"> {
  /** Also report info findings that carry no edit (IDs in comments and other text, notes). */
  info?: boolean;
}

/** Review findings whose span is one legacy ID that may simply be swapped: offered as a suggestion. */
const SUGGEST_SWAP = new Set<string>([RULE_IDS.unproven, RULE_IDS.unparsedFile, RULE_IDS.idInText]);

const RULE_NAME = "legacy-model";

const rule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Report DeepSeek's legacy model IDs and base URLs; fix what ds-migrate proves, suggest the rest",
      recommended: true,
      url: "https://www.npmjs.com/package/ds-migrate#eslint",
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          target: { enum: [...TARGETS] },
          thinkingParam: { enum: Object.keys(DEFAULT_RULES.dialects) },
          config: { type: "string" },
          today: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
          info: { type: "boolean" },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
    messages: {
      finding: "{{ruleId}}: {{message}}",
      swapUnproven: 'Change "{{from}}" to "{{to}}" (not proven to be a DeepSeek request\'s model: check it, and set the thinking mode where the request is sent)',
      swapText: 'Change "{{from}}" to "{{to}}" in this text',
      rewriteHere: "Rewrite it as ds-migrate would on this file alone (then set the thinking mode where the value is sent; `ds-migrate` over the project does both)",
    },
  },
  create(context) {
    // A code block inside another file (a processor's virtual file) is named by its own extension;
    // text linted without a file name (`<input>`, `<text>`) is JavaScript to ESLint, and so to us.
    const language = languageFor(context.filename);
    const named = /\.[^/\\.]+$/.test(context.filename);
    if (named ? language !== JS_TS : language !== undefined) return {};
    const options = (context.options[0] ?? {}) as RuleOptions;
    return {
      Program() {
        const sourceCode = context.sourceCode;
        const relative = path.relative(context.cwd, context.filename).split(path.sep).join("/");
        const file = named ? relative : `${relative}.js`;
        const { info, ...rest } = options;
        const source = { ...rest, cwd: context.cwd };
        const result = analyzeSourceSync(file, sourceCode.text, source);
        const fixes = fixGroups(result, sourceCode.text);
        // The engine counts lines by \n only; ESLint also breaks at \r, U+2028 and U+2029: go through offsets.
        const lines = new LineIndex(sourceCode.text);
        for (const f of result.findings) {
          if (f.suppression || (f.severity === "info" && !f.edits?.length && !info)) continue;
          const start = lines.offsetOf(f.line, f.column);
          const end = lines.offsetOf(f.endLine, f.endColumn);
          const group = fixes.get(f);
          const apply = group ? (fixer: Rule.RuleFixer) => fixer.replaceTextRange([group.start, group.end], group.text) : null;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
            messageId: "finding",
            data: { ruleId: f.ruleId, message: f.message },
            fix: group?.complete ? apply : null,
            suggest: group ? (group.complete ? [] : [{ messageId: "rewriteHere", fix: apply! }]) : suggestions(f, sourceCode.text, start, end, settingsForSource(source)),
          });
        }
      },
    };
  },
};

interface GroupFix {
  start: number;
  end: number;
  text: string;
  /**
   * False when the group rewrites an ID whose mode must be set in another file (the analysis
   * reports set-mode-at-consumer: an exported value with no request here). The CLI links the
   * modules of a project; one file cannot, so that rewrite is a suggestion, not an autofix.
   */
  complete: boolean;
}

/**
 * Every edit the CLI writes, in groups: the findings of one request (its model ID and the mode
 * written at it, the IDs its sources name) form one group, so no quick fix rewrites an ID without
 * the mode that keeps its behaviour; groups whose ranges overlap or touch are merged, because
 * ESLint applies only one of two touching fixes per pass. Each finding of a group carries the
 * whole group's fix. Nothing is fixed when the CLI would write nothing (a conflict, a parse error).
 */
function fixGroups(result: FileResult, text: string): Map<Finding, GroupFix> {
  const out = new Map<Finding, GroupFix>();
  if (result.status !== "changed") return out;
  const members = result.findings.filter((f) => !f.suppression && f.edits && f.edits.length > 0);
  const parent = members.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (const request of result.requests ?? []) {
    const lines = new Set(request.sources.flatMap((s) => [...s.matchAll(/\(line (\d+)\)/g)].map((m) => Number(m[1]))));
    const linked = members.flatMap((f, i) => (lines.has(f.line) || f.edits!.some((e) => request.start <= e.start && e.end <= request.end) ? [i] : []));
    for (const i of linked.slice(1)) union(linked[0]!, i);
  }
  // Ranges in order; a group that reaches or overlaps the next one's start joins it.
  const span = (i: number) => ({ start: Math.min(...members[i]!.edits!.map((e) => e.start)), end: Math.max(...members[i]!.edits!.map((e) => e.end)) });
  for (let changed = true; changed; ) {
    changed = false;
    const groups = new Map<number, { start: number; end: number }>();
    members.forEach((_, i) => {
      const root = find(i);
      const s = span(i);
      const g = groups.get(root);
      groups.set(root, g ? { start: Math.min(g.start, s.start), end: Math.max(g.end, s.end) } : s);
    });
    const sorted = [...groups].sort((a, b) => a[1].start - b[1].start);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]![1].start <= sorted[k - 1]![1].end) {
        union(sorted[k]![0], sorted[k - 1]![0]);
        changed = true;
      }
    }
  }
  const byRoot = new Map<number, Finding[]>();
  members.forEach((f, i) => byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), f]));
  const elsewhere = new Set(result.findings.filter((f) => f.ruleId === RULE_IDS.setModeAtConsumer && !f.suppression).map((f) => `${f.line}:${f.column}`));
  for (const group of byRoot.values()) {
    const complete = !group.some((f) => elsewhere.has(`${f.line}:${f.column}`));
    const edits = group.flatMap((f) => f.edits!);
    const start = Math.min(...edits.map((e) => e.start));
    const end = Math.max(...edits.map((e) => e.end));
    // The engine's own edit application, on the group's slice: byte for byte what the CLI writes there.
    const fixed = applyEdits(text.slice(start, end), edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text }))).text;
    for (const f of group) out.set(f, { start, end, text: fixed, complete });
  }
  return out;
}

/** A review finding on exactly one legacy ID: offer the swap, never apply it. */
function suggestions(f: Finding, text: string, start: number, end: number, settings: Settings): Rule.SuggestionReportDescriptor[] {
  if (!SUGGEST_SWAP.has(f.ruleId)) return [];
  // The span is the ID, its string literal or a longer text: only one ID in it is unambiguous.
  const found = migratingIds(settings).flatMap((id) => {
    const at = text.indexOf(id, start);
    return at !== -1 && at + id.length <= end && wholeToken(text, at, at + id.length) ? [{ id, at }] : [];
  });
  if (found.length !== 1) return [];
  const { id: from, at } = found[0]!;
  const again = text.indexOf(from, at + from.length);
  if (again !== -1 && again < end) return [];
  const to = migrationOf(from, settings)!.replacement;
  return [{ messageId: f.ruleId === RULE_IDS.idInText ? "swapText" : "swapUnproven", data: { from, to }, fix: (fixer) => fixer.replaceTextRange([at, at + from.length], to) }];
}

const plugin = {
  meta: { name: "ds-migrate", version: VERSION, namespace: "ds-migrate" },
  rules: { [RULE_NAME]: rule },
  configs: {} as { recommended: Linter.Config },
} satisfies ESLint.Plugin;

// No `files`: like the core recommended configs, it applies to whatever the user's config lints
// (TypeScript once a TS parser is configured); the rule itself skips all but JS/TS.
plugin.configs.recommended = {
  name: "ds-migrate/recommended",
  plugins: { "ds-migrate": plugin },
  rules: { [`ds-migrate/${RULE_NAME}`]: "error" },
};

export default plugin;
