/**
 * The consortium's records. Each schema validates what a person enters; the stored
 * row adds the sync bookkeeping of shared/sync/change.ts (SyncedRow).
 */
import { z } from 'zod';
import { constitutionSchema, NATIONS } from '../rules/constitution';
import { id, isoDate, optionalEmail, optionalText, pence, requiredText } from './common';
import type { SyncedRow } from '../sync/change';

export const ROLES = ['secretariat', 'chair', 'accountable-body', 'partner'] as const;
export type InstallationRole = (typeof ROLES)[number];
export const ROLE_LABELS: Record<InstallationRole, string> = {
  secretariat: 'Secretariat',
  chair: 'Chair',
  'accountable-body': 'Accountable Body',
  partner: 'Partner organisation',
};
/** A role as it reads inside a sentence: "used by the secretariat", "only the Accountable Body may". */
export const ROLE_IN_A_SENTENCE: Record<InstallationRole, string> = {
  secretariat: 'the secretariat',
  chair: 'the chair',
  'accountable-body': 'the Accountable Body',
  partner: 'a partner organisation',
};

export const consortiumSchema = z.object({
  name: requiredText('the consortium’s name'),
  area: requiredText('the area the consortium covers'),
  nation: z.enum(NATIONS, { error: 'Choose the nation whose bank holidays apply' }),
  financialYearStartMonth: z.number().int().min(1, 'Choose a month').max(12, 'Choose a month'),
  financialYearStartDay: z.number().int().min(1, 'Enter a day from 1 to 28').max(28, 'Enter a day from 1 to 28'),
  constitution: constitutionSchema,
  /** The organisation acting as Accountable Body (Partnership Agreement 8.1). */
  accountableBodyId: z.string().default(''),
});
export type ConsortiumInput = z.infer<typeof consortiumSchema>;

export const ORGANISATION_KINDS = [
  'cvs',
  'volunteer-centre',
  'rural-community-council',
  'race-equality-council',
  'specialist',
  'other',
] as const;
export const ORGANISATION_KIND_LABELS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  cvs: 'Council for voluntary service',
  'volunteer-centre': 'Volunteer centre',
  'rural-community-council': 'Rural community council',
  'race-equality-council': 'Race equality council',
  specialist: 'Specialist body',
  other: 'Other',
};

// Partnership Agreement 5.1-5.6: applicants apply (5.2, 5.3) and are admitted or refused; members vote;
// co-opted organisations advise (5.4); resigned ones neither (5.6). The values 'member', 'co-opted' and
// 'resigned' are those stored before version 6 and stay as they are.
export const MEMBERSHIP_STATUSES = ['applicant', 'member', 'co-opted', 'resigned', 'refused'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  applicant: 'Applicant',
  member: 'Member',
  'co-opted': 'Co-opted (advises, no vote)',
  resigned: 'Resigned',
  refused: 'Refused membership',
};

const optionalDate = (label: string) => isoDate(label).or(z.literal('')).default('');

/**
 * An organisation in the register (docs/architecture.md, "The register"). Every
 * field has a default, so rows and bundles written before a field existed parse.
 * An organisation with history is archived, never deleted.
 */
export const organisationSchema = z.object({
  name: requiredText('the organisation’s name'),
  kind: z.enum(ORGANISATION_KINDS).default('other'),
  status: z.enum(MEMBERSHIP_STATUSES).default('member'),
  appliedOn: optionalDate('the date it applied'),
  joinedOn: optionalDate('the date it joined'),
  coOptedOn: optionalDate('the date it was co-opted'),
  resignedOn: optionalDate('the date of resignation'),
  refusedOn: optionalDate('the date membership was refused'),
  /** Kept for its history and no longer in the working lists; an organisation with history is never deleted. */
  archived: z.boolean().default(false),
  area: optionalText('the area it covers', 200),
  address: optionalText('the address', 500),
  email: optionalEmail,
  phone: optionalText('the telephone number', 40),
  website: optionalText('the website', 200),
  charityNumber: z
    .string()
    .trim()
    .max(20, 'The charity number must be 20 characters or fewer')
    .regex(/^[A-Za-z0-9 -]*$/, 'Enter the charity number with letters and digits only, for example 1098765')
    .default(''),
  companyNumber: z
    .string()
    .trim()
    .max(20, 'The company number must be 20 characters or fewer')
    .regex(/^[A-Za-z0-9 ]*$/, 'Enter the company number with letters and digits only, for example 05123456')
    .default(''),
  /** Indexes into the constitution's membershipCriteria that this organisation provides. */
  servicesProvided: z.array(z.number().int().min(0)).default([]),
  // Partnership Agreement 5.2: the level of work dedicated to infrastructure support.
  levelOfWork: optionalText('the level of work dedicated to infrastructure support', 2000),
  // Partnership Agreement 5.6: a resignation is in writing; the letter's date received, and the letter as text or a file.
  resignationReceivedOn: optionalDate('the date the letter was received'),
  resignationLetter: optionalText('the letter', 20_000),
  /** The attached file of the letter (attachments), '' when none. */
  resignationAttachmentId: z.string().default(''),
});
export type OrganisationInput = z.infer<typeof organisationSchema>;

/**
 * A person holding a post for an organisation: its named representative or named
 * substitute (Partnership Agreement 7.1, 7.2), from a date until a date ('' while
 * they hold it). Replacing one closes the old record and creates a new one, so the
 * records are the history of who held each post.
 */
export const representativeSchema = z.object({
  organisationId: id,
  name: requiredText('the representative’s name'),
  jobTitle: optionalText('the job title', 200),
  // Partnership Agreement 7.1, 7.2: a named representative and a named substitute.
  kind: z.enum(['representative', 'substitute']).default('representative'),
  email: optionalEmail,
  phone: optionalText('the telephone number', 40),
  from: optionalDate('the date they took the post'),
  until: optionalDate('the date they left the post'),
});

/** Roles an organisation may hold in the consortium (Partnership Agreement 8, 9; the Lead Body roles of the Northamptonshire plan). */
export const APPOINTMENT_ROLES = [
  'accountable-body',
  'chair',
  'lead-performance-and-adherence',
  'lead-project-management',
  'lead-communications',
  'lead-chair-administration',
  'steering-group',
] as const;
export type AppointmentRole = (typeof APPOINTMENT_ROLES)[number];
export const APPOINTMENT_ROLE_LABELS: Record<AppointmentRole, string> = {
  'accountable-body': 'Accountable Body',
  chair: 'Chair',
  'lead-performance-and-adherence': 'Lead Body for performance and adherence',
  'lead-project-management': 'Lead Body for project management',
  'lead-communications': 'Lead Body for communications',
  'lead-chair-administration': 'Lead Body for the chair’s administration',
  'steering-group': 'Steering group seat',
};

/**
 * The register's record of which organisation holds which post, and for what term
 * (docs/architecture.md, "The register"). It gives no authority: a copy's offices
 * come from role grants (roleGrantSchema, shared/sync/roles.ts).
 */
export const appointmentSchema = z.object({
  organisationId: id,
  role: z.enum(APPOINTMENT_ROLES, { error: 'Choose the role' }),
  from: isoDate('the date the term starts'),
  until: optionalDate('the date the term ends'),
  note: optionalText('the note', 500),
});

/** The largest file kept with a record: it travels in every bundle. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/**
 * A file's base64 is kept in parts of this many characters: a bundle holds no text
 * longer than 1,000,000 characters (docs/bundle-format.md, "Limits"). A multiple of 4,
 * so each part but the last decodes on its own.
 */
export const ATTACHMENT_PART_CHARS = 999_996;

/** A file's base64 in the parts an attachment keeps. */
export function base64Parts(base64: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < base64.length; i += ATTACHMENT_PART_CHARS) parts.push(base64.slice(i, i + ATTACHMENT_PART_CHARS));
  return parts;
}

/** How many bytes a base64 text holds. */
export function base64Bytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

const TOO_LARGE = 'The file is larger than 5 MB: attach a smaller copy, or type the letter in instead';

/**
 * A file kept with a record, such as a letter of resignation (Partnership Agreement
 * 5.6): written once, never changed. `ownerTable`/`ownerRow` name the record it
 * belongs to; `dataBase64` is the file in base64, in parts (base64Parts).
 */
export const attachmentSchema = z
  .object({
    name: requiredText('the file’s name', 255),
    mimeType: z.string().trim().max(200).default('application/octet-stream'),
    sizeBytes: z.number().int().min(1, 'The file is empty').max(ATTACHMENT_MAX_BYTES, TOO_LARGE),
    dataBase64: z
      .array(z.string().max(ATTACHMENT_PART_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file could not be read'))
      .min(1, 'The file is empty')
      .max(Math.ceil((Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4) / ATTACHMENT_PART_CHARS), TOO_LARGE),
    ownerTable: z.string().min(1),
    ownerRow: z.string().min(1),
  })
  .refine((a) => base64Bytes(a.dataBase64.join('')) === a.sizeBytes, { message: 'The file’s size does not match its contents', path: ['sizeBytes'] });

export const applicationSchema = z.object({
  organisationName: requiredText('the applicant’s name'),
  kind: z.enum(ORGANISATION_KINDS).default('other'),
  area: optionalText('the area it works in', 200),
  contactName: requiredText('a contact name'),
  contactEmail: optionalEmail,
  contactPhone: optionalText('the telephone number', 40),
  address: optionalText('the address', 500),
  website: optionalText('the website', 200),
  charityNumber: optionalText('the charity number', 40),
  companyNumber: optionalText('the company number', 40),
  // Partnership Agreement 5.2: how each claimed criterion is met, by criterion index (a criterion not claimed has no entry).
  criteriaEvidence: z.record(z.string(), z.string().max(2000, 'Say how it is met in 2,000 characters or fewer')).default({}),
  /**
   * The criteria and the number needed as the constitution listed them when the
   * application was received: every copy judges the application by the same
   * rule (shared/rules/applications.ts), whatever the constitution says later.
   */
  criteria: z.array(z.string()).default([]),
  // Partnership Agreement 5.1: how many of the listed services an applicant must provide, when it applied.
  criteriaRequired: z.number().int().min(0).default(0),
  // Partnership Agreement 5.2: the level of work dedicated to such support.
  levelOfWork: optionalText('the level of work', 2000),
  receivedOn: isoDate('the date received'),
  /** The register entry made for the applicant once it is admitted. Its decision is an event (shared/rules/lifecycles.ts). */
  organisationId: z.string().default(''),
});

/** How a member's answer reached the consortium: from its own copy, or recorded by the secretariat from a letter, an e-mail or a call. */
export const ANSWER_ROUTES = ['copy', 'letter', 'email', 'telephone'] as const;
export const ANSWER_ROUTE_LABELS: Record<(typeof ANSWER_ROUTES)[number], string> = {
  copy: 'From its own copy',
  letter: 'By letter',
  email: 'By e-mail',
  telephone: 'By telephone',
};
export const CONSULTATION_ANSWERS = ['support', 'object', 'needs-clarification'] as const;
export type ConsultationAnswerChoice = (typeof CONSULTATION_ANSWERS)[number];
export const CONSULTATION_ANSWER_LABELS: Record<ConsultationAnswerChoice, string> = {
  support: 'Supports',
  object: 'Objects',
  'needs-clarification': 'Needs clarification',
};

/** One member's answer when the chair consults members on an application (Partnership Agreement 5.3): one per application and organisation. */
export const consultationAnswerSchema = z.object({
  applicationId: id,
  organisationId: id,
  answer: z.enum(CONSULTATION_ANSWERS, { error: 'Choose support, object or needs clarification' }),
  comment: optionalText('the comment', 2000),
  via: z.enum(ANSWER_ROUTES).default('copy'),
  answeredOn: isoDate('the date of the answer').or(z.literal('')).default(''),
});

// The values 'consortium', 'steering-group' and 'sub-group' are those stored before version 6 and stay as they are.
export const MEETING_KINDS = ['consortium', 'steering-group', 'sub-group', 'implementation-group', 'open'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  consortium: 'Consortium meeting',
  'steering-group': 'Steering group',
  'sub-group': 'Sub-group',
  'implementation-group': 'Implementation group',
  open: 'Open meeting',
};

const clockTime = (label: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${label} like 10:00`);

/** An address for joining online: empty, or a web address starting https:// or http://. */
const onlineLink = z
  .string()
  .trim()
  .max(1000, 'The online link must be 1,000 characters or fewer')
  .refine((s) => {
    if (s === '') return true;
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'Enter the online link as a web address starting https://')
  .default('');

/**
 * A meeting (docs/architecture.md, "Meetings: the schedule and notice"): its date and
 * local start time in Europe/London, the venue (`location`) with its accessibility
 * notes, and the link to join online. `lastOfYear` marks the last meeting of the
 * financial year, where the Chair is elected and the Accountable Body reviewed
 * (Partnership Agreement 8.4, 9.2). Fields added in version 6 have defaults, so rows
 * and bundles written before them parse.
 */
export const meetingSchema = z
  .object({
    title: requiredText('a title'),
    kind: z.enum(MEETING_KINDS, { error: 'Choose the kind of meeting' }).default('consortium'),
    date: isoDate('the meeting date'),
    startTime: clockTime('the start time').or(z.literal('')).default(''),
    endTime: clockTime('the end time').or(z.literal('')).default(''),
    location: optionalText('the venue', 300),
    accessibilityNotes: optionalText('the accessibility notes', 2000),
    onlineLink,
    lastOfYear: z.boolean().default(false),
    papersCirculatedOn: isoDate('the date papers went out').or(z.literal('')).default(''),
    chairRepresentativeId: z.string().default(''),
    status: z.enum(['planned', 'held', 'cancelled']).default('planned'),
  })
  .refine((m) => m.endTime === '' || m.startTime === '' || m.endTime > m.startTime, { path: ['endTime'], message: 'The end time must be after the start time' });

/** The items every consortium meeting has (shared/rules/agenda.ts; docs/architecture.md, "Meetings: agenda, papers and attendance"). */
export const STANDARD_AGENDA_ITEMS = ['apologies', 'declarations', 'minutes', 'matters-arising', 'overrides', 'aob', 'next-meeting'] as const;
export type StandardAgendaItem = (typeof STANDARD_AGENDA_ITEMS)[number];

export const agendaItemSchema = z.object({
  meetingId: id,
  /** The item's place: the agenda reads in (position, id) order, so two copies reordering offline agree (shared/rules/agenda.ts). */
  position: z.number().int().min(0),
  title: requiredText('the item’s title'),
  presenter: optionalText('the presenter', 200),
  paperTitle: optionalText('the paper', 300),
  /** What the item is about, when it was referred from elsewhere: an application referred to the meeting (Partnership Agreement 5.3), a steering group's recommendation (a motion). */
  refersToTable: z.string().default(''),
  refersToRow: z.string().default(''),
  /** Which standard item this is (STANDARD_AGENDA_ITEMS; '' for any other). Any text, so a later version's new kinds of item still pass. */
  standard: z.string().max(40).default(''),
  /** A member's item: the organisation that asked for it, and when its request reached the secretariat. */
  submittedBy: z.string().default(''),
  submittedOn: isoDate('the date the item was received').or(z.literal('')).default(''),
  /** A line or two about the item, read with the agenda. */
  description: optionalText('the description', 2000),
});

export const attendanceSchema = z.object({
  meetingId: id,
  organisationId: id,
  representativeId: z.string().default(''),
  // Partnership Agreement 7.2: the representative, a named substitute, or apologies.
  status: z.enum(['present', 'substitute', 'apologies', 'absent']),
});

/** A declaration of interest in an agenda item: a member that declares one does not vote on the item (the conflicts of interest protocol; docs/architecture.md, "Meetings: minutes, actions and search"). */
export const declarationSchema = z.object({
  organisationId: id,
  interest: requiredText('the interest declared', 500),
});

/**
 * The minutes of one agenda item, one record per meeting and item (id
 * `minute:<meeting>:<item>`): the notes of the discussion, the decisions in
 * words, and the interests declared. Actions are records of their own. The
 * minutes move by events on every item's record at once (shared/rules/lifecycles.ts
 * minutesLifecycle): taken on one copy, circulated, confirmed, locked.
 */
export const minuteSchema = z.object({
  meetingId: id,
  agendaItemId: id,
  /** The notes of the discussion, as typed (kept as a draft while typed: renderer/ui/use-draft.ts). */
  text: z.string().max(200_000, 'The notes must be 200,000 characters or fewer').default(''),
  decisions: z.string().max(50_000, 'The decisions must be 50,000 characters or fewer').default(''),
  declarations: z.array(declarationSchema).max(100).default([]),
});

/** A partner's comment on circulated minutes: a record of its own, owned by the commenting organisation, never an edit of the text. */
export const minuteCommentSchema = z.object({
  meetingId: id,
  agendaItemId: z.string().default(''),
  organisationId: id,
  text: requiredText('the comment', 5000),
  madeOn: isoDate('the date of the comment'),
});

/**
 * An action (the action plans of the Working Together protocol): what, the single point of
 * accountability (an organisation), by when and the outcome expected. The
 * accountable organisation's copy keeps its progress (`progress`, `progressOn`,
 * `reportedDone`); the secretariat or the chair closes it at a meeting.
 */
export const actionSchema = z.object({
  meetingId: z.string().default(''),
  agendaItemId: z.string().default(''),
  objective: optionalText('the objective', 500),
  action: requiredText('what is to be done', 1000),
  nominatorId: z.string().default(''),
  // Working Together protocol: a single point of accountability for every action
  // (docs/architecture.md, "Where the rules come from").
  accountableOrganisationId: z.string().min(1, 'Choose the organisation accountable for it'),
  dueOn: isoDate('when it is due').or(z.literal('')).default(''),
  expectedOutcome: optionalText('the expected outcome', 1000),
  status: z.enum(['open', 'closed']).default('open'),
  /** Progress in words, as the accountable organisation reports it. */
  progress: optionalText('the progress', 2000),
  progressOn: isoDate('the date of the progress').or(z.literal('')).default(''),
  /** The accountable organisation says it is done; the meeting closes it. */
  reportedDone: z.boolean().default(false),
  closedOn: isoDate('the date it was closed').or(z.literal('')).default(''),
  closedAtMeetingId: z.string().default(''),
});

/** The fields of an action its accountable organisation's copy may write (registry.ts, `actions`). */
export const ACTION_PROGRESS_FIELDS = ['progress', 'progressOn', 'reportedDone'] as const;

export const motionSchema = z.object({
  meetingId: id,
  agendaItemId: z.string().default(''),
  text: requiredText('the proposal', 2000),
  /** Who proposed and seconded it (organisations; the seconder is optional). */
  proposerOrganisationId: z.string().default(''),
  seconderOrganisationId: z.string().default(''),
  /** A named ballot keeps each member's vote; a secret ballot only the counts (docs/architecture.md, "Decisions"). */
  ballot: z.enum(['named', 'secret']).default('named'),
  /** The kind of decision: 'ordinary', or a kind the constitution asks a larger majority for (Constitution.specialMajorities). */
  decisionKind: z.string().max(40).default('ordinary'),
  /** What the decision is about: an application, minutes, a claim, an election, or a steering group's recommendation to ratify (a motion). */
  refersToTable: z.string().default(''),
  refersToRow: z.string().default(''),
  /** A steering group's decision made as a recommendation, for the consortium to ratify (docs/architecture.md, "Decisions"). */
  recommendation: z.boolean().default(false),
  // The outcome is an event (shared/rules/lifecycles.ts); dissent is one field per organisation (`dissent:<organisation id>`, Partnership Agreement 10.7).
});

export const voteSchema = z.object({
  motionId: id,
  organisationId: id,
  choice: z.enum(['for', 'against', 'abstain']),
  declaredInterest: z.boolean().default(false),
});

export const electionSchema = z.object({
  meetingId: z.string().default(''),
  office: z.enum(['chair', 'accountable-body']),
  financialYear: z.string().regex(/^\d{4}(\/\d{2})?$/, 'Enter the year like 2026/27'),
  /** Who stands: members' representatives, by organisation (Partnership Agreement 9.1). The result is an event (shared/rules/lifecycles.ts electionLifecycle). */
  candidates: z.array(z.object({ organisationId: id, representativeId: z.string().default('') })).max(50).default([]),
  /** The Accountable Body when the election was held, and whether it may be elected Chair (Partnership Agreement 9.1): a snapshot every copy judges the result by. */
  accountableBodyId: z.string().default(''),
  accountableBodyMayChair: z.boolean().default(false),
});

export const funderSchema = z.object({ name: requiredText('the funder’s name') });

const financialYearLabel = (label: string) => z.string({ error: `Enter ${label}` }).regex(/^\d{4}(\/\d{2})?$/, 'Enter the year like 2026/27');
const quarterNumber = z.number({ error: 'Choose a quarter' }).int('Choose a quarter from 1 to 4').min(1, 'Choose a quarter from 1 to 4').max(4, 'Choose a quarter from 1 to 4');

/** How often the Accountable Body claims from a funder (Partnership Agreement 8.1(3): quarterly). */
export const CLAIM_FREQUENCIES = ['quarterly'] as const;

/**
 * A grant agreement with a funder: one restricted fund (Partnership Agreement 8.1(7)),
 * its amount and period, how often it is claimed and how many days after a quarter's
 * end a claim is due, and the terms payments depend on (docs/architecture.md, "Claims").
 * Every field added for claims has a default, so a fund written before them parses.
 */
export const fundSchema = z.object({
  funderId: id,
  name: requiredText('the fund’s name'),
  // Partnership Agreement 8.1(7): consortium money is held as restricted funds.
  restricted: z.boolean().default(true),
  awardedPence: pence('the amount awarded'),
  /** The grant agreement's period, ISO dates ('' when not yet entered). */
  startOn: optionalDate('the date the agreement starts'),
  endOn: optionalDate('the date the agreement ends'),
  claimFrequency: z.enum(CLAIM_FREQUENCIES).default('quarterly'),
  /** A partner's claim for a quarter is due this many days after the quarter ends. */
  partnerClaimDueDays: z.number({ error: 'Enter a number of days' }).int('Enter a whole number of days').min(0, 'The number of days cannot be negative').max(365, 'Enter 365 days or fewer').default(14),
  /** The consortium's claim to the funder is due this many days after the quarter ends. */
  claimDueDays: z.number({ error: 'Enter a number of days' }).int('Enter a whole number of days').min(0, 'The number of days cannot be negative').max(365, 'Enter 365 days or fewer').default(30),
  /** The terms the funder's payments depend on, such as outputs to be delivered. */
  terms: optionalText('the terms', 5000),
});

/**
 * A project: the fund that pays for it, its lead and delivery partners, and the
 * financial quarters it runs over (first to last, inclusive). A partner claim is for
 * one of those quarters. Budget lines and outputs are records of their own.
 */
export const projectSchema = z.object({
  name: requiredText('the project’s name'),
  leadOrganisationId: z.string().default(''),
  deliveryOrganisationIds: z.array(z.string()).default([]),
  fundId: z.string().default(''),
  /** The first and last financial year and quarter of the project ('' until entered). */
  firstYear: financialYearLabel('the first year').or(z.literal('')).default(''),
  firstQuarter: quarterNumber.default(1),
  lastYear: financialYearLabel('the last year').or(z.literal('')).default(''),
  lastQuarter: quarterNumber.default(4),
});

/** A project's budget for one financial year (version 1; the claims use budget lines and their profile). */
export const budgetSchema = z.object({
  projectId: id,
  financialYear: financialYearLabel('the year'),
  amountPence: pence('the budget'),
});

/** A short code naming a budget line or an output within its project: letters, digits and hyphens ('staff', 'orgs-supported'). */
export const lineCode = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(40, `${label[0]!.toUpperCase()}${label.slice(1)} must be 40 characters or fewer`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label[0]!.toUpperCase()}${label.slice(1)} may use only small letters, digits and single hyphens, like running-costs`);

export const BUDGET_CATEGORIES = ['staff', 'running-costs', 'equipment', 'volunteer-expenses', 'management', 'other'] as const;
export const BUDGET_CATEGORY_LABELS: Record<(typeof BUDGET_CATEGORIES)[number], string> = {
  staff: 'Staff',
  'running-costs': 'Running costs',
  equipment: 'Equipment',
  'volunteer-expenses': 'Volunteer expenses',
  management: 'Management',
  other: 'Other',
};

/**
 * The field of a budget line holding its profile for one quarter, and of an output
 * holding its target: `profile:2026-27:Q1`, `target:2026-27:Q1` (the year's label
 * with a hyphen for its slash, as a field name in a bundle has no slash,
 * docs/bundle-format.md). One field per quarter, so two copies changing different
 * quarters both keep theirs (docs/architecture.md, "Claims").
 */
export const PROFILE_FIELD_PREFIX = 'profile:';
export const TARGET_FIELD_PREFIX = 'target:';
export const periodField = (prefix: string, financialYear: string, quarter: number) => `${prefix}${financialYear.replace('/', '-')}:Q${quarter}`;
const PERIOD_FIELD = /^(\d{4})(?:-(\d{2}))?:Q([1-4])$/;
/** The year (its label, '2026/27') and quarter a profile or target field is for, or undefined. */
export function periodOfField(prefix: string, field: string): { financialYear: string; quarter: number } | undefined {
  if (!field.startsWith(prefix)) return undefined;
  const match = PERIOD_FIELD.exec(field.slice(prefix.length));
  return match ? { financialYear: match[2] ? `${match[1]!}/${match[2]}` : match[1]!, quarter: Number(match[3]) } : undefined;
}
/** The values of one family of period fields on a row, by the year's label and quarter: `2026/27:Q1`. */
export function periodValues(row: object, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [field, value] of Object.entries(row)) {
    const period = typeof value === 'number' ? periodOfField(prefix, field) : undefined;
    if (period) out.set(`${period.financialYear}:Q${period.quarter}`, value as number);
  }
  return out;
}

/**
 * One budget line of one project ('Staff', 'Running costs' …), one record per project
 * and code (`budgetLine:<project>:<code>`). Its profile is one field per quarter,
 * `profile:2026-27:Q1`, in integer pence. A partner claim's lines are keyed by `code`.
 */
export const budgetLineSchema = z.object({
  projectId: id,
  code: lineCode('the line’s code'),
  name: requiredText('the line’s name'),
  category: z.enum(BUDGET_CATEGORIES).default('other'),
  /** The order lines are shown in. */
  order: z.number().int().min(0).default(0),
});

/**
 * One output of one project with a target per quarter (`target:<year>:Q<n>`, whole
 * numbers, `target:2026-27:Q1`), one record per project and code (`output:<project>:<code>`). A partner
 * claim's outputs achieved are keyed by `code` (Partnership Agreement 8.1(3): payment is tied to outputs).
 */
export const outputSchema = z.object({
  projectId: id,
  code: lineCode('the output’s code'),
  name: requiredText('the output’s name', 300),
  order: z.number().int().min(0).default(0),
});

/** Spend per budget line (keyed by the line's code), integer pence; the claim's total is derived from it. */
const penceByLine = z.record(z.string().min(1).max(100), pence('the amount for the line'));

/**
 * A partner's claim for one project and quarter (docs/architecture.md, "Claims"),
 * entered on the partner's own copy (or by the Accountable Body from a paper claim,
 * `enteredOnBehalf`). Its steps are events (lifecycles.ts partnerClaimLifecycle).
 */
export const partnerClaimSchema = z.object({
  organisationId: id,
  projectId: id,
  financialYear: financialYearLabel('the year'),
  quarter: quarterNumber,
  lines: penceByLine.default({}),
  /** Outputs achieved this quarter, by output code (Partnership Agreement 8.1(3), 8.1(4): payment is tied to outputs). */
  outputs: z.record(z.string().min(1).max(200), z.number({ error: 'Enter a number' }).int('Enter a whole number').min(0, 'A number achieved cannot be negative')).default({}),
  outputsDelivered: optionalText('the outputs delivered', 2000),
  narrative: optionalText('the narrative', 5000),
  evidence: optionalText('the evidence references', 2000),
  /** Entered by the Accountable Body from a claim received on paper. */
  enteredOnBehalf: z.boolean().default(false),
});

/**
 * The consortium's claim to a funder for one fund and quarter. Its figures are
 * derived from the approved partner claims and `ownCosts`; only what a person
 * writes is stored.
 */
export const funderClaimSchema = z.object({
  fundId: id,
  financialYear: financialYearLabel('the year'),
  quarter: quarterNumber,
  /** The Accountable Body's own costs, keyed `<project id>/<line code>`; partner claims included are derived, never stored. */
  ownCosts: penceByLine.default({}),
  varianceExplanation: optionalText('the explanation of the variance', 5000),
  outputsNarrative: optionalText('the narrative on outputs', 5000),
});

/** The offices a copy can be granted (Partnership Agreement 8, 9; docs/architecture.md, "Authority"). Partners are every enrolled copy of a member organisation. */
export const OFFICES = ['secretariat', 'chair', 'accountable-body'] as const;
export type Office = (typeof OFFICES)[number];

/**
 * A role granted to a copy from a date (roles.ts): signed and synced like any
 * change, made only by the secretariat or the Accountable Body, never changed
 * once made. A later grant of the same office to another copy ends this one.
 */
export const roleGrantSchema = z.object({
  office: z.enum(OFFICES),
  /** The copy (installation) that holds the office. */
  node: id,
  /** The member organisation whose copy it is. */
  organisationId: z.string().default(''),
  /** The date the office is held from (Europe/London); for the chair, 1 April of the term (Partnership Agreement 9). */
  from: isoDate('the date it takes effect'),
  note: optionalText('the note', 500),
});

export const partnerNodeSchema = z.object({
  name: requiredText('the partner’s name'),
  organisationId: z.string().default(''),
  role: z.enum(ROLES),
  /** Ed25519 public key, raw, base64. */
  publicKey: z.string().min(1),
  trust: z.enum(['trusted', 'revoked']).default('trusted'),
  enrolledAt: z.string().default(''),
});

export const conflictSchema = z.object({
  table: z.string(),
  row: z.string(),
  field: z.string(),
  keptValue: z.unknown(),
  keptHlc: z.string(),
  losingValue: z.unknown(),
  losingHlc: z.string(),
  status: z.enum(['open', 'resolved']).default('open'),
});

type Row<S extends z.ZodType> = z.infer<S> & SyncedRow;
export type Consortium = Row<typeof consortiumSchema>;
export type Organisation = Row<typeof organisationSchema>;
export type Representative = Row<typeof representativeSchema>;
export type Appointment = Row<typeof appointmentSchema>;
export type Attachment = Row<typeof attachmentSchema>;
export type Application = Row<typeof applicationSchema>;
export type Meeting = Row<typeof meetingSchema>;
export type AgendaItem = Row<typeof agendaItemSchema>;
export type Attendance = Row<typeof attendanceSchema>;
export type Minute = Row<typeof minuteSchema>;
export type Action = Row<typeof actionSchema>;
export type MinuteComment = Row<typeof minuteCommentSchema>;
export type Declaration = z.infer<typeof declarationSchema>;
export type Motion = Row<typeof motionSchema>;
export type Vote = Row<typeof voteSchema>;
export type Election = Row<typeof electionSchema>;
export type Funder = Row<typeof funderSchema>;
export type Fund = Row<typeof fundSchema>;
export type Project = Row<typeof projectSchema>;
export type Budget = Row<typeof budgetSchema>;
export type BudgetLine = Row<typeof budgetLineSchema>;
export type Output = Row<typeof outputSchema>;
export type PartnerClaim = Row<typeof partnerClaimSchema>;
export type FunderClaim = Row<typeof funderClaimSchema>;
export type PartnerNode = Row<typeof partnerNodeSchema>;
export type RoleGrant = Row<typeof roleGrantSchema>;
export type ConsultationAnswer = Row<typeof consultationAnswerSchema>;
export type Conflict = Row<typeof conflictSchema>;
