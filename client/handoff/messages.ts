/**
 * The hand-off section's labels in Thai and English. Kept with the section (loaded on demand for
 * signed-in analysts) so the start-up script does not carry them.
 */
import type { Lang } from '../state/url-state.js';
import { labelsOf } from '../i18n/message-table.js';

const MESSAGES = {
  handoff_section: { th: 'ส่งต่อหน่วยงาน (เมนูแก้จน)', en: 'Hand-off to agencies (solution menu)' },
  handoff_outside_grant: { th: 'พื้นที่นี้อยู่นอกสิทธิ์การเข้าถึงของคุณ', en: 'This area is outside your grant' },
  handoff_failed: { th: 'โหลดข้อมูลการส่งต่อไม่ได้', en: 'Could not load the hand-off figures' },
  targets: { th: 'ครัวเรือนเป้าหมาย', en: 'Target households' },
  matched: { th: 'มีมาตรการตรงกับความต้องการ', en: 'Matched to a measure' },
  served: { th: 'อยู่ในขีดความสามารถ', en: 'Within capacity' },
  unmet: { th: 'ความต้องการที่ยังไม่ได้รับการตอบสนอง', en: 'Unmet need' },
  menu_items: { th: 'มาตรการที่ตรงกับเป้าหมายของพื้นที่', en: "Measures matching the area's targets" },
  no_menu_items: { th: 'ไม่มีมาตรการใดตรงกับเป้าหมายของพื้นที่นี้', en: "No measure matches this area's targets" },
  agency: { th: 'หน่วยงาน', en: 'Agency' },
  measure: { th: 'มาตรการ', en: 'Measure' },
  need_people: { th: 'ความต้องการ (คน)', en: 'Need (people)' },
  within_capacity: { th: 'ในขีดความสามารถ (คน)', en: 'Within capacity (people)' },
  capacity: { th: 'ขีดความสามารถต่อปี', en: 'Capacity per year' },
  create_batch: { th: 'สร้างรายชื่อส่งต่อ', en: 'Create a hand-off list' },
  unit: { th: 'รายชื่อละ', en: 'One row per' },
  unit_person: { th: 'คน', en: 'person' },
  unit_household: { th: 'ครัวเรือน', en: 'household' },
  served_only: { th: 'เฉพาะที่อยู่ในขีดความสามารถ', en: 'Only those within capacity' },
  batch_created: { th: 'สร้างรายชื่อแล้ว', en: 'Hand-off list created' },
  rows: { th: 'แถว', en: 'rows' },
  batches: { th: 'รายชื่อที่ส่งต่อแล้ว (มุมมองหน่วยงาน)', en: 'Hand-off lists (agency view)' },
  no_batches: { th: 'ยังไม่มีรายชื่อส่งต่อในพื้นที่นี้', en: 'No hand-off lists for this area yet' },
  handed_off: { th: 'ส่งต่อ', en: 'Handed off' },
  acted_on: { th: 'ดำเนินการแล้ว', en: 'Acted on' },
  done: { th: 'เสร็จสิ้น', en: 'Done' },
  outstanding: { th: 'ค้างอยู่', en: 'Outstanding' },
  download_csv: { th: 'ดาวน์โหลด CSV', en: 'Download CSV' },
  progress: { th: 'ความคืบหน้าตามขั้น (ครัวเรือนเป้าหมาย)', en: 'Progress by stage (target households)' },
  stage_survive: { th: 'อยู่รอด', en: 'Survival' },
  stage_sufficiency: { th: 'พอเพียง', en: 'Sufficiency' },
  stage_sustainable: { th: 'ยั่งยืน', en: 'Sustainability' },
  refresh: { th: 'โหลดใหม่', en: 'Refresh' },
} as const satisfies Record<string, Record<Lang, string>>;

export type HandoffMessage = keyof typeof MESSAGES;

/** The label of `key` in `lang`. */
export const ht: (key: HandoffMessage, lang: Lang) => string = labelsOf(MESSAGES);
