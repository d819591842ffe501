/**
 * At most `running` heavy computations of one kind in PostgreSQL at once (custom catchments, custom
 * distances), `waiting` more queued; beyond that a request is refused with 503 + Retry-After instead
 * of taking every core and connection from the requests that are cheap. A queued request whose
 * client went away leaves the queue.
 */
import { currentBudget, RequestCancelled, type RequestBudget } from './budget.js';
import { HttpProblem } from '../plugins/problem.js';

export class WorkGate {
  private active = 0;
  private readonly queue: Array<{ budget: RequestBudget | undefined; start(): void; cancel(): void }> = [];

  constructor(private readonly what: string, private readonly running: number, private readonly waiting: number,
              private readonly retryAfterSeconds = 15) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.running) {
      this.active++;
    } else {
      if (this.queue.length >= this.waiting) {
        throw new HttpProblem(503, `too many ${this.what} are being computed (${this.active} running, ${this.queue.length} waiting); try again in ${this.retryAfterSeconds} s`,
          { retry_after_s: this.retryAfterSeconds });
      }
      await new Promise<void>((start, cancel) => {
        this.queue.push({ budget: currentBudget(), start, cancel: () => cancel(new RequestCancelled()) });
      }); // next() counted this one as active before starting it
    }
    try {
      return await work();
    } finally {
      this.active--;
      this.next();
    }
  }

  private next(): void {
    while (this.queue.length && this.active < this.running) {
      const waiter = this.queue.shift()!;
      if (waiter.budget?.cancelled) {
        waiter.cancel();
        continue;
      }
      this.active++;
      waiter.start();
      return;
    }
  }
}
