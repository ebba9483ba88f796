import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DATE_FORMAT, InvalidCellValue, MONEY_FORMAT, safeSheetName, sheetOf, xlsxBytes, type XlsxColumn } from './xlsx';

interface Claim {
  organisation: string;
  quarter: number;
  amountPence: number;
  receivedOn: string;
}

const COLUMNS: XlsxColumn<Claim>[] = [
  { header: 'Organisation', type: 'text', value: (claim) => claim.organisation },
  { header: 'Quarter', type: 'whole', value: (claim) => claim.quarter },
  { header: 'Amount', type: 'pence', value: (claim) => claim.amountPence },
  { header: 'Received', type: 'date', value: (claim) => claim.receivedOn },
];

const CLAIMS: Claim[] = [
  { organisation: 'Voluntary Action Luton', quarter: 3, amountPence: 123456, receivedOn: '2026-10-31' },
  { organisation: '=HYPERLINK("x")', quarter: 4, amountPence: -1, receivedOn: '2027-01-02' },
];

async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

describe('XLSX exports', () => {
  it('writes numbers as number cells, money to the penny in pounds with the £ format, and dates as date cells', async () => {
    const workbook = await readBack(await xlsxBytes([sheetOf('Claims', CLAIMS, COLUMNS)]));
    const sheet = workbook.getWorksheet('Claims')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Organisation', 'Quarter', 'Amount', 'Received']);

    const quarter = sheet.getCell('B2');
    expect(quarter.type).toBe(ExcelJS.ValueType.Number);
    expect(quarter.value).toBe(3);

    const amount = sheet.getCell('C2');
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(1234.56);
    expect(amount.numFmt).toBe(MONEY_FORMAT);
    expect(Math.round((amount.value as number) * 100)).toBe(123456);
    expect(sheet.getCell('C3').value).toBe(-0.01);

    const received = sheet.getCell('D2');
    expect(received.type).toBe(ExcelJS.ValueType.Date);
    expect((received.value as Date).toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(received.numFmt).toBe(DATE_FORMAT);
  });

  it('keeps text that looks like a formula as text, never as a formula', async () => {
    const sheet = (await readBack(await xlsxBytes([sheetOf('Claims', CLAIMS, COLUMNS)]))).getWorksheet('Claims')!;
    const cell = sheet.getCell('A3');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("x")');
  });

  it('makes the header row bold and frozen, and the columns wide enough for their values', async () => {
    const sheet = (await readBack(await xlsxBytes([sheetOf('Claims', CLAIMS, COLUMNS)]))).getWorksheet('Claims')!;
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('D1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:D1');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual('Voluntary Action Luton'.length);
    // exceljs leaves out a column of its default width, 9.
    expect(sheet.getColumn(2).width ?? 9).toBeLessThan(15);
  });

  it('puts several sheets in one workbook, in order, with names Excel accepts', async () => {
    const members = sheetOf('Members: 2026/27', [{ name: 'A' }], [{ header: 'Name', type: 'text' as const, value: (row: { name: string }) => row.name }]);
    const workbook = await readBack(await xlsxBytes([members, sheetOf('Claims', CLAIMS, COLUMNS), sheetOf('Claims', [], COLUMNS)]));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Members  2026 27', 'Claims', 'Claims 2']);
    expect(workbook.getWorksheet('Claims 2')!.rowCount).toBe(1);
  });

  it('leaves an empty value as an empty cell', async () => {
    const sheet = (await readBack(await xlsxBytes([sheetOf('S', [{ organisation: '', quarter: 1, amountPence: 0, receivedOn: '' }], COLUMNS)]))).getWorksheet('S')!;
    expect(sheet.getCell('A2').value).toBeNull();
    expect(sheet.getCell('D2').value).toBeNull();
    expect(sheet.getCell('C2').value).toBe(0);
  });

  it('refuses fractions of a penny, fractional whole numbers and impossible dates', async () => {
    const bad = (change: Partial<Claim>) => xlsxBytes([sheetOf('S', [{ ...CLAIMS[0]!, ...change }], COLUMNS)]);
    await expect(bad({ amountPence: 12.5 })).rejects.toThrow(InvalidCellValue);
    await expect(bad({ quarter: 1.5 })).rejects.toThrow(/not a whole number/);
    await expect(bad({ receivedOn: '2026-02-30' })).rejects.toThrow(/not a date/);
  });

  it('names sheets within 31 characters and never twice', () => {
    const long = safeSheetName('A very long name for a worksheet indeed', new Set());
    expect(long.length).toBeLessThanOrEqual(31);
    expect(safeSheetName(long, new Set([long.toLowerCase()]))).toMatch(/ 2$/);
  });
});
