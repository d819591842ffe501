import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', {
    schema: {
      summary: 'Is the server up and the database answering?',
      tags: ['meta'],
      response: {
        200: { type: 'object', properties: { status: { const: 'ok' }, db: { const: 'ok' } }, required: ['status', 'db'] },
        503: { type: 'object', properties: { status: { type: 'string' }, db: { type: 'string' }, reason: { type: 'string' } } },
      },
    },
  }, async (_request, reply) => {
    try {
      await app.db.raw(sqlText('api/ping.sql'));
      return { status: 'ok', db: 'ok' };
    } catch (err) {
      return reply.code(503).send({ status: 'degraded', db: 'unavailable', reason: `database unreachable (${(err as { code?: string }).code ?? 'error'})` });
    }
  });
}
