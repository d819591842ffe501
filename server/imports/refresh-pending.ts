/**
 * The refresh a merged import owes the published figures, made crash-safe. The merge transaction
 * writes a mark (import_refresh_pending, sql/import/refresh_mark.sql); this runs the refresh for
 * every mark found and then deletes the marks and marks their jobs done in one statement. A process
 * killed at any point before that leaves the marks, and whoever runs this next (the next import, or
 * the next server or CLI start) refreshes for them: the figures never stay behind the rows.
 *
 * One refresh at a time across processes (an advisory lock held on a connection of its own, so it
 * lasts the whole refresh and goes with the process); marks read under the lock, so two imports
 * never refresh for the same mark at once.
 */
import type pg from 'pg';
import { sqlText } from '../../sql/load.js';
import { connectionUrl, createDb, type Db } from '../db/knex.js';
import { refreshAssistance, refreshDerivedData, refreshMenu, refreshPersons, refreshRegistry } from '../db/refresh.js';
import type { RefreshKind } from './format-types.js';

interface Mark { job_id: number; kind: RefreshKind; provinces: string[] | null; years: number[] | null }

/** Every value of `lists`, or undefined (= all) when any list is null. */
function union<T>(lists: Array<T[] | null>): T[] | undefined {
  if (lists.some((l) => l === null)) return undefined;
  return [...new Set(lists.flat() as T[])].sort();
}

/** Whether a merged import still owes a refresh (a cheap check before starting one). */
export async function refreshOwed(db: Db): Promise<boolean> {
  return Boolean((await db.raw(sqlText('import/refresh_owed.sql'))).rows[0].owed);
}

/**
 * Run the refresh owed by every merged import (none: returns at once) on `db` (an importDb), and
 * mark those jobs done. Returns their ids. On an error the jobs say refresh_pending with the reason
 * and the error is rethrown; the marks stay for the next attempt.
 */
export async function refreshPending(db: Db, log: (step: string) => void = () => {}): Promise<number[]> {
  const lockDb = createDb(connectionUrl(db), { min: 0, max: 1, applicationName: 'povmap-refresh' });
  try {
    const lock: pg.Client = await lockDb.client.acquireConnection();
    try {
      await lock.query(sqlText('import/refresh_lock.sql'));
      const marks: Mark[] = (await lock.query(sqlText('import/refresh_pending.sql'))).rows;
      if (!marks.length) return [];
      const ids = marks.map((m) => Number(m.job_id));
      await lock.query(sqlText('import/refresh_resumed.sql'), [ids]);
      try {
        const households = marks.filter((m) => m.kind === 'households');
        if (households.length) {
          // also refreshes the logbook rollup and bumps the households data version
          await refreshDerivedData(db, {
            geometry: false,
            provinces: union(households.map((m) => m.provinces)),
            years: union(households.map((m) => m.years?.map(Number) ?? null)),
          }, log);
        } else {
          // the people's rollup, the logbook's, the menu's and the registry figures, each as owed
          if (marks.some((m) => m.kind === 'persons')) await refreshPersons(db);
          if (marks.some((m) => m.kind === 'assistance')) await refreshAssistance(db);
          if (marks.some((m) => m.kind === 'menu')) await refreshMenu(db);
          if (marks.some((m) => m.kind === 'registry')) await refreshRegistry(db);
        }
        await lock.query(sqlText('import/refresh_done.sql'), [ids]);
      } catch (err) {
        await lock.query(sqlText('import/refresh_failed.sql'), [ids]).catch(() => undefined);
        throw err;
      }
      return ids;
    } finally {
      lockDb.client.releaseConnection(lock);
    }
  } finally {
    await lockDb.destroy(); // closes the lock's connection: the lock goes with it
  }
}
