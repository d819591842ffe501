import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';

/** Each streaming replica (only when DATABASE_REPLICA_URLS names some): reads go to those that are `ok`. */
const replicasSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'status'],
    properties: {
      name: { type: 'string', description: 'replica 1, 2, … in the order of DATABASE_REPLICA_URLS' },
      status: { enum: ['ok', 'behind', 'unavailable'], description: 'ok: serving reads; behind: up but not yet replayed the newest data version (reads go to the primary meanwhile); unavailable: not reachable or not a standby' },
      reason: { type: 'string' },
      lag_bytes: { type: 'integer', description: 'WAL bytes the replica has still to replay' },
      replay_age_s: { type: 'number', description: 'seconds since the last transaction it replayed was committed (grows while the primary is idle)' },
    },
  },
} as const;

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', {
    schema: {
      summary: 'Is the server up and the database answering? With replicas, how each is doing',
      tags: ['meta'],
      response: {
        200: { type: 'object', properties: { status: { const: 'ok' }, db: { const: 'ok' }, replicas: replicasSchema }, required: ['status', 'db'] },
        503: { type: 'object', properties: { status: { type: 'string' }, db: { type: 'string' }, reason: { type: 'string' }, replicas: replicasSchema } },
      },
    },
  }, async (_request, reply) => {
    // a replica down is not an outage (its reads go to the primary): it is reported, and the status stays ok
    const replicas = app.replicas ? { replicas: app.replicas.report() } : {};
    try {
      await app.db.raw(sqlText('api/ping.sql'));
      return { status: 'ok', db: 'ok', ...replicas };
    } catch (err) {
      return reply.code(503).send({ status: 'degraded', db: 'unavailable', reason: `database unreachable (${(err as { code?: string }).code ?? 'error'})`, ...replicas });
    }
  });
}
