/**
 * The store's versioned schema. Each version lists only its indexes (Dexie stores
 * every other field unindexed). Never edit a published version: add a new one with
 * an upgrade function that keeps existing data, and test it (migrations.test.ts).
 */
import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import { KINDS } from '../../shared/domain/registry';
import { insertLogRef, logRef, type LogRun } from '../../shared/sync/change';

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

/** Tables kept on this copy only, never synced, from version 5. */
const LOCAL_TABLES_V5: Record<string, string> = {
  refusals: 'id, key, node',
  deferred: 'id',
  drafts: 'id',
};

/**
 * From version 5 the synced tables come from the registry of record kinds
 * (shared/domain/registry.ts): each kind's id and indexes, for the kinds whose
 * `since` is this version or earlier. A new kind is one registry entry and one
 * new version here (with an upgrade function if existing rows must change).
 */
export function registrySchema(version: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of Object.values(KINDS)) if (kind.since <= version) out[kind.table] = ['id', ...kind.indexes].join(', ');
  return out;
}

/**
 * Version 5: role grants, consultation answers, derived refusals, deferred
 * changes and drafts; claims, applications and motions move by events (their
 * status fields are no longer indexed); every synced row gains `_log`, its
 * changes' references, built here from the log in one scan.
 */
export const SCHEMA_V5: Record<string, string | null> = {
  ...SCHEMA_V4,
  ...registrySchema(5),
  ...LOCAL_TABLES_V5,
};

/**
 * Version 6: the register (docs/architecture.md, "The register"): roles in the
 * consortium with their terms (`appointments`) and attached files such as letters
 * of resignation (`attachments`). New fields of organisations and representatives
 * (statuses and their dates, `archived`, the representative's `from`/`until` …)
 * have schema defaults and no index, so existing rows need no upgrade: a row
 * written before them, here or by an older copy whose changes arrive later, simply
 * lacks them, and the code reading rows takes a missing field as its default.
 */
export const SCHEMA_V6: Record<string, string | null> = {
  ...SCHEMA_V5,
  ...registrySchema(6),
};

/**
 * Version 7: claims (docs/architecture.md, "Claims"): each project's budget lines
 * (`budgetLines`, their profile one field per quarter) and outputs (`outputs`, their
 * targets one field per quarter). New fields of funds, projects and claims have
 * schema defaults and no index, so existing rows need no upgrade.
 */
export const SCHEMA_V7: Record<string, string | null> = {
  ...SCHEMA_V6,
  ...registrySchema(7),
};

export const CURRENT_VERSION = 7;

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

/** Declares every version up to `upTo`: the current one, or an older one to bring a backup of an older store up to date (renderer/db/backup.ts). */
export function declareSchema(db: Dexie, upTo: number = CURRENT_VERSION): void {
  db.version(1).stores(SCHEMA_V1);
  if (upTo < 2) return;
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
  if (upTo < 3) return;
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      const rows = (await tx.table('imports').toArray()) as ImportsRowV2[];
      await tx.table('syncLedger').bulkPut(rows.map(ledgerRowFromImportsRow));
    });
  if (upTo < 4) return;
  db.version(4).stores(SCHEMA_V4);
  if (upTo < 5) return;
  db.version(5).stores(SCHEMA_V5).upgrade(buildRecordLogs);
  if (upTo < 6) return;
  db.version(6).stores(SCHEMA_V6);
  if (upTo < 7) return;
  db.version(7).stores(SCHEMA_V7);
}


/** Version 5's upgrade: each synced row's `_log`, from one scan of the change log (no cryptography: the transaction stays open). */
export async function buildRecordLogs(tx: Transaction): Promise<void> {
  const refs = new Map<string, string[]>();
  await tx.table('changeLog').each((run: LogRun) => {
    for (const entry of run.entries) {
      const key = `${entry.table}\u0001${entry.row}`;
      let list = refs.get(key);
      if (!list) refs.set(key, (list = []));
      insertLogRef(list, logRef(entry));
    }
  });
  for (const kind of Object.values(KINDS)) {
    if (kind.since > 4) continue;
    await tx
      .table(kind.table)
      .toCollection()
      .modify((row: { id: string; _log?: string[] }) => {
        row._log = refs.get(`${kind.table}\u0001${row.id}`) ?? [];
      });
  }
  const installation = await tx.table('installation').get('self');
  if (installation && !installation.founderNode) {
    const consortium = (await tx.table('consortium').toArray()).filter((r: { deleted?: boolean }) => !r.deleted).sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1))[0] as
      | { id: string; _clocks: Record<string, string> }
      | undefined;
    const stamp = consortium ? Object.values(consortium._clocks).sort()[0] : undefined;
    await tx.table('installation').update('self', { consortiumId: consortium?.id ?? '', founderNode: stamp ? stamp.slice(30) : '' });
  }
}
