/**
 * The minutes as the secretariat sends them (minutes-document.ts), read back:
 * the Word file (jszip, word/document.xml) has the heading, the attendance, the
 * numbered items with their decisions and interests, the actions table and page
 * numbers; large print sets the text larger; the attendance register reads back
 * from CSV and XLSX with a row per organisation. Decisions taken on a real store
 * through the decisions' actions print under their item with their proof (the
 * quorum, who was eligible and not and why, the counts and each member's vote,
 * dissent, the rule, an override with the funder's term) and elections after the
 * items, read back from the Word file.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action, AgendaItem, Attendance, Meeting, Minute, Organisation, Representative } from '../../../shared/domain/entities';
import { minutesLifecycle } from '../../../shared/rules/lifecycles';
import { docxBytes } from '../../exports/docx';
import { documentText } from '../../exports/document';
import { attendanceCsv, attendanceRows, attendanceXlsx, minutesDocument } from './minutes-document';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import type { TestCopy } from '../../db/sync/test-support';
import { decideMotion, openElection, overrideDecision, proposeMotion, recordBallot, recordVote } from '../decisions/decision-actions';

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

describe('decisions in the minutes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints each decision under its item with its proof, an override with the funder’s term, and the meeting’s elections', async () => {
    // Decisions are recorded on or after their meeting's day.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-25T12:00:00Z'));
    const c = await consortiaForTests()([
      ['Secretariat', 'secretariat'],
      ['Accountable Body', 'accountable-body'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, ab, luton] = c.copies as [TestCopy, TestCopy, TestCopy];
    const make = (name: string, extra: Record<string, unknown> = {}, id?: string) => s.repos.organisations.create({ name, kind: 'cvs', status: 'member', joinedOn: '2020-04-01', ...extra }, id);
    const o = {
      ab: await make('Bedford Council for Voluntary Service', {}, await orgOf(ab)),
      luton: await make('Voluntary Action Luton', {}, await orgOf(luton)),
      rural: await make('Bedfordshire Rural Communities Charity'),
      race: await make('Bedford Race Equality Council'),
      adviser: await make('Bedfordshire Advice Forum', { status: 'co-opted', coOptedOn: '2021-04-01' }),
    };
    await s.repos.consortium.update((await s.db.consortium.toArray())[0]!.id, { accountableBodyId: o.ab });
    const store = storeOf(s);
    const meetingId = await s.repos.meetings.create({ title: 'Annual meeting', kind: 'consortium', date: '2027-03-09', startTime: '10:00', location: 'Bedford', lastOfYear: true });
    for (const organisationId of [o.ab, o.luton, o.rural, o.race, o.adviser]) await s.repos.attendance.create({ meetingId, organisationId, status: 'present' });
    const bidItem = await s.repos.agendaItems.create({ meetingId, position: 5, title: 'Bid to the county council’s fund' });
    const reservesItem = await s.repos.agendaItems.create({ meetingId, position: 6, title: 'Reserves policy' });
    await s.repos.minutes.create({ meetingId, agendaItemId: bidItem, text: 'The bid was discussed.', decisions: '', declarations: [{ organisationId: o.rural, interest: 'A trustee is on the fund’s panel' }] });

    const bidId = await proposeMotion(store, { meetingId, agendaItemId: bidItem, text: 'That the consortium bids for the fund', proposerOrganisationId: o.luton, seconderOrganisationId: o.race, ballot: 'named', decisionKind: 'ordinary' });
    const bid = (await s.repos.motions.get(bidId))!;
    await recordVote(store, bid, o.ab, 'for');
    await recordVote(store, bid, o.luton, 'for');
    await recordVote(store, bid, o.race, 'against');
    await decideMotion(store, bid, { method: 'vote' });
    const reservesId = await proposeMotion(store, { meetingId, agendaItemId: reservesItem, text: 'That reserves may fund partners’ overspend', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary' });
    await decideMotion(store, (await s.repos.motions.get(reservesId))!, { method: 'consensus', dissent: [o.race] });
    const secretId = await proposeMotion(store, { meetingId, agendaItemId: reservesItem, text: 'That the reserve is reviewed yearly', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'secret', decisionKind: 'ordinary' });
    await decideMotion(store, (await s.repos.motions.get(secretId))!, { method: 'vote', counts: { for: 1, against: 2, abstain: 1 } });
    const electionId = await openElection(store, (await s.repos.meetings.get(meetingId))!, 'chair', [{ organisationId: o.luton, representativeId: '' }, { organisationId: o.rural, representativeId: '' }]);
    await recordBallot(store, (await s.repos.elections.get(electionId))!, { [o.luton]: 3, [o.rural]: 1 });
    await send(s, ab);
    await overrideDecision(storeOf(ab), (await ab.repos.motions.get(reservesId))!, { reason: 'Grant money cannot cover overspend', funderTerm: 'Grant agreement, clause 9.1', on: '2027-03-20' });
    await send(ab, s);

    const [items, minutes, attendance, organisations, motions, elections] = await Promise.all([
      s.db.agendaItems.where('meetingId').equals(meetingId).sortBy('position'),
      s.db.minutes.where('meetingId').equals(meetingId).toArray(),
      s.db.attendance.where('meetingId').equals(meetingId).toArray(),
      s.db.organisations.toArray(),
      s.db.motions.where('meetingId').equals(meetingId).toArray(),
      s.db.elections.where('meetingId').equals(meetingId).toArray(),
    ]);
    const document = minutesDocument({
      consortiumName: 'Bedfordshire & Luton VCS Consortium',
      meeting: (await s.repos.meetings.get(meetingId))!,
      items,
      minutes,
      state: minutesLifecycle.initial(),
      attendance,
      organisations,
      representatives: [],
      actions: [],
      arising: [],
      motions,
      elections,
    });
    const { paragraphs } = await paragraphsOf(await docxBytes(document));
    const at = (text: string) => {
      const i = paragraphs.indexOf(text);
      if (i < 0) throw new Error(`Not in the minutes: ${text}\n${paragraphs.join('\n')}`);
      return i;
    };
    // Under item 1, in order: the motion, its outcome, its proof, each member's vote.
    const item1 = at('1. Bid to the county council’s fund');
    expect(at('Motion: That the consortium bids for the fund (proposed by Voluntary Action Luton, seconded by Bedford Race Equality Council).')).toBeGreaterThan(item1);
    expect(at('Outcome: Carried (2 for, 1 against, 0 abstentions).')).toBeLessThan(at('2. Reserves policy'));
    expect(paragraphs).toContain('Quorum: 4 present of 5 members eligible to vote; 2 required. Not counted: Bedfordshire Advice Forum is co-opted: co-opted organisations advise the consortium but do not vote.');
    expect(paragraphs).toContain('Eligible to vote (3): Bedford Council for Voluntary Service, Bedford Race Equality Council and Voluntary Action Luton.');
    // The secretariat's own organisation (the test consortium's) is a member, absent.
    expect(paragraphs).toContain(
      'Not eligible: Bedfordshire Advice Forum is co-opted: co-opted organisations advise the consortium but do not vote. Bedfordshire Rural Communities Charity declared an interest in this item and does not vote on it. Secretariat was not present, by its representative or a named substitute.',
    );
    expect(paragraphs).toContain('Named ballot: 2 for, 1 against, 0 abstentions.');
    expect(paragraphs.filter((p) => p === 'Dissent recorded: Bedford Race Equality Council.')).toHaveLength(2);
    expect(paragraphs.some((p) => p.startsWith('Rule: A simple majority of the votes cast: carried when more vote for than against'))).toBe(true);
    const votes = at('Each member’s vote');
    expect(paragraphs.slice(votes, votes + 8)).toEqual(expect.arrayContaining(['Organisation', 'Vote', 'Bedford Race Equality Council', 'Against', 'Voluntary Action Luton', 'For']));
    // Under item 2: consensus with dissent, overridden; a secret ballot with only its counts.
    expect(at('Outcome: Agreed by consensus.')).toBeGreaterThan(at('2. Reserves policy'));
    expect(paragraphs).toContain('Agreed by consensus, without a vote.');
    expect(paragraphs).toContain('Overridden by the Accountable Body on 20 March 2027: Grant money cannot cover overspend (the funder’s term: Grant agreement, clause 9.1).');
    expect(paragraphs).toContain('Outcome: Not carried (1 for, 2 against, 1 abstention).');
    expect(paragraphs).toContain('Secret ballot: 1 for, 2 against, 1 abstention; only the counts are kept.');
    expect(paragraphs.filter((p) => p === 'Each member’s vote')).toHaveLength(1);
    // The election after the items.
    expect(at('Election of the Chair for 2027/28: Voluntary Action Luton elected Chair.')).toBeGreaterThan(at('Elections'));
    expect(paragraphs).toContain('Ballot: Voluntary Action Luton 3, Bedfordshire Rural Communities Charity 1.');
    expect(documentText(document).join(' ')).not.toContain('Not yet decided');
  });
});
