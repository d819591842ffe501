/** User administration for admins: list users, create analysts (with area grants) and others, remove them. */
import type { FastifyInstance } from 'fastify';
import { sqlText } from '../../sql/load.js';
import { MIN_PASSWORD_LENGTH, USERNAME_PATTERN, UserError, createUser, type Role } from '../auth/users.js';
import { requireRole } from '../plugins/auth.js';
import { HttpProblem } from '../plugins/problem.js';
import { problemResponses } from '../schemas/common.js';

const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' }, role: { type: 'string' }, pii: { type: 'boolean' },
    grants: { type: 'array', items: { type: 'string' } }, created_at: { type: 'string', format: 'date-time' },
  },
  required: ['username', 'role', 'pii', 'grants'],
} as const;

interface NewUserBody {
  username: string;
  password: string;
  role: Role;
  pii: boolean;
  grants: string[];
}

export async function userRoutes(app: FastifyInstance) {
  const adminOnly = async (request: Parameters<typeof requireRole>[0]) => {
    requireRole(request, ['admin']);
  };

  app.get('/api/users', {
    preValidation: adminOnly,
    schema: {
      tags: ['auth'], summary: 'All users with their roles and area grants (admins)', security: [{ bearer: [] }],
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: userSchema } }, required: ['items'] }, ...problemResponses },
    },
  }, async () => {
    const { rows } = await app.db.raw(sqlText('auth/users.sql'));
    return { items: (rows as Array<{ created_at: Date }>).map((u) => ({ ...u, created_at: u.created_at.toISOString() })) };
  });

  app.post<{ Body: NewUserBody }>('/api/users', {
    preValidation: adminOnly,
    schema: {
      tags: ['auth'], summary: 'Create a user (admins); analysts read households of their granted areas', security: [{ bearer: [] }],
      body: {
        type: 'object',
        properties: {
          username: { type: 'string', pattern: USERNAME_PATTERN },
          password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 },
          role: { type: 'string', enum: ['public', 'analyst', 'admin'] },
          pii: { type: 'boolean', default: false },
          grants: { type: 'array', items: { type: 'string', pattern: '^(TH|[0-9]{2}([0-9]{2}){0,3})$' }, maxItems: 500, default: [] },
        },
        required: ['username', 'password', 'role'],
        additionalProperties: false,
      },
      response: { 201: userSchema, ...problemResponses, 409: problemResponses[400] },
    },
  }, async (request, reply) => {
    try {
      const user = await createUser(app.db, request.body);
      return reply.code(201).send({ username: user.username, role: user.role, pii: user.pii, grants: user.grants });
    } catch (err) {
      if (err instanceof UserError) {
        const exists = /already exists/.test(err.message);
        throw new HttpProblem(exists ? 409 : 400, err.message, { parameter: exists ? 'username' : 'grants', in: 'body' });
      }
      throw err;
    }
  });

  app.delete<{ Params: { username: string } }>('/api/users/:username', {
    preValidation: adminOnly,
    schema: {
      tags: ['auth'], summary: 'Remove a user and end their sessions (admins)', security: [{ bearer: [] }],
      params: { type: 'object', properties: { username: { type: 'string', pattern: USERNAME_PATTERN } }, required: ['username'] },
      response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    if (request.params.username === request.user!.username) throw new HttpProblem(400, 'An admin cannot remove themselves.', { parameter: 'username', in: 'params' });
    const n = await app.db('app_user').where({ username: request.params.username }).delete();
    if (!n) throw new HttpProblem(404, `No user "${request.params.username}".`, { parameter: 'username', in: 'params' });
    return reply.code(204).send();
  });
}
