/**
 * The file formats the importer reads, one entry per kind. A file is CSV (UTF-8, optional BOM,
 * comma-separated, a header row naming the columns in any order). `columns` are staged as text and
 * checked in SQL (sql/import/<kind>_validate.sql); `ignored` are columns the household CSV export
 * writes that are derived from the others (an export with the raw columns added imports as is).
 */
import { DIMENSIONS, INDICATORS } from '../mpi/indicators.js';
import { AREA_CONTEXT_FORMATS } from './context-formats.js';

export type ImportKind = 'households' | 'assistance' | AreaContextKind;
export type AreaContextKind = 'economy' | 'hai' | 'centre_staff' | 'projects' | 'otop';
export const IMPORT_KINDS: readonly ImportKind[] = ['households', 'assistance', 'economy', 'hai', 'centre_staff', 'projects', 'otop'];

export interface ImportFormat {
  kind: ImportKind;
  /** What the file is, for the upload route's summary. */
  title: string;
  /**
   * Whether a merge that changed rows owes the published figures a refresh (rollups, hotspots,
   * tiles): only the survey and the logbook feed them; the area context kinds feed nothing derived.
   */
  refreshes: boolean;
  /** Staged columns, in staging-table order, with a line of documentation each. */
  columns: Array<{ name: string; doc: string; optional?: boolean }>;
  /** Accepted in the header and not read. */
  ignored: string[];
}

export const HOUSEHOLD_FORMAT: ImportFormat = {
  kind: 'households',
  title: 'household survey',
  refreshes: true,
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
  ],
  ignored: ['address_th', 'address_en', 'failed_dim_count', ...DIMENSIONS.map((d) => d.id), 'vulnerability_level', 'logbook'],
};

export const ASSISTANCE_FORMAT: ImportFormat = {
  kind: 'assistance',
  title: 'assistance logbook',
  refreshes: true,
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

export const FORMATS: Record<ImportKind, ImportFormat> = { households: HOUSEHOLD_FORMAT, assistance: ASSISTANCE_FORMAT, ...AREA_CONTEXT_FORMATS };

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
