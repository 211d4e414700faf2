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

async function run(batch: Discovered[]): Promise<void> {
  const answer: WorkerAnswer = { results: [], count: batch.length };
  for (const item of batch) {
    try {
      const result = await processor.process(item.abs, item.rel);
      if (result) answer.results.push(result);
    } catch (error) {
      // A transform bug on one file must not lose the rest of the batch.
      answer.results.push({ file: item.rel, status: "unparsed", findings: [], problem: `internal error: ${(error as Error).message}` });
    }
  }
  parentPort!.postMessage(answer);
}
