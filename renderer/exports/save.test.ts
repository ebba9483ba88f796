import { describe, expect, it } from 'vitest';
import type { SaveFileRequest } from '../platform/platform';
import { exportFileName, safeFileName, saveExport } from './save';

describe('export file names', () => {
  it('reads as a person would write it', () => {
    expect(exportFileName(['Bedfordshire & Luton', 'directory'], '2026-11-22', 'xlsx')).toBe('Bedfordshire & Luton – directory – 2026-11-22.xlsx');
  });

  it('replaces what a file system refuses, and trims what Windows drops', () => {
    expect(safeFileName('Claims: Q3/Q4 <draft>?.csv')).toBe('Claims- Q3-Q4 -draft-.csv');
    expect(safeFileName('Minutes \n of\tthe  meeting. .docx')).toBe('Minutes of the meeting. .docx');
    expect(safeFileName('CON.csv')).not.toBe('CON.csv');
  });

  it('keeps the extension when a long name is shortened', () => {
    const name = exportFileName(['A'.repeat(300)], '2026-11-22', 'pdf');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('saving an export', () => {
  it('hands the bytes, a safe name, the type and the description to the platform, and says whether it was saved', async () => {
    const requests: SaveFileRequest[] = [];
    const platform = {
      saveFile: async (request: SaveFileRequest) => {
        requests.push(request);
        return { saved: true as const, location: `/home/sec/${request.suggestedName}` };
      },
    };
    const bytes = new Uint8Array([1, 2, 3]);
    const result = await saveExport(platform, { bytes, fileName: 'a/b.csv', mimeType: 'text/csv', description: 'Spreadsheet (CSV)' });
    expect(result).toEqual({ saved: true, location: '/home/sec/a-b.csv' });
    expect(requests).toEqual([{ bytes, suggestedName: 'a-b.csv', mimeType: 'text/csv', description: 'Spreadsheet (CSV)' }]);
    expect(await saveExport({ saveFile: async () => ({ saved: false }) }, { bytes, fileName: 'x.csv', mimeType: 'text/csv', description: '' })).toEqual({ saved: false });
  });
});
