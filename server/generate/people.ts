/**
 * Synthetic people of the households, made after the households and their indexes
 * (phase `persons` of server/generate/generate.ts). Every household gets `members` people, made to
 * agree with its row:
 *   * each failed age-based indicator is true of a member, and a passed one of none: pre-school care
 *     (3–5 not in education), compulsory school (6–14), continue to M.4 (15–17), literacy (15–59
 *     unable to read), work 15–59 (not in education and without work), work 60+ (without work or
 *     income), elderly care (60+ needing daily care and receiving none), disabled care (disabled and
 *     receiving no care); a failed newborn weight has a member aged 0 (the weight itself is not kept).
 *     The members these need are guaranteed by personMinMembers (./households.ts).
 *   * the welfare card is held by the household's `welfare_card_holders` oldest members.
 *   * unemployed and under-employed (migration 015) are drawn among those without and with work.
 * Roles: the head (person 1), then one member per indicator that needs its own age ('elder',
 * 'youth', 'school', 'preschool', 'newborn'), then a spouse, then others of any age. Draws are
 * povmap.rand(seed, house_code * 100 + person_no, salt) (./draw.ts), so a person is the same in any
 * run order.
 *
 * Why here and not in SQL like the households: a person is arithmetic on its household's row and
 * draws, nothing spatial, and PostgreSQL spent about 6 µs of a core per person evaluating it (a chain
 * of laterals and a window sort; JIT did not help), more than storing the row. Here the rows are
 * computed in threads (./people-worker.ts, server/db/copy-thread.ts) while the database stores the
 * previous ones. (The households were tried here too, in this process's one thread: equal rows, but
 * slower on two cores, since that thread then computed for both connections; tests/bench/RESULTS.md,
 * generate, session 34.)
 *
 * Why one COPY, in key order (writePeople): person's index builds sort its rows, and a sort of rows
 * the table already holds in the index's order is much quicker. Two connections each writing a
 * province at a time left the table in thousands of interleaved runs; one COPY fed by both threads
 * in turn stores every person in the order of the primary key, which is also the order of the
 * province index (a generated house code starts with its province's code) and nearly that of the
 * district index (some subdistricts' codes start with another district's). The database's part of
 * writing people is the smaller one (about 8.5 s of a backend against 20 s of the threads for 6 M
 * people), so one COPY keeps up with two threads.
 * The COPY empties person in its own transaction and writes the rows frozen (server/db/copy-relay.ts says why).
 */
import type { Hash } from 'node:crypto';
import { copyRelay } from '../db/copy-relay.js';
import { copyBoolean as flag, copyTextChunks, parseCopyText } from '../db/copy-text.js';
import { CopyThread, threadEntry } from '../db/copy-thread.js';
import type { Db } from '../db/knex.js';
import { drawsFor, type Draw } from './draw.js';
import { NEWBORN, PRESCHOOL, SCHOOL, YOUTH, LITERACY, WORK, WORK_60, INCOME, ELDERLY_CARE, DISABLED_CARE } from './indicator-bits.js';

/** The columns of a household the people are made from, in the order of householdsOut. */
export interface Household {
  surveyYear: string;
  houseCode: string;
  /** village, subdistrict, district and province codes, tab-separated as the person row takes them */
  areaCodes: string;
  welfareCardHolders: number;
  deprived: number;
  members: number;
  nationalId: string;
}

/**
 * The households of one survey year in a range of house codes, whose people a thread makes as one
 * input: from the prefix `from` on, up to the prefix `to` (null: to the last house code).
 */
export interface PeopleUnit {
  surveyYear: number;
  from: string;
  to: string | null;
  people: number;
}

/**
 * Households per unit, about (a unit ends with the prefix that brings it to this many or more):
 * small enough that the two threads stay about equally busy (the COPY takes the units in turn, so
 * a thread waits for the unit before its own to be taken), large enough that a unit's round trips
 * do not count.
 */
export const UNIT_HOUSEHOLDS = 100_000;

/**
 * sql/generate/people_per_house_prefix.sql's rows cut into units of about UNIT_HOUSEHOLDS
 * households, in house-code order. Every household is in exactly one unit: a year's units cover
 * its house codes from its first prefix to the end.
 */
export function peopleUnits(prefixes: Array<{ survey_year: number; prefix: string; households: number; people: number | string }>): PeopleUnit[] {
  const units: PeopleUnit[] = [];
  let unit: PeopleUnit | null = null;
  let households = 0;
  for (const p of prefixes) {
    const year = Number(p.survey_year);
    if (!unit || unit.surveyYear !== year || households >= UNIT_HOUSEHOLDS) {
      if (unit && unit.surveyYear === year) unit.to = p.prefix;
      unit = { surveyYear: year, from: p.prefix, to: null, people: 0 };
      units.push(unit);
      households = 0;
    }
    unit.people += Number(p.people);
    households += p.households;
  }
  return units;
}

const householdsOut = (unit: PeopleUnit) => {
  // written into the statement (COPY takes no bindings): checked to be what they claim
  if (!Number.isInteger(unit.surveyYear) || !/^[0-9]{6}$/.test(unit.from) || (unit.to !== null && !/^[0-9]{6}$/.test(unit.to))) {
    throw new Error(`not a unit of people: ${JSON.stringify(unit)}`);
  }
  return `copy (select survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                       welfare_card_holders, deprived, members, national_id
                from household
                where survey_year = ${unit.surveyYear} and house_code >= '${unit.from}'${unit.to === null ? '' : ` and house_code < '${unit.to}'`}
                order by house_code) to stdout`;
};

const PERSON_IN = `copy person (survey_year, house_code, person_no, village_code, subdistrict_code, district_code, province_code,
                    national_id, age, sex, relation_to_head, disabled, in_education, employed, literate,
                    welfare_card, needs_daily_care, receives_care, unemployed, underemployed) from stdin with (freeze)`;

/** A thread that makes the people of one unit at a time (./people-worker.ts). */
export type PeopleThread = CopyThread<{ seed: number }>;

/** Starts a thread making the people of data set `seed`; close it when done. */
export function peopleThread(seed: number): PeopleThread {
  return new CopyThread(threadEntry(import.meta.url, 'people'), { seed }, 'making the people');
}

/**
 * Writes the people of every unit with one COPY, in the units' order, in place of whatever person
 * held, and returns how many (server/db/copy-relay.ts: the households are read on a second
 * connection; unit i is made by thread i mod threads). `handed` is called after each unit's rows
 * went to the COPY; `digest`, when given, is given the rows' COPY text in the order written.
 */
export function writePeople(db: Db, threads: PeopleThread[], units: PeopleUnit[], handed: (unit: PeopleUnit) => void, digest?: Hash): Promise<number> {
  return copyRelay(db, { units, read: householdsOut, makers: threads, table: 'person', copy: PERSON_IN, handed, digest });
}

/** The people of the households in `households` (COPY text of householdsOut) as COPY text, in chunks (in a people thread). */
export function peopleChunks(households: Buffer, draw: Draw): Generator<Buffer> {
  return copyTextChunks(parseHouseholds(households.toString('utf8')), (h, emit) => householdPeople(h, draw, emit));
}

/** householdsOut's COPY text as households, the four area codes joined as a person's line takes them. */
export function parseHouseholds(text: string): Household[] {
  return parseCopyText(text, 10, 'household', (f) => ({
    surveyYear: f[0], houseCode: f[1], areaCodes: `${f[2]}\t${f[3]}\t${f[4]}\t${f[5]}`,
    welfareCardHolders: Number(f[6]), deprived: Number(f[7]), members: Number(f[8]), nationalId: f[9],
  }));
}


// one household's members at a time (a household has at most 99): the welfare card needs every
// member's age before any line is written
const MAX_MEMBERS = 99;
const ages = new Int16Array(MAX_MEMBERS + 1);
const heads: string[] = new Array(MAX_MEMBERS + 1);
const tails: string[] = new Array(MAX_MEMBERS + 1);
const oldestFirst: number[] = [];
const holds = new Uint8Array(MAX_MEMBERS + 1);

/** One household's people, each as one COPY text line given to `emit`. */
export function householdPeople(h: Household, draw: Draw, emit: (line: string) => void): void {
  if (h.members > MAX_MEMBERS) throw new Error(`household ${h.houseCode} has ${h.members} members; a person number goes to ${MAX_MEMBERS}`);
  const d = h.deprived;
  const adultWitness = (d & (LITERACY | WORK)) !== 0; // literacy or work 15–59: the head is 25–59
  const elderNeeded = (d & (WORK_60 | ELDERLY_CARE)) !== 0; // work 60+ or elderly care: someone is 60+
  const key0 = Number(h.houseCode) * 100;
  const roles = ['head'];
  if (elderNeeded && adultWitness) roles.push('elder');
  if (d & YOUTH) roles.push('youth');
  if (d & SCHOOL) roles.push('school');
  if (d & PRESCHOOL) roles.push('preschool');
  if (d & NEWBORN) roles.push('newborn');
  const headAge = adultWitness ? 25 + Math.floor(35 * draw(key0, 201))
    : elderNeeded ? 60 + Math.floor(26 * draw(key0, 201))
    : 22 + Math.floor(58 * Math.pow(draw(key0, 201), 1.3));
  const headSex = draw(key0, 202) < 0.62 ? 'm' : 'f';
  const house = `${h.surveyYear}\t${h.houseCode}\t`;

  for (let n = 1; n <= h.members; n++) {
    const key = key0 + n;
    const role = roles[n - 1] ?? (n === roles.length + 1 ? 'spouse' : 'other');
    // the member work 60+ and elderly care are about: the elder, or the head when there is none
    const elderWitness = adultWitness ? role === 'elder' : elderNeeded && n === 1;
    const age = memberAge(role, headAge, key, draw);
    const disabled = ((d & DISABLED_CARE) !== 0 && n === 1) || (!elderWitness && draw(key, 216) < 0.025);
    const inEducation = age >= 3 && age <= 5 ? (d & PRESCHOOL) === 0
      : age >= 6 && age <= 14 ? (d & SCHOOL) === 0
      : age >= 15 && age <= 17 ? (d & YOUTH) === 0
      : age >= 18 && age <= 24 ? draw(key, 214) < 0.4
      : false;
    const employed = age < 15 ? false
      : age < 60 ? !inEducation && !((d & WORK) !== 0 && (n === 1 || age <= 24))
      : !((d & WORK_60) !== 0 && elderWitness);
    const literate = age < 8 ? false
      : age >= 15 && age <= 59 ? !((d & LITERACY) !== 0 && n === 1)
      : age >= 60 ? draw(key, 215) < 0.93
      : true;
    const uncaredElder = elderWitness && (d & ELDERLY_CARE) !== 0;
    const uncaredDisabledHead = n === 1 && (d & DISABLED_CARE) !== 0; // not also an uncared-for elder
    const needsDailyCare = uncaredElder ? true
      : uncaredDisabledHead ? false
      : age >= 60 ? draw(key, 217) < 0.08
      : disabled ? draw(key, 217) < 0.4
      : false;
    const receivesCare = !(disabled || needsDailyCare) ? '\\N' : flag(!(uncaredElder || uncaredDisabledHead));
    const sex = n === 1 ? headSex : role === 'spouse' ? (headSex === 'm' ? 'f' : 'm') : draw(key, 213) < 0.49 ? 'm' : 'f';
    const relation = n === 1 ? 'head' : role === 'spouse' ? 'spouse' : role === 'elder' ? 'parent'
      : age >= headAge + 15 ? 'parent' : age <= headAge - 40 ? 'grandchild' : age <= headAge - 15 ? 'child' : 'relative';
    const nationalId = n === 1 ? h.nationalId
      : thaiIdWithCheck((1 + Math.floor(8 * draw(key, 218))) * 100000000000 + Math.floor(100000000000 * draw(key, 219)));
    const workingAge = age >= 15 && age <= 59;
    // unemployed: most of those 15–59 neither working nor studying look for work (1–3 % of the labour
    // force, where the household fails the work indicator); the others are outside the labour force
    const unemployed = workingAge && !employed && !inEducation && draw(key, 220) < 0.6;
    // under-employed: a few % of workers, more where the household's income is below the threshold
    const underemployed = workingAge && employed
      && draw(key, 221) < ((d & INCOME) !== 0 ? 0.12 : d !== 0 ? 0.06 : 0.025);
    ages[n] = age;
    heads[n] = `${house}${n}\t${h.areaCodes}\t${nationalId}\t${age}\t${sex}\t${relation}\t${flag(disabled)}\t${flag(inEducation)}\t${flag(employed)}\t${flag(literate)}\t`;
    tails[n] = `\t${flag(needsDailyCare)}\t${receivesCare}\t${flag(unemployed)}\t${flag(underemployed)}\n`;
  }
  // the welfare card: held by the `welfare_card_holders` oldest members (the first-numbered among equals)
  oldestFirst.length = 0;
  for (let n = 1; n <= h.members; n++) oldestFirst.push(n);
  oldestFirst.sort((a, b) => ages[b] - ages[a] || a - b);
  holds.fill(0, 0, h.members + 1);
  for (let i = 0; i < h.welfareCardHolders && i < h.members; i++) holds[oldestFirst[i]] = 1;
  for (let n = 1; n <= h.members; n++) emit(heads[n] + flag(holds[n] === 1) + tails[n]);
}

function memberAge(role: string, headAge: number, key: number, draw: Draw): number {
  switch (role) {
    case 'head': return headAge;
    case 'elder': return 60 + Math.floor(26 * draw(key, 210));
    case 'youth': return 15 + Math.floor(3 * draw(key, 210));
    case 'school': return 6 + Math.floor(9 * draw(key, 210));
    case 'preschool': return 3 + Math.floor(3 * draw(key, 210));
    case 'newborn': return 0;
    case 'spouse': return Math.max(18, Math.min(95, headAge - 5 + Math.floor(11 * draw(key, 210))));
    default: {
      const tier = draw(key, 211);
      const r = draw(key, 210);
      return tier < 0.16 ? Math.floor(6 * r)
        : tier < 0.40 ? 6 + Math.floor(9 * r)
        : tier < 0.58 ? 15 + Math.floor(10 * r)
        : tier < 0.82 ? 25 + Math.floor(35 * r)
        : 60 + Math.floor(30 * r);
    }
  }
}

/** A 13-digit Thai national id: `first12` (0 ≤ first12 < 10^12) and its check digit, as povmap.thai_id_with_check. */
export function thaiIdWithCheck(first12: number): string {
  // two halves of six digits, small enough for integer arithmetic (and quick to print)
  const low = first12 % 1000000;
  const high = (first12 - low) / 1000000;
  let sum = 0;
  for (let weight = 2, rest = low; weight <= 7; weight++, rest = (rest - (rest % 10)) / 10) sum += (rest % 10) * weight;
  for (let weight = 8, rest = high; weight <= 13; weight++, rest = (rest - (rest % 10)) / 10) sum += (rest % 10) * weight;
  return `${String(high).padStart(6, '0')}${String(low).padStart(6, '0')}${(11 - (sum % 11)) % 10}`;
}
