/**
 * The print view of a letter (/print/letter): the document LetterExport put in the
 * navigation state, shown as it will print, with "Print or save as PDF" (the
 * platform prints this page; print.css hides the rest) and the DOCX button. A
 * visit without a document (typed address, a state from an older version) says
 * where to open a letter from.
 */
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { z } from 'zod';
import { usePlatform } from '../app/platform-context';
import { EmptyState, Page } from '../ui/Page';
import { exportDocumentSchema } from './document';
import { LetterExport, type LetterPrintState } from './LetterExport';
import { PrintDocument } from './PrintDocument';
import { safeFileName } from './save';

const stateSchema: z.ZodType<LetterPrintState> = z.object({
  document: exportDocumentSchema,
  fileName: z.string(),
  label: z.string(),
  returnTo: z.string().startsWith('/'),
});

export function LetterPrintPage() {
  const location = useLocation();
  const platform = usePlatform();
  const [message, setMessage] = useState('');
  const parsed = stateSchema.safeParse(location.state);

  if (!parsed.success) {
    return (
      <Page title="Print a letter">
        <EmptyState>
          <p>
            There is no letter to print here. Open the letter from its application, on the <Link to="/applications">Applications</Link> page, and choose its PDF
            button.
          </p>
        </EmptyState>
      </Page>
    );
  }
  const { document, fileName, label, returnTo } = parsed.data;

  const print = async () => {
    setMessage('');
    try {
      const result = await platform.printToPdf(`${safeFileName(fileName)}.pdf`);
      if (result.saved) setMessage(`Saved ${result.location}.`);
    } catch (error) {
      setMessage(`The letter could not be printed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <Page
      title={label}
      back={<Link to={returnTo}>Back</Link>}
      intro={<p>The letter as it will print, on A4.</p>}
    >
      {/* Not in the page's heading row: a wide button there would push a 320 px window sideways. */}
      <div className="print-actions">
        <button type="button" className="button button--primary" onClick={() => void print()}>
          Print or save as PDF
        </button>
      </div>
      <p className="status-line" role="status">
        {message}
      </p>
      <LetterExport document={document} fileName={fileName} label={label} withPdf={false} />
      <PrintDocument document={document} />
    </Page>
  );
}
