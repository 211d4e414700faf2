// A pool worker: the byte prefilter and the linker's importer test over batches of paths.
// It imports no parser (only prefilter.ts, the needles and links.ts's byte tests), so each
// worker loads and compiles a small bundle instead of the whole engine.
import { parentPort, workerData } from "node:worker_threads";
import { importerFilter, type ImporterNeedles } from "./links.js";
import { makePrefilter } from "./prefilter.js";
import { needles, type Settings } from "./rules.js";

/**
 * What the main thread sends: the batch's absolute paths joined by NUL (no path holds one). One
 * string clones far faster than an array of objects: on the 66k-file benchmark corpus posting
 * the batches as objects cost the main thread ~150 ms. Answers name files by their index in it.
 */
export interface WorkerRequest {
  paths: string;
  /** A linking batch: the importer needles to test. */
  link?: ImporterNeedles[];
  /** A linking batch: the search it belongs to (sent back as is). */
  search?: number;
}

export interface WorkerAnswer {
  /** How many files the batch held (for progress). */
  count: number;
  /** Files that could not be read: index and why. */
  unreadable?: Array<[number, string]>;
  /** For a linking batch: the files that may import a module with exported IDs. */
  matches?: number[];
  /** For a linking batch: the search it belongs to (the tag it was sent with). */
  search?: number;
  /** For a first-pass batch: the files whose bytes hold a needle, for the main thread to analyse. */
  hits?: number[];
  /** Files with no needle that name the needles' common substring: a prefix test may be in them. */
  near?: number[];
  /** Files found to be binary (a NUL byte at the start) and not read further. */
  binary?: number;
}

// The same test as Processor.classify for a file on disk (workers never see an editor's overlay).
const prefilter = makePrefilter(needles((workerData.settings as Settings).rules));

// Batches are processed one at a time in arrival order, so answers match the pool's record.
let chain = Promise.resolve();
parentPort!.on("message", ({ paths, link, search }: WorkerRequest) => {
  const batch = paths.split("\0");
  chain = chain.then(() => (link ? match(batch, link, search!) : run(batch)));
});

function match(batch: string[], link: ImporterNeedles[], search: number): void {
  const test = importerFilter(link);
  const matches: number[] = [];
  batch.forEach((abs, i) => {
    if (test(abs)) matches.push(i);
  });
  parentPort!.postMessage({ count: batch.length, matches, search } satisfies WorkerAnswer);
}

/**
 * Workers only run the byte prefilter: the few files that hit go back to the main thread,
 * which parses them with warm parsers (one JIT warm-up instead of one per worker, and the
 * workers' heaps stay small).
 */
async function run(batch: string[]): Promise<void> {
  const answer: WorkerAnswer = { count: batch.length, hits: [] };
  batch.forEach((abs, i) => {
    try {
      const kind = prefilter.classify(abs);
      if (kind === "hit") answer.hits!.push(i);
      else if (kind === "near") (answer.near ??= []).push(i);
      else if (kind === "binary") answer.binary = (answer.binary ?? 0) + 1;
    } catch (error) {
      (answer.unreadable ??= []).push([i, `cannot read: ${(error as Error).message}`]);
    }
  });
  parentPort!.postMessage(answer);
}
