/**
 * CSV export of a person search: the whole filtered list in the search's order, streamed from
 * PostgreSQL's COPY with every cell neutralised (copyCsv, server/households/csv.ts), UTF-8 with a
 * BOM, national ids masked without the PII grant. Header words for agencies in English or Thai.
 */
import type { Db } from '../db/knex.js';
import { copyCsv } from '../households/csv.js';
import type { PersonFilter } from './filters.js';
import { applyPersonOrder } from './paging.js';
import { filteredPersons, personColumns } from './search.js';

/** Column names of the CSV: the API's field names, and their Thai wording. */
export const PERSON_CSV_HEADERS: Record<'en' | 'th', string[]> = {
  en: ['house_code', 'person_no', 'national_id', 'village_code', 'address_th', 'address_en', 'age', 'sex', 'relation_to_head',
    'disabled', 'in_education', 'employed', 'literate', 'welfare_card', 'needs_daily_care', 'receives_care', 'household_target', 'vulnerability_level'],
  th: ['รหัสบ้าน', 'ลำดับสมาชิก', 'เลขประจำตัวประชาชน', 'รหัสหมู่บ้าน', 'ที่อยู่', 'ที่อยู่ (อังกฤษ)', 'อายุ', 'เพศ', 'ความสัมพันธ์กับหัวหน้าครัวเรือน',
    'พิการ', 'กำลังศึกษา', 'มีงานทำ', 'อ่านออกเขียนได้', 'มีบัตรสวัสดิการแห่งรัฐ', 'ต้องการการดูแลประจำวัน', 'ได้รับการดูแล', 'ครัวเรือนเป้าหมาย', 'ระดับความเปราะบาง'],
};

/** The SELECT behind an export: also what the benchmark runs as a raw COPY to compare with. */
export function personExportSql(db: Db, filter: PersonFilter, pii: boolean): string {
  return applyPersonOrder(filteredPersons(db, filter).select(personColumns(db, pii, 'integer'))).toQuery();
}

/** Start the export (see copyCsv): the body to send and a promise of the rows sent. */
export async function personCsvExport(db: Db, filter: PersonFilter, options: { pii: boolean; headers: 'en' | 'th' }) {
  return copyCsv(db, personExportSql(db, filter, options.pii), PERSON_CSV_HEADERS[options.headers], PERSON_CSV_HEADERS.en);
}
