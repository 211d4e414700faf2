// A project that decides by a model ID's prefix (`model.startsWith("deepseek-v4-")`,
// `/^deepseek-v4-/.test(model)`) treats every ID the prefix matches alike. A rewrite to an ID
// the prefix no longer matches changes what the app does with that value (aicommit2 decides
// the thinking mode that way), wherever the value is written: code, config or the docs that
// tell users what to set. Which sites reach the test cannot be traced from a doc or a config
// key, so the rewrite of that ID is held in the whole run and each held site names the test.

import { migrationOf, migratingIds, type Settings } from "./rules.js";
import { RULE_IDS, type Finding } from "./findings.js";
import type { FileResult } from "./process.js";
import { applyEdits, BOM, LineIndex } from "./text.js";

/** A prefix test and the file it is in. */
export type PrefixTestAt = PrefixTest & { file: string };

/** Whether a file is code a prefix test counts in (not docs or config: they name, code decides). */
export function mayHoldPrefixTests(file: string): boolean {
  return CODE.test(file);
}

export interface PrefixTest {
  prefix: string;
  /** The test as written (`.startsWith("deepseek-v4-")`), for the finding. */
  expr: string;
  line: number;
  column: number;
}

const CODE = /\.(?:[cm]?[jt]sx?|py)$/i;
// `.startsWith("p")` / `.startswith("p")`, and a regular expression anchored at the start.
const TESTS = [/\.starts[wW]ith\(\s*(["'`])([^"'`\\\s]+)\1\s*[,)]/g, /\/\^([A-Za-z0-9][\w.\-\\]*)\//g, /re\.match\(\s*r?(["'])\^?([\w.\-\\]+)\1/g];

/** The prefix tests in one source file (not docs or config: they name, code decides). */
export function prefixTests(file: string, body: string): PrefixTest[] | undefined {
  if (!CODE.test(file) || !/starts[wW]ith\(|\/\^|re\.match\(/.test(body)) return undefined;
  const lines = new LineIndex(body);
  const out: PrefixTest[] = [];
  for (const re of TESTS) {
    for (const m of body.matchAll(re)) {
      const prefix = (m[2] ?? m[1]!).replace(/\\(.)/g, "$1");
      const expr = m[0].replace(/^\./, "").replace(/\s*,$/, ")");
      out.push({ prefix, expr, ...lines.position(m.index! + m[0].indexOf(prefix[0]!)) });
    }
  }
  // Python's `model.startswith(("deepseek-v4-", "deepseek-r1"))`: each string of the tuple.
  for (const m of body.matchAll(/\.startswith\(\s*\(([^()]*)\)/g)) {
    for (const q of m[1]!.matchAll(/(["'])([^"'\\\s]+)\1/g)) {
      out.push({ prefix: q[2]!, expr: `${m[0].slice(1)})`, ...lines.position(m.index! + m[0].length - m[1]!.length - 1 + q.index! + 1) });
    }
  }
  return out.length > 0 ? out : undefined;
}

interface Held {
  test: PrefixTestAt;
  replacement: string;
}

/**
 * The IDs whose rewrite a prefix test of the project would tell apart: the old ID matches it,
 * the new one matches no prefix test of the project (a test widened by hand to accept it lets
 * the rewrite through).
 */
function heldIds(files: FileResult[], settings: Settings, elsewhere: PrefixTestAt[]): Map<string, Held> {
  const tests = [...files.flatMap((f) => (f.prefixTests ?? []).map((t) => ({ ...t, file: f.file }))), ...elsewhere];
  const held = new Map<string, Held>();
  if (tests.length === 0) return held;
  for (const id of migratingIds(settings)) {
    const { replacement } = migrationOf(id, settings)!;
    const test = tests.find((t) => t.prefix !== id && id.startsWith(t.prefix) && !replacement.startsWith(t.prefix));
    // A test that names the exact ID is a comparison, which the transforms already keep.
    if (test && !tests.some((t) => replacement.startsWith(t.prefix))) held.set(id, { test, replacement });
  }
  return held;
}

/**
 * Turns the rewrites of held IDs into review findings and recomputes each file's text without
 * them. A request whose model was one of them keeps its model, so the mode migrate would have
 * written for it is not written either (the request is "held" in the ledger).
 */
export function holdPrefixTested(files: FileResult[], settings: Settings, elsewhere: PrefixTestAt[] = []): FileResult[] {
  const held = heldIds(files, settings, elsewhere);
  const kept = new Map([...held].map(([id, { test, replacement }]) => [id, {
    replacement,
    message: `"${id}" is kept: this project tells models apart by their prefix (\`${test.expr}\` at ${test.file}:${test.line}:${test.column}), which "${id}" matches and "${replacement}" does not, so the rewrite would change what the app decides for it (a thinking mode, a provider, a feature chosen by that test). Make that test accept "${replacement}" (or decide by the thinking mode), then rewrite this and every other "${id}" together.`,
  }]));
  return holdRewrites(files, kept, () => true);
}

/** An ID whose rewrites are held, with the finding that says why. */
export interface HeldId {
  replacement: string;
  message: string;
}

/** Drops the rewrites of `held` IDs in the files `applies` accepts (see holdPrefixTested), except the findings `keep` accepts. */
export function holdRewrites(files: FileResult[], held: Map<string, HeldId>, applies: (file: string) => boolean, keep: (f: Finding) => boolean = () => false): FileResult[] {
  if (held.size === 0) return files;
  // How a request's sources name a rewrite (`"deepseek-reasoner" → "deepseek-flash" (line 5)`).
  const arrows = [...held].map(([id, h]) => [`"${id}" → "${h.replacement}"`, `"${id}" (kept)`] as const);
  const fromHeld = (sources?: string[]) => !!sources?.some((s) => arrows.some(([a]) => s.includes(a)));
  const renamed = (sources?: string[]) => sources?.map((s) => arrows.reduce((out, [a, kept]) => out.split(a).join(kept), s));
  return files.map((result) => {
    if (result.status !== "changed" || result.before === undefined || !applies(result.file)) return result;
    const hasBom = result.before.startsWith(BOM);
    const body = hasBom ? result.before.slice(1) : result.before;
    const at = new Set<string>();
    // Requests whose model finding `keep` kept: their ledger entry and mode stay as they are.
    const keptRequests = new Set<string>();
    let findings = result.findings.map((f): Finding => {
      // An edit of a held ID: the ID alone, or its literal with the quotes (`"id"` → `"new"`).
      const hit = (f.edits ?? []).flatMap((e) => {
        const span = body.slice(e.start, e.end);
        return [...held].filter(([id, h]) => span.includes(id) && e.text === span.split(id).join(h.replacement));
      })[0];
      if (hit && keep(f)) keptRequests.add(JSON.stringify(f.sources ?? []));
      if (!hit || keep(f)) return f;
      at.add(`${f.line}:${f.column}`);
      const { edits: _dropped, ...rest } = f;
      return { ...rest, ruleId: RULE_IDS.identity, ...(f.sources ? { sources: renamed(f.sources) } : {}), message: hit[1].message };
    });
    const heldHere = (sources?: string[]) => fromHeld(sources) && !keptRequests.has(JSON.stringify(sources ?? []));
    const modes = findings.filter((f) => f.ruleId === RULE_IDS.thinkingMode && f.edits && heldHere(f.sources));
    if (at.size === 0 && modes.length === 0) return result;
    // The note on what the rewrite leaves to do at the consumer goes with the rewrite, and so
    // does the mode written for the held model's request.
    findings = findings.filter((f) => !modes.includes(f) && (f.ruleId !== RULE_IDS.setModeAtConsumer || !at.has(`${f.line}:${f.column}`)));
    const requests = result.requests?.map((r) => (heldHere(r.sources) ? { ...r, sources: renamed(r.sources)!, mode: r.mode === "migrated" ? "held" as const : r.mode } : r));
    const edits = findings.flatMap((f) => f.edits ?? []);
    const { text } = applyEdits(body, edits);
    const next = { ...result, findings, ...(requests ? { requests } : {}) };
    if (text === body) return { ...next, status: "unchanged", before: undefined, after: undefined };
    return { ...next, after: (hasBom ? BOM : "") + text };
  });
}
