/**
 * The meetings benchmark's page side (scripts/bench-meetings.mjs;
 * docs/architecture.md, "Meetings: minutes, actions and search"): ten years of
 * meetings written straight with bulkPut — 100 meetings, 1,500 agenda items,
 * their 1,500 minutes with about 2 MB of notes and decisions, 5,000 actions,
 * 40 organisations — then what the screens do when they open: the action log
 * (ActionsPage: read, filter the open ones, sort), a meeting's minutes
 * (MinutesSection: its reads, the state, matters arising, the document to
 * export), the meetings list; and search (minutes-search.ts): building the
 * index, each keystroke of typed queries, and taking in one edited minute.
 * Each timing is set beside a plain `toArray()` of the same tables. Not used by
 * the app.
 */
import { QuorumDatabase } from '../../db/database';
import type { Action, AgendaItem, Meeting, Minute, Organisation } from '../../../shared/domain/entities';
import { mattersArising, minutesStateOf, previousMeeting } from './minutes-actions';
import { minutesDocument } from './minutes-document';
import { MinutesSearch, searchDocuments } from './minutes-search';

export interface Shape {
  meetings: number;
  itemsPerMeeting: number;
  actions: number;
  organisations: number;
  /** Characters of notes and decisions over all minutes. */
  minutesChars: number;
}

export const TEN_YEARS: Shape = { meetings: 100, itemsPerMeeting: 15, actions: 5000, organisations: 40, minutesChars: 2_000_000 };

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the meeting agreed noted received report members consortium accountable body volunteering volunteers grant funding budget quarter claim ' +
  'community groups charities training safeguarding trustees infrastructure support partnership strategy review chair secretariat ' +
  'Bedford Luton Dunstable Leighton Biggleswade Ampthill rural transport advice network youth older people health wellbeing council ' +
  'commissioning contract lottery fund outcome evidence survey newsletter website event conference forum workshop mentoring ' +
  'recruitment policy governance constitution membership application referral steering group sub-group implementation plan ' +
  'action progress update deadline proposal recommendation consultation response feedback monitoring evaluation impact data'
).split(' ');

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${sentence(next, 8 + Math.floor(next() * 14))} `;
  return text.trim();
}

const stamp = (year: number, n: number) => `${year}-01-01T10:00:${String(n % 60).padStart(2, '0')}.000Z-0000-benchnode00000000`;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Writes the store; returns what it holds. */
export async function buildStore(name: string, shape: Shape = TEN_YEARS) {
  const started = performance.now();
  const next = random(2026);
  const db = new QuorumDatabase(name);
  await db.open();
  const base = { _clocks: {}, _log: [] as string[] };
  const organisations = Array.from({ length: shape.organisations }, (_, i) => ({ ...base, id: `org-${i}`, name: `Member organisation ${i + 1}`, status: 'member' })) as unknown as Organisation[];
  const meetings: Meeting[] = [];
  const items: AgendaItem[] = [];
  const minutes: Minute[] = [];
  const actions: Action[] = [];
  const start = new Date('2017-01-10T00:00:00Z');
  const itemsTotal = shape.meetings * shape.itemsPerMeeting;
  const perMinute = Math.round(shape.minutesChars / itemsTotal);
  let chars = 0;
  for (let m = 0; m < shape.meetings; m++) {
    const date = new Date(start.getTime() + m * 37 * 86_400_000);
    const meeting = { ...base, id: `meeting-${m}`, title: 'Consortium meeting', kind: 'consortium', date: iso(date), startTime: '10:00', endTime: '', location: 'Bedford', status: 'held' } as unknown as Meeting;
    meetings.push(meeting);
    const year = date.getUTCFullYear();
    for (let i = 0; i < shape.itemsPerMeeting; i++) {
      const item = { ...base, id: `item-${m}-${i}`, meetingId: meeting.id, position: i, title: sentence(next, 3).slice(0, -1), presenter: '', paperTitle: '', refersToTable: '', refersToRow: '', standard: '' } as unknown as AgendaItem;
      items.push(item);
      const notes = paragraph(next, Math.round(perMinute * 0.8));
      const decisions = paragraph(next, Math.round(perMinute * 0.2));
      chars += notes.length + decisions.length;
      const confirmed = m < shape.meetings - 2;
      const events: Record<string, unknown> = {
        'event:a': { type: 'taken', organisationId: 'org-0' },
        'event:b': { type: 'circulated', on: iso(date) },
        ...(confirmed ? { 'event:c': { type: 'confirmed', atMeetingId: `meeting-${m + 1}`, on: iso(date), amendments: '' }, 'event:d': { type: 'locked', on: iso(date) } } : {}),
      };
      const clocks = Object.fromEntries(Object.keys(events).map((field, k) => [field, stamp(year, k)]));
      minutes.push({ ...base, _clocks: clocks, id: `minute:${meeting.id}:${item.id}`, meetingId: meeting.id, agendaItemId: item.id, text: notes, decisions, declarations: [], ...events } as unknown as Minute);
    }
  }
  for (let a = 0; a < shape.actions; a++) {
    const m = Math.floor((a / shape.actions) * shape.meetings);
    const meeting = meetings[m]!;
    const open = m >= shape.meetings - 6 || next() < 0.05;
    actions.push({
      ...base,
      id: `action-${a}`,
      meetingId: meeting.id,
      agendaItemId: `item-${m}-${a % shape.itemsPerMeeting}`,
      objective: '',
      action: sentence(next, 6).slice(0, -1),
      nominatorId: '',
      accountableOrganisationId: `org-${Math.floor(next() * shape.organisations)}`,
      dueOn: iso(new Date(new Date(`${meeting.date}T00:00:00Z`).getTime() + 30 * 86_400_000)),
      expectedOutcome: '',
      status: open ? 'open' : 'closed',
      progress: next() < 0.5 ? sentence(next, 10) : '',
      progressOn: '',
      reportedDone: false,
      closedOn: open ? '' : meeting.date,
      closedAtMeetingId: '',
    } as unknown as Action);
  }
  await db.organisations.bulkPut(organisations);
  await db.meetings.bulkPut(meetings);
  await db.agendaItems.bulkPut(items);
  for (let i = 0; i < minutes.length; i += 500) await db.minutes.bulkPut(minutes.slice(i, i + 500));
  for (let i = 0; i < actions.length; i += 2000) await db.actions.bulkPut(actions.slice(i, i + 2000));
  db.close();
  return { meetings: meetings.length, items: items.length, minutes: minutes.length, actions: actions.length, open: actions.filter((a) => a.status === 'open').length, minutesChars: chars, buildMs: performance.now() - started };
}

export async function deleteStore(name: string) {
  await new QuorumDatabase(name).delete();
}

const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** Times `screen` and a plain read of the same tables, in the order asked (the script alternates it, so neither always reads a cold store). */
async function sideBySide<T>(screen: () => Promise<T>, raw: () => Promise<unknown>, rawFirst: boolean): Promise<{ result: T; ms: number; rawMs: number }> {
  const timed = async <R,>(f: () => Promise<R>) => {
    const t = performance.now();
    const value = await f();
    return { value, ms: performance.now() - t };
  };
  if (rawFirst) {
    const r = await timed(raw);
    const s = await timed(screen);
    return { result: s.value, ms: s.ms, rawMs: r.ms };
  }
  const s = await timed(screen);
  const r = await timed(raw);
  return { result: s.value, ms: s.ms, rawMs: r.ms };
}

async function opened(name: string) {
  const db = new QuorumDatabase(name);
  await db.open();
  return db;
}

/** The action log as ActionsPage opens it: the three tables, the open actions, sorted by date due. Beside it, the same tables read with toArray alone. */
export async function timeActionLog(name: string, rawFirst = false) {
  const db = await opened(name);
  const { result, ms, rawMs } = await sideBySide(
    async () => {
      const [actions, meetings, organisations] = await Promise.all([db.actions.toArray(), db.meetings.toArray(), db.organisations.toArray()]);
      const listed = live(actions)
        .filter((a) => a.status === 'open')
        .sort((a, b) => (a.dueOn || '9999').localeCompare(b.dueOn || '9999') || a.action.localeCompare(b.action));
      const orgName = new Map(organisations.map((o) => [o.id, o.name]));
      const byMeeting = new Map(live(meetings).map((m) => [m.id, m]));
      const firstPage = listed.slice(0, 100).map((a) => [a.action, orgName.get(a.accountableOrganisationId), a.dueOn, byMeeting.get(a.meetingId)?.date]);
      return { listed: listed.length, shown: firstPage.length };
    },
    () => Promise.all([db.actions.toArray(), db.meetings.toArray(), db.organisations.toArray()]),
    rawFirst,
  );
  db.close();
  return { ms, rawMs, ...result };
}

/** A meeting's minutes as MinutesSection opens them (the last meeting: matters arising from all before it), and the document it would export. */
export async function timeMeetingMinutes(name: string, rawFirst = false, meetingId = 'meeting-99') {
  const db = await opened(name);
  const { result, ms, rawMs } = await sideBySide(
    async () => {
      const meeting = (await db.meetings.get(meetingId))!;
      const meetings = live(await db.meetings.toArray());
      const previous = previousMeeting(meetings, meeting);
      const items = live(await db.agendaItems.where('meetingId').equals(meetingId).toArray()).sort((a, b) => a.position - b.position);
      const previousMinutes = previous ? live(await db.minutes.where('meetingId').equals(previous.id).toArray()) : [];
      const minutes = live(await db.minutes.where('meetingId').equals(meetingId).toArray());
      const actions = live(await db.actions.toArray());
      const organisations = live(await db.organisations.toArray());
      const comments = live(await db.minuteComments.where('meetingId').equals(meetingId).toArray());
      const attendance = live(await db.attendance.where('meetingId').equals(meetingId).toArray());
      const representatives = live(await db.representatives.toArray());
      const state = minutesStateOf(minutes);
      minutesStateOf(previousMinutes);
      const arising = mattersArising(actions, meetings, meeting);
      const document = minutesDocument({ consortiumName: 'Bedfordshire & Luton', meeting, items, minutes, state, attendance, organisations, representatives, actions: actions.filter((a) => a.meetingId === meetingId), arising, comments });
      return { items: items.length, arising: arising.length, blocks: document.blocks.length };
    },
    () => Promise.all([db.meetings.toArray(), db.actions.toArray(), db.organisations.toArray(), db.agendaItems.where('meetingId').equals(meetingId).toArray(), db.minutes.where('meetingId').equals(meetingId).toArray()]),
    rawFirst,
  );
  db.close();
  return { ms, rawMs, ...result };
}

/** The meetings list as MeetingsPage opens it. */
export async function timeMeetingsList(name: string, rawFirst = false) {
  const db = await opened(name);
  const { result, ms, rawMs } = await sideBySide(
    async () => ({ meetings: live(await db.meetings.orderBy('date').toArray()).length }),
    () => db.meetings.toArray(),
    rawFirst,
  );
  db.close();
  return { ms, rawMs, ...result };
}

const QUERIES = ['volunteering budget', 'safeguarding trustees', 'rural transport', 'lottery fund outcome', 'Dunstable youth'];

/**
 * Search as ActionsPage runs it: reading the corpus and building the index
 * (once, when the page opens), then each keystroke of the queries typed one
 * character at a time (search and excerpts of the first 30), then one minute
 * edited and taken in.
 */
export async function timeSearch(name: string) {
  const db = await opened(name);
  const t0 = performance.now();
  const [minutes, actions, items] = await Promise.all([db.minutes.toArray(), db.actions.toArray(), db.agendaItems.toArray()]);
  const titles = new Map(items.map((i) => [i.id, i.title]));
  const readMs = performance.now() - t0;
  const index = new MinutesSearch();
  const t1 = performance.now();
  const documents = searchDocuments(minutes, actions, (id) => titles.get(id) ?? '');
  await index.update(documents);
  const buildMs = performance.now() - t1;
  const keystrokes: number[] = [];
  let hits = 0;
  for (const query of QUERIES) {
    for (let n = 1; n <= query.length; n++) {
      const typed = query.slice(0, n);
      const k = performance.now();
      hits += index.search(typed, 30).length;
      keystrokes.push(performance.now() - k);
    }
  }
  const edited = minutes.map((m, i) => (i === 700 ? { ...m, text: `${m.text} An added sentence about the transport grant.` } : m));
  const t2 = performance.now();
  const touched = await index.update(searchDocuments(edited, actions, (id) => titles.get(id) ?? ''));
  const updateMs = performance.now() - t2;
  db.close();
  return { readMs, buildMs, keystrokes, hits, updateMs, touched, documents: documents.length };
}
