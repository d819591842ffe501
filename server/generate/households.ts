/**
 * Synthetic households of one province, calibrated to the BMN survey (phase `households` of
 * server/generate/generate.ts). Inputs: gen.params, gen.village and gen.scale
 * (sql/generate/20_villages.sql), and each indicator's prevalence among targets,
 * povmap.indicator.generator_rate (seeded from server/mpi/indicators.ts). Every draw is
 * povmap.rand(seed, key, salt) with the house code as key (./draw.ts), so a household is the same
 * whatever else is generated, and provinces can be made in any order or in parallel.
 *
 * The database places the households (PostGIS's st_generatepoints inside each village, a seeded
 * draw: 0.35 s for province 30's 385,787 points) and stores them; everything else about a household
 * is arithmetic on its village's row and its draws, computed here: PostgreSQL spent about 11 µs of a
 * core on it per household (a chain of laterals and a subplan for the 17 indicators).
 * The factors that PostgreSQL computes in numeric (a power of 0.9 or 0.95 per survey year) are read
 * from it, so each comparison here has the operands it had there.
 */
import { sqlText } from '../../sql/load.js';
import type { Db } from '../db/knex.js';
import { copyInLines, copyOutText, onProvinceConnection, parseCopyText } from './copy-rows.js';
import { drawsFor, type Draw } from './draw.js';
import { NEWBORN, EXERCISE, STABLE_HOUSE, PRESCHOOL, SCHOOL, YOUTH, LITERACY, WORK, WORK_60, INCOME, ELDERLY_CARE } from './indicator-bits.js';
import { thaiIdWithCheck } from './people.js';

/** One located household of a village, as POINTS_OUT gives it. */
export interface HouseholdPlace {
  villageCode: string;
  /** subdistrict, district and province codes, tab-separated as the household row takes them */
  parentCodes: string;
  poverty: number;
  /** the point's number in its village (1…), the last four digits of the house code */
  number: number;
  /** the point as hex EWKB, passed through to the household row */
  geom: string;
}

/** A survey year of the run and the year's factors on the chance to be a target and on each indicator's. */
export interface GeneratedYear {
  year: number;
  targetFactor: number;
  indicatorFactor: number;
}

/** What every household of a run shares: the seed, the years, the target scale and the indicators' rates. */
export interface HouseholdInputs {
  seed: number;
  years: GeneratedYear[];
  targetScale: number;
  /** each indicator's prevalence among targets, indicator 1 first */
  rates: number[];
}

const POINTS_OUT = (province: string) => `
  copy (select v.code, v.subdistrict_code, v.district_code, v.province_code, v.poverty, g.path[1], g.geom
        from gen.village v
        cross join lateral st_dump(st_generatepoints(v.geom, v.n_households + 10 + v.n_households / 20,
                                                     (1 + (v.code::bigint + v.seed * 7919) % 2000000000)::integer)) g
        where v.province_code = '${province}' and g.path[1] <= v.n_households
        order by v.code, g.path[1]) to stdout`;

const HOUSEHOLD_IN = `copy household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                       geom, members, deprived, income_per_person, dependents, housing_problem,
                       welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access) from stdin`;

/** The run's shared inputs, read once (sql/generate/household_inputs.sql). */
export async function householdInputs(db: Db): Promise<HouseholdInputs> {
  const { rows: [row] } = await db.raw(sqlText('generate/household_inputs.sql'));
  return { seed: row.seed, years: row.years, targetScale: row.target_scale, rates: row.rates };
}

/** Writes the households of `province`; returns how many rows. One connection, one COPY each way. */
export async function writeProvinceHouseholds(db: Db, inputs: HouseholdInputs, province: string): Promise<number> {
  return onProvinceConnection(db, province, async (conn) => {
    const places = parsePlaces(await copyOutText(conn, POINTS_OUT(province)));
    const draw = drawsFor(inputs.seed);
    return copyInLines(conn, HOUSEHOLD_IN, places, (place, emit) => householdRows(place, inputs, draw, emit));
  });
}

/** POINTS_OUT's COPY text as places. */
export function parsePlaces(text: string): HouseholdPlace[] {
  return parseCopyText(text, 7, 'household place', (f) => ({
    villageCode: f[0], parentCodes: `${f[1]}\t${f[2]}\t${f[3]}`, poverty: Number(f[4]), number: Number(f[5]), geom: f[6],
  }));
}

const TITLES = ['นาย', 'นาง', 'นางสาว'];
const GIVEN_NAMES = ['สมชาย', 'สมศรี', 'สมหญิง', 'บุญมี', 'ประเสริฐ', 'มาลี', 'สมบัติ', 'วิไล', 'สุนทร', 'ทองดี',
  'อำนวย', 'จันทร์เพ็ญ', 'ประยูร', 'บุญเรือน', 'สุดา', 'ชัยวัฒน์', 'นิภา', 'ศักดิ์ชัย', 'อุไร', 'วันชัย'];
const FAMILY_NAMES = ['ใจดี', 'ศรีสุข', 'บุญมา', 'แก้วมณี', 'ทองคำ', 'พรหมมา', 'สุขสวัสดิ์', 'จันทร์แก้ว', 'วงศ์ใหญ่', 'ศรีสวัสดิ์',
  'มีสุข', 'ปัญญาดี', 'สายทอง', 'บุญเกิด', 'อินทร์แก้ว', 'พึ่งบุญ', 'คำแสน', 'ทองมา', 'แสงจันทร์', 'ชัยมงคล'];

/**
 * The members a deprivation mask needs so that every failed age-based indicator has a member it can
 * be true of (./people.ts). Each of these indicators needs its own member: newborn weight (a child
 * aged 0), pre-school care (3–5), compulsory school (6–14), continue to M.4 (15–17); literacy or
 * work 15–59 make the head 25–59, so work 60+ or elderly care then need an elder besides the head
 * (without them the head is the elder).
 */
export function personMinMembers(deprived: number): number {
  return 1 + ((deprived & NEWBORN) !== 0 ? 1 : 0) + ((deprived & PRESCHOOL) !== 0 ? 1 : 0)
    + ((deprived & SCHOOL) !== 0 ? 1 : 0) + ((deprived & YOUTH) !== 0 ? 1 : 0)
    + ((deprived & (WORK_60 | ELDERLY_CARE)) !== 0 && (deprived & (LITERACY | WORK)) !== 0 ? 1 : 0);
}

/** The indicator a target that drew none fails: the one most targets fail, by the survey's shares. */
function usualIndicator(r: number): number {
  return r < 0.45 ? INCOME : r < 0.60 ? YOUTH : r < 0.70 ? WORK : r < 0.78 ? WORK_60
    : r < 0.85 ? EXERCISE : r < 0.90 ? LITERACY : r < 0.95 ? STABLE_HOUSE : ELDERLY_CARE;
}

const flag = (b: boolean) => (b ? 't' : 'f');

/** The household rows of one place, one per survey year, as COPY text lines given to `emit`. */
export function householdRows(place: HouseholdPlace, inputs: HouseholdInputs, draw: Draw, emit: (lines: string) => void): void {
  if (place.number > 9999) throw new Error(`village ${place.villageCode} has more than 9,999 households: a house number has 4 digits`);
  const houseCode = place.villageCode + String(place.number).padStart(4, '0');
  const key = Number(houseCode);
  const r = (salt: number) => draw(key, salt);
  const poverty03 = Math.pow(place.poverty, 0.3);
  for (const y of inputs.years) {
    const pTarget = Math.min(0.7, inputs.targetScale * place.poverty * y.targetFactor);
    const severity = 0.5 + 5 * Math.pow(r(2), 4);
    const drawnMembers = 1 + Math.floor(6.2 * Math.pow(r(4), 1.75));
    const isTarget = r(1) < pTarget;
    // each indicator fails with its own prevalence among targets, times the household's severity
    let rawMask = 0;
    if (isTarget) {
      for (let j = 1; j <= inputs.rates.length; j++) {
        if (r(100 + j) < Math.min(0.95, inputs.rates[j - 1] * severity * y.indicatorFactor)) rawMask |= 1 << (j - 1);
      }
    }
    const dependents = r(5) < 0.56 ? Math.min(drawnMembers, 1 + Math.floor(4 * r(6))) : 0;
    const deprived = isTarget && rawMask === 0 ? usualIndicator(r(3)) : rawMask;
    // enough members for the people the failed age-based indicators are about (./people.ts)
    const members = Math.max(drawnMembers, personMinMembers(deprived));
    // debt and access to finance (migration 015): about half the households owe money, more where the
    // income dimension fails, and those owe outside banks and cooperatives more often; 5–20 % have no
    // formal account or credit, more in poorer villages and among targets
    const incomeFails = (deprived & (WORK | WORK_60 | INCOME)) !== 0;
    const hasDebt = r(20) < Math.min(0.85, 0.50 * Math.pow(place.poverty, 0.1) + (incomeFails ? 0.18 : 0));
    const pInformal = Math.min(0.9, (incomeFails ? 0.55 : 0.22) * poverty03);
    const pNoFinance = Math.min(0.5, 0.09 * Math.pow(place.poverty, 0.5) + (deprived !== 0 ? 0.10 : 0));
    const income = (deprived & INCOME) !== 0 ? 15000 + Math.floor(23000 * r(9))
      : r(8) < Math.min(0.92, 0.70 * poverty03) ? 38000 + Math.floor(62000 * r(9))
      : Math.min(5000000, 100000 + Math.floor(-Math.log(1 - r(9)) * 120000));
    const housingProblem = (deprived & STABLE_HOUSE) !== 0 || r(7) < 0.04;
    // a target household's card is held by all its members (the plan's 32 % of urgent targets'
    // people hold one, as 32 % of target households do); elsewhere by some of them
    const cardHolders = r(10) >= (deprived !== 0 ? 0.32 : 0.2 * poverty03) ? 0
      : deprived !== 0 ? members
      : 1 + Math.floor(r(11) * members);
    const headName = `${TITLES[Math.floor(3 * r(12))]}${GIVEN_NAMES[Math.floor(20 * r(13))]} ${FAMILY_NAMES[Math.floor(20 * r(14))]}`;
    // the head's national id: 12 drawn digits and the check digit
    const nationalId = thaiIdWithCheck((1 + Math.floor(8 * r(15))) * 100000000000 + Math.floor(100000000000 * r(16)));
    const informalDebt = hasDebt && r(21) < pInformal;
    const financeAccess = !(r(22) < pNoFinance);
    emit(`${y.year}\t${houseCode}\t${place.villageCode}\t${place.parentCodes}\t${place.geom}\t${members}\t${deprived}\t${income}\t${dependents}\t${flag(housingProblem)}\t${cardHolders}\t${headName}\t${nationalId}\t${flag(hasDebt)}\t${flag(informalDebt)}\t${flag(financeAccess)}\n`);
  }
}
