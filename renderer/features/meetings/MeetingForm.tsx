/**
 * One meeting, added (/meetings/new) or changed (/meetings/:meetingId/edit): kind,
 * title, date, start and end time in London, venue with its accessibility notes, the
 * link to join online, and whether it is the last meeting of the financial year
 * (Partnership Agreement 8.4, 9.2). Invalid input is shown field by field and what was
 * typed is kept (useFormSave); saving goes through saveMeeting, one transaction.
 */
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate, useParams } from 'react-router';
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { useConsortium } from '../../app/use-consortium';
import { useCitation } from '../../app/use-citation';
import { useStore } from '../../db/store-context';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { EmptyState, Page } from '../../ui/Page';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { formatDayAndDate } from '../../ui/dates';
import { MeetingCalendarExport } from './MeetingCalendarExport';
import { MEETING_KIND_CHOICES, meetingFormSchema, meetingValuesOf, saveMeeting, type MeetingFormInput, type MeetingFormOutput } from './schedule-form';

const STATUS_CHOICES = [
  { value: 'planned', label: 'Planned' },
  { value: 'held', label: 'Held' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** The venue and joining fields, shared with the schedule form. */
export function VenueFields() {
  return (
    <>
      <TextField name="location" label="Venue" hint="The building and its address, or leave empty for a meeting held only online." />
      <TextAreaField
        name="accessibilityNotes"
        label="Access to the venue"
        hint="For example step-free entrance, lift, hearing loop, accessible toilet, parking, or how to ask for a British Sign Language interpreter."
        rows={3}
      />
      <TextField name="onlineLink" label="Link to join online (optional)" type="url" hint="A web address starting https://" />
    </>
  );
}

function MeetingFormBody({ consortium, meeting }: { consortium: Consortium; meeting?: Meeting }) {
  const store = useStore();
  const navigate = useNavigate();
  const { cite } = useCitation();
  const form = useForm<MeetingFormInput, unknown, MeetingFormOutput>({
    resolver: zodResolver(meetingFormSchema),
    defaultValues: meetingValuesOf(meeting),
    shouldFocusError: false,
  });
  const { prompt, allowLeaving } = useUnsavedChanges(form.formState.isDirty);
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    const id = await saveMeeting(store, values, consortium, meeting);
    allowLeaving();
    await navigate(`/meetings/${encodeURIComponent(id)}`, {
      state: { saved: meeting ? `Saved the changes to ${values.title}.` : `Added ${values.title} on ${formatDayAndDate(values.date)}.` },
    });
  });
  return (
    <FormProvider {...form}>
      <form className="form" noValidate onSubmit={submit} aria-label={meeting ? `Change ${meeting.title}` : 'Add a meeting'}>
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <section className="form-section" aria-labelledby="meeting-what">
          <h2 id="meeting-what" className="section-title">
            The meeting
          </h2>
          <SelectField name="kind" label="Kind of meeting" choices={MEETING_KIND_CHOICES} />
          <TextField name="title" label="Title" hint="As it will read on the agenda and in calendars." />
          <DateField name="date" label="Date" />
          <div className="inline-fields">
            <TextField name="startTime" label="Start time" hint="24-hour clock, London time, like 10:00" width="short" />
            <TextField name="endTime" label="End time (optional)" hint="Like 12:30" width="short" />
          </div>
          {meeting && <SelectField name="status" label="Where it stands" choices={STATUS_CHOICES} />}
          <CheckboxField
            name="lastOfYear"
            label="The last meeting of the financial year"
            hint={`The Chair is elected (${cite('chair')}) and the Accountable Body’s appointment may be reviewed (${cite('abReview')}) there. If a later consortium meeting is planned in the same year, the mark moves to it.`}
          />
        </section>
        <section className="form-section" aria-labelledby="meeting-where">
          <h2 id="meeting-where" className="section-title">
            Where
          </h2>
          <VenueFields />
        </section>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {meeting ? 'Save changes' : 'Add the meeting'}
          </button>
        </div>
      </form>
      {prompt}
    </FormProvider>
  );
}

/** /meetings/new and /meetings/:meetingId/edit. */
export function MeetingFormPage() {
  const { meetingId } = useParams();
  const { db } = useStore();
  const consortium = useConsortium();
  const meeting = useLiveQuery(async () => (meetingId ? ((await db.meetings.get(meetingId)) ?? null) : null), [db, meetingId]);
  const title = meetingId ? 'Change the meeting' : 'Add a meeting';
  if (!consortium || meeting === undefined) return <Page title={title} />;
  if (meetingId && (!meeting || meeting.deleted)) {
    return (
      <Page title="Meeting not found" back={<Link to="/meetings">Meetings</Link>}>
        <EmptyState>
          <p>This copy holds no such meeting. It may not have reached this copy yet.</p>
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page
      title={meeting ? `Change ${meeting.title}` : title}
      back={meeting ? <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>{meeting.title}</Link> : <Link to="/meetings">Meetings</Link>}
      intro={meeting ? <p>{formatDayAndDate(meeting.date)}</p> : <p>One meeting. To plan a year of meetings at once, <Link to="/meetings/schedule">schedule them</Link>.</p>}
    >
      {meeting && <MeetingCalendarExport meetingId={meeting.id} withEdit={false} />}
      <MeetingFormBody key={meeting?.id ?? 'new'} consortium={consortium} meeting={meeting ?? undefined} />
    </Page>
  );
}
