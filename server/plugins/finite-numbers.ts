/**
 * Every number a request carries is finite, on every route, checked once here.
 *
 * Why: with `coerceTypes`, ajv turns the query text "Infinity", "1e309" or a 400-digit number into
 * ±Infinity and then skips `minimum`/`maximum` (its numeric keywords only look at finite numbers), so
 * `limit=1e309` used to page past the row cap and `catchment_km=1e309` ran for minutes. JSON bodies
 * have the same hole: JSON.parse reads 1e309 as Infinity. The fix has two parts:
 * - `finiteNumbersKeyword`, an ajv plugin (given to Fastify's `ajv.plugins`), defines the keyword
 *   `x-finite-numbers`: run after every other keyword of its schema, when coercion is done, it refuses
 *   any non-finite number anywhere in the data and names where it is ("must be a finite number").
 *   A finite value then meets the schema's own minimum/maximum as usual.
 * - `finiteNumbersPlugin` puts that keyword at the top of each request part (params, querystring,
 *   body, headers) of every route as the route is added, so no route has to remember it.
 */
import type { FastifyInstance, FastifySchema, FastifyServerOptions, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

export const FINITE_NUMBERS_KEYWORD = 'x-finite-numbers';

const REQUEST_PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/** The JSON pointer of the first non-finite number inside `data`, or undefined when there is none. */
export function nonFiniteNumberPath(data: unknown, path = ''): string | undefined {
  if (typeof data === 'number') return Number.isFinite(data) ? undefined : path;
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const found = nonFiniteNumberPath(data[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const found = nonFiniteNumberPath(value, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The schema that `path` (a JSON pointer) points at inside `schema`, following properties and items. */
function schemaAt(schema: unknown, path: string): Record<string, unknown> | undefined {
  let here = schema as Record<string, unknown> | undefined;
  for (const raw of path.split('/').slice(1)) {
    if (!here || typeof here !== 'object') return undefined;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const properties = here.properties as Record<string, Record<string, unknown>> | undefined;
    here = properties?.[key] ?? (here.items as Record<string, unknown> | undefined);
  }
  return here;
}

/** "must be a finite number from 1 to 1000", with whichever bounds the number's schema declares. */
export function finiteMessage(numberSchema: Record<string, unknown> | undefined): string {
  const s = numberSchema ?? {};
  const low = s.minimum !== undefined ? `at least ${s.minimum}` : s.exclusiveMinimum !== undefined ? `more than ${s.exclusiveMinimum}` : '';
  const high = s.maximum !== undefined ? `at most ${s.maximum}` : s.exclusiveMaximum !== undefined ? `less than ${s.exclusiveMaximum}` : '';
  const bounds = [low, high].filter(Boolean).join(' and ');
  return `must be a finite number${bounds ? ` (${bounds})` : ''}`;
}

/** Fastify's ajv (the one its validator compiler makes), typed through Fastify so ajv need not be a dependency. */
type AjvPlugin = Extract<NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number], (...args: never[]) => unknown>;
type Ajv = Parameters<AjvPlugin>[0];
type KeywordDefinition = Extract<Parameters<Ajv['addKeyword']>[0], { validate?: unknown }>;
type KeywordValidate = Extract<NonNullable<KeywordDefinition['validate']>, (...args: never[]) => unknown>;

/** ajv plugin: defines `x-finite-numbers: true` (see the file comment). */
export function finiteNumbersKeyword(ajv: Ajv): Ajv {
  const validate: KeywordValidate = (enabled, data, parentSchema, dataCxt) => {
    if (enabled !== true) return true;
    const path = nonFiniteNumberPath(data);
    if (path === undefined) {
      validate.errors = undefined;
      return true;
    }
    validate.errors = [{
      instancePath: `${dataCxt?.instancePath ?? ''}${path}`,
      schemaPath: `#/${FINITE_NUMBERS_KEYWORD}`,
      keyword: FINITE_NUMBERS_KEYWORD,
      params: {},
      message: finiteMessage(schemaAt(parentSchema, path)),
    }];
    return false;
  };
  // post: after coercion and every other keyword of the schema, so it sees the numbers ajv made.
  ajv.addKeyword({ keyword: FINITE_NUMBERS_KEYWORD, post: true, errors: true, schemaType: 'boolean', validate });
  return ajv;
}

/** A copy of a request-part schema with the keyword at its top; shorthand or absent schemas stay as they are. */
function withFiniteNumbers(part: unknown): unknown {
  if (part === null || typeof part !== 'object' || Array.isArray(part)) return part;
  const schema = part as Record<string, unknown>;
  if (!('type' in schema) && !('properties' in schema)) return part;
  return { ...schema, [FINITE_NUMBERS_KEYWORD]: true };
}

/** Adds the keyword to each request part of every route registered after it (register before the routes). */
export const finiteNumbersPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema) return;
    const schema: Record<string, unknown> = { ...route.schema };
    for (const part of REQUEST_PARTS) {
      if (schema[part] !== undefined) schema[part] = withFiniteNumbers(schema[part]);
    }
    route.schema = schema as FastifySchema;
  });
});
