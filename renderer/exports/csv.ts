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
 * single quote here. Numbers are written as numbers and never prefixed: -5 stays -5.
 */
import Papa from 'papaparse';

export type CsvCell = string | number | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value(row: Row): CsvCell;
}

/** Leading whitespace a spreadsheet skips (space, tab, CR, LF, NBSP and other Unicode spaces, BOM), then a formula's first character. */
const FORMULA_AFTER_WHITESPACE = /^[\s\u00a0\u200b\ufeff]*[=+\-@]/;

/** A text cell that a spreadsheet would run as a formula, made into text by a leading single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_AFTER_WHITESPACE.test(text) ? `'${text}` : text;
}

function cellOf(value: CsvCell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`A CSV cell cannot hold ${value}`);
    return value;
  }
  return neutraliseFormula(value);
}

/** The CSV text (no byte order mark): a header row, then one row per item. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  return Papa.unparse(
    {
      fields: columns.map((column) => neutraliseFormula(column.header)),
      data: rows.map((row) => columns.map((column) => cellOf(column.value(row)))),
    },
    { escapeFormulae: true, newline: '\r\n', quotes: false },
  );
}

export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';

/** The CSV file's bytes: UTF-8 with a byte order mark, so Excel opens it in the right encoding. */
export function csvBytes<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): Uint8Array {
  return new TextEncoder().encode(`\ufeff${toCsv(rows, columns)}`);
}
