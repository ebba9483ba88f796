import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvBytes, neutraliseFormula, penceAsPounds, toCsv, type CsvColumn } from './csv';

interface Line {
  name: string;
  note: string;
  amount: number | null;
}

const COLUMNS: CsvColumn<Line>[] = [
  { header: 'Name', value: (line) => line.name },
  { header: 'Note', value: (line) => line.note },
  { header: 'Amount', value: (line) => line.amount },
];

/** Reads the file back as a spreadsheet would see it: the BOM dropped, then papaparse, with numbers typed. */
function readBack(bytes: Uint8Array) {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(text.slice(1), { dynamicTyping: false, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('CSV exports', () => {
  it('starts with a UTF-8 byte order mark and keeps £, – and accents as written', () => {
    const bytes = csvBytes([{ name: 'Bedfordshire & Luton – Café', note: '£12.50', amount: 3 }], COLUMNS);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readBack(bytes)).toEqual([
      ['Name', 'Note', 'Amount'],
      ['Bedfordshire & Luton – Café', '£12.50', '3'],
    ]);
  });

  it('quotes commas, quotes and line breaks so each cell comes back whole', () => {
    const rows = [{ name: 'Luton, "the town"', note: '1 High Street\nLuton', amount: null }];
    expect(readBack(csvBytes(rows, COLUMNS))[1]).toEqual(['Luton, "the town"', '1 High Street\nLuton', '']);
  });

  it.each([
    ['=1+1', "'=1+1"],
    [' =1+1', "' =1+1"],
    ['\t@SUM(A1)', "'\t@SUM(A1)"],
    ['\u00a0+1', "'\u00a0+1"],
    ['\n-1', "'\n-1"],
    ['\r\n=HYPERLINK("http://x")', '\'\r\n=HYPERLINK("http://x")'],
    ['-5+3', "'-5+3"],
    ['@user', "'@user"],
  ])('neutralises the formula %j with a leading quote', (cell, expected) => {
    const back = readBack(csvBytes([{ name: cell, note: '', amount: 1 }], COLUMNS));
    expect(back[1]?.[0]).toBe(expected);
  });

  it('leaves ordinary text alone, including a dash or @ later in the cell', () => {
    for (const text of ['Voluntary Action Luton', 'jo@example.org', 'Mid - North', '01632 960001', "'quoted"]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });

  it('writes -5 as a number stays -5, unquoted and unprefixed', () => {
    const text = toCsv([{ name: 'Refund', note: '', amount: -5 }], COLUMNS);
    expect(text.split('\r\n')[1]).toBe('Refund,,-5');
    const typed = Papa.parse<Record<string, unknown>>(text, { header: true, dynamicTyping: true });
    expect(typed.data[0]?.Amount).toBe(-5);
  });

  it('leaves a text cell that is only a plain number alone: it is a value, not a formula', () => {
    for (const text of ['-5', '+44', '-12.00']) expect(neutraliseFormula(text)).toBe(text);
    expect(toCsv([{ name: '-5', note: '\t-5', amount: null }], COLUMNS).split('\r\n')[1]).toBe("-5,'\t-5,");
  });

  it('writes money given as pence as pounds to the penny, read back as numbers', () => {
    const columns: CsvColumn<{ pence: number }>[] = [{ header: 'Amount', value: (row) => ({ pence: row.pence }) }];
    const text = toCsv([{ pence: 123456 }, { pence: -1200 }, { pence: 5 }, { pence: 0 }], columns);
    expect(text.split('\r\n')).toEqual(['Amount', '1234.56', '-12.00', '0.05', '0.00']);
    const typed = Papa.parse<{ Amount: number }>(text, { header: true, dynamicTyping: true });
    expect(typed.data.map((row) => Math.round(row.Amount * 100))).toEqual([123456, -1200, 5, 0]);
    expect(() => penceAsPounds(12.5)).toThrow(/not a whole number of pence/);
  });

  it('neutralises a header that looks like a formula too', () => {
    const text = toCsv([{ name: 'x' }], [{ header: '=cmd', value: (row: { name: string }) => row.name }]);
    expect(text.startsWith("'=cmd")).toBe(true);
  });

  it('refuses a number that is not finite rather than writing NaN', () => {
    expect(() => toCsv([{ name: 'x', note: '', amount: Number.NaN }], COLUMNS)).toThrow(/NaN/);
  });
});
