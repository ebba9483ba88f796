/**
 * The decisions register as it will print (/print/decisions), with the filter of
 * the register page it came from (the same address query), a button to print it
 * or save it as a PDF (the platform prints this page; renderer/exports/print.css
 * hides the rest), and the CSV and XLSX of the same rows from the register page.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePlatform } from '../../app/platform-context';
import { useCitation } from '../../app/use-citation';
import { PrintDocument } from '../../exports/PrintDocument';
import { Page } from '../../ui/Page';
import { citedRows, filterRegister, registerDocument, registerPdfName } from './decisions-register';
import { useDecisionsRegister, useRegisterDetails, useRegisterFilter } from './DecisionsPage';

export function DecisionsPrintPage() {
  const all = useDecisionsRegister();
  const [filter] = useRegisterFilter();
  const details = useRegisterDetails(filter);
  const [params] = useSearchParams();
  const platform = usePlatform();
  const { citeInText } = useCitation();
  const [message, setMessage] = useState('');
  const rows = useMemo(() => (all ? filterRegister(all, filter) : undefined), [all, filter]);

  const print = async () => {
    if (!details) return;
    setMessage('');
    try {
      const result = await platform.printToPdf(registerPdfName(details));
      if (result.saved) setMessage(`Saved ${result.location}.`);
    } catch (error) {
      setMessage(`The register could not be printed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const query = params.toString();
  return (
    <Page title="Decisions register" back={<Link to={`/decisions${query ? `?${query}` : ''}`}>Decisions</Link>} intro={<p>The register as it will print, on A4.</p>}>
      {/* Not in the page's heading row: a wide button there would push a 320 px window sideways. */}
      <div className="print-actions">
        <button type="button" className="button button--primary" disabled={!rows || !details} onClick={() => void print()}>
          Print or save as PDF
        </button>
      </div>
      <p className="status-line" role="status">
        {message}
      </p>
      {rows && details && <PrintDocument document={registerDocument(citedRows(rows, citeInText), details, citeInText)} />}
    </Page>
  );
}
