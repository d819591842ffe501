/**
 * `npm run user:add -- --username NAME --role admin|analyst|public [--pii] [--grant 30,3001]`: create a
 * user. The password comes from the POVMAP_PASSWORD environment variable, or else from the first
 * line of stdin, never from the command line (it would sit in the shell history and `ps`).
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { ROLES, UserError, createUser, type Role } from '../auth/users.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { prepareDatabase } from '../db/prepare.js';
import { SetupError, runCli, step } from './output.js';

async function readPassword(): Promise<string> {
  if (process.env.POVMAP_PASSWORD) return process.env.POVMAP_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new SetupError('no password: set POVMAP_PASSWORD or pipe it on stdin');
}

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { username: { type: 'string' }, role: { type: 'string', default: 'analyst' }, pii: { type: 'boolean', default: false }, grant: { type: 'string', default: '' }, database: { type: 'string' } } }));
  } catch (err) {
    throw new SetupError(`${(err as Error).message}. Usage: npm run user:add -- --username NAME --role admin|analyst|public [--pii] [--grant 30,3001]`);
  }
  if (!values.username) throw new SetupError('--username is required');
  if (!ROLES.includes(values.role as Role)) throw new SetupError(`--role must be one of ${ROLES.join(', ')}`);
  const grants = values.grant.split(',').map((g) => g.trim()).filter(Boolean);
  const password = await readPassword();
  const url = await prepareDatabase(loadConfig(), { purpose: 'main', database: values.database });
  const db = createDb(url, { max: 2 });
  try {
    const user = await createUser(db, { username: values.username, password, role: values.role as Role, pii: values.pii, grants });
    step(`Created ${user.role} "${user.username}"${user.pii ? ' with the PII grant' : ''}${grants.length ? `, areas ${grants.join(', ')}` : ''}`);
  } catch (err) {
    if (err instanceof UserError) throw new SetupError(err.message);
    throw err;
  } finally {
    await db.destroy();
  }
});
