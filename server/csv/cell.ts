/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with =, +, -,
 * @, tab or carriage return as a formula. The rule, the same as povmap.csv_cell in
 * sql/functions/csv_cell.sql (which the COPY-streamed exports use) and tested on the same table of
 * cases: such a cell gets a leading single quote, shown as text and never run; a plain negative
 * number ("-12", "-0.5", "-1.5e-05") is left as it is, so figures stay figures.
 */

const FORMULA_START = /^[-=+@\t\r]/;
const NEGATIVE_NUMBER = /^-[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

/** The cell's text as a spreadsheet must get it: quoted with `'` when it could start a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
}

/** One field of a CSV line (RFC 4180): neutralised, then double-quoted when it holds , " CR or LF. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const cell = neutraliseCell(String(value));
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line with its newline. */
export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return values.map(csvField).join(',') + '\n';
}
