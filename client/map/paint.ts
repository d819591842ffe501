/**
 * MapLibre expressions for the choropleth, built from class breaks (pure, so they can be tested
 * without a map). Suppressed areas (fewer than 5 households), areas whose value is withheld (listed
 * in the feature's comma-separated `withheld` property) and areas without the value get their own
 * greys so they are never mistaken for the lowest class.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { COLORS } from './colors.js';

/** Lower bounds of every class but the first, ascending (the server's /api/choropleth/breaks). */
export type Breaks = readonly number[];

export function fillColor(property: string, breaks: Breaks, ramp: readonly string[]): ExpressionSpecification {
  const colors = rampFor(breaks, ramp);
  // one class (every published value equal, or none published): MapLibre's step needs a break
  const stepped: unknown = breaks.length ? ['step', ['to-number', ['get', property]], colors[0], ...breaks.flatMap((b, i) => [b, colors[i + 1]])] : colors[0];
  return [
    'case',
    ['==', ['get', 'suppressed'], true], COLORS.suppressed,
    withholds(property), COLORS.suppressed,
    ['!', ['has', property]], COLORS.noData,
    ['==', ['typeof', ['get', property]], 'null'], COLORS.noData,
    stepped,
  ] as unknown as ExpressionSpecification;
}

/** True where the feature lists `property` in its `withheld` property (",a,b," contains ",a,"). */
export function withholds(property: string): ExpressionSpecification {
  return ['in', `,${property},`, ['concat', ',', ['coalesce', ['get', 'withheld'], ''], ',']] as unknown as ExpressionSpecification;
}

/** The colours used for breaks.length + 1 classes, spread over the ramp from light to dark. */
export function rampFor(breaks: Breaks, ramp: readonly string[]): string[] {
  const n = breaks.length + 1;
  if (n >= ramp.length) return [...ramp];
  if (n === 1) return [ramp[Math.floor(ramp.length / 2)]];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]);
}

/**
 * Areas outside the focus (the selected area's children) are faded, not hidden, to keep context.
 * Areas in focus are opaque so their colour is exactly the legend's.
 */
export function fillOpacity(focusCodes: readonly string[] | null, focusPrefix: string | null): ExpressionSpecification | number {
  if (focusCodes) return ['case', ['in', ['get', 'code'], ['literal', focusCodes]], 1, 0.3] as unknown as ExpressionSpecification;
  if (focusPrefix) {
    return ['case', ['==', ['slice', ['get', 'code'], 0, focusPrefix.length], focusPrefix], 1, 0.3] as unknown as ExpressionSpecification;
  }
  return 1;
}
