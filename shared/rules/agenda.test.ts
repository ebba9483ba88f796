import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agendaOrder,
  fillStandardItems,
  memberItemTiming,
  membersItemsDueBy,
  moveItem,
  standardAgenda,
  standardItemId,
  type AgendaItemLike,
  type PositionWrite,
  type StandardAgendaContext,
} from './agenda';
import { bankHolidaysFor } from './bank-holidays';
import { SHIPPED_BANK_HOLIDAY_TABLES } from './bank-holiday-tables';

const england = bankHolidaysFor('england-and-wales', SHIPPED_BANK_HOLIDAY_TABLES);

const meeting = { id: 'm2', date: '2026-12-08', title: 'Consortium meeting' };
const context = (over: Partial<StandardAgendaContext> = {}): StandardAgendaContext => ({
  meeting,
  previousMeeting: { id: 'm1', date: '2026-10-20' },
  nextMeeting: { id: 'm3', date: '2027-01-19' },
  overrides: [],
  recommendations: [],
  ...over,
});

function apply(items: AgendaItemLike[], writes: readonly PositionWrite[]): AgendaItemLike[] {
  const byId = new Map(writes.map((w) => [w.id, w.position]));
  return items.map((i) => (byId.has(i.id) ? { ...i, position: byId.get(i.id)! } : i));
}

describe('standardAgenda', () => {
  it('lists the standard items in order, citing the last meeting and the next', () => {
    const items = standardAgenda(context());
    expect(items.map((i) => i.title)).toEqual([
      'Apologies for absence',
      'Declarations of interest',
      'Minutes of the meeting of Tuesday 20 October 2026, for confirmation',
      'Matters arising and open actions',
      'Any other business',
      'Date of the next meeting',
    ]);
    expect(items.at(-1)!.description).toBe('Tuesday 19 January 2027.');
    expect(items[2]).toMatchObject({ refersToTable: 'meetings', refersToRow: 'm1' });
  });

  it('says when there is no earlier meeting, and no next one yet', () => {
    const items = standardAgenda(context({ previousMeeting: null, nextMeeting: null }));
    expect(items[2]!.title).toBe('Minutes of the last meeting, for confirmation');
    expect(items[2]!.refersToTable).toBe('');
    expect(items.at(-1)!.description).toBe('To be agreed.');
  });

  it('has an item for Accountable Body overrides only when one was recorded since the last meeting (Partnership Agreement 8.2)', () => {
    expect(standardAgenda(context()).some((i) => i.standard === 'overrides')).toBe(false);
    const overrides = [
      { motionId: 'old', text: 'Fund the summer fair', reason: 'reported already', overriddenOn: '2026-10-19' },
      { motionId: 'm', text: 'Move the budget to staff costs', reason: 'contrary to the funder’s terms', overriddenOn: '2026-11-02' },
      { motionId: 'later', text: 'Something', reason: 'goes to the next meeting', overriddenOn: '2026-12-08' },
    ];
    const item = standardAgenda(context({ overrides })).find((i) => i.standard === 'overrides');
    expect(item).toMatchObject({ title: 'Decisions overridden by the Accountable Body', presenter: 'The Accountable Body' });
    expect(item!.description).toBe('Move the budget to staff costs — overridden on Monday 2 November 2026: contrary to the funder’s terms');
    // One recorded on the day of the last meeting is reported at this one: that meeting's agenda had gone out.
    const onTheDay = standardAgenda(context({ overrides: [{ ...overrides[0]!, overriddenOn: '2026-10-20' }] })).find((i) => i.standard === 'overrides');
    expect(onTheDay?.description).toContain('Fund the summer fair');
  });

  it('puts each steering group recommendation since the last meeting on for ratification, before any other business', () => {
    const items = standardAgenda(
      context({
        recommendations: [
          { motionId: 'r1', text: 'Adopt the shared volunteering strategy', decidedOn: '2026-11-10' },
          { motionId: 'r0', text: 'An old one', decidedOn: '2026-09-01' },
        ],
      }),
    );
    const titles = items.map((i) => i.title);
    expect(titles.filter((t) => t.startsWith('Steering group'))).toEqual(['Steering group recommendation, for ratification: Adopt the shared volunteering strategy']);
    expect(titles.indexOf('Steering group recommendation, for ratification: Adopt the shared volunteering strategy')).toBe(titles.indexOf('Any other business') - 1);
    expect(items.find((i) => i.refersToRow === 'r1')).toMatchObject({ key: 'refers:motions:r1', refersToTable: 'motions' });
  });
});

describe('fillStandardItems', () => {
  const referred: AgendaItemLike = { id: 'app-item', position: 0, title: 'Application for membership: Leighton Linslade Volunteer Centre', refersToTable: 'applications', refersToRow: 'a1' };

  it('adds every standard item around an application already referred, which goes after matters arising', () => {
    const { create, move } = fillStandardItems('m2', [referred], standardAgenda(context()));
    expect(create.map((c) => c.id)).toEqual(['apologies', 'declarations', 'minutes', 'matters-arising', 'aob', 'next-meeting'].map((k) => standardItemId('m2', k)));
    const all = apply([referred, ...create.map((c) => ({ ...c }))], move);
    expect(agendaOrder(all).map((i) => i.title)).toEqual([
      'Apologies for absence',
      'Declarations of interest',
      'Minutes of the meeting of Tuesday 20 October 2026, for confirmation',
      'Matters arising and open actions',
      'Application for membership: Leighton Linslade Volunteer Centre',
      'Any other business',
      'Date of the next meeting',
    ]);
    expect(move).toEqual([{ id: 'app-item', position: 4 }]);
  });

  it('adds nothing the second time, and keeps an item removed on purpose removed', () => {
    const first = fillStandardItems('m2', [referred], standardAgenda(context()));
    const items: AgendaItemLike[] = apply([referred, ...first.create], first.move);
    expect(fillStandardItems('m2', items, standardAgenda(context()))).toEqual({ create: [], move: [] });
    const removed = items.map((i) => (i.id === standardItemId('m2', 'aob') ? { ...i, deleted: true } : i));
    expect(fillStandardItems('m2', removed, standardAgenda(context())).create).toEqual([]);
  });

  it('keeps the order a person chose, adding a new override item after matters arising', () => {
    const first = fillStandardItems('m2', [], standardAgenda(context()));
    let items: AgendaItemLike[] = first.create;
    // The secretariat moves any other business to the top (an odd choice, but theirs).
    items = apply(items, moveItem(items, standardItemId('m2', 'aob'), 0));
    const later = fillStandardItems('m2', items, standardAgenda(context({ overrides: [{ motionId: 'x', text: 'A', reason: 'B', overriddenOn: '2026-11-01' }] })));
    expect(later.create.map((c) => c.standard)).toEqual(['overrides']);
    const order = agendaOrder(apply([...items, ...later.create], later.move)).map((i) => i.standard);
    expect(order).toEqual(['aob', 'apologies', 'declarations', 'minutes', 'matters-arising', 'overrides', 'next-meeting']);
  });

  it('does not add a recommendation already on the agenda under another id', () => {
    const onAgenda: AgendaItemLike = { id: 'random', position: 0, title: 'Recommendation', refersToTable: 'motions', refersToRow: 'r1' };
    const specs = standardAgenda(context({ recommendations: [{ motionId: 'r1', text: 'Adopt it', decidedOn: '2026-11-10' }] }));
    expect(fillStandardItems('m2', [onAgenda], specs).create.some((c) => c.refersToRow === 'r1')).toBe(false);
  });
});

describe('moving items', () => {
  const items: AgendaItemLike[] = ['a', 'b', 'c', 'd'].map((id, position) => ({ id, position, title: id }));

  it('moves an item up by one, writing only the two positions that change', () => {
    expect(moveItem(items, 'c', 1)).toEqual([
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
    expect(agendaOrder(apply(items, moveItem(items, 'c', 1))).map((i) => i.id)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('writes nothing when the item is already there, or unknown, and keeps a move within the list', () => {
    expect(moveItem(items, 'a', 0)).toEqual([]);
    expect(moveItem(items, 'zz', 0)).toEqual([]);
    expect(agendaOrder(apply(items, moveItem(items, 'a', 99))).map((i) => i.id)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('breaks ties by id, and a move renumbers them', () => {
    const tied: AgendaItemLike[] = [
      { id: 'y', position: 3, title: 'y' },
      { id: 'x', position: 3, title: 'x' },
    ];
    expect(agendaOrder(tied).map((i) => i.id)).toEqual(['x', 'y']);
    expect(moveItem(tied, 'y', 0)).toEqual([
      { id: 'y', position: 0 },
      { id: 'x', position: 1 },
    ]);
  });

  it('two copies reordering offline reach the same order whichever bundle arrives first', () => {
    // Each copy writes positions per item; merging keeps, per item, the later write (by its clock), as the sync does.
    type Stamped = PositionWrite & { clock: number };
    const merge = (base: AgendaItemLike[], ...batches: Stamped[][]) => {
      const latest = new Map<string, Stamped>();
      for (const batch of batches) for (const w of batch) if ((latest.get(w.id)?.clock ?? -1) < w.clock) latest.set(w.id, w);
      return agendaOrder(apply(base, [...latest.values()])).map((i) => i.id);
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 6 }),
        (movesA, movesB) => {
          const base: AgendaItemLike[] = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5'].map((id, position) => ({ id, position, title: id }));
          const run = (moves: Array<[number, number]>, clockOf: (n: number) => number) => {
            let items = base;
            const writes: Stamped[] = [];
            moves.forEach(([from, to], n) => {
              const w = moveItem(items, agendaOrder(items)[from]!.id, to);
              items = apply(items, w);
              writes.push(...w.map((x) => ({ ...x, clock: clockOf(n) })));
            });
            return writes;
          };
          // Copy A's clock stamps are even, B's odd: no two writes share one, as no two HLCs do.
          const a = run(movesA, (n) => 2 * n);
          const b = run(movesB, (n) => 2 * n + 1);
          const ab = merge(base, a, b);
          const ba = merge(base, b, a);
          expect(ab).toEqual(ba);
          expect([...ab].sort()).toEqual(base.map((i) => i.id));
        },
      ),
    );
  });
});

describe('members’ items', () => {
  it('are due three working days before the papers (Partnership Agreement 10.5): for Tuesday 2 June 2026, Wednesday 20 May', () => {
    // Papers are due by Tuesday 26 May 2026; Monday 25 May is the Spring bank holiday.
    expect(membersItemsDueBy('2026-06-02', 5, england)).toBe('2026-05-20');
    expect(membersItemsDueBy('2026-06-02', 5, england, 0)).toBe('2026-05-26');
  });

  it('say whether one came in time, in words', () => {
    expect(memberItemTiming('2026-05-20', '2026-05-20')).toEqual({ inTime: true, message: 'Received on Wednesday 20 May 2026, in time.' });
    const late = memberItemTiming('2026-05-21', '2026-05-20');
    expect(late.inTime).toBe(false);
    expect(late.message).toBe('Received late, on Thursday 21 May 2026: members’ items were due by Wednesday 20 May 2026. The chair decides whether it is taken.');
  });
});
