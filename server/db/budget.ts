/**
 * Time budgets for the statements a request runs, applied where every statement passes: the knex
 * pool. A request runs inside a `RequestBudget` (AsyncLocalStorage, set by server/plugins/time-budget.ts);
 * when it takes a connection, the connection's `statement_timeout` is set to the budget's limit (only
 * when it differs from what the connection already has), and the connection is remembered so the
 * request's running statement can be cancelled (`pg_cancel_backend`) when the client goes away.
 * Connections taken outside a request (start-up checks, background refreshes) get the pool's own
 * limit back. A statement stopped by its time-out leaves as a 503 problem naming the limit, never as
 * a database error with SQL text.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import type pg from 'pg';
import { sqlText } from '../../sql/load.js';

export interface RequestBudget {
  /** The route class (README, "Time budgets"). */
  readonly name: string;
  /** Statement time-out in milliseconds; 0 = none (streaming exports, still cancellable). */
  readonly statementTimeoutMs: number;
  /** Connections this request holds right now (their running statements are what a cancel stops). */
  readonly connections: Set<pg.Client>;
  /** Set once the client went away: running statements are cancelled and no new connection is given. */
  cancelled: boolean;
}

const current = new AsyncLocalStorage<RequestBudget>();

export function newBudget(name: string, statementTimeoutMs: number): RequestBudget {
  return { name, statementTimeoutMs, connections: new Set(), cancelled: false };
}

/** Run `fn` (and everything it starts) under `budget`. */
export function runWithBudget<T>(budget: RequestBudget, fn: () => T): T {
  return current.run(budget, fn);
}

export function currentBudget(): RequestBudget | undefined {
  return current.getStore();
}

/** A statement stopped by its route class's time-out: 503 with Retry-After, naming the limit. */
export class StatementTimeout extends Error {
  readonly status = 503;
  readonly extra: Record<string, unknown>;
  constructor(readonly budget: string, readonly limitMs: number) {
    super(`the request took longer than its ${limitMs / 1000} s time budget (${budget} requests) and was stopped; try again later or ask for less`);
    this.extra = { budget, limit_ms: limitMs, retry_after_s: 30 };
  }
}

/** The client went away and the request's statements were cancelled; nobody reads this answer. */
export class RequestCancelled extends Error {
  readonly status = 499;
  readonly extra: Record<string, unknown> = {};
  constructor() {
    super('the client closed the connection; the request was cancelled');
  }
}

const TIMEOUT = Symbol('povmap.statementTimeoutMs');
const HOLDER = Symbol('povmap.budget');
type Conn = pg.Client & { [TIMEOUT]?: number; [HOLDER]?: RequestBudget };

/** SQLSTATE 57014 query_canceled: a statement time-out or a pg_cancel_backend. */
const QUERY_CANCELED = '57014';

/**
 * Wrap `db`'s pool so statements run under the current request's budget. `baseTimeoutMs` is what a
 * connection taken outside any request gets (the pool's own setting; 0 = none).
 */
export function applyBudgets(db: Knex, baseTimeoutMs = 0): void {
  const client = db.client as Knex.Client & {
    acquireConnection(): Promise<Conn>;
    releaseConnection(conn: Conn): Promise<void>;
    query(conn: Conn, obj: unknown): Promise<unknown>;
    cancelQuery(conn: Conn): Promise<unknown>;
  };
  const acquire = client.acquireConnection.bind(client);
  const release = client.releaseConnection.bind(client);
  const query = client.query.bind(client);

  client.acquireConnection = async () => {
    const budget = currentBudget();
    if (budget?.cancelled) throw new RequestCancelled();
    const conn = await acquire();
    const wanted = budget ? budget.statementTimeoutMs : baseTimeoutMs;
    if (conn[TIMEOUT] !== wanted) {
      try {
        await conn.query(sqlText('db/statement_timeout.sql'), [String(wanted)]);
        conn[TIMEOUT] = wanted;
      } catch (err) {
        await release(conn);
        throw err;
      }
    }
    if (budget) {
      budget.connections.add(conn);
      conn[HOLDER] = budget;
    }
    return conn;
  };

  client.releaseConnection = (conn: Conn) => {
    conn[HOLDER]?.connections.delete(conn);
    conn[HOLDER] = undefined;
    return release(conn);
  };

  client.query = async (conn: Conn, obj: unknown) => {
    try {
      return await query(conn, obj);
    } catch (err) {
      throw budgetError(err, conn[HOLDER] ?? currentBudget()) ?? err;
    }
  };
}

/** The problem a query_canceled error stands for under `budget`, or undefined for any other error. */
export function budgetError(err: unknown, budget: RequestBudget | undefined): Error | undefined {
  if ((err as { code?: string })?.code !== QUERY_CANCELED) return undefined;
  if (!budget || budget.cancelled) return new RequestCancelled();
  return new StatementTimeout(budget.name, budget.statementTimeoutMs);
}

/**
 * The client of `budget` went away: refuse it further connections and cancel the statements running
 * on the connections it holds (each cancel opens its own short connection, as knex does).
 */
export async function cancelBudget(db: Knex, budget: RequestBudget): Promise<number> {
  budget.cancelled = true;
  const held = [...budget.connections];
  const client = db.client as { cancelQuery(conn: pg.Client): Promise<unknown> };
  // A cancel is a signal to the backend process, delivered while the connection may already be back
  // in the pool running another request's statement: these connections are never reused (knex's pool
  // drops a connection marked disposed when it is next validated).
  for (const conn of held) (conn as Conn & { __knex__disposed?: unknown }).__knex__disposed ??= 'its request was cancelled';
  await Promise.all(held.map((conn) => client.cancelQuery(conn).catch(() => undefined)));
  return held.length;
}
