/**
 * Which admin level the map shows at which zoom: the drill-down provinces → districts →
 * subdistricts → villages as the user zooms in. The `areas` and `boundaries` layers share it.
 */
export type AdminLevel = 'province' | 'district' | 'subdistrict' | 'village';

export interface LevelZooms {
  level: AdminLevel;
  minzoom: number;
  maxzoom: number;
}

export const LEVEL_ZOOMS: readonly LevelZooms[] = [
  { level: 'province', minzoom: 0, maxzoom: 6 },
  { level: 'district', minzoom: 7, maxzoom: 8 },
  { level: 'subdistrict', minzoom: 9, maxzoom: 10 },
  { level: 'village', minzoom: 11, maxzoom: 14 },
];

export const ADMIN_MAXZOOM = 14;

export function levelAtZoom(z: number): AdminLevel {
  const found = LEVEL_ZOOMS.find((l) => z >= l.minzoom && z <= l.maxzoom);
  if (!found) throw new RangeError(`no admin level at zoom ${z}`);
  return found.level;
}

/** The admin levels in drill-down order, coarsest first. */
export const ADMIN_LEVELS: readonly AdminLevel[] = LEVEL_ZOOMS.map((l) => l.level);

/** Digits of a level's official geocode (TIS 1099 / DOPA): province 2, district 4, subdistrict 6, village 8. */
export const CODE_DIGITS: Readonly<Record<AdminLevel, number>> = { province: 2, district: 4, subdistrict: 6, village: 8 };

/** A level that has areas below it: the ones a `parent` filter can name. */
export type ParentLevel = Exclude<AdminLevel, 'village'>;

/** The admin_area column that holds an area's ancestor at each parent level. */
export const ANCESTOR_COLUMN: Readonly<Record<ParentLevel, 'province_code' | 'district_code' | 'subdistrict_code'>> = {
  province: 'province_code', district: 'district_code', subdistrict: 'subdistrict_code',
};

/** The country: a pseudo-area above the provinces with no admin_area row. */
export const COUNTRY_CODE = 'TH';
export type AreaLevel = 'country' | AdminLevel;
/** Every level an area code can name, the country first. */
export const AREA_LEVELS: readonly AreaLevel[] = ['country', ...ADMIN_LEVELS];

/** The admin level of a geocode by its length, or undefined for a code of no level. */
export function levelOfCode(code: string): AdminLevel | undefined {
  return /^\d+$/.test(code) ? ADMIN_LEVELS.find((l) => CODE_DIGITS[l] === code.length) : undefined;
}
