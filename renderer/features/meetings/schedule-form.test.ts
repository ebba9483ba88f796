import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type ReadyStore } from '../../db/open';
import { foundConsortium } from '../../db/founding';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import type { Meeting } from '../../../shared/domain/entities';
import { meetingFormSchema, meetingValuesOf, planFromForm, plannedConsortiumDates, saveMeeting, saveSchedule, scheduleDefaults, type ScheduleFormValues } from './schedule-form';
import { addWorkingDays, dashboardNotice, packNotice, packNoticeWords } from './notice-words';

const TODAY = '2026-11-22';
const FY = { financialYearStartMonth: 4, financialYearStartDay: 1 };
const ENGLAND = { nation: 'england-and-wales' as const, constitution: BEDFORDSHIRE_CONSTITUTION };

let store: ReadyStore | undefined;
async function open(): Promise<ReadyStore> {
  const result = await openStore(`meetings-${crypto.randomUUID()}`);
  if (result.status !== 'ready') throw new Error(result.problem.message);
  const opened = result.store;
  store = opened;
  // Meetings are the secretariat's or the chair's to write (shared/domain/registry.ts): this copy founds the consortium as its secretariat.
  await foundConsortium({ db: opened.db, clock: opened.clock }, 'secretariat', async () => ({
    organisationId: crypto.randomUUID(),
    write: async (consortiumId) => {
      await opened.repositories.consortium.create({ name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton', nation: 'england-and-wales', ...FY, constitution: BEDFORDSHIRE_CONSTITUTION }, consortiumId);
    },
  }));
  return opened;
}
afterEach(async () => {
  await store?.db.delete();
  store = undefined;
});

const sixWeekly = (over: Partial<ScheduleFormValues> = {}): ScheduleFormValues => ({ ...scheduleDefaults(), from: '2026-12-01', until: '2027-11-30', location: 'Voluntary Action Luton', ...over });
const plan = (values: ScheduleFormValues, others: string[] = []) => planFromForm(values, { today: TODAY, otherMeetingDates: others, ...FY });
const live = async (s: ReadyStore) => (await s.db.meetings.orderBy('date').toArray()).filter((m) => !m.deleted);

describe('the schedule form', () => {
  it('plans the meetings with the form’s details, marking the last consortium meeting of the year', () => {
    const planned = plan(sixWeekly());
    if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
    expect(planned.plan.meetings).toHaveLength(9);
    expect(planned.plan.meetings[0]).toMatchObject({ title: 'Consortium meeting', kind: 'consortium', date: '2026-12-01', startTime: '10:00', location: 'Voluntary Action Luton', lastOfYear: false });
    expect(planned.plan.meetings.filter((m) => m.lastOfYear).map((m) => m.date)).toEqual(['2027-02-23']);
    // A steering group's last meeting is not where the Chair is elected.
    const steering = plan(sixWeekly({ kind: 'steering-group', title: 'Steering group' }));
    expect(steering.ok && steering.plan.meetings.some((m) => m.lastOfYear)).toBe(false);
  });

  it('turns the form’s choices into the pattern: monthly on the last Thursday, quarterly on the same day', () => {
    const monthly = plan(sixWeekly({ pattern: 'monthly', week: 'last', weekday: 4, until: '2027-03-31' }));
    expect(monthly.ok && monthly.plan.meetings.map((m) => m.date)).toEqual(['2026-12-31', '2027-01-28', '2027-02-25', '2027-03-25']);
    const quarterly = plan(sixWeekly({ pattern: 'quarterly-same-day', from: '2026-12-15', every: Number.NaN }));
    expect(quarterly.ok && quarterly.plan.meetings.map((m) => m.date)).toEqual(['2026-12-15', '2027-03-15', '2027-06-15', '2027-09-15']);
    // Weeks left empty are refused only when the pattern needs them.
    const weeks = plan(sixWeekly({ every: Number.NaN }));
    expect(!weeks.ok && weeks.problems.map((p) => p.field)).toEqual(['every']);
  });

  it('says every problem against its field: a past date, a missing time, a bad link, an end time before the start', () => {
    const planned = plan(sixWeekly({ from: '2026-11-01', startTime: '', onlineLink: 'meet dot example', title: ' ' }));
    expect(planned.ok).toBe(false);
    if (planned.ok) return;
    expect(Object.fromEntries(planned.problems.map((p) => [p.field, p.message]))).toEqual({
      title: 'Enter a title',
      onlineLink: 'Enter the online link as a web address starting https://',
      from: 'The first meeting cannot be before today',
      startTime: 'Enter the time the meetings start, like 10:00',
    });
    const times = plan(sixWeekly({ endTime: '09:00' }));
    expect(!times.ok && times.problems).toEqual([{ field: 'endTime', message: 'The end time must be after the start time' }]);
    const impossible = plan(sixWeekly({ from: '2027-02-31' }));
    expect(!impossible.ok && impossible.problems).toEqual([{ field: 'from', message: 'The date of the first meeting is not a real date' }]);
  });

  it('saves the whole schedule in one transaction, and moves the year’s last mark to the new last meeting', async () => {
    const s = await open();
    // A meeting already planned early in the year was marked its last; the schedule's 9 March comes after it.
    const early = await saveMeeting(s, meetingFormSchema.parse({ ...meetingValuesOf(), date: '2026-12-08', startTime: '10:00', lastOfYear: true }), FY);
    expect((await s.repositories.meetings.get(early))?.lastOfYear).toBe(true);
    const planned = plan(sixWeekly({ from: '2026-12-15' }), plannedConsortiumDates(await live(s)));
    if (!planned.ok) throw new Error(JSON.stringify(planned.problems));
    const ids = await saveSchedule(s, planned.plan, FY);
    expect(ids).toHaveLength(planned.plan.meetings.length);
    const saved = await live(s);
    expect(saved.map((m) => m.date)).toEqual(['2026-12-08', '2026-12-15', '2027-01-26', '2027-03-09', '2027-04-20', '2027-06-01', '2027-07-13', '2027-08-24', '2027-10-05', '2027-11-16']);
    // 2027/28 goes on past the schedule's end, so none of its meetings is marked.
    expect(saved.filter((m) => m.lastOfYear).map((m) => m.date)).toEqual(['2027-03-09']);
  });

  it('saves nothing when one meeting of the schedule cannot be written', async () => {
    const s = await open();
    const planned = plan(sixWeekly());
    if (!planned.ok) throw new Error('expected a plan');
    const broken = { ...planned.plan, meetings: [...planned.plan.meetings.slice(0, 4), { ...planned.plan.meetings[4]!, date: '2027-02-31' }, ...planned.plan.meetings.slice(5)] };
    await expect(saveSchedule(s, broken, FY)).rejects.toThrow();
    expect(await live(s)).toEqual([]);
  });

  it('keeps the mark on the year’s last consortium meeting: moving that one earlier gives the mark to the other', async () => {
    const s = await open();
    const a = await saveMeeting(s, meetingFormSchema.parse({ ...meetingValuesOf(), date: '2027-01-12', startTime: '10:00' }), FY);
    const b = await saveMeeting(s, meetingFormSchema.parse({ ...meetingValuesOf(), date: '2027-03-16', startTime: '10:00', lastOfYear: true }), FY);
    const get = async (id: string) => (await s.repositories.meetings.get(id)) as Meeting;
    expect([(await get(a)).lastOfYear, (await get(b)).lastOfYear]).toEqual([false, true]);
    await saveMeeting(s, meetingFormSchema.parse({ ...meetingValuesOf(await get(b)), date: '2026-12-01' }), FY, await get(b));
    expect([(await get(a)).lastOfYear, (await get(b)).lastOfYear]).toEqual([true, false]);
  });
});

describe('notice of a meeting (Partnership Agreement 10.5)', () => {
  const meeting = { date: '2026-06-02', papersCirculatedOn: '' };
  it('a meeting on Tuesday 2 June 2026 in England has its papers due by Tuesday 26 May 2026, the late May bank holiday not counted', () => {
    expect(packNotice(meeting, ENGLAND, '2026-05-01')).toEqual({ state: 'due', dueBy: '2026-05-26' });
    expect(packNoticeWords(packNotice(meeting, ENGLAND, '2026-05-01'))).toBe('Papers are due by Tuesday 26 May 2026');
  });

  it('a pack sent on the due date is in time; two days later it is late by 2 working days', () => {
    expect(packNotice({ ...meeting, papersCirculatedOn: '2026-05-26' }, ENGLAND, '2026-06-01').state).toBe('in-time');
    const late = packNotice({ ...meeting, papersCirculatedOn: '2026-05-28' }, ENGLAND, '2026-06-01');
    expect(late).toEqual({ state: 'late', dueBy: '2026-05-26', circulatedOn: '2026-05-28', lateBy: 2 });
    expect(packNoticeWords(late)).toBe('Circulated on Thursday 28 May 2026: late by 2 working days (due by Tuesday 26 May 2026)');
    expect(packNotice({ ...meeting, papersCirculatedOn: '2026-06-02' }, ENGLAND, '2026-06-02')).toMatchObject({ lateBy: 5 });
  });

  it('a pack not sent by its due date is overdue by the working days since', () => {
    expect(packNotice(meeting, ENGLAND, '2026-05-29')).toEqual({ state: 'overdue', dueBy: '2026-05-26', workingDaysOverdue: 3 });
  });

  it('says so when the meeting is beyond the bank holiday tables', () => {
    expect(packNotice({ date: '2199-06-02', papersCirculatedOn: '' }, ENGLAND, TODAY).state).toBe('unknown');
  });

  it('the dashboard lists packs due in the next 10 working days and late ones', () => {
    const row = (id: string, date: string, papersCirculatedOn = '') => ({ ...meetingFormSchema.parse({ ...meetingValuesOf(), date, startTime: '10:00', papersCirculatedOn }), id }) as unknown as Meeting;
    expect(addWorkingDays('2026-05-22', 1, { isBankHoliday: (d) => d === '2026-05-25' })).toBe('2026-05-26');
    const today = '2026-11-23';
    const notice = dashboardNotice([row('soon', '2026-12-08'), row('later', '2027-01-19'), row('late', '2026-11-26', '2026-11-23'), row('unsent', '2026-11-25'), row('past', '2026-11-01')], ENGLAND, today);
    expect(notice.dueSoon.map((d) => [d.meeting.id, d.dueBy])).toEqual([['soon', '2026-12-01']]);
    expect(notice.late.map((d) => [d.meeting.id, d.notice.state])).toEqual([
      ['unsent', 'overdue'],
      ['late', 'late'],
    ]);
  });
});
