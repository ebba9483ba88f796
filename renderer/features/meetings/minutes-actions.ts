/**
 * What a person does to minutes and actions, as writes through the
 * repositories (validated, judged by the roles in force, logged;
 * docs/architecture.md, "Meetings: minutes, actions and search").
 *
 * The minutes of a meeting are one record per agenda item (`minute:<meeting>:<item>`).
 * Each step of their lifecycle (shared/rules/lifecycles.ts minutesLifecycle) is
 * written on every item's record in one transaction, so each record alone says
 * whether it may still be edited, and every copy judges it the same way.
 */
import type { Action, AgendaItem, Declaration, Meeting, Minute } from '../../../shared/domain/entities';
import { eventsOf, minutesLifecycle, stateOf, type MinutesState } from '../../../shared/rules/lifecycles';
import type { FieldValue } from '../../../shared/sync/change';
import { authorityTables } from '../../db/authority';
import type { ReadyStore } from '../../db/open';

type Store = Pick<ReadyStore, 'db' | 'repositories'>;

export const minuteIdOf = (meetingId: string, agendaItemId: string) => `minute:${meetingId}:${agendaItemId}`;

/** The state of a meeting's minutes: that of its records (they carry the same steps), the first step's if they differ. */
export function minutesStateOf(rows: readonly Minute[]): MinutesState {
  const live = rows.filter((r) => !r.deleted);
  if (live.length === 0) return minutesLifecycle.initial();
  return stateOf(minutesLifecycle, live.reduce((most, row) => (eventsOf(row).length > eventsOf(most).length ? row : most)));
}

function minuteTables(store: Store) {
  const { db } = store;
  return [db.minutes, db.changeLog, db.installation, ...authorityTables(db)];
}

/**
 * Starts (or completes) the minutes of a meeting on this copy: a record for
 * every agenda item that has none, carrying the steps the others carry
 * (`taken` in this copy's organisation's name first, when nothing is taken yet).
 */
export async function startMinutes(store: Store, meetingId: string, items: readonly Pick<AgendaItem, 'id'>[], organisationId: string): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', minuteTables(store), async () => {
    const existing = (await db.minutes.where('meetingId').equals(meetingId).toArray()).filter((r) => !r.deleted);
    const model = existing.reduce<Minute | undefined>((most, row) => (!most || eventsOf(row).length > eventsOf(most).length ? row : most), undefined);
    const steps = model ? eventsOf(model).map((e) => e.event as { type: string } & Record<string, FieldValue>) : [{ type: 'taken', organisationId }];
    const have = new Set(existing.map((r) => r.agendaItemId));
    for (const item of items) {
      if (have.has(item.id)) continue;
      const id = await repos.minutes.create({ meetingId, agendaItemId: item.id });
      for (const step of steps) await repos.minutes.recordEvent(id, step);
    }
  });
}

/** One step of the minutes' lifecycle, on every item's record of the meeting. */
export async function stepMinutes(store: Store, meetingId: string, event: { type: string } & Record<string, FieldValue>): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', minuteTables(store), async () => {
    const rows = (await db.minutes.where('meetingId').equals(meetingId).toArray()).filter((r) => !r.deleted);
    if (rows.length === 0) throw new Error('These minutes have not been started yet');
    for (const row of rows) await repos.minutes.recordEvent(row.id, event);
  });
}

export async function setDeclarations(store: Store, minuteId: string, declarations: Declaration[]): Promise<void> {
  await store.repositories.minutes.update(minuteId, { declarations });
}

/** The organisations that declared an interest in an item: they do not vote on it (the decisions read this). */
export function declaredInterests(minute: Pick<Minute, 'declarations'> | undefined): Set<string> {
  return new Set((minute?.declarations ?? []).map((d) => d.organisationId));
}

export interface NewAction {
  meetingId: string;
  agendaItemId: string;
  action: string;
  accountableOrganisationId: string;
  dueOn: string;
  expectedOutcome?: string;
  nominatorId?: string;
}

export function addAction(store: Store, input: NewAction): Promise<string> {
  return store.repositories.actions.create({ ...input, status: 'open' });
}

/** The accountable organisation (or the secretariat) reports progress. */
export async function reportProgress(store: Store, actionId: string, progress: { progress: string; progressOn: string; reportedDone: boolean }): Promise<void> {
  await store.repositories.actions.update(actionId, progress);
}

/** The meeting closes an action (or opens it again). */
export async function closeAction(store: Store, actionId: string, close: { closedOn: string; closedAtMeetingId: string } | null): Promise<void> {
  await store.repositories.actions.update(actionId, close ? { status: 'closed', ...close } : { status: 'open', closedOn: '', closedAtMeetingId: '' });
}

export function addComment(store: Store, input: { meetingId: string; agendaItemId: string; organisationId: string; text: string; madeOn: string }): Promise<string> {
  return store.repositories.minuteComments.create(input);
}

/**
 * Matters arising at a meeting: the actions still open that were agreed at an
 * earlier meeting (rule 18: open actions come back at every meeting until
 * closed), oldest due first. An action closed at this very meeting is listed
 * too, so its minutes show what became of it.
 */
export function mattersArising(actions: readonly Action[], meetings: readonly Pick<Meeting, 'id' | 'date'>[], meeting: Pick<Meeting, 'id' | 'date'>): Action[] {
  const dateOf = new Map(meetings.map((m) => [m.id, m.date]));
  return actions
    .filter((a) => !a.deleted && a.meetingId !== meeting.id)
    .filter((a) => {
      const agreed = dateOf.get(a.meetingId);
      return agreed !== undefined && agreed < meeting.date;
    })
    .filter((a) => a.status === 'open' || a.closedAtMeetingId === meeting.id)
    .sort((a, b) => (a.dueOn || '9999') .localeCompare(b.dueOn || '9999') || a.action.localeCompare(b.action));
}

/** The meeting before this one of the same kind: the one whose minutes this one confirms. */
export function previousMeeting<M extends Pick<Meeting, 'id' | 'date' | 'kind' | 'status'>>(meetings: readonly M[], meeting: M): M | undefined {
  return meetings
    .filter((m) => m.id !== meeting.id && m.kind === meeting.kind && m.date < meeting.date && m.status !== 'cancelled' && !(m as { deleted?: boolean }).deleted)
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
}
