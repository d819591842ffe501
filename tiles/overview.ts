/**
 * Which stored overview a raster tile reads at each zoom: the coarsest whose pixels are still no
 * larger than the tile's, so a low-zoom tile does not merge thousands of full-resolution pixels.
 * The factors are those the night-light importer writes to nightlight_overview (the server passes
 * them in); the source pixel is the composite's 15″ (≈ 464 m at the equator). Full resolution from z8.
 */
const SOURCE_PIXEL_METRES = 6378137 * 2 * Math.PI / 360 / 240;

/** 1 for the full-resolution raster, else the overview factor to read. */
export function overviewFactor(z: number, factors: readonly number[]): number {
  const tilePixel = 2 * Math.PI * 6378137 / 256 / 2 ** z;
  let factor = 1;
  for (const f of factors) if (f * SOURCE_PIXEL_METRES <= tilePixel) factor = f;
  return factor;
}
