// A pool worker: the byte prefilter and the linker's importer test over batches of paths.
// It imports no parser (only prefilter.ts, the needles and links.ts's byte tests), so each
// worker loads and compiles a small bundle instead of the whole engine.
import { parentPort, workerData } from "node:worker_threads";
import type { FileResult } from "./process.js";
import type { Discovered } from "./discover.js";
import { importerFilter, type ImporterNeedles } from "./links.js";
import { makePrefilter } from "./prefilter.js";
import { needles, type Settings } from "./rules.js";

export interface WorkerAnswer {
  /** Files with any finding or problem. */
  results: FileResult[];
  /** How many files the batch held (for progress). */
  count: number;
  /** For a linking batch: the files that may import a module with exported IDs. */
  matches?: Discovered[];
  /** For a linking batch: the search it belongs to (the tag it was sent with). */
  search?: number;
  /** For a first-pass batch: the files whose bytes hold a needle, for the main thread to analyse. */
  hits?: Discovered[];
  /** Files with no needle that name the needles' common substring: a prefix test may be in them. */
  near?: Discovered[];
  /** Files found to be binary (a NUL byte at the start) and not read further. */
  binary?: number;
}

// The same test as Processor.classify for a file on disk (workers never see an editor's overlay).
const prefilter = makePrefilter(needles((workerData.settings as Settings).rules));

// Batches are processed one at a time in arrival order, so answers match the pool's record.
let chain = Promise.resolve();
parentPort!.on("message", ({ batch, link, search }: { batch: Discovered[]; link?: ImporterNeedles[]; search?: number }) => {
  chain = chain.then(() => (link ? match(batch, link, search!) : run(batch)));
});

function match(batch: Discovered[], link: ImporterNeedles[], search: number): void {
  const test = importerFilter(link);
  parentPort!.postMessage({ results: [], count: batch.length, matches: batch.filter((d) => test(d.abs)), search });
}

/**
 * Workers only run the byte prefilter: the few files that hit go back to the main thread,
 * which parses them with warm parsers (one JIT warm-up instead of one per worker, and the
 * workers' heaps stay small).
 */
async function run(batch: Discovered[]): Promise<void> {
  const answer: WorkerAnswer = { results: [], count: batch.length, hits: [] };
  for (const item of batch) {
    try {
      const kind = prefilter.classify(item.abs);
      if (kind === "hit") answer.hits!.push(item);
      else if (kind === "near") (answer.near ??= []).push(item);
      else if (kind === "binary") answer.binary = (answer.binary ?? 0) + 1;
    } catch (error) {
      answer.results.push({ file: item.rel, status: "unreadable", findings: [], problem: `cannot read: ${(error as Error).message}` });
    }
  }
  parentPort!.postMessage(answer);
}
