/**
 * The audit trail of household-level reads and writes: who, when, what, how many rows, PII or not.
 * Refused reads are audited too (action `….refused`, no rows, the reason in the filter), so an
 * analyst probing areas outside their grant shows up in the trail.
 */
import type { Db } from '../db/knex.js';
import type { User } from '../auth/users.js';
import type { ImportKind } from '../imports/formats.js';

export type AuditAction = 'households.list' | 'households.csv' | 'persons.list' | 'persons.csv' | 'assistance.list' | 'matches.list' | 'handoff.csv' | 'menu.needs';
export type AuditRefusedAction = `${AuditAction}.refused`;
export type AuditWriteAction = `imports.${ImportKind}` | 'assistance.write' | 'menu.create' | 'menu.update' | 'menu.delete' | 'handoff.create';

export async function auditRead(db: Db, user: Pick<User, 'id' | 'username' | 'pii'>, action: AuditAction, filter: Record<string, unknown>, rowCount: number): Promise<void> {
  await db('audit_log').insert({ user_id: user.id, username: user.username, action, filter: JSON.stringify(filter), row_count: rowCount, pii: user.pii });
}

/** A write: an import started (details name the job and file) or a logbook entry recorded. */
export async function auditWrite(db: Db, user: Pick<User, 'id' | 'username'>, action: AuditWriteAction, details: Record<string, unknown>, rowCount: number, pii: boolean): Promise<void> {
  await db('audit_log').insert({ user_id: user.id, username: user.username, action, filter: JSON.stringify(details), row_count: rowCount, pii });
}

/** A read the user was refused (403): what they asked for and why, with no rows and no PII shown. */
export async function auditRefusal(db: Db, user: Pick<User, 'id' | 'username'>, action: AuditAction, request: Record<string, unknown>, reason: string): Promise<void> {
  const refused: AuditRefusedAction = `${action}.refused`;
  await db('audit_log').insert({ user_id: user.id, username: user.username, action: refused, filter: JSON.stringify({ ...request, reason }), row_count: 0, pii: false });
}
