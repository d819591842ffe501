/**
 * The 17 basic-minimum-needs (BMN) indicators in 5 dimensions, the one definition every part of
 * povmap uses (SQL bit positions, API ids, CSV columns, tile properties, client labels).
 * Indicator j (1-based) is bit j-1 of a household's `deprived` mask. Weights are in sixtieths so
 * that sums are exact integers: 1/20 = 3/60, 1/15 = 4/60, 1/10 = 6/60; all 17 add up to 60.
 *
 * The database holds a copy in povmap.indicator / povmap.dimension (seeded from here on every migrate,
 * server/db/definitions.ts), and the SQL that must list them one by one (bit masks, rollup arrays, tile
 * keys, import checks) has marked regions written from here by `npm run sql:generate`
 * (server/db/sql-regions.ts). Adding an indicator: a row below with its generator rate, then
 * `npm run sql:generate`.
 */
export type DimensionId = 'health' | 'living' | 'education' | 'income' | 'access';

export interface Indicator {
  /** 1..17, the BMN order. */
  number: number;
  id: string;
  dimension: DimensionId;
  /** Weight × 60. */
  weight60: number;
  name_en: string;
  name_th: string;
  /** Synthetic data only: the share of target households failing it (before their severity). */
  generator_rate: number;
}

export interface Dimension {
  number: number;
  id: DimensionId;
  name_en: string;
  name_th: string;
}

export const DIMENSIONS: readonly Dimension[] = [
  { number: 1, id: 'health', name_en: 'Health', name_th: 'สุขภาพ' },
  { number: 2, id: 'living', name_en: 'Living conditions', name_th: 'ความเป็นอยู่' },
  { number: 3, id: 'education', name_en: 'Education', name_th: 'การศึกษา' },
  { number: 4, id: 'income', name_en: 'Income', name_th: 'รายได้' },
  { number: 5, id: 'access', name_en: 'Access to public services', name_th: 'การเข้าถึงบริการรัฐ' },
];

// id, dimension, weight × 60, English and Thai names, generator rate
const rows: Array<[string, DimensionId, number, string, string, number]> = [
  ['newborn_weight', 'health', 3, 'Newborn weighs at least 2,500 g', 'เด็กแรกเกิดมีน้ำหนัก 2,500 กรัมขึ้นไป', 0.02],
  ['hygienic_food', 'health', 3, 'Household eats hygienic food', 'ครัวเรือนกินอาหารถูกสุขลักษณะ', 0.03],
  ['medicine_use', 'health', 3, 'Appropriate use of medicine', 'ครัวเรือนใช้ยาเพื่อบำบัดบรรเทาอาการเจ็บป่วยเบื้องต้นอย่างเหมาะสม', 0.03],
  ['exercise', 'health', 3, 'Members over 6 exercise regularly', 'คนอายุ 6 ปีขึ้นไปออกกำลังกายอย่างน้อยสัปดาห์ละ 3 วัน', 0.08],
  ['stable_house', 'living', 3, 'Stable house', 'ครัวเรือนมีความมั่นคงในที่อยู่อาศัย และบ้านมีสภาพคงทนถาวร', 0.06],
  ['drinking_water', 'living', 3, 'Clean drinking water', 'ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภคเพียงพอ', 0.05],
  ['enough_water', 'living', 3, 'Enough water for use', 'ครัวเรือนมีน้ำใช้เพียงพอตลอดปี', 0.05],
  ['tidy_home', 'living', 3, 'Tidy, hygienic home', 'ครัวเรือนมีการจัดการบ้านเรือนเป็นระเบียบเรียบร้อย สะอาด และถูกสุขลักษณะ', 0.06],
  ['preschool_care', 'education', 3, 'Children 3–5 receive pre-school care', 'เด็กอายุ 3-5 ปี ได้รับบริการเลี้ยงดูเตรียมความพร้อมก่อนวัยเรียน', 0.02],
  ['compulsory_school', 'education', 3, 'Children 6–14 receive compulsory schooling', 'เด็กอายุ 6-14 ปี ได้รับการศึกษาภาคบังคับ 9 ปี', 0.03],
  ['continue_m4', 'education', 3, 'M.3 graduates continue to M.4', 'เด็กจบชั้น ม.3 ได้เรียนต่อชั้น ม.4 หรือเทียบเท่า', 0.10],
  ['adult_literacy', 'education', 3, 'Members 15–59 can read and write Thai', 'คนอายุ 15-59 ปี อ่าน เขียนภาษาไทย และคิดเลขอย่างง่ายได้', 0.06],
  ['work_15_59', 'income', 4, 'Members 15–59 have work and income', 'คนอายุ 15-59 ปี มีอาชีพและมีรายได้', 0.12],
  ['work_60_plus', 'income', 4, 'Members 60+ have work or income', 'คนอายุ 60 ปีขึ้นไป มีอาชีพและมีรายได้', 0.10],
  ['income_threshold', 'income', 4, 'Income per person above 38,000 baht a year', 'รายได้เฉลี่ยของคนในครัวเรือนต่อปี ไม่ต่ำกว่า 38,000 บาท', 0.45],
  ['elderly_care', 'access', 6, 'Elderly receive state care', 'คนอายุ 60 ปีขึ้นไป ได้รับการดูแลจากคนในครัวเรือน ชุมชน ภาครัฐ หรือภาคเอกชน', 0.04],
  ['disabled_care', 'access', 6, 'Disabled receive state care', 'คนพิการได้รับการดูแลจากคนในครัวเรือน ชุมชน ภาครัฐ หรือภาคเอกชน', 0.03],
];

export const INDICATORS: readonly Indicator[] = rows.map(([id, dimension, weight60, name_en, name_th, generator_rate], i) => ({
  number: i + 1,
  id,
  dimension,
  weight60,
  name_en,
  name_th,
  generator_rate,
}));

export const INDICATOR_IDS = INDICATORS.map((i) => i.id);
export const DIMENSION_IDS = DIMENSIONS.map((d) => d.id);

/** The bit of indicator `id` in a household's deprivation mask. */
export function indicatorBit(id: string): number {
  const ind = INDICATORS.find((i) => i.id === id);
  if (!ind) throw new Error(`unknown indicator ${id}`);
  return 1 << (ind.number - 1);
}

/** The mask of all indicators of a dimension. */
export function dimensionMask(dimension: DimensionId): number {
  return INDICATORS.filter((i) => i.dimension === dimension).reduce((m, i) => m | (1 << (i.number - 1)), 0);
}

/** Deprivation score × 60 of a deprivation mask. */
export function score60(deprived: number): number {
  return INDICATORS.reduce((s, i) => s + ((deprived >> (i.number - 1)) & 1) * i.weight60, 0);
}

/** Alkire-Foster default cut-off. */
export const DEFAULT_K = 1 / 3;
