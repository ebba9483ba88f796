/**
 * A year's schedule at once (/meetings/schedule; docs/architecture.md, "Meetings: the
 * schedule and notice"): what kind of meeting, how often (every N weeks, monthly or
 * quarterly on the nth weekday, quarterly on the same day), from a first date up to an
 * end date (by default the end of the financial year), at one London start time, and
 * where. The dates it will make are listed before saving, the last of the financial
 * year marked (Partnership Agreement 8.4, 9.2); saving writes them all in one
 * transaction, or none. Invalid input is shown field by field and kept as typed.
 */
import { useMemo } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { financialYearOf, formatLongDate, isCalendarDate } from '../../../shared/rules';
import { recurrenceInWords } from '../../../shared/rules/schedule';
import { useCitation } from '../../app/use-citation';
import { useConsortium } from '../../app/use-consortium';
import { useStore } from '../../db/store-context';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { NumberField, SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { todayInLondon } from '../../ui/dates';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { VenueFields } from './MeetingForm';
import {
  MEETING_KIND_CHOICES,
  PATTERN_LABELS,
  PATTERNS,
  planFromForm,
  plannedConsortiumDates,
  recurrenceOf,
  saveSchedule,
  scheduleDefaults,
  scheduleFormSchema,
  WEEK_CHOICES,
  WEEKDAY_CHOICES,
  type ScheduleFormValues,
} from './schedule-form';
import './schedule.css';

const PATTERN_CHOICES = PATTERNS.map((pattern) => ({ value: pattern, label: PATTERN_LABELS[pattern] }));

/** Whole weeks typed as text: empty or not a number reaches the rule as NaN, which it refuses in words. */
const formSchema = scheduleFormSchema.extend({ every: z.number().or(z.nan()) });

function Preview({ consortium, others, today }: { consortium: Consortium; others: string[]; today: string }) {
  const values = useWatch<ScheduleFormValues>() as ScheduleFormValues;
  const { cite } = useCitation();
  const planned = planFromForm(values, { today, otherMeetingDates: others, ...consortium });
  return (
    <section className="panel schedule-preview" aria-labelledby="schedule-preview-title">
      <h2 className="section-title" id="schedule-preview-title">
        The dates this will make
      </h2>
      {planned.ok ? (
        <>
          <p aria-live="polite">
            {planned.plan.meetings.length} {planned.plan.meetings.length === 1 ? 'meeting' : 'meetings'}: {recurrenceInWords(recurrenceOf(values), values.from).toLocaleLowerCase('en-GB')} from{' '}
            {formatLongDate(planned.plan.dates[0]!.date)} to {formatLongDate(planned.plan.dates.at(-1)!.date)}, each at {values.startTime} London time.
          </p>
          <ol className="schedule-preview-list" aria-label="Dates of the meetings">
            {planned.plan.meetings.map((m) => (
              <li key={m.date}>
                {formatLongDate(m.date)}, {m.startTime}
                {m.lastOfYear && <span className="tag tag--last-of-year">Last meeting of the financial year</span>}
              </li>
            ))}
          </ol>
          {planned.plan.meetings.some((m) => m.lastOfYear) && (
            <p className="muted">
              At the last meeting of the financial year the Chair is elected ({cite('chair')}) and the Accountable Body’s appointment may be reviewed ({cite('abReview')}).
            </p>
          )}
        </>
      ) : (
        <p>The dates will be listed here once the first date, how often and the start time are filled in.</p>
      )}
    </section>
  );
}

function EndHint({ consortium }: { consortium: Consortium }) {
  const from = useWatch<ScheduleFormValues, 'from'>({ name: 'from' });
  const end = typeof from === 'string' && isCalendarDate(from) ? financialYearOf(from, consortium.financialYearStartMonth, consortium.financialYearStartDay).end : '';
  return <>Leave empty to schedule to the end of the financial year{end ? `, ${formatLongDate(end)}` : ''}.</>;
}

function PatternFields() {
  const pattern = useWatch<ScheduleFormValues, 'pattern'>({ name: 'pattern' });
  return (
    <>
      <SelectField name="pattern" label="How often" choices={PATTERN_CHOICES} width="full" />
      {pattern === 'weeks' && <NumberField name="every" label="Weeks between meetings" hint="For example 6 for six-weekly meetings." />}
      {(pattern === 'monthly' || pattern === 'quarterly') && (
        <div className="inline-fields">
          <SelectField name="week" label="Which one in the month" choices={WEEK_CHOICES} width="short" />
          <SelectField name="weekday" label="Day of the week" choices={WEEKDAY_CHOICES} numeric />
        </div>
      )}
    </>
  );
}

function ScheduleFormBody({ consortium, meetings }: { consortium: Consortium; meetings: Meeting[] }) {
  const store = useStore();
  const navigate = useNavigate();
  const today = todayInLondon();
  const others = useMemo(() => plannedConsortiumDates(meetings), [meetings]);
  const resolverSchema = useMemo(
    () =>
      formSchema.superRefine((values, ctx) => {
        const planned = planFromForm(values, { today, otherMeetingDates: others, ...consortium });
        if (!planned.ok) for (const problem of planned.problems) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
      }),
    [today, others, consortium],
  );
  const form = useForm<ScheduleFormValues>({ resolver: zodResolver(resolverSchema), defaultValues: scheduleDefaults(), shouldFocusError: false });
  const { prompt, allowLeaving } = useUnsavedChanges(form.formState.isDirty);
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    const planned = planFromForm(values, { today, otherMeetingDates: others, ...consortium });
    if (!planned.ok) throw new Error(planned.problems.map((p) => p.message).join('. '));
    const ids = await saveSchedule(store, planned.plan, consortium);
    allowLeaving();
    const first = planned.plan.dates[0]!.date;
    const last = planned.plan.dates.at(-1)!.date;
    await navigate('/meetings', { state: { saved: `Scheduled ${ids.length} ${ids.length === 1 ? 'meeting' : 'meetings'}, from ${formatLongDate(first)} to ${formatLongDate(last)}.` } });
  });
  return (
    <FormProvider {...form}>
      <form className="form" noValidate onSubmit={submit} aria-label="Schedule meetings">
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <section className="form-section" aria-labelledby="schedule-what">
          <h2 id="schedule-what" className="section-title">
            The meetings
          </h2>
          <SelectField name="kind" label="Kind of meeting" choices={MEETING_KIND_CHOICES} />
          <TextField name="title" label="Title of each meeting" hint="As it will read on the agenda and in calendars." />
        </section>
        <section className="form-section" aria-labelledby="schedule-when">
          <h2 id="schedule-when" className="section-title">
            When
          </h2>
          <DateField name="from" label="Date of the first meeting" hint="Today or later. For a weekday of the month, the first such day on or after this date." />
          <PatternFields />
          <DateField name="until" label="Last date for a meeting (optional)" hint={<EndHint consortium={consortium} />} />
          <div className="inline-fields">
            <TextField name="startTime" label="Start time" hint="24-hour clock, London time, like 10:00" width="short" />
            <TextField name="endTime" label="End time (optional)" hint="Like 12:30" width="short" />
          </div>
        </section>
        <section className="form-section" aria-labelledby="schedule-where">
          <h2 id="schedule-where" className="section-title">
            Where
          </h2>
          <VenueFields />
        </section>
        <Preview consortium={consortium} others={others} today={today} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Save the schedule
          </button>
        </div>
      </form>
      {prompt}
    </FormProvider>
  );
}

/** /meetings/schedule */
export function SchedulePage() {
  const { db } = useStore();
  const consortium = useConsortium();
  const meetings = useLiveQuery(async () => (await db.meetings.toArray()).filter((m) => !m.deleted), [db]);
  if (!consortium || meetings === undefined) return <Page title="Schedule meetings" />;
  return (
    <Page
      title="Schedule meetings"
      back={<Link to="/meetings">Meetings</Link>}
      intro={<p>Plan a year of meetings at once. Check the dates listed below the form before saving; each meeting can be changed on its own page afterwards.</p>}
    >
      <ScheduleFormBody consortium={consortium} meetings={meetings} />
    </Page>
  );
}
