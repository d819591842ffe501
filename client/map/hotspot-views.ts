/**
 * The hotspot views of the map (issue 9), pure so they can be tested without a map: the classes of
 * Gi* and local Moran with their colours and labels, and MapLibre expressions colouring by a class
 * property (the change view's breaks, symmetric around zero, come from the server like the others).
 * Colours are ColorBrewer RdBu, diverging and colour-blind-safe: red = poorer than around it / got
 * poorer, blue = the opposite.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { t, type MessageKey } from '../i18n/messages.js';
import type { Lang } from '../state/url-state.js';
import { COLORS } from './colors.js';

export interface ClassStyle {
  /** The tile property's value. */
  value: string;
  color: string;
  label: MessageKey;
}

/** ColorBrewer RdBu, 7 classes, from red to blue. */
export const RDBU_7 = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'] as const;

export const GI_CLASSES: readonly ClassStyle[] = [
  { value: 'hot-99', color: RDBU_7[0], label: 'hot_99' },
  { value: 'hot-95', color: RDBU_7[1], label: 'hot_95' },
  { value: 'hot-90', color: RDBU_7[2], label: 'hot_90' },
  { value: 'not-significant', color: RDBU_7[3], label: 'not_significant' },
  { value: 'cold-90', color: RDBU_7[4], label: 'cold_90' },
  { value: 'cold-95', color: RDBU_7[5], label: 'cold_95' },
  { value: 'cold-99', color: RDBU_7[6], label: 'cold_99' },
];

/** Clusters in the strong ends of RdBu, outliers in its light ends; islands a mid grey. */
export const MORAN_CLASSES: readonly ClassStyle[] = [
  { value: 'high-high', color: RDBU_7[0], label: 'high_high' },
  { value: 'low-low', color: RDBU_7[6], label: 'low_low' },
  { value: 'high-low', color: '#f4a582', label: 'high_low' },
  { value: 'low-high', color: '#92c5de', label: 'low_high' },
  { value: 'not-significant', color: RDBU_7[3], label: 'not_significant' },
  { value: 'island', color: '#a6a6a6', label: 'island' },
];

/**
 * The light-vs-poverty model's classes (the server's light-vs-poverty model): red = poorer than its night lights
 * predict ("bright but poor"), blue = less poor than they predict ("dark but not poor").
 */
export const MISMATCH_CLASSES: readonly ClassStyle[] = [
  { value: 'poorer-than-light', color: RDBU_7[0], label: 'poorer_than_light' },
  { value: 'as-expected', color: RDBU_7[3], label: 'as_expected' },
  { value: 'less-poor-than-light', color: RDBU_7[6], label: 'less_poor_than_light' },
];

/** Low-to-high ramp of the change view: a falling share is blue, a rising one red. */
export const RAMP_CHANGE = [...RDBU_7].reverse();

/** fill-color by a class property; suppressed areas and areas without a class get the greys. */
export function classFillColor(property: string, classes: readonly ClassStyle[]): ExpressionSpecification {
  const match: unknown[] = ['match', ['get', property]];
  for (const c of classes) match.push(c.value, c.color);
  match.push(COLORS.noData);
  return [
    'case',
    ['==', ['get', 'suppressed'], true], COLORS.suppressed,
    match,
  ] as unknown as ExpressionSpecification;
}

/** The reader's label of a class value (the raw value when it is not one of the classes). */
export function classLabel(classes: readonly ClassStyle[], value: string, lang: Lang): string {
  const c = classes.find((x) => x.value === value);
  return c ? t(c.label, lang) : value;
}
