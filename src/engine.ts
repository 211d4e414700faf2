// The pipeline, top to bottom: discover → prefilter → parse and transform per language
// → findings and edits → (migrate only) write. Reporters format what this returns.
import { availableParallelism } from "node:os";
import path from "node:path";
import { checkPaths, discover, type Discovered, type DiscoveryNotes } from "./discover.js";
import { dirtyFiles } from "./git.js";
import { Pool } from "./pool.js";
import { makeProcessor, type FileResult } from "./process.js";
import type { Settings } from "./rules.js";
import { writeAtomic } from "./write.js";

export interface ScanOptions {
  paths: string[];
  cwd: string;
  settings: Settings;
  gitignore: boolean;
  defaultIgnore: boolean;
  ignore: string[];
  /** Called as files finish: (done, found so far, walk finished). */
  onProgress?: (done: number, found: number, walkDone: boolean) => void;
  /** Override the pool decision (tests); default: a pool once a tree exceeds POOL_THRESHOLD files. */
  workers?: number;
}

export interface ScanResult {
  filesScanned: number;
  /** Files with any finding or problem, sorted by path. */
  files: FileResult[];
  notes: DiscoveryNotes;
}

/** Below this many files, starting worker threads costs more than it saves. */
export const POOL_THRESHOLD = 1000;
const BATCH = 128;

export async function scan(options: ScanOptions): Promise<ScanResult> {
  await checkPaths(options.paths, options.cwd);
  const notes: DiscoveryNotes = { symlinksSkipped: 0, unreadableDirs: [] };
  const files: FileResult[] = [];
  let done = 0;
  let found = 0;
  const collect = (results: FileResult[], count: number) => {
    files.push(...results);
    done += count;
    options.onProgress?.(done, found, false);
  };
  const walker = discover(options.paths, options, notes);
  // Small trees run on this thread; a pool starts only once the walk has found enough files.
  const head: Discovered[] = [];
  let walkDone = false;
  while (head.length < POOL_THRESHOLD) {
    const next = await walker.next();
    if (next.done) {
      walkDone = true;
      break;
    }
    head.push(...next.value);
  }
  found = head.length;
  const size = options.workers ?? (walkDone ? 0 : availableParallelism());
  const rest = walkDone ? [] : walker;
  if (size === 0) {
    const processor = makeProcessor(options.settings);
    const run = async (item: Discovered) => {
      const result = await processor.process(item.abs, item.rel).catch((error: Error) => internalError(item, error));
      collect(result ? [result] : [], 1);
    };
    for (const item of head) await run(item);
    for await (const batch of rest) {
      found += batch.length;
      for (const item of batch) await run(item);
    }
  } else {
    const pool = new Pool(size, options.settings, (answer) => collect(answer.results, answer.count));
    let pending: Discovered[] = [];
    const submit = (items: Discovered[]) => {
      for (const item of items) {
        pending.push(item);
        if (pending.length === BATCH) {
          pool.submit(pending);
          pending = [];
        }
      }
    };
    submit(head);
    for await (const batch of rest) {
      found += batch.length;
      submit(batch);
    }
    if (pending.length > 0) pool.submit(pending);
    await pool.close();
  }
  options.onProgress?.(done, found, true);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { filesScanned: found, files, notes };
}

function internalError(item: Discovered, error: Error): FileResult {
  return { file: item.rel, status: "unparsed", findings: [], problem: `internal error: ${error.message}` };
}

export class DirtyFilesError extends Error {
  constructor(readonly files: string[]) {
    super(`refusing to write ${files.length} file(s) with uncommitted changes: ${files.join(", ")}`);
  }
}

export interface WriteOutcome {
  written: string[];
  failed: Array<{ file: string; problem: string }>;
}

/** Write every changed file atomically; refuses files git could not restore unless forced. */
export async function writeChanges(scanResult: ScanResult, cwd: string, force: boolean): Promise<WriteOutcome> {
  const changed = scanResult.files.filter((f) => f.status === "changed");
  const abs = (f: FileResult) => path.resolve(cwd, f.file);
  if (!force) {
    const dirty = new Set(dirtyFiles(changed.map(abs)));
    const blocked = changed.filter((f) => dirty.has(abs(f))).map((f) => f.file);
    if (blocked.length > 0) throw new DirtyFilesError(blocked);
  }
  const outcome: WriteOutcome = { written: [], failed: [] };
  for (const file of changed) {
    try {
      await writeAtomic(abs(file), file.after!);
      outcome.written.push(file.file);
    } catch (error) {
      outcome.failed.push({ file: file.file, problem: `cannot write: ${(error as Error).message}` });
    }
  }
  return outcome;
}
