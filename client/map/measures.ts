/**
 * What the map can be coloured by. Each measure is a property of the `areas` tile layer; the
 * registry says how to name it, format it, rank it through the API and colour it. The dimension and
 * indicator measures are made from the server's definitions (GET /api/meta), so the client lists
 * whatever indicators the server has. Measures whose property the tile server does not announce
 * (night lights before that layer exists) are hidden.
 */
import type { Meta } from '../api/types.js';
import { formatCount, formatDecimal, formatShare } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/messages.js';
import { GI_CLASSES, MISMATCH_CLASSES, MORAN_CLASSES, RAMP_CHANGE, type ClassStyle } from './hotspot-views.js';
import type { Lang } from '../state/url-state.js';

export type MeasureGroup = 'summary' | 'people' | 'indicators' | 'dimensions' | 'hotspots' | 'access' | 'context';

export interface Measure {
  /** The tile property, also the URL's `measure`. */
  id: string;
  group: MeasureGroup;
  label(lang: Lang): string;
  /** The value as the reader sees it; `digits` (decimals) when the legend needs more to tell classes apart. */
  format(value: number, lang: Lang, digits?: number): string;
  /** Decimals `format` prints by default: the legend starts from these (map/precision.ts). */
  digits: number;
  /** Low-to-high colours; colour-blind-safe ColorBrewer ramps. */
  ramp: readonly string[];
  /** A class property (Gi*, local Moran): coloured by these classes, not by breaks. */
  classes?: readonly ClassStyle[];
  /** Classes symmetric around zero (a change), and areas that crossed the national share outlined. */
  diverging?: boolean;
  /** How the figure was made, shown under the legend. */
  note?: MessageKey;
}

/** ColorBrewer YlOrRd (5 classes): darker = more deprived; safe for colour-blind readers and print. */
export const RAMP_DEPRIVATION = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
/** ColorBrewer PuRd (5 classes): darker = farther from services. */
export const RAMP_DISTANCE = ['#f1eef6', '#d7b5d8', '#df65b0', '#dd1c77', '#980043'] as const;
/** ColorBrewer Greens (5 classes): darker = more clinic capacity per person. */
export const RAMP_SUPPLY = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'] as const;
/** ColorBrewer YlGnBu (5 classes): darker = brighter night lights. */
export const RAMP_LIGHT = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

const share = (v: number, lang: Lang, digits = 1) => formatShare(v, lang, digits);
const decimal = (base: number) => (v: number, lang: Lang, digits = base) => formatDecimal(v, lang, digits);
/** A change of a share in percentage points, signed. */
export const formatPoints = (v: number, lang: Lang, digits = 1) => `${v > 0 ? '+' : ''}${formatDecimal(v * 100, lang, digits)} pp`;
const noRanking = () => '';

/** The summary, hotspot, context and access measures: the same whatever the indicators are. */
const FIXED_MEASURES: readonly Measure[] = [
  { id: 'target_share', group: 'summary', label: (l) => t('m_target_share', l), format: share, digits: 1, ramp: RAMP_DEPRIVATION },
  { id: 'm0', group: 'summary', label: (l) => t('m_m0', l), format: decimal(3), digits: 3, ramp: RAMP_DEPRIVATION },
  { id: 'h', group: 'summary', label: (l) => t('m_h', l), format: share, digits: 1, ramp: RAMP_DEPRIVATION },
  { id: 'a', group: 'summary', label: (l) => t('m_a', l), format: share, digits: 1, ramp: RAMP_DEPRIVATION },
  { id: 'vulnerable_share', group: 'summary', label: (l) => t('m_vulnerable_share', l), format: share, digits: 1, ramp: RAMP_DEPRIVATION },
  // Household debt and access to finance (issue 24): shares of the households the survey asked.
  ...(['debt_share', 'informal_debt_share', 'no_finance_share'] as const).map((id): Measure => ({
    id, group: 'summary', label: (l) => t(`m_${id}`, l), format: share, digits: 1, ramp: RAMP_DEPRIVATION,
  })),
  // The registry linkage (issue 21): target groups 3.2 and 4, counts of people (no share: they are
  // outside the surveyed population, there is no denominator to publish).
  ...(['card_holders_unsurveyed', 'exclusion_errors'] as const).map((id): Measure => ({
    id, group: 'people', label: (l) => t(`m_${id}`, l), format: (v, l) => formatCount(v, l), digits: 0, ramp: RAMP_DEPRIVATION, note: `${id}_note`,
  })),
  // The assistance logbook (issue 8): darker = more of the targets helped.
  { id: 'helped_share', group: 'summary', label: (l) => t('m_helped_share', l), format: share, digits: 1, ramp: RAMP_LIGHT },
  // The hotspot views (issue 9): precomputed for the target share, tile properties of the areas layer.
  { id: 'gi_class', group: 'hotspots', label: (l) => t('m_gi_class', l), format: noRanking, digits: 0, ramp: [], classes: GI_CLASSES, note: 'gi_note' },
  { id: 'moran_class', group: 'hotspots', label: (l) => t('m_moran_class', l), format: noRanking, digits: 0, ramp: [], classes: MORAN_CLASSES, note: 'moran_note' },
  { id: 'change_target_share', group: 'hotspots', label: (l) => t('m_change_target_share', l), format: formatPoints, digits: 1, ramp: RAMP_CHANGE, diverging: true, note: 'change_note' },
  // Context layers (issue 7): night lights of the survey year and where they disagree with poverty.
  { id: 'nightlight_mean', group: 'context', label: (l) => `${t('m_nightlight_mean', l)} (nW/cm²/sr)`, format: decimal(1), digits: 1, ramp: RAMP_LIGHT },
  { id: 'light_mismatch', group: 'context', label: (l) => t('m_light_mismatch', l), format: noRanking, digits: 0, ramp: [], classes: MISMATCH_CLASSES, note: 'mismatch_note' },
  // Service accessibility (issue 7): tile properties of the areas layer.
  ...(['clinic', 'school'] as const).flatMap((service) => ([5, 10] as const).map((km): Measure => ({
    id: `${service}_far_${km}km_share`, group: 'access', label: (l) => t(`m_${service}_far_${km}km_share`, l), format: share, digits: 1,
    ramp: RAMP_DISTANCE, note: 'access_note',
  }))),
  { id: 'clinic_mean_km', group: 'access', label: (l) => t('m_clinic_mean_km', l), format: decimal(1), digits: 1, ramp: RAMP_DISTANCE, note: 'access_note' },
  { id: 'school_mean_km', group: 'access', label: (l) => t('m_school_mean_km', l), format: decimal(1), digits: 1, ramp: RAMP_DISTANCE, note: 'access_note' },
  { id: 'clinic_2sfca', group: 'access', label: (l) => t('m_clinic_2sfca', l), format: decimal(1), digits: 1, ramp: RAMP_SUPPLY, note: 'sfca_note' },
];

/** Every measure for the server's dimensions, indicators and groups of people, in the picker's order. */
export function measuresFor(meta: Pick<Meta, 'dimensions' | 'indicators' | 'person_groups'>): Measure[] {
  const dimensions = meta.dimensions.map((d): Measure => ({
    id: `dim_${d.id}`,
    group: 'dimensions',
    label: (l) => (l === 'th' ? `${t('m_dim', l)}: ${d.name_th}` : `${d.name_en}: ${t('m_dim', l)}`),
    format: share, digits: 1,
    ramp: RAMP_DEPRIVATION,
  }));
  const indicators = meta.indicators.map((i): Measure => ({
    id: `hc_${i.id}`,
    group: 'indicators',
    // the tiles carry the censored headcount (poor and deprived, over all people): the label says so
    label: (l) => `${i.number}. ${l === 'th' ? i.name_th : i.name_en}: ${t('m_hc', l)}`,
    format: share, digits: 1,
    ramp: RAMP_DEPRIVATION,
  }));
  // the groups of people (issue 20): each group's share of the group it is of (NEET of the youth, …)
  const people = meta.person_groups.filter((g) => g.measure).map((g): Measure => ({
    id: `share_${g.id}`,
    group: 'people',
    label: (l) => (l === 'th' ? g.name_th : g.name_en),
    format: share, digits: 1,
    ramp: RAMP_DEPRIVATION,
  }));
  return [...FIXED_MEASURES, ...people, ...dimensions, ...indicators];
}

export function findMeasure(measures: readonly Measure[], id: string): Measure | undefined {
  return measures.find((m) => m.id === id);
}

/** The measures the tile layer can actually colour by (all known ones when it lists no fields). */
export function availableMeasures(measures: readonly Measure[], fields: readonly string[] | null): Measure[] {
  if (!fields || fields.length === 0) return measures.filter((m) => m.group !== 'context');
  return measures.filter((m) => fields.includes(m.id));
}
