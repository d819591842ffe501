/**
 * One statement with PostgreSQL's JIT compiler on. The private cluster keeps JIT off
 * (server/db/cluster.ts): compiling costs tens of milliseconds, more than most of the server's
 * queries take. A statement that evaluates the same hundred expressions for each of millions of rows
 * (the rollups over the households and people) gains from it once the rows are many: refreshing the
 * people's rollup took 55–60 s → 36–38 s on the national profile and 7.7–11.3 s → 5.1–8.5 s on the
 * demo's, the households' 35.4 → 26.6 s and 16.3–19.3 → 14.2–14.5 s. Compiling a statement as large
 * as the generator's took about half a second: the tiny profile's rollups went from 8.6 s to 9.8–12.3 s,
 * and the households and people of its 77 provinces, one statement each, from 2.3 and 1.5 s to about
 * 40 s each (on the national profile, one province's people gained 1 s of 5, about what compiling
 * costs, so those statements run without it). Where the server has no JIT (built without LLVM),
 * `jit = on` changes nothing.
 */
import type { Knex } from 'knex';
import { withLocalSettings } from './local-settings.js';

export async function withJit(db: Knex, sql: string): Promise<void> {
  await withLocalSettings(db, { jit: 'on' }, sql);
}
