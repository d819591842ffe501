/**
 * Where a statement runs: the primary, or a streaming replica (server/db/replicas.ts). The choice is
 * made in the server's knex pool, where every statement passes (as the time budgets are,
 * server/db/budget.ts), from the request's read route (AsyncLocalStorage, set by
 * server/plugins/read-routing.ts). Code outside a request, and every request not marked as a read,
 * runs on the primary; route code does not change.
 *
 * A request keeps the database its first statement ran on: a cache key read from one replica and the
 * answer computed on another, further behind, would store old rows under a newer version. A request
 * that fell back to the primary stays there for the same reason.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import type pg from 'pg';
import type { Replica, ReplicaSet } from './replicas.js';

export interface ReadRoute {
  /** Reads may go to a replica. */
  replica: boolean;
  /** A caller who just wrote: only a replica replayed at least this far (read-your-writes). */
  minLsn?: bigint;
  /** The database this request's first statement ran on, kept for the rest of it. */
  pinned?: Replica | 'primary';
}

const current = new AsyncLocalStorage<ReadRoute>();

/** Run `fn` (and everything it starts) under `route`. */
export function runWithReadRoute<T>(route: ReadRoute, fn: () => T): T {
  return current.run(route, fn);
}

/** Run `fn` on the primary whatever the request's route (writes, and reads that must see them). */
export function onPrimary<T>(fn: () => T): T {
  return current.run({ replica: false }, fn);
}

/** Which database a statement of the current request goes to: a replica, or undefined for the primary. */
export function readTarget(replicas: ReplicaSet): Replica | undefined {
  const route = current.getStore();
  if (!route?.replica) return undefined;
  if (route.pinned === 'primary') return undefined;
  if (route.pinned) {
    if (route.pinned.up) return route.pinned;
    // its replica went away mid-request: the primary is never behind it, so moving on is safe
    route.pinned = 'primary';
    return undefined;
  }
  route.pinned = replicas.pick(route.minLsn) ?? 'primary';
  return route.pinned === 'primary' ? undefined : route.pinned;
}

const OWNER = Symbol('povmap.replica');
type Conn = pg.Client & { [OWNER]?: Replica };

interface PoolClient {
  acquireConnection(): Promise<Conn>;
  releaseConnection(conn: Conn): Promise<void>;
  cancelQuery(conn: Conn): Promise<unknown>;
}

/**
 * Make `db`'s pool lend replica connections to reads. Install before the time budgets
 * (applyBudgets), so statements on a replica get the same time-outs and cancels. A replica
 * that refuses a connection is marked down at once and the statement goes to the primary.
 */
export function installReadRouting(db: Knex, replicas: ReplicaSet): void {
  const client = db.client as unknown as PoolClient;
  const acquire = client.acquireConnection.bind(client);
  const release = client.releaseConnection.bind(client);
  const cancel = client.cancelQuery.bind(client);
  const replicaClient = (r: Replica) => r.db.client as unknown as PoolClient;

  client.acquireConnection = async () => {
    const replica = readTarget(replicas);
    if (!replica) return acquire();
    try {
      const conn = await replicaClient(replica).acquireConnection();
      conn[OWNER] = replica;
      return conn;
    } catch (err) {
      replica.up = false;
      replica.reason = `unreachable (${(err as { code?: string }).code ?? 'error'})`;
      const route = current.getStore();
      if (route) route.pinned = 'primary';
      return acquire();
    }
  };

  client.releaseConnection = (conn: Conn) => {
    const replica = conn[OWNER];
    return replica ? replicaClient(replica).releaseConnection(conn) : release(conn);
  };

  // A cancel names a backend process id: it must reach the server that process runs on.
  client.cancelQuery = (conn: Conn) => {
    const replica = conn[OWNER];
    return replica ? replicaClient(replica).cancelQuery(conn) : cancel(conn);
  };
}
