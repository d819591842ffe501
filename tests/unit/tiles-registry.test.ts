import { describe, expect, it } from 'vitest';
import { AREA_METRICS } from '../helpers/tile-registry.js';
import { levelAtZoom, LEVEL_ZOOMS } from '../../tiles/levels.js';
import { TILE_LAYERS } from '../helpers/tile-registry.js';
import { DIMENSION_IDS, INDICATOR_IDS } from '../../server/mpi/indicators.js';
import { sqlText } from '../../sql/load.js';

describe('tile layer registry', () => {
  it('maps zoom to the admin level of the contract', () => {
    const expected = ['province', 'province', 'province', 'province', 'province', 'province', 'province',
      'district', 'district', 'subdistrict', 'subdistrict', 'village', 'village', 'village', 'village'];
    expect(Array.from({ length: 15 }, (_, z) => levelAtZoom(z))).toEqual(expected);
    expect(() => levelAtZoom(15)).toThrow(RangeError);
    expect(LEVEL_ZOOMS.map((l) => l.level)).toEqual(['province', 'district', 'subdistrict', 'village']);
  });

  it('has the four layers with unique ids and their SQL files', () => {
    expect(TILE_LAYERS.map((l) => l.id)).toEqual(['areas', 'boundaries', 'services', 'villages']);
    for (const l of TILE_LAYERS) {
      expect(l.sql).toMatch(/\.sql$/);
      expect(l.minzoom).toBeLessThanOrEqual(l.maxzoom);
      for (const v of l.vectorLayers) expect(Object.keys(v.fields).length).toBeGreaterThan(0);
    }
  });

  it('offers a metric per indicator and dimension', () => {
    for (const id of INDICATOR_IDS) expect(AREA_METRICS).toContain(`hc_${id}`);
    for (const id of DIMENSION_IDS) expect(AREA_METRICS).toContain(`dim_${id}`);
    for (const n of [0, 1, 2, 3, 4, 5]) expect(AREA_METRICS).toContain(`fail_dims_${n}`);
    expect(new Set(AREA_METRICS).size).toBe(AREA_METRICS.length);
  });

  it('lists the metric keys the view tile_area_metrics writes (sql/views/90_tile_area_metrics.sql, with its relative figures of 89_tile_area_relative_figures.sql)', () => {
    const view = ['views/89_tile_area_relative_figures.sql', 'views/90_tile_area_metrics.sql'].map((f) => sqlText(f)).join('\n').replace(/--.*$/gm, '');
    const keys = [...view.matchAll(/^\s*'([a-z0-9_]+)',/gm)].map((m) => m[1]);
    // the list of withheld keys travels in the same object; it is no metric
    expect(keys).toContain('withheld');
    expect(keys.filter((k) => k !== 'withheld').sort()).toEqual([...AREA_METRICS].sort());
  });

  it('turns a tile request into the bound parameters of its SQL, in order', () => {
    const areas = TILE_LAYERS[0];
    expect(areas.args({ z: 7, x: 100, y: 60 }, { year: 2022, metric: undefined })).toEqual([7, 100, 60, 2022, 'district', '']);
  });
});
