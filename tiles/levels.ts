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
