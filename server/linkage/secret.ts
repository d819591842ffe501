/**
 * The server secret national ids are hashed with for registry linkage (HMAC-SHA256, design §8):
 * POVMAP_ID_SECRET when set (at least 32 characters), else `id-secret` in the data directory,
 * generated once (32 random bytes, hex, file mode 0600) and kept. Every hash ever stored was made
 * with it: changing or losing it makes stored registry hashes unlinkable (import the registry again).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDirFrom } from '../data-dir.js';

export function idSecret(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.POVMAP_ID_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new Error('POVMAP_ID_SECRET must be at least 32 characters');
    return given;
  }
  const file = path.join(dataDirFrom(env), 'id-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }); // wx: another process may have won the race
    return secret;
  } catch {
    return fs.readFileSync(file, 'utf8').trim();
  }
}

/** The keyed hash of a national id, as sql/import/registry_validate.sql computes it in SQL. */
export function idHash(nationalId: string, secret: string = idSecret()): Buffer {
  return crypto.createHmac('sha256', secret).update(nationalId, 'utf8').digest();
}
