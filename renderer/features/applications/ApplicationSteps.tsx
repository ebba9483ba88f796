/**
 * The next step on an application, for whoever this copy is (Partnership
 * Agreement 5.3; docs/architecture.md, "Lifecycles"): the secretariat or the
 * Accountable Body opens the consultation; each consulted member answers from
 * its own copy (the answer travels in its next bundle), or the secretariat
 * records an answer given by letter, e-mail or telephone; the chair decides
 * when every member that answered supports it, and otherwise refers it to the
 * next consortium meeting; the meeting's decision is recorded by its chair or
 * the secretariat; then the applicant is told. Each form says what is wrong in
 * plain words and keeps what was typed; a step this copy may not take is not
 * offered, and every copy refuses it anyway (shared/rules/lifecycles.ts).
 */
import { useForm, FormProvider, useFormContext, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { isoDate, optionalText } from '../../../shared/domain/common';
import { ANSWER_ROUTE_LABELS, ANSWER_ROUTES, CONSULTATION_ANSWER_LABELS, CONSULTATION_ANSWERS, type Consortium, type Meeting, type Office, type Organisation } from '../../../shared/domain/entities';
import { defaultClosingDate } from '../../../shared/rules/applications';
import { formatDate, formatLongDate } from '../../../shared/rules/calendar-date';
import { useStore } from '../../db/store-context';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { DateField } from '../../ui/DateField';
import { FieldError, SelectField, TextAreaField } from '../../ui/fields';
import { errorId, fieldId } from '../../ui/field-ids';
import { useFormSave } from '../../ui/use-form-save';
import { useCitation } from '../../app/use-citation';
import { answerConsultation, decideApplication, openConsultation, recordNotified, referApplication } from './application-actions';
import type { ApplicationView } from './use-applications';

/** One choice of several, as radio buttons in a fieldset whose legend names the question. */
function RadioField({ name, legend, choices, hint }: { name: string; legend: string; choices: ReadonlyArray<{ value: string; label: string; disabled?: string }>; hint?: ReactNode }) {
  const { register, formState, getFieldState } = useFormContext();
  const { error } = getFieldState(name, formState);
  const message = typeof error?.message === 'string' ? error.message : undefined;
  return (
    <fieldset className={`fieldset field${message ? ' field--invalid' : ''}`} aria-describedby={message ? errorId(name) : undefined}>
      <legend className="field-label">{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <FieldError name={name} message={message} />
      <div className="radio-list" id={fieldId(name)} tabIndex={-1}>
        {choices.map((choice) => (
          <div key={choice.value} className="field--checkbox radio-choice">
            <input type="radio" className="checkbox" id={fieldId(`${name}-${choice.value}`)} value={choice.value} disabled={!!choice.disabled} {...register(name)} />
            <label className="field-label field-label--inline" htmlFor={fieldId(`${name}-${choice.value}`)}>
              {choice.label}
              {choice.disabled && <span className="muted cell-secondary"> — {choice.disabled}</span>}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A small form for one step: its heading, fields, the error summary and one button. */
function StepForm<T extends FieldValues>({ form, title, intro, button, onSave, children, saved }: { form: UseFormReturn<T>; title: string; intro?: ReactNode; button: string; onSave: (values: T) => Promise<string | void>; children: ReactNode; saved?: string }) {
  const { submit, summaryKey, saveError, saved: said } = useFormSave(form, onSave);
  const id = `step-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <FormProvider {...form}>
      <form className="form step-form panel" noValidate onSubmit={submit} aria-labelledby={id}>
        <h3 id={id} className="panel-title">
          {title}
        </h3>
        {intro}
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        {children}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {button}
          </button>
        </div>
        <p className="status-line" role="status">
          {said || saved || ''}
        </p>
      </form>
    </FormProvider>
  );
}

const notBefore = (today: string, what: string) => (value: string) => value >= today || `${what} cannot be before today`;

function ConsultStep({ view, today, consulted }: { view: ApplicationView; today: string; consulted: Organisation[] }) {
  const store = useStore();
  const schema = z.object({ closesOn: isoDate('the closing date').refine((v) => notBefore(today, 'The closing date')(v) === true, 'The closing date cannot be before today') });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { closesOn: defaultClosingDate(today) }, shouldFocusError: false });
  const { cite } = useCitation();
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      title="Consult the members"
      intro={
        <p>
          The {consulted.length} members with a vote on {formatDate(today)} are asked for their view ({cite('applicationDecision')}): {consulted.map((o) => o.name).join(', ') || 'none'}. Each answers from its own copy of Quorum, or
          by letter, e-mail or telephone.
        </p>
      }
      button="Open the consultation"
      onSave={async (values) => {
        await openConsultation(store, view.application.id, String(values.closesOn), consulted.map((o) => o.id));
        return 'The consultation is open. Members see it on their copies after your next bundle.';
      }}
    >
      <DateField name="closesOn" label="Closing date" hint="Members answer by this date." />
    </StepForm>
  );
}

const answerSchema = z.object({
  answer: z.enum(CONSULTATION_ANSWERS, { error: 'Choose support, object or needs clarification' }),
  comment: optionalText('the comment', 2000),
});
const ANSWER_CHOICES = CONSULTATION_ANSWERS.map((value) => ({ value, label: { support: 'We support it', object: 'We object', 'needs-clarification': 'We need clarification' }[value] }));

function OwnAnswerStep({ view, organisation, today, isChair }: { view: ApplicationView; organisation: Organisation; today: string; isChair: boolean }) {
  const store = useStore();
  const mine = view.answers.find((a) => a.organisationId === organisation.id);
  const form = useForm<z.input<typeof answerSchema>, unknown, z.output<typeof answerSchema>>({
    resolver: zodResolver(answerSchema),
    defaultValues: { answer: mine?.answer, comment: mine?.comment ?? '' },
    shouldFocusError: false,
  });
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      title={`${organisation.name}’s answer`}
      intro={<p>{isChair ? 'Your answer is kept on this copy, with the others.' : 'Your answer is kept on this copy and goes to the chair in your next bundle.'}{mine ? ` You answered on ${formatDate(mine.answeredOn || today)}; you may change it until the chair decides.` : ''}</p>}
      button={mine ? 'Change our answer' : 'Give our answer'}
      onSave={async (values) => {
        await answerConsultation(store, { applicationId: view.application.id, organisationId: organisation.id, answer: values.answer as never, comment: String(values.comment ?? ''), via: 'copy', answeredOn: today });
        return isChair ? 'Your answer is saved.' : 'Your answer is saved. Save a bundle for the chair to send it.';
      }}
    >
      <RadioField name="answer" legend="Your organisation’s view" choices={ANSWER_CHOICES} />
      <TextAreaField name="comment" label="Comment (optional)" rows={3} />
    </StepForm>
  );
}

/** The ways the secretariat receives an answer (its own copy aside). */
const ROUTES = ANSWER_ROUTES.filter((value) => value !== 'copy').map((value) => ({ value, label: ANSWER_ROUTE_LABELS[value] }));

function RecordAnswerStep({ view, consulted, today }: { view: ApplicationView; consulted: Organisation[]; today: string }) {
  const store = useStore();
  // Its own field names: the secretariat's copy shows this form beside its own organisation's answer, and ids must not repeat.
  const schema = z.object({
    givenAnswer: answerSchema.shape.answer,
    givenComment: answerSchema.shape.comment,
    organisationId: z.string().min(1, 'Choose the member that answered'),
    via: z.enum(['letter', 'email', 'telephone']),
    answeredOn: isoDate('the date of the answer').refine((v) => v <= today, 'The date of the answer cannot be in the future'),
  });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { organisationId: '', via: 'letter', answeredOn: today, givenComment: '' },
    shouldFocusError: false,
  });
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      title="Record an answer given another way"
      intro={<p>For a member that answered by letter, e-mail or telephone. It replaces any answer that member gave before.</p>}
      button="Record the answer"
      onSave={async (values) => {
        const who = consulted.find((o) => o.id === values.organisationId);
        await answerConsultation(store, { applicationId: view.application.id, organisationId: String(values.organisationId), answer: values.givenAnswer as never, comment: String(values.givenComment ?? ''), via: values.via as never, answeredOn: String(values.answeredOn) });
        form.reset({ organisationId: '', via: 'letter', answeredOn: today, givenComment: '' });
        return `Recorded ${who?.name ?? 'the member'}’s answer.`;
      }}
    >
      <SelectField name="organisationId" label="Member" placeholder="Choose a member" choices={consulted.map((o) => ({ value: o.id, label: o.name }))} />
      <RadioField name="givenAnswer" legend="Its view" choices={ANSWER_CHOICES.map((c) => ({ ...c, label: CONSULTATION_ANSWER_LABELS[c.value] }))} />
      <TextAreaField name="givenComment" label="Comment (optional)" rows={2} />
      <div className="inline-fields">
        <SelectField name="via" label="How it was given" choices={ROUTES} />
        <DateField name="answeredOn" label="Date of the answer" />
      </div>
    </StepForm>
  );
}

function ReferStep({ view, meeting }: { view: ApplicationView; meeting: Meeting | undefined }) {
  const store = useStore();
  const schema = z.object({ reason: optionalText('the reason', 2000) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { reason: view.outcome?.message ?? '' }, shouldFocusError: false });
  const { cite } = useCitation();
  if (!meeting) {
    return (
      <div className="panel warning" role="status">
        <h3 className="panel-title">Refer it to the next consortium meeting</h3>
        <p>
          No consortium meeting is planned, so the application cannot be referred yet ({cite('applicationDecision')}). <Link to="/meetings">Plan the next meeting</Link>, then come back to refer it.
        </p>
      </div>
    );
  }
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      title="Refer it to the next consortium meeting"
      intro={
        <p>
          It goes on the agenda of the {meeting.title.toLowerCase() === 'consortium meeting' ? 'consortium meeting' : `“${meeting.title}”`} on {formatLongDate(meeting.date)}, and the applicant is invited to attend ({cite('applicationDecision')}).
        </p>
      }
      button={`Refer to the meeting on ${formatDate(meeting.date)}`}
      onSave={async (values) => {
        await referApplication(store, view.application, meeting, String(values.reason ?? ''));
        return `Referred to the meeting on ${formatDate(meeting.date)} and put on its agenda.`;
      }}
    >
      <TextAreaField name="reason" label="Why it goes to the meeting" rows={2} />
    </StepForm>
  );
}

function DecideStep({ view, consortium, today, atMeeting }: { view: ApplicationView; consortium: Consortium; today: string; atMeeting: Meeting | undefined }) {
  const store = useStore();
  const schema = z
    .object({
      decision: z.enum(['admitted', 'refused'], { error: 'Choose admit or refuse' }),
      reason: optionalText('the reason', 2000),
      on: isoDate('the date of the decision').refine((v) => v <= today, 'The date of the decision cannot be in the future'),
    })
    .refine((v) => v.decision !== 'refused' || v.reason !== '', { message: 'Say why the application is refused: the letter to the applicant gives the reason', path: ['reason'] });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { reason: '', on: atMeeting && atMeeting.date <= today ? atMeeting.date : today },
    shouldFocusError: false,
  });
  const eligible = view.assessment.eligible;
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      title={atMeeting ? 'Record the meeting’s decision' : 'The chair’s decision'}
      intro={atMeeting ? <p>The meeting on {formatLongDate(atMeeting.date)} decides the application.</p> : <p>{view.outcome?.message}</p>}
      button="Record the decision"
      onSave={async (values) => {
        await decideApplication(store, view.application, { decision: values.decision as 'admitted' | 'refused', reason: String(values.reason ?? ''), on: String(values.on), atMeetingId: atMeeting?.id ?? '' }, consortium.constitution);
        return values.decision === 'admitted' ? `${view.application.organisationName} is admitted: it is a member from ${formatDate(String(values.on))}.` : 'The application is refused.';
      }}
    >
      <RadioField
        name="decision"
        legend="Decision"
        choices={[
          { value: 'admitted', label: 'Admit as a member', ...(eligible ? {} : { disabled: 'it cannot be admitted: it does not show enough of the criteria' }) },
          { value: 'refused', label: 'Refuse' },
        ]}
      />
      <TextAreaField name="reason" label="Reason" hint="Given in the letter to the applicant; needed for a refusal." rows={2} />
      <DateField name="on" label="Date of the decision" hint="An admitted applicant is a member from this date." />
    </StepForm>
  );
}

function NotifiedStep({ view, today }: { view: ApplicationView; today: string }) {
  const store = useStore();
  const schema = z.object({ on: isoDate('the date the applicant was told').refine((v) => v <= today, 'That date cannot be in the future') });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { on: today }, shouldFocusError: false });
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      title="Tell the applicant"
      intro={<p>Send the decision letter, then record the day it went.</p>}
      button="Record that the applicant was told"
      onSave={async (values) => {
        await recordNotified(store, view.application.id, String(values.on));
        return 'Recorded.';
      }}
    >
      <DateField name="on" label="Date the letter was sent" />
    </StepForm>
  );
}

/** The steps open to this copy now, for the application as it stands. */
export function ApplicationSteps({
  view,
  consortium,
  today,
  offices,
  ownOrganisation,
  consulted,
  nextMeeting,
}: {
  view: ApplicationView;
  consortium: Consortium;
  today: string;
  offices: readonly Office[];
  /** This copy's organisation, when it is one the consultation asks. */
  ownOrganisation: Organisation | undefined;
  /** The organisations asked (while consulting), or to be asked (before). */
  consulted: Organisation[];
  nextMeeting: Meeting | undefined;
}) {
  const holds = (o: Office) => offices.includes(o);
  const handles = holds('secretariat') || holds('accountable-body') || holds('chair');
  const { status } = view.state;
  const steps: ReactNode[] = [];
  if (status === 'received' && handles) steps.push(<ConsultStep key="consult" view={view} today={today} consulted={consulted} />);
  if (status === 'consulting') {
    if (ownOrganisation && consulted.some((o) => o.id === ownOrganisation.id)) steps.push(<OwnAnswerStep key="own" view={view} organisation={ownOrganisation} today={today} isChair={holds('chair')} />);
    if (holds('chair') && view.outcome?.kind === 'chair-decides') steps.push(<DecideStep key="decide" view={view} consortium={consortium} today={today} atMeeting={undefined} />);
    if (holds('chair') && view.outcome?.kind === 'refer') steps.push(<ReferStep key="refer" view={view} meeting={nextMeeting} />);
    if (holds('secretariat')) steps.push(<RecordAnswerStep key="record" view={view} consulted={consulted} today={today} />);
  }
  if (status === 'referred' && (holds('chair') || holds('secretariat'))) {
    if (view.meeting && view.meeting.date > today) {
      steps.push(
        <div key="wait-meeting" className="panel" role="status">
          <h3 className="panel-title">The meeting decides it</h3>
          <p>Record the decision of the meeting on {formatLongDate(view.meeting.date)} here once it has been taken. Meanwhile, send the applicant the invitation letter below.</p>
        </div>,
      );
    } else {
      steps.push(<DecideStep key="decide-meeting" view={view} consortium={consortium} today={today} atMeeting={view.meeting} />);
    }
  }
  if ((status === 'admitted' || status === 'refused') && !view.state.notifiedOn && handles) steps.push(<NotifiedStep key="notified" view={view} today={today} />);
  if (steps.length === 0) return null;
  return (
    <section className="form-section" aria-labelledby="application-next">
      <h2 id="application-next" className="section-title">
        Next step
      </h2>
      {steps}
    </section>
  );
}
