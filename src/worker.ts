// A pool worker: processes batches of paths with the same code the main thread uses.
import { parentPort, workerData } from "node:worker_threads";
import { makeProcessor, type FileResult } from "./process.js";
import type { Discovered } from "./discover.js";
import { importerFilter, type ImporterNeedles } from "./links.js";

export interface WorkerAnswer {
  /** Files with any finding or problem. */
  results: FileResult[];
  /** How many files the batch held (for progress). */
  count: number;
  /** For a linking batch: the files that may import a module with exported IDs. */
  matches?: Discovered[];
  /** For a first-pass batch: the files whose bytes hold a needle, for the main thread to analyse. */
  hits?: Discovered[];
  /** Files found to be binary (a NUL byte at the start) and not read further. */
  binary?: number;
}

const processor = makeProcessor(workerData.settings);

// Batches are processed one at a time in arrival order, so answers match the pool's record.
let chain = Promise.resolve();
parentPort!.on("message", ({ batch, link }: { batch: Discovered[]; link?: ImporterNeedles[] }) => {
  chain = chain.then(() => (link ? match(batch, link) : run(batch)));
});

function match(batch: Discovered[], link: ImporterNeedles[]): void {
  const test = importerFilter(link);
  parentPort!.postMessage({ results: [], count: batch.length, matches: batch.filter((d) => test(d.abs)) });
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
      const kind = processor.classify(item.abs);
      if (kind === "hit") answer.hits!.push(item);
      else if (kind === "binary") answer.binary = (answer.binary ?? 0) + 1;
    } catch (error) {
      answer.results.push({ file: item.rel, status: "unreadable", findings: [], problem: `cannot read: ${(error as Error).message}` });
    }
  }
  parentPort!.postMessage(answer);
}
