/**
 * Colour ramps of the raster tile layers, value → RGBA, linearly interpolated between stops
 * (ST_ColorMap 'INTERPOLATE'). The night-light ramp (radiance in nW/cm²/sr): dark countryside (below
 * the 0.5 "lit" threshold of the zonal statistics) stays nearly transparent over the basemap; lit
 * areas run from deep blue through orange to a pale yellow core; 60 and above saturate. Nodata is
 * fully transparent. TileJSON publishes the ramp (`ramp`), so a legend draws what the pixels show.
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
 * A ramp as an ST_ColorMap colormap (values above the last stop keep its colour). ST_ColorMap reads
 * the entries from the highest value down, with the nodata entry last; listed upwards, every pixel
 * comes out transparent.
 */
export function colormap(ramp: readonly RampStop[]): string {
  const stops = [...ramp, { value: 1e9, rgba: ramp[ramp.length - 1].rgba }];
  return [...stops.reverse().map((s) => `${s.value} ${s.rgba.join(' ')}`), 'nv 0 0 0 0'].join('\n');
}

/** The ramp in words, for TileJSON descriptions. */
export function describeRamp(ramp: readonly RampStop[]): string {
  return `Colour ramp: ${ramp.map((r) => `${r.value} → rgba(${r.rgba.join(',')})`).join('; ')}, linear between stops.`;
}
