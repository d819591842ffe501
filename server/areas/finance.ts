/**
 * Household debt and access to finance of an area and year (area_stats, issue 24) as the area API
 * returns them, under the one disclosure policy: each count is withheld with its cell
 * (server/disclosure/cells.ts), each share with either count it rests on. Where the survey asked no
 * household (an older year, an import without the columns) the figures are null and `asked` says so.
 */
import { Disclosure, type AreaDecision, type Withheld } from '../disclosure/policy.js';

export interface FinanceCounts {
  debt_asked_households: number;
  debt_households: number;
  informal_debt_households: number;
  finance_asked_households: number;
  no_finance_households: number;
}

export interface FinanceFigures {
  /** Households the survey asked about debt / about access to finance (null when withheld). */
  debt_asked_households: number | null;
  finance_asked_households: number | null;
  debt_households: number | null;
  /** debt_households / debt_asked_households. */
  debt_share: number | null;
  informal_debt_households: number | null;
  informal_debt_share: number | null;
  no_finance_households: number | null;
  /** no_finance_households / finance_asked_households. */
  no_finance_share: number | null;
  /** Withheld values, key → reason. */
  withheld: Withheld;
}

/** An area's debt and finance figures, disclosed by `decision` (null: the caller sees every figure). */
export function financeFigures(counts: FinanceCounts | undefined, decision: AreaDecision | null): FinanceFigures {
  const d = new Disclosure(decision !== null, decision?.cells ?? {});
  const whole = decision?.suppressed ?? false;
  const count = (cell: keyof FinanceCounts, asked: number) => (whole || !counts || asked === 0 ? null : d.count(cell, counts[cell]));
  const debtAsked = whole || !counts ? null : d.count('debt_asked_households', counts.debt_asked_households);
  const financeAsked = whole || !counts ? null : d.count('finance_asked_households', counts.finance_asked_households);
  const debt = count('debt_households', counts?.debt_asked_households ?? 0);
  const informal = count('informal_debt_households', counts?.debt_asked_households ?? 0);
  const noFinance = count('no_finance_households', counts?.finance_asked_households ?? 0);
  // no share where nobody was asked; a share resting on a withheld count is withheld with it
  const share = (key: string, n: number | null, of: number | null) => {
    if (whole || !counts || of === 0) return null;
    if (n === null || of === null) {
      d.withheld[key] = 'from-withheld-count';
      return null;
    }
    return d.follows(key, n / of, n, of);
  };
  return {
    debt_asked_households: debtAsked, finance_asked_households: financeAsked,
    debt_households: debt, debt_share: share('debt_share', debt, debtAsked),
    informal_debt_households: informal, informal_debt_share: share('informal_debt_share', informal, debtAsked),
    no_finance_households: noFinance, no_finance_share: share('no_finance_share', noFinance, financeAsked),
    withheld: whole ? { households: 'area-under-5' } : d.withheld,
  };
}
