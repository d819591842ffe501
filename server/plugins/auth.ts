/**
 * Who is calling: `request.user` is the user behind a valid `Authorization: Bearer <token>`, or
 * null (anonymous, treated as the public role). An unknown or expired token is anonymous too; the
 * routes that need a user answer 401 and say so.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { userForToken } from '../auth/sessions.js';
import { onPrimary } from '../db/read-routing.js';
import type { User } from '../auth/users.js';
import { HttpProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: (User & { expiresAt: Date }) | null;
    authToken: string | null;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(header);
  return m ? m[1] : null;
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('user', null);
  app.decorateRequest('authToken', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (!token || !request.url.startsWith('/api/')) return;
    request.authToken = token;
    // on the primary: a session made a moment ago may not have reached a replica yet
    request.user = (await onPrimary(() => userForToken(app.db, token))) ?? null;
  });
});

export function requireUser(request: FastifyRequest): NonNullable<FastifyRequest['user']> {
  if (!request.user) {
    throw new HttpProblem(401, request.authToken ? 'The token is unknown or has expired; log in again.' : 'Log in first (POST /api/auth/login) and send Authorization: Bearer <token>.');
  }
  return request.user;
}

export function requireRole(request: FastifyRequest, roles: Array<User['role']>): NonNullable<FastifyRequest['user']> {
  const user = requireUser(request);
  if (!roles.includes(user.role)) throw new HttpProblem(403, `This needs the ${roles.join(' or ')} role.`);
  return user;
}
