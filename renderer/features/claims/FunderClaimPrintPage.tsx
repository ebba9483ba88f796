/**
 * The claim to a funder as it will print (/claims/funders/:fundId/:year/:quarter/print):
 * the document (funder-claim-document.ts) derived live from the store, so it survives a
 * reload, with "Print or save as PDF" (the platform prints this page; print.css hides
 * the rest) and the DOCX button (docs/architecture.md, "Exports").
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { usePlatform } from '../../app/platform-context';
import { useConsortium } from '../../app/use-consortium';
import { LetterExport } from '../../exports/LetterExport';
import { PrintDocument } from '../../exports/PrintDocument';
import { exportFileName, safeFileName } from '../../exports/save';
import { EmptyState, Page } from '../../ui/Page';
import { todayInLondon } from '../../ui/dates';
import { funderClaimDocument } from './funder-claim-document';
import { funderClaimPath, useFunderClaimView } from './FunderClaimPage';

export function FunderClaimPrintPage() {
  const consortium = useConsortium();
  const view = useFunderClaimView(consortium);
  const platform = usePlatform();
  const [message, setMessage] = useState('');
  if (view === undefined || !consortium) return <Page title="Print a claim to a funder" />;
  if (view === null) {
    return (
      <Page title="Print a claim to a funder" back={<Link to="/claims">Claims</Link>}>
        <EmptyState>
          <p>This copy holds no such fund. Open the claim from the Claims page.</p>
        </EmptyState>
      </Page>
    );
  }
  const document = funderClaimDocument(view, consortium.name, consortium.financialYearStartMonth);
  const fileName = exportFileName([consortium.name, `claim ${view.fund.name} Q${view.quarter} ${view.financialYear.replace('/', '-')}`], todayInLondon(), 'pdf').replace(/\.pdf$/, '');
  const print = async () => {
    setMessage('');
    try {
      const result = await platform.printToPdf(`${safeFileName(fileName)}.pdf`);
      if (result.saved) setMessage(`Saved ${result.location}.`);
    } catch (error) {
      setMessage(`The claim could not be printed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <Page title={document.title} back={<Link to={funderClaimPath(view.fund.id, view.financialYear, view.quarter)}>Back to the claim</Link>} intro={<p>The claim as it will print, on A4.</p>}>
      <div className="print-actions">
        <button type="button" className="button button--primary" onClick={() => void print()}>
          Print or save as PDF
        </button>
      </div>
      <p className="status-line" role="status">
        {message}
      </p>
      <LetterExport document={document} fileName={fileName} label="Claim" withPdf={false} />
      <PrintDocument document={document} />
    </Page>
  );
}
