/**
 * Making a bundle for a partner (or for anyone).
 *
 * This copy's own new changes are settled and sealed first (seal-local-runs.ts).
 * Then, for every origin in the log (this copy and every copy it has heard
 * from), the sealed runs after what the recipient has acknowledged, that is the
 * greatest seq per origin in the acknowledgements of bundles imported from it,
 * or all of them for a recipient of null ("everything", for a new partner).
 * Runs are sent exactly as their origin signed them, so the recipient checks
 * each origin's signature itself: forwarding cannot forge.
 *
 * The header says what this copy holds from each origin (its acknowledgements),
 * and lists every run it carries; the sender signs the header. The JSON is
 * written with JSON.stringify (runs are already in canonical key order, so
 * the recipient's hashing takes its fast path) and gzip-compressed for `.quorum`.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, BUNDLE_EXTENSION, READABLE_BUNDLE_EXTENSION, contentsOf, type Bundle, type BundleHeader, type BundleOrigin } from '../../../shared/sync/bundle-format';
import { encodeBundleText } from '../../../shared/sync/bundle-codec';
import { digestOf, isSealed, KeyRing, type SealedRun } from '../../../shared/sync/run-seal';
import { chainHeads, runsFrom, unsealedLocalRuns } from './chain-store';
import { nowOf, yieldToEventLoop, type SyncContext } from './context';
import { consortiumIdOf, installationOf, trustOf } from './identity';
import { acknowledgementsFrom, readImports, recordExport } from './ledger';
import { sealLocalRuns } from './seal-local-runs';
import type { ProgressListener } from './import-plan';

export interface ExportOptions {
  /** The partner it is for, or null for everything (a new partner, or anyone). */
  recipientNodeId: string | null;
  /** true: a .quorum file (gzip); false: a readable .quorum.json. */
  compressed: boolean;
  onProgress?: ProgressListener;
}

export interface ExportSummary {
  bundleId: string;
  recipient: { node: string | null; name: string };
  createdAt: string;
  runs: number;
  changes: number;
  origins: Array<{ node: string; name: string; firstSeq: number; lastSeq: number; changes: number }>;
  /** Changes sealed by this export (this copy's own since the last bundle). */
  sealedNow: number;
  compressed: boolean;
  bytes: number;
}

export interface ExportedBundle {
  bytes: Uint8Array;
  suggestedName: string;
  summary: ExportSummary;
}

/**
 * Notes that a bundle went to its recipient, for the partners table's "Sent"
 * column: called once the file is saved, so a cancelled or failed save leaves
 * no trace of a bundle that never left.
 */
export async function recordBundleSaved(ctx: SyncContext, exported: ExportedBundle, savedAs: string = exported.suggestedName): Promise<void> {
  const { summary } = exported;
  const self = (await installationOf(ctx.db)).nodeId;
  await recordExport(ctx.db, self, {
    kind: 'export',
    bundleId: summary.bundleId,
    recipient: summary.recipient.node,
    recipientName: summary.recipient.name,
    createdAt: summary.createdAt,
    fileName: savedAs,
    compressed: summary.compressed,
    bytes: summary.bytes,
    runs: summary.runs,
    changes: summary.changes,
  });
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'copy'
  );
}

/** The date in Europe/London, as YYYY-MM-DD. */
export function londonDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export async function exportBundle(ctx: SyncContext, options: ExportOptions): Promise<ExportedBundle> {
  const { db } = ctx;
  const { recipientNodeId, compressed, onProgress } = options;
  const keys = new KeyRing();
  const installation = await installationOf(db);
  const { list: trust, self } = await trustOf(db, installation);
  onProgress?.({ stage: 'reading', done: 0, total: 1 });

  const sealedNow = await sealLocalRuns(db, self.node, installation.privateKey, keys);
  const ownHead = sealedNow.length > 0 ? sealedNow[sealedNow.length - 1]!.lastSeq : ((await unsealedLocalRuns(db, self.node)).lastSealed?.lastSeq ?? 0);
  const heads = await chainHeads(db);
  const acknowledged = recipientNodeId === null ? {} : acknowledgementsFrom(await readImports(db), recipientNodeId);

  const acknowledgements: Record<string, number> = {};
  const origins: BundleOrigin[] = [];
  const nodes = [...heads.keys()].sort((a, b) => (a === self.node ? -1 : b === self.node ? 1 : a < b ? -1 : 1));
  for (const node of nodes) {
    const copy = trust.get(node);
    const held = node === self.node ? ownHead : heads.get(node)!.lastSeq;
    if (held > 0) acknowledgements[node] = held;
    // A copy this one no longer knows cannot be vouched for with a key: leave its changes out.
    if (!copy) continue;
    const from = (acknowledged[node] ?? 0) + 1;
    const runs: SealedRun[] = [];
    // This copy's runs sealed just now are in hand: read only the older ones.
    const stored = node === self.node && sealedNow.length > 0 ? await runsFrom(db, node, from, sealedNow[0]!.firstSeq) : await runsFrom(db, node, from);
    for (const run of stored) {
      if (!isSealed(run) || run.lastSeq > held) break;
      runs.push(run);
    }
    if (node === self.node) runs.push(...sealedNow.filter((run) => run.firstSeq >= from));
    if (runs.length === 0) continue;
    origins.push({ node, name: copy.name, role: copy.role, publicKey: copy.publicKey, runs });
  }
  onProgress?.({ stage: 'reading', done: 1, total: 1 });
  await yieldToEventLoop();

  const createdAt = nowOf(ctx).toISOString();
  const recipientName = recipientNodeId === null ? 'everyone' : trust.get(recipientNodeId)?.name || 'partner';
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    bundleId: crypto.randomUUID(),
    consortiumId: await consortiumIdOf(db),
    sender: { node: self.node, name: self.name, role: self.role === '' ? 'partner' : self.role, publicKey: self.publicKey },
    recipient: recipientNodeId,
    createdAt,
    acknowledgements,
    contents: contentsOf(origins),
  };
  const signature = await keys.sign(installation.privateKey, await digestOf(header, keys.crypto));
  const bundle: Bundle = { header, signature, origins };
  onProgress?.({ stage: 'writing', done: 0, total: 1 });
  const bytes = await encodeBundleText(JSON.stringify(bundle), compressed);
  const suggestedName = `quorum-${slug(self.name)}-to-${slug(recipientName)}-${londonDate(new Date(createdAt))}${compressed ? BUNDLE_EXTENSION : READABLE_BUNDLE_EXTENSION}`;

  const summary: ExportSummary = {
    bundleId: header.bundleId,
    recipient: { node: recipientNodeId, name: recipientName },
    createdAt,
    runs: header.contents.length,
    changes: origins.reduce((sum, o) => sum + o.runs.reduce((s, r) => s + r.entries.length, 0), 0),
    origins: origins.map((o) => ({
      node: o.node,
      name: o.name,
      firstSeq: o.runs[0]!.firstSeq,
      lastSeq: o.runs[o.runs.length - 1]!.lastSeq,
      changes: o.runs.reduce((s, r) => s + r.entries.length, 0),
    })),
    sealedNow: sealedNow.reduce((sum, run) => sum + run.entries.length, 0),
    compressed,
    bytes: bytes.byteLength,
  };
  onProgress?.({ stage: 'writing', done: 1, total: 1 });
  return { bytes, suggestedName, summary };
}
