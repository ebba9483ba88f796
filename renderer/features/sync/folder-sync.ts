/**
 * Sync through a shared folder (docs/bundle-format.md §12; docs/architecture.md,
 * "Sync through a shared folder"): at start and every few minutes while the app
 * is open, one pass reads the bundles partners left in the folder for this copy
 * and writes this copy's bundle for each enrolled partner, replacing the last.
 *
 * Reading goes through exactly the import a person makes on the Sync page: the
 * service's previewBundle and applyBundle (service.ts), with every check of
 * signature, chain, consortium, authority and hold-back. Only what a person
 * would have to decide is left for a person: a bundle from a sender not yet
 * enrolled waits on the Sync page, where "Compare fingerprints" opens it in the
 * usual import flow. A bundle already imported (recognised by its id) is passed
 * over without a word; a bundle of another consortium too. A file still being
 * written or downloaded by a cloud client (the folder says it is waiting, or it
 * stops part-way: truncated, not yet JSON) is left for the next pass and never
 * reported as damaged. A complete bundle that fails a check (an altered or
 * forged one) is refused, as it would be when opened by hand, and not read
 * again until the file changes.
 *
 * Writing: a bundle for a partner is written only when this copy holds
 * something the last one it wrote did not (a change, a change received, or a
 * bundle from that partner that moves what it has acknowledged), or when the
 * file is not in the folder.
 *
 * The folder's state is kept in this copy's installation table, under the key
 * `folderSync` (FolderSyncRow): the folder's name, when it was last read and
 * written, and the last problem, if any. Storage health in Settings reads it.
 */
import { folderBundleName, isAddressedTo, isWrittenBy, parseFolderBundleName, placeholderOf } from '../../../shared/sync/folder-layout';
import type { FolderWaiting, SharedFolderAccess } from '../../platform/shared-folder';
import type { QuorumDatabase } from '../../db/database';
import { chainHeads } from '../../db/sync/chain-store';
import { nowOf } from '../../db/sync/context';
import { installationOf, selfIdentity } from '../../db/sync/identity';
import { acknowledgementsFrom, readImports } from '../../db/sync/ledger';
import { refusalOutcome } from './bundle-refusal';
import { applyBundle, bundleSaved, exportBundle, listPartners, previewBundle, type BundleSenderIdentity, type ImportReport, type SyncContext } from './service';

/** The row of the installation table (key `folderSync`) that says which folder this copy syncs through and how it went. */
export interface FolderSyncRow {
  key: 'folderSync';
  folderName: string;
  /** When the folder was last read (ISO). */
  lastReadAt?: string;
  /** When a bundle was last written there (ISO). */
  lastWrittenAt?: string;
  /** The last pass's problem with the folder itself, in words; absent when the last pass went well. */
  lastError?: string;
  /** Minutes between passes while the app is open (default DEFAULT_EVERY_MINUTES). */
  everyMinutes?: number;
}

export const FOLDER_SYNC_KEY = 'folderSync';
export const DEFAULT_EVERY_MINUTES = 2;

function rows(db: QuorumDatabase) {
  return db.table<FolderSyncRow, string>('installation');
}

export async function readFolderSync(db: QuorumDatabase): Promise<FolderSyncRow | undefined> {
  return rows(db).get(FOLDER_SYNC_KEY);
}

export async function saveFolderChoice(db: QuorumDatabase, folderName: string): Promise<void> {
  const before = await readFolderSync(db);
  await rows(db).put({ key: FOLDER_SYNC_KEY, folderName, ...(before?.everyMinutes ? { everyMinutes: before.everyMinutes } : {}) });
}

export async function forgetFolderChoice(db: QuorumDatabase): Promise<void> {
  await rows(db).delete(FOLDER_SYNC_KEY);
}

export async function setEveryMinutes(db: QuorumDatabase, everyMinutes: number): Promise<void> {
  await rows(db).update(FOLDER_SYNC_KEY, { everyMinutes });
}

/** What one pass did, for the Sync page. */
export interface FolderPass {
  at: string;
  /** Set when the folder itself could not be used (gone, no permission, not chosen). */
  problem?: string;
  imported: ImportReport[];
  /** Files not ready yet: tried again next pass. */
  waiting: Array<{ name: string; reason: FolderWaiting }>;
  /** Complete bundles refused, as they would be if opened by hand. */
  refused: Array<{ name: string; message: string }>;
  /** Bundles from copies not enrolled here (or signed with another key): for a person to compare fingerprints. */
  unknownSenders: Array<{ name: string; sender: BundleSenderIdentity; reason: 'not-enrolled' | 'key-mismatch' }>;
  written: Array<{ name: string; recipient: string; changes: number }>;
  /** Bundles that could not be written, in words. */
  writeProblems: string[];
}

/** What a pass remembers for the next, while the app is open: files already dealt with, bundles already written. */
export class FolderMemory {
  /** name → `size|modified` of a file dealt with for good (imported, already imported, refused, another consortium). */
  readonly settled = new Map<string, string>();
  /** partner node → what this copy held when it last wrote that partner's bundle. */
  readonly written = new Map<string, string>();
  /** name → a bundle from a sender not enrolled, as found at `size|modified` with this copy's partners as they were (`partners`): not read again until either changes. */
  readonly unknown = new Map<string, { version: string; partners: string; found: FolderPass['unknownSenders'][number] }>();
}

/** Codes that mean the file stops part-way or is not yet what it will be: a cloud client still writing it. */
const NOT_YET_WHOLE = new Set(['truncated', 'damaged', 'not-json', 'not-gzip']);
/** Codes to try again next pass without a word. */
const TRY_AGAIN = new Set(['stale-preview', 'disk-full']);
/** Codes to pass over without a word, for as long as the file stays as it is. */
const SILENT = new Set(['already-imported', 'other-consortium']);

/** What this copy holds that a bundle for `partner` would reflect: its own log and clock, every origin's chain head, and what the partner has acknowledged. */
async function holdingFor(ctx: SyncContext, acknowledged: Record<string, number>): Promise<string> {
  const installation = await installationOf(ctx.db);
  const heads = [...(await chainHeads(ctx.db)).entries()].map(([node, head]) => [node, head.lastSeq, head.hash] as const).sort();
  return JSON.stringify({ seq: installation.nextSeq, clock: installation.clock, heads, acknowledged: Object.entries(acknowledged).sort() });
}

/** One pass over the folder: read what partners left for this copy, then write this copy's bundle for each of them. */
export async function folderPass(ctx: SyncContext, folder: SharedFolderAccess, memory: FolderMemory): Promise<FolderPass> {
  const { db } = ctx;
  const at = nowOf(ctx).toISOString();
  const pass: FolderPass = { at, imported: [], waiting: [], refused: [], unknownSenders: [], written: [], writeProblems: [] };
  const row = await readFolderSync(db);
  if (!row) return { ...pass, problem: 'No shared folder is chosen.' };

  const listing = await folder.list();
  if (listing.state !== 'ready') {
    const problem =
      listing.state === 'none'
        ? `Quorum has lost track of the shared folder “${row.folderName}”. Choose it again in Settings.`
        : listing.message;
    await rows(db).update(FOLDER_SYNC_KEY, { lastError: problem });
    return { ...pass, problem };
  }

  const installation = await installationOf(db);
  const self = installation.nodeId;
  const partners = await listPartners(ctx);
  const partnersNow = JSON.stringify(partners.map((p) => [p.node, p.trust, p.publicKey]).sort());

  // Reading first, so the bundles written below acknowledge what came in.
  for (const entry of listing.files) {
    // A cloud client's placeholder is addressed as the bundle it stands for.
    const bundleName = placeholderOf(entry.name) ?? entry.name;
    if (!isAddressedTo(bundleName, self) || isWrittenBy(bundleName, self)) continue;
    if (entry.waiting) {
      pass.waiting.push({ name: entry.name, reason: entry.waiting });
      continue;
    }
    const version = `${entry.size}|${entry.modifiedAt}`;
    if (memory.settled.get(entry.name) === version) continue;
    const known = memory.unknown.get(entry.name);
    if (known && known.version === version && known.partners === partnersNow) {
      pass.unknownSenders.push(known.found);
      continue;
    }
    let read;
    try {
      read = await folder.read(entry.name);
    } catch (error) {
      pass.refused.push({ name: entry.name, message: error instanceof Error ? error.message : String(error) });
      memory.settled.set(entry.name, version);
      continue;
    }
    if (read.state === 'waiting') {
      pass.waiting.push({ name: entry.name, reason: read.reason });
      continue;
    }
    try {
      const preview = await previewBundle(ctx, read.bytes, entry.name);
      pass.imported.push(await applyBundle(ctx, preview));
      memory.settled.set(entry.name, version);
    } catch (error) {
      const outcome = refusalOutcome(error);
      if (outcome.kind === 'unknown-sender') {
        const found = { name: entry.name, sender: outcome.sender, reason: outcome.reason };
        pass.unknownSenders.push(found);
        memory.unknown.set(entry.name, { version, partners: partnersNow, found });
      } else if (NOT_YET_WHOLE.has(outcome.code)) {
        pass.waiting.push({ name: entry.name, reason: 'partial' });
      } else if (SILENT.has(outcome.code)) {
        memory.settled.set(entry.name, version);
      } else if (!TRY_AGAIN.has(outcome.code)) {
        pass.refused.push({ name: entry.name, message: outcome.message });
        memory.settled.set(entry.name, version);
      }
    }
  }
  await rows(db).update(FOLDER_SYNC_KEY, { lastReadAt: nowOf(ctx).toISOString() });

  // Writing: one bundle per enrolled partner, replaced whenever this copy holds something new for it.
  const consortium = (await db.consortium.toArray()).find((c) => !c.deleted);
  const present = new Set(listing.files.map((f) => f.name));
  const selfName = (await selfIdentity(db, installation)).name;
  // The import ledger is read once a pass, not once a partner: it grows with every bundle that comes in.
  const imports = await readImports(db);
  // What came in may have enrolled more copies (the consortium's register).
  for (const partner of pass.imported.length > 0 ? await listPartners(ctx) : partners) {
    if (partner.trust !== 'trusted' || partner.node === self) continue;
    const acknowledged = acknowledgementsFrom(imports, partner.node);
    const name = folderBundleName({ consortiumName: consortium?.name ?? 'Quorum', senderName: selfName, senderNode: self, recipientName: partner.name, recipientNode: partner.node });
    if (parseFolderBundleName(name) === null) continue;
    const holding = await holdingFor(ctx, acknowledged);
    if (memory.written.get(partner.node) === holding && present.has(name)) continue;
    try {
      const exported = await exportBundle(ctx, { recipientNodeId: partner.node, compressed: true });
      await folder.write(name, exported.bytes);
      await bundleSaved(ctx, exported, name);
      // What this copy holds now: the export may have sealed its own runs.
      memory.written.set(partner.node, await holdingFor(ctx, acknowledged));
      pass.written.push({ name, recipient: partner.name, changes: exported.summary.changes });
    } catch (error) {
      pass.writeProblems.push(error instanceof Error ? error.message : String(error));
    }
  }
  const finished = nowOf(ctx).toISOString();
  const lastError = pass.writeProblems[0];
  await rows(db).update(FOLDER_SYNC_KEY, {
    ...(pass.written.length > 0 ? { lastWrittenAt: finished } : {}),
    // Dexie removes a member updated to undefined: a pass that went well clears the last problem.
    lastError: lastError ?? undefined,
  });
  return pass;
}
