/**
 * The area context files the dashboard's "potential and readiness" part reads (issue 24): provincial
 * accounts, the Human Achievement Index, the poverty-eradication centres' staff, budgeted projects
 * and OTOP products. Same CSV rules and pipeline as the survey (server/imports/formats.ts); each is
 * checked by sql/import/<kind>_validate.sql and merged by sql/import/<kind>_merge.sql (an upsert on
 * the row's key: a re-import replaces the figures of the keys it names and leaves the others).
 */
import type { AreaContextKind, ImportFormat } from './format-types.js';

/** The eight parts of the HAI, in the order of the national development agency's report. */
export const HAI_COMPONENTS = ['health', 'education', 'working_life', 'income', 'housing_environment', 'family_community',
  'transport_communication', 'participation'] as const;

export const OTOP_CATEGORIES = ['food', 'beverage', 'textiles', 'household', 'herbal'] as const;

const provinceYear = [
  { name: 'province_code', doc: '2 digits, a province that exists' },
  { name: 'year', doc: 'year, 2000-2100; with province_code, the key' },
];

export const AREA_CONTEXT_FORMATS: Record<AreaContextKind, ImportFormat> = {
  economy: {
    kind: 'economy', title: 'provincial accounts', refreshes: null, ignored: ['gpp_per_head_baht'],
    columns: [
      ...provinceYear,
      { name: 'population', doc: 'people, a whole number ≥ 1 (the denominator of per-head figures)' },
      { name: 'gpp_million_baht', doc: 'gross provincial product, million baht, ≥ 0' },
      { name: 'consumption_million_baht', doc: 'household consumption, million baht, ≥ 0' },
      { name: 'investment_million_baht', doc: 'investment (gross fixed capital formation), million baht, ≥ 0' },
    ],
  },
  hai: {
    kind: 'hai', title: 'Human Achievement Index', refreshes: null, ignored: [],
    columns: [
      ...provinceYear,
      { name: 'hai', doc: 'the index, 0-1' },
      ...HAI_COMPONENTS.map((c) => ({ name: c, doc: `component ${c.replace(/_/g, ' ')}, 0-1` })),
    ],
  },
  centre_staff: {
    kind: 'centre_staff', title: 'poverty-eradication centre staff', refreshes: null, ignored: [],
    columns: [
      { name: 'area_code', doc: 'a province (2 digits), district (4) or subdistrict (6) that exists; the key' },
      { name: 'staff', doc: 'staff of its centre, a whole number ≥ 0' },
      { name: 'partners', doc: 'development partners taking part, a whole number ≥ 0' },
    ],
  },
  projects: {
    kind: 'projects', title: 'budgeted projects', refreshes: null, ignored: [],
    columns: [
      { name: 'project_code', doc: 'the budget system\'s project id, 1-40 of A-Z a-z 0-9 . _ -; the key' },
      { name: 'title_th', doc: 'title in Thai, 1-500 characters' },
      { name: 'title_en', doc: 'title in English, up to 500 characters', optional: true },
      { name: 'agency', doc: 'the agency responsible, 1-200 characters' },
      { name: 'budget_baht', doc: 'budget, baht, ≥ 0' },
      { name: 'area_code', doc: 'an area of any level that exists (province … village)' },
      { name: 'addresses', doc: 'a BMN dimension id (health, living, education, income, access) or indicator id' },
      { name: 'stage', doc: 'survive | sufficiency | sustainable' },
      { name: 'status', doc: 'planned | in_progress | done' },
      { name: 'progress', doc: 'percent done, 0-100 (100 when status is done)' },
      { name: 'start_year', doc: 'year the project starts, 2000-2100' },
    ],
  },
  otop: {
    kind: 'otop', title: 'OTOP products', refreshes: null, ignored: [],
    columns: [
      { name: 'village_code', doc: '8 digits, a village that exists' },
      { name: 'name', doc: 'product name, 1-300 characters; with village_code, the key' },
      { name: 'category', doc: 'food | beverage | textiles | household | herbal' },
      { name: 'stars', doc: 'OTOP star rating, 1-5' },
    ],
  },
};
