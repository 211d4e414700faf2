// Worker pools: batches of paths go to worker threads and come back as plain data. A crashed
// worker's batches are reported as unreadable, never silently lost.
import type { Worker, ResourceLimits } from "node:worker_threads";
import { workerThreads } from "./builtins.js";
import type { Settings } from "./rules.js";
import type { Discovered } from "./discover.js";
import type { FileResult } from "./process.js";
import type { WorkerAnswer, WorkerRequest } from "./worker.js";
import type { ImporterNeedles } from "./links.js";
import type { AnalysisAnswer } from "./analyse-worker.js";

interface Slot {
  worker: Worker;
  /** Batches sent and not yet answered, oldest first (answers come back in order). */
  inFlight: Discovered[][];
  /** Its worker failed: nothing more is sent to it. */
  dead?: boolean;
}

/** A prefilter or linking batch's answer, with the files it names. */
export interface PoolAnswer {
  /** Files with any finding or problem. */
  results: FileResult[];
  count: number;
  hits?: Discovered[];
  near?: Discovered[];
  matches?: Discovered[];
  search?: number;
  binary?: number;
}

/** What both pools share: the workers, the batches in flight, waiting for them, closing. */
abstract class Workers<Answer> {
  protected readonly slots: Slot[] = [];
  private pending = 0;
  private drained?: () => void;

  constructor(size: number, script: URL, settings: Settings, resourceLimits?: ResourceLimits) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new (workerThreads().Worker)(script, { workerData: { settings }, ...(resourceLimits ? { resourceLimits } : {}) }), inFlight: [] };
      slot.worker.on("message", (answer: Answer) => this.finish(slot, (batch) => this.answered(answer, slot, batch)));
      slot.worker.on("error", (error) => {
        slot.dead = true;
        while (slot.inFlight.length > 0) this.finish(slot, (lost) => this.lost(unreadable(lost, `worker failed: ${error.message}`), lost.length, slot));
      });
      this.slots.push(slot);
    }
  }

  /** `batch`: the files the answer is about (answers come back in the order batches were sent). */
  protected abstract answered(answer: Answer, slot: Slot, batch: Discovered[]): void;

  /** A batch no worker will answer: its files are reported, never silently lost. */
  protected abstract lost(results: FileResult[], count: number, slot: Slot): void;

  /** Batches a subclass holds back, not sent yet (idle waits for them too). */
  protected waitingCount(): number {
    return 0;
  }

  protected send(slot: Slot, batch: Discovered[], message: unknown): void {
    this.pending++;
    slot.inFlight.push(batch);
    slot.worker.postMessage(message);
  }

  /** Resolves when every batch sent so far has been answered; workers stay up. */
  async idle(): Promise<void> {
    if (this.pending > 0 || this.waitingCount() > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = undefined;
  }

  private finish(slot: Slot, handle: (batch: Discovered[]) => void): void {
    const batch = slot.inFlight.shift()!;
    this.pending--;
    handle(batch);
    if (this.pending === 0 && this.waitingCount() === 0 && this.drained) this.drained();
  }

  async close(): Promise<void> {
    await this.idle();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** The prefilter's pool (worker.ts); the linking pass's importer test runs there too. */
export class Pool extends Workers<WorkerAnswer> {
  private next = 0;
  /** Batches not sent yet: a few per worker are in flight, the rest wait here (see submit). */
  private readonly waiting: Array<{ batch: Discovered[]; message: WorkerRequest }> = [];

  constructor(size: number, settings: Settings, public onAnswer: (answer: PoolAnswer) => void, private readonly inFlight = IN_FLIGHT) {
    // Workers only read and search bytes: a small young generation keeps their heaps small.
    super(size, new URL("./worker.js", import.meta.url), settings, { maxYoungGenerationSizeMb: 6 });
  }

  /**
   * Batches go out round-robin as they come rather than on request (the main thread is busy
   * walking and parsing, and workers waiting for it to hand out work sat idle half the time on
   * the benchmark corpus), but at most IN_FLIGHT per worker: the rest wait here as the paths
   * the run holds anyway, not as copies queued in the workers' message ports (on the 66k-file
   * corpus the walk outruns the reading and the whole list was copied into them).
   */
  submit(batch: Discovered[], link?: ImporterNeedles[], search?: number): void {
    const message: WorkerRequest = { paths: batch.map((d) => d.abs).join("\0"), link, search };
    const live = this.slots.filter((s) => !s.dead);
    const slot = live[this.next++ % Math.max(live.length, 1)];
    if (slot && slot.inFlight.length < this.inFlight && this.waiting.length === 0) this.send(slot, batch, message);
    else this.waiting.push({ batch, message });
  }

  protected override waitingCount(): number {
    return this.waiting.length;
  }

  protected answered(answer: WorkerAnswer, slot: Slot, batch: Discovered[]): void {
    this.sendNext(slot);
    const pick = (indices?: number[]) => indices?.map((i) => batch[i]!);
    const results: FileResult[] = (answer.unreadable ?? []).map(([i, problem]) => ({ file: batch[i]!.rel, status: "unreadable", findings: [], problem }));
    this.onAnswer({ results, count: answer.count, hits: pick(answer.hits), near: pick(answer.near), matches: pick(answer.matches), search: answer.search, binary: answer.binary });
  }

  protected lost(results: FileResult[], count: number, slot: Slot): void {
    this.sendNext(slot);
    this.onAnswer({ results, count });
  }

  /** A worker answered (or failed): the next waiting batch goes to it, or to a live one. */
  private sendNext(slot: Slot): void {
    const live = slot.dead ? this.slots.find((s) => !s.dead) : slot;
    const queued = this.waiting.shift();
    if (queued && live) this.send(live, queued.batch, queued.message);
    // Every worker failed: what still waits is reported, never silently lost.
    if (queued && !live) {
      for (const lost of [queued, ...this.waiting.splice(0)]) this.onAnswer({ results: unreadable(lost.batch, "worker failed"), count: lost.batch.length });
    }
  }
}

const IN_FLIGHT = 32;

/**
 * Workers that analyse hits (analyse-worker.ts), started only when many hits wait: each takes
 * batches in turn, at most two in flight.
 */
export class AnalysisPool extends Workers<AnalysisAnswer> {
  constructor(size: number, settings: Settings, private readonly onResults: (results: FileResult[], count: number) => void) {
    super(size, new URL("./analyse-worker.js", import.meta.url), settings);
  }

  /** Hands a batch to the least busy worker; false when every worker already has two. */
  offer(batch: () => Discovered[]): boolean {
    const slot = this.slots.reduce((a, b) => (b.inFlight.length < a.inFlight.length ? b : a));
    if (slot.inFlight.length >= 2) return false;
    const items = batch();
    this.send(slot, items, { batch: items });
    return true;
  }

  protected answered(answer: AnalysisAnswer): void {
    this.onResults(answer.results, answer.count);
  }

  protected lost(results: FileResult[], count: number): void {
    this.onResults(results, count);
  }
}

function unreadable(batch: Discovered[], problem: string): FileResult[] {
  return batch.map((d) => ({ file: d.rel, status: "unreadable", findings: [], problem }));
}
