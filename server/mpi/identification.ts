/**
 * Who counts as poor. `tpmap`: a household failing any indicator (the Thai People Map rule).
 * `af`: Alkire-Foster, poor when the deprivation score c >= k. Scores are whole sixtieths, so both
 * rules reduce to "score60 >= threshold", which is what the score rollup (area_score_stats) answers.
 */
import { DEFAULT_K } from './indicators.js';

export type Mode = 'tpmap' | 'af';
export const DEFAULT_MODE: Mode = 'af';

export interface Identification {
  mode: Mode;
  /** The cut-off in af mode; null in tpmap mode where it does not apply. */
  k: number | null;
  /** Poor ⇔ score60 >= threshold60. */
  threshold60: number;
}

export function identification(mode: Mode = DEFAULT_MODE, k: number = DEFAULT_K): Identification {
  if (mode === 'tpmap') return { mode, k: null, threshold60: 1 };
  if (!(k > 0 && k <= 1)) throw new RangeError(`k must be in (0, 1], got ${k}`);
  // 60k may land a hair above a whole number (k = 31/60 gives 60k = 31.000000000000004): allow for it so
  // a household whose score equals k exactly is poor, as the definition c >= k says.
  return { mode, k, threshold60: Math.max(1, Math.ceil(60 * k - 1e-9)) };
}
