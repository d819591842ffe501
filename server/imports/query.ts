/**
 * The one way an import speaks to its connections: a statement with pg's own ($n) bindings on one
 * pg client. An import's steps run on a connection it holds for the whole job (temp tables live
 * there), so they take this closure instead of knex's pool.
 */
import type pg from 'pg';

export type Query = (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;

/** Statements on `conn`. */
export const queryOn = (conn: pg.Client): Query => (sql, params) => conn.query(sql, params as unknown[]);
