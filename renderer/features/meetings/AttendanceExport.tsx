/**
 * The attendance register of a meeting as CSV and XLSX (renderer/exports;
 * docs/architecture.md, "Meetings: minutes, actions and search"), saved through
 * the platform: each organisation recorded, who attended for it, and whether it
 * was present, sent apologies or was absent.
 */
import { useState } from 'react';
import type { Attendance, Meeting, Organisation, Representative } from '../../../shared/domain/entities';
import { usePlatform } from '../../app/platform-context';
import { useConsortium } from '../../app/use-consortium';
import { saveExport, type ExportFile } from '../../exports/save';
import { attendanceCsv, attendanceRows, attendanceXlsx, type AttendanceRow } from './minutes-document';

export function AttendanceExport({ meeting, attendance, organisations, representatives }: { meeting: Meeting; attendance: Attendance[]; organisations: Organisation[]; representatives: Representative[] }) {
  const platform = usePlatform();
  const consortium = useConsortium();
  const [outcome, setOutcome] = useState({ busy: false, message: '', failed: false });
  const rows = attendanceRows(attendance, organisations, representatives);
  const save = async (make: (rows: AttendanceRow[]) => ExportFile | Promise<ExportFile>) => {
    setOutcome({ busy: true, message: '', failed: false });
    try {
      const result = await saveExport(platform, await make(rows));
      setOutcome({ busy: false, failed: false, message: result.saved ? `Saved ${result.location}.` : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setOutcome({ busy: false, failed: true, message: `The attendance register could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const details = { consortiumName: consortium?.name ?? 'Quorum', meeting };
  return (
    <div className="attendance-export">
      <p>{rows.length === 0 ? 'No attendance is recorded for this meeting yet.' : `The attendance register lists ${rows.length} ${rows.length === 1 ? 'organisation' : 'organisations'}.`}</p>
      <div className="print-actions">
        <button type="button" className="button button--secondary" disabled={outcome.busy} onClick={() => void save((r) => attendanceCsv(r, details))}>
          Attendance register as CSV
        </button>
        <button type="button" className="button button--secondary" disabled={outcome.busy} onClick={() => void save((r) => attendanceXlsx(r, details))}>
          Attendance register as XLSX
        </button>
      </div>
      <p className={outcome.failed ? 'status-line warning' : 'status-line'} role="status">
        {outcome.message}
      </p>
    </div>
  );
}
