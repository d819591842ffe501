import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { testDatabaseUrl } from '../helpers/database.js';

describe('GET /health', () => {
  it('answers ok when the database answers', async () => {
    const app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent' });
    try {
      const res = await app.inject('/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
    } finally {
      await app.close();
    }
  });

  it('answers 503 with a reason, and no connection details, when the database is down', async () => {
    const app = await buildApp({ databaseUrl: 'postgresql://povmap:secret@127.0.0.1:9/povmap', logLevel: 'silent' });
    try {
      const res = await app.inject('/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', db: 'unavailable' });
      expect(res.body).not.toContain('secret');
    } finally {
      await app.close();
    }
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent' });
    try {
      const res = await app.inject('/no/such/thing');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, title: 'Not Found' });
    } finally {
      await app.close();
    }
  });
});
