/**
 * The directory page (/members/directory/print): the published directory of
 * members as it will print (Partnership Agreement 5.7), a button to print it or save
 * it as a PDF (the platform prints this page: renderer/exports/print.css hides the
 * rest), and the CSV and XLSX exports.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { usePlatform } from '../../app/platform-context';
import { Page } from '../../ui/Page';
import { PrintDocument } from '../../exports/PrintDocument';
import { directoryDocument, directoryPdfName } from '../../exports/directory';
import { DirectoryExport, useDirectory } from './DirectoryExport';

export function DirectoryPage() {
  const directory = useDirectory();
  const platform = usePlatform();
  const [message, setMessage] = useState('');

  const print = async () => {
    if (!directory) return;
    setMessage('');
    try {
      const result = await platform.printToPdf(directoryPdfName(directory.details));
      if (result.saved) setMessage(`Saved ${result.location}.`);
    } catch (error) {
      setMessage(`The directory could not be printed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <Page
      title="Directory of members"
      back={<Link to="/members">Members</Link>}
      intro={<p>The directory as it will print, on A4. It is also saved as a spreadsheet below.</p>}
    >
      {/* Not in the page's heading row: a wide button there would push a 320 px window sideways. */}
      <div className="print-actions">
        <button type="button" className="button button--primary" disabled={!directory} onClick={() => void print()}>
          Print or save as PDF
        </button>
      </div>
      <p className="status-line" role="status">
        {message}
      </p>
      <DirectoryExport withPdf={false} />
      {directory && <PrintDocument document={directoryDocument(directory.rows, directory.details)} />}
    </Page>
  );
}
