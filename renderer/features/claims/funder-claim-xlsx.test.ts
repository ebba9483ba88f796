/**
 * The claim to a funder as XLSX and every claim line as CSV, written from a real store
 * and read back (exceljs, papaparse): a Summary and a sheet per project; money as
 * number cells in £ format, dates as date cells; totals are SUM formulas whose results
 * match the approved lines and own costs to the penny.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { consortiaForTests, storeOf } from '../../db/sync/test-consortia';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { seedApprovedQuarter } from './test-claims';
import { loadClaimLines, loadFunderClaim, ownCostKey } from './funder-claim-data';
import { saveFunderClaim } from './funder-claim-actions';
import { claimLinesCsv, funderClaimXlsx } from './funder-claim-xlsx';

const consortium = consortiaForTests();
const yearStart = { financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION };

type Formula = { formula: string; result: number | string };
const penceOf = (value: unknown) => {
  const n = typeof value === 'number' ? value : (value as Formula).result;
  expect(typeof n).toBe('number');
  return Math.round((n as number) * 100);
};

describe('the claim to a funder as XLSX', () => {
  it('has a summary and a sheet per project, with typed cells and SUM totals that match the approved lines to the penny', async () => {
    const c = await consortium([['Accountable Body', 'accountable-body']]);
    const ab = c.founder;
    const { fundId, projectId } = await seedApprovedQuarter(ab);
    await saveFunderClaim(storeOf(ab), fundId, '2026/27', 1, { ownCosts: { [ownCostKey(projectId, 'running-costs')]: 27_533 }, varianceExplanation: 'A post was vacant in May.', outputsNarrative: '' });
    const view = (await loadFunderClaim(ab.db, fundId, '2026/27', 1, yearStart))!;
    const bytes = await funderClaimXlsx(view, 'Bedfordshire & Luton VCS Consortium');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Frontline support']);

    // What the store says was approved, plus the Accountable Body's own costs, in pence.
    const approved = (await loadClaimLines(ab.db)).filter((l) => l.approvedPence !== undefined);
    const expected = approved.reduce((sum, l) => sum + l.approvedPence!, 0) + 27_533;
    expect(expected).toBe(977_533);

    const sheet = workbook.getWorksheet('Frontline support')!;
    expect(sheet.getRow(4).getCell(1).value).toBe('Budget line');
    expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 3, 1)));
    expect(sheet.getCell('B2').numFmt).toBe('dd/mm/yyyy');
    expect([sheet.getCell('A5').value, sheet.getCell('A6').value, sheet.getCell('A7').value]).toEqual(['Staff', 'Running costs', 'Total']);
    expect(sheet.getCell('B5').value).toBe(8500); // £8,500.00 approved on staff (£6,000 + £2,500 of £3,000 claimed)
    expect(sheet.getCell('B5').numFmt).toBe('£#,##0.00');
    expect(sheet.getCell('D5').value).toMatchObject({ formula: 'B5+C5' });
    const total = sheet.getCell('D7').value as Formula;
    expect(total.formula).toBe('SUM(D5:D6)');
    expect(penceOf(total)).toBe(expected);
    // The total's result is the sum of the line cells, to the penny.
    expect(penceOf(sheet.getCell('D5').value) + penceOf(sheet.getCell('D6').value)).toBe(expected);
    expect(sheet.getCell('G7').numFmt).toBe('0.0%');
    expect((sheet.getCell('G7').value as Formula).result).toBeCloseTo(-172_467 / 1_150_000, 10);
    // Outputs and partners beneath.
    const texts = sheet.getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(texts).toEqual(expect.arrayContaining(['Frontline organisations supported', 'Bedford CVS', 'Voluntary Action Luton']));

    const summary = workbook.getWorksheet('Summary')!;
    const projectRow = summary.getColumn(1).values.findIndex((v) => v === 'Frontline support');
    const totalRow = summary.getColumn(1).values.findIndex((v) => v === 'Total');
    expect(summary.getRow(projectRow).getCell(4).value).toMatchObject({ formula: "'Frontline support'!D7" });
    const summaryTotal = summary.getRow(totalRow).getCell(4).value as Formula;
    expect(summaryTotal.formula).toBe(`SUM(D${projectRow}:D${projectRow})`);
    expect(penceOf(summaryTotal)).toBe(expected);
    expect(summary.getColumn(2).values).toEqual(expect.arrayContaining(['Capacitybuilders', 'Improving Reach', 'Q1 2026/27', 'A post was vacant in May.']));
  });

  it('writes every claim line as CSV, with the amounts as pounds', async () => {
    const c = await consortium([['Accountable Body', 'accountable-body']]);
    const ab = c.founder;
    await seedApprovedQuarter(ab);
    const lines = await loadClaimLines(ab.db);
    const bytes = claimLinesCsv(lines.map((l) => ({ ...l, partner: l.organisationId, project: 'Frontline support', line: l.lineCode })));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(3);
    expect(parsed.data.map((r) => [r['Line code'], r.Claimed, r.Approved, r.Status])).toEqual(
      expect.arrayContaining([
        ['staff', '3000.00', '2500.00', 'Approved'],
        ['staff', '6000.00', '6000.00', 'Approved'],
        ['running-costs', '1000.00', '1000.00', 'Approved'],
      ]),
    );
  });
});
