/** The accessibility metrics of the areas tiles appear in the client's measure picker, labelled in Thai and English. */
import { describe, expect, it } from 'vitest';
import { availableMeasures, findMeasure, measuresFor, RAMP_DISTANCE, RAMP_SUPPLY } from '../../client/map/measures.js';
import { definitions } from '../../server/routes/meta.js';
import { AREA_METRICS } from '../helpers/tile-registry.js';

const measures = measuresFor(definitions());

const ACCESS = ['school_far_5km_share', 'school_far_10km_share', 'clinic_far_5km_share', 'clinic_far_10km_share', 'school_mean_km', 'clinic_mean_km', 'clinic_2sfca'];

describe('access measures', () => {
  it('every accessibility tile metric is a measure of the access group with a Thai and an English label', () => {
    const ids = availableMeasures(measures, AREA_METRICS).filter((m) => m.group === 'access').map((m) => m.id);
    expect(ids.sort()).toEqual([...ACCESS].sort());
    for (const id of ACCESS) {
      const m = findMeasure(measures, id)!;
      expect(m.label('th')).toMatch(/[\u0E00-\u0E7F]/);
      expect(m.label('en')).toMatch(/^[\x20-\x7E]+$/);
      expect(m.ramp.length).toBe(5);
    }
  });

  it('distances are PuRd, clinic supply Greens', () => {
    expect(findMeasure(measures, 'clinic_mean_km')?.ramp).toEqual(RAMP_DISTANCE);
    expect(findMeasure(measures, 'clinic_2sfca')?.ramp).toEqual(RAMP_SUPPLY);
    expect(findMeasure(measures, 'clinic_2sfca')?.format(21.456, 'en')).toBe('21.5');
  });
});
