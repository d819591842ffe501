/**
 * The file formats the importer reads, one entry per kind. A file is CSV (UTF-8, optional BOM,
 * comma-separated, a header row naming the columns in any order). `columns` are staged as text and
 * checked in SQL (sql/import/<kind>_validate.sql); `ignored` are columns the household CSV export
 * writes that are derived from the others (an export with the raw columns added imports as is).
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { AREA_CONTEXT_FORMATS } from './context-formats.js';
import type { ImportFormat, ImportKind } from './format-types.js';

export type { AreaContextKind, ImportFormat, ImportKind, RefreshKind } from './format-types.js';
export const IMPORT_KINDS: readonly ImportKind[] = ['households', 'assistance', 'persons', 'menu', 'results', 'registry', 'economy', 'hai', 'centre_staff', 'projects', 'otop'];

export const HOUSEHOLD_FORMAT: ImportFormat = {
  kind: 'households',
  title: 'household survey',
  refreshes: 'households',
  columns: [
    { name: 'survey_year', doc: 'survey year, 2000-2100' },
    { name: 'house_code', doc: '12 digits: the village code + a 4-digit house number; with survey_year, the key' },
    { name: 'village_code', doc: '8 digits, a village that exists' },
    { name: 'head_name', doc: 'head of household (PII)' },
    { name: 'national_id', doc: '13 digits (PII)' },
    { name: 'lon', doc: 'WGS 84 longitude; lon and lat both empty, or a point inside the village' },
    { name: 'lat', doc: 'WGS 84 latitude' },
    { name: 'members', doc: 'people in the household, at least 1' },
    { name: 'welfare_card_holders', doc: 'members holding a welfare card, 0 to members' },
    { name: 'income_per_person', doc: 'baht per person per year, a whole number ≥ 0' },
    { name: 'dependents', doc: 'dependent members, ≥ 0' },
    { name: 'housing_problem', doc: '0 or 1' },
    ...INDICATORS.map((i) => ({ name: i.id, doc: `indicator ${i.number} (${i.name_en}): 1 = fails, 0 = passes` })),
    // debt and access to finance (migration 015): empty = the survey did not ask
    { name: 'has_debt', doc: '0 or 1: owes money to anyone; empty when not asked', optional: true },
    { name: 'informal_debt', doc: '0 or 1: owes outside banks, cooperatives and village funds (1 only with has_debt 1); empty when not asked', optional: true },
    { name: 'finance_access', doc: '0 or 1: a bank or cooperative account, or formal credit within reach; empty when not asked', optional: true },
  ],
  ignored: ['address_th', 'address_en', 'failed_dim_count', ...DIMENSIONS.map((d) => d.id), 'vulnerability_level', 'logbook'],
};

export const ASSISTANCE_FORMAT: ImportFormat = {
  kind: 'assistance',
  title: 'assistance logbook',
  refreshes: 'assistance',
  columns: [
    { name: 'survey_year', doc: 'survey year of the household' },
    { name: 'house_code', doc: '12 digits, a household surveyed that year' },
    { name: 'agency', doc: 'who helped, 1-200 characters' },
    { name: 'done_on', doc: 'date, YYYY-MM-DD' },
    { name: 'dimension', doc: DIMENSIONS.map((d) => d.id).join(' | ') },
    { name: 'stage', doc: 'survive | sufficiency | sustainable' },
    { name: 'status', doc: 'planned | in_progress | done' },
    { name: 'note', doc: 'free text, up to 2000 characters', optional: true },
  ],
  ignored: [],
};

/** The members of surveyed households (the table `person`, sql/migrations/006_person.sql). */
export const PERSON_FORMAT: ImportFormat = {
  kind: 'persons',
  title: 'persons (household members)',
  refreshes: 'persons',
  columns: [
    { name: 'survey_year', doc: 'survey year of the household' },
    { name: 'house_code', doc: '12 digits, a household surveyed that year' },
    { name: 'person_no', doc: 'the member\'s number in the household, 1-99; with survey_year and house_code, the key' },
    { name: 'national_id', doc: '13 digits with a valid check digit (PII)' },
    { name: 'age', doc: 'whole years, 0-120' },
    { name: 'sex', doc: 'm | f' },
    { name: 'relation_to_head', doc: 'head | spouse | child | grandchild | parent | relative' },
    { name: 'disabled', doc: '0 or 1' },
    { name: 'in_education', doc: '0 or 1' },
    { name: 'employed', doc: '0 or 1: has work and income (60+: work or income)' },
    { name: 'literate', doc: '0 or 1: reads and writes Thai, does simple arithmetic' },
    { name: 'welfare_card', doc: '0 or 1: holds a state welfare card' },
    { name: 'needs_daily_care', doc: '0 or 1' },
    { name: 'receives_care', doc: '0 or 1 when disabled or needing daily care, else empty', optional: true },
    // unemployment and under-employment (migration 015): empty = the survey did not ask
    { name: 'unemployed', doc: '0 or 1: aged 15-59, no work, not studying, looking for work (1 only with employed 0, in_education 0); empty when not asked', optional: true },
    { name: 'underemployed', doc: '0 or 1: aged 15-59, works under 35 hours a week and wants more (1 only with employed 1); empty when not asked', optional: true },
  ],
  ignored: [],
};

/** The solution menu (server/menu/): one item per line, keyed by `code` (a line with a known code updates it). */
export const MENU_FORMAT: ImportFormat = {
  kind: 'menu',
  title: 'solution menu',
  refreshes: 'menu',
  columns: [
    { name: 'code', doc: "the item's key: 1-40 letters, digits, '.', '_' or '-'" },
    { name: 'agency', doc: 'who offers it, 1-200 characters' },
    { name: 'title_th', doc: 'title in Thai, 1-300 characters' },
    { name: 'title_en', doc: 'title in English, 1-300 characters' },
    { name: 'dimension', doc: DIMENSIONS.map((d) => d.id).join(' | ') },
    { name: 'indicators', doc: "indicator ids of that dimension separated by ';' (empty: any indicator of the dimension)", optional: true },
    { name: 'target_groups', doc: "target groups 1-4 separated by ';' (1 urgent targets, 2 vulnerable, 3 to survey, 4 exclusion errors)" },
    { name: 'stage', doc: 'survive | sufficiency | sustainable' },
    { name: 'age_min', doc: 'youngest eligible age, 0-150 (empty: no lower bound)', optional: true },
    { name: 'age_max', doc: 'oldest eligible age, 0-150 (empty: no upper bound)', optional: true },
    { name: 'welfare_card_required', doc: '0 or 1' },
    { name: 'area_codes', doc: "area codes of any level separated by ';' (empty: the whole country)", optional: true },
    { name: 'capacity_per_year', doc: 'households (persons) it can serve a year, a whole number >= 0' },
  ],
  ignored: ['id', 'updated_at'],
};

/** The columns of a hand-off CSV (server/handoff/) an agency may send back as they are. */
export const HANDOFF_CONTEXT_COLUMNS = ['survey_year', 'head_name', 'national_id', 'age', 'sex', 'relation_to_head', 'village_code', 'address_th', 'agency',
  'title_th', 'dimension', 'failed_indicators', 'menu_item_stage'];

/** An agency's results for a hand-off batch: the hand-off CSV with stage, status and done_on filled in. */
export const RESULTS_FORMAT: ImportFormat = {
  kind: 'results',
  title: 'hand-off result file (from an agency)',
  refreshes: 'assistance',
  columns: [
    { name: 'batch_id', doc: 'the hand-off batch' },
    { name: 'house_code', doc: '12 digits, a household of that batch' },
    { name: 'person_no', doc: 'person of the household as handed off (empty or 1: the head, as in a batch per household)', optional: true },
    { name: 'menu_item', doc: 'the menu item code, as handed off for that household' },
    { name: 'stage', doc: 'stage reached: survive | sufficiency | sustainable' },
    { name: 'status', doc: 'planned | in_progress | done' },
    { name: 'done_on', doc: 'date, YYYY-MM-DD' },
    { name: 'note', doc: 'free text, up to 2000 characters', optional: true },
  ],
  ignored: HANDOFF_CONTEXT_COLUMNS,
};

/** An external registry, linked by national id or placed by area code (server/linkage/). */
export const REGISTRY_FORMAT: ImportFormat = {
  kind: 'registry',
  title: 'registry file (an external registry by national id or area; ids are hashed, never stored)',
  refreshes: 'registry',
  columns: [
    { name: 'survey_year', doc: "the survey year the line is counted in (the registry's reference year), 2000-2100" },
    { name: 'registry', doc: "the registry's name, 1-100 characters; 'welfare_card' is the state welfare-card registry (target group 3.2)" },
    { name: 'record_id', doc: "the registry's own key of the line, 1-100 characters" },
    { name: 'national_id', doc: '13 digits (hashed on import, never stored); empty when the line is placed by area code', optional: true },
    { name: 'area_code', doc: 'an area code of any level; required without a national id', optional: true },
    { name: 'problem', doc: 'what the registry records (e.g. an indicator id), up to 200 characters', optional: true },
  ],
  ignored: [],
};

export const FORMATS: Record<ImportKind, ImportFormat> = {
  households: HOUSEHOLD_FORMAT, assistance: ASSISTANCE_FORMAT, persons: PERSON_FORMAT, menu: MENU_FORMAT, results: RESULTS_FORMAT, registry: REGISTRY_FORMAT,
  ...AREA_CONTEXT_FORMATS,
};

/** What is wrong with a header (the file's column names, as read), or null when it can be imported. */
export function headerProblem(format: ImportFormat, header: string[]): string | null {
  const names = header.map((h) => h.trim().toLowerCase());
  const known = new Set([...format.columns.map((c) => c.name), ...format.ignored]);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) return `the header names unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}`;
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) return `the header repeats column(s) ${[...new Set(repeated)].map((r) => `"${r}"`).join(', ')}`;
  const missing = format.columns.filter((c) => !c.optional && !names.includes(c.name)).map((c) => `"${c.name}"`);
  if (missing.length) return `the header lacks column(s) ${missing.join(', ')}`;
  return null;
}
