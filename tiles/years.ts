/**
 * The year sets a layer's `year` picks from, and how a request that names a missing year is
 * refused (404 naming `year`). Each set is read by one statement in sql/tiles/ and kept while its
 * data version holds, so a warm tile request never waits on the database for its years.
 */
import type { DataName, YearSet } from './layer.js';

export interface YearSetInfo {
  /** Statement in sql/tiles/ answering `year` rows, oldest first. */
  sql: string;
  /** The data version that moves when the set can change. */
  dependsOn: DataName;
  /** Detail when no year is loaded at all. */
  none: string;
  /** Detail when `year` is not in `years`. */
  unknown(year: number, years: readonly number[]): string;
}

export const YEAR_SETS: Record<YearSet, YearSetInfo> = {
  survey: {
    sql: 'survey_years.sql',
    dependsOn: 'households',
    none: 'no survey data is loaded yet',
    unknown: (year, years) => `no survey data for year ${year}; years are ${years.join(', ') || 'none'}`,
  },
  nightlight: {
    sql: 'nightlight_years.sql',
    dependsOn: 'nightlight',
    none: 'no night-light composite is loaded (npm run import:nightlight)',
    unknown: (year, years) => `no night-light composite for year ${year}; years are ${years.join(', ') || 'none'}`,
  },
};
