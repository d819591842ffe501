/**
 * The groups of people povmap counts per area and year (the rollup area_person_stats,
 * sql/functions/area_person_stats.sql, holds `<id>` people and `<id>_households` households holding
 * one for each, in this order): the plan's target groups 1.1, 1.2, 2 and 3.1, and the population
 * groups across ages with the age group each is a share of. One list, read by the disclosure cells,
 * the area API, the tiles, the rankings, the hotspots and the person search.
 */
export interface PersonGroup {
  id: string;
  name_en: string;
  name_th: string;
  /** The group the share is of (its denominator); `persons` for a share of all people. */
  of: string;
  /** A measure of its own (share on the map, rankings, hotspots); denominators are not. */
  measure: boolean;
}

export const PERSON_GROUPS: readonly PersonGroup[] = [
  { id: 'persons', name_en: 'People with a person record', name_th: 'บุคคลที่มีข้อมูลรายบุคคล', of: 'persons', measure: false },
  { id: 'target_card', name_en: 'Urgent targets with a welfare card (1.1)', name_th: 'กลุ่มเป้าหมายเร่งด่วนที่มีบัตรสวัสดิการแห่งรัฐ (1.1)', of: 'persons', measure: true },
  { id: 'target_nocard', name_en: 'Urgent targets without a welfare card (1.2)', name_th: 'กลุ่มเป้าหมายเร่งด่วนที่ไม่มีบัตรสวัสดิการแห่งรัฐ (1.2)', of: 'persons', measure: true },
  { id: 'vulnerable', name_en: 'People of vulnerable households (2)', name_th: 'คนในครัวเรือนเปราะบาง (2)', of: 'persons', measure: true },
  { id: 'card_not_target', name_en: 'Welfare card holders not failing the MPI (3.1)', name_th: 'ผู้ถือบัตรสวัสดิการแห่งรัฐที่ไม่ตกเกณฑ์ (3.1)', of: 'persons', measure: true },
  { id: 'children_0_5', name_en: 'Children 0–5', name_th: 'เด็กอายุ 0-5 ปี', of: 'persons', measure: true },
  { id: 'school_age', name_en: 'School age 6–14', name_th: 'เด็กวัยเรียน 6-14 ปี', of: 'persons', measure: false },
  { id: 'school_age_out', name_en: 'School age 6–14 out of school', name_th: 'เด็กวัยเรียน 6-14 ปีที่ไม่ได้เรียน', of: 'school_age', measure: true },
  { id: 'youth', name_en: 'Youth 15–24', name_th: 'เยาวชนอายุ 15-24 ปี', of: 'persons', measure: false },
  { id: 'neet', name_en: 'NEET youth 15–24', name_th: 'เยาวชน 15-24 ปีที่ไม่ได้เรียน ไม่ได้ทำงาน (NEET)', of: 'youth', measure: true },
  { id: 'working_age', name_en: 'Working age 15–59', name_th: 'วัยแรงงาน 15-59 ปี', of: 'persons', measure: false },
  { id: 'working_no_work', name_en: 'Working age 15–59 without work', name_th: 'วัยแรงงาน 15-59 ปีที่ไม่มีงานทำ', of: 'working_age', measure: true },
  { id: 'elderly', name_en: 'Elderly 60+', name_th: 'ผู้สูงอายุ 60 ปีขึ้นไป', of: 'persons', measure: false },
  { id: 'elderly_no_care', name_en: 'Elderly 60+ without care', name_th: 'ผู้สูงอายุที่ไม่ได้รับการดูแล', of: 'elderly', measure: true },
  { id: 'disabled', name_en: 'People with disabilities', name_th: 'คนพิการ', of: 'persons', measure: false },
  { id: 'disabled_no_care', name_en: 'People with disabilities without care', name_th: 'คนพิการที่ไม่ได้รับการดูแล', of: 'disabled', measure: true },
  // unemployment and under-employment (issue 24, migration 015), as shares of the labour force
  { id: 'labour_force', name_en: 'Labour force 15–59 (asked about unemployment)', name_th: 'กำลังแรงงานอายุ 15-59 ปี', of: 'working_age', measure: false },
  { id: 'unemployed', name_en: 'Unemployed 15–59', name_th: 'ผู้ว่างงานอายุ 15-59 ปี', of: 'labour_force', measure: true },
  { id: 'underemployed', name_en: 'Under-employed 15–59 (under 35 hours a week, wanting more)', name_th: 'ผู้ทำงานต่ำระดับอายุ 15-59 ปี (ทำงานน้อยกว่า 35 ชั่วโมงต่อสัปดาห์และต้องการทำงานเพิ่ม)', of: 'labour_force', measure: true },
];

export const PERSON_GROUP_IDS = PERSON_GROUPS.map((g) => g.id);
/** The groups that are measures (shares on the map, rankings, hotspots). */
export const GROUP_MEASURES = PERSON_GROUPS.filter((g) => g.measure);
export const isGroupMeasure = (id: string) => GROUP_MEASURES.some((g) => g.id === id);
