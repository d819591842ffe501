/**
 * Registry linkage (issue 21): the link report of an external registry imported through
 * POST /api/imports/registry (admins). National ids were hashed on import (HMAC-SHA256 with the
 * server secret, server/linkage/secret.ts) and are never stored or shown; the report gives counts:
 * lines by outcome, the link rate over the lines with a national id, the reasons for non-links, and
 * per province the linked lines and the exclusion-error candidates (target group 4: a valid id in
 * no survey).
 */
import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';
import { getJob } from '../imports/jobs.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses } from '../schemas/common.js';

const count = { type: 'integer' } as const;

export async function registryRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: number } }>('/api/registry/:id', {
    schema: {
      tags: ['registry'],
      summary: 'The link report of a registry import (admins): link rate, reasons for non-links, exclusion-error candidates per province',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 } }, required: ['id'] },
      response: {
        200: {
          type: 'object',
          properties: {
            job: { type: 'integer' }, state: { type: 'string' }, records: count, with_national_id: count,
            linked: count,
            link_rate: { type: ['number', 'null'], description: 'linked / with_national_id; null without national ids.' },
            not_linked: {
              type: 'object', description: 'Lines with a national id that did not link, by reason.',
              properties: { no_match: count, bad_check_digit: count, duplicate: count },
            },
            area_only: { ...count, description: 'Lines without a national id, placed by area code only.' },
            rejected: { ...count, description: 'Malformed lines (GET /api/imports/{id}/rejects.csv).' },
            provinces: {
              type: 'array',
              items: {
                type: 'object',
                properties: { province_code: { type: ['string', 'null'] }, linked: count, exclusion_candidates: count, area_only: count },
              },
            },
          },
          required: ['job', 'state', 'records', 'with_national_id', 'linked', 'link_rate', 'not_linked', 'area_only', 'rejected', 'provinces'],
        },
        ...problemResponses,
      },
    },
  }, async (request) => {
    requireRole(request, ['admin']);
    const job = await getJob(app.db, request.params.id);
    if (!job || job.kind !== 'registry') throw new HttpProblem(404, `No registry import with id ${request.params.id}.`, { parameter: 'id', in: 'params' });
    const { rows: [r] } = await app.db.raw(sqlText('linkage/report.sql'), { job: job.id });
    const { rows: provinces } = await app.db.raw(sqlText('linkage/by_province.sql'), { job: job.id });
    return {
      job: job.id, state: job.state, records: r.records, with_national_id: r.with_national_id, linked: r.linked,
      link_rate: r.with_national_id ? r.linked / r.with_national_id : null,
      not_linked: { no_match: r.no_match, bad_check_digit: r.bad_check_digit, duplicate: r.duplicate },
      area_only: r.area_only, rejected: Number(job.rows_rejected), provinces,
    };
  });
}
