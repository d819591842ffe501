/**
 * The person search filters: parsed and checked once, then applied the same way to the page, its
 * count and the CSV export. An area is required (a search of the whole country would read 36 M
 * rows); every rejection is a 4xx naming the parameter.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/knex.js';
import { areaQuerySchema, bad, parseArea, type SearchArea } from '../households/filters.js';
import { PERSON_GROUP_IDS } from '../people/groups.js';

/**
 * Named age bands, the ages of the population groups (server/people/groups.ts): `[min, max]` in
 * whole years, both included.
 */
export const AGE_BANDS = {
  '0-5': [0, 5], '6-14': [6, 14], '15-24': [15, 24], '15-59': [15, 59], '25-59': [25, 59], '60+': [60, 120],
} as const satisfies Record<string, readonly [number, number]>;
export type AgeBand = keyof typeof AGE_BANDS;
const AGE_MAX = 120;

export interface PersonFilterQuery {
  province?: string;
  district?: string;
  subdistrict?: string;
  village?: string;
  group?: string;
  age_band?: AgeBand;
  age_min?: number;
  age_max?: number;
  sex?: 'm' | 'f';
  disabled?: boolean;
  card?: 'with' | 'without';
}

export interface PersonFilter {
  year: number;
  area: SearchArea;
  /** Group ids (columns of person_in_groups); a person must be in every one. */
  groups: string[];
  ageMin: number | null;
  ageMax: number | null;
  sex: 'm' | 'f' | null;
  disabled: boolean | null;
  card: 'with' | 'without' | null;
}

export const personFilterQuerySchema = {
  ...areaQuerySchema,
  group: {
    type: 'string', maxLength: 400, pattern: '^[a-z0-9_]+(,[a-z0-9_]+)*$',
    description: `In every one of these groups of people (comma-separated): ${PERSON_GROUP_IDS.join(', ')}.`,
  },
  age_band: { type: 'string', enum: Object.keys(AGE_BANDS), description: 'A named age band (ages included at both ends); not together with age_min/age_max.' },
  age_min: { type: 'integer', minimum: 0, maximum: AGE_MAX, description: 'Aged at least this (whole years).' },
  age_max: { type: 'integer', minimum: 0, maximum: AGE_MAX, description: 'Aged at most this (whole years).' },
  sex: { type: 'string', enum: ['m', 'f'], description: 'm or f.' },
  disabled: { type: 'boolean', description: 'true: people with a disability; false: without.' },
  card: { type: 'string', enum: ['with', 'without'], description: 'Holds a state welfare card (the person, not the household), or does not.' },
} as const;

export async function parsePersonFilter(db: Db, q: PersonFilterQuery, year: number): Promise<PersonFilter> {
  const area = await parseArea(db, q);
  if (!area) throw bad('province', 'is required, or district, subdistrict or village: a person search covers one area');
  const groups = [...new Set((q.group ?? '').split(',').filter(Boolean))];
  for (const g of groups) {
    if (!PERSON_GROUP_IDS.includes(g)) throw bad('group', `names an unknown group "${g}" (have ${PERSON_GROUP_IDS.join(', ')})`);
  }
  if (q.age_band !== undefined && (q.age_min !== undefined || q.age_max !== undefined)) {
    throw bad('age_band', 'cannot be combined with age_min or age_max: give a band or a range');
  }
  const [ageMin, ageMax] = q.age_band !== undefined ? AGE_BANDS[q.age_band] : [q.age_min ?? null, q.age_max ?? null];
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) throw bad('age_min', `(${ageMin}) is greater than age_max (${ageMax})`);
  return { year, area, groups, ageMin, ageMax, sex: q.sex ?? null, disabled: q.disabled ?? null, card: q.card ?? null };
}

/** The filter as WHERE clauses on person_in_groups or person_list (the same column names). */
export function applyPersonFilter(qb: Knex.QueryBuilder, f: PersonFilter): Knex.QueryBuilder {
  qb.where('survey_year', f.year).where(`${f.area.level}_code`, f.area.code);
  for (const g of f.groups) qb.where(g, true);
  if (f.ageMin !== null) qb.where('age', '>=', f.ageMin);
  if (f.ageMax !== null) qb.where('age', '<=', f.ageMax);
  if (f.sex) qb.where('sex', f.sex);
  if (f.disabled !== null) qb.where('disabled', f.disabled);
  if (f.card) qb.where('welfare_card', f.card === 'with');
  return qb;
}
