/**
 * The finite-numbers keyword and plugin on a bare Fastify app (no database): ±Infinity made by ajv's
 * coercion or by JSON.parse is refused as a 400 naming the parameter, in the query, the path and
 * nested in a JSON body; finite values still meet the schema's own bounds.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finiteMessage, finiteNumbersKeyword, finiteNumbersPlugin, nonFiniteNumberPath } from '../../server/plugins/finite-numbers.js';
import { problemPlugin } from '../../server/plugins/problem.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false }, plugins: [finiteNumbersKeyword] } });
  await app.register(problemPlugin);
  await app.register(finiteNumbersPlugin);
  app.get('/items/:id', {
    schema: {
      params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 } } },
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 }, share: { type: 'number', exclusiveMinimum: 0, maximum: 1 } } },
    },
  }, async (request) => ({ params: request.params, query: request.query }));
  app.post('/points', {
    schema: {
      body: {
        type: 'object',
        properties: { points: { type: 'array', items: { type: 'object', properties: { x: { type: 'number', minimum: -180, maximum: 180 } } } } },
      },
    },
  }, async (request) => request.body);
  await app.ready();
});
afterAll(() => app.close());

describe('finite numbers in requests', () => {
  it.each(['Infinity', '-Infinity', '1e309', '-1e309', '9'.repeat(400)])('limit=%s → 400 naming limit', async (value) => {
    const r = await app.inject({ method: 'GET', url: `/items/1?limit=${value}` });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ parameter: 'limit', in: 'querystring', detail: 'querystring parameter "limit" must be a finite number (at least 1 and at most 1000)' });
  });

  it('a number schema with an exclusive bound says so', async () => {
    const r = await app.inject({ method: 'GET', url: '/items/1?share=1e309' });
    expect(r.json()).toMatchObject({ parameter: 'share', detail: 'querystring parameter "share" must be a finite number (more than 0 and at most 1)' });
  });

  it('a path parameter is checked the same way', async () => {
    const r = await app.inject({ method: 'GET', url: '/items/1e309' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ parameter: 'id', in: 'params' });
  });

  // ajv's own type check refuses a JSON number that parsed as Infinity; the keyword backs it up for any
  // other schema shape. Either way the answer names the field.
  it('a JSON body number JSON.parse reads as Infinity is refused where it is', async () => {
    const r = await app.inject({ method: 'POST', url: '/points', headers: { 'content-type': 'application/json' }, payload: '{"points":[{"x":1},{"x":-1e309}]}' });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ parameter: 'points.1.x', in: 'body' });
  });

  it('finite values inside the bounds pass, and finite values outside them keep the usual refusal', async () => {
    expect((await app.inject({ method: 'GET', url: '/items/7?limit=1e2&share=0.5' })).json()).toEqual({ params: { id: 7 }, query: { limit: 100, share: 0.5 } });
    const past = await app.inject({ method: 'GET', url: '/items/1?limit=1001' });
    expect(past.statusCode).toBe(400);
    expect(past.json().detail).toBe('querystring parameter "limit" must be <= 1000');
    const ok = await app.inject({ method: 'POST', url: '/points', headers: { 'content-type': 'application/json' }, payload: '{"points":[{"x":1.5}]}' });
    expect(ok.json()).toEqual({ points: [{ x: 1.5 }] });
  });
});

describe('the pieces', () => {
  it('nonFiniteNumberPath finds the first non-finite number as a JSON pointer', () => {
    expect(nonFiniteNumberPath({ a: 1, b: [2, { 'c/d': Number.NEGATIVE_INFINITY }] })).toBe('/b/1/c~1d');
    expect(nonFiniteNumberPath({ a: 'Infinity', b: [1, 2], c: null })).toBeUndefined();
    expect(nonFiniteNumberPath(Number.NaN)).toBe('');
  });

  it('finiteMessage states whichever bounds the schema has', () => {
    expect(finiteMessage({ minimum: 1, maximum: 5 })).toBe('must be a finite number (at least 1 and at most 5)');
    expect(finiteMessage({ exclusiveMaximum: 1 })).toBe('must be a finite number (less than 1)');
    expect(finiteMessage(undefined)).toBe('must be a finite number');
  });
});
