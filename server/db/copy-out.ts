/**
 * The rows of a COPY … TO STDOUT, read into this process: an import's merge hands them to another
 * connection (server/imports/merge-transaction.ts); the generator's people and the distances to
 * services compute rows from them. ./copy-text.ts writes rows back, for all three.
 */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** The output of `copy (…) to stdout` on `conn`, in memory, as the chunks it came in. */
export async function copyOut(conn: pg.Client, sql: string): Promise<Buffer[]> {
  const out = copyTo(sql);
  conn.query(out as unknown as pg.Submittable); // pg-copy-streams' types predate pg's Submittable
  const chunks: Buffer[] = [];
  for await (const chunk of out) chunks.push(chunk as Buffer);
  return chunks;
}
