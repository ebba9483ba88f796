import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { directoryCsv, directoryDocument, directoryRows, directorySummary, directoryXlsx, type DirectoryOrganisation, type DirectoryRepresentative } from './directory';
import { documentText } from './document';

function organisation(name: string, change: Partial<DirectoryOrganisation> = {}): DirectoryOrganisation {
  return { id: name.toLowerCase().replaceAll(' ', '-'), name, kind: 'cvs', status: 'member', joinedOn: '', resignedOn: '', servicesProvided: [], address: '', email: '', phone: '', website: '', ...change };
}

const ORGANISATIONS: DirectoryOrganisation[] = [
  organisation('Voluntary Action Luton', { email: 'val@example.org', phone: '01632 960004', address: '15 New Bedford Road\nLuton' }),
  organisation('Bedford Race Equality Council', { kind: 'race-equality-council' }),
  organisation('Rural Action', { status: 'co-opted', kind: 'rural-community-council' }),
  organisation('Gone Before', { status: 'member', resignedOn: '2026-10-01' }),
  organisation('Going Later', { status: 'member', resignedOn: '2027-03-31' }),
  organisation('Resigned Outright', { status: 'resigned', resignedOn: '2026-06-01' }),
  organisation('Resigned Undated', { status: 'resigned' }),
  organisation('Letter In', { status: 'resigned', resignedOn: '2027-01-31' }),
  organisation('Hopeful Applicant', { status: 'applicant' }),
  organisation('Turned Down', { status: 'refused' }),
  organisation('Removed Entry', { deleted: true }),
  organisation('Archived Entry', { archived: true }),
  organisation('resigned today', { resignedOn: '2026-11-22' }),
];

const REPRESENTATIVES: DirectoryRepresentative[] = [
  { organisationId: 'voluntary-action-luton', name: 'Pat Former', email: 'pat@example.org', kind: 'representative', until: '2026-03-31' },
  { organisationId: 'voluntary-action-luton', name: 'Everton Blake', email: 'everton.blake@example.org', kind: 'representative' },
  { organisationId: 'voluntary-action-luton', name: 'Sam Substitute', email: 'sam@example.org', kind: 'substitute' },
  { organisationId: 'rural-action', name: 'Lee Earlier', email: '', kind: 'representative', until: '2025-03-31' },
  { organisationId: 'rural-action', name: 'Jo Latest', email: 'jo@example.org', kind: 'representative', until: '2026-03-31' },
  { organisationId: 'bedford-race-equality-council', name: 'Removed Person', email: '', kind: 'representative', deleted: true },
  { organisationId: 'going-later', name: 'Still Serving', email: '', kind: 'representative', from: '2025-04-01', until: '2026-12-31' },
  { organisationId: 'going-later', name: 'Not Yet Started', email: '', kind: 'representative', from: '2027-01-01', until: '' },
];

const ON = '2026-11-22';
const DETAILS = { consortiumName: 'Bedfordshire & Luton VCS Infrastructure Consortium', area: 'Bedfordshire & Luton', onDate: ON };

describe('the published directory (Partnership Agreement 5.7)', () => {
  it('holds members and co-opted organisations, sorted by name, and leaves out resigned, refused, applicants, removed and archived', () => {
    expect(directoryRows(ORGANISATIONS, REPRESENTATIVES, ON).map((row) => row.organisation)).toEqual([
      'Bedford Race Equality Council',
      'Going Later',
      'Letter In',
      'Rural Action',
      'Voluntary Action Luton',
    ]);
  });

  it('keeps an organisation whose resignation takes effect after the date, and leaves it out from that date', () => {
    expect(directoryRows(ORGANISATIONS, REPRESENTATIVES, '2027-03-30').map((row) => row.organisation)).toContain('Going Later');
    expect(directoryRows(ORGANISATIONS, REPRESENTATIVES, '2027-03-31').map((row) => row.organisation)).not.toContain('Going Later');
    expect(directoryRows(ORGANISATIONS, REPRESENTATIVES, '2026-11-21').map((row) => row.organisation)).toContain('resigned today');
  });

  it('lists an organisation whose resignation is recorded but takes effect later as a member until then', () => {
    const letterIn = (date: string) => directoryRows(ORGANISATIONS, REPRESENTATIVES, date).find((row) => row.organisation === 'Letter In');
    expect(letterIn(ON)?.membership).toBe('Member');
    expect(letterIn('2027-01-31')).toBeUndefined();
  });

  it('gives each organisation its kind and membership in words, its contact details and its named representative', () => {
    const rows = directoryRows(ORGANISATIONS, REPRESENTATIVES, ON);
    expect(rows.find((row) => row.organisation === 'Voluntary Action Luton')).toEqual({
      organisation: 'Voluntary Action Luton',
      kind: 'Council for voluntary service',
      membership: 'Member',
      address: '15 New Bedford Road\nLuton',
      email: 'val@example.org',
      telephone: '01632 960004',
      website: '',
      representative: 'Everton Blake',
      representativeEmail: 'everton.blake@example.org',
    });
    const rural = rows.find((row) => row.organisation === 'Rural Action');
    expect(rural).toMatchObject({ kind: 'Rural community council', membership: 'Co-opted', representative: 'Jo Latest', representativeEmail: 'jo@example.org' });
    expect(rows.find((row) => row.organisation === 'Bedford Race Equality Council')?.representative).toBe('');
  });

  it('names the representative in the post on the date: one leaving later still serves, one starting later does not yet', () => {
    const on = (date: string) => directoryRows(ORGANISATIONS, REPRESENTATIVES, date).find((row) => row.organisation === 'Going Later')?.representative;
    expect(on(ON)).toBe('Still Serving');
    expect(on('2027-01-02')).toBe('Not Yet Started');
  });

  it('says in a line what is in it', () => {
    const rows = directoryRows(ORGANISATIONS, REPRESENTATIVES, ON);
    expect(directorySummary(rows)).toBe('5 member and co-opted organisations (1 co-opted); resigned ones are left out.');
    expect(directorySummary(rows.filter((row) => row.membership === 'Member').slice(0, 1))).toBe('1 member organisation; resigned ones are left out.');
  });

  it('exports as CSV with one column per detail, read back whole', () => {
    const file = directoryCsv(directoryRows(ORGANISATIONS, REPRESENTATIVES, ON), DETAILS);
    expect(file.fileName).toBe('Bedfordshire & Luton – directory – 2026-11-22.csv');
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(file.bytes), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['Organisation', 'Kind', 'Membership', 'Address', 'Email', 'Telephone', 'Website', 'Named representative', 'Representative’s email']);
    expect(parsed.data.map((row) => row.Organisation)).toEqual(['Bedford Race Equality Council', 'Going Later', 'Letter In', 'Rural Action', 'Voluntary Action Luton']);
    expect(parsed.data[4]).toMatchObject({ Address: '15 New Bedford Road\nLuton', Telephone: '01632 960004', 'Named representative': 'Everton Blake' });
  });

  it('exports as XLSX, one row per organisation, telephone numbers kept as text', async () => {
    const file = await directoryXlsx(directoryRows(ORGANISATIONS, REPRESENTATIVES, ON), DETAILS);
    expect(file.fileName).toBe('Bedfordshire & Luton – directory – 2026-11-22.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as never);
    const sheet = workbook.getWorksheet('Directory')!;
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getCell('A6').value).toBe('Voluntary Action Luton');
    expect(sheet.getCell('F6').value).toBe('01632 960004');
    expect(sheet.getCell('F6').type).toBe(ExcelJS.ValueType.String);
  });

  it('makes a document with a table of the same organisations, and the date it is as at', () => {
    const document = directoryDocument(directoryRows(ORGANISATIONS, REPRESENTATIVES, ON), DETAILS);
    expect(document.dateLine).toBe('As at 22 November 2026');
    const table = document.blocks.find((block) => block.kind === 'table');
    expect(table && table.kind === 'table' && table.rows.map((row) => row[0]?.[0])).toEqual(['Bedford Race Equality Council', 'Going Later', 'Letter In', 'Rural Action', 'Voluntary Action Luton']);
    const text = documentText(document);
    expect(text).toContain('Rural community council · Co-opted');
    expect(text).not.toContain('Gone Before');
  });
});
