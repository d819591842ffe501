/**
 * Autovacuum held off a table while it is written in bulk. Autovacuum starts on a table once a fifth
 * of it is new since its last vacuum, so a table growing from empty to millions of rows is vacuumed
 * again and again as it grows, each time a scan of all of it so far, beside the writing: on the
 * national profile person was vacuumed three times while it was written and indexed, the last time
 * beside the rollups (57 s on a quiet machine, 90 s with it), and household_access four times
 * while the distances were measured. The writer vacuums the table once itself when it is done.
 */
import type { Knex } from 'knex';

/**
 * `work` with autovacuum off on `tables` (a lock that blocks no reader or writer), on again after,
 * also when `work` fails. `work` should end with its own VACUUM of them. A process killed meanwhile
 * leaves it off: a generation's reset (sql/generate/reset.sql) turns it on again.
 */
export async function withoutAutovacuum<T>(db: Knex, tables: readonly string[], work: () => Promise<T>): Promise<T> {
  for (const table of tables) await db.raw('alter table ?? set (autovacuum_enabled = false)', [table]);
  try {
    return await work();
  } finally {
    for (const table of tables) await db.raw('alter table ?? reset (autovacuum_enabled)', [table]);
  }
}
