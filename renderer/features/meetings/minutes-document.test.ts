/**
 * The minutes as the secretariat sends them (minutes-document.ts), read back:
 * the Word file (jszip, word/document.xml) has the heading, the attendance, the
 * numbered items with their decisions and interests, the actions table and page
 * numbers; large print sets the text larger; the attendance register reads back
 * from CSV and XLSX with a row per organisation.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Action, AgendaItem, Attendance, Meeting, Minute, Organisation, Representative } from '../../../shared/domain/entities';
import { minutesLifecycle } from '../../../shared/rules/lifecycles';
import { docxBytes } from '../../exports/docx';
import { documentText } from '../../exports/document';
import { attendanceCsv, attendanceRows, attendanceXlsx, minutesDocument } from './minutes-document';

const row = <T,>(fields: T, id: string) => ({ ...fields, id, _clocks: {}, _log: [] }) as T & { id: string };
const meeting = row({ title: 'Consortium meeting', kind: 'consortium', date: '2026-12-08', startTime: '10:00', endTime: '12:00', location: 'Volunteer Centre Bedford' } as unknown as Meeting, 'm1');
const items = [
  row({ meetingId: 'm1', position: 0, title: 'Apologies', standard: 'apologies' } as unknown as AgendaItem, 'i1'),
  row({ meetingId: 'm1', position: 1, title: 'Matters arising', standard: 'matters-arising' } as unknown as AgendaItem, 'i2'),
  row({ meetingId: 'm1', position: 2, title: 'Finance report', standard: '' } as unknown as AgendaItem, 'i3'),
];
const organisations = [row({ name: 'Volunteer Centre Bedford', status: 'member' } as Organisation, 'o1'), row({ name: 'Voluntary Action Luton', status: 'member' } as Organisation, 'o2')];
const representatives = [row({ organisationId: 'o1', name: 'Sam Patel', kind: 'representative' } as Representative, 'r1')];
const attendance = [row({ meetingId: 'm1', organisationId: 'o2', representativeId: '', status: 'apologies' } as Attendance, 'a2'), row({ meetingId: 'm1', organisationId: 'o1', representativeId: 'r1', status: 'present' } as Attendance, 'a1')];
const minutes = [row({ meetingId: 'm1', agendaItemId: 'i3', text: 'The quarter’s spend was reported.\n\nQuestions were taken.', decisions: 'The report was received.', declarations: [{ organisationId: 'o2', interest: 'Holds the contract' }] } as Minute, 'minute:m1:i3')];
const action = (id: string, fields: Partial<Action>) => row({ meetingId: 'm1', agendaItemId: 'i3', action: 'Circulate the budget', accountableOrganisationId: 'o1', dueOn: '2027-01-31', status: 'open', progress: '', progressOn: '', reportedDone: false, ...fields } as Action, id);

const input = (largePrint = false) => ({
  consortiumName: 'Bedfordshire & Luton VCS Consortium',
  meeting,
  items,
  minutes,
  state: { ...minutesLifecycle.initial(), status: 'circulated' as const, circulatedOn: '2026-12-10' },
  attendance,
  organisations,
  representatives,
  actions: [action('x1', {})],
  arising: [action('x0', { meetingId: 'm0', action: 'Book the venue for March', accountableOrganisationId: 'o2', progress: 'Asked two venues' })],
  largePrint,
});

async function paragraphsOf(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replaceAll('&amp;', '&')).join(''));
  const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
  return { xml, paragraphs, footers };
}

describe('the minutes as a document', () => {
  it('reads back from the Word file headed, with attendance, numbered items, decisions, interests, matters arising, the actions table and page numbers', async () => {
    const { xml, paragraphs, footers } = await paragraphsOf(await docxBytes(minutesDocument(input())));
    expect(paragraphs).toContain('Minutes: Consortium meeting');
    expect(paragraphs).toContain('Consortium meeting of Bedfordshire & Luton VCS Consortium');
    expect(paragraphs).toContain('Tuesday 8 December 2026, 10:00 to 12:00, Volunteer Centre Bedford');
    expect(paragraphs).toContain('Draft minutes, circulated for comment on 10 December 2026; to be confirmed at the next meeting.');
    // Attendance: present first, by the representative's name; apologies after.
    const attendanceAt = paragraphs.indexOf('Attendance');
    expect(paragraphs.slice(attendanceAt, attendanceAt + 10)).toEqual(expect.arrayContaining(['Volunteer Centre Bedford', 'Sam Patel', 'Present', 'Voluntary Action Luton', 'Apologies']));
    expect(paragraphs.indexOf('Volunteer Centre Bedford', attendanceAt)).toBeLessThan(paragraphs.indexOf('Voluntary Action Luton', attendanceAt));
    for (const heading of ['1. Apologies', '2. Matters arising', '3. Finance report', 'Actions agreed']) expect(paragraphs).toContain(heading);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?3\. Finance report/);
    expect(paragraphs).toContain('The quarter’s spend was reported.');
    expect(paragraphs).toContain('Questions were taken.');
    expect(paragraphs).toContain('Decided: The report was received.');
    expect(paragraphs).toContain('Interest declared by Voluntary Action Luton: Holds the contract');
    // Matters arising under its item: the earlier open action with its progress.
    expect(paragraphs.indexOf('Book the venue for March')).toBeGreaterThan(paragraphs.indexOf('2. Matters arising'));
    expect(paragraphs).toContain('Asked two venues');
    // The actions table: item number, what, who, by when.
    const table = paragraphs.slice(paragraphs.indexOf('Actions agreed'));
    expect(table.slice(1, 5)).toEqual(['Item', 'Action', 'Who', 'By when']);
    expect(table.slice(5, 9)).toEqual(['3', 'Circulate the budget', 'Volunteer Centre Bedford', '31 January 2027']);
    expect(footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
    // The same document prints (PrintDocument) with the same words.
    expect(documentText(minutesDocument(input()))).toContain('Decided: The report was received.');
  });

  it('sets large print at 16 pt, and ordinary print at 11 pt', async () => {
    const ordinary = await paragraphsOf(await docxBytes(minutesDocument(input(false))));
    const large = await paragraphsOf(await docxBytes(minutesDocument(input(true))));
    const bodySize = (xml: string) => /<w:docDefaults>[\s\S]*?<w:sz w:val="(\d+)"\/>/.exec(xml)?.[1];
    const styles = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/styles.xml')!.async('string');
    expect(bodySize(await styles(await docxBytes(minutesDocument(input(false)))))).toBe('22');
    expect(bodySize(await styles(await docxBytes(minutesDocument(input(true)))))).toBe('32');
    expect(large.paragraphs).toEqual(ordinary.paragraphs);
  });

  it('writes the attendance register as CSV and XLSX, one row per organisation', async () => {
    const rows = attendanceRows(attendance, organisations, representatives);
    expect(rows).toEqual([
      { organisation: 'Volunteer Centre Bedford', attendedBy: 'Sam Patel', status: 'Present' },
      { organisation: 'Voluntary Action Luton', attendedBy: '', status: 'Apologies' },
    ]);
    const details = { consortiumName: 'Bedfordshire & Luton VCS Consortium', meeting };
    const csv = attendanceCsv(rows, details);
    expect(csv.fileName).toBe('Bedfordshire & Luton VCS Consortium – attendance – 2026-12-08.csv');
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['Organisation', 'Attended by', 'Attendance'],
      ['Volunteer Centre Bedford', 'Sam Patel', 'Present'],
      ['Voluntary Action Luton', '', 'Apologies'],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await attendanceXlsx(rows, details)).bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Attendance')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Organisation', 'Attended by', 'Attendance']);
    expect(sheet.getRow(3).getCell(1).value).toBe('Voluntary Action Luton');
    expect(sheet.getRow(3).getCell(3).value).toBe('Apologies');
  });
});
