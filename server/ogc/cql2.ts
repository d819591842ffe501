/**
 * CQL2 text (OGC API – Features Part 3, issue 19): Basic CQL2 — comparisons (=, <>, <, <=, >, >=)
 * between properties and literals (strings in single quotes, numbers, TRUE, FALSE),
 * `property IS [NOT] NULL`, and AND / OR / NOT with parentheses, e.g.
 * `target_share > 0.08 AND level = 'district'` — and the Advanced Comparison Operators class:
 * `name_en [NOT] LIKE 'Nong%'` (`%` any run, `_` one character, `\` escapes either),
 * `h [NOT] BETWEEN 0.01 AND 0.05` (both ends included) and `code [NOT] IN ('30', '40')`. A small recursive-descent parser into a tree that
 * server/ogc/cql2-sql.ts compiles with bound values: no user text ever becomes SQL text. No npm
 * package parses CQL2 text (the registry's "cql" packages are Cassandra's and clinical languages).
 *
 * Refusals are CqlError with the position, which the route answers as 400 naming `filter`.
 */

export type Literal = { type: 'literal'; value: string | number | boolean };
export type PropertyRef = { type: 'property'; name: string };
export type Scalar = Literal | PropertyRef;
export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type CqlNode =
  | { type: 'and' | 'or'; args: CqlNode[] }
  | { type: 'not'; arg: CqlNode }
  | { type: 'compare'; op: ComparisonOp; left: Scalar; right: Scalar }
  | { type: 'isNull'; property: PropertyRef; negated: boolean }
  | { type: 'like'; property: PropertyRef; pattern: string; negated: boolean }
  | { type: 'between'; value: Scalar; low: Scalar; high: Scalar; negated: boolean }
  | { type: 'in'; value: Scalar; list: Scalar[]; negated: boolean }
  | { type: 'boolean'; value: boolean };

export class CqlError extends Error {}

/** Deep nesting is refused before it can exhaust the stack. */
const MAX_DEPTH = 40;
/** An IN list longer than this is refused: a filter names a handful of values, not a table. */
export const MAX_IN_LIST = 1000;

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'quoted'; text: string; at: number } // "double-quoted" property name
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; at: number };

const NUMBER = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['<=', '>=', '<>', '=', '<', '>', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new CqlError(`unterminated string starting at character ${i + 1}`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ kind: 'string', text: value, at: i });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new CqlError(`unterminated quoted property name at character ${i + 1}`);
      tokens.push({ kind: 'quoted', text: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    // A sign belongs to a number only where a value may start (not "a-1" — which CQL2 does not have anyway).
    const number = NUMBER.exec(rest);
    if (number && (/[0-9.]/.test(c) || ((c === '-' || c === '+') && /^[+-][0-9.]/.test(rest)))) {
      const value = Number(number[0]);
      if (!Number.isFinite(value)) throw new CqlError(`number out of range at character ${i + 1}`);
      tokens.push({ kind: 'number', value, at: i });
      i += number[0].length;
      continue;
    }
    if (op) {
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    throw new CqlError(`unexpected character ${JSON.stringify(c)} at character ${i + 1}`);
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'FALSE', 'LIKE', 'IN', 'BETWEEN']);
const COMPARISONS = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private get next(): Token {
    return this.tokens[this.i];
  }

  private keyword(word: string): boolean {
    const t = this.next;
    if (t.kind === 'word' && t.text.toUpperCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }

  private describe(t: Token): string {
    if (t.kind === 'end') return 'the end of the filter';
    const shown = t.kind === 'number' ? String(t.value) : t.kind === 'string' ? `'${t.text}'` : t.text;
    return `${JSON.stringify(shown)} at character ${t.at + 1}`;
  }

  parse(): CqlNode {
    const node = this.or(0);
    if (this.next.kind !== 'end') throw new CqlError(`unexpected ${this.describe(this.next)}`);
    return node;
  }

  private or(depth: number): CqlNode {
    const args = [this.and(depth)];
    while (this.keyword('OR')) args.push(this.and(depth));
    return args.length === 1 ? args[0] : { type: 'or', args };
  }

  private and(depth: number): CqlNode {
    const args = [this.not(depth)];
    while (this.keyword('AND')) args.push(this.not(depth));
    return args.length === 1 ? args[0] : { type: 'and', args };
  }

  private not(depth: number): CqlNode {
    if (depth > MAX_DEPTH) throw new CqlError(`the filter nests deeper than ${MAX_DEPTH} levels`);
    if (this.keyword('NOT')) return { type: 'not', arg: this.not(depth + 1) };
    return this.primary(depth);
  }

  private primary(depth: number): CqlNode {
    const t = this.next;
    if (t.kind === 'op' && t.text === '(') {
      this.i++;
      const inner = this.or(depth + 1);
      const close = this.next;
      if (close.kind !== 'op' || close.text !== ')') throw new CqlError(`expected ")" but found ${this.describe(close)}`);
      this.i++;
      return inner;
    }
    const left = this.scalar();
    if (left.type === 'property' && this.keyword('IS')) {
      const negated = this.keyword('NOT');
      if (!this.keyword('NULL')) throw new CqlError(`expected NULL after IS but found ${this.describe(this.next)}`);
      return { type: 'isNull', property: left, negated };
    }
    const advanced = this.advancedComparison(left);
    if (advanced) return advanced;
    const op = this.next;
    if (op.kind !== 'op' || !COMPARISONS.has(op.text)) {
      if (left.type === 'literal' && typeof left.value === 'boolean') return { type: 'boolean', value: left.value };
      if (op.kind === 'word' && KEYWORDS.has(op.text.toUpperCase()) && !['AND', 'OR'].includes(op.text.toUpperCase())) {
        throw new CqlError(`${op.text.toUpperCase()} is not supported here (=, <>, <, <=, >, >=, [NOT] LIKE, [NOT] BETWEEN, [NOT] IN, IS [NOT] NULL, AND, OR, NOT)`);
      }
      throw new CqlError(`expected a comparison (=, <>, <, <=, >, >=, LIKE, BETWEEN, IN) but found ${this.describe(op)}`);
    }
    this.i++;
    return { type: 'compare', op: op.text as ComparisonOp, left, right: this.scalar() };
  }

  /** `[NOT] LIKE 'pattern'`, `[NOT] BETWEEN a AND b`, `[NOT] IN (a, b, …)` after `left`; undefined when none follows. */
  private advancedComparison(left: Scalar): CqlNode | undefined {
    const start = this.i;
    const negated = this.keyword('NOT');
    if (this.keyword('LIKE')) {
      if (left.type !== 'property') throw new CqlError('LIKE needs a property on its left');
      const pattern = this.next;
      if (pattern.kind !== 'string') throw new CqlError(`LIKE needs a pattern in single quotes but found ${this.describe(pattern)}`);
      this.i++;
      return { type: 'like', property: left, pattern: pattern.text, negated };
    }
    if (this.keyword('BETWEEN')) {
      const low = this.scalar();
      if (!this.keyword('AND')) throw new CqlError(`expected AND in BETWEEN but found ${this.describe(this.next)}`);
      return { type: 'between', value: left, low, high: this.scalar(), negated };
    }
    if (this.keyword('IN')) {
      const open = this.next;
      if (open.kind !== 'op' || open.text !== '(') throw new CqlError(`expected "(" after IN but found ${this.describe(open)}`);
      this.i++;
      const list = [this.scalar()];
      for (;;) {
        const t = this.next;
        if (t.kind === 'op' && t.text === ',') {
          this.i++;
          if (list.length >= MAX_IN_LIST) throw new CqlError(`an IN list holds at most ${MAX_IN_LIST} values`);
          list.push(this.scalar());
          continue;
        }
        if (t.kind === 'op' && t.text === ')') {
          this.i++;
          return { type: 'in', value: left, list, negated };
        }
        throw new CqlError(`expected "," or ")" in the IN list but found ${this.describe(t)}`);
      }
    }
    this.i = start; // a NOT here belongs to nothing we know: let the caller report what follows
    return undefined;
  }

  private scalar(): Scalar {
    const t = this.next;
    this.i++;
    if (t.kind === 'string') return { type: 'literal', value: t.text };
    if (t.kind === 'number') return { type: 'literal', value: t.value };
    if (t.kind === 'quoted') return { type: 'property', name: t.text };
    if (t.kind === 'word') {
      const upper = t.text.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return { type: 'literal', value: upper === 'TRUE' };
      if (KEYWORDS.has(upper)) throw new CqlError(`expected a property or a value but found ${this.describe(t)}`);
      // A function call (e.g. DATE('…'), S_INTERSECTS(…)) is beyond Basic CQL2 as served here.
      const after = this.next;
      if (after.kind === 'op' && after.text === '(') throw new CqlError(`functions are not supported: ${this.describe(t)}`);
      return { type: 'property', name: t.text };
    }
    this.i--;
    throw new CqlError(`expected a property or a value but found ${this.describe(t)}`);
  }
}

/** The tree of a CQL2 text filter; CqlError when it is not CQL2 as served here (see the top of this file). */
export function parseCql2(text: string): CqlNode {
  if (!text.trim()) throw new CqlError('the filter is empty');
  return new Parser(tokenize(text)).parse();
}
