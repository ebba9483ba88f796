/**
 * The store's versioned schema. Each version lists only its indexes (Dexie stores
 * every other field unindexed). Never edit a published version: add a new one with
 * an upgrade function that keeps existing data, and test it (migrations.test.ts).
 */
import type Dexie from 'dexie';

/** Version 1: the first published schema. */
export const SCHEMA_V1: Record<string, string> = {
  consortium: 'id',
  organisations: 'id, name, status',
  representatives: 'id, organisationId',
  applications: 'id, status, receivedOn',
  meetings: 'id, date',
  agendaItems: 'id, meetingId',
  attendance: 'id, meetingId, organisationId',
  minutes: 'id, meetingId',
  actions: 'id, meetingId, status',
  motions: 'id, meetingId',
  votes: 'id, motionId',
  elections: 'id, meetingId',
  funders: 'id',
  funds: 'id, funderId',
  projects: 'id',
  budgets: 'id, projectId',
  partnerClaims: 'id, organisationId, projectId, status',
  funderClaims: 'id, funderId',
  partnerNodes: 'id',
  conflicts: 'id, status',
  // One row per run of one node's entries (shared/sync/change.ts LogRun).
  changeLog: '[node+firstSeq], node',
  installation: 'key',
};

/** Version 2: the import history, and every organisation lists the services it provides. */
export const SCHEMA_V2: Record<string, string> = {
  ...SCHEMA_V1,
  imports: 'id, importedAt',
};

export const CURRENT_VERSION = 2;

export function declareSchema(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      // Partnership Agreement 5.1: criteria met are recorded per organisation from version 2.
      await tx
        .table('organisations')
        .toCollection()
        .modify((org: { servicesProvided?: number[] }) => {
          if (!Array.isArray(org.servicesProvided)) org.servicesProvided = [];
        });
    });
}
