// The pipeline, top to bottom: discover → prefilter → parse and transform per language
// → findings and edits → (migrate only) write. Reporters format what this returns.
import { readFileSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { checkPaths, discover, toPosix, type Discovered, type DiscoveryNotes, emptyNotes } from "./discover.js";
import { unprotectedFiles, type Unprotected } from "./git.js";
import { AnalysisPool, Pool } from "./pool.js";
import { makeProcessor, type FileResult, type Processor } from "./process.js";
import type { Settings } from "./rules.js";
import { enterWritePhase, interruptedBy } from "./interrupt.js";
import { writeAtomic } from "./write.js";
import { dependencyScope, importerFilter, importerNeedles, Linker, mayImport, mayLink, type ImporterNeedles } from "./links.js";
import { AI_PROVIDER_CLIENT, RULE_IDS, type ExportedId, type ParamSink } from "./findings.js";
import type { ProgressFn } from "./progress.js";
import { settlePassThrough } from "../transforms/clients.js";
import { holdPrefixTested, mayHoldPrefixTests, prefixTests, type PrefixTestAt } from "./prefix-tests.js";
import { holdConfigNamedInCode } from "./named-in-code.js";
import { docsOfOwnApi } from "./own-api.js";
import { writeErr } from "./stdio.js";
import { forgetWorkspaces } from "./workspaces.js";

export interface ScanOptions {
  paths: string[];
  cwd: string;
  settings: Settings;
  gitignore: boolean;
  defaultIgnore: boolean;
  ignore: string[];
  /** Scan Markdown docs (--no-docs turns this off). */
  docs: boolean;
  /** Read for cross-module linking only: nothing under them is reported or written (--context). */
  context?: string[];
  /** Called as work moves on, phase by phase (see progress.ts). */
  onProgress?: ProgressFn;
  /** Override the pool decision (tests); default: a pool once a tree exceeds POOL_THRESHOLD files. */
  workers?: number;
  /** Override how many waiting hits start the analysis workers (tests); default PARALLEL_ANALYSIS_AT. */
  parallelAnalysisAt?: number;
  /**
   * Text to read instead of the file on disk, by absolute path: an editor's unsaved documents
   * (src/lsp). A run with an overlay stays on this thread (workers read only the disk).
   */
  overlay?: ReadonlyMap<string, string>;
  /** Kept from one run to the next over the same tree (src/lsp); the run stays on this thread. */
  cache?: ScanCache;
}

/**
 * What a language server keeps between runs over one workspace: the walk, and each file's
 * first-pass result (which depends on that file's text alone). The linking pass always runs
 * again: its answers depend on every module. The owner says what changed.
 */
export class ScanCache {
  walk?: { files: Discovered[]; notes: DiscoveryNotes };
  /** Absolute path → the first pass's result; "miss": the prefilter found nothing to do. */
  readonly firstPass = new Map<string, FileResult | "near" | "miss" | "binary">();
  /** Absolute path → the last importer test: the needles it ran with, and its answer. */
  readonly importerTests = new Map<string, { key: string; hit: boolean }>();

  /** The file's text changed (edited, saved, or changed on disk). */
  changed(abs: string): void {
    this.firstPass.delete(abs);
    this.importerTests.delete(abs);
  }

  /** Files were created, deleted or renamed: walk again next run. */
  rewalk(): void {
    this.walk = undefined;
  }

  /** A copy for a trial run in which `changed` hold other texts: the walk and every other file's first pass are kept. */
  fork(changed: Iterable<string>): ScanCache {
    const copy = new ScanCache();
    copy.walk = this.walk;
    for (const [k, v] of this.firstPass) copy.firstPass.set(k, v);
    for (const [k, v] of this.importerTests) copy.importerTests.set(k, v);
    for (const abs of changed) copy.changed(abs);
    return copy;
  }
}

export interface ScanResult {
  filesScanned: number;
  /** Files with any finding or problem, sorted by path. */
  files: FileResult[];
  notes: DiscoveryNotes;
}

/** DS_MIGRATE_TIMING=1: phase times on stderr, for profiling. */
function timing(phase: string): void {
  if (process.env.DS_MIGRATE_TIMING) writeErr(`ds-migrate timing: ${phase} done at ${Math.round(performance.now())} ms after start\n`);
}

/** This many hits waiting for the main thread start the analysis workers; they take this many at a time. */
const PARALLEL_ANALYSIS_AT = 400;
const ANALYSIS_BATCH = 16;

/**
 * Below this many files the prefilter runs on this thread: a worker thread boots its own Node
 * (~40 ms of CPU each) before it reads a file, and a tree this size is read faster than that
 * (bench slices of 2,000 / 5,000 / 25,000 files: in-process 418 / 608 / 1,640 ms against
 * pooled 507 / 665 / 1,683 ms; the 77k-file corpus is faster pooled). Many hits still get
 * analysis workers (`HitQueue`).
 */
export const POOL_THRESHOLD = 20_000;
const BATCH = 128;


export async function scan(options: ScanOptions): Promise<ScanResult> {
  // Workspace layouts are read once per run (a long-running editor session may change them).
  forgetWorkspaces();
  const context = options.context ?? [];
  await checkPaths([...options.paths, ...context], options.cwd);
  const notes: DiscoveryNotes = emptyNotes();
  // With --context, the files under the paths are the run's (reported, written, counted); the rest are read for linking only.
  const inScope = context.length > 0 ? await filesUnder(options, notes) : undefined;
  const walker = options.cache?.walk && !inScope ? cachedWalk(options.cache.walk, notes) : discover(inScope ? [...options.paths, ...context] : options.paths, options, inScope ? emptyNotes() : notes);
  // Small trees run on this thread; a pool starts only once the walk has found enough files.
  const head: Discovered[] = [];
  let walkDone = false;
  // A cached run walks to the end first (to keep the list); it and an overlay's run stay on this thread.
  const inProcess = !!(options.cache || options.overlay);
  while ((head.length < POOL_THRESHOLD || inProcess) && !walkDone) {
    const next = await walker.next();
    if (next.done) walkDone = true;
    else head.push(...next.value);
  }
  if (options.cache && !inScope && !options.cache.walk) options.cache.walk = { files: head, notes: structuredClone(notes) };
  const size = options.workers ?? (walkDone ? 0 : availableParallelism());
  // A tree read on this thread may still parse its hits on every core (not for an editor's overlay or a cached run).
  const run = size === 0 ? runInProcess(options, options.workers === undefined && !inProcess ? availableParallelism() : 0) : runPooled(options, size);
  const progress = { done: 0, found: 0, walkDone };
  const state: RunState = { files: [], all: [], progress, binary: 0, prefixTests: [] };
  await run.start(state, head);
  for await (const batch of walkDone ? [] : walker) await run.start(state, batch);
  progress.walkDone = true;
  timing(`walk (${progress.found} files)`);
  await run.finish();
  timing("first pass");
  // A hint naming both pass-throughs (no client package decided) takes the one the run's requests, or the manifests, use.
  const own = await docsOfOwnApi(await linkModules(options, state.files, run.importers(state.all), state.all, inScope), options.settings, options.cwd, options.overlay);
  const linked = holdConfigNamedInCode(holdPrefixTested(settlePassThrough(own, options.settings), options.settings, state.prefixTests), options.settings, options.cwd);
  timing("linking pass");
  await run.close();
  linked.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (!inScope) notes.skipped.binary += state.binary; // with --context, binaries among the context files are not the run's
  const reports = linked.filter((f) => f.ownReport);
  notes.skipped.ownReports += reports.length;
  const files = linked.filter((f) => !f.ownReport && (!inScope || inScope.has(f.file)));
  return { filesScanned: inScope ? inScope.size : progress.found - state.binary - reports.length, files, notes };
}

/** The walk a cache kept, as discovery would yield it (one batch), with its notes. */
async function* cachedWalk(walk: NonNullable<ScanCache["walk"]>, notes: DiscoveryNotes): AsyncGenerator<Discovered[]> {
  Object.assign(notes, structuredClone(walk.notes));
  yield walk.files;
}

/** The files discovery yields for the run's own paths (not the context). */
async function filesUnder(options: ScanOptions, notes: DiscoveryNotes): Promise<Set<string>> {
  const rels = new Set<string>();
  for await (const batch of discover(options.paths, options, notes)) for (const d of batch) rels.add(d.rel);
  return rels;
}

interface RunState {
  /** Files the prefilter found to be binary: skipped and counted, left out of files scanned. */
  binary: number;
  files: FileResult[];
  /** Every file found, for the linking pass. */
  all: Discovered[];
  /** Prefix tests in code files that name no ID (`startsWith("deepseek-v4-")`): they hold IDs too. */
  prefixTests: PrefixTestAt[];
  progress: { done: number; found: number; walkDone: boolean };
}

/** Where files are processed: on this thread, or in a worker pool. */
interface Runner {
  start(state: RunState, batch: Discovered[]): Promise<void>;
  /** Resolves once every started file is processed. */
  finish(): Promise<void>;
  /** The linking pass's candidate search over `all`. */
  importers(all: Discovered[]): (groups: ImporterNeedles[], keep: (d: Discovered) => boolean) => Promise<Discovered[]>;
  close(): Promise<void>;
}

function collect(options: ScanOptions, state: RunState, results: FileResult[], count: number): void {
  state.files.push(...results);
  state.progress.done += count;
  options.onProgress?.("scanning", state.progress.done, state.progress.found, !state.progress.walkDone);
}

function runInProcess(options: ScanOptions, parallel: number): Runner {
  const processor = makeProcessor(options.settings, options.overlay);
  const cache = options.cache;
  let hits: HitQueue | undefined;
  const firstPass = async (item: Discovered): Promise<FileResult | "near" | "miss" | "binary"> => {
    let kind: "hit" | "near" | "miss" | "binary";
    try {
      kind = processor.classify(item.abs);
    } catch (error) {
      return { file: item.rel, status: "unreadable", findings: [], problem: `cannot read: ${(error as Error).message}` };
    }
    if (kind !== "hit") return kind;
    return (await processor.process(item.abs, item.rel, undefined, true).catch((error: Error) => internalError(item, error))) ?? "miss";
  };
  return {
    async start(state, batch) {
      state.all.push(...batch);
      state.progress.found += batch.length;
      if (parallel > 0) {
        hits ??= new HitQueue(options, processor, parallel, (results) => state.files.push(...results));
        for (const item of batch) prefilterHere(options, state, processor, item, hits);
        return;
      }
      for (const item of batch) {
        let result = cache?.firstPass.get(item.abs);
        if (result === undefined) {
          result = await firstPass(item);
          // A file that could not be read is tried again next run.
          if (cache && (typeof result === "string" || result.status !== "unreadable")) cache.firstPass.set(item.abs, result);
        }
        if (result === "binary") state.binary++;
        if (result === "near") nearPrefixTests(state, item, options.overlay);
        // A copy: the linking pass replaces a result's findings, and the cached one must stay as the first pass left it.
        collect(options, state, typeof result === "string" ? [] : [{ ...result }], 1);
      }
    },
    finish: async () => hits?.finish(),
    importers: (all) => async (groups, keep) => {
      const test = importerFilter(groups, options.overlay);
      if (!cache) return all.filter((item) => keep(item) && test(item.abs));
      const key = JSON.stringify(groups);
      return all.filter((item) => {
        if (!keep(item)) return false;
        const known = cache.importerTests.get(item.abs);
        if (known?.key === key) return known.hit;
        const hit = test(item.abs);
        cache.importerTests.set(item.abs, { key, hit });
        return hit;
      });
    },
    close: async () => hits?.close(),
  };
}

/** The prefilter on this thread: a hit waits in the queue, the rest is counted now. */
function prefilterHere(options: ScanOptions, state: RunState, processor: Processor, item: Discovered, hits: HitQueue): void {
  let kind: "hit" | "near" | "miss" | "binary";
  try {
    kind = processor.classify(item.abs);
  } catch (error) {
    collect(options, state, [{ file: item.rel, status: "unreadable", findings: [], problem: `cannot read: ${(error as Error).message}` }], 1);
    return;
  }
  if (kind === "hit") hits.push([item]);
  if (kind === "binary") state.binary++;
  if (kind === "near") nearPrefixTests(state, item);
  collect(options, state, [], 1);
}

/**
 * Hits waiting to be parsed: this thread takes them one at a time, yielding between files so
 * the walk and the workers' answers keep flowing; when many wait (a tree where most files name
 * an ID), analysis workers take batches too.
 */
class HitQueue {
  private readonly queue: Discovered[] = [];
  private analysed = 0;
  private draining: Promise<void> | undefined;
  private analysis: AnalysisPool | undefined;

  constructor(
    private readonly options: ScanOptions,
    private readonly processor: Processor,
    private readonly size: number,
    private readonly onResults: (results: FileResult[]) => void,
    private readonly prefilterDone: () => boolean = () => true,
  ) {}

  get waiting(): number {
    return this.queue.length;
  }

  push(items: Discovered[]): void {
    this.queue.push(...items);
    this.draining ??= this.drain();
  }

  async finish(): Promise<void> {
    while (this.draining) await this.draining;
    await this.analysis?.idle();
  }

  async close(): Promise<void> {
    await this.analysis?.close();
  }

  private async drain(): Promise<void> {
    const { queue, options } = this;
    while (queue.length > 0) {
      if (queue.length >= (options.parallelAnalysisAt ?? PARALLEL_ANALYSIS_AT)) {
        this.analysis ??= new AnalysisPool(this.size, options.settings, (results, count) => {
          this.onResults(results);
          this.analysed += count;
        });
      }
      while (this.analysis && queue.length > ANALYSIS_BATCH && this.analysis.offer(() => queue.splice(0, ANALYSIS_BATCH)));
      const item = queue.shift()!;
      const result = await this.processor.process(item.abs, item.rel, undefined, true).catch((error: Error) => internalError(item, error));
      if (result) this.onResults([result]);
      this.analysed++;
      // Once the prefilter is done, parsing the hits is what the run waits for.
      if (this.prefilterDone()) options.onProgress?.("analysing", this.analysed, this.analysed + queue.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.draining = undefined;
  }
}

function runPooled(options: ScanOptions, size: number): Runner {
  let state: RunState | undefined;
  const processor = makeProcessor(options.settings);
  const early = new EarlyImporters();
  // Hits come back from the workers' prefilter and are analysed here (and by analysis workers when many wait).
  const hits = new HitQueue(options, processor, size, (results) => state!.files.push(...results), () => state!.progress.walkDone && state!.progress.done === state!.progress.found);
  const pool: Pool = new Pool(size, options.settings, (answer) => {
    if (answer.search !== undefined) return early.answered(answer.search, answer.matches ?? []);
    collect(options, state!, answer.results, answer.count);
    state!.binary += answer.binary ?? 0;
    for (const item of answer.near ?? []) nearPrefixTests(state!, item);
    if (answer.hits && answer.hits.length > 0) hits.push(answer.hits);
  });
  let pending: Discovered[] = [];
  return {
    async start(s, batch) {
      state = s;
      s.all.push(...batch);
      s.progress.found += batch.length;
      for (const item of batch) {
        pending.push(item);
        if (pending.length === BATCH) {
          pool.submit(pending);
          pending = [];
        }
      }
    },
    async finish() {
      if (pending.length > 0) pool.submit(pending);
      pending = [];
      await pool.idle();
      timing(`workers' prefilter (${hits.waiting} hits still queued)`);
      // The workers are idle now, while this thread parses the last hits: they search the importers
      // of the modules found exporting IDs so far.
      const exporting = state!.files.filter((f) => f.exports?.length);
      const roots = new Map<string, string>();
      early.search(exporting.map((f) => withEnumerations(importerNeedles(path.resolve(options.cwd, f.file), f.exports!, true, roots))), state!.all, pool);
      await hits.finish();
    },
    // The linking pass reads the tree again: in the workers, while they are warm. Groups searched
    // while this thread still parsed hits are not searched again.
    importers: (all) => async (groups, keep) => {
      early.search(groups.filter((g) => !early.has(g)), all, pool, keep);
      await pool.idle();
      const matched = early.matchesOf(groups);
      return all.filter((d) => matched.has(d.abs) && keep(d));
    },
    close: async () => {
      await pool.close();
      await hits.close();
    },
  };
}

/**
 * The linking pass's importer search in the pool, in at most two rounds: one for the modules the
 * first pass has found exporting IDs when the prefilter ends (the workers are idle then, while
 * this thread still parses the last hits: on the benchmark corpus the search took ~0.35 s after
 * the first pass), and one at the linking pass for the groups that round did not have. A file
 * imports a module only if it names both the module and one of its exported names, so the
 * groups of one round are searched together and the union of the rounds' matches holds every
 * importer. `keep` (which needs every export known) is applied to the matches afterwards.
 */
class EarlyImporters {
  private readonly searched = new Set<string>();
  private readonly rounds: Array<{ groups: Set<string>; matches: Discovered[] }> = [];

  has(group: ImporterNeedles): boolean {
    return this.searched.has(JSON.stringify(group));
  }

  search(groups: ImporterNeedles[], all: Discovered[], pool: Pool, keep: (d: Discovered) => boolean = () => true): void {
    const keys = new Set(groups.map((g) => JSON.stringify(g)));
    if (keys.size === 0) return;
    for (const k of keys) this.searched.add(k);
    const tag = this.rounds.push({ groups: keys, matches: [] }) - 1;
    const may = mayImport(groups);
    const candidates = all.filter((d) => may(d.abs) && keep(d));
    for (let i = 0; i < candidates.length; i += BATCH * 4) pool.submit(candidates.slice(i, i + BATCH * 4), groups, tag);
  }

  answered(tag: number, matches: Discovered[]): void {
    this.rounds[tag]!.matches.push(...matches);
  }

  /** The files matched by the rounds that searched any of `groups` (once the pool is idle). */
  matchesOf(groups: ImporterNeedles[]): Set<string> {
    const keys = groups.map((g) => JSON.stringify(g));
    return new Set(this.rounds.filter((r) => keys.some((k) => r.groups.has(k))).flatMap((r) => r.matches.map((d) => d.abs)));
  }
}

/**
 * The second pass: when the first found legacy IDs that modules export, the files that
 * may import them are analysed again with a linker, so a request in one module gets the
 * mode of an ID defined in another. Candidates are bounded three ways, so the pass costs
 * little on a large tree: the file is in the defining module's project (nearest folder
 * with a package manifest or tsconfig), and its bytes name both an exported name and the
 * module (its file or folder name, as any import specifier of it must).
 */
async function linkModules(options: ScanOptions, files: FileResult[], candidates: (groups: ImporterNeedles[], keep: (d: Discovered) => boolean) => Promise<Discovered[]>, all: Discovered[], inScope?: Set<string>): Promise<FileResult[]> {
  const exportsByFile = new Map<string, ExportedId[]>();
  for (const f of files) if (f.exports) exportsByFile.set(path.resolve(options.cwd, f.file), f.exports);
  const linker = new Linker(options.cwd, exportsByFile, options.overlay);
  if (inScope) linker.readOnly = (rel) => !inScope.has(rel);
  // Sinks link the app's own calls; inside an installed package they could only link the package's
  // internal calls, and searching for them would read the whole package again.
  // A forwarding sink counts only in a module some value is known to flow into (see readCallees):
  // in every other module it would only make the linking pass read more importers.
  for (const f of files) {
    const abs = path.resolve(options.cwd, f.file);
    const own = f.sinks?.filter((s) => !s.forwards) ?? [];
    if (own.length > 0 && dependencyScope(abs) === "") linker.sinksByFile.set(abs, own);
  }
  for (const f of files) if (f.clients) linker.clientsByFile.set(path.resolve(options.cwd, f.file), f.clients);
  for (const f of files) if (f.hosts) linker.hostsByFile.set(path.resolve(options.cwd, f.file), f.hosts);
  for (const f of files) if (f.otherHosts) linker.otherHostsByFile.set(path.resolve(options.cwd, f.file), f.otherHosts);
  const processor = makeProcessor(options.settings, options.overlay);
  const flows = new Set<string>();
  const firstPass = new Map(files.map((f) => [path.resolve(options.cwd, f.file), f]));
  await readCallees(options, files, linker, processor, flows, firstPass);
  timing("callees read");
  // An `openai/` ID whose base URL another module names (see TransformResult.hostsWanted).
  const hostReaders = linker.hostsByFile.size > 0 ? files.filter((f) => f.hostsWanted).map((f) => f.file) : [];
  if (exportsByFile.size === 0 && linker.sinksByFile.size === 0 && linker.clientsByFile.size === 0 && !files.some((f) => f.baseUrls?.length) && hostReaders.length === 0) return files;
  // A module calling a sink names it with a call: `ask(`, `new Bot(` (far rarer bytes than the bare name).
  // A Python subclass runs a base class's `__init__` without calling the class: `class X(Base):` or
  // `class X(mod.Base, Mixin):` then `super().__init__(...)` or `Base.__init__(self, ...)`.
  const subclassed = (name: string) => [{ name: `${name})` }, { name: `${name},` }];
  // A JS/TS subclass calls `super(...)` after `extends Base`.
  const called = (sinks: ParamSink[]) => sinks.flatMap((s) => (s.name === "default" ? [{ name: s.name }]
    : [{ name: `${s.name}(` }, ...(/^[A-Z]/.test(s.name) ? (s.keyword !== undefined ? subclassed(s.name) : [{ name: `extends ${s.name}` }]) : [])]));
  const roots = new Map<string, string>();
  const groups = [
    // A module namespace enumerated (`import * as models` then `Object.values(models)`) names none of its exports.
    ...[...exportsByFile].map(([file, exports]) => withEnumerations(importerNeedles(file, exports, true, roots))),
    ...[...linker.sinksByFile].map(([file, sinks]) => importerNeedles(file, called(sinks), true, roots)),
    ...[...linker.clientsByFile].map(([file, names]) => importerNeedles(file, names.map((name) => ({ name: name.startsWith(AI_PROVIDER_CLIENT) ? name.slice(AI_PROVIDER_CLIENT.length) : name })), true, roots)),
    // A Python module whose classes are picked by name at run time (`getattr(module, name)(...)`) names only the module.
    ...[...linker.sinksByFile.keys()].filter((file) => file.endsWith(".py")).map((file) => importerNeedles(file, [{ name: "getattr(" }], true, roots)),
  ];
  const byFile = new Map(files.map((f) => [f.file, f]));
  const analyse = async (item: Discovered): Promise<FileResult | undefined> => {
    linker.current = item.rel;
    linker.forget(item.rel);
    let result = await processor.process(item.abs, item.rel, linker).catch((error: Error) => internalError(item, error));
    if (result && !byFile.has(item.rel) && linksNothing(result, item.abs)) result = undefined;
    // A file whose only news is a request that states its mode still belongs in the ledger.
    const nothing = !result || (result.status === "unchanged" && result.findings.length === 0 && !result.requests?.length);
    if (result && (!nothing || byFile.has(item.rel))) byFile.set(item.rel, result);
    return result;
  };
  const item = (rel: string): Discovered => ({ abs: path.resolve(options.cwd, rel), rel });
  // A candidate importer with no ID of its own that does not parse (a uni-app store with two
  // `export const store` under `// #ifdef`) matters only if its imports can reach a module the
  // pass links; one that cannot is no importer, and "not processed" would fail `migrate` over a
  // file no run needs (while `check` after the rewrite, with nothing left to link, never reads it).
  const isLinked = (abs: string) => exportsByFile.has(abs) || linker.sinksByFile.has(abs) || linker.clientsByFile.has(abs) || linker.hostsByFile.has(abs) || baseUrlHolders.has(abs);
  const baseUrlHolders = new Set(files.filter((f) => f.baseUrls?.length).map((f) => path.resolve(options.cwd, f.file)));
  const linksNothing = (result: FileResult, abs: string): boolean => {
    if (result.status !== "unparsed" || result.findings.length > 0 || abs.endsWith(".py") || abs.endsWith(".ipynb")) return false;
    try {
      return !linker.mayImportLinked(abs, options.overlay?.get(abs) ?? readFileSync(abs, "utf8"), isLinked);
    } catch {
      return false;
    }
  };
  // A Python module the first pass analysed is analysed again only if the linker can answer one of
  // its lookups (tested before its bytes are read again).
  const linkable = mayLink(linker, exportsByFile.values());
  const found = await candidates(groups, (d) => {
    const keys = byFile.get(d.rel)?.linkKeys;
    return !keys || !d.rel.endsWith(".py") || linkable(d.rel, keys);
  });
  timing(`linking candidates (${found.length})`);
  const linked: FileResult[] = [];
  for (const [i, item] of found.entries()) {
    options.onProgress?.("linking", i, found.length);
    const result = await analyse(item);
    if (result?.called?.length) linked.push(result);
  }
  const seen = new Set(found.map((d) => d.rel));
  for (const rel of hostReaders) if (!seen.has(rel)) await analyse(item(rel));
  // An importer may hand an imported ID (unknown to the first pass, which had no linker) on to a
  // module no pass has read (`super().__init__(model=arg or IMPORTED)` with the base
  // class elsewhere): read those callees for their sinks, then that importer again with them known.
  const before = linker.sinksByFile.size;
  await readCallees(options, linked, linker, processor, flows, firstPass);
  if (linker.sinksByFile.size > before) for (const result of linked) await analyse(item(result.file));
  // Every call of a sink is known now: decide the modules that declare them with their
  // callers' values, then the callers with how that settled (see Linker.sinkState).
  linker.callersKnown = true;
  // Forwarders first (a parameter handed on to another module's function), as often as a chain
  // is long, so the modules at the end of a chain are decided with what the whole chain passes.
  const forwarders = [...linker.sinksByFile].filter(([, sinks]) => sinks.some((s) => s.forwards)).map(([abs]) => toPosix(path.relative(options.cwd, abs)));
  for (let hop = 0; hop < Math.min(forwarders.length, 3); hop++) for (const rel of forwarders) await analyse(item(rel));
  // A request reading another module's field (`cfg.model`, `cfg: Cfg`) is decided with every construction known,
  // before the defining module (whose default it may hold) and the constructions' modules.
  for (const rel of linker.fieldReaders()) await analyse(item(rel));
  for (const rel of linker.sinkFiles()) {
    const result = await analyse(item(rel));
    linker.updateExports(path.resolve(options.cwd, rel), result?.exports ?? []);
  }
  const decidedWith = new Set(linker.vetoes.keys());
  for (const rel of linker.callers()) await analyse(item(rel));
  await redecideLifted(linker, decidedWith, analyse, item, options.cwd);
  // A definition another module uses as a name (or hands somewhere unknown) stays as it is:
  // decide its module again, then the importers that took a mode from it. Like a rename
  // refactoring, the whole group moves or none of it does.
  const settled = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const vetoed = [...linker.vetoes.keys()].filter((k) => !settled.has(k));
    if (vetoed.length === 0) break;
    for (const k of vetoed) settled.add(k);
    for (const rel of new Set(vetoed.map(definitionFile))) {
      const result = await analyse(item(rel));
      linker.updateExports(path.resolve(options.cwd, rel), result?.exports ?? []);
    }
    for (const rel of new Set(vetoed.flatMap((k) => [...(linker.usedBy.get(k) ?? [])]))) await analyse(item(rel));
  }
  await proveBaseUrls(options, [...byFile.values()], linker, candidates, analyse, roots, all);
  // A definition a request elsewhere uses needs no "set the mode where it is sent" note.
  for (const result of byFile.values()) {
    result.findings = result.findings.filter((f) => f.ruleId !== RULE_IDS.setModeAtConsumer || !linker.usedDefinitions.has(`${f.file}:${f.line}:${f.column}`));
  }
  return [...byFile.values()];
}

function withEnumerations(group: ImporterNeedles): ImporterNeedles {
  // No names (a default export): every file naming the module is a candidate already. Inside an
  // installed package the app's entries are not defined, and `Object.keys(` is in most of its files.
  if (group.names.length === 0 || group.scope !== "") return group;
  return { ...group, names: [...group.names, "Object.values(", "Object.entries(", "Object.keys("] };
}

/**
 * Bare DeepSeek hosts held in module-level names no client of their own module takes
 * (`BASE_URL = "https://api.deepseek.com"` in a config module; TransformResult.baseUrls):
 * every module that may import one is analysed again with the linker, which records each read
 * of the name. A name read at least once, and only ever as a client's base URL, gains `/v1` in
 * its module (analysed once more). Anything else keeps it as it is: a read joined with a path or
 * used otherwise, a notebook or a component (Vue, Svelte, Astro) naming it, or a module whose
 * reads ds-migrate cannot tie to the name (its bytes name it, so it may read it). A module is
 * imported only by modules of its own language.
 */
async function proveBaseUrls(options: ScanOptions, results: FileResult[], linker: Linker, candidates: (groups: ImporterNeedles[], keep: (d: Discovered) => boolean) => Promise<Discovered[]>, analyse: (item: Discovered) => Promise<FileResult | undefined>, roots: Map<string, string>, all: Discovered[]): Promise<void> {
  const holders = results.filter((f) => f.baseUrls?.length);
  if (holders.length === 0) return;
  const abs = (rel: string) => path.resolve(options.cwd, rel);
  for (const f of holders) linker.baseUrlsByFile.set(abs(f.file), f.baseUrls!);
  const groups = holders.map((f) => ({ holder: f, python: f.file.endsWith(".py"), group: importerNeedles(abs(f.file), f.baseUrls!.map((name) => ({ name })), true, roots) }));
  const found = await candidates(groups.map((g) => g.group), () => true);
  // Components import scripts too, but their script blocks are not linked: any that names the name keeps the host.
  const components = groups.some((g) => !g.python) ? all.filter((d) => COMPONENT_FILE.test(d.rel)) : [];
  const importers = [...found, ...components].filter((d) => !holders.some((h) => h.file === d.rel));
  // One byte test per held name: does a file name it and its module?
  const tests = groups.flatMap(({ holder, python, group }) => holder.baseUrls!.map((name) => {
    const needles = [{ ...group, names: [name] }];
    return { python, key: `${abs(holder.file)}:${name}`, file: abs(holder.file), name, needles, names: importerFilter(needles) };
  }));
  for (const importer of importers) {
    const python = /\.(py|ipynb)$/.test(importer.rel);
    if (/\.(py|[mc]?[jt]sx?)$/.test(importer.rel)) await analyse(importer);
    const read = linker.baseUrlReadsBy.get(importer.rel) ?? new Set<string>();
    for (const t of tests) {
      if (t.python !== python || read.has(t.key)) continue;
      const names = COMPONENT_FILE.test(importer.rel) ? namesBytes(importer.abs, t.needles) : t.names(importer.abs);
      if (names) linker.baseUrlUnseen(t.file, t.name);
    }
  }
  for (const f of holders) if (f.baseUrls!.some((name) => linker.baseUrlProven(f.file, name))) await analyse({ abs: abs(f.file), rel: f.file });
}

const COMPONENT_FILE = /\.(vue|svelte|astro)$/;

/** Whether a component's bytes name one of the groups' names (split at the first dot, as importers spell it) and module. */
function namesBytes(file: string, groups: ImporterNeedles[]): boolean {
  try {
    const text = readFileSync(file, "latin1");
    return groups.some((g) => g.names.some((n) => text.includes(n.split(".")[0]!)) && g.modules.some((m) => text.includes(m)));
  } catch {
    return true;
  }
}

/**
 * A caller that hands a sink the defining module's own constant (`llm.ask(msgs, MODELS.FAST)`)
 * said "not known yet" while callers were unknown, and that held the constant when its module was
 * decided. Analysed again, the caller lifts its veto: decide the module again, then its callers
 * (their arguments carry the constant's new state), then the module once more with those.
 */
async function redecideLifted(linker: Linker, decidedWith: Set<string>, analyse: (item: Discovered) => Promise<FileResult | undefined>, item: (rel: string) => Discovered, cwd: string): Promise<void> {
  const lifted = [...decidedWith].filter((k) => !linker.vetoes.has(k));
  if (lifted.length === 0) return;
  const modules = new Set(lifted.map(definitionFile));
  const decide = async () => {
    for (const rel of modules) {
      const result = await analyse(item(rel));
      linker.updateExports(path.resolve(cwd, rel), result?.exports ?? []);
    }
  };
  await decide();
  for (const rel of new Set([...linker.callers(), ...lifted.flatMap((k) => [...(linker.usedBy.get(k) ?? [])])])) if (!modules.has(rel)) await analyse(item(rel));
  await decide();
}

/**
 * The project's own modules that hits hand an ID to (`ask("deepseek-chat")` with `ask` imported)
 * but that hold no DeepSeek string themselves, so the first pass never read them: read them now
 * for the parameters that reach a request there (sinks), so the calls can be linked like any other.
 */
async function readCallees(options: ScanOptions, files: FileResult[], linker: Linker, processor: Processor, flows: Set<string>, firstPass: Map<string, FileResult>): Promise<void> {
  // A worklist: a module a value flows into that forwards it to a module of its own is followed
  // in turn (chains across modules). `flows` holds the modules some value is known to reach;
  // each is read once (the first pass already read its own files).
  const queue = [...files];
  for (const f of queue) {
    const from = path.resolve(options.cwd, f.file);
    for (const c of f.called ?? []) {
      if (c.forward && !flows.has(from)) continue;
      for (const target of linker.modulesDefining(from, c.specifier, c.name)) {
        if (flows.has(target) || dependencyScope(target) !== "" || !isInside(options.cwd, target)) continue;
        flows.add(target);
        const result = firstPass.has(target) ? firstPass.get(target)
          : await processor.process(target, toPosix(path.relative(options.cwd, target)), undefined, true).catch(() => undefined);
        if (result?.sinks && result.sinks.length > 0) linker.sinksByFile.set(target, result.sinks);
        // `ds("deepseek-chat")` with `ds = createDeepSeek()` exported there: a provider, read for its importers.
        if (result?.clients && result.clients.length > 0) linker.clientsByFile.set(target, result.clients);
        if (result?.hosts && result.hosts.length > 0) linker.hostsByFile.set(target, result.hosts);
        if (result?.called?.length) queue.push(result);
      }
    }
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** "src/models.ts:3:14" → "src/models.ts". */
function definitionFile(key: string): string {
  return key.replace(/:\d+:\d+$/, "");
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** A file ds-migrate failed on was not checked: "unreadable", so it is a file-not-scanned error and check fails. */
/** A code file that names no ID but `deepseek`: read once more for the prefix tests it may hold. */
function nearPrefixTests(state: RunState, item: Discovered, overlay?: ReadonlyMap<string, string>): void {
  if (!mayHoldPrefixTests(item.rel)) return;
  let body: string;
  try {
    body = overlay?.get(item.abs) ?? readFileSync(item.abs, "utf8");
  } catch {
    return; // unreadable now: the prefilter's own read decides how it is reported
  }
  for (const test of prefixTests(item.rel, body) ?? []) state.prefixTests.push({ ...test, file: item.rel });
}

function internalError(item: Discovered, error: Error): FileResult {
  return { file: item.rel, status: "unreadable", findings: [], problem: `internal error (please report it): ${error.message}` };
}

export class UnprotectedFilesError extends Error {
  constructor(readonly files: Array<{ file: string; why: Unprotected }>) {
    super(`refusing to write ${files.length} file(s) git could not restore: ${files.map((f) => f.file).join(", ")}`);
  }
}

export interface WriteOutcome {
  written: string[];
  /** Files written (with --force) that git could not restore, and why. */
  unprotected: Array<{ file: string; why: Unprotected }>;
  failed: Array<{ file: string; problem: string }>;
  /** Set when a signal stopped the writes: the files not written (left as they were). */
  interrupted?: { signal: string; notWritten: string[] };
}

/**
 * Write every changed file atomically. A file git could not restore (uncommitted changes,
 * untracked, ignored, or outside any work tree) is refused unless forced, like git itself
 * refuses to overwrite local changes; with --force such files are written and listed.
 */
export async function writeChanges(scanResult: ScanResult, cwd: string, force: boolean, onProgress?: ProgressFn, roots: string[] = []): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], unprotected: [], failed: [] };
  // A symlink is written through to its target: only a target inside the working folder or a given path, and guarded as itself.
  // A root named as a link stands for the link, not its target (its parent folders are resolved, so /tmp and /private/tmp agree).
  const inside = [cwd, ...roots].map((r) => path.resolve(cwd, r)).map((r) => path.join(realOrSelf(path.dirname(r)), path.basename(r)));
  const changed = scanResult.files.filter((f) => {
    if (f.status !== "changed") return false;
    const real = realOrSelf(path.resolve(cwd, f.file));
    if (inside.some((root) => real === root || real.startsWith(root + path.sep))) return true;
    outcome.failed.push({ file: f.file, problem: `not written: it is a link to ${real}, outside the folder and paths given; name that file to migrate it` });
    return false;
  });
  const abs = (f: FileResult) => realOrSelf(path.resolve(cwd, f.file));
  const why = unprotectedFiles(changed.map(abs));
  const unprotected = changed.filter((f) => why.has(abs(f))).map((f) => ({ file: f.file, why: why.get(abs(f))! }));
  if (!force && unprotected.length > 0) throw new UnprotectedFilesError(unprotected);
  enterWritePhase();
  for (const [i, file] of changed.entries()) {
    const signal = interruptedBy();
    if (signal) {
      outcome.interrupted = { signal, notWritten: changed.slice(i).map((f) => f.file) };
      break;
    }
    onProgress?.("writing", i, changed.length);
    try {
      await writeAtomic(abs(file), file.after!, file.before);
      outcome.written.push(file.file);
      const reason = why.get(abs(file));
      if (reason) outcome.unprotected.push({ file: file.file, why: reason });
    } catch (error) {
      outcome.failed.push({ file: file.file, problem: `cannot write: ${(error as Error).message}` });
    }
  }
  return outcome;
}
