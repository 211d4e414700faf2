// One file, start to end: read → prefilter → decode → transform → findings with
// positions and the rewritten text. Runs on the main thread or in a worker; it never writes.
import { readFileSync } from "node:fs";
import type { Settings } from "./rules.js";
import { migratingIds, migrationOf, needles, statusSeverity } from "./rules.js";
import { RULE_IDS, type CalledImport, type ExportedId, type Finding, type LinkKeys, type ModuleLinks, type ParamSink, type RawFinding, type RawRequest, type RequestRecord } from "./findings.js";
import { analyzerFor, languageFor, languageFromShebang, OTHER_TEXT, type Analyze, type Language } from "./languages.js";
import { looksBinary, makePrefilter, utf16Of, utf16Text, type Prefilter } from "./prefilter.js";
import { applyDirectives, findDirectives, type Directive } from "./suppress.js";
import { applyEdits, BOM, LineIndex, wholeToken } from "./text.js";
import { prefixTests, type PrefixTest } from "./prefix-tests.js";

export const MAX_PARSE_BYTES = 5 * 1024 * 1024;
const TOO_DEEP = "nesting too deep to parse";

export type FileStatus = "unchanged" | "changed" | "unparsed" | "unreadable";

export interface FileResult {
  /** As given to the engine: relative to the working directory, with forward slashes. */
  file: string;
  status: FileStatus;
  findings: Finding[];
  /** Set when status is "changed": the original and the migrated text, both with their BOM. */
  before?: string;
  after?: string;
  /** Why the file could not be read or parsed. */
  problem?: string;
  /** Legacy IDs the module exports (cross-module linking; not part of reports). */
  exports?: ExportedId[];
  /** Parameters other modules' calls feed into this module's requests (cross-module linking). */
  sinks?: ParamSink[];
  /** Imported callees this module hands an ID it could not follow (the linking pass reads their modules). */
  called?: CalledImport[];
  /** HTTP client instances on DeepSeek's base URL this module exports (cross-module linking). */
  clients?: string[];
  /** Python: what the linking pass tests before analysing the module again (cross-module linking). */
  linkKeys?: LinkKeys;
  /** Module-level bare DeepSeek hosts no client here takes (cross-module linking: TransformResult.baseUrls). */
  baseUrls?: string[];
  /** Module-level names naming DeepSeek's API (cross-module linking: TransformResult.hosts). */
  hosts?: string[];
  /** See TransformResult.otherHosts. */
  otherHosts?: Array<{ name: string; url: string; setting?: string }>;
  /** See TransformResult.hostsWanted. */
  hostsWanted?: boolean;
  /** The mode ledger: every DeepSeek request in the file, with its mode. */
  requests?: RequestRecord[];
  /** A report ds-migrate wrote: skipped, and counted as such. */
  ownReport?: true;
  /** How often each ID this run moves on appears in the file (whole tokens): the report's lifecycle lines. */
  ids?: Record<string, number>;
  /** Model-prefix tests in the file's code (`startsWith("deepseek-v4-")`): src/prefix-tests.ts. */
  prefixTests?: PrefixTest[];
}

export interface Processor {
  /** undefined when the prefilter proves the file needs no work (the linking pass, with `links`, skips it). */
  process(absPath: string, file: string, links?: ModuleLinks, knownHit?: boolean): Promise<FileResult | undefined>;
  /** The prefilter alone: whether the file's bytes hold a needle, or it is binary (throws when it cannot be read). */
  classify(absPath: string): "hit" | "near" | "miss" | "binary";
}

/** `overlay`: text to read instead of the file on disk, by absolute path (an editor's unsaved documents, src/lsp). */
export function makeProcessor(settings: Settings, overlay?: ReadonlyMap<string, string>): Processor {
  const prefilter = makePrefilter(needles(settings.rules));
  const unsaved = (absPath: string) => {
    const text = overlay?.get(absPath);
    return text === undefined ? undefined : Buffer.from(text, "utf8");
  };
  return {
    process: (absPath, file, links, knownHit) => processFile(absPath, file, settings, prefilter, links, knownHit, unsaved(absPath)),
    classify: (absPath) => {
      const buf = unsaved(absPath);
      return buf ? prefilter.classifyBuffer(buf) : prefilter.classify(absPath);
    },
  };
}

function unreadable(file: string, error: unknown): FileResult {
  return { file, status: "unreadable", findings: [], problem: `cannot read: ${(error as Error).message}` };
}

async function processFile(absPath: string, file: string, settings: Settings, prefilter: Prefilter, links?: ModuleLinks, knownHit?: boolean, unsaved?: Buffer): Promise<FileResult | undefined> {
  let buf: Buffer;
  try {
    // An importer found by the linking pass need not contain any legacy string itself;
    // a file a worker's prefilter already matched is not searched twice.
    if (!links && !knownHit && !(unsaved ? prefilter.hits(unsaved) : prefilter.fileHits(absPath))) return undefined;
    buf = unsaved ?? readFileSync(absPath);
  } catch (error) {
    return unreadable(file, error);
  }
  // Text in another encoding is searched, never rewritten: writing it back byte-exact is not worth the risk.
  const utf16 = utf16Of(buf);
  if (utf16) return searchedOnly(file, utf16Text(buf, utf16).replace(/^\uFEFF/, ""), settings, `${utf16 === "utf16le" ? "UTF-16LE" : "UTF-16BE"} text`);
  if (looksBinary(buf)) return { file, status: "unreadable", findings: [], problem: "binary content (NUL bytes): not scanned" };
  let text: string;
  try {
    // ignoreBOM keeps a BOM in the text, so it is seen and written back.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return searchedOnly(file, new TextDecoder("utf-8").decode(buf), settings, "not valid UTF-8");
  }
  const hasBom = text.startsWith(BOM);
  const body = hasBom ? text.slice(1) : text;
  // ds-migrate's own reports (--report) quote every ID they found: they are output, not code.
  if (isOwnReport(file, body)) return { file, status: "unchanged", findings: [], ownReport: true };
  return withIds(await analyzeText(file, body, hasBom, buf.length, settings, links), body, settings);
}

async function analyzeText(file: string, body: string, hasBom: boolean, size: number, settings: Settings, links?: ModuleLinks): Promise<FileResult> {
  return analyzeWith(await analyzerFor(textLanguage(file, body)), file, body, hasBom, size, settings, links);
}

export function textLanguage(file: string, body: string): Language {
  return languageFor(file) ?? languageFromShebang(body.slice(0, body.indexOf("\n") >>> 0)) ?? OTHER_TEXT;
}

/**
 * One text already in memory, analysed alone (no cross-module links) as processFile analyses
 * a file, with its language's analyzer already loaded: the entry for callers that cannot await.
 */
export function analyzeLoadedText(file: string, text: string, settings: Settings, analyze: Analyze): FileResult {
  const hasBom = text.startsWith(BOM);
  const body = hasBom ? text.slice(1) : text;
  return withIds(analyzeWith(analyze, file, body, hasBom, Buffer.byteLength(text), settings), body, settings);
}

function analyzeWith(analyze: Analyze, file: string, body: string, hasBom: boolean, size: number, settings: Settings, links?: ModuleLinks): FileResult {
  if (size > MAX_PARSE_BYTES) {
    return unparsed(file, body, settings, `larger than ${MAX_PARSE_BYTES / 1024 / 1024} MB: not parsed`);
  }
  let result;
  try {
    result = analyze(body, file, settings, links);
  } catch (error) {
    // Pathological input (thousands of nested brackets) can exhaust a recursive parser's
    // stack: that file is unparsed and searched as text, like a syntax error.
    if (error instanceof RangeError) return unparsed(file, body, settings, TOO_DEEP);
    throw error;
  }
  if (result.parseError) {
    const { line, column, message } = result.parseError;
    // Whether the parser or the stack gives up first depends on the engine's frame sizes: one wording for both.
    return unparsed(file, body, settings, message === TOO_DEEP ? TOO_DEEP : `syntax error at ${line}:${column}: ${message}`);
  }
  const done = finish(file, body, hasBom, withSources([...result.findings, ...uncovered(body, result.findings, settings)], result.requests ?? []));
  if (result.requests && result.requests.length > 0) {
    const lines = new LineIndex(body);
    done.requests = result.requests.map((r) => ({ ...r, file, ...lines.position(r.start) }));
  }
  if (result.exports && result.exports.length > 0) {
    const lines = new LineIndex(body);
    done.exports = result.exports.map((e) => ({ ...e, ...lines.position(e.start) }));
  }
  if (result.sinks && result.sinks.length > 0) {
    const lines = new LineIndex(body);
    done.sinks = result.sinks.map(({ start, ...s }) => ({ ...s, file, line: lines.position(start).line }));
  }
  if (result.called) done.called = result.called;
  if (result.clients && result.clients.length > 0) done.clients = result.clients;
  if (result.linkKeys) done.linkKeys = result.linkKeys;
  if (result.baseUrls && result.baseUrls.length > 0) done.baseUrls = result.baseUrls;
  if (result.hosts && result.hosts.length > 0) done.hosts = result.hosts;
  if (result.otherHosts && result.otherHosts.length > 0) done.otherHosts = result.otherHosts;
  if (result.hostsWanted) done.hostsWanted = true;
  const tests = prefixTests(file, body);
  if (tests) done.prefixTests = tests;
  return done;
}

/**
 * No silent pass: a legacy ID that no finding of the analysis covers (an escaped string in a
 * shell payload, a format the analyser does not read) is still reported. Quoted, it may be a
 * value: an error, as in files ds-migrate does not parse; anything else is information.
 */
function uncovered(body: string, findings: RawFinding[], settings: Settings): RawFinding[] {
  const spans = findings.flatMap((f) => [f, ...(f.related ?? []), ...(f.edits ?? [])]);
  const out: RawFinding[] = [];
  for (const id of migratingIds(settings)) {
    for (let i = body.indexOf(id); i !== -1; i = body.indexOf(id, i + id.length)) {
      const end = i + id.length;
      if (!wholeToken(body, i, end) || spans.some((s) => s.start <= i && end <= s.end)) continue;
      const { row, replacement } = migrationOf(id, settings)!;
      // `"id"`, and `\"id\"` inside another string (an env line an echo writes).
      const closing = body[end] === "\\" ? body[end + 1] : body[end];
      if (/["'`]/.test(body[i - 1] ?? "") && closing === body[i - 1]) {
        out.push({ ruleId: RULE_IDS.unproven, severity: statusSeverity(row, settings), start: i, end,
          message: `"${id}" is a quoted value ds-migrate could not place (an escaped or nested string, or a form it does not read): not rewritten. If it is sent to DeepSeek, change it to "${replacement}" and set the thinking mode where the request is sent.` });
      } else {
        out.push({ ruleId: RULE_IDS.idInText, severity: "info", start: i, end, message: `"${id}" in text ds-migrate does not read as a value: not rewritten; update it if it matters.` });
      }
    }
  }
  return out;
}

/** A finding inside a request's span carries what the innermost such request traced to its model. */
function withSources(findings: RawFinding[], requests: RawRequest[]): RawFinding[] {
  if (requests.length === 0) return findings;
  return findings.map((f) => {
    let inner: RawRequest | undefined;
    for (const r of requests) if (r.start <= f.start && f.end <= r.end && (!inner || r.end - r.start < inner.end - inner.start)) inner = r;
    return inner && inner.sources.length > 0 ? { ...f, sources: inner.sources } : f;
  });
}

/** A report ds-migrate wrote (JSON, SARIF or Markdown), recognised by how it begins. */
function isOwnReport(file: string, body: string): boolean {
  const head = body.slice(0, 600);
  if (/\.(json|sarif)$/i.test(file)) return /"name":\s*"ds-migrate"/.test(head) && (/"schemaVersion"/.test(head) || /sarif/i.test(head));
  if (/\.md$/i.test(file)) return /^## ds-migrate (check|migration)/.test(head);
  return false;
}

function withIds(result: FileResult, body: string, settings: Settings): FileResult {
  const ids: Record<string, number> = {};
  for (const id of migratingIds(settings)) {
    let n = 0;
    for (let i = body.indexOf(id); i !== -1; i = body.indexOf(id, i + id.length)) if (wholeToken(body, i, i + id.length)) n++;
    if (n > 0) ids[id] = n;
  }
  if (Object.keys(ids).length > 0) result.ids = ids;
  return result;
}

function finish(file: string, body: string, hasBom: boolean, all: RawFinding[]): FileResult {
  const lines = new LineIndex(body);
  const { kept: raw, suppressed } = applyDirectives(body, dedupe(all), findDirectives(body));
  const findings = [...raw.map((f) => locate(file, lines, f)), ...suppressed.map((s) => silenced(locate(file, lines, s.finding), s.directive))].sort(byPosition);
  const edits = raw.flatMap((f) => f.edits ?? []);
  if (edits.length === 0) return { file, status: "unchanged", findings };
  const { text, dropped } = applyEdits(body, edits);
  if (dropped.length > 0) {
    // Overlapping edits mean two rules disagree about one span: write nothing, say where.
    const where = lines.position(dropped[0]!.start);
    return { file, status: "unparsed", findings, problem: `conflicting rewrites at ${where.line}:${where.column}; file left unchanged (please report this)` };
  }
  if (text === body) return { file, status: "unchanged", findings };
  const prefix = hasBom ? BOM : "";
  return { file, status: "changed", findings, before: prefix + body, after: prefix + text };
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function silenced(f: Finding, d: Directive): Finding {
  return { ...f, suppression: { kind: "inSource", directive: d.rules.length > 0 ? `${d.text} ${d.rules.join(" ")}` : d.text, line: d.line } };
}

function dedupe(raw: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  const unique = raw.filter((f) => {
    const key = `${f.ruleId}:${f.start}:${f.end}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // One collision of the same IDs seen twice (as a table's values and as what one request receives):
  // one finding, the one that names the request.
  const collisions = new Map<string, RawFinding>();
  for (const f of unique) {
    if (f.ruleId !== RULE_IDS.collision || f.edits?.length) continue;
    const key = `${f.start}:${f.end}`;
    const kept = collisions.get(key);
    if (!kept || (!kept.message.includes("request") && f.message.includes("request"))) collisions.set(key, f);
  }
  return unique.filter((f) => f.ruleId !== RULE_IDS.collision || !!f.edits?.length || collisions.get(`${f.start}:${f.end}`) === f);
}

function locate(file: string, lines: LineIndex, f: RawFinding): Finding {
  const start = lines.position(f.start);
  const end = lines.position(f.end);
  const located: Finding = {
    ruleId: f.ruleId,
    severity: f.severity,
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: f.message,
  };
  if (f.sources) located.sources = f.sources;
  if (f.related && f.related.length > 0) {
    located.related = f.related.map((r) => {
      const a = lines.position(r.start);
      const b = lines.position(r.end);
      return { ...r, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
    });
  }
  if (f.edits) {
    located.edits = f.edits.map((e) => {
      const a = lines.position(e.start);
      const b = lines.position(e.end);
      return { ...e, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
    });
  }
  return located;
}

/** A file in an encoding ds-migrate does not write: its IDs are found and reported, nothing is rewritten. */
function searchedOnly(file: string, body: string, settings: Settings, encoding: string): FileResult {
  const advice = "not rewritten: convert the file to UTF-8 and run ds-migrate again, or migrate this by hand";
  return textSearch(file, body, settings, `${encoding}: searched for IDs, not rewritten; convert it to UTF-8 to migrate it`, `found by searching the file's text (${encoding}); ${advice}.`);
}

/** A file we could not parse is still searched as text, so a syntax error cannot hide an ID. */
function unparsed(file: string, body: string, settings: Settings, problem: string): FileResult {
  return textSearch(file, body, settings, problem, `found by plain text search (the file could not be parsed: ${problem}); fix the file and run ds-migrate again, or migrate this by hand.`);
}

function textSearch(file: string, body: string, settings: Settings, problem: string, how: string): FileResult {
  const raw: RawFinding[] = [];
  for (const id of migratingIds(settings)) {
    const severity = statusSeverity(migrationOf(id, settings)!.row, settings);
    for (let i = body.indexOf(id); i !== -1; i = body.indexOf(id, i + id.length)) {
      if (!wholeToken(body, i, i + id.length)) continue;
      raw.push({
        ruleId: RULE_IDS.unparsedFile, severity, start: i, end: i + id.length,
        message: `"${id}" ${how}`,
      });
    }
  }
  for (const host of settings.rules.hosts) {
    const insecure = `http://${host}`;
    for (let i = body.indexOf(insecure); i !== -1; i = body.indexOf(insecure, i + insecure.length)) {
      raw.push({
        ruleId: RULE_IDS.unparsedFile, severity: "error", start: i, end: i + insecure.length,
        message: `"${insecure}" (plain http) found by text search in a file that could not be parsed or decoded (${problem}); use https.`,
      });
    }
  }
  const lines = new LineIndex(body);
  const { kept, suppressed } = applyDirectives(body, raw, findDirectives(body));
  const findings = [...kept.map((f) => locate(file, lines, f)), ...suppressed.map((s) => silenced(locate(file, lines, s.finding), s.directive))].sort(byPosition);
  return { file, status: "unparsed", findings, problem };
}
