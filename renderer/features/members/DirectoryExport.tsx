/**
 * The published directory of members (Partnership Agreement 5.7): what is in it,
 * and buttons to export it as CSV, XLSX or PDF (renderer/exports; docs/architecture.md,
 * "Exports"). CSV and XLSX are saved through the platform; the PDF is printed from
 * the directory page (/members/directory/print), where the document is shown as it
 * will print.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate } from 'react-router';
import { useStore } from '../../db/store-context';
import { londonToday } from '../../db/london-today';
import { useConsortium } from '../../app/use-consortium';
import { usePlatform } from '../../app/platform-context';
import { directoryCsv, directoryRows, directorySummary, directoryXlsx, type DirectoryDetails, type DirectoryRow } from '../../exports/directory';
import { saveExport, type ExportFile } from '../../exports/save';

export const DIRECTORY_PRINT_PATH = '/members/directory/print';

export interface Directory {
  rows: DirectoryRow[];
  details: DirectoryDetails;
}

/** The directory as it stands today (Europe/London), live: undefined while loading. */
export function useDirectory(): Directory | undefined {
  const { db } = useStore();
  const consortium = useConsortium();
  const today = londonToday();
  const rows = useLiveQuery(async () => {
    const [organisations, representatives] = await Promise.all([db.organisations.toArray(), db.representatives.toArray()]);
    return directoryRows(organisations, representatives, today);
  }, [db, today]);
  if (!rows || !consortium) return undefined;
  return { rows, details: { consortiumName: consortium.name, area: consortium.area, onDate: today } };
}

type Outcome = { busy: 'csv' | 'xlsx' | null; message: string; failed: boolean };

/**
 * The section: a line saying what is in the directory, and the three buttons.
 * On the directory page itself the PDF button is left out (`withPdf={false}`):
 * that page has its own "Print or save as PDF".
 */
export function DirectoryExport({ withPdf = true }: { withPdf?: boolean }) {
  const directory = useDirectory();
  const platform = usePlatform();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome>({ busy: null, message: '', failed: false });

  const save = async (format: 'csv' | 'xlsx', make: (directory: Directory) => ExportFile | Promise<ExportFile>) => {
    if (!directory) return;
    setOutcome({ busy: format, message: '', failed: false });
    try {
      const result = await saveExport(platform, await make(directory));
      setOutcome({ busy: null, failed: false, message: result.saved ? `Saved ${result.location}.` : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setOutcome({ busy: null, failed: true, message: `The directory could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <section className="panel directory-export" aria-labelledby="directory-export-title">
      <h2 className="section-title" id="directory-export-title">
        Published directory
      </h2>
      <p>
        {directory ? directorySummary(directory.rows) : 'Counting the organisations…'} It lists each one’s contact details and named representative, for
        publishing to members.
      </p>
      <div className="print-actions">
        <button type="button" className="button button--secondary" disabled={!directory || outcome.busy !== null} onClick={() => void save('csv', (d) => directoryCsv(d.rows, d.details))}>
          {outcome.busy === 'csv' ? 'Saving…' : 'Directory as CSV'}
        </button>
        <button type="button" className="button button--secondary" disabled={!directory || outcome.busy !== null} onClick={() => void save('xlsx', (d) => directoryXlsx(d.rows, d.details))}>
          {outcome.busy === 'xlsx' ? 'Saving…' : 'Directory as XLSX'}
        </button>
        {withPdf && (
          <button type="button" className="button button--secondary" onClick={() => void navigate(DIRECTORY_PRINT_PATH)}>
            Directory as PDF
          </button>
        )}
      </div>
      <p className={outcome.failed ? 'status-line warning' : 'status-line'} role="status">
        {outcome.message}
      </p>
    </section>
  );
}
