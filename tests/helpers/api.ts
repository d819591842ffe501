/** Building the app for tests and making users with tokens (no login round-trip needed). */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createSession } from '../../server/auth/sessions.js';
import { createUser, type Role } from '../../server/auth/users.js';
import { testDatabaseUrl } from './database.js';

export async function testApp(databaseUrl = testDatabaseUrl()): Promise<FastifyInstance> {
  return buildApp({ databaseUrl, logLevel: 'silent' });
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
