/** The repositories features use, bound to one database and clock. */
import {
  actionSchema,
  agendaItemSchema,
  applicationSchema,
  attendanceSchema,
  budgetSchema,
  conflictSchema,
  consortiumSchema,
  electionSchema,
  funderClaimSchema,
  funderSchema,
  fundSchema,
  meetingSchema,
  minuteSchema,
  motionSchema,
  organisationSchema,
  partnerClaimSchema,
  partnerNodeSchema,
  projectSchema,
  representativeSchema,
  voteSchema,
} from '../../shared/domain/entities';
import { Repository } from './repository';
import type { WriteContext } from './writer';

export function createRepositories(ctx: WriteContext) {
  return {
    consortium: new Repository(ctx, 'consortium', consortiumSchema),
    organisations: new Repository(ctx, 'organisations', organisationSchema),
    representatives: new Repository(ctx, 'representatives', representativeSchema),
    applications: new Repository(ctx, 'applications', applicationSchema),
    meetings: new Repository(ctx, 'meetings', meetingSchema),
    agendaItems: new Repository(ctx, 'agendaItems', agendaItemSchema),
    attendance: new Repository(ctx, 'attendance', attendanceSchema),
    minutes: new Repository(ctx, 'minutes', minuteSchema),
    actions: new Repository(ctx, 'actions', actionSchema),
    motions: new Repository(ctx, 'motions', motionSchema),
    votes: new Repository(ctx, 'votes', voteSchema),
    elections: new Repository(ctx, 'elections', electionSchema),
    funders: new Repository(ctx, 'funders', funderSchema),
    funds: new Repository(ctx, 'funds', fundSchema),
    projects: new Repository(ctx, 'projects', projectSchema),
    budgets: new Repository(ctx, 'budgets', budgetSchema),
    partnerClaims: new Repository(ctx, 'partnerClaims', partnerClaimSchema),
    funderClaims: new Repository(ctx, 'funderClaims', funderClaimSchema),
    partnerNodes: new Repository(ctx, 'partnerNodes', partnerNodeSchema),
    conflicts: new Repository(ctx, 'conflicts', conflictSchema),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
