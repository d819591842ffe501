/**
 * The plan's target groups counted from the registry linkage, not from the survey
 * (sql/functions/area_registry_stats.sql): people in a registry with no survey record. Counts of
 * people per area and year, with no share (they are by definition outside the surveyed population).
 * Read by the area API, the rankings (by=group:<id>, by count) and the client's labels.
 */
export interface RegistryGroup {
  /** The column of area_registry_stats and the disclosure policy's cell. */
  id: 'exclusion_errors' | 'card_holders_unsurveyed';
  name_en: string;
  name_th: string;
}

/** The registry name that says a registry is the state welfare-card registry (group 3.2). */
export const WELFARE_CARD_REGISTRY = 'welfare_card';

export const REGISTRY_GROUPS: readonly RegistryGroup[] = [
  { id: 'card_holders_unsurveyed', name_en: 'Welfare card holders with no survey record (3.2)', name_th: 'ผู้ถือบัตรสวัสดิการแห่งรัฐที่ไม่มีข้อมูลในการสำรวจ (3.2)' },
  { id: 'exclusion_errors', name_en: 'People in registries and in no survey: exclusion errors (4)', name_th: 'คนตกหล่นที่อยู่ในทะเบียนอื่นแต่ไม่อยู่ในข้อมูลสำรวจ (4)' },
];

export const isRegistryGroup = (id: string | undefined): id is RegistryGroup['id'] => REGISTRY_GROUPS.some((g) => g.id === id);
