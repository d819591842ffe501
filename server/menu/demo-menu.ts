/**
 * The demo solution menu: measures of the kind Thai agencies submit to the poverty-eradication plan,
 * for every indicator, nationally and as provincial pilots in eight of the poorer provinces. The
 * list is fixed (no randomness), so every demo database has the same 90 items; capacities are set
 * against the demo profile's ~25,000 target households a survey year, so some needs are met and
 * some are not (the unmet-need map measure has something to show). Seeded by ensureDemoMenu when a
 * generated data set has no menu at all.
 */
import type { Knex } from 'knex';
import { sqlText } from '../../sql/load.js';
import { markDisclosureOutdated } from '../disclosure/refresh.js';

export interface MenuItemInput {
  code: string;
  agency: string;
  title_th: string;
  title_en: string;
  dimension: string;
  indicators: string[];
  target_groups: number[];
  stage: 'survive' | 'sufficiency' | 'sustainable';
  age_min: number | null;
  age_max: number | null;
  welfare_card_required: boolean;
  area_codes: string[];
  capacity_per_year: number;
}

const MOPH = 'กระทรวงสาธารณสุข (Ministry of Public Health)';
const DOH = 'กรมอนามัย (Department of Health)';
const DSDW = 'กรมพัฒนาสังคมและสวัสดิการ (Department of Social Development and Welfare)';
const DOP = 'กรมกิจการผู้สูงอายุ (Department of Older Persons)';
const DEP = 'กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ (Department of Empowerment of Persons with Disabilities)';
const CDD = 'กรมการพัฒนาชุมชน (Community Development Department)';
const DLA = 'กรมส่งเสริมการปกครองท้องถิ่น (Department of Local Administration)';
const DWR = 'กรมทรัพยากรน้ำ (Department of Water Resources)';
const NHA = 'การเคหะแห่งชาติ (National Housing Authority)';
const OBEC = 'สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน (Office of the Basic Education Commission)';
const EEF = 'กองทุนเพื่อความเสมอภาคทางการศึกษา (Equitable Education Fund)';
const DOL = 'กรมส่งเสริมการเรียนรู้ (Department of Learning Encouragement)';
const DOE = 'กรมการจัดหางาน (Department of Employment)';
const DSD = 'กรมพัฒนาฝีมือแรงงาน (Department of Skill Development)';
const BAAC = 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (BAAC)';
const DOAE = 'กรมส่งเสริมการเกษตร (Department of Agricultural Extension)';

type Base = [code: string, agency: string, th: string, en: string, dimension: string, indicators: string[], stage: MenuItemInput['stage'],
  capacity: number, options?: { groups?: number[]; card?: boolean; age?: [number | null, number | null] }];

/** National measures: code, agency, titles, what they address, stage, capacity per year. */
const NATIONAL: Base[] = [
  ['MOPH-ANC', MOPH, 'ฝากครรภ์คุณภาพและนมผงสำหรับแม่และเด็ก', 'Antenatal care and infant formula', 'health', ['newborn_weight'], 'survive', 300],
  ['DOH-NUTR', DOH, 'อาหารเสริมโภชนาการหญิงตั้งครรภ์', 'Nutrition supplements in pregnancy', 'health', ['newborn_weight', 'hygienic_food'], 'sufficiency', 250],
  ['DOH-FOOD', DOH, 'อบรมสุขาภิบาลอาหารในครัวเรือน', 'Household food hygiene training', 'health', ['hygienic_food'], 'sufficiency', 900],
  ['MOPH-VHV', MOPH, 'อสม. เยี่ยมบ้านแนะนำการใช้ยา', 'Village health volunteer visits on medicine use', 'health', ['medicine_use'], 'survive', 1200],
  ['DOH-EXER', DOH, 'ชมรมออกกำลังกายในชุมชน', 'Community exercise clubs', 'health', ['exercise'], 'sustainable', 2500],
  ['NHA-REPAIR', NHA, 'ซ่อมแซมบ้านผู้มีรายได้น้อย', 'Home repair for low-income households', 'living', ['stable_house'], 'survive', 1500, { card: true }],
  ['DSDW-HOUSE', DSDW, 'บ้านมั่นคงชนบท', 'Secure rural housing', 'living', ['stable_house', 'tidy_home'], 'sustainable', 600],
  ['DWR-TANK', DWR, 'ถังเก็บน้ำฝนครัวเรือน', 'Household rainwater tanks', 'living', ['drinking_water', 'enough_water'], 'survive', 2000],
  ['DWR-PIPE', DWR, 'ประปาหมู่บ้าน', 'Village piped water', 'living', ['enough_water'], 'sustainable', 1800],
  ['DLA-TIDY', DLA, 'บ้านสะอาด ชุมชนน่าอยู่', 'Clean home, liveable community', 'living', ['tidy_home'], 'sufficiency', 1500],
  ['OBEC-PRE', OBEC, 'ศูนย์พัฒนาเด็กเล็กใกล้บ้าน', 'Child development centres near home', 'education', ['preschool_care'], 'survive', 700],
  ['EEF-CCT', EEF, 'ทุนเสมอภาคสำหรับนักเรียนยากจนพิเศษ', 'Equity grant for extremely poor pupils', 'education', ['compulsory_school', 'continue_m4'], 'survive', 1400, { card: true }],
  ['EEF-M4', EEF, 'ทุนต่อยอดมัธยมศึกษาตอนปลาย', 'Upper-secondary continuation grant', 'education', ['continue_m4'], 'sufficiency', 500, { age: [14, 18] }],
  ['DOL-LIT', DOL, 'การศึกษานอกระบบส่งเสริมการอ่านออกเขียนได้', 'Adult literacy classes', 'education', ['adult_literacy'], 'sufficiency', 1600, { age: [15, null] }],
  ['DOE-JOB', DOE, 'จัดหางานและแนะแนวอาชีพ', 'Job matching and career guidance', 'income', ['work_15_59'], 'sufficiency', 2500, { groups: [1, 2], age: [15, 59] }],
  ['DSD-SKILL', DSD, 'ฝึกทักษะฝีมือแรงงาน', 'Vocational skills training', 'income', ['work_15_59', 'income_threshold'], 'sustainable', 1800, { groups: [1, 2], age: [15, 59] }],
  ['DOP-WORK', DOP, 'ส่งเสริมอาชีพผู้สูงอายุ', 'Livelihoods for older persons', 'income', ['work_60_plus'], 'sufficiency', 900, { age: [60, null] }],
  ['CDD-OTOP', CDD, 'กลุ่มอาชีพ OTOP ในหมู่บ้าน', 'Village OTOP producer groups', 'income', ['income_threshold'], 'sustainable', 2000, { groups: [1, 2] }],
  ['BAAC-LOAN', BAAC, 'สินเชื่อเพื่อการประกอบอาชีพรายย่อย', 'Micro-credit for livelihoods', 'income', ['income_threshold'], 'sustainable', 1500, { groups: [1, 2] }],
  ['DOAE-GARDEN', DOAE, 'เกษตรทฤษฎีใหม่และปลูกผักสวนครัว', 'New-theory farming and kitchen gardens', 'income', [], 'sufficiency', 2500],
  ['DSDW-CASH', DSDW, 'เงินสงเคราะห์ครอบครัวผู้มีรายได้น้อย', 'Cash support for low-income families', 'income', ['income_threshold'], 'survive', 3000, { card: true }],
  ['DOP-CARE', DOP, 'ผู้ดูแลผู้สูงอายุที่บ้าน', 'Home care for older persons', 'access', ['elderly_care'], 'survive', 1400, { age: [60, null] }],
  ['DLA-ELDER', DLA, 'เบี้ยยังชีพผู้สูงอายุ', 'Old-age allowance enrolment', 'access', ['elderly_care'], 'sufficiency', 2500, { age: [60, null] }],
  ['DEP-CARD', DEP, 'ขึ้นทะเบียนบัตรคนพิการและเบี้ยความพิการ', 'Disability card and allowance enrolment', 'access', ['disabled_care'], 'survive', 1000],
  ['DEP-AID', DEP, 'กายอุปกรณ์และปรับสภาพบ้านคนพิการ', 'Assistive devices and home adaptation', 'access', ['disabled_care'], 'sufficiency', 500],
  ['DSDW-SURVEY', DSDW, 'ทีมสหวิชาชีพสำรวจครัวเรือนตกหล่น', 'Outreach to households left out of the survey', 'access', [], 'survive', 800, { groups: [3, 4] }],
];

/** Measures of the provincial administrations, piloted in eight of the poorer provinces. */
const PILOT_PROVINCES: Array<[code: string, th: string]> = [
  ['34', 'อุบลราชธานี'], ['46', 'กาฬสินธุ์'], ['49', 'มุกดาหาร'], ['57', 'เชียงราย'],
  ['58', 'แม่ฮ่องสอน'], ['94', 'ปัตตานี'], ['95', 'ยะลา'], ['96', 'นราธิวาส'],
];
type Pilot = [code: string, th: string, en: string, dimension: string, indicators: string[], stage: MenuItemInput['stage'], capacity: number];
const PILOT: Pilot[] = [
  ['HOUSE', 'ซ่อมบ้านผู้ยากไร้', 'Home repair for the poorest', 'living', ['stable_house'], 'survive', 150],
  ['WATER', 'ระบบน้ำดื่มสะอาดชุมชน', 'Community clean drinking water', 'living', ['drinking_water'], 'sustainable', 200],
  ['FOOD', 'ธนาคารอาหารชุมชน', 'Community food bank', 'health', ['hygienic_food'], 'survive', 120],
  ['SCHOOL', 'ทุนการศึกษาเด็กยากจน', 'School grants for poor children', 'education', ['compulsory_school'], 'sufficiency', 120],
  ['CAREER', 'ฝึกอาชีพระยะสั้น', 'Short vocational courses', 'income', ['work_15_59', 'income_threshold'], 'sufficiency', 200],
  ['MARKET', 'ตลาดชุมชนและวิสาหกิจชุมชน', 'Community markets and enterprises', 'income', ['income_threshold'], 'sustainable', 150],
  ['ELDER', 'อาสาสมัครดูแลผู้สูงอายุ', 'Volunteer care for older persons', 'access', ['elderly_care'], 'sufficiency', 60],
  ['HEALTH', 'หน่วยแพทย์เคลื่อนที่', 'Mobile medical units', 'health', ['medicine_use', 'exercise'], 'survive', 150],
];

function item([code, agency, title_th, title_en, dimension, indicators, stage, capacity, options = {}]: Base, area_codes: string[] = []): MenuItemInput {
  return {
    code, agency, title_th, title_en, dimension, indicators, stage, capacity_per_year: capacity, area_codes,
    target_groups: options.groups ?? [1], welfare_card_required: options.card ?? false,
    age_min: options.age?.[0] ?? null, age_max: options.age?.[1] ?? null,
  };
}

export function demoMenu(): MenuItemInput[] {
  const pilots = PILOT_PROVINCES.flatMap(([province, name]) => PILOT.map(([code, th, en, dimension, indicators, stage, capacity]) =>
    item([`PAO${province}-${code}`, `องค์การบริหารส่วนจังหวัด${name} (${name} Provincial Administration)`, `${th} จ.${name}`,
      `${en} (${province})`, dimension, indicators, stage, capacity], [province])));
  return [...NATIONAL.map((b) => item(b)), ...pilots];
}

/**
 * Seed the demo menu into a database holding a generated data set and no menu item at all, make
 * its matches, and have the policy decide again (the unmet need is one of its cells). Returns the
 * number of items seeded (0: nothing to do).
 */
export async function ensureDemoMenu(db: Knex): Promise<number> {
  const generated = await db('dataset').first('profile');
  if (!generated || (await db('menu_item').first('id'))) return 0;
  const items = demoMenu();
  await db('menu_item').insert(items);
  // setup seeds it before anything reads the data set: the first matches go in before their index
  await db.raw(sqlText('refresh/menu_first_fill.sql'));
  await markDisclosureOutdated(db);
  return items.length;
}
