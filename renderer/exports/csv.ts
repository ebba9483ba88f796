/**
 * Rows as CSV, for every export that offers a spreadsheet-friendly text file
 * (docs/architecture.md, "Exports"). Columns are declared once, as
 * `{ header, value(row) }`; papaparse writes the text (quoting, separators,
 * CRLF line ends) and the file starts with a UTF-8 byte order mark so Excel
 * reads "£" and "–" as they are.
 *
 * Formula injection: a spreadsheet treats a cell beginning with = + - @ as a
 * formula. papaparse's `escapeFormulae` catches those at the very start (and a
 * leading tab or carriage return), but not after leading spaces, non-breaking
 * spaces or newlines, which Excel and LibreOffice skip before deciding. So a text
 * cell whose first visible character is one of those is also prefixed with a
 * single quote here. Numbers are written as numbers and never prefixed: -5 stays -5;
 * a text cell that is nothing but a plain number ("-12.00") cannot be a formula and is
 * left as it is too.
 *
 * Money: a cell `{ pence }` is written as pounds with two decimals ("1234.56",
 * "-12.00"), from the integer pence by integer arithmetic (docs/architecture.md,
 * "Money, dates and words").
 */
import Papa from 'papaparse';

export type CsvCell = string | number | { pence: number } | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value(row: Row): CsvCell;
}

/** Leading whitespace a spreadsheet skips (space, tab, CR, LF, NBSP and other Unicode spaces, BOM), then a formula's first character. */
const FORMULA_AFTER_WHITESPACE = /^[\s\u00a0\u200b\ufeff]*[=+\-@]/;
/** A plain number written as text ("-5", "-12.00"): a value, never a formula. */
const PLAIN_NUMBER = /^[-+]?\d+(?:\.\d+)?$/;
/** papaparse's own check (a formula character, tab or carriage return first), sparing plain numbers. */
const PAPAPARSE_FORMULA = /^(?![-+]?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula, made into text by a leading single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_AFTER_WHITESPACE.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Integer pence as pounds with two decimals and no £ or commas, so a spreadsheet reads a number: 123456 → "1234.56". */
export function penceAsPounds(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${pence} is not a whole number of pence`);
  const abs = Math.abs(pence);
  return `${pence < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function cellOf(value: CsvCell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`A CSV cell cannot hold ${value}`);
    return value;
  }
  if (typeof value === 'object') return penceAsPounds(value.pence);
  return neutraliseFormula(value);
}

/** The CSV text (no byte order mark): a header row, then one row per item. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  return Papa.unparse(
    {
      fields: columns.map((column) => neutraliseFormula(column.header)),
      data: rows.map((row) => columns.map((column) => cellOf(column.value(row)))),
    },
    { escapeFormulae: PAPAPARSE_FORMULA, newline: '\r\n', quotes: false },
  );
}

export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';

/** The CSV file's bytes: UTF-8 with a byte order mark, so Excel opens it in the right encoding. */
export function csvBytes<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): Uint8Array {
  return new TextEncoder().encode(`\ufeff${toCsv(rows, columns)}`);
}
