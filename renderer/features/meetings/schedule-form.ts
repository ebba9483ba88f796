/**
 * The meetings forms' rules and saving (docs/architecture.md, "Meetings: the schedule
 * and notice"): one meeting added or edited, or a whole schedule computed by
 * shared/rules/schedule.ts and written in one transaction, all or nothing, through
 * the repositories. Either way the consortium meetings' `lastOfYear` flags are
 * brought up to date in the same transaction, so exactly the last consortium meeting
 * of each financial year is marked (Partnership Agreement 8.4, 9.2).
 */
import { z } from 'zod';
import { isoDate } from '../../../shared/domain/common';
import { MEETING_KIND_LABELS, MEETING_KINDS, meetingSchema, type Meeting, type MeetingKind } from '../../../shared/domain/entities';
import { financialYearOf } from '../../../shared/rules/financial-year';
import { planSchedule, ScheduleRefused, WEEK_OF_MONTH_NAMES, WEEKDAY_NAMES, type Recurrence, type ScheduledDate, type Weekday, type WeekOfMonth } from '../../../shared/rules/schedule';
import { authorityTables } from '../../db/authority';
import type { ReadyStore } from '../../db/open';
import type { Choice } from '../../ui/fields';

export const MEETING_KIND_CHOICES: Choice[] = MEETING_KINDS.map((kind) => ({ value: kind, label: MEETING_KIND_LABELS[kind] }));
export const WEEKDAY_CHOICES: Choice[] = [1, 2, 3, 4, 5, 6, 0].map((day) => ({ value: day, label: WEEKDAY_NAMES[day]! }));
export const WEEK_CHOICES: Choice[] = ['1', '2', '3', '4', 'last'].map((week) => ({ value: week, label: WEEK_OF_MONTH_NAMES[week]![0]!.toUpperCase() + WEEK_OF_MONTH_NAMES[week]!.slice(1) }));
export const PATTERNS = ['weeks', 'monthly', 'quarterly', 'quarterly-same-day'] as const;
export type Pattern = (typeof PATTERNS)[number];
export const PATTERN_LABELS: Record<Pattern, string> = {
  weeks: 'Every so many weeks',
  monthly: 'Monthly, on a weekday of the month',
  quarterly: 'Every three months, on a weekday of the month',
  'quarterly-same-day': 'Every three months, on the same day of the month',
};

export interface FinancialYearStart {
  financialYearStartMonth: number;
  financialYearStartDay: number;
}

/* ---------- One meeting ---------- */

/** The single-meeting form: the meeting's own schema, its date and start time required. */
export const meetingFormSchema = meetingSchema.safeExtend({
  date: z.string().min(1, 'Enter the date of the meeting').pipe(isoDate('the meeting date')),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time like 10:00'),
});
export type MeetingFormInput = z.input<typeof meetingFormSchema>;
export type MeetingFormOutput = z.output<typeof meetingFormSchema>;

export function meetingValuesOf(meeting?: Meeting): MeetingFormInput {
  return {
    title: meeting?.title ?? 'Consortium meeting',
    kind: meeting?.kind ?? 'consortium',
    date: meeting?.date ?? '',
    startTime: meeting?.startTime ?? '',
    endTime: meeting?.endTime ?? '',
    location: meeting?.location ?? '',
    accessibilityNotes: meeting?.accessibilityNotes ?? '',
    onlineLink: meeting?.onlineLink ?? '',
    lastOfYear: meeting?.lastOfYear ?? false,
    papersCirculatedOn: meeting?.papersCirculatedOn ?? '',
    chairRepresentativeId: meeting?.chairRepresentativeId ?? '',
    status: meeting?.status ?? 'planned',
  };
}

type Store = Pick<ReadyStore, 'db' | 'repositories'>;

function transactionTables(db: ReadyStore['db']) {
  return [db.meetings, db.changeLog, db.installation, ...authorityTables(db)];
}

/**
 * Keeps the year's mark on its last meeting: in each of the given financial years (by
 * their start dates) that has a consortium meeting marked `lastOfYear`, the mark moves
 * to the latest planned consortium meeting of that year, and off every other. A year
 * with no mark is left without one: a schedule that stops short of the year's end
 * does not mark it (shared/rules/schedule.ts), and a single meeting is marked by
 * whoever adds it. Writes only what changes. Call inside a transaction.
 */
async function refreshLastOfYear(store: Store, years: ReadonlySet<string>, fy: FinancialYearStart): Promise<void> {
  const { db, repositories } = store;
  const all = (await db.meetings.toArray()).filter((m) => !m.deleted);
  // A meeting that is not a planned consortium meeting is not the year's last.
  for (const meeting of all) {
    if (meeting.lastOfYear && (meeting.kind !== 'consortium' || meeting.status === 'cancelled')) await repositories.meetings.update(meeting.id, { lastOfYear: false });
  }
  const meetings = all.filter((m) => m.kind === 'consortium' && m.status !== 'cancelled');
  for (const start of years) {
    const inYear = meetings.filter((m) => yearStart(m.date, fy) === start);
    if (!inYear.some((m) => m.lastOfYear)) continue;
    const last = inYear.reduce((latest, m) => (m.date > latest ? m.date : latest), inYear[0]!.date);
    for (const meeting of inYear) {
      const should = meeting.date === last;
      if ((meeting.lastOfYear ?? false) !== should) await repositories.meetings.update(meeting.id, { lastOfYear: should });
    }
  }
}

const yearStart = (date: string, fy: FinancialYearStart) => financialYearOf(date, fy.financialYearStartMonth, fy.financialYearStartDay).start;

/** Adds (no `existing`) or changes one meeting; returns its id. */
export async function saveMeeting(store: Store, values: MeetingFormOutput, fy: FinancialYearStart, existing?: Meeting): Promise<string> {
  const { db, repositories } = store;
  return db.transaction('rw', transactionTables(db), async () => {
    const id = existing ? existing.id : await repositories.meetings.create(values);
    if (existing) await repositories.meetings.update(id, values);
    const years = new Set([yearStart(values.date, fy)]);
    if (existing) years.add(yearStart(existing.date, fy));
    await refreshLastOfYear(store, years, fy);
    return id;
  });
}

/* ---------- A schedule ---------- */

export const scheduleFormSchema = z.object({
  title: z.string(),
  kind: z.enum(MEETING_KINDS, { error: 'Choose the kind of meeting' }),
  pattern: z.enum(PATTERNS, { error: 'Choose how often the meetings are' }),
  every: z.number(),
  week: z.string(),
  weekday: z.number(),
  from: z.string(),
  until: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  location: z.string(),
  accessibilityNotes: z.string(),
  onlineLink: z.string(),
});
export type ScheduleFormValues = z.infer<typeof scheduleFormSchema>;

export function scheduleDefaults(kind: MeetingKind = 'consortium'): ScheduleFormValues {
  return {
    title: MEETING_KIND_LABELS[kind],
    kind,
    pattern: 'weeks',
    every: 6,
    week: '2',
    weekday: 2,
    from: '',
    until: '',
    startTime: '10:00',
    endTime: '',
    location: '',
    accessibilityNotes: '',
    onlineLink: '',
  };
}

export function recurrenceOf(values: Pick<ScheduleFormValues, 'pattern' | 'every' | 'week' | 'weekday'>): Recurrence {
  const week = (values.week === 'last' ? 'last' : Number(values.week)) as WeekOfMonth;
  const weekday = values.weekday as Weekday;
  switch (values.pattern) {
    case 'weeks':
      return { pattern: 'weeks', every: values.every };
    case 'monthly':
      return { pattern: 'monthly', week, weekday };
    case 'quarterly':
      return { pattern: 'quarterly', week, weekday };
    case 'quarterly-same-day':
      return { pattern: 'quarterly-same-day' };
  }
}

export interface PlannedSchedule {
  dates: ScheduledDate[];
  /** Each meeting as it will be created. */
  meetings: z.input<typeof meetingSchema>[];
}

export type ScheduleProblem = { field: string; message: string };

/**
 * The schedule the form's values make, or every problem with them, each against its
 * field (`from`, `until`, `startTime`, `every`… and the meeting's own fields).
 */
export function planFromForm(
  values: ScheduleFormValues,
  context: { today: string; otherMeetingDates: readonly string[] } & FinancialYearStart,
): { ok: true; plan: PlannedSchedule } | { ok: false; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  const shared = {
    title: values.title,
    kind: values.kind,
    startTime: values.startTime,
    endTime: values.endTime,
    location: values.location,
    accessibilityNotes: values.accessibilityNotes,
    onlineLink: values.onlineLink,
  };
  // The meeting's own fields, checked by its schema with a date that is surely valid.
  const checked = meetingSchema.safeParse({ ...shared, startTime: /^([01]\d|2[0-3]):[0-5]\d$/.test(values.startTime) ? values.startTime : '', date: '2000-01-01' });
  if (!checked.success) for (const issue of checked.error.issues) problems.push({ field: String(issue.path[0]), message: issue.message });
  let dates: ScheduledDate[] = [];
  try {
    dates = planSchedule(
      { from: values.from, until: values.until, startTime: values.startTime, recurrence: recurrenceOf(values) },
      {
        today: context.today,
        financialYearStartMonth: context.financialYearStartMonth,
        financialYearStartDay: context.financialYearStartDay,
        otherMeetingDates: values.kind === 'consortium' ? context.otherMeetingDates : [],
      },
    );
  } catch (error) {
    if (!(error instanceof ScheduleRefused)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const kind = values.kind;
  return {
    ok: true,
    plan: {
      dates,
      meetings: dates.map((d) => ({ ...shared, date: d.date, startTime: d.startTime, lastOfYear: kind === 'consortium' && d.lastOfYear, status: 'planned' as const })),
    },
  };
}

/** Every meeting of the schedule, in one transaction: all are saved, or none. Returns their ids. */
export async function saveSchedule(store: Store, plan: PlannedSchedule, fy: FinancialYearStart): Promise<string[]> {
  const { db, repositories } = store;
  return db.transaction('rw', transactionTables(db), async () => {
    const ids: string[] = [];
    for (const meeting of plan.meetings) ids.push(await repositories.meetings.create(meeting));
    if (plan.meetings.some((m) => m.lastOfYear)) await refreshLastOfYear(store, new Set(plan.meetings.map((m) => yearStart(m.date, fy))), fy);
    return ids;
  });
}

/** Consortium meetings' dates already planned, for the year's last to be the last of all. */
export function plannedConsortiumDates(meetings: readonly Meeting[]): string[] {
  return meetings.filter((m) => !m.deleted && m.kind === 'consortium' && m.status !== 'cancelled').map((m) => m.date);
}
