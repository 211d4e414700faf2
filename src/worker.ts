// A pool worker: processes batches of paths with the same code the main thread uses.
import { parentPort, workerData } from "node:worker_threads";
import { makeProcessor, type FileResult } from "./process.js";
import type { Discovered } from "./discover.js";

const processor = makeProcessor(workerData.settings);

parentPort!.on("message", async (batch: Discovered[]) => {
  const results: FileResult[] = [];
  for (const item of batch) {
    try {
      const result = await processor.process(item.abs, item.rel);
      if (result) results.push(result);
    } catch (error) {
      // A transform bug on one file must not lose the rest of the batch.
      results.push({ file: item.rel, status: "unparsed", findings: [], problem: `internal error: ${(error as Error).message}` });
    }
  }
  parentPort!.postMessage({ results, count: batch.length });
});
