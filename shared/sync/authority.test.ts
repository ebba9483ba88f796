/**
 * Authority as every copy judges it (authority.ts judge): by the offices the
 * change's origin held at its clock time, the member organisation whose copy it
 * is, the record's owner and lifecycle state, its natural key and its schema.
 */
import { describe, expect, it } from 'vitest';
import { actorAt, introducesPartners, judge, refusalSentence, roleOfOffices, type Verdict } from './authority';
import { formatTimestamp } from './hlc';
import { grantIdFor, resolveGrants } from './roles';
import type { Office } from '../domain/entities';
import type { Actor } from '../rules/lifecycles';
import { BEDFORDSHIRE_CONSTITUTION } from '../rules/constitution';
import { carriedProof } from '../rules/test-proofs';

const LUTON = 'org-luton';
const BEDFORD = 'org-bedford';
const CONSORTIUM = 'consortium-1';

function actor(offices: Office[], organisationId = ''): Actor {
  return { offices: new Set(offices), organisationId };
}
const partner = (organisationId = LUTON) => actor([], organisationId);
const secretariat = actor(['secretariat'], 'org-secretariat');
const accountableBody = actor(['accountable-body'], 'org-ab');
const chair = actor(['chair'], 'org-chair');

type Row = Record<string, unknown>;

/** Judges every field of one write, as the writer and the merge do; the first refusal, or the verdict shared by all. */
function write(table: string, row: string, fields: Row, who: Actor, before?: Row): Verdict {
  let last: Verdict = { kind: 'allowed' };
  for (const [field, value] of Object.entries(fields)) {
    const verdict = judge({ table, row, field, value, entryFields: fields, before, actor: who, consortiumId: CONSORTIUM });
    if (verdict.kind !== 'allowed') return verdict;
    last = verdict;
  }
  return last;
}
const reasonOf = (verdict: Verdict) => (verdict.kind === 'refused' ? `${verdict.refusal.action}: ${verdict.refusal.reason}` : verdict.kind);

const claimId = (org: string, quarter = 1) => `partnerClaim:${org}:project-1:2026/27:Q${quarter}`;
const claimFields = (org = LUTON) => ({ organisationId: org, projectId: 'project-1', financialYear: '2026/27', quarter: 1, lines: { staff: 120_000 }, outputsDelivered: '14 groups supported' });
/** A stored claim with events at successive clock times. */
function claimWith(events: Array<Record<string, unknown>>, org = LUTON): Row {
  const row: Row = { id: claimId(org), ...claimFields(org), _clocks: {} as Record<string, string> };
  events.forEach((event, i) => {
    row[`event:${i}`] = event;
    (row._clocks as Record<string, string>)[`event:${i}`] = formatTimestamp(Date.parse('2026-07-01T10:00:00Z') + i * 1000, 0, 'node');
  });
  return row;
}
const submittedClaim = () => claimWith([{ type: 'submitted', answer: '' }]);
const approvedClaim = () => claimWith([{ type: 'submitted', answer: '' }, { type: 'approved', lines: { staff: 100_000 }, reasons: { staff: 'Two days not evidenced' } }]);

describe('claims from partners', () => {
  it('lets a partner’s copy make and submit its own organisation’s claim', () => {
    expect(write('partnerClaims', claimId(LUTON), claimFields(LUTON), partner())).toEqual({ kind: 'allowed' });
    expect(write('partnerClaims', claimId(LUTON), { 'event:s': { type: 'submitted', answer: '' } }, partner(), claimWith([]))).toEqual({ kind: 'allowed' });
  });

  it('refuses a partner’s copy making a claim for another organisation, but lets the Accountable Body enter one on its behalf', () => {
    expect(reasonOf(write('partnerClaims', claimId(BEDFORD), claimFields(BEDFORD), partner()))).toBe(
      'make a claim for another partner: a partner’s copy claims only for its own organisation',
    );
    expect(write('partnerClaims', claimId(BEDFORD), { ...claimFields(BEDFORD), enteredOnBehalf: true }, accountableBody)).toEqual({ kind: 'allowed' });
  });

  it('refuses a partner’s copy editing another partner’s claim', () => {
    expect(reasonOf(write('partnerClaims', claimId(LUTON), { lines: { staff: 1 } }, partner(BEDFORD), claimWith([])))).toBe(
      'change another partner’s claim: a partner’s copy changes only its own organisation’s claims',
    );
  });

  it('allows approving a partner’s claim only to the Accountable Body', () => {
    const approve = { 'event:a': { type: 'approved', lines: { staff: 120_000 } } };
    for (const who of [partner(), secretariat, chair]) {
      expect(reasonOf(write('partnerClaims', claimId(LUTON), approve, who, submittedClaim()))).toBe('approve a claim: only the Accountable Body may do that (Partnership Agreement 8.1)');
    }
    expect(write('partnerClaims', claimId(LUTON), approve, accountableBody, submittedClaim())).toEqual({ kind: 'allowed' });
  });

  it('allows paying a partner’s claim only to the Accountable Body, and only the amount approved', () => {
    const pay = (amountPence: number) => ({ 'event:p': { type: 'paid', paidOn: '2026-07-20', reference: 'BACS 1', amountPence } });
    expect(reasonOf(write('partnerClaims', claimId(LUTON), pay(100_000), partner(), approvedClaim()))).toBe('mark a claim paid: only the Accountable Body may do that (Partnership Agreement 8.1)');
    expect(reasonOf(write('partnerClaims', claimId(LUTON), pay(120_000), accountableBody, approvedClaim()))).toBe('mark a claim paid: the amount paid is not the amount approved');
    expect(write('partnerClaims', claimId(LUTON), pay(100_000), accountableBody, approvedClaim())).toEqual({ kind: 'allowed' });
  });

  it('refuses editing a claim once approved, even by the partner that made it', () => {
    expect(reasonOf(write('partnerClaims', claimId(LUTON), { lines: { staff: 150_000 } }, partner(), approvedClaim()))).toBe(
      'change a claim already approved by the Accountable Body: what was approved is what is paid',
    );
    expect(write('partnerClaims', claimId(LUTON), { lines: { staff: 150_000 } }, accountableBody, approvedClaim()).kind).toBe('refused');
  });

  it('refuses rewriting a step already recorded on a record', () => {
    const claim = submittedClaim();
    expect(reasonOf(write('partnerClaims', claimId(LUTON), { 'event:0': { type: 'submitted', answer: 'again' } }, partner(), claim))).toBe(
      'rewrite a step already recorded on a claim from a partner: what happened stays recorded',
    );
  });
});

describe('claims to funders', () => {
  it('allows submitting a claim to a funder only to the Accountable Body', () => {
    const id = 'funderClaim:fund-1:2026/27:Q1';
    const before = { id, fundId: 'fund-1', financialYear: '2026/27', quarter: 1, _clocks: {} };
    const submit = { 'event:s': { type: 'submitted', submittedOn: '2026-07-15' } };
    for (const who of [partner(), secretariat, chair]) {
      expect(reasonOf(write('funderClaims', id, submit, who, before))).toBe('submit a claim to a funder: only the Accountable Body may do that (Partnership Agreement 8.1)');
    }
    expect(write('funderClaims', id, submit, accountableBody, before)).toEqual({ kind: 'allowed' });
  });
});

describe('motions', () => {
  const motion = (events: Array<Record<string, unknown>>): Row => {
    const row: Row = { id: 'motion-1', meetingId: 'meeting-1', text: 'That the consortium bids for the fund', _clocks: {} };
    events.forEach((event, i) => {
      row[`event:${i}`] = event;
      (row._clocks as Record<string, string>)[`event:${i}`] = formatTimestamp(Date.parse('2026-07-01T10:00:00Z') + i, 0, 'node');
    });
    return row;
  };

  it('lets the secretariat or the chair record a decision, and not a partner', () => {
    const decide = { 'event:d': { type: 'decided', outcome: 'carried', proof: carriedProof() } };
    expect(write('motions', 'motion-1', decide, secretariat, motion([]))).toEqual({ kind: 'allowed' });
    expect(write('motions', 'motion-1', decide, chair, motion([]))).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('motions', 'motion-1', decide, partner(), motion([])))).toBe('record the decision on a motion: the secretariat or the chair records decisions');
  });

  it('allows overriding a decision only to the Accountable Body', () => {
    const override = { 'event:o': { type: 'overridden', reason: 'Contrary to the funder’s terms' } };
    const carried = motion([{ type: 'decided', outcome: 'carried', proof: carriedProof() }]);
    for (const who of [partner(), secretariat, chair]) {
      expect(reasonOf(write('motions', 'motion-1', override, who, carried))).toBe('override a consortium decision: only the Accountable Body may (Partnership Agreement 8.2)');
    }
    expect(write('motions', 'motion-1', override, accountableBody, carried)).toEqual({ kind: 'allowed' });
  });

  it('lets a member record its own dissent, and not another member’s', () => {
    const carried = motion([{ type: 'decided', outcome: 'carried', proof: carriedProof() }]);
    expect(write('motions', 'motion-1', { [`dissent:${LUTON}`]: true }, partner(LUTON), carried)).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('motions', 'motion-1', { [`dissent:${BEDFORD}`]: true }, partner(LUTON), carried))).toBe('record another member’s dissent: a member records only its own dissent');
  });
});

describe('membership applications', () => {
  const application: Row = { id: 'application-1', organisationName: 'Ampthill Community Group', contactName: 'A. Person', receivedOn: '2026-11-02', _clocks: {} };
  // Members consulted: the chair decides after consulting them (Partnership Agreement 5.3).
  const consulted: Row = { ...application, 'event:c': { type: 'consulting', closesOn: '2026-11-16', consulted: [] } };

  it('lets only the chair decide an application (Partnership Agreement 5.3), after consulting members: not the Accountable Body, the secretariat or a partner', () => {
    for (const decision of ['admitted', 'refused'] as const) {
      const decide = { 'event:d': { type: 'decided', decision, reason: '', on: '2026-11-17', atMeetingId: '' } };
      const action = decision === 'admitted' ? 'admit an applicant' : 'refuse an application';
      for (const who of [accountableBody, secretariat, partner()]) {
        expect(reasonOf(write('applications', 'application-1', decide, who, consulted))).toBe(`${action}: the chair decides applications (Partnership Agreement 5.3)`);
      }
      expect(write('applications', 'application-1', decide, chair, consulted)).toEqual({ kind: 'allowed' });
      expect(reasonOf(write('applications', 'application-1', decide, chair, application))).toBe(`${action}: the chair decides after consulting members (Partnership Agreement 5.3)`);
    }
  });

  it('lets the secretariat or the Accountable Body keep an application’s details, and not a partner or the chair', () => {
    expect(write('applications', 'application-1', { contactName: 'B. Person' }, secretariat, application)).toEqual({ kind: 'allowed' });
    expect(write('applications', 'application-1', { contactName: 'B. Person' }, accountableBody, application)).toEqual({ kind: 'allowed' });
    for (const who of [chair, partner()]) {
      expect(reasonOf(write('applications', 'application-1', { contactName: 'B. Person' }, who, application))).toBe(
        'change a membership application: the Accountable Body or the secretariat keeps applications (Partnership Agreement 5.3)',
      );
    }
  });
});

describe('the consortium and its register', () => {
  const consortium: Row = { id: CONSORTIUM, name: 'Bedfordshire & Luton VCS Consortium', constitution: BEDFORDSHIRE_CONSTITUTION, _clocks: {} };

  it('allows changing the constitution only to the secretariat or the Accountable Body', () => {
    const change = { constitution: { ...BEDFORDSHIRE_CONSTITUTION, quorumMinimum: 1 } };
    expect(write('consortium', CONSORTIUM, change, secretariat, consortium)).toEqual({ kind: 'allowed' });
    expect(write('consortium', CONSORTIUM, change, accountableBody, consortium)).toEqual({ kind: 'allowed' });
    for (const who of [chair, partner()]) {
      expect(reasonOf(write('consortium', CONSORTIUM, change, who, consortium))).toBe('change the consortium’s details or constitution: only the secretariat or the Accountable Body may');
    }
  });

  it('refuses a second consortium record on a copy that belongs to one, whoever makes it', () => {
    expect(reasonOf(write('consortium', 'another-consortium', { name: 'Worcestershire Infrastructure Consortium' }, secretariat))).toBe(
      'create a second consortium: each copy belongs to one consortium',
    );
  });

  it('allows enrolling a copy for the consortium only to the secretariat or the Accountable Body', () => {
    const enrolment = { name: 'Luton CVS', organisationId: LUTON, role: 'partner', publicKey: 'key', trust: 'trusted', enrolledAt: '' };
    expect(write('partnerNodes', 'node-luton', enrolment, secretariat)).toEqual({ kind: 'allowed' });
    expect(write('partnerNodes', 'node-luton', enrolment, accountableBody)).toEqual({ kind: 'allowed' });
    for (const who of [chair, partner()]) {
      expect(reasonOf(write('partnerNodes', 'node-luton', enrolment, who))).toBe('change the consortium’s register of copies: only the secretariat or the Accountable Body may');
    }
  });

  it('lets a member’s copy keep its own contact details up to date, but not its membership status nor another member’s entry', () => {
    const own: Row = { id: LUTON, name: 'Luton CVS', status: 'member', _clocks: {} };
    expect(write('organisations', LUTON, { name: 'Voluntary Action Luton', phone: '01632 960123' }, partner(LUTON), own)).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('organisations', LUTON, { status: 'co-opted' }, partner(LUTON), own))).toBe(
      'change its own membership status: the secretariat keeps the register of members (Partnership Agreement 5)',
    );
    expect(reasonOf(write('organisations', BEDFORD, { name: 'Bedford CVS' }, partner(LUTON), { ...own, id: BEDFORD }))).toBe(
      'change another member’s entry in the register: a partner’s copy changes only its own organisation’s details',
    );
    expect(write('organisations', BEDFORD, { name: 'Bedford CVS' }, chair, { ...own, id: BEDFORD })).toEqual({ kind: 'allowed' });
  });
});

describe('meetings and attendance', () => {
  it('lets a member send its own apologies, but not record itself present nor another member’s attendance', () => {
    const id = `attendance:meeting-1:${LUTON}`;
    expect(write('attendance', id, { meetingId: 'meeting-1', organisationId: LUTON, status: 'apologies' }, partner(LUTON))).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('attendance', id, { meetingId: 'meeting-1', organisationId: LUTON, status: 'present' }, partner(LUTON)))).toBe(
      'record its own attendance at a meeting: the secretariat or the chair records who attended; a member sends only its apologies',
    );
    const other = `attendance:meeting-1:${BEDFORD}`;
    expect(write('attendance', other, { meetingId: 'meeting-1', organisationId: BEDFORD, status: 'apologies' }, partner(LUTON)).kind).toBe('refused');
    expect(write('attendance', other, { meetingId: 'meeting-1', organisationId: BEDFORD, status: 'present' }, chair)).toEqual({ kind: 'allowed' });
  });

  it('lets the secretariat or the chair arrange a meeting, and not a partner', () => {
    const meeting = { title: 'Consortium meeting', date: '2026-12-08' };
    expect(write('meetings', 'meeting-1', meeting, secretariat)).toEqual({ kind: 'allowed' });
    expect(write('meetings', 'meeting-1', meeting, chair)).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('meetings', 'meeting-1', meeting, partner()))).toBe('change a meeting: only the secretariat or the chair may');
  });

  it('lets a member cast its own vote, and not another member’s', () => {
    expect(write('votes', `vote:motion-1:${LUTON}`, { motionId: 'motion-1', organisationId: LUTON, choice: 'for' }, partner(LUTON))).toEqual({ kind: 'allowed' });
    expect(write('votes', `vote:motion-1:${BEDFORD}`, { motionId: 'motion-1', organisationId: BEDFORD, choice: 'for' }, partner(LUTON)).kind).toBe('refused');
  });
});

describe('one record per thing', () => {
  it('refuses a one-per-something record created under an id that is not the one made from what it is one of', () => {
    // “an?”: the words say “a attendance record” for now (authority.ts puts “a” before every noun).
    expect(reasonOf(write('attendance', 'random-id', { meetingId: 'meeting-1', organisationId: LUTON, status: 'present' }, secretariat))).toMatch(
      /^create an? attendance record under an id that is not its own: there is one attendance record per meetingId and organisationId, with the id made from them$/,
    );
    expect(write('attendance', `attendance:meeting-1:${LUTON}`, { meetingId: 'meeting-1', organisationId: LUTON, status: 'present' }, secretariat)).toEqual({ kind: 'allowed' });
  });

  it('refuses changing what a one-per-something record is for', () => {
    const id = `attendance:meeting-1:${LUTON}`;
    const before = { id, meetingId: 'meeting-1', organisationId: LUTON, status: 'present', _clocks: {} };
    expect(write('attendance', id, { status: 'absent' }, secretariat, before)).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('attendance', id, { organisationId: BEDFORD }, secretariat, before))).toMatch(
      /^change what an? attendance record is for: an? attendance record stays the one for its meetingId and organisationId$/,
    );
  });
});

describe('role grants', () => {
  it('refuses changing a grant once written: a new one replaces it', () => {
    const values = { office: 'chair', node: 'node-chair', organisationId: 'org-chair', from: '2026-04-01', note: '' };
    const id = grantIdFor({ office: 'chair', node: 'node-chair', from: '2026-04-01' });
    expect(write('roleGrants', id, values, secretariat)).toEqual({ kind: 'allowed' });
    expect(reasonOf(write('roleGrants', id, { organisationId: 'org-other' }, secretariat, { id, ...values, _clocks: {} }))).toBe(
      'change a role granted: it is written once; a new one replaces it',
    );
  });
});

describe('values and kinds', () => {
  it('refuses a value that does not fit the record’s schema, on its own', () => {
    const verdict = write('funds', 'fund-1', { funderId: 'funder-1', name: 'ChangeUp', awardedPence: 10.5 }, accountableBody);
    expect(reasonOf(verdict)).toBe('give a fund a value that is not valid: The amount awarded must be in whole pence');
  });

  it('neither applies nor refuses a kind of record or a field this version does not know', () => {
    expect(write('decisionsRegisterViews', 'view-1', { title: 'Decisions this year' }, secretariat)).toEqual({ kind: 'unknown' });
    expect(write('organisations', LUTON, { preferredPronouns: 'they' }, secretariat)).toEqual({ kind: 'unknown' });
    expect(write('organisations', LUTON, { preferredPronouns: 'they' }, partner(BEDFORD))).toEqual({ kind: 'unknown' });
  });
});

describe('the actor behind a change', () => {
  it('holds the offices its copy was granted at the change’s clock time, and its organisation from the register', () => {
    const founder = 'node-founder';
    const chair = 'node-chair';
    const grantedAt = formatTimestamp(Date.parse('2026-04-01T09:00:00Z'), 0, founder);
    const chairGrantedAt = formatTimestamp(Date.parse('2026-05-01T09:00:00Z'), 0, founder);
    const { timeline } = resolveGrants(
      founder,
      [
        { id: grantIdFor({ office: 'secretariat', node: founder, from: '2026-04-01' }), hlc: grantedAt, values: { office: 'secretariat', node: founder, organisationId: 'org-founder', from: '2026-04-01' } },
        { id: grantIdFor({ office: 'chair', node: chair, from: '2026-05-01' }), hlc: chairGrantedAt, values: { office: 'chair', node: chair, organisationId: 'org-chair', from: '2026-05-01' } },
      ],
      new Map([['node-luton', LUTON]]),
    );
    const at = (iso: string, node: string) => formatTimestamp(Date.parse(iso), 0, node);
    // The founder's own first grant has no start: it has run the consortium since it set it up (roles.ts).
    expect([...actorAt(timeline, founder, at('2026-03-31T12:00:00Z', founder)).offices]).toEqual(['secretariat']);
    const after = actorAt(timeline, founder, at('2026-04-02T12:00:00Z', founder));
    expect([...after.offices]).toEqual(['secretariat']);
    expect(after.organisationId).toBe('org-founder');
    // Any other grant holds from its moment.
    expect([...actorAt(timeline, chair, at('2026-04-30T12:00:00Z', chair)).offices]).toEqual([]);
    expect([...actorAt(timeline, chair, at('2026-05-02T12:00:00Z', chair)).offices]).toEqual(['chair']);
    expect(actorAt(timeline, 'node-luton', at('2026-04-02T12:00:00Z', 'node-luton'))).toEqual({ offices: new Set(), organisationId: LUTON });
  });
});

describe('words and trust', () => {
  it('says a refusal as the secretariat reads it', () => {
    expect(refusalSentence('Wychavon CVS', { action: 'change a claim already approved by the Accountable Body', reason: 'what was approved is what is paid' })).toBe(
      'Wychavon CVS’s copy tried to change a claim already approved by the Accountable Body: what was approved is what is paid.',
    );
  });

  it('lets only the secretariat or the Accountable Body vouch for other copies', () => {
    expect(introducesPartners(new Set(['secretariat']))).toBe(true);
    expect(introducesPartners(new Set(['accountable-body', 'chair']))).toBe(true);
    expect(introducesPartners(new Set(['chair']))).toBe(false);
    expect(introducesPartners(new Set())).toBe(false);
    expect(introducesPartners('accountable-body')).toBe(true);
    expect(introducesPartners('partner')).toBe(false);
    expect(introducesPartners(undefined)).toBe(false);
  });

  it('names the role a copy’s offices add up to, the secretariat first', () => {
    expect(roleOfOffices(new Set(['chair', 'secretariat']))).toBe('secretariat');
    expect(roleOfOffices(new Set(['chair', 'accountable-body']))).toBe('accountable-body');
    expect(roleOfOffices(new Set(['chair']))).toBe('chair');
    expect(roleOfOffices(new Set())).toBe('partner');
  });
});
