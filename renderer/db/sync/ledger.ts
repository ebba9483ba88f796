/**
 * This copy's own sync bookkeeping, never synced: the import history, the
 * bundles it has made, its own enrolments (the partners it trusts after
 * comparing fingerprints), and runs held back until a gap is filled.
 *
 * All of it lives in the local `syncLedger` table, one row per item, with its
 * kind indexed; ids are kind-prefixed ("import:", "export:", "enrolment:",
 * "held:") so a row's id alone says what it is. This file is the only code
 * that reads or writes the table.
 */
import type { QuorumDatabase, SyncLedgerRecord } from '../database';
import type { LocalEnrolment } from '../../../shared/sync/trust';
import type { SealedRun } from '../../../shared/sync/run-seal';
import type { ImportReport } from './import-report';

export interface ExportEntry {
  kind: 'export';
  bundleId: string;
  recipient: string | null;
  recipientName: string;
  createdAt: string;
  fileName: string;
  compressed: boolean;
  bytes: number;
  runs: number;
  changes: number;
}

export interface HeldRunEntry {
  kind: 'held';
  run: SealedRun;
  originName: string;
  /** The key the run's signature was checked with when it was held. */
  publicKey: string;
  reason: 'gap' | 'waiting';
  /** For a gap: the seqs missing before this run. */
  missing?: { from: number; to: number };
  /** For a wait: the origin whose changes this run builds on. */
  waitingFor?: string;
  heldAt: string;
  bundleId: string;
}

export interface EnrolmentEntry {
  kind: 'enrolment';
  enrolment: LocalEnrolment;
}

export type LedgerRow<R> = Omit<SyncLedgerRecord, 'entry'> & { entry: R };

const IMPORT = 'import:';
const EXPORT = 'export:';
const ENROLMENT = 'enrolment:';
const HELD = 'held:';

export function heldRunId(node: string, firstSeq: number): string {
  return `${HELD}${node}:${String(firstSeq).padStart(12, '0')}`;
}

async function ofKind<R>(db: QuorumDatabase, kind: SyncLedgerRecord['kind']): Promise<Array<LedgerRow<R>>> {
  return (await db.syncLedger.where('kind').equals(kind).toArray()) as Array<LedgerRow<R>>;
}

/** Every import, newest first. */
export async function readImports(db: QuorumDatabase): Promise<Array<LedgerRow<ImportReport>>> {
  const rows = await ofKind<ImportReport>(db, 'import');
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function importRow(report: ImportReport): LedgerRow<ImportReport> {
  return { id: `${IMPORT}${report.importedAt}:${report.bundleId}`, kind: 'import', at: report.importedAt, node: report.sender.node, fileName: report.fileName, entry: report };
}

/**
 * When a bundle with this id was imported before, or undefined. Every import
 * asks this twice (preview and apply), and each import row holds its whole
 * report (up to 500 records, conflicts and refusals), so the ids are read
 * first: importRow names each `import:<importedAt>:<bundleId>`, and only the
 * rows whose id ends with this bundle's id (and any named otherwise) are read.
 * A copy that has imported 200 bundles reads a few rows instead of all 200
 * reports (about 100 ms in Chromium).
 */
export async function importedBefore(db: QuorumDatabase, bundleId: string): Promise<string | undefined> {
  const ids = (await db.syncLedger.where('kind').equals('import').primaryKeys()) as string[];
  const candidates = ids.filter((id) => !id.startsWith(IMPORT) || id.endsWith(`:${bundleId}`));
  if (candidates.length === 0) return undefined;
  const rows = (await db.syncLedger.bulkGet(candidates)) as Array<LedgerRow<ImportReport> | undefined>;
  return rows.find((row) => row?.entry.bundleId === bundleId)?.at;
}

export async function readExports(db: QuorumDatabase): Promise<Array<LedgerRow<ExportEntry>>> {
  return ofKind<ExportEntry>(db, 'export');
}

export async function recordExport(db: QuorumDatabase, self: string, entry: ExportEntry): Promise<void> {
  await db.syncLedger.put({ id: `${EXPORT}${entry.bundleId}`, kind: 'export', at: entry.createdAt, node: self, fileName: entry.fileName, entry });
}

export async function readLocalEnrolments(db: QuorumDatabase): Promise<LocalEnrolment[]> {
  return (await ofKind<EnrolmentEntry>(db, 'enrolment')).map((row) => row.entry.enrolment);
}

export async function saveLocalEnrolment(db: QuorumDatabase, enrolment: LocalEnrolment): Promise<void> {
  const entry: EnrolmentEntry = { kind: 'enrolment', enrolment };
  await db.syncLedger.put({ id: `${ENROLMENT}${enrolment.node}`, kind: 'enrolment', at: enrolment.enrolledAt, node: enrolment.node, fileName: '', entry });
}

export async function readHeldRuns(db: QuorumDatabase): Promise<HeldRunEntry[]> {
  return (await ofKind<HeldRunEntry>(db, 'held')).map((row) => row.entry);
}

export function heldRow(entry: HeldRunEntry): LedgerRow<HeldRunEntry> {
  return { id: heldRunId(entry.run.node, entry.run.firstSeq), kind: 'held', at: entry.heldAt, node: entry.run.node, fileName: '', entry };
}

/**
 * What a partner has said it holds from each origin: the greatest seq in the
 * acknowledgements of every bundle imported from it.
 */
export function acknowledgementsFrom(imports: Array<LedgerRow<ImportReport>>, partner: string): Record<string, number> {
  const acknowledged: Record<string, number> = {};
  for (const row of imports) {
    if (row.entry.sender.node !== partner) continue;
    for (const [origin, seq] of Object.entries(row.entry.acknowledgements)) {
      acknowledged[origin] = Math.max(acknowledged[origin] ?? 0, seq);
    }
  }
  return acknowledged;
}
