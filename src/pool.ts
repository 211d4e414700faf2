// A small worker pool for the prefilter: batches of paths go to the workers in turn; hits and unreadable files come back as plain data. A crashed worker's batches
// are reported as unreadable, never silently lost.
import { Worker } from "node:worker_threads";
import type { Settings } from "./rules.js";
import type { Discovered } from "./discover.js";
import type { FileResult } from "./process.js";
import type { WorkerAnswer } from "./worker.js";
import type { ImporterNeedles } from "./links.js";
import type { AnalysisAnswer } from "./analyse-worker.js";

interface Slot {
  worker: Worker;
  /** Batches sent and not yet answered, oldest first (answers come back in order). */
  inFlight: Discovered[][];
}


export class Pool {
  private readonly slots: Slot[] = [];
  private pending = 0;
  private next = 0;
  private drained?: () => void;

  constructor(size: number, settings: Settings, public onAnswer: (answer: WorkerAnswer) => void) {
    const script = new URL("./worker.js", import.meta.url);
    for (let i = 0; i < size; i++) this.slots.push(this.start(script, settings));
  }

  private start(script: URL, settings: Settings): Slot {
    // Workers only read and search bytes: a small young generation keeps their heaps small.
    const slot: Slot = { worker: new Worker(script, { workerData: { settings }, resourceLimits: { maxYoungGenerationSizeMb: 6 } }), inFlight: [] };
    slot.worker.on("message", (answer: WorkerAnswer) => this.finish(slot, answer));
    slot.worker.on("error", (error) => {
      while (slot.inFlight.length > 0) {
        const lost = slot.inFlight[0]!;
        const results: FileResult[] = lost.map((d) => ({ file: d.rel, status: "unreadable", findings: [], problem: `worker failed: ${error.message}` }));
        this.finish(slot, { results, count: lost.length });
      }
    });
    return slot;
  }

  /**
   * Batches go out round-robin at once rather than on request: the main thread is busy
   * walking and parsing, and workers waiting for it to hand out work sat idle half the
   * time on the benchmark corpus.
   */
  submit(batch: Discovered[], link?: ImporterNeedles[]): void {
    this.pending++;
    const slot = this.slots[this.next++ % this.slots.length]!;
    slot.inFlight.push(batch);
    slot.worker.postMessage({ batch, link });
  }

  /** Resolves when every batch sent so far has been answered; workers stay up. */
  async idle(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = undefined;
  }

  private finish(slot: Slot, answer: WorkerAnswer): void {
    slot.inFlight.shift();
    this.pending--;
    this.onAnswer(answer);
    if (this.pending === 0 && this.drained) this.drained();
  }

  async close(): Promise<void> {
    await this.idle();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Workers that analyse hits (analyse-worker.ts), started only when many hits wait: each takes
 * batches in turn, at most two in flight, and a crashed worker's files come back unreadable.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private pending = 0;
  private drained?: () => void;

  constructor(size: number, settings: Settings, private readonly onResults: (results: FileResult[], count: number) => void) {
    const script = new URL("./analyse-worker.js", import.meta.url);
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(script, { workerData: { settings } }), inFlight: [] };
      slot.worker.on("message", (answer: AnalysisAnswer) => this.finish(slot, answer.results, answer.count));
      slot.worker.on("error", (error) => {
        while (slot.inFlight.length > 0) {
          const lost = slot.inFlight[0]!;
          this.finish(slot, lost.map((d) => ({ file: d.rel, status: "unreadable", findings: [], problem: `worker failed: ${error.message}` })), lost.length);
        }
      });
      this.slots.push(slot);
    }
  }

  /** Hands a batch to the least busy worker; false when every worker already has two. */
  offer(batch: () => Discovered[]): boolean {
    const slot = this.slots.reduce((a, b) => (b.inFlight.length < a.inFlight.length ? b : a));
    if (slot.inFlight.length >= 2) return false;
    const items = batch();
    this.pending++;
    slot.inFlight.push(items);
    slot.worker.postMessage({ batch: items });
    return true;
  }

  async idle(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = undefined;
  }

  private finish(slot: Slot, results: FileResult[], count: number): void {
    slot.inFlight.shift();
    this.pending--;
    this.onResults(results, count);
    if (this.pending === 0 && this.drained) this.drained();
  }

  async close(): Promise<void> {
    await this.idle();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
