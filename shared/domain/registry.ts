/**
 * The registry of record kinds (docs/architecture.md, "The registry"): for each
 * kind of record the consortium keeps, its schema, indexes, natural key (when
 * it is one-per-something), owning organisation, lifecycle, authority and words
 * for people. The store's schema (renderer/db/schema.ts), the repositories, the
 * words of reports and history, the authority every copy applies
 * (shared/sync/authority.ts) and the table of kinds in docs/bundle-format.md
 * all come from here: adding a kind is one entry here and one schema version.
 */
import { z } from 'zod';
import {
  ACTION_PROGRESS_FIELDS,
  actionSchema,
  agendaItemSchema,
  applicationSchema,
  appointmentSchema,
  attachmentSchema,
  attendanceSchema,
  budgetLineSchema,
  budgetSchema,
  conflictSchema,
  consortiumSchema,
  consultationAnswerSchema,
  electionSchema,
  funderClaimSchema,
  funderSchema,
  fundSchema,
  meetingSchema,
  minuteCommentSchema,
  minuteSchema,
  motionSchema,
  organisationSchema,
  outputSchema,
  periodOfField,
  PROFILE_FIELD_PREFIX,
  TARGET_FIELD_PREFIX,
  partnerClaimSchema,
  partnerNodeSchema,
  projectSchema,
  representativeSchema,
  roleGrantSchema,
  voteSchema,
  type Office,
} from './entities';
import {
  applicationLifecycle,
  DISSENT_FIELD_PREFIX,
  electionLifecycle,
  funderClaimLifecycle,
  MINUTES_TAKEN_ELSEWHERE,
  minutesLifecycle,
  stateOf,
  motionLifecycle,
  partnerClaimLifecycle,
  type Actor,
  type Lifecycle,
  type Refusal,
} from '../rules/lifecycles';

type Row = Readonly<Record<string, unknown>>;

/** One change to one field, as authority judges it. */
export interface ProposedChange {
  table: string;
  /** The record's id. */
  row: string;
  field: string;
  value: unknown;
  /** Every field the same change writes (a record's creation writes them together). */
  entryFields: Readonly<Record<string, unknown>>;
  /** The record as it stands before this change, or undefined if it does not exist yet. */
  before: Row | undefined;
  actor: Actor;
  /** This copy's consortium ('' before one is set up). */
  consortiumId: string;
}

export interface FieldFamily {
  /** Field names starting with this hold one part each (`dissent:<organisation id>`). */
  prefix: string;
  schema: z.ZodType;
  words: string;
}

export interface RecordKind {
  table: string;
  /** The store schema version that first has this table (renderer/db/schema.ts). */
  since: number;
  schema: z.ZodObject;
  /** Dexie secondary indexes. */
  indexes: readonly string[];
  /** One and many, as a secretariat counts them. */
  words: readonly [string, string];
  /** For one-per-something records: the fields that make the id, and the id they make. */
  naturalKey?: { fields: readonly string[]; id: (values: Row) => string };
  /** The member organisation a record belongs to ('' when none). */
  owner?: (row: Row) => string;
  lifecycle?: Lifecycle<{ status: string }>;
  families?: readonly FieldFamily[];
  /** Who may write, beyond lifecycle and key rules; null when allowed. */
  judge: (change: ProposedChange) => Refusal | null;
  /** Who may write it, in words for docs/bundle-format.md. */
  whoWrites: string;
  /** Written once; a grant is resolved with the role timeline (shared/sync/roles.ts). */
  writeOnce?: boolean;
}

const OFFICE_WORDS: Record<Office, string> = { secretariat: 'the secretariat', chair: 'the chair', 'accountable-body': 'the Accountable Body' };

function officesWords(offices: readonly Office[]): string {
  const names = offices.map((o) => OFFICE_WORDS[o]);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

const holdsAny = (actor: Actor, offices: readonly Office[]) => offices.some((o) => actor.offices.has(o));

/** Only these offices write this kind. */
function officesOnly(offices: readonly Office[], what: string) {
  return (change: ProposedChange): Refusal | null =>
    holdsAny(change.actor, offices) ? null : { action: `change ${what}`, reason: `only ${officesWords(offices)} may` };
}

/** These offices, or the copy of the organisation the record belongs to. */
function officesOrOwner(offices: readonly Office[], owner: (row: Row) => string, what: string) {
  return (change: ProposedChange): Refusal | null => {
    if (holdsAny(change.actor, offices)) return null;
    const own = change.actor.organisationId;
    const before = change.before ? owner(change.before) : '';
    const after = owner({ ...(change.before ?? {}), ...change.entryFields });
    if (own !== '' && (change.before === undefined || before === own) && after === own) return null;
    return { action: `change ${what} of another organisation`, reason: `a partner’s copy changes only its own organisation’s, and otherwise only ${officesWords(offices)} may` };
  };
}

const RUNS_CONSORTIUM: Office[] = ['secretariat', 'accountable-body'];
const MINUTE_TAKERS: Office[] = ['secretariat', 'chair'];
const AB: Office[] = ['accountable-body'];

const byField = (field: string) => (row: Row) => String(row[field] ?? '');
const year = (v: unknown) => String(v ?? '');

/** Fields of its own register entry a member's copy may keep up to date. */
const OWN_CONTACT_FIELDS = new Set(['name', 'kind', 'area', 'address', 'email', 'phone', 'website', 'charityNumber', 'companyNumber']);

/** Who keeps the register's own records: the secretariat, the Accountable Body, and the chair who decides applications (Partnership Agreement 5, 5.3). */
const REGISTER_KEEPERS: Office[] = ['secretariat', 'accountable-body', 'chair'];

/**
 * Minutes, beyond their lifecycle: a copy takes them in its own name, and once
 * taken only that copy circulates them (docs/architecture.md, "Meetings:
 * minutes, actions and search"). The lifecycle's `canEdit` keeps their text to
 * that copy; the fold of stored events (stateOf) does not look at who made them.
 */
function judgeMinutes(change: ProposedChange): Refusal | null {
  if (!change.field.startsWith('event:')) return null;
  const event = change.value as { type?: unknown; organisationId?: unknown };
  if (event.type === 'taken' && String(event.organisationId ?? '') !== change.actor.organisationId) {
    return { action: 'take minutes in another organisation’s name', reason: 'a copy takes minutes in its own name' };
  }
  if (event.type === 'circulated' && change.before) {
    const takenBy = stateOf(minutesLifecycle, change.before).takenBy;
    if (takenBy !== undefined && takenBy !== change.actor.organisationId) return { action: 'circulate minutes taken on another copy', reason: MINUTES_TAKEN_ELSEWHERE };
  }
  return null;
}


/**
 * Budget lines and outputs hold one field per quarter (`profile:2026-27:Q1`,
 * `target:2026-27:Q1`); a field of the family that names no quarter is refused.
 */
function periodFamilyJudge(prefix: string, what: string) {
  const offices = officesOnly(AB, what);
  return (change: ProposedChange): Refusal | null => {
    if (change.field.startsWith(prefix) && !periodOfField(prefix, change.field)) {
      return { action: `give ${what} a figure for a period that is not a quarter`, reason: `each figure is for one quarter of a financial year, like ${prefix}2026-27:Q1` };
    }
    return offices(change);
  };
}

const CLAIM_STEPS_OF_THE_AB = new Set(['queried', 'approved', 'paid']);

/**
 * Partner claims, beyond their lifecycle (docs/architecture.md, "Claims"): a partner's
 * copy creates only its own organisation's claims; the Accountable Body entering one
 * for a partner marks it as entered on the partner's behalf; and no copy queries,
 * approves or pays a claim of its own organisation, the Accountable Body's included
 * (its own costs go into the claim to the funder). The fold of stored events
 * (stateOf) does not look at who made them, so this is the registry's rule.
 */
function judgePartnerClaim(change: ProposedChange): Refusal | null {
  const after = { ...(change.before ?? {}), ...change.entryFields };
  const claimant = String(after.organisationId ?? '');
  const own = change.actor.organisationId !== '' && change.actor.organisationId === claimant;
  if (change.before === undefined) {
    if (!own && !change.actor.offices.has('accountable-body')) return { action: 'make a claim for another partner', reason: 'a partner’s copy claims only for its own organisation' };
    if (!own && after.enteredOnBehalf !== true) return { action: 'enter a claim for a partner without marking it as entered on the partner’s behalf', reason: 'a claim the Accountable Body enters from paper is marked as such' };
  }
  if (change.field.startsWith('event:') && own) {
    const type = String((change.value as { type?: unknown } | null)?.type ?? '');
    // Partnership Agreement 8.1(4): the Accountable Body processes members' claims; nobody approves its own.
    if (CLAIM_STEPS_OF_THE_AB.has(type)) return { action: `${type === 'queried' ? 'query' : type === 'approved' ? 'approve' : 'mark paid'} its own organisation’s claim`, reason: 'no organisation approves or pays its own claim' };
  }
  return null;
}

export const KINDS = {
  consortium: {
    table: 'consortium',
    since: 1,
    schema: consortiumSchema,
    indexes: [],
    words: ['consortium', 'consortiums'],
    whoWrites: 'the secretariat or the Accountable Body; there is one consortium record, and its id is the consortium’s',
    judge: (change) => {
      // One consortium per store: a second consortium record would take its place (docs/bundle-format.md).
      if (change.consortiumId !== '' && change.row !== change.consortiumId) return { action: 'create a second consortium', reason: 'each copy belongs to one consortium' };
      return officesOnly(RUNS_CONSORTIUM, 'the consortium’s details or constitution')(change);
    },
  },
  organisations: {
    table: 'organisations',
    since: 1,
    schema: organisationSchema,
    indexes: ['name', 'status'],
    words: ['organisation', 'organisations'],
    owner: (row) => String(row.id ?? ''),
    whoWrites: 'the secretariat, the Accountable Body or the chair; a member’s own copy may keep its own name and contact details up to date',
    judge: (change) => {
      if (holdsAny(change.actor, ['secretariat', 'accountable-body', 'chair'])) return null;
      if (change.before && change.row === change.actor.organisationId && OWN_CONTACT_FIELDS.has(change.field)) return null;
      return change.row === change.actor.organisationId
        ? { action: `change its own ${change.field === 'status' ? 'membership status' : 'membership record'}`, reason: 'the secretariat keeps the register of members (Partnership Agreement 5)' }
        : { action: 'change another member’s entry in the register', reason: 'a partner’s copy changes only its own organisation’s details' };
    },
  },
  representatives: {
    table: 'representatives',
    since: 1,
    schema: representativeSchema,
    indexes: ['organisationId'],
    words: ['representative', 'representatives'],
    owner: byField('organisationId'),
    whoWrites: 'the secretariat, the Accountable Body, or the copy of the organisation represented',
    judge: officesOrOwner(RUNS_CONSORTIUM, byField('organisationId'), 'the named representatives'),
  },
  appointments: {
    table: 'appointments',
    since: 6,
    schema: appointmentSchema,
    indexes: ['organisationId'],
    words: ['role in the consortium', 'roles in the consortium'],
    owner: byField('organisationId'),
    // The register's record of who holds which post and for what term (Partnership Agreement 8.4, 9.2). It gives
    // no copy any authority: role grants do (shared/sync/roles.ts; docs/architecture.md, "The register").
    whoWrites: 'the secretariat or the Accountable Body (Partnership Agreement 8.4, 9.2); a record of the register only, giving no authority (role grants do)',
    judge: officesOnly(RUNS_CONSORTIUM, 'the roles held in the consortium'),
  },
  attachments: {
    table: 'attachments',
    since: 6,
    schema: attachmentSchema,
    indexes: ['ownerRow'],
    words: ['attached file', 'attached files'],
    writeOnce: true,
    whoWrites: 'the secretariat, the Accountable Body or the chair, such as a letter of resignation (Partnership Agreement 5.6); written once, at most 5 MB',
    judge: officesOnly(REGISTER_KEEPERS, 'an attached file'),
  },
  applications: {
    table: 'applications',
    since: 1,
    schema: applicationSchema,
    indexes: ['receivedOn'],
    words: ['membership application', 'membership applications'],
    lifecycle: applicationLifecycle,
    whoWrites: 'the secretariat or the Accountable Body keep it; only the chair refers or decides it (Partnership Agreement 5.3)',
    judge: () => null,
  },
  consultationAnswers: {
    table: 'consultationAnswers',
    since: 5,
    schema: consultationAnswerSchema,
    indexes: ['applicationId'],
    words: ['answer to a consultation', 'answers to consultations'],
    naturalKey: { fields: ['applicationId', 'organisationId'], id: (v) => `consultation:${String(v.applicationId)}:${String(v.organisationId)}` },
    owner: byField('organisationId'),
    whoWrites: 'the consulted member’s own copy, or the secretariat recording an answer given another way',
    judge: officesOrOwner(['secretariat'], byField('organisationId'), 'an answer to a consultation'),
  },
  meetings: {
    table: 'meetings',
    since: 1,
    schema: meetingSchema,
    indexes: ['date'],
    words: ['meeting', 'meetings'],
    whoWrites: 'the secretariat or the chair',
    judge: officesOnly(MINUTE_TAKERS, 'a meeting'),
  },
  agendaItems: {
    table: 'agendaItems',
    since: 1,
    schema: agendaItemSchema,
    indexes: ['meetingId'],
    words: ['agenda item', 'agenda items'],
    whoWrites: 'the secretariat or the chair',
    judge: officesOnly(MINUTE_TAKERS, 'an agenda'),
  },
  attendance: {
    table: 'attendance',
    since: 1,
    schema: attendanceSchema,
    indexes: ['meetingId', 'organisationId'],
    words: ['attendance record', 'attendance records'],
    naturalKey: { fields: ['meetingId', 'organisationId'], id: (v) => `attendance:${String(v.meetingId)}:${String(v.organisationId)}` },
    owner: byField('organisationId'),
    whoWrites: 'the secretariat or the chair; a member’s own copy may send its apologies',
    judge: (change) => {
      if (holdsAny(change.actor, MINUTE_TAKERS)) return null;
      const own = change.actor.organisationId !== '' && byField('organisationId')({ ...(change.before ?? {}), ...change.entryFields }) === change.actor.organisationId;
      // Partnership Agreement 7.2: members send apologies when absent.
      if (own && (change.field !== 'status' || change.value === 'apologies')) return null;
      return { action: own ? 'record its own attendance at a meeting' : 'record another member’s attendance', reason: 'the secretariat or the chair records who attended; a member sends only its apologies' };
    },
  },
  minutes: {
    table: 'minutes',
    since: 1,
    schema: minuteSchema,
    indexes: ['meetingId'],
    words: ['minute of an agenda item', 'minutes of agenda items'],
    // One record per meeting and agenda item (docs/architecture.md, "Meetings: minutes, actions and search").
    naturalKey: { fields: ['meetingId', 'agendaItemId'], id: (v) => `minute:${String(v.meetingId)}:${String(v.agendaItemId)}` },
    lifecycle: minutesLifecycle,
    whoWrites: 'the secretariat or the chair, on the copy that takes them only, until they are locked; other copies comment on them (minuteComments)',
    judge: judgeMinutes,
  },
  minuteComments: {
    table: 'minuteComments',
    since: 6,
    schema: minuteCommentSchema,
    indexes: ['meetingId'],
    words: ['comment on minutes', 'comments on minutes'],
    owner: byField('organisationId'),
    whoWrites: 'the commenting member’s own copy, or the secretariat recording a comment sent another way; never an edit of the minutes',
    judge: officesOrOwner(['secretariat'], byField('organisationId'), 'a comment on minutes'),
  },
  actions: {
    table: 'actions',
    since: 1,
    schema: actionSchema,
    indexes: ['meetingId', 'status'],
    words: ['action', 'actions'],
    owner: byField('accountableOrganisationId'),
    whoWrites: 'the secretariat or the chair; the accountable organisation’s own copy keeps the progress of its own actions (progress, progressOn, reportedDone)',
    judge: (change) => {
      if (holdsAny(change.actor, MINUTE_TAKERS)) return null;
      const own = change.actor.organisationId;
      const accountable = change.before ? byField('accountableOrganisationId')(change.before) : '';
      if (own !== '' && accountable === own && (ACTION_PROGRESS_FIELDS as readonly string[]).includes(change.field)) return null;
      return own !== '' && accountable === own
        ? { action: 'change an action of its own beyond its progress', reason: 'the accountable organisation reports progress; the secretariat or the chair keeps the action log' }
        : { action: 'change the action log', reason: 'only the secretariat or the chair may, and the accountable organisation the progress of its own actions' };
    },
  },
  motions: {
    table: 'motions',
    since: 1,
    schema: motionSchema,
    indexes: ['meetingId'],
    words: ['motion', 'motions'],
    lifecycle: motionLifecycle,
    families: [{ prefix: DISSENT_FIELD_PREFIX, schema: z.boolean(), words: 'a member’s recorded dissent (Partnership Agreement 10.7)' }],
    whoWrites: 'the secretariat or the chair; a member may record its own dissent; only the Accountable Body overrides (Partnership Agreement 8.2)',
    judge: () => null,
  },
  votes: {
    table: 'votes',
    since: 1,
    schema: voteSchema,
    indexes: ['motionId'],
    words: ['vote', 'votes'],
    naturalKey: { fields: ['motionId', 'organisationId'], id: (v) => `vote:${String(v.motionId)}:${String(v.organisationId)}` },
    owner: byField('organisationId'),
    whoWrites: 'the secretariat or the chair conducting the vote, or the voting member’s own copy (Partnership Agreement 5.5)',
    judge: officesOrOwner(MINUTE_TAKERS, byField('organisationId'), 'a vote'),
  },
  elections: {
    table: 'elections',
    since: 1,
    schema: electionSchema,
    indexes: ['meetingId'],
    words: ['election', 'elections'],
    naturalKey: { fields: ['office', 'financialYear'], id: (v) => `election:${String(v.office)}:${year(v.financialYear)}` },
    lifecycle: electionLifecycle as unknown as Lifecycle<{ status: string }>,
    whoWrites: 'the secretariat or the chair, at a quorate meeting; never the Accountable Body as Chair unless the constitution allows (Partnership Agreement 9.1, 8.4)',
    judge: officesOnly(MINUTE_TAKERS, 'an election'),
  },
  funders: {
    table: 'funders',
    since: 1,
    schema: funderSchema,
    indexes: [],
    words: ['funder', 'funders'],
    whoWrites: 'the Accountable Body or the secretariat',
    judge: officesOnly(RUNS_CONSORTIUM, 'a funder'),
  },
  funds: {
    table: 'funds',
    since: 1,
    schema: fundSchema,
    indexes: ['funderId'],
    words: ['fund', 'funds'],
    whoWrites: 'the Accountable Body (Partnership Agreement 8.1)',
    judge: officesOnly(AB, 'a fund'),
  },
  projects: {
    table: 'projects',
    since: 1,
    schema: projectSchema,
    indexes: [],
    words: ['project', 'projects'],
    whoWrites: 'the Accountable Body or the secretariat',
    judge: officesOnly(RUNS_CONSORTIUM, 'a project'),
  },
  budgets: {
    table: 'budgets',
    since: 1,
    schema: budgetSchema,
    indexes: ['projectId'],
    words: ['project budget for a year', 'project budgets for a year'],
    whoWrites: 'the Accountable Body (kept for older copies: claims use budget lines and their profiles)',
    judge: officesOnly(AB, 'a budget'),
  },
  budgetLines: {
    table: 'budgetLines',
    since: 7,
    schema: budgetLineSchema,
    indexes: ['projectId'],
    words: ['budget line', 'budget lines'],
    naturalKey: { fields: ['projectId', 'code'], id: (v) => `budgetLine:${String(v.projectId)}:${String(v.code)}` },
    families: [{ prefix: PROFILE_FIELD_PREFIX, schema: z.number().int().min(0), words: 'the line’s profile for one quarter, in pence (`profile:<year>:Q<n>`, the year’s slash a hyphen: `profile:2026-27:Q1`)' }],
    whoWrites: 'the Accountable Body (Partnership Agreement 8.1(3)); one per project and code, its profile one field per quarter',
    judge: periodFamilyJudge(PROFILE_FIELD_PREFIX, 'a budget line'),
  },
  outputs: {
    table: 'outputs',
    since: 7,
    schema: outputSchema,
    indexes: ['projectId'],
    words: ['project output', 'project outputs'],
    naturalKey: { fields: ['projectId', 'code'], id: (v) => `output:${String(v.projectId)}:${String(v.code)}` },
    families: [{ prefix: TARGET_FIELD_PREFIX, schema: z.number().int().min(0), words: 'the output’s target for one quarter (`target:<year>:Q<n>`, like `target:2026-27:Q1`)' }],
    whoWrites: 'the Accountable Body (Partnership Agreement 8.1(3): payment is tied to outputs); one per project and code, its targets one field per quarter',
    judge: periodFamilyJudge(TARGET_FIELD_PREFIX, 'a project output'),
  },
  partnerClaims: {
    table: 'partnerClaims',
    since: 1,
    schema: partnerClaimSchema,
    indexes: ['organisationId', 'projectId'],
    words: ['claim from a partner', 'claims from partners'],
    naturalKey: {
      fields: ['organisationId', 'projectId', 'financialYear', 'quarter'],
      id: (v) => `partnerClaim:${String(v.organisationId)}:${String(v.projectId)}:${year(v.financialYear)}:Q${String(v.quarter)}`,
    },
    owner: byField('organisationId'),
    lifecycle: partnerClaimLifecycle as unknown as Lifecycle<{ status: string }>,
    whoWrites: 'the claiming partner’s own copy, or the Accountable Body entering it on the partner’s behalf (marked so); only the Accountable Body queries, approves and pays, never a claim of its own organisation (Partnership Agreement 8.1)',
    judge: judgePartnerClaim,
  },
  funderClaims: {
    table: 'funderClaims',
    since: 1,
    schema: funderClaimSchema,
    indexes: ['fundId'],
    words: ['claim to a funder', 'claims to funders'],
    naturalKey: { fields: ['fundId', 'financialYear', 'quarter'], id: (v) => `funderClaim:${String(v.fundId)}:${year(v.financialYear)}:Q${String(v.quarter)}` },
    lifecycle: funderClaimLifecycle as unknown as Lifecycle<{ status: string }>,
    whoWrites: 'the Accountable Body (Partnership Agreement 8.1)',
    judge: () => null,
  },
  partnerNodes: {
    table: 'partnerNodes',
    since: 1,
    schema: partnerNodeSchema,
    indexes: [],
    words: ['enrolled copy', 'enrolled copies'],
    whoWrites: 'the secretariat or the Accountable Body: the register of copies decides whose bundles everyone trusts',
    judge: officesOnly(RUNS_CONSORTIUM, 'the consortium’s register of copies'),
  },
  roleGrants: {
    table: 'roleGrants',
    since: 5,
    schema: roleGrantSchema,
    indexes: ['node'],
    words: ['role granted', 'roles granted'],
    naturalKey: { fields: ['office', 'from', 'node'], id: (v) => `grant:${String(v.office)}:${String(v.from)}:${String(v.node)}` },
    writeOnce: true,
    whoWrites: 'the secretariat or the Accountable Body in office when the grant is made (the founder’s copy for the first); written once (shared/sync/roles.ts)',
    judge: () => null,
  },
  conflicts: {
    table: 'conflicts',
    since: 1,
    schema: conflictSchema,
    indexes: ['status'],
    words: ['conflict decision', 'conflict decisions'],
    whoWrites: 'derived on every copy; a person’s resolution is logged, and the value chosen is judged as a change to its record',
    judge: () => null,
  },
} satisfies Record<string, RecordKind>;

export type KindName = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as KindName[];

export function kindOf(table: string): RecordKind | undefined {
  return Object.hasOwn(KINDS, table) ? (KINDS as Record<string, RecordKind>)[table] : undefined;
}

/** The schema a field's value must meet, or undefined when this version does not know the field. */
export function fieldSchemaOf(kind: RecordKind, field: string): z.ZodType | undefined {
  if (field === 'deleted') return z.boolean();
  const shape = kind.schema.shape as Record<string, z.ZodType>;
  if (Object.hasOwn(shape, field)) return shape[field];
  if (kind.lifecycle && field.startsWith('event:') && field.length > 6) return kind.lifecycle.eventSchema;
  for (const family of kind.families ?? []) if (field.startsWith(family.prefix) && field.length > family.prefix.length) return family.schema;
  return undefined;
}
