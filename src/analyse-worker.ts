// A worker that analyses files the prefilter found to hit, for trees where the hits are many
// (a standard library with an ID in every module): the main thread would otherwise parse them
// one by one while the other cores sit idle. Its own bundle, started only when the queue of hits
// is long, so small runs and the prefilter workers never load the parsers.
import { parentPort, workerData } from "node:worker_threads";
import type { Discovered } from "./discover.js";
import { makeProcessor, type FileResult } from "./process.js";
import type { Settings } from "./rules.js";

export interface AnalysisAnswer {
  results: FileResult[];
  count: number;
}

const processor = makeProcessor(workerData.settings as Settings);

// One batch at a time, in arrival order, so answers match the pool's record of what is in flight.
let chain = Promise.resolve();
parentPort!.on("message", ({ batch }: { batch: Discovered[] }) => {
  chain = chain.then(() => analyse(batch));
});

async function analyse(batch: Discovered[]): Promise<void> {
  const results: FileResult[] = [];
  for (const item of batch) {
    try {
      // First pass: no linker yet; the prefilter already matched the file.
      const result = await processor.process(item.abs, item.rel, undefined, true);
      if (result) results.push(result);
    } catch (error) {
      results.push({ file: item.rel, status: "unreadable", findings: [], problem: `internal error (please report it): ${(error as Error).message}` });
    }
  }
  parentPort!.postMessage({ results, count: batch.length } satisfies AnalysisAnswer);
}
