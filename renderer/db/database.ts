/** The Dexie database: one per installation, named after it so tests can open many. */
import Dexie, { type Table } from 'dexie';
import type { LogRun } from '../../shared/sync/change';
import type { ClockState } from '../../shared/sync/hlc';
import type { InstallationRole } from '../../shared/domain/entities';
import type {
  Action,
  AgendaItem,
  Application,
  Attendance,
  Budget,
  BudgetLine,
  Output,
  Conflict,
  Consortium,
  Election,
  Fund,
  Funder,
  FunderClaim,
  Meeting,
  Minute,
  MinuteComment,
  Motion,
  Organisation,
  PartnerClaim,
  PartnerNode,
  Project,
  Representative,
  Vote,
  RoleGrant,
  ConsultationAnswer,
  Appointment,
  Attachment,
} from '../../shared/domain/entities';
import type { DeferredRow, RefusalRow } from '../../shared/sync/merge';
import { declareSchema } from './schema';

export const DEFAULT_DATABASE_NAME = 'quorum';

/** This installation: who it is, its keys, its clock. Never synced. */
export interface InstallationRecord {
  key: 'self';
  nodeId: string;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  /**
   * The Ed25519 private key as a non-extractable CryptoKey: IndexedDB stores the key
   * object itself, and it can sign but never be exported. Stores written before
   * this held it as a base64 PKCS#8 string (LegacyInstallationRecord); opening the
   * store rewrites such a row once (renderer/db/installation.ts).
   */
  privateKey: CryptoKey;
  /**
   * The role chosen when this copy was set up or joined. Authority does not come
   * from it: the role grants do (shared/sync/roles.ts); it is what the set-up
   * screen asked, shown until a grant arrives.
   */
  role: InstallationRole | '';
  organisationId: string;
  /** The consortium this copy belongs to ('' before set-up or joining): a second consortium record is refused. */
  consortiumId?: string;
  /** The copy that set the consortium up: the root of every role grant (shared/sync/roles.ts). */
  founderNode?: string;
  /** Next sequence number for this node's change log. */
  nextSeq: number;
  /** Persisted so the clock never runs backwards across restarts or after an import. */
  clock: ClockState;
  createdAt: string;
}

/** An installation row as a store written before the key became a CryptoKey may still hold it, until it is opened. */
export type LegacyInstallationRecord = Omit<InstallationRecord, 'privateKey'> & { privateKey: string };

/**
 * One item of this copy's own sync bookkeeping, never synced: a bundle imported
 * or saved, a partner enrolled on this copy only, or a run held back until a gap
 * is filled. renderer/db/sync/ledger.ts is the only code that reads or writes them.
 */
export interface SyncLedgerRecord {
  /** Kind-prefixed, e.g. "import:<time>:<bundle id>", "held:<node>:<seq>". */
  id: string;
  kind: 'import' | 'export' | 'enrolment' | 'held';
  /** When it was imported, saved, enrolled or held. */
  at: string;
  /** The other copy concerned: the sender, the enrolled copy, the run's origin (this copy for exports). */
  node: string;
  fileName: string;
  entry: unknown;
}

/** A draft of one field of one record, kept on this copy only until it is saved as one change. */
export interface DraftRecord {
  /** `${table}/${row}/${field}`. */
  id: string;
  table: string;
  row: string;
  field: string;
  value: string;
  /** When the draft was last saved locally. */
  savedAt: string;
}

export class QuorumDatabase extends Dexie {
  consortium!: Table<Consortium, string>;
  organisations!: Table<Organisation, string>;
  representatives!: Table<Representative, string>;
  applications!: Table<Application, string>;
  meetings!: Table<Meeting, string>;
  agendaItems!: Table<AgendaItem, string>;
  attendance!: Table<Attendance, string>;
  minutes!: Table<Minute, string>;
  /** From version 6: partners' comments on circulated minutes (docs/architecture.md, "Meetings: minutes, actions and search"). */
  minuteComments!: Table<MinuteComment, string>;
  actions!: Table<Action, string>;
  motions!: Table<Motion, string>;
  votes!: Table<Vote, string>;
  elections!: Table<Election, string>;
  funders!: Table<Funder, string>;
  funds!: Table<Fund, string>;
  projects!: Table<Project, string>;
  budgets!: Table<Budget, string>;
  /** From version 7: a project's budget lines, each with its profile by quarter (docs/architecture.md, "Claims"). */
  budgetLines!: Table<BudgetLine, string>;
  /** From version 7: a project's outputs, each with its targets by quarter. */
  outputs!: Table<Output, string>;
  partnerClaims!: Table<PartnerClaim, string>;
  funderClaims!: Table<FunderClaim, string>;
  partnerNodes!: Table<PartnerNode, string>;
  conflicts!: Table<Conflict, string>;
  changeLog!: Table<LogRun, [string, number]>;
  installation!: Table<InstallationRecord, string>;
  syncLedger!: Table<SyncLedgerRecord, string>;
  roleGrants!: Table<RoleGrant, string>;
  consultationAnswers!: Table<ConsultationAnswer, string>;
  /** Roles in the consortium with their terms: the register's record, giving no authority (docs/architecture.md, "The register"). */
  appointments!: Table<Appointment, string>;
  /** Files kept with a record, such as a letter of resignation; written once. */
  attachments!: Table<Attachment, string>;
  /** Changes refused on every copy, derived (shared/sync/merge.ts RefusalRow). Never synced: every copy derives them. */
  refusals!: Table<RefusalRow, string>;
  /** Changes to kinds or fields this version does not know, kept until an upgrade (merge.ts DeferredRow). */
  deferred!: Table<DeferredRow, string>;
  /** Long text being typed, saved locally without a change record (renderer/db/drafts.ts). */
  drafts!: Table<DraftRecord, string>;

  constructor(name: string = DEFAULT_DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    declareSchema(this);
  }
}
