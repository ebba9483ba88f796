/**
 * Workflows as append-only events (docs/architecture.md, "Lifecycles").
 *
 * A partner claim, a funder claim, a membership application, a minutes record
 * and a motion each move by events stored on the record itself, one field per
 * event (`event:<id>`, written once). The record's state is a pure fold over its
 * events in clock order: every copy holding the same events reaches the same
 * state. The fold is also the rule book: `step` says whether an event may
 * happen in a state, by whom, and `canEdit` whether a field of the record may
 * still change. An event or edit the rules refuse is refused in the same way on
 * every copy, with a reason in the consortium's words; it never changes the state.
 *
 * An approval records what it approved (the lines and amounts), and a payment
 * must pay exactly that: what was approved is what is paid, whatever is edited
 * afterwards (and after approval nothing can be edited).
 */
import { z } from 'zod';
import type { Office } from '../domain/entities';
import { assessApplication } from './eligibility';
import { decisionProofSchema, proofProblem, type DecisionProof } from './decisions';

/** Who is acting, as the roles in force at that moment say (shared/sync/roles.ts). */
export interface Actor {
  offices: ReadonlySet<Office>;
  /** The member organisation whose copy made the change ('' if none). */
  organisationId: string;
}

/** Why a change is refused, in words: "Voluntary Action Luton's copy tried to <action>: <reason>." */
export interface Refusal {
  action: string;
  reason: string;
}

export const EVENT_FIELD_PREFIX = 'event:';

export function isEventField(field: string): boolean {
  return field.startsWith(EVENT_FIELD_PREFIX);
}

type Row = Readonly<Record<string, unknown>>;

export interface Lifecycle<S extends { status: string }> {
  /** Schema of one event's value. */
  eventSchema: z.ZodType<{ type: string }>;
  /** Content fields: the record's own fields (not its key, not its events). */
  initial(): S;
  /** The state after `event`, or why it may not happen now. `row` is the record as it stands. */
  step(state: S, event: { type: string } & Record<string, unknown>, actor: Actor, row: Row): S | Refusal;
  /** Null when `actor` may change `field` of the record in `state`; otherwise why not. */
  canEdit(state: S, field: string, actor: Actor, row: Row): Refusal | null;
  /** Words for the status, for people. */
  statusWords: Record<S['status'], string>;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'reason' in value && 'action' in value;
}

const has = (actor: Actor, office: Office) => actor.offices.has(office);
const AB_ONLY = 'only the Accountable Body may do that (Partnership Agreement 8.1)';

function refuse(action: string, reason: string): Refusal {
  return { action, reason };
}

// ---------------------------------------------------------------- partner claims

export const PARTNER_CLAIM_STATUSES = ['draft', 'submitted', 'queried', 'approved', 'paid'] as const;
export type PartnerClaimStatus = (typeof PARTNER_CLAIM_STATUSES)[number];

const pence = z.number().int().min(0);
const penceByLine = z.record(z.string(), pence);

const realDay = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date, for example 2 June 2026`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: `${label[0]!.toUpperCase()}${label.slice(1)} is not a real date` });

export const partnerClaimEventSchema = z.discriminatedUnion('type', [
  /** Sent to the Accountable Body; after a query, with the partner's answer. */
  z.object({ type: z.literal('submitted'), answer: z.string().max(5000).default('') }),
  /** The Accountable Body's question, about one budget line (its code) or the claim as a whole (''). */
  z.object({ type: z.literal('queried'), query: z.string().trim().min(1, 'Say what needs clarifying').max(5000), line: z.string().max(100).default(''), on: realDay('the date').or(z.literal('')).default('') }),
  /** What is approved, line by line (pence by line code), with a reason for each line approved at less than claimed. */
  z.object({ type: z.literal('approved'), lines: penceByLine, reasons: z.record(z.string(), z.string().max(2000)).default({}), on: realDay('the date').or(z.literal('')).default('') }),
  z.object({ type: z.literal('paid'), paidOn: realDay('the date it was paid'), reference: z.string().trim().min(1, 'Enter the payment reference').max(200), amountPence: pence }),
]);

/** A query from the Accountable Body and the partner's answer ('' until answered). */
export interface ClaimQuestion {
  line: string;
  query: string;
  answer: string;
}

export interface PartnerClaimState {
  status: PartnerClaimStatus;
  /** What the Accountable Body approved, line by line (snapshot at approval). */
  approvedLines?: Record<string, number>;
  approvedTotalPence?: number;
  reasons?: Record<string, string>;
  approvedOn?: string;
  paid?: { paidOn: string; reference: string; amountPence: number };
  queries: string[];
  /** Each query with the line it is about and the answer it was given on resubmission. */
  questions: ClaimQuestion[];
}

function totalOf(lines: Record<string, number>): number {
  let total = 0;
  for (const key of Object.keys(lines)) total += lines[key]!;
  return total;
}

function linesOf(row: Row): Record<string, number> {
  const lines = row.lines;
  return typeof lines === 'object' && lines !== null && !Array.isArray(lines) ? (lines as Record<string, number>) : {};
}

const ownsClaim = (actor: Actor, row: Row) => actor.organisationId !== '' && actor.organisationId === row.organisationId;

const CLAIM_CONTENT = new Set(['lines', 'outputs', 'outputsDelivered', 'narrative', 'evidence', 'enteredOnBehalf', 'deleted']);

export const partnerClaimLifecycle: Lifecycle<PartnerClaimState> = {
  eventSchema: partnerClaimEventSchema,
  initial: () => ({ status: 'draft', queries: [], questions: [] }),
  statusWords: { draft: 'Draft', submitted: 'Submitted', queried: 'Queried by the Accountable Body', approved: 'Approved', paid: 'Paid' },
  step(state, event, actor, row) {
    switch (event.type) {
      case 'submitted':
        if (!ownsClaim(actor, row) && !has(actor, 'accountable-body')) return refuse('submit another partner’s claim', 'a partner submits only its own organisation’s claims');
        if (state.status !== 'draft' && state.status !== 'queried') return refuse('submit a claim', `it is already ${this.statusWords[state.status].toLowerCase()}`);
        if (state.status === 'queried') {
          // The screen asks for an answer; the fold takes what was sent (an older copy's resubmission has none).
          const answer = String(event.answer ?? '').trim();
          const questions = state.questions.map((q, i) => (i === state.questions.length - 1 ? { ...q, answer } : q));
          return { ...state, status: 'submitted', questions };
        }
        return { ...state, status: 'submitted' };
      case 'queried':
        if (!has(actor, 'accountable-body')) return refuse('query a claim', AB_ONLY);
        if (state.status !== 'submitted') return refuse('query a claim', `it is ${this.statusWords[state.status].toLowerCase()}, not waiting for the Accountable Body`);
        if (String(event.line ?? '') !== '' && !(String(event.line) in linesOf(row))) return refuse('query a line of a claim', `it has no line “${String(event.line)}”`);
        return { ...state, status: 'queried', queries: [...state.queries, String(event.query)], questions: [...state.questions, { line: String(event.line ?? ''), query: String(event.query), answer: '' }] };
      case 'approved': {
        if (!has(actor, 'accountable-body')) return refuse('approve a claim', AB_ONLY);
        if (state.status !== 'submitted') return refuse('approve a claim', `it is ${this.statusWords[state.status].toLowerCase()}, not submitted`);
        const claimed = linesOf(row);
        const approved = event.lines as Record<string, number>;
        const reasons = (event.reasons ?? {}) as Record<string, string>;
        for (const line of Object.keys(approved)) {
          if (!(line in claimed)) return refuse('approve a claim', `it has no line “${line}”`);
          if (approved[line]! > claimed[line]!) return refuse('approve a claim', `more was approved for “${line}” than was claimed`);
        }
        // A line left out is approved at nothing, and like any line approved at less than claimed it needs a reason.
        for (const line of Object.keys(claimed)) {
          if ((approved[line] ?? 0) !== claimed[line] && !(reasons[line] ?? '').trim()) return refuse('approve a claim', `the amount approved for “${line}” differs from the claim without a reason`);
        }
        // Partnership Agreement 8.1(3), 8.1(4): payment is tied to delivery of the project's outputs.
        const outputs = row.outputs as Record<string, number> | undefined;
        const saysOutputs = String(row.outputsDelivered ?? '').trim() !== '' || (outputs !== undefined && Object.keys(outputs).length > 0);
        if (!saysOutputs) return refuse('approve a claim', 'it does not say which outputs were delivered, and payment is tied to delivery');
        const approvedLines: Record<string, number> = {};
        for (const line of Object.keys(claimed)) approvedLines[line] = approved[line] ?? 0;
        return { ...state, status: 'approved', approvedLines, approvedTotalPence: totalOf(approvedLines), reasons, approvedOn: String(event.on ?? '') };
      }
      case 'paid':
        if (!has(actor, 'accountable-body')) return refuse('mark a claim paid', AB_ONLY);
        if (state.status !== 'approved') return refuse('mark a claim paid', `it is ${this.statusWords[state.status].toLowerCase()}, not approved`);
        if (event.amountPence !== state.approvedTotalPence) return refuse('mark a claim paid', 'the amount paid is not the amount approved');
        return { ...state, status: 'paid', paid: { paidOn: String(event.paidOn), reference: String(event.reference), amountPence: Number(event.amountPence) } };
      default:
        return refuse('record an unknown step on a claim', `“${event.type}” is not a step a claim takes`);
    }
  },
  canEdit(state, field, actor, row) {
    // Only the Accountable Body marks a claim as entered on a partner's behalf; otherwise the flag is content like the rest.
    if (field === 'enteredOnBehalf' && row.enteredOnBehalf === true && !has(actor, 'accountable-body')) return refuse('mark a claim as entered on a partner’s behalf', AB_ONLY);
    if (!CLAIM_CONTENT.has(field)) return null;
    if (!ownsClaim(actor, row) && !has(actor, 'accountable-body')) return refuse('change another partner’s claim', 'a partner’s copy changes only its own organisation’s claims');
    if (state.status === 'approved' || state.status === 'paid') return refuse('change a claim already approved by the Accountable Body', 'what was approved is what is paid');
    if (state.status === 'submitted') return refuse('change a claim waiting for the Accountable Body', 'a submitted claim changes only after the Accountable Body queries it');
    return null;
  },
};

// ---------------------------------------------------------------- funder claims

export const FUNDER_CLAIM_STATUSES = ['draft', 'submitted', 'paid'] as const;
export type FunderClaimStatus = (typeof FUNDER_CLAIM_STATUSES)[number];

/** What a funder claim said when it was submitted (funder-claim.ts deriveFunderClaim): kept, whatever changes afterwards. */
export const funderClaimSubmissionSchema = z.object({
  submittedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The total claimed: partners' approved spend plus the Accountable Body's own costs. */
  claimedPence: pence.default(0),
  profilePence: pence.default(0),
  /** Per project, the amount claimed. */
  projects: z.record(z.string(), pence).default({}),
  /** The variances beyond the consortium's threshold, by name, and the outputs below target. */
  variancesToExplain: z.array(z.string().max(500)).max(1000).default([]),
  outputsBelowTarget: z.array(z.string().max(500)).max(1000).default([]),
});

export interface FunderClaimState {
  status: FunderClaimStatus;
  submittedOn?: string;
  submitted?: z.infer<typeof funderClaimSubmissionSchema>;
  received?: { receivedOn: string; amountPence: number };
}

const blank = (value: unknown) => String(value ?? '').trim() === '';

export const funderClaimLifecycle: Lifecycle<FunderClaimState> = {
  eventSchema: z.discriminatedUnion('type', [
    funderClaimSubmissionSchema.extend({ type: z.literal('submitted') }),
    z.object({ type: z.literal('paid'), receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), amountPence: pence }),
  ]),
  initial: () => ({ status: 'draft' }),
  statusWords: { draft: 'Draft', submitted: 'Submitted to the funder', paid: 'Paid by the funder' },
  step(state, event, actor, row) {
    // Partnership Agreement 8.1: the Accountable Body prepares and makes the consortium's claims to funders.
    if (!has(actor, 'accountable-body')) return refuse(event.type === 'paid' ? 'mark a claim to a funder paid' : 'submit a claim to a funder', AB_ONLY);
    if (event.type === 'submitted') {
      if (state.status !== 'draft') return refuse('submit a claim to a funder', 'it has already been submitted');
      const submitted = funderClaimSubmissionSchema.parse(event);
      // Partnership Agreement 8.1(3): a variance beyond the threshold is explained to the funder (docs/architecture.md, "Claims: funder claims").
      if (submitted.variancesToExplain.length > 0 && blank(row.varianceExplanation)) {
        return refuse('submit a claim to a funder', `the variance against the profile is not explained (${submitted.variancesToExplain[0]})`);
      }
      // Partnership Agreement 8.1(3), 8.1(4): payment is tied to outputs, so outputs below target need a narrative.
      if (submitted.outputsBelowTarget.length > 0 && blank(row.outputsNarrative)) {
        return refuse('submit a claim to a funder', `outputs are below target without a narrative (${submitted.outputsBelowTarget[0]})`);
      }
      return { ...state, status: 'submitted', submittedOn: submitted.submittedOn, submitted };
    }
    if (event.type === 'paid') {
      if (state.status !== 'submitted') return refuse('mark a claim to a funder paid', 'it has not been submitted');
      return { ...state, status: 'paid', received: { receivedOn: String(event.receivedOn), amountPence: Number(event.amountPence) } };
    }
    return refuse('record an unknown step on a claim to a funder', `“${event.type}” is not a step it takes`);
  },
  canEdit(state, _field, actor) {
    if (!has(actor, 'accountable-body')) return refuse('change a claim to a funder', AB_ONLY);
    if (state.status !== 'draft') return refuse('change a claim to a funder already submitted', 'what was submitted stays as submitted');
    return null;
  },
};

// ---------------------------------------------------------------- membership applications

export const APPLICATION_STATUSES = ['received', 'consulting', 'referred', 'admitted', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationState {
  status: ApplicationStatus;
  /** The closing date of the consultation of members (Partnership Agreement 5.3). */
  closesOn?: string;
  /** The voting members consulted, as the register stood when the consultation opened. */
  consulted?: string[];
  referredToMeetingId?: string;
  /** Why it was referred, or why it was admitted or refused. */
  reason?: string;
  /** The date of the decision: an admitted applicant is a member from then. */
  decidedOn?: string;
  /** The meeting that decided it, when the decision was the meeting's. */
  decidedAtMeetingId?: string;
  /** When the applicant was told of the decision. */
  notifiedOn?: string;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date');
const decided = (s: ApplicationStatus) => s === 'admitted' || s === 'refused';
const handlesApplications = (actor: Actor) => has(actor, 'secretariat') || has(actor, 'accountable-body') || has(actor, 'chair');

/**
 * Whether an application shows enough of the criteria, by the criteria and the
 * number needed it recorded when it was received (applicationSchema.criteria,
 * criteriaRequired): every copy judges it by the same rule.
 */
export function assessmentOfApplication(row: Row) {
  const criteria = Array.isArray(row.criteria) ? (row.criteria as string[]) : [];
  const evidence = row.criteriaEvidence && typeof row.criteriaEvidence === 'object' ? (row.criteriaEvidence as Record<string, string>) : {};
  const required = typeof row.criteriaRequired === 'number' ? row.criteriaRequired : 0;
  return assessApplication(evidence, { membershipCriteria: criteria, minimumCriteriaMet: required });
}

/**
 * A membership application (Partnership Agreement 5.2, 5.3): received by the
 * Accountable Body (or the secretariat) → members consulted until a closing
 * date → the chair decides, or refers it to the next consortium meeting where
 * members do not all support it → decided there → the applicant notified.
 * One that does not show enough criteria cannot be admitted (5.1).
 */
export const applicationLifecycle: Lifecycle<ApplicationState> = {
  eventSchema: z.discriminatedUnion('type', [
    z.object({ type: z.literal('consulting'), closesOn: isoDay, consulted: z.array(z.string()).default([]) }),
    z.object({ type: z.literal('referred'), meetingId: z.string().default(''), reason: z.string().max(2000).default('') }),
    z.object({
      type: z.literal('decided'),
      decision: z.enum(['admitted', 'refused']),
      reason: z.string().max(2000).default(''),
      on: isoDay.or(z.literal('')).default(''),
      atMeetingId: z.string().default(''),
    }),
    z.object({ type: z.literal('notified'), on: isoDay }),
    z.object({ type: z.literal('withdrawn') }),
  ]),
  initial: () => ({ status: 'received' }),
  statusWords: {
    received: 'Received',
    consulting: 'Members being consulted',
    referred: 'Referred to a consortium meeting',
    admitted: 'Admitted',
    refused: 'Refused',
    withdrawn: 'Withdrawn',
  },
  step(state, event, actor, row) {
    if (state.status === 'withdrawn') return refuse('change the course of an application', 'it has been withdrawn');
    if (event.type === 'notified') {
      if (!decided(state.status)) return refuse('record that an applicant was told of the decision', 'the application has not been decided yet');
      if (!handlesApplications(actor)) return refuse('record that an applicant was told of the decision', 'the secretariat, the Accountable Body or the chair writes to applicants');
      return { ...state, notifiedOn: String(event.on) };
    }
    if (decided(state.status)) return refuse('change the course of an application', `it has already been ${state.status}`);
    switch (event.type) {
      case 'consulting':
        if (state.status !== 'received') return refuse('open a consultation on an application', 'members have already been consulted on it');
        if (!handlesApplications(actor)) return refuse('consult members on an application', 'the Accountable Body, the secretariat or the chair handles applications (Partnership Agreement 5.3)');
        return { ...state, status: 'consulting', closesOn: String(event.closesOn), consulted: Array.isArray(event.consulted) ? (event.consulted as string[]) : [] };
      case 'referred':
        // Partnership Agreement 5.3: without consensus, or where clarification is needed, the chair refers it to the next consortium meeting.
        if (!has(actor, 'chair')) return refuse('refer an application to a meeting', 'the chair refers applications (Partnership Agreement 5.3)');
        if (state.status === 'referred') return refuse('refer an application to a meeting', 'it has already been referred');
        return { ...state, status: 'referred', referredToMeetingId: String(event.meetingId ?? ''), reason: String(event.reason ?? '') };
      case 'decided': {
        const decision = event.decision as 'admitted' | 'refused';
        const action = decision === 'admitted' ? 'admit an applicant' : 'refuse an application';
        if (state.status === 'received') return refuse(action, 'the chair decides after consulting members (Partnership Agreement 5.3)');
        // Partnership Agreement 5.3: the chair decides after consulting members; a referred application is decided by the meeting, recorded by its chair or secretariat.
        if (state.status === 'consulting' && !has(actor, 'chair')) return refuse(action, 'the chair decides applications (Partnership Agreement 5.3)');
        if (state.status === 'referred' && !has(actor, 'chair') && !has(actor, 'secretariat')) return refuse(action, 'the meeting decides it, and its chair or the secretariat records the decision (Partnership Agreement 5.3)');
        if (decision === 'admitted') {
          // Partnership Agreement 5.1: an applicant meeting fewer criteria than required cannot be admitted.
          const assessment = assessmentOfApplication(row);
          if (!assessment.eligible) return refuse(action, assessment.message);
        }
        return {
          ...state,
          status: decision,
          reason: String(event.reason ?? ''),
          decidedOn: String(event.on ?? ''),
          decidedAtMeetingId: String(event.atMeetingId ?? ''),
        };
      }
      case 'withdrawn':
        if (!handlesApplications(actor)) return refuse('record an application as withdrawn', 'the Accountable Body, the secretariat or the chair handles applications');
        return { ...state, status: 'withdrawn' };
      default:
        return refuse('record an unknown step on an application', `“${event.type}” is not a step an application takes`);
    }
  },
  canEdit(state, field, actor) {
    if (field === 'organisationId') {
      // The applicant's register entry, made when the application is received or when it is decided.
      return handlesApplications(actor) ? null : refuse('link an application to a register entry', 'the secretariat, the Accountable Body or the chair keeps the register');
    }
    if (!has(actor, 'secretariat') && !has(actor, 'accountable-body')) return refuse('change a membership application', 'the Accountable Body or the secretariat keeps applications (Partnership Agreement 5.3)');
    if (state.status !== 'received' && state.status !== 'consulting' && state.status !== 'referred') return refuse('change an application already decided', `it has been ${state.status}`);
    // What members are consulted on stays as they were shown it: the criteria and the rule it is judged by are fixed at receipt.
    if ((field === 'criteria' || field === 'criteriaRequired') && state.status !== 'received') return refuse('change the criteria an application is judged by', 'they are the constitution’s when it was received');
    return null;
  },
};

// ---------------------------------------------------------------- minutes

/**
 * Minutes (docs/architecture.md, "Meetings: minutes, actions and search"): taken on
 * one copy (`taken`, naming the organisation whose copy takes them: only that copy
 * edits them, so two copies never overwrite each other's minutes offline), then
 * `circulated` for comment, `confirmed` at the next meeting (as presented, or with
 * the amendments the meeting agreed, which the taker then writes in), `locked`;
 * after that nothing is edited, and a correction is a `corrected` event shown with
 * them. The events are written on every item's record of the meeting at once.
 */
export const MINUTES_STATUSES = ['draft', 'circulated', 'confirmed', 'locked'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export interface MinutesCorrection {
  text: string;
  on: string;
}
export interface MinutesState {
  status: MinutesStatus;
  /** The organisation whose copy takes the minutes ('' for a copy of no organisation); undefined until taken. */
  takenBy?: string;
  circulatedOn?: string;
  confirmedAtMeetingId?: string;
  confirmedOn?: string;
  /** The amendments the meeting agreed when it confirmed them ('' when confirmed as presented). */
  amendments?: string;
  lockedOn?: string;
  corrections: MinutesCorrection[];
}
const minutesTaker = (actor: Actor) => has(actor, 'secretariat') || has(actor, 'chair');

export const minutesEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('taken'), organisationId: z.string().default('') }),
  z.object({ type: z.literal('circulated'), on: isoDay.or(z.literal('')).default('') }),
  z.object({ type: z.literal('confirmed'), atMeetingId: z.string().default(''), on: isoDay.or(z.literal('')).default(''), amendments: z.string().trim().max(20_000).default('') }),
  z.object({ type: z.literal('locked'), on: isoDay.or(z.literal('')).default('') }),
  z.object({ type: z.literal('corrected'), text: z.string().trim().min(1, 'Say what the correction is').max(20_000), on: isoDay.or(z.literal('')).default('') }),
]);

export const MINUTES_TAKEN_ELSEWHERE = 'the minutes belong to the copy that takes them: other copies comment on them';

export const minutesLifecycle: Lifecycle<MinutesState> = {
  eventSchema: minutesEventSchema,
  initial: () => ({ status: 'draft', corrections: [] }),
  statusWords: {
    draft: 'Draft',
    circulated: 'Circulated for comment',
    confirmed: 'Confirmed by the next meeting',
    locked: 'Confirmed as a true record and locked',
  },
  step(state, event, actor) {
    if (!minutesTaker(actor)) return refuse('take, circulate or confirm minutes', 'the secretariat or the chair does that');
    const on = String(event.on ?? '');
    switch (event.type) {
      case 'taken': {
        if (state.takenBy !== undefined) return refuse('take minutes already being taken', 'the minutes belong to the copy that started them');
        // That a copy takes them in its own name is the registry's rule (registry.ts, `minutes`): the fold trusts stored events.
        return { ...state, takenBy: String(event.organisationId ?? '') };
      }
      case 'circulated':
        if (state.status !== 'draft') return refuse('circulate minutes', `they are already ${this.statusWords[state.status].toLowerCase()}`);
        return { ...state, status: 'circulated', circulatedOn: on };
      case 'confirmed':
        if (state.status === 'draft') return refuse('confirm minutes', 'they have not been circulated for comment yet');
        if (state.status !== 'circulated') return refuse('confirm minutes', 'they have already been confirmed');
        return { ...state, status: 'confirmed', confirmedAtMeetingId: String(event.atMeetingId ?? ''), confirmedOn: on, amendments: String(event.amendments ?? '') };
      case 'locked':
        if (state.status !== 'confirmed') return refuse('lock minutes', state.status === 'locked' ? 'they are already locked' : 'only minutes confirmed by the next meeting are locked');
        return { ...state, status: 'locked', lockedOn: on };
      case 'corrected':
        if (state.status !== 'locked') return refuse('record a correction to minutes', 'until they are locked, the minutes themselves are changed');
        return { ...state, corrections: [...state.corrections, { text: String(event.text ?? ''), on }] };
      default:
        return refuse('record an unknown step on minutes', `“${event.type}” is not a step minutes take`);
    }
  },
  canEdit(state, _field, actor) {
    if (!minutesTaker(actor)) return refuse('change the minutes', 'the secretariat or the chair takes the minutes');
    if (state.takenBy !== undefined && state.takenBy !== actor.organisationId) return refuse('change minutes taken on another copy', MINUTES_TAKEN_ELSEWHERE);
    if (state.status === 'locked') return refuse('change minutes already locked', 'confirmed minutes are the record of the meeting: a correction is recorded as an amendment shown with them');
    if (state.status === 'confirmed' && !state.amendments) return refuse('change minutes confirmed as presented', 'the meeting confirmed them as they stand');
    return null;
  },
};

// ---------------------------------------------------------------- motions

export const MOTION_STATUSES = ['proposed', 'decided', 'overridden'] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];
export const MOTION_OUTCOMES = ['consensus', 'carried', 'defeated', 'tied', 'deferred'] as const;
export type MotionOutcome = (typeof MOTION_OUTCOMES)[number];
export interface MotionState {
  status: MotionStatus;
  outcome?: MotionOutcome;
  /** The day the meeting decided it, and the proof of the decision (shared/rules/decisions.ts). */
  decidedOn?: string;
  proof?: DecisionProof;
  overrideReason?: string;
  /** The funder's term the Accountable Body relied on (Partnership Agreement 8.2), and the day of the override. */
  overrideTerm?: string;
  overriddenOn?: string;
}

export const DISSENT_FIELD_PREFIX = 'dissent:';

/** A decision stands when agreed by consensus or carried; only such a decision can be overridden or ratifies. */
export const standsAsDecided = (state: Pick<MotionState, 'status' | 'outcome'>) => state.status === 'decided' && (state.outcome === 'consensus' || state.outcome === 'carried');

export const motionLifecycle: Lifecycle<MotionState> = {
  eventSchema: z.discriminatedUnion('type', [
    // Every decision but a deferral keeps its proof: the quorum, who was eligible and why not, the counts, the rule (docs/architecture.md, "Decisions").
    z.object({ type: z.literal('decided'), outcome: z.enum(MOTION_OUTCOMES), on: realDay('the date of the decision').optional(), proof: decisionProofSchema.optional() }),
    z.object({
      type: z.literal('overridden'),
      reason: z.string().trim().min(1).max(2000),
      funderTerm: z.string().trim().max(2000).default(''),
      on: realDay('the date of the override').optional(),
    }),
  ]),
  initial: () => ({ status: 'proposed' }),
  statusWords: { proposed: 'Proposed', decided: 'Decided', overridden: 'Overridden by the Accountable Body' },
  step(state, event, actor) {
    if (event.type === 'decided') {
      if (!minutesTaker(actor)) return refuse('record the decision on a motion', 'the secretariat or the chair records decisions');
      const reopenable = state.status === 'proposed' || (state.status === 'decided' && state.outcome === 'deferred');
      if (!reopenable) return refuse('record the decision on a motion', 'it has already been decided');
      const outcome = event.outcome as MotionOutcome;
      if (outcome === 'deferred') return { ...state, status: 'decided', outcome };
      const parsed = decisionProofSchema.safeParse(event.proof);
      if (!parsed.success) return refuse('record the decision on a motion', 'a decision keeps its proof: the quorum, who was eligible, the counts and the rule');
      // Partnership Agreement 10.6, 5.5, 10.7: the proof must hold together on every copy.
      const problem = proofProblem(outcome, parsed.data);
      if (problem) return refuse('record the decision on a motion', problem);
      return { ...state, status: 'decided', outcome, decidedOn: typeof event.on === 'string' ? event.on : parsed.data.meetingDate, proof: parsed.data };
    }
    if (event.type === 'overridden') {
      // Partnership Agreement 8.2: only the Accountable Body may override a decision contrary to a funder's terms.
      if (!has(actor, 'accountable-body')) return refuse('override a consortium decision', 'only the Accountable Body may (Partnership Agreement 8.2)');
      if (!standsAsDecided(state)) return refuse('override a consortium decision', state.status === 'overridden' ? 'it has already been overridden' : 'there is no decision to override');
      return {
        ...state,
        status: 'overridden',
        overrideReason: String(event.reason),
        overrideTerm: String(event.funderTerm ?? ''),
        ...(typeof event.on === 'string' ? { overriddenOn: event.on } : {}),
      };
    }
    return refuse('record an unknown step on a motion', `“${event.type}” is not a step a motion takes`);
  },
  canEdit(state, field, actor, row) {
    if (field.startsWith(DISSENT_FIELD_PREFIX)) {
      // Partnership Agreement 10.7: a member's dissent is its own to record, or the minute-taker's.
      const organisation = field.slice(DISSENT_FIELD_PREFIX.length);
      if (!minutesTaker(actor) && actor.organisationId !== organisation) return refuse('record another member’s dissent', 'a member records only its own dissent');
      return null;
    }
    void row;
    if (!minutesTaker(actor)) return refuse('change a motion', 'the secretariat or the chair records motions');
    if (state.status !== 'proposed') return refuse('change a motion already decided', 'the decision stands as recorded');
    return null;
  },
};

// ---------------------------------------------------------------- elections

export const ELECTION_STATUSES = ['open', 'tied', 'elected'] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];
export interface ElectionState {
  status: ElectionStatus;
  /** Ballots held, in order, with their counts by organisation. */
  ballots: Array<{ counts: Record<string, number>; on: string }>;
  /** When tied: the candidates level at the top of the last ballot. */
  tiedOrganisationIds?: string[];
  electedOrganisationId?: string;
  electedRepresentativeId?: string;
  electedOn?: string;
  /** How the result was reached. */
  how?: 'ballot' | 'agreed' | 'lot';
}

const quorumSnapshot = decisionProofSchema.shape.quorum;

const candidatesOf = (row: Row) => (Array.isArray(row.candidates) ? (row.candidates as Array<{ organisationId?: unknown; representativeId?: unknown }>) : []);

/** Why an organisation may not be elected to this office, on every copy (Partnership Agreement 9.1), or null. */
function barredFromOffice(row: Row, organisationId: string): string | null {
  if (row.office === 'chair' && row.accountableBodyId !== '' && row.accountableBodyId === organisationId && row.accountableBodyMayChair !== true) {
    return 'the Accountable Body’s representative cannot be elected Chair (Partnership Agreement 9.1)';
  }
  if (!candidatesOf(row).some((c) => c.organisationId === organisationId)) return 'only a candidate standing in the election can be elected';
  return null;
}

function electedAs(state: ElectionState, row: Row, organisationId: string, on: string, how: ElectionState['how']): ElectionState {
  const candidate = candidatesOf(row).find((c) => c.organisationId === organisationId);
  return { ...state, status: 'elected', electedOrganisationId: organisationId, electedRepresentativeId: String(candidate?.representativeId ?? ''), electedOn: on, how, tiedOrganisationIds: undefined };
}

/**
 * An election of the Chair (Partnership Agreement 9) or the review of the
 * Accountable Body (8.4), held by a quorate meeting: a ballot with counts per
 * candidate elects the one with most votes; a tie is reported as a tie and,
 * by default, a second ballot between those tied follows (Constitution.electionTie);
 * a single candidate, or the Accountable Body continuing, may be agreed without
 * a ballot. The Accountable Body cannot be elected Chair unless the constitution
 * allows it, checked on every copy from the election's own record.
 */
export const electionLifecycle: Lifecycle<ElectionState> = {
  eventSchema: z.discriminatedUnion('type', [
    z.object({ type: z.literal('ballot'), counts: z.record(z.string().max(200), z.number().int().min(0).max(100_000)), on: realDay('the date of the ballot'), quorum: quorumSnapshot }),
    z.object({ type: z.literal('agreed'), organisationId: z.string().min(1).max(200), on: realDay('the date of the election'), quorum: quorumSnapshot }),
    z.object({ type: z.literal('drawn'), organisationId: z.string().min(1).max(200), on: realDay('the date of the draw') }),
  ]),
  initial: () => ({ status: 'open', ballots: [] }),
  statusWords: { open: 'Not yet held', tied: 'Tied', elected: 'Elected' },
  step(state, event, actor, row) {
    const what = row.office === 'accountable-body' ? 'record the review of the Accountable Body' : 'record the election of the Chair';
    if (!minutesTaker(actor)) return refuse(what, 'the secretariat or the chair records the meeting’s elections');
    if (state.status === 'elected') return refuse(what, 'the result has already been recorded');
    const on = String(event.on ?? '');
    if (event.type === 'ballot' || event.type === 'agreed') {
      const quorum = event.quorum as { quorate?: boolean; present?: number; required?: number } | undefined;
      // Partnership Agreement 10.6: an inquorate meeting cannot take decisions.
      if (!quorum?.quorate || Number(quorum.present) < Number(quorum.required)) return refuse(what, 'the meeting was not quorate, so it could not elect (Partnership Agreement 10.6)');
    }
    if (event.type === 'agreed') {
      const organisationId = String(event.organisationId);
      const barred = barredFromOffice(row, organisationId);
      if (barred) return refuse(what, barred);
      return electedAs(state, row, organisationId, on, 'agreed');
    }
    if (event.type === 'ballot') {
      const counts = event.counts as Record<string, number>;
      const standing = state.status === 'tied' ? new Set(state.tiedOrganisationIds ?? []) : new Set(candidatesOf(row).map((c) => String(c.organisationId)));
      for (const [organisationId, n] of Object.entries(counts)) {
        if (n === 0) continue;
        const barred = barredFromOffice(row, organisationId);
        if (barred) return refuse(what, barred);
        if (!standing.has(organisationId)) return refuse(what, 'a second ballot is between the candidates tied in the first');
      }
      const ranked = Object.entries(counts).filter(([id]) => standing.has(id)).sort((a, b) => b[1] - a[1]);
      const top = ranked[0]?.[1] ?? 0;
      if (top === 0) return refuse(what, 'no votes were counted for any candidate');
      const ballots = [...state.ballots, { counts: { ...counts }, on }];
      const leaders = ranked.filter(([, n]) => n === top).map(([id]) => id);
      if (leaders.length > 1) return { ...state, ballots, status: 'tied', tiedOrganisationIds: leaders.sort() };
      return { ...electedAs(state, row, leaders[0]!, on, 'ballot'), ballots };
    }
    if (event.type === 'drawn') {
      if (state.status !== 'tied') return refuse(what, 'lots are drawn only between candidates tied in a ballot');
      const organisationId = String(event.organisationId);
      if (!(state.tiedOrganisationIds ?? []).includes(organisationId)) return refuse(what, 'lots are drawn only between the candidates tied');
      return electedAs(state, row, organisationId, on, 'lot');
    }
    return refuse(what, `“${event.type}” is not a step an election takes`);
  },
  canEdit(state, _field, actor) {
    if (!minutesTaker(actor)) return refuse('change an election', 'the secretariat or the chair records the meeting’s elections');
    if (state.ballots.length > 0 || state.status === 'elected') return refuse('change an election already held', 'the candidates stand as they were when the meeting voted');
    return null;
  },
};

// ---------------------------------------------------------------- folding

export interface TimedEvent {
  /** The clock stamp of the event (its field's clock). */
  hlc: string;
  event: { type: string } & Record<string, unknown>;
}

/**
 * A record as stored: any row with its fields' clocks. (A stored row's type, an
 * entity's fields and SyncedRow, has no index signature, so it is taken as an object.)
 */
export type StoredRecord = object & { readonly _clocks?: Readonly<Record<string, string>> };

/** The events stored on a record, in clock order. */
export function eventsOf(record: StoredRecord): TimedEvent[] {
  const out: TimedEvent[] = [];
  const row = record as Row;
  const clocks = record._clocks ?? {};
  for (const field of Object.keys(row)) {
    if (!isEventField(field)) continue;
    const value = row[field];
    if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') continue;
    out.push({ hlc: clocks[field] ?? '', event: value as TimedEvent['event'] });
  }
  return out.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/**
 * The state of a record from the events it holds. Every event on a stored record
 * was accepted when it was merged (authority judged then, by the roles in force),
 * so this folds them as an all-powerful actor; an event that is illegal in the
 * state reached (which a correct merge never stores) is skipped.
 */
export function stateOf<S extends { status: string }>(lifecycle: Lifecycle<S>, record: StoredRecord): S {
  const row = record as Row;
  const everyone: Actor = { offices: new Set<Office>(['secretariat', 'chair', 'accountable-body']), organisationId: String(row.organisationId ?? '') };
  let state = lifecycle.initial();
  for (const { event } of eventsOf(record)) {
    const next = lifecycle.step(state, event, everyone, row);
    if (!isRefusal(next)) state = next;
  }
  return state;
}

/** A partner claim's figures as the claims arithmetic reads them (claims.ts). */
export function partnerClaimFigures(record: StoredRecord): { status: PartnerClaimStatus; amountPence: number; approvedPence: number } {
  const state = stateOf(partnerClaimLifecycle, record);
  return { status: state.status, amountPence: totalOf(linesOf(record as Row)), approvedPence: state.approvedTotalPence ?? 0 };
}
