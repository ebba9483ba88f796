/**
 * A consortium meeting's agenda (docs/architecture.md, "Meetings: agenda, papers and
 * attendance"): the standard items every consortium meeting has, where each goes,
 * when members' own items are due, and the order of the items.
 *
 * Order. Each item keeps its own `position`; the agenda reads in (position, id)
 * order. Moving an item writes the new position of every item whose place changed,
 * each as its own field of its own record, so two copies that reorder offline end,
 * once their bundles cross, with the same positions (last writer wins per item) and
 * the same order (ties broken by id), whichever arrives first.
 *
 * Standard items have an id made from the meeting and what they are
 * (`agenda:<meeting>:<key>`), so two copies filling them in offline make the same
 * records, not two of each.
 */
import type { StandardAgendaItem } from '../domain/entities';
import type { WorkingDayCalendar } from './bank-holidays';
import { formatLongDate, isCalendarDate, InvalidCalendarDate } from './calendar-date';
import { papersDueBy } from './notice';

/** The parts of an agenda item these rules read (an AgendaItem row fits). */
export interface AgendaItemLike {
  readonly id: string;
  readonly position: number;
  readonly title: string;
  readonly standard?: string;
  readonly refersToTable?: string;
  readonly refersToRow?: string;
  readonly deleted?: boolean;
}

/** The items in agenda order: by position, then by id, so every copy reads the same order. */
export function agendaOrder<T extends Pick<AgendaItemLike, 'id' | 'position'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A position to write: the item's id and its new place. */
export interface PositionWrite {
  readonly id: string;
  readonly position: number;
}

/**
 * The writes that put the items in `order` (ids, first to last): the place of each
 * item whose stored position is not already its place. Items not named keep their
 * relative order after those named.
 */
export function positionsFor(items: readonly Pick<AgendaItemLike, 'id' | 'position'>[], order: readonly string[]): PositionWrite[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const named = order.filter((id) => byId.has(id));
  const rest = agendaOrder(items.filter((i) => !named.includes(i.id))).map((i) => i.id);
  return [...named, ...rest].flatMap((id, position) => (byId.get(id)!.position === position ? [] : [{ id, position }]));
}

/** The writes that move one item to `toIndex` (0 = first) of the agenda as it reads now. */
export function moveItem(items: readonly Pick<AgendaItemLike, 'id' | 'position'>[], id: string, toIndex: number): PositionWrite[] {
  const order = agendaOrder(items).map((i) => i.id);
  const from = order.indexOf(id);
  if (from < 0) return [];
  const to = Math.max(0, Math.min(order.length - 1, Math.trunc(toIndex)));
  order.splice(from, 1);
  order.splice(to, 0, id);
  return positionsFor(items, order);
}

/** The id of a standard item of a meeting: the same on every copy that fills it in. */
export function standardItemId(meetingId: string, key: string): string {
  return `agenda:${meetingId}:${key}`;
}

export interface AgendaMeeting {
  readonly id: string;
  readonly date: string;
  readonly title?: string;
}

/** An Accountable Body override recorded on a motion (Partnership Agreement 8.2), with the day it was recorded. */
export interface OverrideLike {
  readonly motionId: string;
  readonly text: string;
  readonly reason: string;
  readonly overriddenOn: string;
}

/** A recommendation of the steering group for the consortium to ratify: a motion it carried, and the day of its meeting. */
export interface RecommendationLike {
  readonly motionId: string;
  readonly text: string;
  readonly decidedOn: string;
}

export interface StandardAgendaContext {
  readonly meeting: AgendaMeeting;
  /** The last consortium meeting before this one, if any. */
  readonly previousMeeting?: AgendaMeeting | null;
  /** The next consortium meeting after this one, if one is planned. */
  readonly nextMeeting?: AgendaMeeting | null;
  /** Every override recorded (the rule picks those this meeting reports). */
  readonly overrides: readonly OverrideLike[];
  /** Every steering group recommendation (the rule picks those made since the last consortium meeting). */
  readonly recommendations: readonly RecommendationLike[];
}

/** A standard item to be on the agenda, before it is written. */
export interface StandardItemSpec {
  /** Makes its id with the meeting's (standardItemId). */
  readonly key: string;
  readonly standard: StandardAgendaItem | '';
  readonly title: string;
  readonly description: string;
  readonly presenter: string;
  readonly refersToTable: string;
  readonly refersToRow: string;
}

/** Where each kind of item goes: standard items first, then referred items, members' items, any other business and the next date. */
const GROUP = { apologies: 0, declarations: 1, minutes: 2, 'matters-arising': 3, overrides: 4, referred: 5, other: 6, aob: 7, 'next-meeting': 8 } as const;

function groupOf(item: { standard?: string; refersToTable?: string }): number {
  const standard = item.standard ?? '';
  if (standard !== '' && standard in GROUP) return GROUP[standard as keyof typeof GROUP];
  return item.refersToTable ? GROUP.referred : GROUP.other;
}

/**
 * Reported at this meeting: since the last consortium meeting (on its day or after,
 * as its agenda had gone out) and before this one's day.
 */
function sinceLastMeeting(day: string, context: StandardAgendaContext): boolean {
  const previous = context.previousMeeting?.date ?? '';
  return day >= previous && day < context.meeting.date;
}

/**
 * The standard items of a consortium meeting, in agenda order. Partnership
 * Agreement 7.2 (apologies), the conflicts-of-interest protocol (declarations), 10.7
 * and the action plan protocol (minutes, matters arising and open actions), 8.2
 * (every Accountable Body override is reported to the next meeting: the item is there
 * only when there are any), the steering group's recommendations for ratification
 * (Northamptonshire plan), any other business and the date of the next meeting.
 * Applications referred to the meeting (5.3) already have items of their own.
 */
export function standardAgenda(context: StandardAgendaContext): StandardItemSpec[] {
  const { meeting } = context;
  if (!isCalendarDate(meeting.date)) throw new InvalidCalendarDate(meeting.date);
  const item = (key: string, standard: StandardAgendaItem | '', title: string, description = '', refers: { table: string; row: string } = { table: '', row: '' }, presenter = ''): StandardItemSpec => ({
    key,
    standard,
    title,
    description,
    presenter,
    refersToTable: refers.table,
    refersToRow: refers.row,
  });
  const previous = context.previousMeeting;
  const next = context.nextMeeting;
  const overrides = context.overrides.filter((o) => sinceLastMeeting(o.overriddenOn, context));
  const recommendations = context.recommendations.filter((r) => sinceLastMeeting(r.decidedOn, context));
  const items = [
    item('apologies', 'apologies', 'Apologies for absence', 'Members unable to attend send apologies, and say whether their named substitute attends (Partnership Agreement 7.2).'),
    item('declarations', 'declarations', 'Declarations of interest', 'A member with an interest in an item declares it now; it does not vote on that item.'),
    item(
      'minutes',
      'minutes',
      previous ? `Minutes of the meeting of ${formatLongDate(previous.date)}, for confirmation` : 'Minutes of the last meeting, for confirmation',
      previous ? '' : 'No earlier consortium meeting is on record in this copy.',
      previous ? { table: 'meetings', row: previous.id } : undefined,
    ),
    item('matters-arising', 'matters-arising', 'Matters arising and open actions', 'Actions still open come back at every meeting until they are closed.'),
  ];
  if (overrides.length > 0) {
    // Partnership Agreement 8.2: every override is reported to the consortium.
    items.push(
      item(
        'overrides',
        'overrides',
        'Decisions overridden by the Accountable Body',
        overrides.map((o) => `${o.text} — overridden on ${formatLongDate(o.overriddenOn)}: ${o.reason}`).join('\n'),
        undefined,
        'The Accountable Body',
      ),
    );
  }
  for (const r of recommendations) {
    items.push(item(`refers:motions:${r.motionId}`, '', `Steering group recommendation, for ratification: ${r.text}`, `Recommended by the steering group on ${formatLongDate(r.decidedOn)}.`, { table: 'motions', row: r.motionId }));
  }
  items.push(item('aob', 'aob', 'Any other business'));
  items.push(item('next-meeting', 'next-meeting', 'Date of the next meeting', next ? `${formatLongDate(next.date)}.` : 'To be agreed.'));
  return items;
}

/** A new item to write: its id (standardItemId), its place, and its fields. */
export interface ItemToCreate extends StandardItemSpec {
  readonly id: string;
  readonly position: number;
}

/**
 * What filling in the standard items writes: each standard item not yet on the agenda
 * (one removed on purpose stays removed: `existing` includes removed rows), put in its
 * place among the items already there, whose own order is kept, and the new positions
 * of the items that move down.
 */
export function fillStandardItems(meetingId: string, existing: readonly AgendaItemLike[], specs: readonly StandardItemSpec[]): { create: ItemToCreate[]; move: PositionWrite[] } {
  const known = new Set(existing.map((i) => i.id));
  const live = agendaOrder(existing.filter((i) => !i.deleted));
  // A referred item already there (an application, or a recommendation written under another id) is not added again.
  const referred = new Set(live.filter((i) => i.refersToTable).map((i) => `${i.refersToTable}:${i.refersToRow}`));
  const missing = specs
    .map((spec) => ({ ...spec, id: standardItemId(meetingId, spec.key) }))
    .filter((spec) => !known.has(spec.id) && !(spec.standard === '' && referred.has(`${spec.refersToTable}:${spec.refersToRow}`)));
  if (missing.length === 0) return { create: [], move: [] };
  // Each new item goes after the last item already there of its own group or an earlier one (after new ones placed
  // there before it), so the order a person chose for the items already there is kept.
  const order: Array<{ id: string; group: number; isNew: boolean }> = live.map((i) => ({ id: i.id, group: groupOf(i), isNew: false }));
  for (const spec of missing) {
    const group = groupOf(spec);
    let at = order.findLastIndex((o) => !o.isNew && o.group <= group) + 1;
    while (at < order.length && order[at]!.isNew && order[at]!.group <= group) at += 1;
    order.splice(at, 0, { id: spec.id, group, isNew: true });
  }
  const positions = new Map(order.map((o, index) => [o.id, index]));
  return {
    create: missing.map((spec) => ({ ...spec, position: positions.get(spec.id)! })),
    move: live.flatMap((i) => (positions.get(i.id) === i.position ? [] : [{ id: i.id, position: positions.get(i.id)! }])),
  };
}

/**
 * Members' items are due this many working days before the papers, so the
 * secretariat can put them on the agenda that goes out with the papers. Quorum's
 * default, not a clause: the Partnership Agreement sets only the papers' notice (10.5).
 */
export const MEMBERS_ITEMS_WORKING_DAYS_BEFORE_PAPERS = 3;

// Partnership Agreement 10.5: papers go out N working days before; members' items come in before them.
export function membersItemsDueBy(meetingDate: string, noticeWorkingDays: number, holidays: WorkingDayCalendar, before = MEMBERS_ITEMS_WORKING_DAYS_BEFORE_PAPERS): string {
  return papersDueBy(meetingDate, Math.min(60, noticeWorkingDays + before), holidays);
}

export type MemberItemTiming = { inTime: true; message: string } | { inTime: false; message: string };

/** Whether a member's item reached the secretariat by the deadline, in words. */
export function memberItemTiming(submittedOn: string, dueBy: string): MemberItemTiming {
  if (!isCalendarDate(submittedOn)) throw new InvalidCalendarDate(submittedOn);
  return submittedOn <= dueBy
    ? { inTime: true, message: `Received on ${formatLongDate(submittedOn)}, in time.` }
    : { inTime: false, message: `Received late, on ${formatLongDate(submittedOn)}: members’ items were due by ${formatLongDate(dueBy)}. The chair decides whether it is taken.` };
}
