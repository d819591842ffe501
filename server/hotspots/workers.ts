/**
 * Hotspot statistics off the event loop: a small pool of worker threads (one by default: the
 * machine's other core serves PostgreSQL) running server/hotspots/compute.ts. Requests wait in a
 * short queue; beyond it they are refused with 503 + Retry-After rather than piling up, while
 * background refreshes (`wait: true`) always wait their turn. A queued job whose client went away is
 * dropped before it starts. Threads are unref'd so a CLI that used them still exits.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { currentBudget, RequestCancelled, type RequestBudget } from '../db/budget.js';
import { HttpProblem } from '../plugins/problem.js';
import type { StatisticsInput, StatisticsOutput } from './compute.js';

/** Threads: one on a 2-core machine, at most half the cores otherwise. */
export const STATISTICS_THREADS = Math.max(1, Math.min(4, Math.floor(os.cpus().length / 2)));
/** Requests that may wait for a thread; more are refused with 503. */
export const STATISTICS_QUEUE = 4;
export const BUSY_RETRY_AFTER_SECONDS = 15;

interface Job {
  id: number;
  input: StatisticsInput;
  budget: RequestBudget | undefined;
  resolve(output: StatisticsOutput): void;
  reject(err: Error): void;
}

class Thread {
  readonly worker: Worker;
  job: Job | null = null;
  constructor(onDone: (thread: Thread, message: { id: number; output?: StatisticsOutput; error?: string }) => void,
              onExit: (thread: Thread, err: Error) => void) {
    // TypeScript sources start through a JavaScript entry that loads tsx in the thread; compiled ones directly
    const here = fileURLToPath(import.meta.url);
    const file = path.join(path.dirname(here), here.endsWith('.ts') ? 'statistics-thread.mjs' : 'statistics-worker.js');
    this.worker = new Worker(file);
    this.worker.unref();
    this.worker.on('message', (m) => onDone(this, m));
    this.worker.on('error', (err) => onExit(this, err));
    this.worker.on('exit', (code) => onExit(this, new Error(`statistics worker exited (${code})`)));
  }
}

export class StatisticsWorkers {
  private threads: Thread[] = [];
  private queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly size = STATISTICS_THREADS, private readonly queueLimit = STATISTICS_QUEUE) {}

  /** Compute on a worker thread. `wait`: never refuse (background work); otherwise 503 when the queue is full. */
  run(input: StatisticsInput, options: { wait?: boolean } = {}): Promise<StatisticsOutput> {
    if (!options.wait && this.queue.length >= this.queueLimit && this.idle() === undefined) {
      return Promise.reject(new HttpProblem(503,
        `hotspot statistics are busy (${this.size} running, ${this.queue.length} waiting); try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
        { retry_after_s: BUSY_RETRY_AFTER_SECONDS }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, budget: currentBudget(), resolve, reject });
      this.pump();
    });
  }

  /** Jobs running or waiting. */
  get load(): number {
    return this.queue.length + this.threads.filter((t) => t.job).length;
  }

  async close(): Promise<void> {
    const threads = this.threads;
    this.threads = [];
    for (const job of this.queue.splice(0)) job.reject(new Error('statistics workers closed'));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private idle(): Thread | undefined {
    const free = this.threads.find((t) => !t.job);
    if (free) return free;
    if (this.threads.length < this.size) {
      const thread = new Thread((t, m) => this.done(t, m), (t, err) => this.lost(t, err));
      this.threads.push(thread);
      return thread;
    }
    return undefined;
  }

  private pump(): void {
    while (this.queue.length) {
      const job = this.queue[0];
      if (job.budget?.cancelled) {
        this.queue.shift();
        job.reject(new RequestCancelled());
        continue;
      }
      const thread = this.idle();
      if (!thread) return;
      this.queue.shift();
      thread.job = job;
      thread.worker.ref();
      thread.worker.postMessage({ id: job.id, input: job.input });
    }
  }

  private done(thread: Thread, message: { id: number; output?: StatisticsOutput; error?: string }): void {
    const job = thread.job;
    thread.job = null;
    thread.worker.unref();
    if (job && job.id === message.id) {
      if (message.output) job.resolve(message.output);
      else job.reject(new Error(`hotspot statistics failed: ${message.error}`));
    }
    this.pump();
  }

  private lost(thread: Thread, err: Error): void {
    if (!this.threads.includes(thread)) return;
    this.threads = this.threads.filter((t) => t !== thread);
    thread.job?.reject(err);
    thread.job = null;
    this.pump();
  }
}

/** The process's statistics threads, shared by the API and the derived-data refresh. */
export const statisticsWorkers = new StatisticsWorkers();
