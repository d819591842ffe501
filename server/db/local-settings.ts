/**
 * One statement run with some server settings changed for it alone (`set local` in a transaction of
 * its own): JIT on for the generator's rollups (server/db/jit.ts); in server/generate/generate.ts, a
 * plan node the planner misjudges turned off for the households, more memory for checking a
 * foreign key and less for building an index.
 */
import type { Knex } from 'knex';

export async function withLocalSettings(
  db: Knex, settings: Record<string, string>, sql: string, bindings: readonly Knex.RawBinding[] = [],
): Promise<void> {
  await db.transaction(async (trx) => {
    for (const [name, value] of Object.entries(settings)) await trx.raw('select set_config(?, ?, true)', [name, value]);
    await trx.raw(sql, bindings);
  });
}
