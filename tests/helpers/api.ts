/** Building the app for tests and making users with tokens (no login round-trip needed). */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createSession } from '../../server/auth/sessions.js';
import { createUser, type Role } from '../../server/auth/users.js';
import type { Db } from '../../server/db/knex.js';
import { testDatabaseUrl, testDb } from './database.js';

export async function testApp(databaseUrl = testDatabaseUrl()): Promise<FastifyInstance> {
  return buildApp({ databaseUrl, logLevel: 'silent' });
}

/**
 * The usual set-up of a test file on the test database: the app (real routes) and a database
 * handle, made before the file's tests and closed after them. `use` gets both (the file keeps them
 * in its own variables).
 */
export function withAppAndDb(use: (app: FastifyInstance, db: Db) => void, logLevel: 'silent' | 'warn' = 'silent'): void {
  let app: FastifyInstance | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel });
    db = testDb();
    use(app, db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });
}

let counter = 0;

/** A user with a live session; `prefix` names the test file so cleanup can find its users. */
export async function userWithToken(app: FastifyInstance, prefix: string, role: Role, grants: string[] = [], pii = false) {
  const username = `${prefix}_${role}_${++counter}_${process.pid}`;
  const user = await createUser(app.db, { username, password: 'correct horse battery', role, grants, pii });
  const { token } = await createSession(app.db, user.id);
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

export async function deleteUsers(app: FastifyInstance, prefix: string) {
  const ids = await app.db('app_user').where('username', 'like', `${prefix}\\_%`).pluck('id');
  await app.db('audit_log').whereIn('user_id', ids).delete();
  await app.db('app_user').whereIn('id', ids).delete();
}
