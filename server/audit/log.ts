/** The audit trail of household-level reads: who, when, the filter, how many rows, PII or not. */
import type { Db } from '../db/knex.js';
import type { User } from '../auth/users.js';

export type AuditAction = 'households.list' | 'households.csv';

export async function auditRead(db: Db, user: Pick<User, 'id' | 'username' | 'pii'>, action: AuditAction, filter: Record<string, unknown>, rowCount: number): Promise<void> {
  await db('audit_log').insert({ user_id: user.id, username: user.username, action, filter: JSON.stringify(filter), row_count: rowCount, pii: user.pii });
}
