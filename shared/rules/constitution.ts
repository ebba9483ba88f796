/**
 * A consortium's constitution, as the settings Quorum enforces. Every rule the
 * software applies reads its numbers from here, so a consortium whose agreement
 * differs (Worcestershire, Milton Keynes) changes a setting, not the code.
 * Defaults are the Bedfordshire & Luton Partnership Agreement (docs/architecture.md,
 * "Where the rules come from").
 */
import { z } from 'zod';
import { specialMajoritySchema } from './decisions';

export const NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];
export const NATION_LABELS: Record<Nation, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/**
 * The rules Quorum enforces that a screen cites, each by a clause of the consortium's
 * own constitution (docs/architecture.md, "Where the rules come from"). The keys are
 * Quorum's; the clause numbers are the consortium's (shared/rules/citations.ts).
 */
export const CITED_RULES = [
  'register',
  'membershipCriteria',
  'application',
  'applicationDecision',
  'coOpted',
  'oneMemberOneVote',
  'resignation',
  'directory',
  'representatives',
  'substitutes',
  'accountableBody',
  'override',
  'abReview',
  'chair',
  'notice',
  'quorum',
  'consensus',
] as const;
export type CitedRule = (typeof CITED_RULES)[number];

/** Each rule in words, for the settings that number them. */
export const CITED_RULE_LABELS: Record<CitedRule, string> = {
  register: 'The register of members',
  membershipCriteria: 'Membership criteria',
  application: 'What an application shows',
  applicationDecision: 'Who decides applications',
  coOpted: 'Co-opted organisations',
  oneMemberOneVote: 'One member, one vote',
  resignation: 'Resignation',
  directory: 'The published directory',
  representatives: 'Named representatives',
  substitutes: 'Named substitutes and apologies',
  accountableBody: 'The Accountable Body’s duties',
  override: 'The Accountable Body’s override',
  abReview: 'Review of the Accountable Body',
  chair: 'The Chair',
  notice: 'Notice of meetings',
  quorum: 'The quorum',
  consensus: 'Decisions by consensus',
};

/** The Bedfordshire & Luton Partnership Agreement's name for itself. */
export const BEDFORDSHIRE_TITLE = 'Partnership Agreement';

export const BEDFORDSHIRE_CLAUSES: Record<CitedRule, string> = {
  register: '5', // Partnership Agreement 5: the secretariat keeps the register of members
  membershipCriteria: '5.1', // Partnership Agreement 5.1
  application: '5.2', // Partnership Agreement 5.2
  applicationDecision: '5.3', // Partnership Agreement 5.3
  coOpted: '5.4', // Partnership Agreement 5.4
  oneMemberOneVote: '5.5', // Partnership Agreement 5.5
  resignation: '5.6', // Partnership Agreement 5.6
  directory: '5.7', // Partnership Agreement 5.7
  representatives: '7.1', // Partnership Agreement 7.1
  substitutes: '7.2', // Partnership Agreement 7.2
  accountableBody: '8.1', // Partnership Agreement 8.1
  override: '8.2', // Partnership Agreement 8.2
  abReview: '8.4', // Partnership Agreement 8.4
  chair: '9', // Partnership Agreement 9
  notice: '10.5', // Partnership Agreement 10.5
  quorum: '10.6', // Partnership Agreement 10.6
  consensus: '10.7', // Partnership Agreement 10.7
};

const clauseReference = z
  .string()
  .trim()
  .max(20, 'A clause reference is at most 20 characters, for example 5.1 or 8.1(3)')
  .optional();

/**
 * The clause of the consortium's constitution for each rule; a rule left out (or '')
 * is cited by the constitution's name alone. An object rather than a record of the
 * rules, so a newer copy's extra rules pass through an older copy's check.
 */
export const clausesSchema = z.object(
  Object.fromEntries(CITED_RULES.map((rule) => [rule, clauseReference])) as Record<CitedRule, typeof clauseReference>,
);
export type Clauses = z.infer<typeof clausesSchema>;

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a number` })
    .int(`${what[0]!.toUpperCase()}${what.slice(1)} must be a whole number`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be at most ${max}`);

export const constitutionSchema = z
  .object({
    // The constitution's name, as its clauses are cited: "Partnership Agreement 5.1"; '' reads "the constitution".
    // Consortia stored before it was a setting were set up from a preset and showed Bedfordshire & Luton's
    // name, so they default to that: what they showed before.
    title: z.string().trim().max(120, 'The constitution’s name is at most 120 characters').default(BEDFORDSHIRE_TITLE),
    // Each rule's clause in the consortium's constitution; stored consortia default to Bedfordshire & Luton's, as above.
    clauses: clausesSchema.default(() => ({ ...BEDFORDSHIRE_CLAUSES })),
    // Partnership Agreement 5.1: the services an applicant may show it provides.
    membershipCriteria: z
      .array(z.string().trim().min(1, 'Each membership criterion needs a description'))
      .min(1, 'List at least one membership criterion')
      .max(20, 'List at most 20 membership criteria'),
    // Partnership Agreement 5.1: how many of those services an applicant must provide.
    minimumCriteriaMet: wholeNumber('the number of criteria an applicant must meet', 1, 20),
    // Partnership Agreement 10.6: the quorum is never below this number.
    quorumMinimum: wholeNumber('the smallest quorum', 1, 1000),
    // Partnership Agreement 10.6: otherwise the nearest whole number to this fraction of voting members.
    quorumFractionNumerator: wholeNumber('the top of the quorum fraction', 0, 1000),
    quorumFractionDenominator: wholeNumber('the bottom of the quorum fraction', 1, 1000),
    // Partnership Agreement 10.5: papers circulated at least this many working days before a meeting.
    noticeWorkingDays: wholeNumber('the notice period in working days', 0, 60),
    // Partnership Agreement 5.4, 5.5: co-opted organisations attend but do not vote or count to the quorum.
    coOptedMayVote: z.boolean(),
    // Partnership Agreement 9.1: the Chair is elected from members other than the Accountable Body.
    accountableBodyMayChair: z.boolean(),
    // Worcestershire conflicts-of-interest protocol: a member declaring an interest does not vote on the item.
    interestBarsVoting: z.boolean(),
    // Partnership Agreement 8.2: the Accountable Body may override decisions contrary to funder terms.
    accountableBodyMayOverride: z.boolean(),
    // Partnership Agreement 8.1(3): a claim to a funder explains a variance against the profile beyond this percentage (funder-claim.ts).
    varianceThresholdPercent: wholeNumber('the variance percentage', 0, 100).default(10),
    // Partnership Agreement 8.1(3): …or beyond this many whole pounds; stored consortia default to 10% or £500.
    varianceThresholdPounds: wholeNumber('the variance in pounds', 0, 10_000_000).default(500),
    // Partnership Agreement 8.1(3): ticked, only a variance beyond both limits needs explaining.
    varianceNeedsBothLimits: z.boolean().default(false),
    // Partnership Agreement 10.7: decisions by consensus, else a vote; the agreement gives the chair no casting vote.
    chairCastingVote: z.boolean().default(false),
    // Partnership Agreement 10.7: a simple majority of votes cast; the agreement names no decision needing more.
    specialMajorities: z.array(specialMajoritySchema).max(20, 'List at most 20 kinds of decision').default([]),
    // Partnership Agreement 9.1: a tied election for the Chair is decided by another ballot between those tied.
    electionTie: z.enum(['second-ballot', 'lot']).default('second-ballot'),
  })
  .refine((c) => c.minimumCriteriaMet <= c.membershipCriteria.length, {
    message: 'An applicant cannot be asked to meet more criteria than are listed',
    path: ['minimumCriteriaMet'],
  });

export type Constitution = z.infer<typeof constitutionSchema>;

export const BEDFORDSHIRE_CRITERIA = [
  'Pro-actively identifies needs in the local community and facilitates improvement in service provision to meet those needs',
  'Assists local voluntary and community organisations to function more effectively and deliver quality services',
  'Facilitates effective communication or networking and collaboration amongst local voluntary and community organisations',
  'Enables the diverse views of the sector to be represented to external bodies',
  "Enhances the sector's role as an integral part of local planning and policy-making",
];

// Worcestershire Infrastructure Consortium strategy: members provide at least 3 of these 5.
export const WORCESTERSHIRE_CRITERIA = [
  'Start-up and development support',
  'Information, advice and assistance',
  'Advocacy and representation',
  'Partnership building and brokerage',
  'Policy research',
];

export const BEDFORDSHIRE_CONSTITUTION: Constitution = {
  title: BEDFORDSHIRE_TITLE, // the annex's own title: "Partnership Agreement"
  clauses: BEDFORDSHIRE_CLAUSES, // Partnership Agreement, sections 5 to 10
  membershipCriteria: BEDFORDSHIRE_CRITERIA,
  minimumCriteriaMet: 3, // Partnership Agreement 5.1
  quorumMinimum: 2, // Partnership Agreement 10.6
  quorumFractionNumerator: 1, // Partnership Agreement 10.6
  quorumFractionDenominator: 3, // Partnership Agreement 10.6
  noticeWorkingDays: 5, // Partnership Agreement 10.5
  coOptedMayVote: false, // Partnership Agreement 5.4
  accountableBodyMayChair: false, // Partnership Agreement 9.1
  interestBarsVoting: true, // Worcestershire conflicts-of-interest protocol
  accountableBodyMayOverride: true, // Partnership Agreement 8.2
  varianceThresholdPercent: 10, // Partnership Agreement 8.1(3): the funder's claim explains a variance beyond 10%…
  varianceThresholdPounds: 500, // Partnership Agreement 8.1(3): …or beyond £500
  varianceNeedsBothLimits: false, // Partnership Agreement 8.1(3): beyond either limit
  chairCastingVote: false, // Partnership Agreement 10.7: no casting vote
  specialMajorities: [], // Partnership Agreement 10.7: a simple majority for every decision
  electionTie: 'second-ballot', // Partnership Agreement 9.1: the constitution is silent, so the meeting votes again
};

export const WORCESTERSHIRE_CONSTITUTION: Constitution = {
  ...BEDFORDSHIRE_CONSTITUTION,
  title: 'Worcestershire Infrastructure Consortium strategy', // Worcestershire strategy: its title
  clauses: {}, // Worcestershire strategy: its rules are not numbered clauses
  membershipCriteria: WORCESTERSHIRE_CRITERIA,
  minimumCriteriaMet: 3, // Worcestershire strategy: at least 3 of 5 services
};

export const BLANK_CONSTITUTION: Constitution = {
  title: '', // read "the constitution" until the consortium names its own
  clauses: {},
  membershipCriteria: [''],
  minimumCriteriaMet: 1,
  quorumMinimum: 2,
  quorumFractionNumerator: 1,
  quorumFractionDenominator: 3,
  noticeWorkingDays: 5,
  coOptedMayVote: false,
  accountableBodyMayChair: true,
  interestBarsVoting: true,
  accountableBodyMayOverride: false,
  varianceThresholdPercent: 10,
  varianceThresholdPounds: 500,
  varianceNeedsBothLimits: false,
  chairCastingVote: false,
  specialMajorities: [],
  electionTie: 'second-ballot',
};

export const CONSTITUTION_PRESETS = {
  bedfordshire: { label: 'Bedfordshire & Luton Partnership Agreement', constitution: BEDFORDSHIRE_CONSTITUTION },
  worcestershire: { label: 'Worcestershire', constitution: WORCESTERSHIRE_CONSTITUTION },
  blank: { label: 'Blank: set every rule yourself', constitution: BLANK_CONSTITUTION },
} as const;

export type ConstitutionPreset = keyof typeof CONSTITUTION_PRESETS;

/** The variance threshold of a consortium's claims to funders, as funder-claim.ts reads it. */
export function varianceThresholdOf(constitution: Partial<Pick<Constitution, 'varianceThresholdPercent' | 'varianceThresholdPounds' | 'varianceNeedsBothLimits'>>) {
  return {
    percent: constitution.varianceThresholdPercent ?? 10,
    pence: (constitution.varianceThresholdPounds ?? 500) * 100,
    combination: constitution.varianceNeedsBothLimits ? ('both' as const) : ('either' as const),
  };
}
