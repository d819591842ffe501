/** Login, logout and "who am I". Login is rate-limited per client address. */
import type { FastifyInstance } from 'fastify';
import { DUMMY_HASH, verifyPassword } from '../auth/password.js';
import { createSession, deleteSession } from '../auth/sessions.js';
import { findUserWithHash } from '../auth/users.js';
import { requireUser } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses } from '../schemas/common.js';

const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' }, role: { type: 'string', enum: ['public', 'analyst', 'admin'] }, pii: { type: 'boolean' },
    grants: { type: 'array', items: { type: 'string' }, description: "Area codes whose households the user may read ('TH' = all)." },
  },
  required: ['username', 'role', 'pii'],
} as const;

export interface AuthRouteOptions {
  /** Login attempts per client address per minute. */
  loginPerMinute?: number;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    config: { rateLimit: { max: options.loginPerMinute ?? 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Log in; returns a bearer token valid for 8 hours',
      body: {
        type: 'object',
        properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        required: ['username', 'password'],
        additionalProperties: false,
      },
      response: {
        200: { type: 'object', properties: { token: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' }, user: userSchema }, required: ['token', 'expires_at', 'user'] },
        ...problemResponses,
      },
    },
  }, async (request) => {
    const { username, password } = request.body;
    const user = await findUserWithHash(app.db, username);
    // Check a hash even for unknown users so the answer takes as long either way.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) throw new HttpProblem(401, 'Wrong username or password.');
    const { token, expiresAt } = await createSession(app.db, user.id);
    return { token, expires_at: expiresAt.toISOString(), user: { username: user.username, role: user.role, pii: user.pii, grants: user.grants } };
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the session of the bearer token', security: [{ bearer: [] }], response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    requireUser(request);
    await deleteSession(app.db, request.authToken!);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', {
    schema: {
      tags: ['auth'], summary: 'The user behind the bearer token', security: [{ bearer: [] }],
      response: { 200: { type: 'object', properties: { user: userSchema, expires_at: { type: 'string', format: 'date-time' } }, required: ['user', 'expires_at'] }, ...problemResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return { user: { username: user.username, role: user.role, pii: user.pii, grants: user.grants }, expires_at: user.expiresAt.toISOString() };
  });
}
