/**
 * The properties of an `areas` tile feature: identity, then the metrics the client colours by.
 * The metric keys are those of the SQL view tile_area_metrics (sql/views/90_tile_area_metrics.sql, its one definition
 * and 070); a test checks that both list the same keys. The indicator and dimension keys derive from
 * the MPI definition, which the server hands to the tiles plugin when it mounts it (AreaVocabulary).
 */

/**
 * What the `areas` layer needs to know of the server's definitions: the MPI's indicators and
 * dimensions (hc_/dim_ keys) and the groups of people (people_/share_ keys: `measures` are the
 * groups mapped, `of` names the group each share is of).
 */
export interface AreaVocabulary {
  indicators: ReadonlyArray<{ id: string; number: number; name_en: string }>;
  dimensions: ReadonlyArray<{ id: string; name_en: string }>;
  personGroups: ReadonlyArray<{ id: string; name_en: string; of: string; measure: boolean }>;
}

export const AREA_IDENTITY_FIELDS: Record<string, string> = {
  code: 'String: official geocode (province 2 digits … village 8); the feature id is its integer value',
  level: 'String: province | district | subdistrict | village',
  name_th: 'String: Thai name',
  name_en: 'String: English name (may be absent)',
  suppressed: 'Boolean: true when the area has 1 to 4 households; it then carries no metrics (only its name and code are published)',
  withheld: 'String: the metric keys the disclosure policy withholds for this area (absent from the feature), comma-separated and sorted: counts of 1 to 4 households or people, complementary cells, and shares, means, indices and z-scores resting on them; absent when nothing is withheld',
};

const BASE_METRICS: Record<string, string> = {
  households: 'Number: surveyed households',
  people: 'Number: people in surveyed households',
  target_households: 'Number: households failing at least one indicator (TPMAP target)',
  target_share: 'Number: target_households / households',
  h: 'Number: Alkire-Foster headcount ratio H at k = 1/3 (people)',
  a: 'Number: intensity A, mean deprivation score of the poor',
  m0: 'Number: adjusted headcount ratio M0 = H × A',
  vulnerable_households: 'Number: households with a vulnerability level 0-3',
  vulnerable_share: 'Number: vulnerable_households / households',
  stars: 'Number: 1-5, quintile of target share among areas of the same level; 5 = least poor',
  poor_people: 'Number: people in Alkire-Foster poor households',
  target_with_card: 'Number: target households holding a welfare card',
  target_without_card: 'Number: target households without a welfare card',
  ...Object.fromEntries(
    [0, 1, 2, 3, 4, 5].map((n) => [`fail_dims_${n}`, `Number: households failing exactly ${n} of the 5 dimensions`]),
  ),
};


// Hotspots of the default view (hotspot_result: target share, queen contiguity, FDR) and the change
// since the previous survey year; null (absent from the feature) where there is no value.
const HOTSPOT_METRICS: Record<string, string> = {
  gi_z: 'Number: Getis-Ord Gi* z-score of target_share among areas of the same level (queen contiguity with 1 m snapping; classical Gi*, binary weights including the area itself)',
  gi_class: 'String: hot-99 | hot-95 | hot-90 | cold-99 | cold-95 | cold-90 | not-significant (FDR-adjusted p-values)',
  moran_class: 'String: local Moran cluster of target_share, high-high | low-low | high-low | low-high | not-significant | island (999 permutations, FDR 5 %)',
  change_target_share: 'Number: target_share minus that of the previous survey year (absent in the first year)',
  crossed: 'String: up | down when target_share crossed the previous survey year\'s national target share (absent otherwise)',
};

// Context layers (sql/functions/nightlight_stats.sql, refresh_light_mismatch.sql): night lights of the survey year's composite and the
// light-vs-poverty model; absent without a composite for the year.
const CONTEXT_METRICS: Record<string, string> = {
  nightlight_mean: 'Number: mean night-light radiance (nW/cm²/sr) of pixels whose centre lies in the area (an area holding no pixel centre: the pixel under its label point)',
  light_residual: 'Number: target_share minus the share predicted from ln(1 + nightlight_mean) by a least-squares line over the areas of the same level and year',
  light_z: 'Number: light_residual divided by the residual standard error of that fit',
  light_mismatch: 'String: poorer-than-light (light_z ≥ 2, "bright but poor") | less-poor-than-light (light_z ≤ −2, "dark but not poor") | as-expected',
};

// Service accessibility (sql/views/40_area_access_stats.sql): geodesic distance of each household to the
// nearest school and clinic (hospital or health-promoting hospital), and the 2SFCA clinic ratio.
const ACCESS_METRICS: Record<string, string> = {
  school_far_5km_share: 'Number: share of located target households whose nearest school is farther than 5 km (absent when fewer than 5 are located)',
  school_far_10km_share: 'Number: share of located target households whose nearest school is farther than 10 km',
  clinic_far_5km_share: 'Number: share of located target households whose nearest clinic (hospital or health-promoting hospital) is farther than 5 km',
  clinic_far_10km_share: 'Number: share of located target households whose nearest clinic is farther than 10 km',
  school_mean_km: 'Number: mean distance of all located households to the nearest school, km',
  clinic_mean_km: 'Number: mean distance of all located households to the nearest clinic, km',
  clinic_2sfca: 'Number: clinic capacity (patients per day) per 1,000 people, two-step floating catchment, d0 = 10 km',
};

// The assistance logbook's progress (area_assistance): helped_share is absent where there are no targets.
const ASSISTANCE_METRICS: Record<string, string> = {
  helped_households: 'Number: target households with at least one \'done\' assistance logbook entry',
  helped_share: 'Number: helped_households / target_households (absent when the area has no target households)',
};

// Groups of people (issue 20, sql/functions/area_person_stats.sql): each group's people and their share
// of the group it is of; absent where the area has no person records.
function peopleMetrics(vocabulary: AreaVocabulary): Record<string, string> {
  return Object.fromEntries(vocabulary.personGroups.filter((g) => g.measure).flatMap((g) => {
    const of = vocabulary.personGroups.find((o) => o.id === g.of)!;
    return [
      [`people_${g.id}`, `Number: people — ${g.name_en}`],
      [`share_${g.id}`, `Number: people_${g.id} / people of the group "${of.name_en}"`],
    ];
  }));
}
// The solution menu (area_menu_need, sql/functions/area_menu_need.sql): targets no menu item with
// capacity left serves; the share is absent where there are no target households.
const MENU_METRICS: Record<string, string> = {
  menu_unmet: 'Number: target households that no solution-menu item with capacity left serves (unmet need)',
  menu_unmet_share: 'Number: menu_unmet / target_households (absent when the area has no target households)',
};

// Household debt and access to finance (issue 24, area_stats): shares are of the households the
// survey asked, absent where it asked none (an older survey year, an import without the columns).
const FINANCE_METRICS: Record<string, string> = {
  debt_households: 'Number: households with any debt',
  debt_share: 'Number: debt_households / households asked about debt',
  informal_debt_households: 'Number: households owing outside banks, cooperatives and village funds',
  informal_debt_share: 'Number: informal_debt_households / households asked about debt',
  no_finance_households: 'Number: households without a bank or cooperative account or formal credit within reach',
  no_finance_share: 'Number: no_finance_households / households asked about access to finance',
};
const FINANCE_SHARES = ['debt_share', 'informal_debt_share', 'no_finance_share'];

// The registry linkage (issue 21, area_registry_stats): target groups 3.2 and 4 in people, 0 where
// no registry line counts there; no share, the people being outside the surveyed population.
const REGISTRY_METRICS: Record<string, string> = {
  card_holders_unsurveyed: 'Number: people in the welfare-card registry with no survey record (target group 3.2, a part of exclusion_errors)',
  exclusion_errors: 'Number: people with a valid national id in a registry and in no survey record (target group 4, exclusion-error candidates)',
};

/** Metric key → description, in the order the client lists them. */
export function areaMetricFields(vocabulary: AreaVocabulary): Record<string, string> {
  const indicatorMetrics = Object.fromEntries(vocabulary.indicators.map((i) =>
    [`hc_${i.id}`, `Number: censored headcount ratio of indicator ${i.number} (${i.name_en})`]));
  const dimensionMetrics = Object.fromEntries(vocabulary.dimensions.map((d) =>
    [`dim_${d.id}`, `Number: share of households failing the ${d.name_en} dimension`]));
  return {
    ...BASE_METRICS, ...indicatorMetrics, ...dimensionMetrics, ...HOTSPOT_METRICS, ...ASSISTANCE_METRICS, ...ACCESS_METRICS,
    ...CONTEXT_METRICS, ...peopleMetrics(vocabulary), ...MENU_METRICS, ...FINANCE_METRICS,
    ...REGISTRY_METRICS,
  };
}

/** The metric keys an `areas` feature may carry (the values `metric` may take). */
export function areaMetrics(vocabulary: AreaVocabulary): string[] {
  return Object.keys(areaMetricFields(vocabulary));
}

/**
 * Metrics that an unsuppressed area may lack (MVT has no null, so they are then absent): any metric
 * the disclosure policy withholds (listed in `withheld`); no hotspot
 * class where its level had too few areas for the statistic, no change in the first survey year or
 * when the area was suppressed the year before, `crossed` only where it crossed; no helped share
 * without targets; no accessibility share with fewer than 5 located target households, no distance
 * without a located household, no 2SFCA ratio before the accessibility refresh has run; no night
 * light without a composite for the year; no group of people without person records; no debt or finance
 * share where the survey asked no household.
 */
export function areaOptionalMetrics(vocabulary: AreaVocabulary): string[] {
  return [
    ...Object.keys(HOTSPOT_METRICS), 'helped_share', ...Object.keys(ACCESS_METRICS), ...Object.keys(CONTEXT_METRICS),
    ...Object.keys(peopleMetrics(vocabulary)), 'menu_unmet_share', ...FINANCE_SHARES,
  ];
}
