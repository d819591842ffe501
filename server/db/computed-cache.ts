/**
 * Answers computed on request (hotspots with a new seed or measure, custom distances and
 * catchments), kept by their parameters under the data version they were computed from: a refresh
 * bumps data_version, so the next request computes afresh and the old entries age out of the LRU.
 * Requests for the same key while it is being computed share that one computation; if the request
 * that started it went away (and its statements were cancelled), the next one computes it again.
 */
import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { RequestCancelled } from './budget.js';

export type DataVersionName = 'areas' | 'households' | 'services' | 'villages' | 'nightlight';

/** The versions of the named data sets, joined: part of every cache key. */
export async function dataVersion(db: Knex, names: DataVersionName[]): Promise<string> {
  const rows = await db('data_version').whereIn('name', names).orderBy('name').select('name', 'version');
  return rows.map((r: { name: string; version: unknown }) => `${r.name}=${String(r.version)}`).join(',');
}

export class ComputedCache<T extends object> {
  private readonly done: LRUCache<string, T>;
  private readonly running = new Map<string, Promise<T>>();

  constructor(max: number) {
    this.done = new LRUCache<string, T>({ max });
  }

  /** The answer for `key` (which must include the data version), computing it once if needed. */
  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.done.get(key);
    if (hit) return hit;
    const shared = this.running.get(key);
    if (shared) {
      try {
        return await shared;
      } catch (err) {
        if (!(err instanceof RequestCancelled)) throw err;
        // the request computing it went away; compute it for this one
      }
    }
    const mine = compute();
    this.running.set(key, mine);
    try {
      const answer = await mine;
      this.done.set(key, answer);
      return answer;
    } finally {
      if (this.running.get(key) === mine) this.running.delete(key);
    }
  }

  clear(): void {
    this.done.clear();
  }
}
