/**
 * Notice of a meeting on its page (Partnership Agreement 10.5): the date the agenda
 * pack is due, from shared/rules/notice.ts with the nation's bank holidays, and the
 * secretariat's or chair's "Record that the agenda pack was circulated" with the date
 * it went out. A pack sent after its due date is shown as late by N working days
 * (notice-words.ts). The date is checked field by field and kept as typed.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { isoDate } from '../../../shared/domain/common';
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { formatLongDate } from '../../../shared/rules';
import { useCitation } from '../../app/use-citation';
import { useConsortium } from '../../app/use-consortium';
import { useStore } from '../../db/store-context';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { todayInLondon } from '../../ui/dates';
import { useFormSave } from '../../ui/use-form-save';
import { useKeepsMeetings } from './MeetingCalendarExport';
import { packNotice, packNoticeWords } from './notice-words';
import './schedule.css';

const circulationSchema = (today: string) =>
  z.object({
    papersCirculatedOn: isoDate('the date the agenda pack was circulated').refine((d) => d <= today, 'The date the pack was circulated cannot be after today'),
  });
type CirculationValues = { papersCirculatedOn: string };

function RecordCirculation({ meeting, today }: { meeting: Meeting; today: string }) {
  const { repositories } = useStore();
  const schema = useMemo(() => circulationSchema(today), [today]);
  const form = useForm<CirculationValues>({
    resolver: zodResolver(schema),
    defaultValues: { papersCirculatedOn: meeting.papersCirculatedOn || today },
    shouldFocusError: false,
  });
  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    await repositories.meetings.update(meeting.id, { papersCirculatedOn: values.papersCirculatedOn });
    form.reset(values);
    return `Recorded that the agenda pack was circulated on ${formatLongDate(values.papersCirculatedOn)}.`;
  });
  return (
    <FormProvider {...form}>
      <form className="form" noValidate onSubmit={submit} aria-label="Record that the agenda pack was circulated">
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <DateField name="papersCirculatedOn" label="Date the agenda pack was circulated" />
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
            {meeting.papersCirculatedOn ? 'Change the date it was circulated' : 'Record that the agenda pack was circulated'}
          </button>
        </div>
        <p className="status-line" role="status">
          {saved}
        </p>
      </form>
    </FormProvider>
  );
}

function Notice({ meeting, consortium }: { meeting: Meeting; consortium: Consortium }) {
  const { cite } = useCitation();
  const keeps = useKeepsMeetings();
  const today = todayInLondon();
  const notice = packNotice(meeting, consortium, today);
  const needed = consortium.constitution.noticeWorkingDays;
  const warn = notice.state === 'late' || notice.state === 'overdue';
  return (
    <section className="panel papers-notice" aria-labelledby="papers-notice-title">
      <h2 className="section-title" id="papers-notice-title">
        Agenda pack
      </h2>
      {notice.state === 'unknown' ? (
        <p>{notice.message}</p>
      ) : (
        <>
          <p>
            Papers due by <strong>{formatLongDate(notice.dueBy)}</strong>: {needed} working {needed === 1 ? 'day' : 'days'} before the meeting, not counting weekends and bank holidays ({cite('notice')}).
          </p>
          {notice.state !== 'due' && <p className={warn ? 'warning' : undefined}>{packNoticeWords(notice)}.</p>}
        </>
      )}
      {keeps && meeting.status !== 'cancelled' && <RecordCirculation meeting={meeting} today={today} />}
    </section>
  );
}

/** For the meeting's page: the notice panel, live. */
export function PapersNotice({ meetingId }: { meetingId: string }) {
  const { db } = useStore();
  const consortium = useConsortium();
  const meeting = useLiveQuery(async () => (await db.meetings.get(meetingId)) ?? null, [db, meetingId]);
  if (!meeting || meeting.deleted || !consortium) return null;
  return <Notice meeting={meeting} consortium={consortium} />;
}
