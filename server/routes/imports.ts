/**
 * Bulk imports for admins: upload a household or logbook CSV (multipart, streamed to disk, up to
 * IMPORT_MAX_BYTES, default 4 GiB; a larger file is 413 and nothing of it is kept), get 202 and a job id, follow the job, download the rejects report. The work itself runs
 * in the background on the import's own connection (server/imports/queue.ts).
 */
import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditWrite } from '../audit/log.js';
import { copyCsv } from '../households/csv.js';
import { FORMATS, IMPORT_KINDS, type ImportKind } from '../imports/formats.js';
import { createJob, failJob, getJob, JOB_STATES, REJECT_HEADER, rejectsSql, type ImportJob } from '../imports/jobs.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses, problemSchema } from '../schemas/common.js';

const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, kind: { type: 'string', enum: [...IMPORT_KINDS] }, source: { type: 'string' },
    state: {
      type: 'string', enum: [...JOB_STATES],
      description: 'refresh_pending: the rows are merged but the process stopped before the published figures were refreshed; the refresh runs at the next server or import start, then the job is done.',
    },
    rows_read: { type: 'integer', description: 'Data lines read (the header not counted).' },
    rows_valid: { type: 'integer', description: 'Lines that passed every check (known from state merging on).' },
    rows_rejected: { type: 'integer', description: 'Lines rejected (each listed in the report with its reasons).' },
    inserted: { type: 'integer' }, updated: { type: 'integer' },
    unchanged: { type: 'integer', description: 'Valid lines identical to what the database already held.' },
    error: { type: ['string', 'null'], description: 'Why a failed job failed, or why a refresh_pending job waits.' },
    username: { type: ['string', 'null'] },
    created_at: { type: 'string', format: 'date-time' }, started_at: { type: ['string', 'null'], format: 'date-time' },
    finished_at: { type: ['string', 'null'], format: 'date-time' },
    links: { type: 'object', properties: { self: { type: 'string' }, rejects: { type: 'string' } }, required: ['self', 'rejects'] },
  },
  required: ['id', 'kind', 'state', 'rows_read', 'rows_valid', 'rows_rejected', 'inserted', 'updated', 'unchanged', 'links'],
} as const;

const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 } }, required: ['id'] } as const;

function present(job: ImportJob) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ...job, created_at: iso(job.created_at), started_at: iso(job.started_at), finished_at: iso(job.finished_at),
    links: { self: `/api/imports/${job.id}`, rejects: `/api/imports/${job.id}/rejects.csv` },
  };
}

export async function importRoutes(app: FastifyInstance) {
  const maxBytes = app.imports.spool.maxBytes;
  await app.register(multipart, { limits: { files: 1, fileSize: maxBytes, fields: 5 } });
  const adminOnly = async (request: FastifyRequest) => {
    requireRole(request, ['admin']);
  };

  for (const kind of IMPORT_KINDS) {
    app.post(`/api/imports/${kind}`, {
      preValidation: adminOnly,
      schema: {
        tags: ['imports'],
        summary: `Upload a ${FORMATS[kind].title} CSV (admins; multipart/form-data, one file of at most IMPORT_MAX_BYTES, default 4 GiB: larger is 413); answers 202 with the job`,
        description: `Columns (header row, any order): ${FORMATS[kind].columns.map((c) => c.name).join(', ')}. See the README's import section.`,
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        response: { 202: jobSchema, ...problemResponses, 413: problemSchema, 415: problemSchema },
      },
    }, async (request, reply) => {
      const user = requireRole(request, ['admin']);
      if (!request.isMultipart()) throw new HttpProblem(415, 'Send the file as multipart/form-data (one file field, e.g. curl -F file=@households.csv).');
      let part;
      try {
        part = await request.file();
      } catch {
        throw new HttpProblem(400, 'The multipart body cannot be read.');
      }
      if (!part) throw new HttpProblem(400, 'The multipart body holds no file; send one file field (e.g. curl -F file=@households.csv).', { parameter: 'file', in: 'body' });
      const tooLarge = () => new HttpProblem(413, `The file is larger than the upload limit of ${maxBytes} bytes (IMPORT_MAX_BYTES); split it into smaller files.`, { parameter: 'file', in: 'body' });
      let spooled: string;
      try {
        spooled = await app.imports.spool.receive(part.file);
      } catch {
        throw part.file.truncated ? tooLarge() : new HttpProblem(400, 'The upload was interrupted before the file ended.');
      }
      // busboy stops a file at the limit and marks it truncated (the stream itself ends normally)
      if (part.file.truncated) {
        app.imports.spool.remove(spooled);
        throw tooLarge();
      }
      const source = part.filename || 'upload.csv';
      let id: number | undefined;
      try {
        id = await createJob(app.db, kind, source, user);
        await auditWrite(app.db, user, `imports.${kind}`, { job: id, file: source, bytes: fs.statSync(spooled).size }, 0, kind === 'households' || kind === 'persons' || kind === 'registry');
      } catch (err) {
        app.imports.spool.remove(spooled);
        if (id !== undefined) await failJob(app.db, id, 'the upload could not be recorded; nothing was imported').catch(() => undefined);
        throw err;
      }
      app.imports.enqueue(id, kind as ImportKind, spooled);
      reply.code(202).header('location', `/api/imports/${id}`);
      return present((await getJob(app.db, id))!);
    });
  }

  const load = async (id: number) => {
    const job = await getJob(app.db, id);
    if (!job) throw new HttpProblem(404, `No import with id ${id}.`, { parameter: 'id', in: 'params' });
    return job;
  };

  app.get<{ Params: { id: number } }>('/api/imports/:id', {
    preValidation: adminOnly,
    schema: {
      tags: ['imports'], summary: 'State and counts of an import (admins)', security: [{ bearer: [] }],
      params: idParams, response: { 200: jobSchema, ...problemResponses },
    },
  }, async (request) => present(await load(request.params.id)));

  app.get<{ Params: { id: number } }>('/api/imports/:id/rejects.csv', {
    preValidation: adminOnly,
    schema: {
      tags: ['imports'], summary: 'The rejected lines of an import as CSV (UTF-8 with BOM): line, column, reason, raw', security: [{ bearer: [] }],
      params: idParams, produces: ['text/csv'],
      response: { 200: { type: 'string', description: 'One row per problem, ordered by line; raw is the line as read when it could not be split into fields.' }, ...problemResponses },
    },
  }, async (request, reply) => {
    const job = await load(request.params.id);
    const { body } = await copyCsv(app.db, rejectsSql(app.db, job.id), REJECT_HEADER);
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${job.id}-rejects.csv"`)
      .send(body);
  });
}
