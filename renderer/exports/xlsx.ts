/**
 * Workbooks for Excel and LibreOffice, with typed cells (docs/architecture.md,
 * "Exports"). A sheet is declared once as columns `{ header, type, value(row) }`:
 *
 * - 'text': a string cell (a string is never run as a formula in XLSX, so no
 *   neutralising is needed here, unlike CSV);
 * - 'whole': a whole number;
 * - 'pence': money given as integer pence, written as pounds (pence / 100) with the
 *   format £#,##0.00 — the only place Quorum turns pence into a fraction, at the cell;
 * - 'date': an ISO date 'YYYY-MM-DD', written as a real date cell (UTC midnight, so
 *   the serial is the whole day wherever the computer is) shown as dd/mm/yyyy.
 *
 * The header row is bold, frozen and filterable; widths follow the longest value;
 * it prints on A4 landscape with the header on every page. exceljs is
 * loaded when the first workbook is made, so the app starts without it.
 */
import type { Worksheet } from 'exceljs';
import { isCalendarDate } from '../../shared/rules/calendar-date';

export type XlsxColumnType = 'text' | 'whole' | 'pence' | 'date';

export interface XlsxColumn<Row> {
  header: string;
  type: XlsxColumnType;
  value(row: Row): string | number | null | undefined;
  /** Width in characters; otherwise from the longest value (8 to 60). */
  width?: number;
}

/** One sheet with its values already read from the rows, so sheets of different rows go in one workbook. */
export interface XlsxSheet {
  name: string;
  columns: { header: string; type: XlsxColumnType; width?: number }[];
  values: (string | number | null)[][];
}

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MONEY_FORMAT = '£#,##0.00';
export const DATE_FORMAT = 'dd/mm/yyyy';

/** A value that does not fit its column's type: a programming error, said plainly. */
export class InvalidCellValue extends Error {
  override readonly name = 'InvalidCellValue';
}

/** A sheet from rows and its columns. Names are made to suit Excel: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetOf<Row>(name: string, rows: readonly Row[], columns: readonly XlsxColumn<Row>[]): XlsxSheet {
  return {
    name,
    columns: columns.map(({ header, type, width }) => ({ header, type, width })),
    values: rows.map((row) => columns.map((column) => column.value(row) ?? null)),
  };
}

function checked(value: string | number | null, type: XlsxColumnType, where: string): string | number | Date | null {
  if (value === null || value === '') return null;
  switch (type) {
    case 'text':
      return String(value);
    case 'whole':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvalidCellValue(`${where}: ${value} is not a whole number`);
      return value;
    case 'pence':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvalidCellValue(`${where}: ${value} is not a whole number of pence`);
      return value / 100;
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) throw new InvalidCellValue(`${where}: “${value}” is not a date written like 2026-06-02`);
      return new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
  }
}

/** Roughly how many characters a cell shows, for the column's width. */
function shownLength(value: string | number | null, type: XlsxColumnType): number {
  if (value === null) return 0;
  if (type === 'date') return 10;
  if (type === 'pence' && typeof value === 'number') return String(Math.trunc(Math.abs(value) / 100)).length * 1.34 + 5;
  return Math.max(...String(value).split('\n').map((line) => line.length));
}

export function safeSheetName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  return candidate;
}

function fill(sheet: Worksheet, { columns, values, name }: XlsxSheet): void {
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    key: String(index),
    width: column.width ?? Math.min(60, Math.max(8, column.header.length + 2, ...values.map((row) => shownLength(row[index] ?? null, column.type) + 2))),
    style:
      column.type === 'pence'
        ? { numFmt: MONEY_FORMAT }
        : column.type === 'date'
          ? { numFmt: DATE_FORMAT }
          : column.type === 'text'
            ? { alignment: { wrapText: true, vertical: 'top' } }
            : {},
  }));
  values.forEach((row, rowIndex) => {
    sheet.addRow(columns.map((column, index) => checked(row[index] ?? null, column.type, `${name}, row ${rowIndex + 2}, ${column.header}`)));
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: false };
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  // Filters on the header, and printed on A4 landscape, as wide as the page, the header on every sheet of paper.
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

/** The workbook's bytes (an .xlsx file), one worksheet per sheet, in order. */
export async function xlsxBytes(sheets: readonly XlsxSheet[], details: { creator?: string; created?: Date } = {}): Promise<Uint8Array> {
  if (sheets.length === 0) throw new InvalidCellValue('A workbook needs at least one sheet');
  // exceljs is CommonJS: its exports arrive as the module's default, in the bundle and in Node alike.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = details.creator ?? 'Quorum';
  workbook.created = details.created ?? new Date();
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const name = safeSheetName(sheet.name, taken);
    taken.add(name.toLowerCase());
    fill(workbook.addWorksheet(name), { ...sheet, name });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
