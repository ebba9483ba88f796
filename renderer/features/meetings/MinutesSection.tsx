/**
 * The minutes of a meeting, on its page (docs/architecture.md, "Meetings:
 * minutes, actions and search"): for each agenda item, in order, the notes and
 * the decisions in words — each kept as a draft as it is typed
 * (renderer/ui/use-draft.ts), so a crash or a closed window loses at most a
 * second — the interests declared, and the actions agreed (what, the one
 * organisation accountable, by when). Keyboard first: Alt+↓ and Alt+↑ move
 * between items, Alt+Shift+A adds an action to the item you are in.
 *
 * The minutes belong to the copy that takes them: every other copy shows them
 * read only and, once circulated, offers a comment of its own instead
 * (minuteComments). The open actions of earlier meetings come back under
 * matters arising; the minutes of the meeting before are confirmed here.
 */
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm } from 'react-hook-form';
import { Link } from 'react-router';
import type { Action, AgendaItem, Attendance, Declaration, Election, Meeting, Minute, MinuteComment, Motion, Organisation, Representative } from '../../../shared/domain/entities';
import { minutesLifecycle, type MinutesState } from '../../../shared/rules/lifecycles';
import { useCitation } from '../../app/use-citation';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { londonToday } from '../../db/london-today';
import { useInstallation, useStore } from '../../db/store-context';
import { LetterExport } from '../../exports/LetterExport';
import { formatDate } from '../../ui/dates';
import { DateField } from '../../ui/DateField';
import { DraftNotice } from '../../ui/DraftNotice';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { fieldId } from '../../ui/field-ids';
import { describeSaveError } from '../../ui/save-error';
import { useDraft } from '../../ui/use-draft';
import { AttendanceExport } from './AttendanceExport';
import { minutesDocument, minutesStatusSentence, paragraphsOf, progressWords } from './minutes-document';
import { addAction, addComment, mattersArising, minutesStateOf, previousMeeting, setDeclarations, startMinutes, stepMinutes } from './minutes-actions';
import './minutes.css';

interface Loaded {
  meeting: Meeting;
  items: AgendaItem[];
  minutes: Minute[];
  actions: Action[];
  meetings: Meeting[];
  organisations: Organisation[];
  comments: MinuteComment[];
  previousMinutes: Minute[];
  attendance: Attendance[];
  representatives: Representative[];
  /** The meeting's motions and elections, printed in the minutes with their proof. */
  motions: Motion[];
  elections: Election[];
}

const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** The focusable element of item n's first box (its notes, or for read-only minutes its heading). */
const itemTargetId = (n: number) => `minute-item-${n}`;
const actionFieldName = (n: number) => `action_${n}`;

export function MinutesSection({ meetingId }: { meetingId: string }) {
  const { db } = useStore();
  const data = useLiveQuery(async (): Promise<Loaded | null> => {
    const meeting = await db.meetings.get(meetingId);
    if (!meeting || meeting.deleted) return null;
    const meetings = live(await db.meetings.toArray());
    const previous = previousMeeting(meetings, meeting);
    const items = live(await db.agendaItems.where('meetingId').equals(meetingId).toArray()).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
    const previousMinutes = previous ? live(await db.minutes.where('meetingId').equals(previous.id).toArray()) : [];
    const allMinutesHere = live(await db.minutes.where('meetingId').equals(meetingId).toArray());
    return {
      meeting,
      items,
      minutes: allMinutesHere,
      actions: live(await db.actions.toArray()),
      meetings,
      organisations: live(await db.organisations.toArray()),
      comments: live(await db.minuteComments.where('meetingId').equals(meetingId).toArray()),
      previousMinutes,
      attendance: live(await db.attendance.where('meetingId').equals(meetingId).toArray()),
      representatives: live(await db.representatives.toArray()),
      motions: live(await db.motions.where('meetingId').equals(meetingId).toArray()),
      elections: live(await db.elections.where('meetingId').equals(meetingId).toArray()),
    };
  }, [db, meetingId]);
  if (!data) return null;
  return <Minutes data={data} />;
}

function Minutes({ data }: { data: Loaded }) {
  const store = useStore();
  const installation = useInstallation();
  const role = useThisCopyRole();
  const consortium = useConsortium();
  const { cite } = useCitation();
  const [status, setStatus] = useState({ message: '', failed: false });
  const [largePrint, setLargePrint] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const { meeting, items, minutes, actions, meetings, organisations, comments } = data;
  const state = minutesStateOf(minutes);
  const today = londonToday();
  const taker = !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
  const started = minutes.length > 0;
  const ours = taker && (state.takenBy === undefined || state.takenBy === installation.organisationId);
  const editable = ours && (state.status === 'draft' || state.status === 'circulated' || (state.status === 'confirmed' && !!state.amendments));
  const members = useMemo(() => organisations.filter((o) => o.status !== 'applicant' && o.status !== 'refused').sort((a, b) => a.name.localeCompare(b.name)), [organisations]);
  const orgName = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const byItem = new Map(minutes.map((m) => [m.agendaItemId, m]));
  const arising = mattersArising(actions, meetings, meeting);
  const agreedHere = actions.filter((a) => a.meetingId === meeting.id);
  const previous = previousMeeting(meetings, meeting);
  const previousState = minutesStateOf(data.previousMinutes);
  const confirmedAt = state.confirmedAtMeetingId ? meetings.find((m) => m.id === state.confirmedAtMeetingId) : undefined;
  const missing = items.filter((i) => !byItem.has(i.id));

  const run = useCallback(async (work: () => Promise<unknown>, done: string) => {
    setStatus({ message: '', failed: false });
    try {
      await work();
      setStatus({ message: done, failed: false });
    } catch (error) {
      setStatus({ message: describeSaveError(error), failed: true });
    }
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!event.altKey) return;
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    const n = current ? Number(current.dataset.item) : 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const next = event.key === 'ArrowDown' ? Math.min(items.length, n + 1) : Math.max(1, n - 1);
      const target = document.getElementById(itemTargetId(next));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: 'nearest' });
      }
    } else if (event.shiftKey && event.code === 'KeyA' && n > 0) {
      const button = sectionRef.current?.querySelector<HTMLButtonElement>(`[data-add-action="${n}"]`);
      if (button) {
        event.preventDefault();
        button.click();
      }
    }
  };

  const minutesDoc = consortium
    ? minutesDocument({
        consortiumName: consortium.name,
        meeting,
        items,
        minutes,
        state,
        attendance: data.attendance,
        organisations,
        representatives: data.representatives,
        actions: agreedHere,
        arising,
        comments,
        confirmedAt,
        motions: data.motions,
        elections: data.elections,
        largePrint,
      })
    : undefined;

  return (
    <section className="form-section minutes" aria-labelledby="meeting-minutes" ref={sectionRef} onKeyDown={onKeyDown}>
      <h2 id="meeting-minutes" className="section-title">
        Minutes
      </h2>
      <p className="minutes-status">
        <span className={`tag minutes-tag minutes-tag--${state.status}`}>{minutesLifecycle.statusWords[state.status]}</span>{' '}
        {started ? minutesStatusSentence(state, confirmedAt) : 'Not started.'}{' '}
        {started && !ours && (state.takenBy !== undefined ? `Taken on ${orgName.get(state.takenBy) ?? 'another copy'}’s copy: read only here.` : 'Read only on this copy.')}
      </p>
      {editable && (
        <p className="field-hint" id="minutes-keys">
          Keyboard: <kbd>Alt</kbd>+<kbd>↓</kbd> next item, <kbd>Alt</kbd>+<kbd>↑</kbd> previous item, <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>A</kbd> add an action to the item you are in. What you type is kept as you type and saved when you leave the box.
        </p>
      )}
      <p className={status.failed ? 'status-line warning' : 'status-line'} role="status">
        {status.message}
      </p>
      {items.length === 0 ? (
        <p>Put items on the agenda to minute them.</p>
      ) : (
        <>
          {taker && (state.takenBy === undefined || ours) && missing.length > 0 && state.status !== 'locked' && (
            <div className="form-actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => void run(() => startMinutes(store, meeting.id, missing, installation.organisationId), started ? 'Added the new items to the minutes.' : 'Started the minutes on this copy.')}
              >
                {started ? `Add ${missing.length === 1 ? 'the new item' : `the ${missing.length} new items`} to the minutes` : 'Start the minutes on this copy'}
              </button>
            </div>
          )}
          {started && (
            <ol className="minutes-items">
              {items.map((item, index) => (
                <MinuteItem
                  key={item.id}
                  n={index + 1}
                  item={item}
                  minute={byItem.get(item.id)}
                  editable={editable}
                  canAddActions={taker && state.status !== 'locked'}
                  canComment={!ours && state.status === 'circulated' && installation.organisationId !== ''}
                  members={members}
                  orgName={orgName}
                  actions={agreedHere.filter((a) => a.agendaItemId === item.id)}
                  comments={comments.filter((c) => c.agendaItemId === item.id)}
                  meeting={meeting}
                  arising={item.standard === 'matters-arising' ? arising : undefined}
                  confirmation={
                    item.standard === 'minutes' && previous ? (
                      <Confirmation previous={previous} state={previousState} started={data.previousMinutes.length > 0} meeting={meeting} canConfirm={taker && today >= meeting.date} run={run} />
                    ) : undefined
                  }
                />
              ))}
            </ol>
          )}
          {started && items.every((i) => i.standard !== 'matters-arising') && <MattersArising actions={arising} orgName={orgName} />}
          {started && items.every((i) => i.standard !== 'minutes') && previous && (
            <Confirmation previous={previous} state={previousState} started={data.previousMinutes.length > 0} meeting={meeting} canConfirm={taker && today >= meeting.date} run={run} />
          )}
        </>
      )}

      {started && <Steps state={state} ours={ours} meeting={meeting} run={run} confirmedAt={confirmedAt} />}

      {started && minutesDoc && (
        <div className="minutes-exports">
          <h3 className="minutes-subtitle">Send the minutes</h3>
          <div className="field field--checkbox">
            <input id="minutes-large-print" type="checkbox" className="checkbox" checked={largePrint} onChange={(e) => setLargePrint(e.target.checked)} />
            <label className="field-label field-label--inline" htmlFor="minutes-large-print">
              Large print
            </label>
          </div>
          <LetterExport document={minutesDoc} fileName={`${consortium?.name ?? 'Quorum'} – ${minutesDoc.title}`} label="The minutes" />
          <AttendanceExport meeting={meeting} attendance={data.attendance} organisations={organisations} representatives={data.representatives} />
          <p className="field-hint">
            Members give notice and papers for meetings as the constitution says ({cite('notice')}); decisions are by consensus where possible ({cite('consensus')}).{' '}
            <Link to="/actions">The action log</Link> lists every meeting’s actions.
          </p>
        </div>
      )}
    </section>
  );
}

function MinuteItem({
  n,
  item,
  minute,
  editable,
  canAddActions,
  canComment,
  members,
  orgName,
  actions,
  comments,
  meeting,
  arising,
  confirmation,
}: {
  n: number;
  item: AgendaItem;
  minute: Minute | undefined;
  editable: boolean;
  canAddActions: boolean;
  canComment: boolean;
  members: Organisation[];
  orgName: Map<string, string>;
  actions: Action[];
  comments: MinuteComment[];
  meeting: Meeting;
  arising: Action[] | undefined;
  confirmation: React.ReactNode;
}) {
  const headingId = `minute-item-${n}-title`;
  return (
    <li className="minute-item" data-item={n}>
      <h3 className="minute-item-title" id={editable && minute ? headingId : itemTargetId(n)} tabIndex={editable && minute ? undefined : -1}>
        {n}. {item.title}
      </h3>
      {confirmation}
      {arising && <MattersArising actions={arising} orgName={orgName} embedded />}
      {minute && editable ? <MinuteTextEditor n={n} minute={minute} /> : <MinuteText minute={minute} />}
      {minute && <Declarations n={n} minute={minute} editable={editable} members={members} orgName={orgName} />}
      <ItemActions n={n} item={item} meeting={meeting} actions={actions} members={members} orgName={orgName} canAdd={canAddActions} />
      <ItemComments n={n} item={item} meeting={meeting} comments={comments} orgName={orgName} canComment={canComment} />
    </li>
  );
}

function MinuteText({ minute }: { minute: Minute | undefined }) {
  const notes = paragraphsOf(minute?.text ?? '');
  const decisions = paragraphsOf(minute?.decisions ?? '');
  if (notes.length === 0 && decisions.length === 0) return <p className="muted">Nothing minuted.</p>;
  return (
    <div className="minute-text">
      {notes.map((p, i) => (
        <p key={`n${i}`}>{p}</p>
      ))}
      {decisions.length > 0 && (
        <div className="minute-decisions">
          <p className="minute-label">Decided</p>
          {decisions.map((p, i) => (
            <p key={`d${i}`}>{p}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function MinuteTextEditor({ n, minute }: { n: number; minute: Minute }) {
  const notes = `notes_${n}`;
  const decisions = `decisions_${n}`;
  const form = useForm<Record<string, string>>({ defaultValues: { [notes]: minute.text, [decisions]: minute.decisions } });
  const record = { table: 'minutes' as const, row: minute.id };
  const notesDraft = useDraft({ form, name: notes, record, field: 'text', elementId: itemTargetId(n) });
  const decisionsDraft = useDraft({ form, name: decisions, record, field: 'decisions' });
  const notesField = form.register(notes);
  return (
    <FormProvider {...form}>
      <div className="minute-editor">
        <DraftNotice draft={notesDraft} what="these notes" />
        <div className="field">
          <label className="field-label" htmlFor={itemTargetId(n)}>
            Notes
          </label>
          <textarea className="input input--full minute-notes" rows={5} id={itemTargetId(n)} aria-describedby="minutes-keys" {...notesField} />
        </div>
        <DraftNotice draft={decisionsDraft} what="these decisions" />
        <TextAreaField name={decisions} label="Decisions, in words" rows={2} hint="What the meeting decided, as it will read in the minutes." />
      </div>
    </FormProvider>
  );
}

function Declarations({ n, minute, editable, members, orgName }: { n: number; minute: Minute; editable: boolean; members: Organisation[]; orgName: Map<string, string> }) {
  const store = useStore();
  const [who, setWho] = useState('');
  const [interest, setInterest] = useState('');
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState(false);
  const declared = minute.declarations ?? [];
  const save = async (next: Declaration[]) => {
    setMessage('');
    try {
      await setDeclarations(store, minute.id, next);
      setWho('');
      setInterest('');
      setOpen(false);
    } catch (error) {
      setMessage(describeSaveError(error));
    }
  };
  if (!editable && declared.length === 0) return null;
  return (
    <div className="minute-declarations">
      <h4 className="minute-label">Interests declared</h4>
      {declared.length === 0 ? null : (
        <ul>
          {declared.map((d, i) => (
            <li key={`${d.organisationId}-${i}`}>
              {orgName.get(d.organisationId) ?? 'An organisation not in the register'}: {d.interest} <span className="muted">(does not vote on this item)</span>
              {editable && (
                <button type="button" className="button button--quiet button--small" onClick={() => void save(declared.filter((_, j) => j !== i))}>
                  Remove<span className="visually-hidden"> the declaration by {orgName.get(d.organisationId)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && !open && (
        <button type="button" className="button button--secondary button--small" onClick={() => (setOpen(true), requestAnimationFrame(() => document.getElementById(`declare-who-${n}`)?.focus()))}>
          Record a declaration of interest<span className="visually-hidden"> in item {n}</span>
        </button>
      )}
      {editable && open && (
        <div className="inline-fields minute-declare">
          <div className="field">
            <label className="field-label" htmlFor={`declare-who-${n}`}>
              Organisation declaring
            </label>
            <select id={`declare-who-${n}`} className="input input--medium" value={who} onChange={(e) => setWho(e.target.value)}>
              <option value="">Choose…</option>
              {members.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`declare-what-${n}`}>
              Interest
            </label>
            <input id={`declare-what-${n}`} className="input input--medium" value={interest} onChange={(e) => setInterest(e.target.value)} />
          </div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              if (!who || !interest.trim()) {
                setMessage('Choose the organisation and say what the interest is.');
                return;
              }
              void save([...declared, { organisationId: who, interest: interest.trim() }]);
            }}
          >
            Record the declaration
          </button>
        </div>
      )}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

interface ActionFormValues {
  [key: string]: string;
}

function ItemActions({ n, item, meeting, actions, members, orgName, canAdd }: { n: number; item: AgendaItem; meeting: Meeting; actions: Action[]; members: Organisation[]; orgName: Map<string, string>; canAdd: boolean }) {
  const store = useStore();
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState('');
  const what = actionFieldName(n);
  const who = `who_${n}`;
  const due = `due_${n}`;
  const form = useForm<ActionFormValues>({ defaultValues: { [what]: '', [who]: '', [due]: '' } });
  const open = () => {
    setAdding(true);
    setMessage('');
    requestAnimationFrame(() => document.getElementById(fieldId(what))?.focus());
  };
  const close = () => {
    setAdding(false);
    form.reset();
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-add-action="${n}"]`)?.focus());
  };
  const save = form.handleSubmit(async (values) => {
    setMessage('');
    try {
      await addAction(store, { meetingId: meeting.id, agendaItemId: item.id, action: values[what] ?? '', accountableOrganisationId: values[who] ?? '', dueOn: values[due] ?? '' });
      form.reset();
      setMessage(`Added the action for ${orgName.get(values[who] ?? '') ?? 'the organisation chosen'}.`);
      requestAnimationFrame(() => document.getElementById(fieldId(what))?.focus());
    } catch (error) {
      setMessage(describeSaveError(error));
    }
  });
  if (!canAdd && actions.length === 0) return null;
  return (
    <div className="minute-actions">
      <h4 className="minute-label" id={`actions-${n}`}>
        Actions
      </h4>
      {actions.length > 0 && (
        <ul className="minute-action-list" aria-labelledby={`actions-${n}`}>
          {actions.map((a) => (
            <li key={a.id}>
              <Link to={`/actions/${encodeURIComponent(a.id)}`}>{a.action}</Link> — {orgName.get(a.accountableOrganisationId) ?? 'An organisation not in the register'}
              {a.dueOn ? `, by ${formatDate(a.dueOn)}` : ''} <span className="muted">({progressWords(a)})</span>
            </li>
          ))}
        </ul>
      )}
      {canAdd && !adding && (
        <button type="button" className="button button--secondary button--small" data-add-action={n} aria-keyshortcuts="Alt+Shift+A" onClick={open}>
          Add an action<span className="visually-hidden"> to item {n}</span>
        </button>
      )}
      {canAdd && adding && (
        <FormProvider {...form}>
          <form
            className="minute-action-form"
            aria-label={`New action on item ${n}`}
            onSubmit={(e) => void save(e)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                close();
              }
            }}
          >
            <TextField name={what} label="What is to be done" width="full" />
            <div className="inline-fields">
              <SelectField name={who} label="Who is accountable" hint="One organisation: the single point of accountability." choices={members.map((o) => ({ value: o.id, label: o.name }))} placeholder="Choose…" />
              <DateField name={due} label="By when" />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button--primary">
                Add the action
              </button>
              <button type="button" className="button button--quiet" onClick={close}>
                Done adding actions
              </button>
            </div>
          </form>
        </FormProvider>
      )}
      {message && (
        <p className="status-line" role="status">
          {message}
        </p>
      )}
    </div>
  );
}

function ItemComments({ n, item, meeting, comments, orgName, canComment }: { n: number; item: AgendaItem; meeting: Meeting; comments: MinuteComment[]; orgName: Map<string, string>; canComment: boolean }) {
  const store = useStore();
  const installation = useInstallation();
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  if (comments.length === 0 && !canComment) return null;
  return (
    <div className="minute-comments">
      <h4 className="minute-label">Comments from members</h4>
      {comments.length > 0 && (
        <ul>
          {comments.map((c) => (
            <li key={c.id}>
              {orgName.get(c.organisationId) ?? 'A member'} on {formatDate(c.madeOn)}: {c.text}
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <div className="field">
          <label className="field-label" htmlFor={`comment-${n}`}>
            Your organisation’s comment on item {n}
          </label>
          <textarea id={`comment-${n}`} className="input input--full" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() =>
              void (async () => {
                setMessage('');
                try {
                  await addComment(store, { meetingId: meeting.id, agendaItemId: item.id, organisationId: installation.organisationId, text, madeOn: londonToday() });
                  setText('');
                  setMessage('Sent with your next bundle.');
                } catch (error) {
                  setMessage(describeSaveError(error));
                }
              })()
            }
          >
            Send the comment
          </button>
          {message && (
            <p className="status-line" role="status">
              {message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function MattersArising({ actions, orgName, embedded = false }: { actions: Action[]; orgName: Map<string, string>; embedded?: boolean }) {
  const Heading = embedded ? 'h4' : 'h3';
  return (
    <div className="matters-arising">
      <Heading className={embedded ? 'minute-label' : 'minutes-subtitle'} id={embedded ? 'matters-arising-embedded' : 'matters-arising'}>
        Matters arising: open actions
      </Heading>
      {actions.length === 0 ? (
        <p className="muted">No actions from earlier meetings are open.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={embedded ? 'matters-arising-embedded' : 'matters-arising'}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Who</th>
                <th scope="col">By when</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/actions/${encodeURIComponent(a.id)}`}>{a.action}</Link>
                  </th>
                  <td>{orgName.get(a.accountableOrganisationId) ?? 'An organisation not in the register'}</td>
                  <td className="cell-nowrap">{a.dueOn ? formatDate(a.dueOn) : ''}</td>
                  <td>{progressWords(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The minutes of the meeting before, confirmed at this one (as presented, or with the amendments agreed). */
function Confirmation({
  previous,
  state,
  started,
  meeting,
  canConfirm,
  run,
}: {
  previous: Meeting;
  state: MinutesState;
  started: boolean;
  meeting: Meeting;
  canConfirm: boolean;
  run: (work: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const store = useStore();
  const [withAmendments, setWithAmendments] = useState(false);
  const [amendments, setAmendments] = useState('');
  const link = <Link to={`/meetings/${encodeURIComponent(previous.id)}`}>the meeting of {formatDate(previous.date)}</Link>;
  let body: React.ReactNode;
  if (!started) body = <p>The minutes of {link} were not taken in Quorum.</p>;
  else if (state.status === 'draft') body = <p>The minutes of {link} have not been circulated yet.</p>;
  else if (state.status === 'circulated')
    body = (
      <>
        <p>The minutes of {link} were circulated for comment{state.circulatedOn ? ` on ${formatDate(state.circulatedOn)}` : ''}. Are they a true record?</p>
        {canConfirm ? (
          <fieldset className="minutes-confirm">
            <legend className="visually-hidden">Confirm the minutes of {formatDate(previous.date)}</legend>
            <div className="field field--checkbox">
              <input id="confirm-amended" type="checkbox" className="checkbox" checked={withAmendments} onChange={(e) => setWithAmendments(e.target.checked)} />
              <label className="field-label field-label--inline" htmlFor="confirm-amended">
                With amendments
              </label>
            </div>
            {withAmendments && (
              <div className="field">
                <label className="field-label" htmlFor="confirm-amendments">
                  The amendments agreed
                </label>
                <textarea id="confirm-amendments" className="input input--full" rows={3} value={amendments} onChange={(e) => setAmendments(e.target.value)} />
              </div>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={() =>
                void run(
                  async () => {
                    if (withAmendments && !amendments.trim()) throw new Error('Say what the amendments are, or confirm them as presented');
                    await stepMinutes(store, previous.id, { type: 'confirmed', atMeetingId: meeting.id, on: londonToday(), amendments: withAmendments ? amendments.trim() : '' });
                  },
                  `Confirmed the minutes of ${formatDate(previous.date)}${withAmendments ? ' with amendments' : ' as presented'}.`,
                )
              }
            >
              Confirm the minutes of {formatDate(previous.date)}
              {withAmendments ? ' with these amendments' : ' as presented'}
            </button>
          </fieldset>
        ) : (
          <p className="muted">They are confirmed at this meeting, by the secretariat or the chair, once the meeting is held.</p>
        )}
      </>
    );
  else
    body = (
      <p>
        The minutes of {link} were confirmed as a true record{state.confirmedAtMeetingId === meeting.id ? ' at this meeting' : ''}
        {state.amendments ? `, with these amendments: ${state.amendments}` : ', as presented'}.
      </p>
    );
  return (
    <div className="minutes-confirmation panel">
      <h4 className="minute-label">Minutes of the last meeting</h4>
      {body}
    </div>
  );
}

/** The next step of these minutes open to this copy: circulate, lock, or record a correction. */
function Steps({ state, ours, meeting, run, confirmedAt }: { state: MinutesState; ours: boolean; meeting: Meeting; run: (work: () => Promise<unknown>, done: string) => Promise<void>; confirmedAt: Meeting | undefined }) {
  const store = useStore();
  const [correction, setCorrection] = useState('');
  return (
    <div className="minutes-steps">
      {state.amendments && (
        <div className="panel">
          <h3 className="minutes-subtitle">Amendments agreed when confirmed</h3>
          <p>
            {confirmedAt ? `At the meeting of ${formatDate(confirmedAt.date)}: ` : ''}
            {state.amendments}
          </p>
        </div>
      )}
      {state.corrections.length > 0 && (
        <div className="panel">
          <h3 className="minutes-subtitle">Corrections recorded since</h3>
          <ul>
            {state.corrections.map((c, i) => (
              <li key={i}>
                {c.on ? `${formatDate(c.on)}: ` : ''}
                {c.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ours && state.status === 'draft' && (
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={() => void run(() => stepMinutes(store, meeting.id, { type: 'circulated', on: londonToday() }), 'Circulated the minutes for comment: they reach members with your next bundles.')}>
            Circulate the minutes for comment
          </button>
        </div>
      )}
      {ours && state.status === 'confirmed' && (
        <div className="form-actions">
          {state.amendments && <p className="field-hint">Write the amendments into the minutes above, then lock them.</p>}
          <button type="button" className="button button--primary" onClick={() => void run(() => stepMinutes(store, meeting.id, { type: 'locked', on: londonToday() }), 'Locked the minutes as the record of the meeting.')}>
            Lock the minutes as a true record
          </button>
        </div>
      )}
      {ours && state.status === 'locked' && (
        <div className="field">
          <label className="field-label" htmlFor="minutes-correction">
            Record a correction
          </label>
          <p className="field-hint" id="minutes-correction-hint">
            Locked minutes are not changed: a correction is recorded and shown with them.
          </p>
          <textarea id="minutes-correction" aria-describedby="minutes-correction-hint" className="input input--full" rows={2} value={correction} onChange={(e) => setCorrection(e.target.value)} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void run(async () => {
                await stepMinutes(store, meeting.id, { type: 'corrected', text: correction, on: londonToday() });
                setCorrection('');
              }, 'Recorded the correction.')
            }
          >
            Record the correction
          </button>
        </div>
      )}
    </div>
  );
}
