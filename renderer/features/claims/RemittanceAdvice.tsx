/**
 * Remittance advice for the partners paid in the quarter (docs/architecture.md,
 * "Claims: funder claims"): for each paid partner claim, a letter from the
 * Accountable Body saying what was paid, when and with which reference, line by line
 * with what was claimed, what was approved and why it differs
 * (funder-claim-document.ts remittanceDocument), as PDF through the letter print
 * view, or as DOCX.
 */
import { addressLines } from '../../exports/document';
import { LetterExport } from '../../exports/LetterExport';
import { exportFileName } from '../../exports/save';
import type { Consortium } from '../../../shared/domain/entities';
import { formatPounds } from '../../../shared/rules/money';
import { todayInLondon } from '../../ui/dates';
import { remittanceDocument } from './funder-claim-document';
import type { FunderClaimView } from './funder-claim-data';

export function RemittanceAdvice({ view, consortium }: { view: FunderClaimView; consortium: Consortium }) {
  const paid = view.quarterClaims.filter((c) => c.state.status === 'paid' && c.state.paid);
  if (paid.length === 0) return null;
  const projectName = new Map(view.projects.map((p) => [p.id, p.name]));
  const lineName = new Map(view.lines.map((l) => [`${l.projectId}/${l.code}`, l.name]));
  const ab = view.organisations.get(consortium.accountableBodyId);
  return (
    <section aria-labelledby="claim-remittances" className="no-print">
      <h2 className="section-title" id="claim-remittances">
        Remittance advice
      </h2>
      <p>The partners paid for this quarter, each with a letter saying what was paid for.</p>
      <ul className="claim-remittances">
        {paid.map(({ row, state }) => {
          const partner = view.organisations.get(row.organisationId);
          const partnerName = partner?.name ?? row.organisationId;
          const project = projectName.get(row.projectId) ?? row.projectId;
          const document = remittanceDocument({
            consortiumName: consortium.name,
            accountableBodyName: ab?.name ?? 'The Accountable Body',
            partnerName,
            partnerAddress: addressLines(partner?.address ?? ''),
            projectName: project,
            financialYear: row.financialYear,
            quarter: row.quarter,
            lines: Object.keys(row.lines).map((code) => ({
              name: lineName.get(`${row.projectId}/${code}`) ?? code,
              claimedPence: row.lines[code] ?? 0,
              approvedPence: state.approvedLines?.[code] ?? 0,
              reason: state.reasons?.[code] ?? '',
            })),
            paid: state.paid!,
          });
          return (
            <li key={row.id}>
              <p>
                {partnerName}, {project}: {formatPounds(state.paid!.amountPence)} paid, reference {state.paid!.reference}.
              </p>
              <LetterExport
                document={document}
                fileName={exportFileName([consortium.name, `remittance ${partnerName} ${project} Q${row.quarter} ${row.financialYear.replace('/', '-')}`], todayInLondon(), 'pdf').replace(/\.pdf$/, '')}
                label={`Remittance advice for ${partnerName}, ${project}`}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
