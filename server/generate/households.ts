/**
 * Synthetic households, calibrated to the BMN survey (phase `households` of ./generate.ts). Each
 * village's houses stand at random points inside it (PostGIS's ST_GeneratePoints, seeded by the
 * village: the one spatial step, left to the database); everything else about a household is drawn
 * here from povmap.rand(seed, house code, salt) (./draw.ts), so a household is the same whatever
 * else is generated and in whatever order:
 *   * whether it is a target (fails at least one indicator): 4.8 % nationally in the first year,
 *     scaled by the village's poverty (sql/generate/20_villages.sql), fewer in later years;
 *   * a target fails each indicator with that indicator's prevalence among targets
 *     (povmap.indicator.generator_rate) times its own severity; one that drew none fails the one most
 *     targets fail, by the survey's shares;
 *   * members, dependents, income, housing, the welfare card, the head's name and national id, debt
 *     and access to finance (migration 015).
 * Enough members for the people the failed age-based indicators are about (personMinMembers, as
 * povmap.person_min_members, which ./people.ts relies on).
 *
 * The arithmetic is PostgreSQL's, step for step, as the households' SQL statement computed it before
 * (the same rows: their checksum as stored is unchanged, tests/integration/generator.test.ts): a
 * float8 expression is the same IEEE operation here; a numeric literal such as 0.70 is the double
 * nearest it, as PostgreSQL converts it before multiplying a double; power(0.9, n) of two numerics is
 * exact in decimal, then converted (decimalPower).
 *
 * Why here and not in SQL: the statement spent about 13 µs of a core per household evaluating a chain
 * of laterals (170 core-seconds for the national profile), here a household costs about 1 µs in a
 * thread, and the rows go into the table emptied in the COPY's own transaction, without WAL and
 * frozen (server/db/copy-relay.ts).
 */
import type { Hash } from 'node:crypto';
import { sqlText } from '../../sql/load.js';
import { copyRelayFollowed } from '../db/copy-relay.js';
import { copyBooleanByte as flag, copyTextChunks, digitsIn, fieldLines, NEWLINE, TAB } from '../db/copy-text.js';
import { CopyThread, threadEntry } from '../db/copy-thread.js';
import type { Db } from '../db/knex.js';
import type { Draw } from './draw.js';
import { PERSON_IN, writeThaiId, type PeopleThread } from './people.js';

/** The households of one survey year (the `nth` of the profile's years, from 1) in one province. */
export interface HouseholdUnit {
  surveyYear: number;
  nth: number;
  province: string;
  households: number;
}

/** What every households thread is given once. */
export interface HouseholdSettings {
  seed: number;
  /** gen.scale.target_scale */
  targetScale: number;
  /** povmap.indicator.generator_rate in indicator order */
  rates: number[];
}

/** A thread that makes the households of one unit at a time (./households-worker.ts). */
export type HouseholdsThread = CopyThread<HouseholdSettings>;

/** Starts a thread making households with `settings`; close it when done. */
export function householdsThread(settings: HouseholdSettings): HouseholdsThread {
  return new CopyThread(threadEntry(import.meta.url, 'households'), settings, 'making the households');
}

/**
 * Writes the households of every unit with one COPY, in the units' order, in place of whatever
 * household held (the tables pointing at it are emptied too), and at the same time their people,
 * made from the households' rows as written, with a second COPY in place of whatever person held
 * (server/db/copy-relay.ts, copyRelayFollowed: the houses are read on one connection; unit i is made
 * by households thread i mod threads, its people by people thread i mod threads). Returns the rows
 * written to each. `handed` is told after each unit's households, and after its people, went to
 * their COPY; `digests`, when given, are given each COPY's text in the order written. Person may
 * not point at household meanwhile (its foreign key is made after, sql/generate/defer_indexes.sql).
 */
export function writeHouseholdsAndPeople(db: Db, threads: { households: HouseholdsThread[]; people: PeopleThread[] }, units: HouseholdUnit[],
  handed: { households: (unit: HouseholdUnit) => void; people: (unit: HouseholdUnit) => void }, digests?: { households: Hash; people: Hash }): Promise<[number, number]> {
  return copyRelayFollowed(db, {
    units,
    // COPY takes no bindings: knex writes them into the statement as literals
    read: (u) => db.raw(sqlText('generate/21_houses.sql'), [u.surveyYear, u.nth, u.province]).toQuery(),
    makers: threads.households,
    table: 'household',
    cascade: true,
    copy: `${sqlText('generate/21_households_in.sql').trimEnd()} with (freeze)`,
    handed: handed.households,
    digest: digests?.households,
  }, { makers: threads.people, table: 'person', copy: PERSON_IN, handed: handed.people, digest: digests?.people });
}

/**
 * base^k for a decimal `base` below 1 ('0.9', '0.95'), as the double nearest it: PostgreSQL's
 * power(numeric, numeric) of these is exact, and its conversion to float8 rounds the decimal once.
 */
export function decimalPower(base: string, k: number): number {
  const [, digits] = /^0\.([0-9]+)$/.exec(base) ?? [];
  if (!digits || !Number.isInteger(k) || k < 0) throw new Error(`not a decimal power: ${base}^${k}`);
  if (k === 0) return 1;
  const scale = digits.length * k;
  return Number(`0.${(BigInt(digits) ** BigInt(k)).toString().padStart(scale, '0')}`);
}

/** The least members a household with failed indicators `deprived` needs (povmap.person_min_members, sql/functions/person_roster.sql). */
export function personMinMembers(deprived: number): number {
  return 1 + (deprived & 1 ? 1 : 0) + (deprived & 256 ? 1 : 0) + (deprived & 512 ? 1 : 0) + (deprived & 1024 ? 1 : 0)
    + ((deprived & (8192 | 32768)) !== 0 && (deprived & (2048 | 4096)) !== 0 ? 1 : 0);
}

const TITLES = ['นาย', 'นาง', 'นางสาว'];
const FIRST_NAMES = ['สมชาย', 'สมศรี', 'สมหญิง', 'บุญมี', 'ประเสริฐ', 'มาลี', 'สมบัติ', 'วิไล', 'สุนทร', 'ทองดี',
  'อำนวย', 'จันทร์เพ็ญ', 'ประยูร', 'บุญเรือน', 'สุดา', 'ชัยวัฒน์', 'นิภา', 'ศักดิ์ชัย', 'อุไร', 'วันชัย'];
const LAST_NAMES = ['ใจดี', 'ศรีสุข', 'บุญมา', 'แก้วมณี', 'ทองคำ', 'พรหมมา', 'สุขสวัสดิ์', 'จันทร์แก้ว', 'วงศ์ใหญ่', 'ศรีสวัสดิ์',
  'มีสุข', 'ปัญญาดี', 'สายทอง', 'บุญเกิด', 'อินทร์แก้ว', 'พึ่งบุญ', 'คำแสน', 'ทองมา', 'แสงจันทร์', 'ชัยมงคล'];

/** The income dimension's indicators: work 15–59, work 60+ and the income threshold. */
const INCOME_DIMENSION = 4096 | 8192 | 16384;
/** The indicator a target that drew none fails, by the survey's shares (cumulative, then the last). */
const FALLBACK_SHARES = [0.45, 0.60, 0.70, 0.78, 0.85, 0.90, 0.95];
const FALLBACK_BITS = [14, 10, 12, 13, 3, 11, 4, 15];
/** Every head's name, UTF-8: title, first name and last name (index 400 · title + 20 · first + last). */
const HEAD_NAMES = TITLES.flatMap((t) => FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => Buffer.from(`${t}${f} ${l}`))));
/** The fields of a line of sql/generate/21_houses.sql. */
const HOUSE_FIELDS = 9;

/** The households of sql/generate/21_houses.sql's COPY text as COPY text for sql/generate/21_households_in.sql, in chunks (in a households thread). */
export function householdChunks(houses: Buffer, draw: Draw, settings: HouseholdSettings): Generator<Buffer> {
  const { targetScale, rates } = settings;
  const declines = new Map<number, [number, number]>(); // nth → power(0.9, nth - 1), power(0.95, nth - 1)
  // the village's figures, made once for its houses (they come one village after another)
  let villageCode = -1;
  let poverty = 0;
  let pow03 = 0;
  let pow01 = 0;
  let pow05 = 0;
  // each house line's fields are found in place: the codes and the point are passed on as bytes
  return copyTextChunks(fieldLines(houses, HOUSE_FIELDS, 'house'), ({ text, ends, start }, emit) => {
    const nth = digitsIn(text, ends[0] + 1, ends[1]);
    let decline = declines.get(nth);
    if (!decline) declines.set(nth, (decline = [decimalPower('0.9', nth - 1), decimalPower('0.95', nth - 1)]));
    const village = digitsIn(text, ends[1] + 1, ends[2]);
    if (village !== villageCode) {
      villageCode = village;
      poverty = Number(text.toString('latin1', ends[5] + 1, ends[6]));
      pow03 = Math.pow(poverty, 0.3);
      pow01 = Math.pow(poverty, 0.1);
      pow05 = Math.pow(poverty, 0.5);
    }
    // the house code is the village code and lpad(house number, 4, '0'), which keeps the first four
    // digits of a longer number (no village has 10,000 houses)
    const numberDigits = ends[7] - ends[6] - 1;
    const number = digitsIn(text, ends[6] + 1, numberDigits > 4 ? ends[6] + 5 : ends[7]);
    const key = village * 10000 + number;

    const pTarget = Math.min(0.7, targetScale * poverty * decline[0]);
    const severity = 0.5 + 5 * Math.pow(draw(key, 2), 4);
    const drawnMembers = 1 + Math.floor(6.2 * Math.pow(draw(key, 4), 1.75));
    const isTarget = draw(key, 1) < pTarget;
    let rawMask = 0;
    if (isTarget) {
      for (let j = 1; j <= rates.length; j++) {
        if (draw(key, 100 + j) < Math.min(0.95, rates[j - 1] * severity * decline[1])) rawMask += 1 << (j - 1);
      }
    }
    const dependents = draw(key, 5) < 0.56 ? Math.min(drawnMembers, 1 + Math.floor(4 * draw(key, 6))) : 0;
    let deprived = rawMask;
    if (isTarget && rawMask === 0) {
      const r3 = draw(key, 3);
      let k = 0;
      while (k < FALLBACK_SHARES.length && r3 >= FALLBACK_SHARES[k]) k++;
      deprived = 1 << FALLBACK_BITS[k];
    }
    const members = Math.max(drawnMembers, personMinMembers(deprived));
    const income = deprived & 16384 ? 15000 + Math.floor(23000 * draw(key, 9))
      : draw(key, 8) < Math.min(0.92, 0.7 * pow03) ? 38000 + Math.floor(62000 * draw(key, 9))
      : Math.min(5000000, 100000 + Math.floor(-Math.log(1 - draw(key, 9)) * 120000));
    const housingProblem = (deprived & 16) !== 0 || draw(key, 7) < 0.04;
    // a target household's card is held by all its members (the plan's 32 % of urgent targets'
    // people hold one, as 32 % of target households do); elsewhere by some of them
    const cardHolders = draw(key, 10) >= (deprived !== 0 ? 0.32 : 0.2 * pow03) ? 0
      : deprived !== 0 ? members
      : 1 + Math.floor(draw(key, 11) * members);
    const nationalId = (1 + Math.floor(8 * draw(key, 15))) * 100000000000 + Math.floor(100000000000 * draw(key, 16)); // its first 12 digits
    // debt and access to finance: about half the households owe money, more where the income
    // dimension fails, and those owe outside banks and cooperatives more often; 5–20 % have no
    // formal account or credit, more in poorer villages and among targets
    const incomeFails = (deprived & INCOME_DIMENSION) !== 0;
    const hasDebt = draw(key, 20) < Math.min(0.85, 0.5 * pow01 + (incomeFails ? 0.18 : 0));
    const pInformal = Math.min(0.9, (incomeFails ? 0.55 : 0.22) * pow03);
    const pNoFinance = Math.min(0.5, 0.09 * pow05 + (deprived !== 0 ? 0.1 : 0));
    const informalDebt = hasDebt && draw(key, 21) < pInformal;
    const financeAccess = !(draw(key, 22) < pNoFinance);
    // year, house code, then the village's four codes and the point as they came
    emit.bytes(text, start, ends[0] + 1);
    emit.bytes(text, ends[1] + 1, ends[2]);
    emit.digits(number, 4); // lpad(number, 4, '0')
    emit.byte(TAB);
    emit.bytes(text, ends[1] + 1, ends[5] + 1);
    emit.bytes(text, ends[7] + 1, ends[8]);
    for (const n of [members, deprived, income, dependents]) {
      emit.byte(TAB);
      emit.digits(n);
    }
    emit.byte(TAB);
    emit.byte(flag(housingProblem));
    emit.byte(TAB);
    emit.digits(cardHolders);
    emit.byte(TAB);
    const name = HEAD_NAMES[400 * Math.floor(3 * draw(key, 12)) + 20 * Math.floor(20 * draw(key, 13)) + Math.floor(20 * draw(key, 14))];
    emit.bytes(name, 0, name.length);
    emit.byte(TAB);
    writeThaiId(nationalId, emit);
    for (const b of [hasDebt, informalDebt, financeAccess]) {
      emit.byte(TAB);
      emit.byte(flag(b));
    }
    emit.byte(NEWLINE);
  });
}
