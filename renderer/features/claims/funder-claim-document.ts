/**
 * The claim to a funder and a partner's remittance advice as ExportDocuments
 * (renderer/exports/document.ts): printed to PDF (and saved as DOCX) by the same
 * renderers as every other document (docs/architecture.md, "Exports"). Every figure
 * is the derived one (funder-claim-data.ts), in pounds and pence as formatPounds
 * writes them; percentages in tenths, as funder-claim.ts rounds them.
 */
import type { ExportDocument, ExportBlock } from '../../exports/document';
import { formatPounds } from '../../../shared/rules/money';
import { formatTenthsOfPercent, periodLabel, type Figures } from '../../../shared/rules/funder-claim';
import { formatDate as formatLongDate } from '../../ui/dates';
import type { FunderClaimView } from './funder-claim-data';

const varianceWords = (f: Pick<Figures, 'variance'>) =>
  `${formatPounds(f.variance.pence)} (${formatTenthsOfPercent(f.variance.tenthsOfPercent)})${f.variance.beyondThreshold ? ' beyond threshold' : ''}`;

/** 'Q1 2026/27' */
export const quarterName = (view: Pick<FunderClaimView, 'financialYear' | 'quarter'>) => `Q${view.quarter} ${view.financialYear}`;

export function funderClaimTitle(view: FunderClaimView): string {
  return `Claim to ${view.funder?.name ?? 'the funder'}: ${view.fund.name}, ${quarterName(view)}`;
}

/** The claim to the funder, for the PDF: a summary, then each project's lines, outputs and partners. */
export function funderClaimDocument(view: FunderClaimView, consortiumName: string, startMonth = 4): ExportDocument {
  const f = view.figures;
  const status =
    view.state.status === 'draft'
      ? 'Draft: not yet submitted'
      : view.state.status === 'submitted'
        ? `Submitted on ${formatLongDate(view.state.submittedOn ?? '')}`
        : `Submitted on ${formatLongDate(view.state.submittedOn ?? '')}; ${formatPounds(view.state.received?.amountPence ?? 0)} received on ${formatLongDate(view.state.received?.receivedOn ?? '')}`;
  const blocks: ExportBlock[] = [
    { kind: 'paragraph', text: `${consortiumName}. The quarter from ${formatLongDate(view.start)} to ${formatLongDate(view.end)}. ${status}.` },
    {
      kind: 'table',
      caption: 'Summary by project',
      headers: ['Project', 'Claimed this quarter', 'Profile', 'Variance', 'Claimed to date', 'Profile to date'],
      widths: [3, 2, 2, 2.6, 2, 2],
      rows: [
        ...f.projects.map((p) => [p.name, formatPounds(p.claimedPence), formatPounds(p.profilePence), varianceWords(p), formatPounds(p.cumulativePence), formatPounds(p.cumulativeProfilePence)]),
        ['Total', formatPounds(f.claimedPence), formatPounds(f.profilePence), varianceWords(f), formatPounds(f.cumulativePence), formatPounds(f.cumulativeProfilePence)],
      ],
    },
    { kind: 'paragraph', text: `Partners’ approved spend ${formatPounds(f.partnersPence)}; the Accountable Body’s own costs ${formatPounds(f.ownCostsPence)}.` },
  ];
  if (f.variancesToExplain.length > 0 || view.record?.varianceExplanation) {
    blocks.push({ kind: 'heading', text: 'Variance against the profile' });
    if (f.variancesToExplain.length > 0) blocks.push({ kind: 'bullets', items: f.variancesToExplain.map((v) => `${v.name}: ${formatPounds(v.variance.pence)} (${formatTenthsOfPercent(v.variance.tenthsOfPercent)})`) });
    blocks.push({ kind: 'paragraph', text: view.record?.varianceExplanation || 'Not yet explained.' });
  }
  if (f.outputsBelowTarget.length > 0 || view.record?.outputsNarrative) {
    blocks.push({ kind: 'heading', text: 'Outputs below target' });
    if (f.outputsBelowTarget.length > 0) blocks.push({ kind: 'bullets', items: f.outputsBelowTarget.map((o) => `${o.name}: ${o.achieved} of ${o.target}`) });
    blocks.push({ kind: 'paragraph', text: view.record?.outputsNarrative || 'No narrative yet.' });
  }
  for (const p of f.projects) {
    blocks.push({ kind: 'heading', text: p.name });
    blocks.push({
      kind: 'table',
      caption: `${p.name}: spend by budget line`,
      headers: ['Budget line', 'Partners', 'Own costs', 'Claimed', 'Profile', 'Variance', 'Claimed to date'],
      widths: [2.6, 2, 1.8, 2, 2, 2.6, 2],
      rows: [
        ...p.lines.map((l) => [l.name, formatPounds(l.partnersPence), formatPounds(l.ownCostsPence), formatPounds(l.claimedPence), formatPounds(l.profilePence), varianceWords(l), formatPounds(l.cumulativePence)]),
        ['Total', formatPounds(p.partnersPence), formatPounds(p.ownCostsPence), formatPounds(p.claimedPence), formatPounds(p.profilePence), varianceWords(p), formatPounds(p.cumulativePence)],
      ],
    });
    if (p.outputs.length > 0) {
      blocks.push({
        kind: 'table',
        caption: `${p.name}: outputs against target`,
        headers: ['Output', 'Target', 'Achieved', 'Target to date', 'Achieved to date', 'Below target'],
        widths: [3, 1.3, 1.3, 1.5, 1.5, 1.3],
        rows: p.outputs.map((o) => [o.name, String(o.target), String(o.achieved), String(o.cumulativeTarget), String(o.cumulativeAchieved), o.belowTarget ? 'Yes' : 'No']),
      });
    }
    if (p.byPartner.length > 0) {
      blocks.push({
        kind: 'table',
        caption: `${p.name}: approved spend by partner`,
        headers: ['Partner', 'Approved spend', 'Share'],
        widths: [3, 2, 1.4],
        rows: p.byPartner.map((s) => [view.organisationNames.get(s.organisationId) ?? s.organisationId, formatPounds(s.pence), formatTenthsOfPercent(s.shareTenths)]),
      });
    }
    if (p.cumulative.length > 0) {
      blocks.push({
        kind: 'table',
        caption: `${p.name}: cumulative spend against profile`,
        headers: ['Quarter', 'Spend to date', 'Profile to date'],
        widths: [2, 2, 2],
        rows: p.cumulative.filter((c) => c.spendPence !== undefined).map((c) => [periodLabel(c.period, startMonth), formatPounds(c.spendPence!), formatPounds(c.profilePence)]),
      });
    }
  }
  return { title: funderClaimTitle(view), blocks, pageNumbers: true, footer: `Prepared by the Accountable Body with Quorum. Every total is the sum of the approved partner claims and the Accountable Body’s own costs.` };
}

export interface RemittanceInput {
  consortiumName: string;
  accountableBodyName: string;
  partnerName: string;
  partnerAddress: string[];
  projectName: string;
  financialYear: string;
  quarter: number;
  /** By line: its name, what was claimed, what was approved and why it differs. */
  lines: Array<{ name: string; claimedPence: number; approvedPence: number; reason: string }>;
  paid: { paidOn: string; reference: string; amountPence: number };
}

/** A remittance advice: what the Accountable Body paid a partner for a claim, line by line. */
export function remittanceDocument(r: RemittanceInput): ExportDocument {
  const claimed = r.lines.reduce((sum, l) => sum + l.claimedPence, 0);
  const approved = r.lines.reduce((sum, l) => sum + l.approvedPence, 0);
  return {
    title: `Remittance advice: ${r.projectName}, Q${r.quarter} ${r.financialYear}`,
    letterhead: { name: r.accountableBodyName, lines: [`Accountable Body for ${r.consortiumName}`] },
    address: [r.partnerName, ...r.partnerAddress],
    dateLine: formatLongDate(r.paid.paidOn),
    blocks: [
      { kind: 'paragraph', text: `We have paid ${formatPounds(r.paid.amountPence)} on ${formatLongDate(r.paid.paidOn)}, reference ${r.paid.reference}, for your claim for ${r.projectName} in Q${r.quarter} ${r.financialYear}.` },
      {
        kind: 'table',
        caption: 'The claim, line by line',
        headers: ['Budget line', 'Claimed', 'Approved', 'Reason for a difference'],
        widths: [2.5, 1.6, 1.6, 3.5],
        rows: [...r.lines.map((l) => [l.name, formatPounds(l.claimedPence), formatPounds(l.approvedPence), l.reason]), ['Total', formatPounds(claimed), formatPounds(approved), '']],
      },
    ],
    signature: { closing: 'Yours sincerely', name: r.accountableBodyName, role: 'Accountable Body' },
    footer: 'What was approved is what is paid.',
  };
}
