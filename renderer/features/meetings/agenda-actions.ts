/**
 * What a person does to a meeting's agenda and attendance, as writes through the
 * repositories (validated, judged by the roles in force, logged): the standard
 * items filled in (shared/rules/agenda.ts), an item added, moved or edited, a paper
 * attached, attendance recorded, the chair named (docs/architecture.md, "Meetings:
 * agenda, papers and attendance"). Each is one transaction: all of it or none.
 */
import { ATTACHMENT_MAX_BYTES, base64Parts, type AgendaItem, type Attendance, type Meeting, type Motion } from '../../../shared/domain/entities';
import { agendaOrder, fillStandardItems, moveItem, positionsFor, standardAgenda, type OverrideLike, type RecommendationLike } from '../../../shared/rules/agenda';
import { eventsOf, motionLifecycle, standsAsDecided, stateOf } from '../../../shared/rules/lifecycles';
import { parseTimestamp } from '../../../shared/sync/hlc';
import { authorityTables } from '../../db/authority';
import type { ReadyStore } from '../../db/open';
import { ValidationError } from '../../db/repository';
import { londonDateOf } from '../sync/roles-words';
import { bytesToBase64 } from '../members/register-actions';

type Store = Pick<ReadyStore, 'db' | 'repositories'>;

const liveItemsOf = async (store: Store, meetingId: string) => (await store.db.agendaItems.where('meetingId').equals(meetingId).toArray()).filter((i) => !i.deleted);

function writeTables(store: Store) {
  const { db } = store;
  return [db.agendaItems, db.attachments, db.changeLog, db.installation, ...authorityTables(db)];
}

/** The day (Europe/London) an event was recorded, from its clock stamp. */
function dayOfStamp(hlc: string): string {
  return londonDateOf(parseTimestamp(hlc).millis);
}

/** Accountable Body overrides on record (Partnership Agreement 8.2): each motion overridden, with the day of the override. */
export function overridesOf(motions: readonly Motion[]): OverrideLike[] {
  const out: OverrideLike[] = [];
  for (const motion of motions) {
    const state = motion.deleted ? undefined : stateOf(motionLifecycle, motion);
    if (state?.status !== 'overridden') continue;
    const event = eventsOf(motion).findLast((e) => e.event.type === 'overridden');
    // The day the Accountable Body gave, or else the day it was recorded.
    const on = state.overriddenOn ?? (event?.hlc ? dayOfStamp(event.hlc) : '');
    if (on) out.push({ motionId: motion.id, text: motion.text, reason: [state.overrideReason ?? '', state.overrideTerm ? `(the funder’s term: ${state.overrideTerm})` : ''].filter(Boolean).join(' '), overriddenOn: on });
  }
  return out;
}

/** The steering group's recommendations: what it decided as a recommendation (by consensus or carried) at its meetings, for the consortium to ratify (BRIEF rule 17). */
export function recommendationsOf(motions: readonly Motion[], meetings: readonly Meeting[]): RecommendationLike[] {
  const steering = new Map(meetings.filter((m) => !m.deleted && m.kind === 'steering-group').map((m) => [m.id, m]));
  return motions.flatMap((motion) => {
    const meeting = steering.get(motion.meetingId);
    if (motion.deleted || !meeting || !motion.recommendation) return [];
    return standsAsDecided(stateOf(motionLifecycle, motion)) ? [{ motionId: motion.id, text: motion.text, decidedOn: meeting.date }] : [];
  });
}

/** The consortium meetings either side of this one (cancelled ones are not). */
export function neighbours(meeting: Pick<Meeting, 'id' | 'date'>, meetings: readonly Meeting[]) {
  const consortium = meetings.filter((m) => !m.deleted && m.kind === 'consortium' && m.status !== 'cancelled' && m.id !== meeting.id);
  const before = consortium.filter((m) => m.date < meeting.date).sort((a, b) => (a.date < b.date ? 1 : -1))[0] ?? null;
  const after = consortium.filter((m) => m.date > meeting.date).sort((a, b) => (a.date < b.date ? -1 : 1))[0] ?? null;
  return { previousMeeting: before, nextMeeting: after };
}

/** The standard items this meeting should have, from what the store holds now. */
export async function standardItemsFor(store: Store, meeting: Meeting) {
  const { db } = store;
  const [meetings, motions] = await Promise.all([db.meetings.toArray(), db.motions.toArray()]);
  return standardAgenda({ meeting, ...neighbours(meeting, meetings), overrides: overridesOf(motions), recommendations: recommendationsOf(motions, meetings) });
}

/** The standard items not yet on the agenda, each put in its place. Returns how many were added. */
export async function fillInStandardItems(store: Store, meeting: Meeting): Promise<number> {
  const specs = await standardItemsFor(store, meeting);
  const { db, repositories: repos } = store;
  return db.transaction('rw', writeTables(store), async () => {
    const existing = await db.agendaItems.where('meetingId').equals(meeting.id).toArray();
    const { create, move } = fillStandardItems(meeting.id, existing, specs);
    for (const w of move) await repos.agendaItems.update(w.id, { position: w.position });
    for (const c of create) {
      await repos.agendaItems.create(
        { meetingId: meeting.id, position: c.position, title: c.title, presenter: c.presenter, description: c.description, standard: c.standard, refersToTable: c.refersToTable, refersToRow: c.refersToRow },
        c.id,
      );
    }
    return create.length;
  });
}

export interface NewItem {
  title: string;
  presenter: string;
  description: string;
  /** A member's item: the organisation asking for it, and the day its request arrived. */
  submittedBy: string;
  submittedOn: string;
}

/** Adds an item before any other business (or at the end), moving those after it down. Returns its id. */
export async function addAgendaItem(store: Store, meetingId: string, values: NewItem): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', writeTables(store), async () => {
    const items = agendaOrder(await liveItemsOf(store, meetingId));
    const at = items.findIndex((i) => i.standard === 'aob' || i.standard === 'next-meeting');
    const index = at < 0 ? items.length : at;
    const id = await repos.agendaItems.create({ meetingId, position: index, ...values });
    const order = items.map((i) => i.id);
    order.splice(index, 0, id);
    for (const w of positionsFor([...items, { id, position: index }], order)) await repos.agendaItems.update(w.id, { position: w.position });
    return id;
  });
}

/**
 * Moves an item to `to` of the agenda as it reads now (0 = first), or `{ by }` places
 * from where it is now (so a second press before the screen catches up still moves
 * it): writes the position of every item whose place changes. Returns its new place.
 */
export async function moveAgendaItem(store: Store, meetingId: string, itemId: string, to: number | { by: number }): Promise<number> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', writeTables(store), async () => {
    const items = await liveItemsOf(store, meetingId);
    const order = agendaOrder(items).map((i) => i.id);
    const index = Math.max(0, Math.min(order.length - 1, typeof to === 'number' ? to : order.indexOf(itemId) + to.by));
    for (const w of moveItem(items, itemId, index)) await repos.agendaItems.update(w.id, { position: w.position });
    return index;
  });
}

export async function updateAgendaItem(store: Store, item: AgendaItem, patch: Partial<Pick<AgendaItem, 'title' | 'presenter' | 'description' | 'paperTitle'>>): Promise<void> {
  await store.repositories.agendaItems.update(item.id, patch);
}

/** Takes an item off the agenda (kept in the store, so the removal syncs and the history holds). */
export async function removeAgendaItem(store: Store, item: AgendaItem): Promise<void> {
  await store.repositories.agendaItems.remove(item.id);
}

/** The largest paper, in words. */
export const PAPER_LIMIT_WORDS = `${ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB`;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface PaperFile {
  name: string;
  mimeType: string;
  sizeBytes: number;
  base64: string;
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/**
 * A chosen file as a paper to attach. One over the limit, or empty, is refused in
 * plain words before anything is written: every paper travels in the bundles to
 * every partner's copy.
 */
export function paperFileOf(file: { name: string; bytes: Uint8Array }): PaperFile {
  if (file.bytes.length > ATTACHMENT_MAX_BYTES) {
    throw new ValidationError({
      paper: `${file.name} is ${megabytes(file.bytes.length)}, larger than the ${PAPER_LIMIT_WORDS} a paper may be, so it was not attached. Every paper goes to every partner’s copy with the agenda: save a smaller copy (a PDF at a lower quality, or without its images) and attach that.`,
    });
  }
  if (file.bytes.length === 0) throw new ValidationError({ paper: `${file.name} is empty, so it was not attached. Choose the paper’s file again.` });
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return { name: file.name, mimeType: MIME_TYPES[extension] ?? 'application/octet-stream', sizeBytes: file.bytes.length, base64: bytesToBase64(file.bytes) };
}

/** Attaches a paper to an agenda item: an attached file of its own, written once; the item's paper title is the file's name when it has none. */
export async function attachPaper(store: Store, item: AgendaItem, paper: PaperFile): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', writeTables(store), async () => {
    const id = await repos.attachments.create({ name: paper.name, mimeType: paper.mimeType, sizeBytes: paper.sizeBytes, dataBase64: base64Parts(paper.base64), ownerTable: 'agendaItems', ownerRow: item.id });
    if (!item.paperTitle) await repos.agendaItems.update(item.id, { paperTitle: paper.name.replace(/\.[A-Za-z0-9]+$/, '') });
    return id;
  });
}

/** One attendance record per meeting and organisation, whichever copy records it (registry naturalKey). */
export async function recordAttendance(store: Store, meetingId: string, organisationId: string, status: Attendance['status'], representativeId = ''): Promise<string> {
  return store.repositories.attendance.create({ meetingId, organisationId, status, representativeId: status === 'present' || status === 'substitute' ? representativeId : '' });
}

/** Who chairs the meeting: '' for the elected Chair, or the representative the meeting appointed (Partnership Agreement 9). */
export async function setChair(store: Store, meeting: Meeting, representativeId: string): Promise<void> {
  await store.repositories.meetings.update(meeting.id, { chairRepresentativeId: representativeId });
}
