// A small worker pool: batches of paths go to whichever worker is idle. Results come
// back as plain data; a crashed worker's batch is reported, never silently lost.
import { Worker } from "node:worker_threads";
import type { Settings } from "./rules.js";
import type { Discovered } from "./discover.js";
import type { FileResult } from "./process.js";

interface Slot {
  worker: Worker;
  batch?: Discovered[];
}

export class Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: Discovered[][] = [];
  private pending = 0;
  private drained?: () => void;

  constructor(size: number, settings: Settings, private readonly onResults: (results: FileResult[], count: number) => void) {
    const script = new URL("./worker.js", import.meta.url);
    for (let i = 0; i < size; i++) this.slots.push(this.start(script, settings));
  }

  private start(script: URL, settings: Settings): Slot {
    const slot: Slot = { worker: new Worker(script, { workerData: { settings } }) };
    slot.worker.on("message", (msg: { results: FileResult[]; count: number }) => this.finish(slot, msg.results, msg.count));
    slot.worker.on("error", (error) => {
      const lost = slot.batch ?? [];
      this.finish(slot, lost.map((d) => ({ file: d.rel, status: "unreadable" as const, findings: [], problem: `worker failed: ${error.message}` })), lost.length);
    });
    return slot;
  }

  submit(batch: Discovered[]): void {
    this.pending++;
    this.queue.push(batch);
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.batch || this.queue.length === 0) continue;
      slot.batch = this.queue.shift()!;
      slot.worker.postMessage(slot.batch);
    }
  }

  private finish(slot: Slot, results: FileResult[], count: number): void {
    slot.batch = undefined;
    this.pending--;
    this.onResults(results, count);
    this.dispatch();
    if (this.pending === 0 && this.drained) this.drained();
  }

  async close(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
