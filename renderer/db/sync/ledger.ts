/**
 * This copy's own sync bookkeeping, never synced: the import history, the
 * bundles it has made, its own enrolments (the partners it trusts after
 * comparing fingerprints), and runs held back until a gap is filled.
 *
 * All of it lives in the local `imports` table, one row per item, told apart by
 * the id's prefix ("import:", "export:", "enrolment:", "held:") and by
 * `report.kind`. The schema has no dedicated table yet; everything that reads or
 * writes these rows is in this file, so moving them to one is a change here only.
 */
import type { ImportRecord, QuorumDatabase } from '../database';
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

type LedgerRow<R> = Omit<ImportRecord, 'report'> & { report: R };

const IMPORT = 'import:';
const EXPORT = 'export:';
const ENROLMENT = 'enrolment:';
const HELD = 'held:';

export function heldRunId(node: string, firstSeq: number): string {
  return `${HELD}${node}:${String(firstSeq).padStart(12, '0')}`;
}

async function withPrefix<R>(db: QuorumDatabase, prefix: string): Promise<Array<LedgerRow<R>>> {
  return (await db.imports.where('id').startsWith(prefix).toArray()) as Array<LedgerRow<R>>;
}

export async function readImports(db: QuorumDatabase): Promise<Array<LedgerRow<ImportReport>>> {
  const rows = await withPrefix<ImportReport>(db, IMPORT);
  return rows.sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0));
}

export function importRow(report: ImportReport): LedgerRow<ImportReport> {
  return { id: `${IMPORT}${report.importedAt}:${report.bundleId}`, importedAt: report.importedAt, fromNode: report.sender.node, fileName: report.fileName, report };
}

/** When a bundle with this id was imported before, or undefined. */
export async function importedBefore(db: QuorumDatabase, bundleId: string): Promise<string | undefined> {
  const rows = await withPrefix<ImportReport>(db, IMPORT);
  return rows.find((row) => row.report.bundleId === bundleId)?.importedAt;
}

export async function readExports(db: QuorumDatabase): Promise<Array<LedgerRow<ExportEntry>>> {
  return withPrefix<ExportEntry>(db, EXPORT);
}

export async function recordExport(db: QuorumDatabase, self: string, entry: ExportEntry): Promise<void> {
  await db.imports.put({ id: `${EXPORT}${entry.bundleId}`, importedAt: entry.createdAt, fromNode: self, fileName: entry.fileName, report: entry });
}

export async function readLocalEnrolments(db: QuorumDatabase): Promise<LocalEnrolment[]> {
  return (await withPrefix<EnrolmentEntry>(db, ENROLMENT)).map((row) => row.report.enrolment);
}

export async function saveLocalEnrolment(db: QuorumDatabase, enrolment: LocalEnrolment): Promise<void> {
  const entry: EnrolmentEntry = { kind: 'enrolment', enrolment };
  await db.imports.put({ id: `${ENROLMENT}${enrolment.node}`, importedAt: enrolment.enrolledAt, fromNode: enrolment.node, fileName: '', report: entry });
}

export async function readHeldRuns(db: QuorumDatabase): Promise<HeldRunEntry[]> {
  return (await withPrefix<HeldRunEntry>(db, HELD)).map((row) => row.report);
}

export function heldRow(entry: HeldRunEntry): LedgerRow<HeldRunEntry> {
  return { id: heldRunId(entry.run.node, entry.run.firstSeq), importedAt: entry.heldAt, fromNode: entry.run.node, fileName: '', report: entry };
}

/**
 * What a partner has said it holds from each origin: the greatest seq in the
 * acknowledgements of every bundle imported from it.
 */
export function acknowledgementsFrom(imports: Array<LedgerRow<ImportReport>>, partner: string): Record<string, number> {
  const acknowledged: Record<string, number> = {};
  for (const row of imports) {
    if (row.report.sender.node !== partner) continue;
    for (const [origin, seq] of Object.entries(row.report.acknowledgements)) {
      acknowledged[origin] = Math.max(acknowledged[origin] ?? 0, seq);
    }
  }
  return acknowledged;
}
