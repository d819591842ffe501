/**
 * Login, logout and "who am I". Login is rate-limited per client address and, against guessing one
 * account's password from many addresses, per username too. The username limit counts attempts at
 * the name as typed (trimmed, lower-cased), whether or not such a user exists, so its 429 says
 * nothing about which accounts there are.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  /** Login attempts per username (whoever sends them) per minute. */
  loginPerUsernamePerMinute?: number;
}

/** The key a username's attempts are counted under: the same for "Somchai" and " somchai ". */
export function loginUsernameKey(username: unknown): string {
  return `login-user:${String(username ?? '').trim().toLowerCase()}`;
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  // A limiter of its own (createRateLimit), because @fastify/rate-limit runs one limit handler per
  // request and the per-address one has already run for this route.
  const perUsername = app.createRateLimit({
    max: options.loginPerUsernamePerMinute ?? 5,
    timeWindow: '1 minute',
    keyGenerator: (request) => loginUsernameKey((request.body as { username?: unknown } | undefined)?.username),
  });

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    config: { rateLimit: { max: options.loginPerMinute ?? 10, timeWindow: '1 minute' } },
    // After the body is validated, so the key is the username sent.
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const limit = await perUsername(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', String(limit.ttlInSeconds));
        throw new HttpProblem(429, `Too many login attempts for this username; retry in ${limit.ttlInSeconds} s.`);
      }
    },
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
