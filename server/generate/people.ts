/**
 * Synthetic people of the households, made from the households' rows as they are written (phase
 * `households_and_people` of server/generate/generate.ts). Every household gets `members` people, made to
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
 * Why one COPY, in key order: person's index builds sort its rows, and a sort of rows the table
 * already holds in the index's order is much quicker. Two connections each writing a province at a
 * time left the table in thousands of interleaved runs; one COPY fed by both threads in turn stores
 * every person in the order of the primary key, which is also the order of the province index (a
 * generated house code starts with its province's code) and nearly that of the district index
 * (some subdistricts' codes start with another district's).
 *
 * Why beside the households (./households.ts, writeHouseholdsAndPeople): each COPY is one backend,
 * the bottleneck of its phase (the people's backend about 88 % busy, its threads not), and the
 * people no longer need the households read back from the table. National generations, alternating
 * (tests/bench/RESULTS.md, generate, session 48): the households and then the people 171.4, 147.3
 * and 148.8 s; both at once 165.4, 115.1 and 118.8 s, with both cores full.
 * The COPY empties person in its own transaction and writes the rows frozen (server/db/copy-relay.ts says why).
 */
import { copyBooleanByte as flag, copyTextChunks, digitsIn, fieldLines, fieldStart, NEWLINE, TAB, type CopyLines, type FieldLine } from '../db/copy-text.js';
import { CopyThread, threadEntry } from '../db/copy-thread.js';
import type { Draw } from './draw.js';
import { NEWBORN, PRESCHOOL, SCHOOL, YOUTH, LITERACY, WORK, WORK_60, INCOME, ELDERLY_CARE, DISABLED_CARE } from './indicator-bits.js';

/** The columns of a household the people are made from. */
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

/** COPY of the people into person, emptied in the same transaction (server/db/copy-relay.ts). */
export const PERSON_IN = `copy person (survey_year, house_code, person_no, village_code, subdistrict_code, district_code, province_code,
                    national_id, age, sex, relation_to_head, disabled, in_education, employed, literate,
                    welfare_card, needs_daily_care, receives_care, unemployed, underemployed) from stdin with (freeze)`;

/** A thread that makes the people of one unit at a time (./people-worker.ts). */
export type PeopleThread = CopyThread<{ seed: number }>;

/** Starts a thread making the people of data set `seed`; close it when done. */
export function peopleThread(seed: number): PeopleThread {
  return new CopyThread(threadEntry(import.meta.url, 'people'), { seed }, 'making the people');
}

/** The people of the households in `households` (their COPY text as written, sql/generate/21_households_in.sql) as COPY text, in chunks (in a people thread). */
export function peopleChunks(households: Buffer, draw: Draw): Generator<Buffer> {
  return copyTextChunks(householdLines(households), (h, emit) => householdPeople(h, draw, emit));
}

// the fields of a household's line as written (sql/generate/21_households_in.sql): survey_year,
// house_code, village_code, subdistrict_code, district_code, province_code, geom, members, deprived,
// income_per_person, dependents, housing_problem, welfare_card_holders, head_name, national_id,
// has_debt, informal_debt, finance_access. The people's lines take the year, the house code, the
// four area codes and the head's national id as bytes, never decoded.
const FIELDS = 18;
const [HOUSE_CODE, PROVINCE, MEMBERS, DEPRIVED, CARD_HOLDERS, NATIONAL_ID] = [1, 5, 7, 8, 12, 14];

/** The households' COPY text as lines, their fields found in place. */
const householdLines = (text: Buffer) => fieldLines(text, FIELDS, 'household');

/** A household line's field `i` as a number (its decimal digits). */
const numberField = (line: FieldLine, i: number) => digitsIn(line.text, fieldStart(line, i), line.ends[i]);

/** A household line's field `i` as text (for tests and error messages). */
const textField = (line: FieldLine, i: number) => line.text.toString('utf8', fieldStart(line, i), line.ends[i]);

/** The households' COPY text as the columns the people are made from, the four area codes joined as a person's line takes them (tests). */
export function parseHouseholds(text: string): Household[] {
  return [...householdLines(Buffer.from(text))].map((line) => ({
    surveyYear: textField(line, 0), houseCode: textField(line, HOUSE_CODE),
    areaCodes: line.text.toString('utf8', line.ends[HOUSE_CODE] + 1, line.ends[PROVINCE]),
    welfareCardHolders: numberField(line, CARD_HOLDERS), deprived: numberField(line, DEPRIVED),
    members: numberField(line, MEMBERS), nationalId: textField(line, NATIONAL_ID),
  }));
}

// one household's members at a time (a household has at most 99): the welfare card needs every
// member's age before any line is written, so each member's columns are kept here until then
const MAX_MEMBERS = 99;
const ages = new Int16Array(MAX_MEMBERS + 1);
const sexes = new Uint8Array(MAX_MEMBERS + 1);
const relations = new Uint8Array(MAX_MEMBERS + 1);
/** disabled, in education, employed, literate, needs daily care, unemployed, under-employed: COPY's t or f */
const flagBytes = Array.from({ length: 7 }, () => new Uint8Array(MAX_MEMBERS + 1));
const [DISABLED, IN_EDUCATION, EMPLOYED, LITERATE, NEEDS_DAILY_CARE, UNEMPLOYED, UNDEREMPLOYED] = flagBytes;
/** receives care: t, f, or 0 for null (neither disabled nor needing daily care) */
const receivesCareBytes = new Uint8Array(MAX_MEMBERS + 1);
/** the first twelve digits of each member's national id (the head's is the household's) */
const idNumbers = new Float64Array(MAX_MEMBERS + 1);
const oldestFirst: number[] = [];
const holds = new Uint8Array(MAX_MEMBERS + 1);

const RELATIONS = ['head', 'spouse', 'parent', 'child', 'grandchild', 'relative'].map((r) => Buffer.from(r));
const [HEAD, SPOUSE, PARENT, CHILD, GRANDCHILD, RELATIVE] = [0, 1, 2, 3, 4, 5];
const [M, F] = [0x6d, 0x66];
const NULL = Buffer.from('\\N');

/** One household's people, each as one COPY text line written to `emit`. */
export function householdPeople(h: FieldLine, draw: Draw, emit: CopyLines): void {
  const { text, start, ends } = h;
  const members = numberField(h, MEMBERS);
  if (members > MAX_MEMBERS) throw new Error(`household ${textField(h, HOUSE_CODE)} has ${members} members; a person number goes to ${MAX_MEMBERS}`);
  const d = numberField(h, DEPRIVED);
  const adultWitness = (d & (LITERACY | WORK)) !== 0; // literacy or work 15–59: the head is 25–59
  const elderNeeded = (d & (WORK_60 | ELDERLY_CARE)) !== 0; // work 60+ or elderly care: someone is 60+
  const key0 = numberField(h, HOUSE_CODE) * 100;
  const roles = ['head'];
  if (elderNeeded && adultWitness) roles.push('elder');
  if (d & YOUTH) roles.push('youth');
  if (d & SCHOOL) roles.push('school');
  if (d & PRESCHOOL) roles.push('preschool');
  if (d & NEWBORN) roles.push('newborn');
  const headAge = adultWitness ? 25 + Math.floor(35 * draw(key0, 201))
    : elderNeeded ? 60 + Math.floor(26 * draw(key0, 201))
    : 22 + Math.floor(58 * Math.pow(draw(key0, 201), 1.3));
  const headSex = draw(key0, 202) < 0.62 ? M : F;

  for (let n = 1; n <= members; n++) {
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
    receivesCareBytes[n] = !(disabled || needsDailyCare) ? 0 : flag(!(uncaredElder || uncaredDisabledHead));
    sexes[n] = n === 1 ? headSex : role === 'spouse' ? (headSex === M ? F : M) : draw(key, 213) < 0.49 ? M : F;
    relations[n] = n === 1 ? HEAD : role === 'spouse' ? SPOUSE : role === 'elder' ? PARENT
      : age >= headAge + 15 ? PARENT : age <= headAge - 40 ? GRANDCHILD : age <= headAge - 15 ? CHILD : RELATIVE;
    if (n > 1) idNumbers[n] = (1 + Math.floor(8 * draw(key, 218))) * 100000000000 + Math.floor(100000000000 * draw(key, 219));
    const workingAge = age >= 15 && age <= 59;
    // unemployed: most of those 15–59 neither working nor studying look for work (1–3 % of the labour
    // force, where the household fails the work indicator); the others are outside the labour force
    const unemployed = workingAge && !employed && !inEducation && draw(key, 220) < 0.6;
    // under-employed: a few % of workers, more where the household's income is below the threshold
    const underemployed = workingAge && employed
      && draw(key, 221) < ((d & INCOME) !== 0 ? 0.12 : d !== 0 ? 0.06 : 0.025);
    ages[n] = age;
    DISABLED[n] = flag(disabled);
    IN_EDUCATION[n] = flag(inEducation);
    EMPLOYED[n] = flag(employed);
    LITERATE[n] = flag(literate);
    NEEDS_DAILY_CARE[n] = flag(needsDailyCare);
    UNEMPLOYED[n] = flag(unemployed);
    UNDEREMPLOYED[n] = flag(underemployed);
  }
  // the welfare card: held by the `welfare_card_holders` oldest members (the first-numbered among equals)
  oldestFirst.length = 0;
  for (let n = 1; n <= members; n++) oldestFirst.push(n);
  oldestFirst.sort((a, b) => ages[b] - ages[a] || a - b);
  holds.fill(0, 0, members + 1);
  const cardHolders = numberField(h, CARD_HOLDERS);
  for (let i = 0; i < cardHolders && i < members; i++) holds[oldestFirst[i]] = 1;

  for (let n = 1; n <= members; n++) {
    emit.bytes(text, start, ends[HOUSE_CODE] + 1); // year and house code
    emit.digits(n);
    emit.byte(TAB);
    emit.bytes(text, ends[HOUSE_CODE] + 1, ends[PROVINCE] + 1); // village, subdistrict, district and province codes
    if (n === 1) emit.bytes(text, ends[NATIONAL_ID - 1] + 1, ends[NATIONAL_ID]);
    else writeThaiId(idNumbers[n], emit);
    emit.byte(TAB);
    emit.digits(ages[n]);
    emit.byte(TAB);
    emit.byte(sexes[n]);
    emit.byte(TAB);
    const relation = RELATIONS[relations[n]];
    emit.bytes(relation, 0, relation.length);
    emit.byte(TAB);
    emit.byte(DISABLED[n]);
    emit.byte(TAB);
    emit.byte(IN_EDUCATION[n]);
    emit.byte(TAB);
    emit.byte(EMPLOYED[n]);
    emit.byte(TAB);
    emit.byte(LITERATE[n]);
    emit.byte(TAB);
    emit.byte(flag(holds[n] === 1));
    emit.byte(TAB);
    emit.byte(NEEDS_DAILY_CARE[n]);
    emit.byte(TAB);
    if (receivesCareBytes[n] === 0) emit.bytes(NULL, 0, NULL.length);
    else emit.byte(receivesCareBytes[n]);
    emit.byte(TAB);
    emit.byte(UNEMPLOYED[n]);
    emit.byte(TAB);
    emit.byte(UNDEREMPLOYED[n]);
    emit.byte(NEWLINE);
  }
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
  const { high, low, check } = thaiIdParts(first12);
  return `${String(high).padStart(6, '0')}${String(low).padStart(6, '0')}${check}`;
}

/** thaiIdWithCheck's 13 digits written to `emit`, with no string made. */
export function writeThaiId(first12: number, emit: CopyLines): void {
  const { high, low, check } = thaiIdParts(first12);
  emit.digits(high, 6);
  emit.digits(low, 6);
  emit.digits(check);
}

// returned in one object reused (each id is written before the next is made)
const parts = { high: 0, low: 0, check: 0 };

function thaiIdParts(first12: number): typeof parts {
  // two halves of six digits, small enough for integer arithmetic (and quick to print)
  const low = first12 % 1000000;
  const high = (first12 - low) / 1000000;
  let sum = 0;
  // each half is below 2^31: integer arithmetic
  for (let weight = 2, rest = low | 0; weight <= 7; weight++, rest = (rest / 10) | 0) sum += (rest % 10) * weight;
  for (let weight = 8, rest = high | 0; weight <= 13; weight++, rest = (rest / 10) | 0) sum += (rest % 10) * weight;
  parts.high = high;
  parts.low = low;
  parts.check = (11 - (sum % 11)) % 10;
  return parts;
}
