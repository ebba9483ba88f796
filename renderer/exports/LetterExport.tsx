/**
 * Buttons to export a letter (or any ExportDocument): "<label> as DOCX" saves a Word
 * file through the platform; "<label> as PDF" opens the print view (/print/letter)
 * with the document in the router's navigation state, where it is shown as it will
 * print with a "Print or save as PDF" button (docs/architecture.md, "Exports").
 * The navigation state is kept in the browser's history, so the view survives a
 * reload and Back returns to the page the letter came from.
 */
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { usePlatform } from '../app/platform-context';
import type { ExportDocument } from './document';
import { docxBytes, DOCX_MIME_TYPE } from './docx';
import { saveExport, safeFileName } from './save';

export const LETTER_PRINT_PATH = '/print/letter';

/** What the print view reads from the navigation state. */
export interface LetterPrintState {
  document: ExportDocument;
  /** The file name without its extension. */
  fileName: string;
  label: string;
  /** Where "Back" goes: the page the letter was opened from. */
  returnTo: string;
}

export function LetterExport({ document, fileName, label, withPdf = true }: { document: ExportDocument; fileName: string; label: string; withPdf?: boolean }) {
  const platform = usePlatform();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState({ message: '', failed: false });

  const saveDocx = async () => {
    setBusy(true);
    setOutcome({ message: '', failed: false });
    try {
      const result = await saveExport(platform, {
        bytes: await docxBytes(document),
        fileName: `${safeFileName(fileName)}.docx`,
        mimeType: DOCX_MIME_TYPE,
        description: 'Word document (DOCX)',
      });
      setOutcome({ failed: false, message: result.saved ? `Saved ${result.location}.` : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setOutcome({ failed: true, message: `The letter could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const openPrintView = () => {
    const state: LetterPrintState = { document, fileName, label, returnTo: `${location.pathname}${location.search}` };
    void navigate(LETTER_PRINT_PATH, { state });
  };

  return (
    <div className="letter-export">
      <div className="print-actions">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void saveDocx()}>
          {busy ? 'Saving…' : `${label} as DOCX`}
        </button>
        {withPdf && (
          <button type="button" className="button button--secondary" onClick={openPrintView}>
            {label} as PDF
          </button>
        )}
      </div>
      <p className={outcome.failed ? 'status-line warning' : 'status-line'} role="status">
        {outcome.message}
      </p>
    </div>
  );
}
