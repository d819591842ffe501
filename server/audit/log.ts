/** The audit trail of household-level reads and writes: who, when, what, how many rows, PII or not. */
import type { Db } from '../db/knex.js';
import type { User } from '../auth/users.js';

export type AuditAction = 'households.list' | 'households.csv' | 'assistance.list';
export type AuditWriteAction = 'imports.households' | 'imports.assistance' | 'assistance.write';

export async function auditRead(db: Db, user: Pick<User, 'id' | 'username' | 'pii'>, action: AuditAction, filter: Record<string, unknown>, rowCount: number): Promise<void> {
  await db('audit_log').insert({ user_id: user.id, username: user.username, action, filter: JSON.stringify(filter), row_count: rowCount, pii: user.pii });
}

/** A write: an import started (details name the job and file) or a logbook entry recorded. */
export async function auditWrite(db: Db, user: Pick<User, 'id' | 'username'>, action: AuditWriteAction, details: Record<string, unknown>, rowCount: number, pii: boolean): Promise<void> {
  await db('audit_log').insert({ user_id: user.id, username: user.username, action, filter: JSON.stringify(details), row_count: rowCount, pii });
}
