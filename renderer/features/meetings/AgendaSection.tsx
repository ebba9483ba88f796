/**
 * A meeting's agenda (docs/architecture.md, "Meetings: agenda, papers and
 * attendance"): its items in order, each linked to what it was referred from (an
 * application referred by the chair, Partnership Agreement 5.3), with its papers.
 * The secretariat and the chair fill in the standard items of a consortium meeting
 * (shared/rules/agenda.ts), add items — members' items with their deadline, from the
 * notice rule (10.5) — edit them, move them with "Move up" and "Move down" (the
 * keyboard's way) or by dragging with the mouse, and attach papers, at most 5 MB
 * each, refused in plain words before anything is written. Other copies read it.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { AgendaItem, Attachment, Consortium, Meeting } from '../../../shared/domain/entities';
import { isoDate, optionalText, requiredText } from '../../../shared/domain/common';
import { agendaOrder, fillStandardItems, memberItemTiming, membersItemsDueBy, MEMBERS_ITEMS_WORKING_DAYS_BEFORE_PAPERS } from '../../../shared/rules/agenda';
import { bankHolidaysFor, formatLongDate, papersDueBy, SHIPPED_BANK_HOLIDAY_TABLES, votingRights } from '../../../shared/rules';
import { useStore } from '../../db/store-context';
import { usePlatform } from '../../app/platform-context';
import { useCitation } from '../../app/use-citation';
import { useThisCopyRole } from '../../app/use-roles';
import { ValidationError } from '../../db/repository';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { describeSaveError } from '../../ui/save-error';
import { useFormSave } from '../../ui/use-form-save';
import { sizeWords } from '../sync/sync-words';
import { base64ToBytes } from '../members/register-actions';
import { addAgendaItem, attachPaper, fillInStandardItems, moveAgendaItem, paperFileOf, PAPER_LIMIT_WORDS, removeAgendaItem, standardItemsFor, updateAgendaItem } from './agenda-actions';
import './agenda.css';

/** The papers' and members' items' dates, or why they cannot be worked out (a year beyond the bank holiday table). */
function deadlines(meeting: Pick<Meeting, 'date'>, consortium: Pick<Consortium, 'nation' | 'constitution'>): { papers: string; items: string } | { problem: string } {
  try {
    const holidays = bankHolidaysFor(consortium.nation, SHIPPED_BANK_HOLIDAY_TABLES);
    const days = consortium.constitution.noticeWorkingDays;
    return { papers: papersDueBy(meeting.date, days, holidays), items: membersItemsDueBy(meeting.date, days, holidays) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

// The new item's fields sit under `agendaItem.` so their ids are the section's own on a page with other forms.
const newItemSchema = z.object({
  agendaItem: z
    .object({
      title: requiredText('the item’s title'),
      presenter: optionalText('the presenter', 200),
      description: optionalText('the description', 2000),
      submittedBy: z.string().default(''),
      submittedOn: isoDate('the date the member’s item was received').or(z.literal('')).default(''),
    })
    .refine((v) => v.submittedBy === '' || v.submittedOn !== '', { path: ['submittedOn'], message: 'Enter the date the member’s item was received' }),
});
type NewItemInput = z.input<typeof newItemSchema>;
type NewItemOutput = z.output<typeof newItemSchema>;

function AddItemForm({ meeting, members, onAdded }: { meeting: Meeting; members: { id: string; name: string }[]; onAdded: (id: string, words: string) => void }) {
  const store = useStore();
  const form = useForm<NewItemInput, unknown, NewItemOutput>({
    resolver: zodResolver(newItemSchema),
    defaultValues: { agendaItem: { title: '', presenter: '', description: '', submittedBy: '', submittedOn: '' } },
    shouldFocusError: false,
  });
  const { submit, summaryKey, saveError } = useFormSave(form, async ({ agendaItem: values }) => {
    const id = await addAgendaItem(store, meeting.id, values);
    form.reset();
    onAdded(id, `Added “${values.title}” to the agenda.`);
  });
  return (
    <FormProvider {...form}>
      <form className="form agenda-add" noValidate onSubmit={submit} aria-labelledby="agenda-add-title">
        <h3 id="agenda-add-title" className="section-title">
          Add an item
        </h3>
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <TextField name="agendaItem.title" label="Title" />
        <TextField name="agendaItem.presenter" label="Presented by (optional)" />
        <TextAreaField name="agendaItem.description" label="What it is about (optional)" rows={2} />
        <div className="inline-fields">
          <SelectField name="agendaItem.submittedBy" label="A member’s item, asked for by (optional)" choices={members.map((m) => ({ value: m.id, label: m.name }))} placeholder="Not a member’s item" />
          <DateField name="agendaItem.submittedOn" label="Received on" hint="For a member’s item." />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Add the item
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

function EditItem({ item, onDone }: { item: AgendaItem; onDone: (words: string) => void }) {
  const store = useStore();
  const [title, setTitle] = useState(item.title);
  const [presenter, setPresenter] = useState(item.presenter);
  const [description, setDescription] = useState(item.description ?? '');
  const [error, setError] = useState('');
  const base = `agenda-edit-${item.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  return (
    <form
      className="agenda-edit"
      noValidate
      aria-label={`Edit “${item.title}”`}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await updateAgendaItem(store, item, { title, presenter, description });
          onDone(`Saved “${title.trim()}”.`);
        } catch (e) {
          setError(e instanceof ValidationError ? (e.fieldErrors.title ?? e.fieldErrors.presenter ?? e.fieldErrors.description ?? e.message) : describeSaveError(e));
        }
      }}
    >
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field-label" htmlFor={`${base}-title`}>
          Title
        </label>
        {error && (
          <p className="field-error" id={`${base}-error`} role="alert">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <input id={`${base}-title`} className="input input--full" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${base}-error` : undefined} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${base}-presenter`}>
          Presented by
        </label>
        <input id={`${base}-presenter`} className="input input--full" value={presenter} onChange={(e) => setPresenter(e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${base}-description`}>
          What it is about
        </label>
        <textarea id={`${base}-description`} className="input input--full" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          Save the item
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Papers({ item, papers, canEdit, onMessage }: { item: AgendaItem; papers: Attachment[]; canEdit: boolean; onMessage: (words: string) => void }) {
  const store = useStore();
  const platform = usePlatform();
  // A refused paper is said beside the item it was for, and read out at once (role alert).
  const [problem, setProblem] = useState('');
  const problemId = `agenda-paper-problem-${item.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  return (
    <div className="agenda-papers">
      {papers.length > 0 && (
        <ul className="agenda-paper-list" aria-label={`Papers for “${item.title}”`}>
          {papers.map((paper) => (
            <li key={paper.id}>
              <span>
                Paper: {paper.name} ({sizeWords(paper.sizeBytes)})
              </span>{' '}
              <button
                type="button"
                className="button button--quiet button--small"
                aria-label={`Save a copy of ${paper.name}`}
                onClick={async () => {
                  const result = await platform.saveFile({ bytes: base64ToBytes(paper.dataBase64.join('')), suggestedName: paper.name, mimeType: paper.mimeType });
                  if (result.saved) onMessage(`Saved ${paper.name}.`);
                }}
              >
                Save a copy
              </button>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={`Attach a paper to “${item.title}”`}
          aria-describedby={problem ? problemId : undefined}
          onClick={async () => {
            const [chosen] = await platform.openFiles({ extensions: [], description: `A paper for “${item.title}”` });
            if (!chosen) return;
            try {
              const paper = paperFileOf(chosen);
              await attachPaper(store, item, paper);
              setProblem('');
              onMessage(`Attached ${paper.name} (${sizeWords(paper.sizeBytes)}) to “${item.title}”. It goes to partners’ copies with the agenda.`);
            } catch (error) {
              setProblem(error instanceof ValidationError ? (error.fieldErrors.paper ?? error.message) : describeSaveError(error));
            }
          }}
        >
          Attach a paper
        </button>
      )}
      <p className="field-error agenda-paper-problem" id={problemId} role="alert">
        {problem}
      </p>
    </div>
  );
}

function ItemText({ item, memberName, itemsDueBy, hasPapers, openActions }: { item: AgendaItem; memberName: string | undefined; itemsDueBy: string | undefined; hasPapers: boolean; openActions: number }) {
  const { citeInText } = useCitation();
  const paperTitle = hasPapers ? '' : item.paperTitle;
  const title =
    item.refersToTable === 'applications' && item.refersToRow ? (
      <Link to={`/applications/${encodeURIComponent(item.refersToRow)}`}>{item.title}</Link>
    ) : item.refersToTable === 'meetings' && item.refersToRow ? (
      <Link to={`/meetings/${encodeURIComponent(item.refersToRow)}`}>{item.title}</Link>
    ) : (
      item.title
    );
  const timing = item.submittedOn && itemsDueBy ? memberItemTiming(item.submittedOn, itemsDueBy) : undefined;
  return (
    <div className="agenda-text">
      <p className="agenda-title">{title}</p>
      {(item.presenter || paperTitle) && <p className="muted agenda-detail">{[item.presenter && `Presented by ${item.presenter}`, paperTitle && `Paper: ${paperTitle}`].filter(Boolean).join(' · ')}</p>}
      {item.description && <p className="agenda-description">{citeInText(item.description)}</p>}
      {item.standard === 'matters-arising' && (
        <p className="agenda-detail">{openActions === 0 ? 'No actions are open from earlier meetings.' : `${openActions} ${openActions === 1 ? 'action is' : 'actions are'} open from earlier meetings.`}</p>
      )}
      {memberName && (
        <p className={timing && !timing.inTime ? 'warning agenda-detail' : 'muted agenda-detail'}>
          A member’s item, asked for by {memberName}. {timing?.message ?? ''}
        </p>
      )}
    </div>
  );
}

export function AgendaSection({ meeting, consortium }: { meeting: Meeting; consortium: Consortium }) {
  const store = useStore();
  const { db } = store;
  const role = useThisCopyRole();
  const { cite } = useCitation();
  const canEdit = !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
  const loaded = useLiveQuery(async () => {
    const all = await db.agendaItems.where('meetingId').equals(meeting.id).toArray();
    const items = agendaOrder(all.filter((i) => !i.deleted));
    const attachments = (await db.attachments.where('ownerRow').anyOf(items.map((i) => i.id)).toArray()).filter((a) => !a.deleted && a.ownerTable === 'agendaItems');
    const organisations = (await db.organisations.toArray()).filter((o) => !o.deleted);
    const missing = meeting.kind === 'consortium' ? fillStandardItems(meeting.id, all, await standardItemsFor(store, meeting)).create : [];
    // The action plan protocol: actions still open come back under matters arising, from meetings before this one.
    const dates = new Map((await db.meetings.toArray()).map((m) => [m.id, m.date]));
    const openActions = (await db.actions.toArray()).filter((a) => !a.deleted && a.status === 'open' && (!a.meetingId || (dates.get(a.meetingId) ?? '') < meeting.date)).length;
    return { items, attachments, organisations, missing, openActions };
  }, [db, meeting]);
  const [message, setMessage] = useState<{ words: string; problem: boolean }>({ words: '', problem: false });
  const [editing, setEditing] = useState('');
  const [dragging, setDragging] = useState('');
  const focusAfter = useRef<string>('');
  const list = useRef<HTMLOListElement>(null);

  // After a move by keyboard, focus stays on the button pressed (or its partner at either end).
  useEffect(() => {
    if (!focusAfter.current || !list.current) return;
    const [id, direction] = focusAfter.current.split('|');
    const row = list.current.querySelector<HTMLElement>(`[data-item="${CSS.escape(id!)}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-move="${direction}"]:not(:disabled)`) ?? row?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)');
    if (button) {
      button.focus();
      focusAfter.current = '';
    }
  });

  if (!loaded) return null;
  const { items, attachments, organisations, missing, openActions } = loaded;
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const members = organisations.filter((o) => votingRights(o, meeting.date, consortium.constitution).mayVote).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const dates = deadlines(meeting, consortium);
  const say = (words: string, problem = false) => setMessage({ words, problem });

  const move = async (item: AgendaItem, to: number | { by: number }, direction: string) => {
    try {
      focusAfter.current = direction ? `${item.id}|${direction}` : '';
      const at = await moveAgendaItem(store, meeting.id, item.id, to);
      say(`Moved “${item.title}” to number ${at + 1} of ${items.length}.`);
    } catch (error) {
      say(describeSaveError(error), true);
    }
  };
  const onDrop = (event: DragEvent, target: number) => {
    event.preventDefault();
    const item = items.find((i) => i.id === (event.dataTransfer.getData('text/plain') || dragging));
    setDragging('');
    if (item && items.indexOf(item) !== target) void move(item, target, '');
  };

  return (
    <section className="form-section agenda-section" aria-labelledby="meeting-agenda">
      <h2 id="meeting-agenda" className="section-title">
        Agenda
      </h2>
      {'problem' in dates ? (
        <p className="warning">{dates.problem}</p>
      ) : (
        <p className="muted">
          Members’ items are due by {formatLongDate(dates.items)}, {MEMBERS_ITEMS_WORKING_DAYS_BEFORE_PAPERS} working days before the papers, which go out by {formatLongDate(dates.papers)} ({cite('notice')}).
        </p>
      )}
      {canEdit && missing.length > 0 && (
        <div className="agenda-standard">
          <p>
            {items.length === 0 ? 'The standard items of a consortium meeting are not on the agenda yet: ' : 'Some standard items are not on the agenda: '}
            {missing.map((m) => m.title).join('; ')}.
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => {
              try {
                const added = await fillInStandardItems(store, meeting);
                say(`Added ${added} standard ${added === 1 ? 'item' : 'items'} to the agenda.`);
              } catch (error) {
                say(describeSaveError(error), true);
              }
            }}
          >
            Fill in the standard items
          </button>
        </div>
      )}
      <p className={message.problem ? 'field-error agenda-message' : 'status-line agenda-message'} role={message.problem ? 'alert' : 'status'}>
        {message.words}
      </p>
      {items.length === 0 ? (
        <p>Nothing is on the agenda yet.</p>
      ) : (
        <ol className="agenda-list" aria-labelledby="meeting-agenda" ref={list}>
          {items.map((item, index) => (
            <li
              key={item.id}
              data-item={item.id}
              className={`agenda-item${dragging === item.id ? ' agenda-item--dragging' : ''}`}
              draggable={canEdit && editing !== item.id}
              onDragStart={(event) => {
                event.dataTransfer.setData('text/plain', item.id);
                event.dataTransfer.effectAllowed = 'move';
                setDragging(item.id);
              }}
              onDragEnd={() => setDragging('')}
              onDragOver={(event) => {
                if (canEdit && dragging) event.preventDefault();
              }}
              onDrop={(event) => onDrop(event, index)}
            >
              <span className="agenda-number" aria-hidden="true">
                {index + 1}.
              </span>
              <div className="agenda-body">
                {editing === item.id ? (
                  <EditItem
                    item={item}
                    onDone={(words) => {
                      setEditing('');
                      if (words) say(words);
                    }}
                  />
                ) : (
                  <ItemText
                    item={item}
                    memberName={item.submittedBy ? (names.get(item.submittedBy) ?? 'a member no longer in the register') : undefined}
                    itemsDueBy={'items' in dates ? dates.items : undefined}
                    hasPapers={attachments.some((a) => a.ownerRow === item.id)}
                    openActions={openActions}
                  />
                )}
                <Papers item={item} papers={attachments.filter((a) => a.ownerRow === item.id)} canEdit={canEdit} onMessage={say} />
                {canEdit && editing !== item.id && (
                  <div className="agenda-controls" role="group" aria-label={`Arrange “${item.title}”`}>
                    <button type="button" className="button button--quiet button--small" data-move="up" aria-label={`Move up: ${item.title}`} disabled={index === 0} onClick={() => void move(item, { by: -1 }, 'up')}>
                      Move up
                    </button>
                    <button type="button" className="button button--quiet button--small" data-move="down" aria-label={`Move down: ${item.title}`} disabled={index === items.length - 1} onClick={() => void move(item, { by: 1 }, 'down')}>
                      Move down
                    </button>
                    <button type="button" className="button button--quiet button--small" aria-label={`Edit: ${item.title}`} onClick={() => setEditing(item.id)}>
                      Edit
                    </button>
                    {!item.refersToTable || item.refersToTable === 'meetings' ? (
                      <button
                        type="button"
                        className="button button--quiet button--small"
                        aria-label={`Take off the agenda: ${item.title}`}
                        onClick={async () => {
                          try {
                            await removeAgendaItem(store, item);
                            say(`Took “${item.title}” off the agenda.`);
                          } catch (error) {
                            say(describeSaveError(error), true);
                          }
                        }}
                      >
                        Take off the agenda
                      </button>
                    ) : null}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {canEdit && items.length > 1 && <p className="muted agenda-hint">Move an item with its “Move up” and “Move down” buttons, or drag it with the mouse. Each paper may be at most {PAPER_LIMIT_WORDS}.</p>}
      {canEdit && <AddItemForm meeting={meeting} members={members} onAdded={(_id, words) => say(words)} />}
    </section>
  );
}
