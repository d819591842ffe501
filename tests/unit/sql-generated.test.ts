/**
 * The SQL regions that list the indicators (server/db/sql-regions.ts) are what the one definition,
 * server/mpi/indicators.ts, makes now: after changing it, run `npm run sql:generate`.
 */
import { describe, expect, it } from 'vitest';
import { regionFiles, rewriteRegions, SQL_REGIONS } from '../../server/db/sql-regions.js';
import { INDICATORS } from '../../server/mpi/indicators.js';

describe('generated SQL regions', () => {
  const files = regionFiles();

  it('are current in every committed file (npm run sql:generate rewrites them)', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) expect(f.current, `sql/${f.file} is out of date: run npm run sql:generate`).toBe(f.generated);
  });

  it('each appear exactly once, so none is forgotten or written twice', () => {
    const used = files.flatMap((f) => f.regions).sort();
    expect(used).toEqual(Object.keys(SQL_REGIONS).sort());
  });

  it('are rewritten between their markers only, and refuse an unknown or unterminated region', () => {
    const marker = '-- generated: all_indicators_mask (npm run sql:generate from server/mpi/indicators.ts)';
    const text = `select\n${marker}\n  select 1\n-- end generated\n;`;
    expect(rewriteRegions(text).text).toBe(`select\n${marker}\n  select ${2 ** INDICATORS.length - 1}\n-- end generated\n;`);
    expect(() => rewriteRegions(marker.replace('all_indicators_mask', 'nope'))).toThrow(/unknown generated region "nope"/);
    expect(() => rewriteRegions(`${marker}\n  select 1`)).toThrow(/no "-- end generated" line/);
  });
});
