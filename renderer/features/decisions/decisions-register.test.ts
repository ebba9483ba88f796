/**
 * The decisions register over real stores and real bundles: decisions taken
 * through the app's own actions on the secretariat's copy (consensus with
 * dissent, a named vote, a tied vote, a steering group's recommendation by
 * secret ballot ratified later, an election through a tie), an override
 * recorded on the Accountable Body's copy and received, and an application the
 * chair decided after consulting members; then the register's rows, its
 * filters, and its CSV and XLSX read back (papaparse, exceljs) with the figures.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import type { TestCopy } from '../../db/sync/test-support';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { applicationFormSchema } from '../../../shared/domain/application-form';
import { decideApplication, openConsultation, saveApplication } from '../applications/application-actions';
import { decideMotion, openElection, overrideDecision, proposeMotion, recordBallot, recordVote } from './decision-actions';
import { CHAIR_DECISION_WORDS, citedRows, decisionsRegister, filterRegister, registerCsv, registerDocument, registerXlsx, registerYears, type DecisionRow } from './decisions-register';
import { documentText } from '../../exports/document';

const consortium = consortiaForTests();

let rows: DecisionRow[];
let s: TestCopy;
const details = { consortiumName: 'Bedfordshire & Luton VCS Infrastructure Consortium', area: 'Bedfordshire & Luton', onDate: '2027-03-31' };

async function everything(copy: TestCopy) {
  const [motions, elections, applications, meetings, organisations, agendaItems, minutes] = await Promise.all([
    copy.db.motions.toArray(),
    copy.db.elections.toArray(),
    copy.db.applications.toArray(),
    copy.db.meetings.toArray(),
    copy.db.organisations.toArray(),
    copy.db.agendaItems.toArray(),
    copy.db.minutes.toArray(),
  ]);
  return decisionsRegister({ motions, elections, applications, meetings, organisations, agendaItems, minutes });
}

afterAll(() => {
  vi.useRealTimers();
});

beforeAll(async () => {
  // Decisions are recorded on or after their meeting's day: the end of the 2026/27 year.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-03-31T12:00:00Z'));
  const c = await consortium([
    ['Secretariat', 'secretariat'],
    ['Chair', 'chair'],
    ['Accountable Body', 'accountable-body'],
    ['Voluntary Action Luton', 'partner'],
  ]);
  const [sec, chair, ab, luton] = c.copies as [TestCopy, TestCopy, TestCopy, TestCopy];
  s = sec;
  const make = (name: string, extra: Record<string, unknown> = {}, id?: string) => s.repos.organisations.create({ name, kind: 'cvs', status: 'member', joinedOn: '2020-04-01', ...extra }, id);
  const o = {
    ab: await make('Bedford Council for Voluntary Service', {}, await orgOf(ab)),
    luton: await make('Voluntary Action Luton', {}, await orgOf(luton)),
    rural: await make('Bedfordshire Rural Communities Charity'),
    race: await make('Bedford Race Equality Council'),
    south: await make('Voluntary and Community Action South Bedfordshire'),
    adviser: await make('Bedfordshire Advice Forum', { status: 'co-opted', coOptedOn: '2021-04-01' }),
  };
  const consortiumRow = (await s.db.consortium.toArray())[0]!;
  await s.repos.consortium.update(consortiumRow.id, { accountableBodyId: o.ab });
  const store = storeOf(s);
  const meeting = async (title: string, kind: 'consortium' | 'steering-group', date: string, present: string[], extra: Record<string, unknown> = {}) => {
    const meetingId = await s.repos.meetings.create({ title, kind, date, startTime: '10:00', location: 'Bedford', ...extra });
    for (const organisationId of present) await s.repos.attendance.create({ meetingId, organisationId, status: 'present' });
    const itemId = await s.repos.agendaItems.create({ meetingId, position: 5, title: 'Bid to the county council’s fund' });
    return { meetingId, itemId };
  };
  const motion = async (meetingId: string, text: string, extra: Record<string, unknown> = {}) => {
    const id = await proposeMotion(store, { meetingId, agendaItemId: '', text, proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary', ...extra });
    return (await s.repos.motions.get(id))!;
  };
  const all = [o.ab, o.luton, o.rural, o.race, o.south, o.adviser];

  // October: agreed by consensus, later overridden by the Accountable Body.
  const october = await meeting('Consortium meeting', 'consortium', '2026-10-13', all);
  const underspend = await motion(october.meetingId, 'That partners may carry underspend into next year');
  await decideMotion(store, underspend, { method: 'consensus' });
  // November: the steering group recommends, by secret ballot.
  const steering = await meeting('Steering group', 'steering-group', '2026-11-03', [o.ab, o.luton, o.rural]);
  const strategy = await motion(steering.meetingId, 'That the consortium adopts the volunteering strategy', { ballot: 'secret', recommendation: true });
  await decideMotion(store, strategy, { method: 'vote', counts: { for: 2, against: 0, abstain: 1 } });
  // December: a named vote, with an interest declared; consensus with dissent; a tie; the recommendation ratified.
  const december = await meeting('Consortium meeting', 'consortium', '2026-12-08', all);
  await s.repos.minutes.create({ meetingId: december.meetingId, agendaItemId: december.itemId, text: '', decisions: '', declarations: [{ organisationId: o.rural, interest: 'A trustee is on the fund’s panel' }] });
  const bid = await motion(december.meetingId, 'That the consortium bids for the fund', { agendaItemId: december.itemId });
  await recordVote(store, bid, o.ab, 'for');
  await recordVote(store, bid, o.luton, 'for');
  await recordVote(store, bid, o.race, 'against');
  await recordVote(store, bid, o.south, 'abstain');
  await decideMotion(store, bid, { method: 'vote' });
  const newsletter = await motion(december.meetingId, 'That the newsletter goes monthly');
  await decideMotion(store, newsletter, { method: 'consensus', dissent: [o.race] });
  const venue = await motion(december.meetingId, 'That meetings move to Luton');
  for (const [org, choice] of [[o.ab, 'for'], [o.luton, 'for'], [o.race, 'against'], [o.south, 'against']] as const) await recordVote(store, venue, org, choice);
  await decideMotion(store, venue, { method: 'vote' });
  const ratify = await motion(december.meetingId, 'To ratify the volunteering strategy', { refersToTable: 'motions', refersToRow: strategy.id });
  await decideMotion(store, ratify, { method: 'consensus' });
  // March: the Chair elected through a tie.
  const march = await meeting('Annual meeting', 'consortium', '2027-03-09', [o.ab, o.luton, o.rural, o.race, o.south], { lastOfYear: true });
  const electionId = await openElection(store, (await s.repos.meetings.get(march.meetingId))!, 'chair', [{ organisationId: o.luton, representativeId: '' }, { organisationId: o.rural, representativeId: '' }]);
  await recordBallot(store, (await s.repos.elections.get(electionId))!, { [o.luton]: 2, [o.rural]: 2 });
  await recordBallot(store, (await s.repos.elections.get(electionId))!, { [o.luton]: 3, [o.rural]: 2 });

  // The Accountable Body's copy overrides October's decision; the secretariat receives it.
  await send(s, ab);
  await overrideDecision(storeOf(ab), (await ab.repos.motions.get(underspend.id))!, { reason: 'The grant cannot be carried over', funderTerm: 'Grant agreement, clause 7.2', on: '2026-11-02' });
  await send(ab, s);

  // An application the chair decides after consulting members, with no objection.
  const applicationId = await saveApplication(
    store,
    applicationFormSchema.parse({
      organisationName: 'Leighton Linslade Volunteer Centre',
      kind: 'volunteer-centre',
      contactName: 'Sam Example',
      contactEmail: 'sam@example.org',
      address: '1 High Street',
      criteria: BEDFORDSHIRE_CONSTITUTION.membershipCriteria.map((_, i) => (i < 3 ? { claimed: true, evidence: `Criterion ${i + 1}` } : { claimed: false, evidence: '' })),
      levelOfWork: 'Two staff',
      receivedOn: '2026-11-20',
    }),
    BEDFORDSHIRE_CONSTITUTION,
  );
  await openConsultation(store, applicationId, '2026-11-21', [o.luton]);
  await send(s, chair);
  await decideApplication(storeOf(chair), (await chair.repos.applications.get(applicationId))!, { decision: 'admitted', reason: 'No member objected', on: '2026-12-22', atMeetingId: '' }, BEDFORDSHIRE_CONSTITUTION);
  await send(chair, s);

  rows = await everything(s);
}, 60_000);

const row = (decided: string) => {
  const found = rows.find((r) => r.decided.startsWith(decided));
  if (!found) throw new Error(`No row for ${decided}: ${rows.map((r) => r.decided).join(' | ')}`);
  return found;
};

describe('the decisions register', () => {
  it('has one row per decision, newest first, across meetings and outside them', () => {
    expect(rows.map((r) => [r.date, r.decided.slice(0, 40)])).toEqual([
      ['2027-03-09', 'Election of the Chair for 2027/28: Volun'],
      ['2026-12-22', 'To admit Leighton Linslade Volunteer Cen'],
      ['2026-12-08', 'That meetings move to Luton'],
      ['2026-12-08', 'That the consortium bids for the fund'],
      ['2026-12-08', 'That the newsletter goes monthly'],
      ['2026-12-08', 'To ratify the volunteering strategy'],
      ['2026-11-03', 'That the consortium adopts the volunteer'],
      ['2026-10-13', 'That partners may carry underspend into '],
    ]);
  });

  it('says how each was decided, by which meeting, what it refers to and whether it stands', () => {
    expect(row('That the consortium bids')).toMatchObject({
      meetingTitle: 'Consortium meeting',
      meetingKind: 'consortium',
      how: 'By vote, named ballot: 2 for, 1 against, 1 abstention; dissent recorded: Bedford Race Equality Council',
      outcome: 'Carried (2 for, 1 against, 1 abstention)',
      counts: { for: 2, against: 1, abstain: 1 },
      ballot: 'named',
      refersTo: 'Agenda item: Bid to the county council’s fund',
      status: 'stands',
      votes: [
        { organisation: 'Bedford Council for Voluntary Service', choice: 'for' },
        { organisation: 'Bedford Race Equality Council', choice: 'against' },
        { organisation: 'Voluntary Action Luton', choice: 'for' },
        { organisation: 'Voluntary and Community Action South Bedfordshire', choice: 'abstain' },
      ],
    });
    expect(row('That the newsletter')).toMatchObject({ how: 'By consensus; dissent recorded: Bedford Race Equality Council', outcome: 'Agreed by consensus', dissent: ['Bedford Race Equality Council'], status: 'stands' });
    expect(row('That meetings move')).toMatchObject({ outcome: 'Tied (2 for, 2 against, 0 abstentions): not carried', status: 'tied', statusWords: 'Tied: not carried. The chair has no casting vote.' });
    expect(row('That the consortium adopts')).toMatchObject({
      meetingKind: 'steering-group',
      how: 'By vote, secret ballot: 2 for, 0 against, 1 abstention',
      ballot: 'secret',
      votes: [],
      refersTo: 'A recommendation: ratified at the Consortium meeting of 8 December 2026',
    });
    expect(row('To ratify')).toMatchObject({ refersTo: 'Ratifying the recommendation of the Steering group of 3 November 2026: That the consortium adopts the volunteering strategy' });
    expect(row('That partners may carry')).toMatchObject({
      status: 'overridden',
      override: { reason: 'The grant cannot be carried over', funderTerm: 'Grant agreement, clause 7.2', on: '2026-11-02' },
      statusWords: 'Overridden by the Accountable Body on 2 November 2026: The grant cannot be carried over (the funder’s term: Grant agreement, clause 7.2)',
    });
    expect(row('Election of the Chair')).toMatchObject({
      decided: 'Election of the Chair for 2027/28: Voluntary Action Luton elected',
      how: 'Ballot 1: Bedfordshire Rural Communities Charity 2, Voluntary Action Luton 2; Ballot 2: Voluntary Action Luton 3, Bedfordshire Rural Communities Charity 2',
      outcome: 'Voluntary Action Luton elected Chair',
      status: 'stands',
    });
    expect(row('To admit Leighton')).toMatchObject({ meetingId: '', meetingTitle: 'Outside a meeting', how: CHAIR_DECISION_WORDS, outcome: 'Admitted', refersTo: 'Membership application: Leighton Linslade Volunteer Centre' });
  });

  it('filters by kind of meeting, year, status and words, and sorts oldest first', () => {
    expect(filterRegister(rows, { meetingKind: 'steering-group' }).map((r) => r.decided)).toEqual(['That the consortium adopts the volunteering strategy']);
    expect(filterRegister(rows, { meetingKind: 'outside' }).map((r) => r.source)).toEqual(['application']);
    expect(filterRegister(rows, { year: '2027' })).toHaveLength(1);
    expect(registerYears(rows)).toEqual(['2027', '2026']);
    expect(filterRegister(rows, { status: 'overridden' }).map((r) => r.decided)).toEqual(['That partners may carry underspend into next year']);
    expect(filterRegister(rows, { status: 'tied' }).map((r) => r.decided)).toEqual(['That meetings move to Luton']);
    expect(filterRegister(rows, { text: 'race equality against' }).map((r) => r.decided)).toEqual(['That meetings move to Luton', 'That the consortium bids for the fund']);
    const oldest = filterRegister(rows, { oldestFirst: true });
    expect(oldest.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
    // Within a day the order is the same either way.
    const sameDay = (list: DecisionRow[]) => list.filter((r) => r.date === '2026-12-08').map((r) => r.decided);
    expect(sameDay(oldest)).toEqual(sameDay(rows));
  });

  it('says the clauses in the consortium’s own words', () => {
    const cited = citedRows(rows, (text) => text.replaceAll('Partnership Agreement', 'Strategy'));
    expect(cited.find((r) => r.source === 'application')?.how).toBe('Decided by the chair after consulting members (Strategy 5.3)');
    expect(registerDocument(rows, details, (text) => text.replaceAll('Partnership Agreement', 'Strategy')).footer).toMatch(/\(Strategy 10\.7\)\.$/);
  });

  it('exports CSV with one row per decision and each member’s vote in "Votes", read back', () => {
    const file = registerCsv(rows, details);
    expect(file.fileName).toBe('Bedfordshire & Luton – decisions – 2027-03-31.csv');
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(file.bytes).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(rows.length);
    const bid = parsed.data.find((r) => r.Decided === 'That the consortium bids for the fund')!;
    expect(bid).toMatchObject({ Date: '2026-12-08', For: '2', Against: '1', Abstain: '1', Ballot: 'named', Status: 'Stands' });
    expect(bid.Votes).toBe('Bedford Council for Voluntary Service: for; Bedford Race Equality Council: against; Voluntary Action Luton: for; Voluntary and Community Action South Bedfordshire: abstain');
    const secret = parsed.data.find((r) => r.Decided?.startsWith('That the consortium adopts'))!;
    expect(secret).toMatchObject({ For: '2', Against: '0', Abstain: '1', Ballot: 'secret', Votes: '' });
    expect(parsed.data.find((r) => r.Decided?.startsWith('That partners'))).toMatchObject({ 'Override reason': 'The grant cannot be carried over', 'Funder’s term': 'Grant agreement, clause 7.2' });
    expect(parsed.data.find((r) => r.Decided?.startsWith('To admit'))).toMatchObject({ How: CHAIR_DECISION_WORDS, Meeting: 'Outside a meeting', For: '' });
  });

  it('exports XLSX with typed dates and counts on "Decisions", and one row per member vote on "Votes", read back', async () => {
    const file = await registerXlsx(rows, details);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as never);
    const sheet = workbook.getWorksheet('Decisions')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 9)).toEqual(['Date', 'Meeting', 'Kind of meeting', 'Decided', 'How', 'Outcome', 'For', 'Against', 'Abstain']);
    expect(sheet.rowCount).toBe(rows.length + 1);
    const bidRow = sheet.getRows(2, rows.length)!.find((r) => r.getCell(4).value === 'That the consortium bids for the fund')!;
    expect(bidRow.getCell(1).value).toEqual(new Date(Date.UTC(2026, 11, 8)));
    expect(bidRow.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect([bidRow.getCell(7).value, bidRow.getCell(8).value, bidRow.getCell(9).value]).toEqual([2, 1, 1]);
    const chairRow = sheet.getRows(2, rows.length)!.find((r) => String(r.getCell(4).value).startsWith('To admit'))!;
    expect(chairRow.getCell(7).value).toBeNull();
    const votes = workbook.getWorksheet('Votes')!;
    const lines = votes.getRows(2, votes.rowCount - 1)!.map((r) => [r.getCell(3).value, r.getCell(4).value, r.getCell(5).value]);
    // Two named ballots (the bid, four votes; the venue, four votes); the secret ballot keeps none.
    expect(lines).toHaveLength(8);
    expect(lines).toContainEqual(['That the consortium bids for the fund', 'Voluntary Action Luton', 'For']);
    expect(lines).toContainEqual(['That meetings move to Luton', 'Voluntary and Community Action South Bedfordshire', 'Against']);
    expect(votes.getRow(2).getCell(1).value).toEqual(new Date(Date.UTC(2026, 11, 8)));
  });

  it('prints each decision with its counts and each member’s vote of a named ballot', () => {
    const document = registerDocument(rows, details);
    const words = documentText(document).join('\n');
    expect(document.title).toBe('Bedfordshire & Luton VCS Infrastructure Consortium: decisions register');
    expect(words).toContain('8 decisions, newest first.');
    expect(words).toContain('8 December 2026: That the consortium bids for the fund');
    expect(words).toContain('Outcome: Carried (2 for, 1 against, 1 abstention)');
    expect(words).toContain('Status: Overridden by the Accountable Body on 2 November 2026: The grant cannot be carried over (the funder’s term: Grant agreement, clause 7.2)');
    const bidTable = document.blocks.find((b) => b.kind === 'table' && b.rows.some((r) => r[0] === 'Voluntary and Community Action South Bedfordshire' && r[1] === 'Abstain'));
    expect(bidTable).toBeDefined();
  });
});
