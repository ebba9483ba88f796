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

/**
 * Version 3: this copy's sync bookkeeping (imports, exports, local enrolments,
 * runs held back) gets a table of its own, with each row's kind indexed. Until
 * now it shared `imports`, told apart by the id's prefix; the ids stay as they were.
 */
export const SCHEMA_V3: Record<string, string> = {
  ...SCHEMA_V2,
  syncLedger: 'id, kind',
};

/** Version 4: `imports`, copied into syncLedger by version 3, is removed. */
export const SCHEMA_V4: Record<string, string | null> = {
  ...SCHEMA_V3,
  imports: null,
};

export const CURRENT_VERSION = 4;

/** A row of version 2's `imports` table. */
interface ImportsRowV2 {
  id: string;
  importedAt: string;
  fromNode: string;
  fileName: string;
  report: unknown;
}

const LEDGER_KINDS = ['import', 'export', 'enrolment', 'held'] as const;

/** The version 3 ledger row for a version 2 `imports` row: its kind is the id's prefix ("held:…"). */
export function ledgerRowFromImportsRow(row: ImportsRowV2) {
  const prefix = row.id.slice(0, row.id.indexOf(':'));
  const kind = (LEDGER_KINDS as readonly string[]).includes(prefix) ? prefix : 'import';
  return { id: row.id, kind, at: row.importedAt, node: row.fromNode, fileName: row.fileName, entry: row.report };
}

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
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      const rows = (await tx.table('imports').toArray()) as ImportsRowV2[];
      await tx.table('syncLedger').bulkPut(rows.map(ledgerRowFromImportsRow));
    });
  db.version(4).stores(SCHEMA_V4);
}
