/**
 * The colour ramp of the night-light PNG tiles, radiance in nW/cm²/sr → RGBA, linearly interpolated
 * between stops (ST_ColorMap 'INTERPOLATE'). Dark countryside (below the 0.5 "lit" threshold of the
 * zonal statistics) stays nearly transparent over the basemap; lit areas run from deep blue through
 * orange to a pale yellow core; 60 and above saturate. Nodata is fully transparent.
 */
export interface RampStop {
  value: number;
  rgba: [number, number, number, number];
}

export const NIGHTLIGHT_RAMP: readonly RampStop[] = [
  { value: 0, rgba: [10, 10, 40, 0] },
  { value: 0.5, rgba: [30, 30, 100, 120] },
  { value: 2, rgba: [70, 50, 160, 190] },
  { value: 8, rgba: [210, 90, 60, 225] },
  { value: 20, rgba: [250, 180, 40, 245] },
  { value: 60, rgba: [255, 255, 200, 255] },
];

/**
 * The ramp as an ST_ColorMap colormap (values above the last stop keep its colour). ST_ColorMap reads
 * the entries from the highest value down, with the nodata entry last; listed upwards, every pixel
 * comes out transparent.
 */
export function colormap(): string {
  const stops = [...NIGHTLIGHT_RAMP, { value: 1e9, rgba: NIGHTLIGHT_RAMP[NIGHTLIGHT_RAMP.length - 1].rgba }];
  return [...stops.reverse().map((s) => `${s.value} ${s.rgba.join(' ')}`), 'nv 0 0 0 0'].join('\n');
}
