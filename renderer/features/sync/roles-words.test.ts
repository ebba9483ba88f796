import { describe, expect, it } from 'vitest';
import type { Office } from '../../../shared/domain/entities';
import { formatTimestamp } from '../../../shared/sync/hlc';
import { grantIdFor, resolveGrants, type GrantCandidate } from '../../../shared/sync/roles';
import {
  copyRolesSentence,
  copyWords,
  grantHistory,
  grantSummary,
  holdersNow,
  mayGrantRoles,
  officesHeld,
  officesInASentence,
  officesLabel,
  roleNow,
  type RoleNames,
} from './roles-words';

const FOUNDER = 'node-secretariat';
const BEDFORD = 'node-bedford';
const LUTON = 'node-luton';

const names: RoleNames = {
  self: FOUNDER,
  copies: new Map([
    [FOUNDER, 'VCA South Bedfordshire'],
    [BEDFORD, 'Bedford CVS'],
    [LUTON, 'Voluntary Action Luton'],
  ]),
  organisations: new Map([
    ['org-vcasb', 'Voluntary and Community Action South Bedfordshire'],
    ['org-bedford', 'Bedford CVS'],
    ['org-luton', 'Voluntary Action Luton'],
  ]),
};
const ORGANISATION: Record<string, string> = { [FOUNDER]: 'org-vcasb', [BEDFORD]: 'org-bedford', [LUTON]: 'org-luton' };

let counter = 0;
/** A grant written by `author` at the moment `at` (ISO), of `office` to `node` from `from`. */
function grant(author: string, at: string, office: Office, node: string, from: string): GrantCandidate {
  const values = { office, node, organisationId: ORGANISATION[node] ?? '', from };
  return { id: grantIdFor(values), hlc: formatTimestamp(Date.parse(at), counter++, author), values };
}

const ms = (iso: string) => Date.parse(iso);

// The founder takes the secretariat on 22 November 2026, grants the chair to Bedford from 1 April 2027, then to Luton from 1 April 2028.
const grants = [
  grant(FOUNDER, '2026-11-22T10:00:00Z', 'secretariat', FOUNDER, '2026-11-22'),
  grant(FOUNDER, '2026-11-22T10:05:00Z', 'chair', BEDFORD, '2027-04-01'),
  grant(FOUNDER, '2026-11-23T09:00:00Z', 'chair', LUTON, '2028-04-01'),
];
const { timeline } = resolveGrants(FOUNDER, grants);

describe('who holds which office, in words', () => {
  it('says who holds each office now and since when, naming the organisation and the copy', () => {
    const holders = holdersNow(timeline, ms('2027-06-01T12:00:00Z'), names);
    expect(holders.map((h) => [h.label, h.organisation, h.copy, h.since])).toEqual([
      ['Secretariat', 'Voluntary and Community Action South Bedfordshire', 'this copy', '22 November 2026'],
      ['Chair', 'Bedford CVS', 'the copy enrolled as Bedford CVS', '1 April 2027'],
      ['Accountable Body', '', '', ''],
    ]);
    expect(holders[2]!.term).toBeUndefined();
  });

  it('says the founder’s first office began when it was granted, though it has no start (roles.ts)', () => {
    const founding = timeline.terms.find((t) => t.office === 'secretariat')!;
    expect(copyRolesSentence(timeline, FOUNDER, ms('2026-12-01T12:00:00Z'), 'VCA South Bedfordshire')).toBe('Secretariat since 22 November 2026; copy of VCA South Bedfordshire');
    expect(founding.startsAt === 0 || founding.startsAt === ms('2026-11-22T10:00:00Z')).toBe(true);
  });

  it('holds a granted office from midnight in London on its date (British Summer Time on 1 April)', () => {
    expect(holdersNow(timeline, ms('2027-03-31T22:59:59Z'), names)[1]!.term).toBeUndefined();
    expect(holdersNow(timeline, ms('2027-03-31T23:00:00Z'), names)[1]!.organisation).toBe('Bedford CVS');
  });

  it('lists every grant, newest first, with what became of it', () => {
    const history = grantHistory(timeline, ms('2028-05-01T12:00:00Z'), names);
    expect(history.map((v) => [v.title, v.state, v.detail])).toEqual([
      ['Chair: Voluntary Action Luton', 'in-office', 'In office since 1 April 2028; granted on 23 November 2026 by this copy.'],
      ['Chair: Bedford CVS', 'ended', 'From 1 April 2027 to 1 April 2028, when Voluntary Action Luton took it on; granted on 22 November 2026 by this copy.'],
      ['Secretariat: Voluntary and Community Action South Bedfordshire (this copy)', 'in-office', 'In office since 22 November 2026; granted on 22 November 2026 by this copy.'],
    ]);
    const before = grantHistory(timeline, ms('2026-12-01T12:00:00Z'), names);
    expect(before.map((v) => v.state)).toEqual(['to-come', 'to-come', 'in-office']);
    expect(before[1]!.detail).toBe('From 1 April 2027, not yet in force; granted on 22 November 2026 by this copy.');
  });

  it('names the copy that made a grant by its organisation, as another copy sees it', () => {
    const onLuton = { ...names, self: LUTON };
    const history = grantHistory(timeline, ms('2028-05-01T12:00:00Z'), onLuton);
    expect(history[0]!.title).toBe('Chair: Voluntary Action Luton (this copy)');
    expect(history[0]!.detail).toBe('In office since 1 April 2028; granted on 23 November 2026 by Voluntary and Community Action South Bedfordshire.');
    expect(copyWords(FOUNDER, onLuton)).toBe('the copy enrolled as VCA South Bedfordshire');
    expect(copyWords('node-unknown-copy', onLuton)).toBe('a copy not enrolled here (node-unk)');
  });

  it('says a grant replaced before it began was never held', () => {
    const replaced = resolveGrants(FOUNDER, [...grants, grant(FOUNDER, '2026-11-24T09:00:00Z', 'chair', LUTON, '2027-04-01')]).timeline;
    const history = grantHistory(replaced, ms('2027-06-01T12:00:00Z'), names);
    const bedford = history.find((v) => v.title === 'Chair: Bedford CVS')!;
    expect(bedford.state).toBe('never-held');
    expect(bedford.detail).toBe('Replaced before it began by the grant to Voluntary Action Luton; granted on 22 November 2026 by this copy.');
  });

  it('gives one copy’s roles in a sentence, with offices still to come', () => {
    expect(copyRolesSentence(timeline, BEDFORD, ms('2027-06-01T12:00:00Z'), 'Bedford CVS')).toBe('Chair since 1 April 2027; copy of Bedford CVS');
    expect(copyRolesSentence(timeline, BEDFORD, ms('2026-12-01T12:00:00Z'), 'Bedford CVS')).toBe('Partner organisation (no office granted); copy of Bedford CVS; Chair from 1 April 2027');
    expect(copyRolesSentence(timeline, LUTON, ms('2026-12-01T12:00:00Z'), '')).toBe('Partner organisation (no office granted); Chair from 1 April 2028');
    expect(copyRolesSentence(timeline, 'node-other', ms('2026-12-01T12:00:00Z'), 'Bedford CVS')).toBe('Partner organisation (no office granted); copy of Bedford CVS');
  });

  it('adds a copy’s offices up to its role, for the header and the dashboard', () => {
    const now = ms('2027-06-01T12:00:00Z');
    expect(officesHeld(timeline, FOUNDER, now)).toEqual(['secretariat']);
    expect(roleNow(timeline, BEDFORD, now)).toBe('chair');
    expect(roleNow(timeline, LUTON, now)).toBe('partner');
    expect(officesLabel([])).toBe('Partner organisation');
    expect(officesLabel(['secretariat', 'chair'])).toBe('Secretariat and Chair');
    expect(officesInASentence(['secretariat', 'accountable-body'])).toBe('the secretariat and the Accountable Body');
    expect(officesInASentence([])).toBe('a partner organisation');
  });

  it('lets only the secretariat or the Accountable Body grant roles', () => {
    expect(mayGrantRoles(new Set<Office>(['secretariat']))).toBe(true);
    expect(mayGrantRoles(new Set<Office>(['accountable-body']))).toBe(true);
    expect(mayGrantRoles(new Set<Office>(['chair']))).toBe(false);
    expect(mayGrantRoles(new Set<Office>())).toBe(false);
  });

  it('says what a grant about to be made will do; a day already past starts when it is made', () => {
    expect(grantSummary('chair', '2027-04-01', '2026-11-22')).toBe('Chair from 1 April 2027');
    expect(grantSummary('accountable-body', '2026-11-22', '2026-11-22')).toBe('Accountable Body from today, 22 November 2026');
    expect(grantSummary('chair', '2026-04-01', '2026-11-22')).toBe('Chair from today, 22 November 2026: 1 April 2026 has passed, and a role never begins before it is granted');
  });
});
