/**
 * The claim to a funder as a workbook (docs/architecture.md, "Claims: funder claims"
 * and "Exports"): a Summary sheet, then a sheet per project. Money is a number cell
 * in pounds with the format £#,##0.00 (pence / 100 at the cell, as renderer/exports/
 * xlsx.ts does), dates are date cells, counts whole numbers. Where a funder would
 * check the arithmetic the cell is a formula — a line's claim = partners + own costs,
 * a variance = claimed − profile, its percentage, each total = SUM of the lines, the
 * summary's project rows read each project's total row — and every formula carries
 * its result, computed from integer pence, so a reader that does not calculate
 * (or a test) sees the same figures.
 *
 * The CSV of every claim line (claimLinesCsv) is for the Accountable Body's own
 * spreadsheets: one row per line of every partner claim, with its status and, once
 * approved, the amount approved.
 */
import type { CellValue, Worksheet } from 'exceljs';
import { csvBytes, type CsvColumn } from '../../exports/csv';
import { DATE_FORMAT, MONEY_FORMAT, safeSheetName } from '../../exports/xlsx';
import { sumPence } from '../../../shared/rules/money';
import { type Figures } from '../../../shared/rules/funder-claim';
import type { ClaimLine, FunderClaimView } from './funder-claim-data';
import { funderClaimTitle } from './funder-claim-document';

export const PERCENT_FORMAT = '0.0%';

const pounds = (pence: number) => pence / 100;
const dateCell = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
const formula = (f: string, result: number | string): CellValue => ({ formula: f, result }) as CellValue;
/** Variance as a fraction of profile, for a percent cell: '' when there is no profile. */
const ratio = (variancePence: number, profilePence: number) => (profilePence === 0 ? '' : variancePence / profilePence);
const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

const LINE_HEADERS = [
  'Budget line',
  'Partners’ approved spend',
  'Accountable Body’s own costs',
  'Claimed this quarter',
  'Profile this quarter',
  'Variance',
  'Variance %',
  'Claimed to date',
  'Profile to date',
  'Variance to date',
] as const;

function styleHeader(sheet: Worksheet, row: number) {
  const r = sheet.getRow(row);
  r.font = { bold: true };
  r.alignment = { vertical: 'top', wrapText: true };
}

/** Money and percent formats on the figure columns of rows from..to. */
function formatFigures(sheet: Worksheet, from: number, to: number) {
  for (let r = from; r <= to; r++) {
    const row = sheet.getRow(r);
    for (const c of [2, 3, 4, 5, 6, 8, 9, 10]) row.getCell(c).numFmt = MONEY_FORMAT;
    row.getCell(7).numFmt = PERCENT_FORMAT;
  }
}

/** A row of figures whose claimed, variance and percentage cells are formulas over its own cells. */
function figureRow(sheet: Worksheet, r: number, name: string, f: Figures) {
  sheet.getRow(r).values = [
    name,
    pounds(f.partnersPence),
    pounds(f.ownCostsPence),
    formula(`B${r}+C${r}`, pounds(f.claimedPence)),
    pounds(f.profilePence),
    formula(`D${r}-E${r}`, pounds(f.variance.pence)),
    formula(`IF(E${r}=0,"",F${r}/E${r})`, ratio(f.variance.pence, f.profilePence)),
    pounds(f.cumulativePence),
    pounds(f.cumulativeProfilePence),
    formula(`H${r}-I${r}`, pounds(f.cumulativeVariance.pence)),
  ];
}

/** The total row: SUM of each column over the lines above, with the exact totals as results. */
function totalRow(sheet: Worksheet, r: number, first: number, last: number, f: Figures) {
  const sum = (col: string, pence: number) => (last < first ? pounds(pence) : formula(`SUM(${col}${first}:${col}${last})`, pounds(pence)));
  sheet.getRow(r).values = [
    'Total',
    sum('B', f.partnersPence),
    sum('C', f.ownCostsPence),
    sum('D', f.claimedPence),
    sum('E', f.profilePence),
    sum('F', f.variance.pence),
    formula(`IF(E${r}=0,"",F${r}/E${r})`, ratio(f.variance.pence, f.profilePence)),
    sum('H', f.cumulativePence),
    sum('I', f.cumulativeProfilePence),
    sum('J', f.cumulativeVariance.pence),
  ];
  sheet.getRow(r).font = { bold: true };
}

function widths(sheet: Worksheet) {
  sheet.getColumn(1).width = 40;
  for (let c = 2; c <= 10; c++) sheet.getColumn(c).width = 16;
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** The row each project's total is on, in its own sheet, for the summary to refer to. */
interface ProjectSheet {
  name: string;
  totalRow: number;
}

function projectSheet(sheet: Worksheet, view: FunderClaimView, index: number): ProjectSheet {
  const p = view.figures.projects[index]!;
  sheet.getCell('A1').value = `${p.name}: ${funderClaimTitle(view)}`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getRow(2).values = ['Quarter from', dateCell(view.start), 'to', dateCell(view.end)];
  sheet.getCell('B2').numFmt = DATE_FORMAT;
  sheet.getCell('D2').numFmt = DATE_FORMAT;
  const header = 4;
  sheet.getRow(header).values = [...LINE_HEADERS];
  styleHeader(sheet, header);
  const first = header + 1;
  p.lines.forEach((line, i) => figureRow(sheet, first + i, line.name, line));
  const last = first + p.lines.length - 1;
  const total = last + 1;
  totalRow(sheet, total, first, last, p);
  formatFigures(sheet, first, total);
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: header }];

  let r = total + 2;
  if (p.outputs.length > 0) {
    sheet.getRow(r).values = ['Output', 'Target', 'Achieved', 'Target to date', 'Achieved to date', 'Below target'];
    styleHeader(sheet, r);
    for (const o of p.outputs) {
      r++;
      sheet.getRow(r).values = [o.name, o.target, o.achieved, o.cumulativeTarget, o.cumulativeAchieved, formula(`IF(C${r}<B${r},"Yes","No")`, o.belowTarget ? 'Yes' : 'No')];
    }
    r += 2;
  }
  if (p.byPartner.length > 0) {
    sheet.getRow(r).values = ['Partner', 'Approved spend', 'Share'];
    styleHeader(sheet, r);
    const firstPartner = r + 1;
    const lastPartner = r + p.byPartner.length;
    const totalPartners = lastPartner + 1;
    p.byPartner.forEach((s, i) => {
      const at = firstPartner + i;
      sheet.getRow(at).values = [view.organisationNames.get(s.organisationId) ?? s.organisationId, pounds(s.pence), formula(`IF($B$${totalPartners}=0,"",B${at}/$B$${totalPartners})`, p.partnersPence === 0 ? '' : s.pence / p.partnersPence)];
      sheet.getCell(`B${at}`).numFmt = MONEY_FORMAT;
      sheet.getCell(`C${at}`).numFmt = PERCENT_FORMAT;
    });
    sheet.getRow(totalPartners).values = ['Total', formula(`SUM(B${firstPartner}:B${lastPartner})`, pounds(sumPence(p.byPartner.map((s) => s.pence))))];
    sheet.getRow(totalPartners).font = { bold: true };
    sheet.getCell(`B${totalPartners}`).numFmt = MONEY_FORMAT;
  }
  widths(sheet);
  return { name: sheet.name, totalRow: total };
}

function summarySheet(sheet: Worksheet, view: FunderClaimView, consortiumName: string, projects: ProjectSheet[]) {
  const f = view.figures;
  sheet.getCell('A1').value = funderClaimTitle(view);
  sheet.getCell('A1').font = { bold: true, size: 13 };
  const facts: Array<[string, CellValue, string?]> = [
    ['Consortium', consortiumName],
    ['Funder', view.funder?.name ?? ''],
    ['Fund', view.fund.name],
    ['Quarter', `Q${view.quarter} ${view.financialYear}`],
    ['Quarter starts', dateCell(view.start), DATE_FORMAT],
    ['Quarter ends', dateCell(view.end), DATE_FORMAT],
    ['Status', view.state.status === 'draft' ? 'Draft' : view.state.status === 'submitted' ? 'Submitted' : 'Paid'],
  ];
  if (view.state.submittedOn) facts.push(['Submitted on', dateCell(view.state.submittedOn), DATE_FORMAT]);
  if (view.state.received) {
    facts.push(['Received on', dateCell(view.state.received.receivedOn), DATE_FORMAT]);
    facts.push(['Amount received', pounds(view.state.received.amountPence), MONEY_FORMAT]);
  }
  facts.forEach(([label, value, format], i) => {
    const row = sheet.getRow(2 + i);
    row.values = [label, value];
    row.getCell(1).font = { bold: true };
    if (format) row.getCell(2).numFmt = format;
  });
  const header = 2 + facts.length + 1;
  sheet.getRow(header).values = ['Project', ...LINE_HEADERS.slice(1)];
  styleHeader(sheet, header);
  const first = header + 1;
  const columns = ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
  f.projects.forEach((p, i) => {
    const r = first + i;
    const ref = (col: string) => `${quote(projects[i]!.name)}!${col}${projects[i]!.totalRow}`;
    const results = [p.partnersPence, p.ownCostsPence, p.claimedPence, p.profilePence, p.variance.pence, undefined, p.cumulativePence, p.cumulativeProfilePence, p.cumulativeVariance.pence];
    sheet.getRow(r).values = [
      p.name,
      ...columns.map((col, c) => (col === 'G' ? formula(`IF(E${r}=0,"",F${r}/E${r})`, ratio(p.variance.pence, p.profilePence)) : formula(ref(col), pounds(results[c]!)))),
    ];
  });
  const last = first + f.projects.length - 1;
  const total = last + 1;
  totalRow(sheet, total, first, last, f);
  formatFigures(sheet, first, total);
  let r = total + 2;
  const text = (label: string, value: string) => {
    sheet.getRow(r).values = [label, value];
    sheet.getRow(r).getCell(1).font = { bold: true };
    sheet.getRow(r).getCell(2).alignment = { wrapText: true, vertical: 'top' };
    sheet.mergeCells(r, 2, r, 10);
    r++;
  };
  text('Variances beyond the threshold', f.variancesToExplain.map((v) => v.name).join('; ') || 'None');
  text('Explanation of variances', view.record?.varianceExplanation ?? '');
  text('Outputs below target', f.outputsBelowTarget.map((o) => `${o.name}: ${o.achieved} of ${o.target}`).join('; ') || 'None');
  text('Narrative on outputs', view.record?.outputsNarrative ?? '');
  widths(sheet);
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: header }];
}

/** The workbook's bytes: Summary, then one sheet per project (named after it, made safe for Excel). */
export async function funderClaimXlsx(view: FunderClaimView, consortiumName: string, created = new Date()): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quorum';
  workbook.created = created;
  const summary = workbook.addWorksheet('Summary');
  const taken = new Set(['summary']);
  const sheets: ProjectSheet[] = view.figures.projects.map((p, i) => {
    const name = safeSheetName(p.name, taken);
    taken.add(name.toLowerCase());
    return projectSheet(workbook.addWorksheet(name), view, i);
  });
  summarySheet(summary, view, consortiumName, sheets);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ClaimLineRow extends ClaimLine {
  readonly partner: string;
  readonly project: string;
  readonly line: string;
}

const CLAIM_LINE_COLUMNS: CsvColumn<ClaimLineRow>[] = [
  { header: 'Financial year', value: (r) => r.financialYear },
  { header: 'Quarter', value: (r) => r.quarter },
  { header: 'Project', value: (r) => r.project },
  { header: 'Partner', value: (r) => r.partner },
  { header: 'Budget line', value: (r) => r.line },
  { header: 'Line code', value: (r) => r.lineCode },
  { header: 'Claimed', value: (r) => ({ pence: r.claimedPence }) },
  { header: 'Status', value: (r) => r.status },
  { header: 'Approved', value: (r) => (r.approvedPence === undefined ? '' : { pence: r.approvedPence }) },
  { header: 'Reason for a difference', value: (r) => r.reason },
  { header: 'Entered on the partner’s behalf', value: (r) => (r.enteredOnBehalf ? 'Yes' : 'No') },
  { header: 'Claim', value: (r) => r.claimId },
];

/** Every claim line as CSV (UTF-8 with a byte order mark). */
export function claimLinesCsv(rows: readonly ClaimLineRow[]): Uint8Array {
  return csvBytes(rows, CLAIM_LINE_COLUMNS);
}
