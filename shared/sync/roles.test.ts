/**
 * The role timeline (roles.ts): which grants stand, who holds which office
 * when, and that every copy holding the same grants draws the same timeline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from './hlc';
import { grantIdFor, londonMidnight, resolveGrants, RoleTimeline, type GrantCandidate } from './roles';
import type { Office } from '../domain/entities';

const FOUNDER = 'node-founder';
const SECRETARIAT = 'node-secretariat';
const OLD_CHAIR = 'node-old-chair';
const NEW_CHAIR = 'node-new-chair';
const PARTNER = 'node-partner';

const at = (iso: string, node: string, counter = 0) => formatTimestamp(Date.parse(iso), counter, node);

/** A grant of `office` to `node` from `from`, written by `author` at `when`. */
function grant(author: string, when: string, office: Office, node: string, from: string, organisationId = `org-of-${node}`): GrantCandidate {
  return { id: grantIdFor({ office, node, from }), hlc: at(when, author), values: { office, node, organisationId, from } };
}
const genesis = grant(FOUNDER, '2026-04-01T09:00:00Z', 'secretariat', FOUNDER, '2026-04-01');
const offices = (timeline: RoleTimeline, node: string, iso: string) => [...timeline.officesAt(node, at(iso, node))].sort();
const refusedIds = (resolution: ReturnType<typeof resolveGrants>) => resolution.refused.map((r) => `${r.candidate.id}@${r.candidate.hlc}`);

describe('who may grant a role', () => {
  it('accepts the founder’s first grant, made while nobody holds the secretariat or the Accountable Body', () => {
    const { timeline, accepted, refused } = resolveGrants(FOUNDER, [genesis]);
    expect([...accepted.keys()]).toEqual([genesis.id]);
    expect(refused).toEqual([]);
    expect(offices(timeline, FOUNDER, '2026-04-02T12:00:00Z')).toEqual(['secretariat']);
  });

  it('refuses a first grant by any copy but the founder', () => {
    const usurper = grant(PARTNER, '2026-04-01T08:00:00Z', 'secretariat', PARTNER, '2026-04-01');
    const { timeline, refused } = resolveGrants(FOUNDER, [usurper, genesis]);
    expect(refused.map((r) => [r.candidate.id, r.reason])).toEqual([[usurper.id, 'only the secretariat or the Accountable Body grants roles, and no copy gives itself one']]);
    expect(offices(timeline, PARTNER, '2026-04-02T12:00:00Z')).toEqual([]);
  });

  it('refuses a partner’s grant of an office to itself', () => {
    const selfGrant = grant(PARTNER, '2026-05-01T09:00:00Z', 'accountable-body', PARTNER, '2026-05-01');
    const { timeline, refused } = resolveGrants(FOUNDER, [genesis, selfGrant]);
    expect(refused.map((r) => r.candidate.id)).toEqual([selfGrant.id]);
    expect(offices(timeline, PARTNER, '2026-05-02T12:00:00Z')).toEqual([]);
  });

  it('refuses a grant by a copy that holds neither the secretariat nor the Accountable Body, the chair included', () => {
    const chair = grant(FOUNDER, '2026-04-01T10:00:00Z', 'chair', OLD_CHAIR, '2026-04-01');
    const byChair = grant(OLD_CHAIR, '2026-05-01T09:00:00Z', 'chair', PARTNER, '2026-05-01');
    const { refused } = resolveGrants(FOUNDER, [genesis, chair, byChair]);
    expect(refused.map((r) => r.candidate.id)).toEqual([byChair.id]);
  });

  it('accepts grants by whoever holds the secretariat or the Accountable Body at the grant’s clock time', () => {
    const toSecretariat = grant(FOUNDER, '2026-04-01T10:00:00Z', 'secretariat', SECRETARIAT, '2026-04-01');
    const chairBySecretariat = grant(SECRETARIAT, '2026-04-02T10:00:00Z', 'chair', OLD_CHAIR, '2026-04-02');
    const { accepted, refused, timeline } = resolveGrants(FOUNDER, [genesis, toSecretariat, chairBySecretariat]);
    expect(refused).toEqual([]);
    expect(accepted.has(chairBySecretariat.id)).toBe(true);
    expect(offices(timeline, OLD_CHAIR, '2026-04-03T12:00:00Z')).toEqual(['chair']);
  });

  it('ends the founder’s own right to grant once another copy holds the office it handed on', () => {
    const handedOn = grant(FOUNDER, '2026-04-01T10:00:00Z', 'secretariat', SECRETARIAT, '2026-04-01');
    const lateGrant = grant(FOUNDER, '2026-05-01T10:00:00Z', 'chair', OLD_CHAIR, '2026-05-01');
    const { refused, timeline } = resolveGrants(FOUNDER, [genesis, handedOn, lateGrant]);
    expect(refused.map((r) => r.candidate.id)).toEqual([lateGrant.id]);
    expect(offices(timeline, FOUNDER, '2026-05-02T12:00:00Z')).toEqual([]);
  });

  it('refuses a grant rewritten with other values under the same id, and takes an identical copy of it as the same grant', () => {
    const rewritten: GrantCandidate = { ...genesis, hlc: at('2026-04-02T09:00:00Z', FOUNDER), values: { ...genesis.values, organisationId: 'org-other' } };
    const repeated: GrantCandidate = { ...genesis, hlc: at('2026-04-03T09:00:00Z', FOUNDER) };
    const { accepted, refused } = resolveGrants(FOUNDER, [genesis, rewritten, repeated]);
    expect(accepted.get(genesis.id)).toEqual(genesis);
    expect(refused.map((r) => [r.candidate.hlc, r.reason])).toEqual([[rewritten.hlc, 'a role, once granted, is not changed: a new grant replaces it']]);
  });
});

describe('when an office is held', () => {
  const oldChair = grant(FOUNDER, '2026-04-01T10:00:00Z', 'chair', OLD_CHAIR, '2026-04-01');

  it('is held from midnight in London on the grant’s date, in summer time as in winter', () => {
    expect(new Date(londonMidnight('2026-01-15')).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(new Date(londonMidnight('2026-07-01')).toISOString()).toBe('2026-06-30T23:00:00.000Z');
    const future = grant(FOUNDER, '2026-06-01T10:00:00Z', 'chair', NEW_CHAIR, '2026-07-01');
    const { timeline } = resolveGrants(FOUNDER, [genesis, future]);
    expect(offices(timeline, NEW_CHAIR, '2026-06-30T22:59:59Z')).toEqual([]);
    expect(offices(timeline, NEW_CHAIR, '2026-06-30T23:00:00Z')).toEqual(['chair']);
  });

  it('ends the old chair’s term on the new chair’s date when the grant is made in advance', () => {
    const newChair = grant(FOUNDER, '2026-12-01T10:00:00Z', 'chair', NEW_CHAIR, '2027-01-04');
    const { timeline } = resolveGrants(FOUNDER, [genesis, oldChair, newChair]);
    expect(offices(timeline, OLD_CHAIR, '2027-01-03T23:59:59Z')).toEqual(['chair']);
    expect(offices(timeline, OLD_CHAIR, '2027-01-04T00:00:00Z')).toEqual([]);
    expect(offices(timeline, NEW_CHAIR, '2027-01-04T00:00:00Z')).toEqual(['chair']);
  });

  it('never reaches back before the moment of the grant: a grant dated in the past starts when it is made', () => {
    const newChair = grant(FOUNDER, '2026-11-30T15:00:00Z', 'chair', NEW_CHAIR, '2026-11-01');
    const { timeline } = resolveGrants(FOUNDER, [genesis, oldChair, newChair]);
    // What the old chair did in good faith in November stands; from the grant on, it is the new chair's.
    expect(offices(timeline, OLD_CHAIR, '2026-11-30T14:59:59Z')).toEqual(['chair']);
    expect(offices(timeline, NEW_CHAIR, '2026-11-30T14:59:59Z')).toEqual([]);
    expect(offices(timeline, OLD_CHAIR, '2026-11-30T15:00:00Z')).toEqual([]);
    expect(offices(timeline, NEW_CHAIR, '2026-11-30T15:00:00Z')).toEqual(['chair']);
    expect(timeline.termAt('chair', Date.parse('2026-11-30T15:00:00Z'))).toMatchObject({ holder: NEW_CHAIR, grantedBy: FOUNDER, startsAt: Date.parse('2026-11-30T15:00:00Z') });
  });

  it('refuses a grant by a secretariat whose office has ended', () => {
    const handedOn = grant(FOUNDER, '2026-04-01T10:00:00Z', 'secretariat', SECRETARIAT, '2026-04-01');
    const tooLate = grant(FOUNDER, '2026-04-05T10:00:00Z', 'chair', NEW_CHAIR, '2026-04-05');
    expect(refusedIds(resolveGrants(FOUNDER, [genesis, handedOn, tooLate]))).toEqual([`${tooLate.id}@${tooLate.hlc}`]);
  });

  it('says what a copy holds now, and no office at all before any grant', () => {
    const { timeline } = resolveGrants(FOUNDER, [genesis, oldChair]);
    expect([...timeline.officesNow(OLD_CHAIR, Date.parse('2026-06-01T00:00:00Z'))]).toEqual(['chair']);
    expect([...new RoleTimeline(FOUNDER, []).officesAt(FOUNDER, at('2026-06-01T00:00:00Z', FOUNDER))]).toEqual([]);
  });
});

describe('the organisation whose copy it is', () => {
  it('comes from the register of copies, else from the copy’s grants, else is not known', () => {
    const chair = grant(FOUNDER, '2026-04-01T10:00:00Z', 'chair', OLD_CHAIR, '2026-04-01', 'org-bedford-cvs');
    const { timeline } = resolveGrants(FOUNDER, [genesis, chair], new Map([[PARTNER, 'org-luton']]));
    expect(timeline.organisationOf(PARTNER)).toBe('org-luton');
    expect(timeline.organisationOf(OLD_CHAIR)).toBe('org-bedford-cvs');
    expect(timeline.organisationOf('node-stranger')).toBe('');
    expect(timeline.withOrganisations(new Map([[OLD_CHAIR, 'org-registered']])).organisationOf(OLD_CHAIR)).toBe('org-registered');
  });
});

describe('every copy draws the same timeline', () => {
  it('resolves the same grants the same way in any order of arrival', () => {
    const nodes = [FOUNDER, SECRETARIAT, OLD_CHAIR, NEW_CHAIR, PARTNER];
    const officeArb = fc.constantFrom<Office>('secretariat', 'chair', 'accountable-body');
    const grantArb = fc
      .record({ author: fc.constantFrom(...nodes), node: fc.constantFrom(...nodes), office: officeArb, day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }), fromDay: fc.integer({ min: 1, max: 28 }) })
      .map(({ author, node, office, day, hour, fromDay }) =>
        grant(author, `2026-05-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`, office, node, `2026-05-${String(fromDay).padStart(2, '0')}`),
      );
    const summary = (resolution: ReturnType<typeof resolveGrants>) => ({
      accepted: [...resolution.accepted.values()].map((g) => `${g.id}@${g.hlc}`).sort(),
      refused: refusedIds(resolution).sort(),
      signature: resolution.timeline.signature(),
      held: nodes.flatMap((node) => [1, 8, 15, 22, 29].map((day) => `${node}:${day}:${offices(resolution.timeline, node, `2026-05-${String(day).padStart(2, '0')}T12:00:00Z`).join('+')}`)),
    });
    fc.assert(
      fc.property(
        fc.array(grantArb, { maxLength: 12 }).chain((grants) => fc.tuple(fc.constant([genesis, ...grants]), fc.shuffledSubarray([genesis, ...grants], { minLength: grants.length + 1 }))),
        ([inOrder, shuffled]) => {
          expect(summary(resolveGrants(FOUNDER, shuffled))).toEqual(summary(resolveGrants(FOUNDER, inOrder)));
        },
      ),
    );
  });

  it('accepts a grant that rests on another, whichever of the two arrived first', () => {
    const toSecretariat = grant(FOUNDER, '2026-04-01T10:00:00Z', 'secretariat', SECRETARIAT, '2026-04-01');
    const bySecretariat = grant(SECRETARIAT, '2026-04-02T10:00:00Z', 'chair', OLD_CHAIR, '2026-04-02');
    const forwards = resolveGrants(FOUNDER, [genesis, toSecretariat, bySecretariat]);
    const backwards = resolveGrants(FOUNDER, [bySecretariat, toSecretariat, genesis]);
    expect(backwards.refused).toEqual([]);
    expect(backwards.timeline.signature()).toBe(forwards.timeline.signature());
  });
});

describe('the copies a change of timeline concerns', () => {
  const oldChair = grant(FOUNDER, '2026-04-01T10:00:00Z', 'chair', OLD_CHAIR, '2026-04-01');
  const newChair = grant(FOUNDER, '2026-11-30T15:00:00Z', 'chair', NEW_CHAIR, '2026-11-30');

  it('are none when the timeline is the same', () => {
    const a = resolveGrants(FOUNDER, [genesis, oldChair]).timeline;
    const b = resolveGrants(FOUNDER, [oldChair, genesis]).timeline;
    expect([...RoleTimeline.changedCopies(a, b)]).toEqual([]);
  });

  it('are the new holder of an office and everyone who held it before', () => {
    const before = resolveGrants(FOUNDER, [genesis, oldChair]).timeline;
    const after = resolveGrants(FOUNDER, [genesis, oldChair, newChair]).timeline;
    expect([...RoleTimeline.changedCopies(before, after)].sort()).toEqual([NEW_CHAIR, OLD_CHAIR].sort());
    expect([...RoleTimeline.changedCopies(after, before)].sort()).toEqual([NEW_CHAIR, OLD_CHAIR].sort());
  });

  it('include a copy whose organisation the register changed, and every copy when the founder differs', () => {
    const base = resolveGrants(FOUNDER, [genesis]).timeline;
    expect([...RoleTimeline.changedCopies(base, base.withOrganisations(new Map([[PARTNER, 'org-luton']])))]).toEqual([PARTNER]);
    expect(RoleTimeline.changedCopies(base, new RoleTimeline('node-other', base.terms)).has('*')).toBe(true);
  });
});

describe('a grant’s id', () => {
  it('is one per office, copy and start date, whichever copy writes it', () => {
    expect(grantIdFor({ office: 'chair', node: NEW_CHAIR, from: '2026-11-30' })).toBe(`grant:chair:2026-11-30:${NEW_CHAIR}`);
  });
});

describe('the chair and the Accountable Body (Partnership Agreement 9.1)', () => {
  const ab = grant(FOUNDER, '2026-04-02T09:00:00Z', 'accountable-body', PARTNER, '2026-04-02', 'org-ab');
  const abAsChair = grant(FOUNDER, '2026-04-03T09:00:00Z', 'chair', OLD_CHAIR, '2026-04-03', 'org-ab');

  it('refuses the chair to the Accountable Body’s organisation where the constitution says it may not chair', () => {
    const resolution = resolveGrants(FOUNDER, [genesis, ab, abAsChair], new Map(), { accountableBodyMayChair: false });
    expect(resolution.refused.map((r) => r.reason)).toEqual(['the chair is elected from members’ representatives other than the Accountable Body’s (the constitution, 9.1)']);
    expect(offices(resolution.timeline, OLD_CHAIR, '2026-05-01T09:00:00Z')).toEqual([]);
  });

  it('grants it where the consortium’s constitution allows the Accountable Body to chair', () => {
    const resolution = resolveGrants(FOUNDER, [genesis, ab, abAsChair], new Map(), { accountableBodyMayChair: true });
    expect(resolution.refused).toEqual([]);
    expect(offices(resolution.timeline, OLD_CHAIR, '2026-05-01T09:00:00Z')).toEqual(['chair']);
  });
});
