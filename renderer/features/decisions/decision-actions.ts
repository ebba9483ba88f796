/**
 * What a meeting does with motions and elections, as writes through the
 * repositories (validated, judged by the roles in force, logged), each one
 * transaction (docs/architecture.md, "Decisions"): a motion proposed; a member's
 * vote recorded (one record per motion and organisation); the decision taken
 * with its proof, moving on what it refers to (a referred membership
 * application); an Accountable Body override; a Chair's election or the
 * Accountable Body's review, whose result is recorded on the organisation's
 * roles and granted to its copies from the start of the term.
 *
 * Bad input is refused before anything is written, with the reason in words
 * (DecisionRefused); nothing is half written.
 */
import type { Attendance, Election, Meeting, Minute, Motion, Organisation, Vote } from '../../../shared/domain/entities';
import { chairEligibility } from '../../../shared/rules/chair';
import type { Constitution } from '../../../shared/rules/constitution';
import { decide, electorate, outcomeWords, type DecisionOutcome, type DecisionProof, type VoteChoice } from '../../../shared/rules/decisions';
import { officeTermFor, officeYearElectedAt, isLastMeetingOfFinancialYear } from '../../../shared/rules/financial-year';
import { electionLifecycle, isRefusal, motionLifecycle, stateOf, type ElectionState, type MotionState } from '../../../shared/rules/lifecycles';
import { assessQuorum } from '../../../shared/rules/quorum';
import { grantIdFor } from '../../../shared/sync/roles';
import { authorityTables } from '../../db/authority';
import { NotAuthorisedError } from '../../db/not-authorised';
import { londonToday } from '../../db/london-today';
import { formatLongDate } from '../../../shared/rules/calendar-date';
import type { ReadyStore } from '../../db/open';
import { decideApplication } from '../applications/application-actions';

type Store = Pick<ReadyStore, 'db' | 'repositories'>;


/** A decision or an election refused, with every reason in words; nothing was written. */
export class DecisionRefused extends Error {
  override readonly name = 'DecisionRefused';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

export const motionState = (motion: Motion): MotionState => stateOf(motionLifecycle, motion);
export const electionState = (election: Election): ElectionState => stateOf(electionLifecycle, election);

const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** Everything a decision on an item rests on, as this copy holds it now. */
export interface ItemContext {
  meeting: Meeting;
  organisations: Organisation[];
  attendance: Attendance[];
  /** Organisations that declared an interest in the item (its minutes, docs/architecture.md "Meetings: minutes, actions and search"). */
  declaredInterest: string[];
}

/** A meeting decides on its day: nothing is recorded as decided by it before then. */
function assertHeld(meeting: Pick<Meeting, 'date' | 'status'>, today: string) {
  if (meeting.status === 'cancelled') throw new DecisionRefused(['The meeting was cancelled, so it decided nothing.']);
  if (today < meeting.date) throw new DecisionRefused([`The meeting is on ${formatLongDate(meeting.date)}: its decisions are recorded on or after that day.`]);
}

export async function itemContext(store: Store, meetingId: string, agendaItemId: string): Promise<ItemContext> {
  const { db } = store;
  const meeting = await db.meetings.get(meetingId);
  if (!meeting || meeting.deleted) throw new DecisionRefused(['That meeting is no longer on record.']);
  const [organisations, attendance, minute] = await Promise.all([
    db.organisations.toArray(),
    db.attendance.where('meetingId').equals(meetingId).toArray(),
    agendaItemId ? db.minutes.get(`minute:${meetingId}:${agendaItemId}`) : Promise.resolve(undefined as Minute | undefined),
  ]);
  const declaredInterest = minute && !minute.deleted ? minute.declarations.map((d) => d.organisationId) : [];
  return { meeting, organisations: live(organisations), attendance: live(attendance), declaredInterest };
}

async function constitutionOf(store: Store): Promise<{ constitution: Constitution; accountableBodyId: string; startMonth: number; startDay: number }> {
  const rows = await store.db.consortium.orderBy('id').toArray();
  const c = rows.find((r) => !r.deleted);
  if (!c) throw new DecisionRefused(['This copy has no consortium set up yet.']);
  return { constitution: c.constitution, accountableBodyId: c.accountableBodyId, startMonth: c.financialYearStartMonth, startDay: c.financialYearStartDay };
}

// ---------------------------------------------------------------- motions

export interface MotionInput {
  meetingId: string;
  agendaItemId: string;
  text: string;
  proposerOrganisationId: string;
  seconderOrganisationId: string;
  ballot: 'named' | 'secret';
  decisionKind: string;
  refersToTable?: string;
  refersToRow?: string;
  recommendation?: boolean;
}

export async function proposeMotion(store: Store, input: MotionInput): Promise<string> {
  if (input.proposerOrganisationId !== '' && input.proposerOrganisationId === input.seconderOrganisationId) {
    throw new DecisionRefused(['The seconder must be another member than the proposer.']);
  }
  return store.repositories.motions.create({ refersToTable: '', refersToRow: '', recommendation: false, ...input });
}

/** Votes recorded on a motion, not removed. */
export async function votesOn(store: Store, motionId: string): Promise<Vote[]> {
  return live(await store.db.votes.where('motionId').equals(motionId).toArray());
}

/**
 * Records a member's vote on a named ballot: refused, with the reason, for an
 * organisation that may not vote on the item (Partnership Agreement 5.4, 5.5,
 * 5.6, 7.1, 7.2; the conflicts of interest protocol), for a second vote, on a
 * secret ballot, or once the motion is decided.
 */
export async function recordVote(store: Store, motion: Motion, organisationId: string, choice: VoteChoice): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', [db.votes, db.motions, db.organisations, db.attendance, db.minutes, db.meetings, db.consortium, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const current = await db.motions.get(motion.id);
    if (!current || current.deleted) throw new DecisionRefused(['That motion is no longer on record.']);
    if (motionState(current).status !== 'proposed') throw new DecisionRefused(['The motion has been decided: its votes stand as they were counted.']);
    if (current.ballot === 'secret') throw new DecisionRefused(['This is a secret ballot: only the counts are kept, not how each member voted.']);
    const [{ constitution }, context] = await Promise.all([constitutionOf(store), itemContext(store, current.meetingId, current.agendaItemId)]);
    const voters = electorate({ ...context, rules: constitution, meetingDate: context.meeting.date });
    const name = context.organisations.find((o) => o.id === organisationId)?.name ?? 'That organisation';
    const barred = voters.notEligible.find((n) => n.organisationId === organisationId);
    if (barred) throw new DecisionRefused([`${name} may not vote on this motion. ${barred.explanation}`]);
    if (!voters.eligible.some((e) => e.organisationId === organisationId)) throw new DecisionRefused([`${name} is not a member that may vote on this motion.`]);
    const existing = (await votesOn(store, current.id)).find((v) => v.organisationId === organisationId);
    // Partnership Agreement 5.5: one member, one vote.
    if (existing) throw new DecisionRefused([`${name} has already voted (${existing.choice}): each member has one vote. Clear its vote first to correct a mistake.`]);
    await repos.votes.create({ motionId: current.id, organisationId, choice, declaredInterest: false });
  });
}

/** Takes back a vote recorded by mistake, before the motion is decided. */
export async function clearVote(store: Store, motion: Motion, organisationId: string): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', [db.votes, db.motions, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const current = await db.motions.get(motion.id);
    if (!current || motionState(current).status !== 'proposed') throw new DecisionRefused(['The motion has been decided: its votes stand as they were counted.']);
    const id = repos.votes.naturalId({ motionId: motion.id, organisationId });
    if (id && (await repos.votes.get(id))) await repos.votes.remove(id);
  });
}

export interface DecideInput {
  method: 'consensus' | 'vote';
  /** By consensus: members that asked for their dissent to be recorded. */
  dissent?: string[];
  /** A secret ballot's counts. */
  counts?: { for: number; against: number; abstain: number };
  castingVote?: 'for' | 'against';
}

/**
 * Decides a motion and keeps its proof (shared/rules/decisions.ts); a motion
 * that refers to a membership application moves the application on in the same
 * transaction (Partnership Agreement 5.3): admitted when agreed or carried,
 * refused otherwise.
 */
export async function decideMotion(store: Store, motion: Motion, input: DecideInput): Promise<{ outcome: DecisionOutcome; proof: DecisionProof }> {
  const { db, repositories: repos } = store;
  return db.transaction(
    'rw',
    [db.motions, db.votes, db.organisations, db.attendance, db.minutes, db.meetings, db.applications, db.consortium, db.changeLog, db.installation, ...authorityTables(db)],
    async () => {
      const current = await db.motions.get(motion.id);
      if (!current || current.deleted) throw new DecisionRefused(['That motion is no longer on record.']);
      const state = motionState(current);
      if (!(state.status === 'proposed' || (state.status === 'decided' && state.outcome === 'deferred'))) throw new DecisionRefused(['The motion has already been decided.']);
      const [{ constitution }, context, votes] = await Promise.all([constitutionOf(store), itemContext(store, current.meetingId, current.agendaItemId), votesOn(store, current.id)]);
      assertHeld(context.meeting, londonToday());
      const decision = decide({
        ...context,
        rules: constitution,
        meetingDate: context.meeting.date,
        method: input.method,
        ballot: current.ballot,
        decisionKind: current.decisionKind,
        votes: votes.map((v) => ({ organisationId: v.organisationId, choice: v.choice })),
        ...(input.counts ? { counts: input.counts } : {}),
        dissent: input.dissent ?? [],
        ...(input.castingVote ? { castingVote: input.castingVote } : {}),
      });
      if (!decision.ok) throw new DecisionRefused(decision.problems);
      await repos.motions.recordEvent(current.id, { type: 'decided', outcome: decision.outcome, on: context.meeting.date, proof: decision.proof as never });
      if (current.refersToTable === 'applications' && current.refersToRow) {
        const application = await repos.applications.get(current.refersToRow);
        if (application) {
          const admitted = decision.outcome === 'consensus' || decision.outcome === 'carried';
          await decideApplication(
            store,
            application,
            { decision: admitted ? 'admitted' : 'refused', reason: `${outcomeWords(decision.outcome, decision.proof)} at the meeting of ${context.meeting.date}: ${current.text}`, on: context.meeting.date, atMeetingId: context.meeting.id },
            constitution,
          );
        }
      }
      return { outcome: decision.outcome, proof: decision.proof };
    },
  );
}

/** Defers a motion to a later meeting (no decision, so no quorum needed). */
export async function deferMotion(store: Store, motion: Motion): Promise<void> {
  await store.repositories.motions.recordEvent(motion.id, { type: 'decided', outcome: 'deferred' });
}

/**
 * The Accountable Body overrides a decision contrary to a funder's terms
 * (Partnership Agreement 8.2). Only a copy holding the Accountable Body's role
 * can, on every copy (shared/rules/lifecycles.ts motionLifecycle); the override
 * is listed on the next consortium meeting's agenda (shared/rules/agenda.ts).
 */
export async function overrideDecision(store: Store, motion: Motion, input: { reason: string; funderTerm: string; on: string }): Promise<void> {
  const problems: string[] = [];
  if (input.reason.trim() === '') problems.push('Say why the decision is overridden.');
  if (input.funderTerm.trim() === '') problems.push('Name the funder’s term the decision is contrary to.');
  const { constitution } = await constitutionOf(store);
  // Partnership Agreement 8.2: a consortium whose constitution gives no override refuses it.
  if (!constitution.accountableBodyMayOverride) problems.push('This consortium’s constitution does not let the Accountable Body override decisions.');
  if (problems.length > 0) throw new DecisionRefused(problems);
  await store.repositories.motions.recordEvent(motion.id, { type: 'overridden', reason: input.reason.trim(), funderTerm: input.funderTerm.trim(), on: input.on });
}

/** A steering group's recommendation is ratified, or not, by the consortium's decision on the motion that refers to it (BRIEF rule 17; docs/architecture.md, "Decisions"). */
export type RatificationStatus = 'awaiting' | 'ratified' | 'not-ratified';

export function ratificationOf(recommendation: Pick<Motion, 'id'>, motions: readonly Motion[]): { status: RatificationStatus; byMotionId?: string; meetingId?: string } {
  const referring = motions.filter((m) => !m.deleted && m.refersToTable === 'motions' && m.refersToRow === recommendation.id);
  for (const m of referring) {
    const s = motionState(m);
    if (s.status === 'proposed' || s.outcome === 'deferred') continue;
    const stands = s.status === 'overridden' ? false : s.outcome === 'consensus' || s.outcome === 'carried';
    return { status: stands ? 'ratified' : 'not-ratified', byMotionId: m.id, meetingId: m.meetingId };
  }
  return { status: 'awaiting' };
}

// ---------------------------------------------------------------- elections

export interface CandidateInput {
  organisationId: string;
  representativeId: string;
}

/** Whether the election is held at the last consortium meeting of the financial year (Partnership Agreement 9.2, 8.4): a warning in words, or null. */
export function electionTimingWarning(meeting: Pick<Meeting, 'date' | 'kind'>, meetings: readonly Pick<Meeting, 'date' | 'kind' | 'status' | 'deleted'>[], startMonth: number, startDay: number): string | null {
  const dates = meetings.filter((m) => !m.deleted && m.kind === 'consortium' && m.status !== 'cancelled').map((m) => m.date);
  if (meeting.kind === 'consortium' && isLastMeetingOfFinancialYear(meeting.date, dates, startMonth, startDay)) return null;
  return 'This is not the last consortium meeting of the financial year, where the constitution holds its elections. You can still record it, for example when the Chair stands down.';
}

/**
 * Opens the election of the Chair (or the review of the Accountable Body) at a
 * meeting, for the term of the next financial year: every candidate must be a
 * member's representative who may hold the office; the Accountable Body's is
 * refused as Chair with the reason (Partnership Agreement 9.1).
 */
export async function openElection(store: Store, meeting: Meeting, office: 'chair' | 'accountable-body', candidates: CandidateInput[]): Promise<string> {
  const { constitution, accountableBodyId, startMonth, startDay } = await constitutionOf(store);
  const organisations = live(await store.db.organisations.toArray());
  const problems: string[] = [];
  if (candidates.length === 0) problems.push('Name at least one candidate.');
  const seen = new Set<string>();
  for (const c of candidates) {
    const organisation = organisations.find((o) => o.id === c.organisationId);
    if (!organisation) {
      problems.push('A candidate’s organisation is not on the register.');
      continue;
    }
    if (seen.has(c.organisationId)) problems.push(`${organisation.name} is named twice: one candidate for each organisation.`);
    seen.add(c.organisationId);
    if (office === 'chair') {
      const eligibility = chairEligibility(organisation, accountableBodyId, constitution, meeting.date, 'elected-chair');
      if (!eligibility.eligible) problems.push(eligibility.reason);
    }
  }
  if (problems.length > 0) throw new DecisionRefused(problems);
  const financialYear = officeYearElectedAt(meeting.date, startMonth, startDay).label;
  const id = store.repositories.elections.naturalId({ office, financialYear });
  const existing = id ? await store.repositories.elections.get(id) : undefined;
  if (existing && electionState(existing).ballots.length > 0) throw new DecisionRefused([`The ${office === 'chair' ? 'election of the Chair' : 'review of the Accountable Body'} for ${financialYear} has already been held.`]);
  return store.repositories.elections.create({ meetingId: meeting.id, office, financialYear, candidates, accountableBodyId, accountableBodyMayChair: constitution.accountableBodyMayChair });
}

async function quorumAt(store: Store, meeting: Meeting) {
  const { constitution } = await constitutionOf(store);
  const context = await itemContext(store, meeting.id, '');
  const q = assessQuorum(context.attendance, context.organisations, constitution, meeting.date);
  const name = (id: string) => context.organisations.find((o) => o.id === id)?.name ?? '';
  if (!q.quorate) throw new DecisionRefused([q.message]);
  return {
    required: q.required,
    present: q.present,
    votingMembers: q.votingMembers,
    quorate: q.quorate,
    counted: q.countedOrganisationIds.map((id) => ({ organisationId: id, name: name(id) })),
    notCounted: q.notCounted.map((n) => ({ organisationId: n.organisationId, name: name(n.organisationId), explanation: n.explanation })),
  };
}

/** What the result of an election writes besides itself: the role on the register and the grants to the elected organisation's copies. */
export interface ElectionResult {
  state: ElectionState;
  /** The copies granted the office from the start of the term. */
  grantedNodes: string[];
  /** Said to the person when the organisation has no enrolled copy to grant the office to. */
  notice?: string;
}

/**
 * After a result: the role on the register (appointments), and a role grant to
 * each trusted copy of the elected organisation from the first day of the term,
 * so that copy holds the office's authority from then on every copy
 * (shared/sync/roles.ts; Partnership Agreement 9.2, 8.4).
 */
async function recordResult(store: Store, election: Election, state: ElectionState): Promise<ElectionResult> {
  const { repositories: repos, db } = store;
  if (state.status !== 'elected' || !state.electedOrganisationId) return { state, grantedNodes: [] };
  const { startMonth, startDay } = await constitutionOf(store);
  const term = officeTermFor(election.financialYear, startMonth, startDay);
  const meeting = await db.meetings.get(election.meetingId);
  const note = `Elected at ${meeting?.title ?? 'the meeting'} on ${state.electedOn ?? ''}`.trim();
  const role = election.office === 'chair' ? 'chair' : 'accountable-body';
  await repos.appointments.create({ organisationId: state.electedOrganisationId, role, from: term.start, until: term.end, note }, `appointment:${role}:${election.financialYear}`);
  if (election.office === 'accountable-body' && term.start <= londonToday()) {
    // Partnership Agreement 8.4: once its term has begun, the consortium's record names the Accountable Body appointed.
    const consortium = (await db.consortium.orderBy('id').toArray()).find((c) => !c.deleted);
    if (consortium && consortium.accountableBodyId !== state.electedOrganisationId) await repos.consortium.update(consortium.id, { accountableBodyId: state.electedOrganisationId });
  }
  const nodes = live(await db.partnerNodes.toArray()).filter((n) => n.organisationId === state.electedOrganisationId && n.trust === 'trusted');
  const granted: string[] = [];
  const name = (await db.organisations.get(state.electedOrganisationId))?.name ?? 'The organisation elected';
  const office = election.office === 'chair' ? 'the Chair’s role' : 'the Accountable Body’s role';
  try {
    for (const node of nodes) {
      const values = { office: election.office, node: node.id, organisationId: state.electedOrganisationId, from: term.start, note };
      if (await db.roleGrants.get(grantIdFor(values))) continue;
      await repos.roleGrants.create(values);
      granted.push(node.id);
    }
  } catch (error) {
    // Only the secretariat or the Accountable Body grants roles (shared/sync/roles.ts): the result stands, and the grant is theirs to make.
    if (!(error instanceof NotAuthorisedError)) throw error;
    return { state, grantedNodes: granted, notice: `The result is recorded. This copy cannot grant roles: the secretariat or the Accountable Body grants ${name}’s copy ${office} from ${term.start} on the Sync page.` };
  }
  return {
    state,
    grantedNodes: granted,
    ...(nodes.length === 0 ? { notice: `${name} has no enrolled copy yet: once its copy is enrolled, grant it ${office} from ${term.start} on the Sync page.` } : {}),
  };
}

async function electionStep(store: Store, electionId: string, meetingId: string, event: Record<string, unknown> & { type: string }): Promise<ElectionResult> {
  const { db, repositories: repos } = store;
  return db.transaction(
    'rw',
    [db.elections, db.appointments, db.roleGrants, db.partnerNodes, db.organisations, db.attendance, db.minutes, db.meetings, db.consortium, db.changeLog, db.installation, ...authorityTables(db)],
    async () => {
      const before = await repos.elections.get(electionId);
      if (!before) throw new DecisionRefused(['That election is no longer on record.']);
      const meeting = await db.meetings.get(meetingId);
      if (!meeting) throw new DecisionRefused(['That meeting is no longer on record.']);
      assertHeld(meeting, londonToday());
      const needsQuorum = event.type === 'ballot' || event.type === 'agreed';
      const full = { ...event, on: meeting.date, ...(needsQuorum ? { quorum: await quorumAt(store, meeting) } : {}) };
      const next = electionLifecycle.step(electionState(before), full, { offices: new Set(['secretariat', 'chair', 'accountable-body']), organisationId: '' }, before as unknown as Record<string, unknown>);
      if (isRefusal(next)) throw new DecisionRefused([`${next.reason[0]!.toUpperCase()}${next.reason.slice(1)}.`]);
      await repos.elections.recordEvent(electionId, full as never);
      const after = await repos.elections.get(electionId);
      return recordResult(store, after!, electionState(after!));
    },
  );
}

/** Records a ballot's counts per candidate; a unique top elects, a tie is reported as a tie. */
export function recordBallot(store: Store, election: Election, counts: Record<string, number>): Promise<ElectionResult> {
  for (const [id, n] of Object.entries(counts)) if (!Number.isSafeInteger(n) || n < 0) return Promise.reject(new DecisionRefused([`Enter each candidate’s votes as a whole number, 0 or more (${id}).`]));
  return electionStep(store, election.id, election.meetingId, { type: 'ballot', counts });
}

/** A single candidate, or the Accountable Body continuing, agreed by the meeting without a ballot. */
export function agreeElection(store: Store, election: Election, organisationId: string): Promise<ElectionResult> {
  return electionStep(store, election.id, election.meetingId, { type: 'agreed', organisationId });
}

/** A tie decided by lot, where the constitution says so. */
export function drawLots(store: Store, election: Election, organisationId: string): Promise<ElectionResult> {
  return electionStep(store, election.id, election.meetingId, { type: 'drawn', organisationId });
}
