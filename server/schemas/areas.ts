/** The area summary: the one shape of /api/areas/{code}, its children and the map client's panel. */
import { nullableInteger, nullableNumber, withheldSchema } from './common.js';
import { PERSON_GROUP_IDS } from '../people/groups.js';

const counts = (n: number, description: string) => ({
  type: ['array', 'null'], items: nullableInteger, minItems: n, maxItems: n, description,
});

const areaLevelSchema = { type: 'string', enum: ['country', 'province', 'district', 'subdistrict', 'village'] } as const;

export const crumbSchema = {
  type: 'object',
  properties: { code: { type: 'string' }, level: areaLevelSchema, name_th: { type: 'string' }, name_en: { type: ['string', 'null'] } },
  required: ['code', 'level', 'name_th', 'name_en'],
} as const;

export const areaSummarySchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    level: areaLevelSchema,
    name_th: { type: 'string' },
    name_en: { type: ['string', 'null'] },
    parent_code: { type: ['string', 'null'] },
    breadcrumb: { type: 'array', items: crumbSchema, description: 'Ancestors, country first, excluding the area itself.' },
    year: { type: 'integer' },
    mode: { type: 'string', enum: ['tpmap', 'af'] },
    k: { ...nullableNumber, description: 'The Alkire-Foster cut-off; null in tpmap mode.' },
    suppressed: { type: 'boolean', description: 'True when the area has 1 to 4 households and the caller may not see small cells (anonymous, public, or an analyst outside their grant): every figure is null. For those callers the disclosure policy withholds other values too (see withheld).' },
    withheld: withheldSchema,
    households: nullableInteger,
    people: nullableInteger,
    target_households: { ...nullableInteger, description: 'Households failing any indicator (tpmap targets).' },
    target_people: nullableInteger,
    h: { ...nullableNumber, description: 'Headcount ratio H = poor people / people.' },
    a: { ...nullableNumber, description: 'Intensity A = mean deprivation score of the poor.' },
    m0: { ...nullableNumber, description: 'Adjusted headcount ratio M0 = H × A.' },
    poor_households: nullableInteger,
    poor_people: nullableInteger,
    failed_dims: counts(6, 'Households by number of failed dimensions, 0 to 5.'),
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, dimension: { type: 'string' },
          deprived_households: nullableInteger,
          censored_people: { ...nullableInteger, description: 'People who are poor and deprived in the indicator.' },
          censored_headcount: { ...nullableNumber, description: 'Censored headcount ratio h_j(k) = censored_people / people.' },
          contribution: { ...nullableNumber, description: 'w_j · h_j / M0 (0 when M0 = 0).' },
        },
        required: ['id', 'dimension', 'deprived_households', 'censored_headcount', 'contribution'],
      },
    },
    dimensions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          failed_households: nullableInteger,
          censored_people: nullableInteger,
          censored_headcount: { ...nullableNumber, description: 'People poor and failing the dimension / people.' },
          contribution: { ...nullableNumber, description: "Sum of the dimension's indicator contributions." },
        },
        required: ['id', 'failed_households', 'censored_headcount', 'contribution'],
      },
    },
    vulnerability: counts(4, 'Households at vulnerability level 0, 1, 2, 3.'),
    vulnerable_households: nullableInteger,
    welfare: {
      type: ['object', 'null'],
      properties: {
        target_with_card: { ...nullableInteger, description: 'Urgent targets holding a welfare card.' },
        target_without_card: { ...nullableInteger, description: 'Urgent targets without a welfare card.' },
        to_survey: { ...nullableInteger, description: 'Welfare-card households that fail no indicator: to survey again.' },
      },
      required: ['target_with_card', 'target_without_card', 'to_survey'],
    },
    person_groups: {
      type: 'object',
      description: 'Groups of people (person records): the plan\'s target groups 1.1, 1.2, 2, 3.1 and the population groups; see the README "People and groups".',
      properties: {
        groups: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', enum: PERSON_GROUP_IDS },
              of: { type: 'string', description: 'The group the share is of.' },
              people: { ...nullableInteger, description: 'People of the group; null when withheld.' },
              share: { type: ['number', 'null'], description: 'people / people of `of`; null when withheld or when `of` is empty.' },
            },
            required: ['id', 'of', 'people', 'share'],
          },
        },
        card_holders_unsurveyed: { ...nullableInteger, description: "Group 3.2, people of the welfare-card registry (registry name 'welfare_card') with a valid national id and no survey record, counted in the registry lines' survey year; a part of exclusion_errors; null when withheld." },
        exclusion_errors: { ...nullableInteger, description: 'Group 4, people with a valid national id found in a registry and in no survey record, once each per survey year across registries and imports; null when withheld.' },
      },
      required: ['groups', 'card_holders_unsurveyed', 'exclusion_errors'],
    },
    finance: {
      type: 'object',
      description: 'Household debt and access to finance (issue 24): counts and shares of the households the survey asked; null where it asked none (`*_asked_households` 0) or where the disclosure policy withholds them (see withheld).',
      properties: {
        debt_asked_households: { ...nullableInteger, description: 'Households asked about debt.' },
        finance_asked_households: { ...nullableInteger, description: 'Households asked about access to finance.' },
        debt_households: { ...nullableInteger, description: 'Households with any debt.' },
        debt_share: { ...nullableNumber, description: 'debt_households / debt_asked_households.' },
        informal_debt_households: { ...nullableInteger, description: 'Households owing outside banks, cooperatives and village funds.' },
        informal_debt_share: { ...nullableNumber, description: 'informal_debt_households / debt_asked_households.' },
        no_finance_households: { ...nullableInteger, description: 'Households without a bank or cooperative account or formal credit within reach.' },
        no_finance_share: { ...nullableNumber, description: 'no_finance_households / finance_asked_households.' },
        withheld: withheldSchema,
      },
      required: ['debt_asked_households', 'finance_asked_households', 'debt_households', 'debt_share', 'informal_debt_households',
        'informal_debt_share', 'no_finance_households', 'no_finance_share', 'withheld'],
    },
    stars: { ...nullableInteger, description: '1-5, quintile of the target share among areas of the same level; 5 = least poor.' },
    bbox: { type: ['array', 'null'], items: { type: 'number' }, minItems: 4, maxItems: 4, description: '[minLon, minLat, maxLon, maxLat]' },
  },
  required: ['code', 'level', 'name_th', 'name_en', 'parent_code', 'breadcrumb', 'year', 'mode', 'k', 'suppressed', 'withheld',
    'households', 'people', 'target_households', 'target_people', 'h', 'a', 'm0', 'poor_people', 'failed_dims',
    'indicators', 'dimensions', 'vulnerability', 'vulnerable_households', 'welfare', 'person_groups', 'finance', 'stars', 'bbox'],
} as const;
