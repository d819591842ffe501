/** Users, roles and area grants in the database. */
import type { Db } from '../db/knex.js';
import { hashPassword } from './password.js';

export type Role = 'public' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['public', 'analyst', 'admin'];

export interface User {
  id: number;
  username: string;
  role: Role;
  pii: boolean;
  /** Area codes the user may read households of ('TH' = the country). Admins read everything. */
  grants: string[];
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  pii?: boolean;
  grants?: string[];
}

export const USERNAME_PATTERN = '^[A-Za-z0-9._@-]{3,64}$';
export const MIN_PASSWORD_LENGTH = 10;

export class UserError extends Error {}

export async function createUser(db: Db, user: NewUser): Promise<User> {
  if (!new RegExp(USERNAME_PATTERN).test(user.username)) throw new UserError('username must be 3-64 letters, digits or ._@-');
  if (user.password.length < MIN_PASSWORD_LENGTH) throw new UserError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const grants = [...new Set(user.grants ?? [])];
  if (grants.length) {
    const known = await db('admin_area').whereIn('code', grants.filter((g) => g !== 'TH')).pluck('code');
    const unknown = grants.filter((g) => g !== 'TH' && !known.includes(g));
    if (unknown.length) throw new UserError(`unknown area code(s) in grants: ${unknown.join(', ')}`);
  }
  const passwordHash = await hashPassword(user.password);
  return db.transaction(async (trx) => {
    const exists = await trx('app_user').where({ username: user.username }).first();
    if (exists) throw new UserError(`user "${user.username}" already exists`);
    const [row] = await trx('app_user')
      .insert({ username: user.username, password_hash: passwordHash, role: user.role, pii: user.pii ?? false })
      .returning(['id']);
    if (grants.length) await trx('user_grant').insert(grants.map((area_code) => ({ user_id: row.id, area_code })));
    return { id: row.id as number, username: user.username, role: user.role, pii: user.pii ?? false, grants };
  });
}

export async function findUserWithHash(db: Db, username: string): Promise<(User & { password_hash: string }) | undefined> {
  const row = await db('app_user').where({ username }).first();
  if (!row) return undefined;
  const grants = await db('user_grant').where({ user_id: row.id }).orderBy('area_code').pluck('area_code');
  return { id: row.id, username: row.username, role: row.role, pii: row.pii, grants, password_hash: row.password_hash };
}
