/**
 * A parsed CQL2 filter (server/ogc/cql2.ts) as a SQL condition over a feature's `properties` jsonb
 * (the `f` of sql/ogc/page.sql and count.sql), for knex with bound values only: property names are
 * checked against the collection's queryables and bound too (`f.properties ->> ?`, or `f.??` for the
 * identity columns the sources also yield), literals are bound, and the only text written is the
 * fixed operators and casts below.
 *
 * Disclosure: the properties are the public ones (a withheld metric is absent), so a comparison on
 * a withheld value reads NULL and matches neither the condition nor its NOT: a filter cannot learn
 * what the map withholds.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/knex.js';
import type { Property, PropertyType } from './collections.js';
import { CqlError, type CqlNode, type Scalar } from './cql2.js';

interface Compiled {
  sql: string;
  bindings: unknown[];
  /** The value type of a scalar (for comparisons); undefined for conditions. */
  type?: PropertyType | 'any';
}

/** A property's value in SQL, by its declared type (jsonb text cast to the type). */
const PROPERTY_SQL: Record<PropertyType, string> = {
  string: '(f.properties ->> ?)',
  number: '(f.properties ->> ?)::double precision',
  integer: '(f.properties ->> ?)::double precision',
  boolean: '(f.properties ->> ?)::boolean',
};

/** A property the source also yields as a column (identity): compared on the column, which an index can narrow. */
const COLUMN_SQL: Record<PropertyType, string> = {
  string: 'f.??::text',
  number: 'f.??::double precision',
  integer: 'f.??::double precision',
  boolean: 'f.??::boolean',
};

const comparable = (a: PropertyType | 'any', b: PropertyType | 'any') => {
  const family = (t: PropertyType | 'any') => (t === 'integer' ? 'number' : t);
  return a === 'any' || b === 'any' || family(a) === family(b);
};

function scalar(s: Scalar, queryables: ReadonlyMap<string, Property>): Compiled {
  if (s.type === 'property') {
    const p = queryables.get(s.name);
    if (!p) throw new CqlError(`unknown property ${JSON.stringify(s.name)} (see the collection's queryables)`);
    if (p.column) return { sql: COLUMN_SQL[p.type], bindings: [p.name], type: p.type };
    return { sql: PROPERTY_SQL[p.type], bindings: [p.name], type: p.type };
  }
  const v = s.value;
  if (typeof v === 'number') return { sql: '?::double precision', bindings: [v], type: 'number' };
  if (typeof v === 'boolean') return { sql: '?::boolean', bindings: [v], type: 'boolean' };
  return { sql: '?::text', bindings: [v], type: 'string' };
}

function compile(node: CqlNode, queryables: ReadonlyMap<string, Property>): Compiled {
  switch (node.type) {
    case 'and':
    case 'or': {
      const parts = node.args.map((a) => compile(a, queryables));
      return { sql: `(${parts.map((p) => p.sql).join(node.type === 'and' ? ' and ' : ' or ')})`, bindings: parts.flatMap((p) => p.bindings) };
    }
    case 'not': {
      const inner = compile(node.arg, queryables);
      return { sql: `(not ${inner.sql})`, bindings: inner.bindings };
    }
    case 'boolean':
      return { sql: node.value ? 'true' : 'false', bindings: [] };
    case 'isNull': {
      const p = scalar(node.property, queryables);
      return { sql: `(${p.sql} is ${node.negated ? 'not ' : ''}null)`, bindings: p.bindings };
    }
    case 'compare': {
      const left = scalar(node.left, queryables);
      const right = scalar(node.right, queryables);
      comparableOrThrow(left, right, `${describe(node.left)} ${node.op} ${describe(node.right)}`);
      if (left.type === 'boolean' && !['=', '<>'].includes(node.op)) throw new CqlError(`booleans compare with = and <> only, not ${node.op}`);
      return { sql: `(${left.sql} ${node.op} ${right.sql})`, bindings: [...left.bindings, ...right.bindings] };
    }
    case 'like': {
      const p = scalar(node.property, queryables);
      if (p.type !== 'string') throw new CqlError(`LIKE compares text, and ${node.property.name} is a ${p.type}`);
      // a pattern ending in an unpaired escape is an error in PostgreSQL: refuse it here, by name
      if (/(^|[^\\])(\\\\)*\\$/.test(node.pattern)) throw new CqlError('a LIKE pattern cannot end with a lone \\ (it escapes the next character)');
      // CQL2's wildcards (% and _) and escape (\\) are PostgreSQL's own; case counts, as in CQL2
      return { sql: `(${p.sql} ${node.negated ? 'not ' : ''}like ?::text)`, bindings: [...p.bindings, node.pattern] };
    }
    case 'between': {
      const parts = [node.value, node.low, node.high].map((s) => scalar(s, queryables));
      for (const part of parts) {
        if (part.type !== 'number' && part.type !== 'integer') throw new CqlError(`BETWEEN compares numbers (${describe(node.value)} BETWEEN ${describe(node.low)} AND ${describe(node.high)})`);
      }
      const [v, lo, hi] = parts;
      return { sql: `(${v.sql} ${node.negated ? 'not ' : ''}between ${lo.sql} and ${hi.sql})`, bindings: parts.flatMap((p) => p.bindings) };
    }
    case 'in': {
      const v = scalar(node.value, queryables);
      const items = node.list.map((s) => scalar(s, queryables));
      for (const [k, item] of items.entries()) comparableOrThrow(v, item, `${describe(node.value)} IN (… ${describe(node.list[k])} …)`);
      return {
        sql: `(${v.sql} ${node.negated ? 'not ' : ''}in (${items.map((i) => i.sql).join(', ')}))`,
        bindings: [...v.bindings, ...items.flatMap((i) => i.bindings)],
      };
    }
  }
}

function comparableOrThrow(a: Compiled, b: Compiled, what: string): void {
  if (!comparable(a.type!, b.type!)) throw new CqlError(`cannot compare a ${a.type} with a ${b.type} (${what})`);
}

const describe = (s: Scalar) => (s.type === 'property' ? s.name : JSON.stringify(s.value));

/** The condition of `node` over the queryable `properties`; CqlError naming an unknown property or a type clash. */
export function filterSql(db: Db, node: CqlNode | undefined, properties: readonly Property[]): Knex.Raw {
  if (!node) return db.raw('true');
  const compiled = compile(node, new Map(properties.map((p) => [p.name, p])));
  return db.raw(compiled.sql, compiled.bindings as Knex.RawBinding[]);
}
