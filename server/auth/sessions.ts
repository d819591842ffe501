/**
 * Login sessions as opaque bearer tokens: 32 random bytes handed to the client once; the database
 * keeps only their SHA-256 and an expiry, so tokens in a dump or a log of the table are useless.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';
import type { User } from './users.js';

export const SESSION_HOURS = 8;

const sha256 = (token: string) => createHash('sha256').update(token).digest();

export async function createSession(db: Db, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db('user_session').insert({ token_sha256: sha256(token), user_id: userId, expires_at: expiresAt });
  // Sweep expired sessions now and then instead of running a scheduler.
  if (Math.random() < 0.05) await db('user_session').where('expires_at', '<', new Date()).delete();
  return { token, expiresAt };
}

/** The user behind a live token, or undefined for an unknown or expired one. */
export async function userForToken(db: Db, token: string): Promise<(User & { expiresAt: Date }) | undefined> {
  const { rows: [row] } = await db.raw(sqlText('auth/user_for_token.sql'), { token_sha256: sha256(token) });
  if (!row) return undefined;
  return { id: row.id, username: row.username, role: row.role, pii: row.pii, grants: row.grants, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db('user_session').where({ token_sha256: sha256(token) }).delete();
}
