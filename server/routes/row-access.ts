/**
 * What every route serving household- or person-level rows (a JSON list and its CSV) does before its
 * handler: only analysts and admins get in; a refusal (403) of a signed-in user is audited with what
 * they asked for, so probing outside a grant shows up in the trail; CSV exports are rate-limited per
 * user. One place, so the household and person searches cannot drift apart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditRefusal, type AuditAction } from '../audit/log.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';

/** A CSV is asked for by the path's `.csv` or by Accept: text/csv. */
export const wantsCsv = (request: FastifyRequest) =>
  request.url.split('?')[0].endsWith('.csv') || /(^|,)\s*text\/csv/.test(request.headers.accept ?? '');

export interface RowAccessOptions {
  /** Audit actions of the list and of its CSV. */
  list: AuditAction;
  csv: AuditAction;
  /** CSV exports per user per minute. */
  exportsPerMinute?: number;
}

export function rowAccess(app: FastifyInstance, options: RowAccessOptions) {
  const exportLimit = app.rateLimit({
    max: options.exportsPerMinute ?? 10,
    timeWindow: '1 minute',
    keyGenerator: (request) => `export:${request.user?.id ?? request.ip}`,
  });

  /** Audit a 403 of a signed-in user, then refuse; a failed audit is logged, the refusal stands. */
  const refuse = async (request: FastifyRequest, problem: HttpProblem): Promise<never> => {
    if (problem.status === 403 && request.user) {
      const action = wantsCsv(request) ? options.csv : options.list;
      await auditRefusal(app.db, request.user, action, { path: request.url.split('?')[0], query: request.query }, problem.message)
        .catch((err) => request.log.error({ err }, `audit of a refused ${action} failed`));
    }
    throw problem;
  };

  const hooks = {
    preValidation: async (request: FastifyRequest) => {
      try {
        requireRole(request, ['analyst', 'admin']);
      } catch (err) {
        if (err instanceof HttpProblem) await refuse(request, err);
        throw err;
      }
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      if (wantsCsv(request)) await exportLimit.call(app, request, reply);
    },
  };
  return { hooks, refuse };
}
