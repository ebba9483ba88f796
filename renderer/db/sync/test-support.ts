/**
 * For tests of sync only: copies of Quorum (one database each) and dumps of
 * their tables to compare. Not used by the app.
 */
import { QuorumDatabase } from '../database';
import { clockFor, ensureInstallation } from '../installation';
import { createRepositories } from '../repositories';
import type { InstallationRole } from '../../../shared/domain/entities';
import { SYNCED_TABLES } from '../../../shared/sync/change';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import type { SyncContext } from './context';
import { enrolPartner, identityCard, type IdentityCard } from './partners';

export interface TestCopy {
  db: QuorumDatabase;
  ctx: SyncContext;
  node: string;
  name: string;
  role: InstallationRole;
  repos: ReturnType<typeof createRepositories>;
  card: () => Promise<IdentityCard>;
  privateKey: CryptoKey;
  publicKey: string;
}

/** A new copy with its own database, role and organisation name. */
export async function makeCopy(name: string, role: InstallationRole, options: { now?: () => number } = {}): Promise<TestCopy> {
  const db = new QuorumDatabase(`sync-test-${name}-${crypto.randomUUID()}`);
  const installation = await ensureInstallation(db);
  const organisationId = `org-${installation.nodeId}`;
  await db.installation.update('self', { role, organisationId });
  const clock = clockFor({ ...installation, role }, options.now);
  const ctx: SyncContext = { db, clock, ...(options.now ? { now: () => new Date(options.now!()) } : {}) };
  // The copy's own organisation, so bundles carry its name; written directly so it stays local to the test.
  await db.organisations.put({ id: organisationId, name, kind: 'cvs', status: 'member', joinedOn: '', resignedOn: '', address: '', email: '', phone: '', website: '', servicesProvided: [], _clocks: {} });
  return {
    db,
    ctx,
    node: installation.nodeId,
    name,
    role,
    repos: createRepositories(ctx),
    card: () => identityCard(ctx),
    privateKey: installation.privateKey,
    publicKey: installation.publicKey,
  };
}

/**
 * Runs `edit` on `copy` as if its own role setting said `role`: how a change its
 * enrolled role has no authority for reaches a bundle (a copy whose role was set
 * wrongly in Settings, or an older or altered Quorum). Its own writer would refuse
 * it otherwise; the copies receiving it must refuse it on import.
 */
export async function actingAs<T>(copy: TestCopy, role: InstallationRole, edit: () => Promise<T>): Promise<T> {
  await copy.db.installation.update('self', { role });
  try {
    return await edit();
  } finally {
    await copy.db.installation.update('self', { role: copy.role });
  }
}

/** `a` enrols `b` (as a person would after comparing fingerprints). */
export async function enrol(a: TestCopy, b: TestCopy): Promise<void> {
  await enrolPartner(a.ctx, await b.card());
}

/** Every table, every row, in key order, as canonical JSON: equal strings mean byte-for-byte equal contents. */
export async function dumpAllTables(db: QuorumDatabase): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const table of db.tables) {
    const keys = await table.toCollection().primaryKeys();
    const rows = await table.bulkGet(keys as never[]);
    out[table.name] = keys.map((key, i) => [key, rows[i]]);
  }
  return canonicalJson(out);
}

/** The synced tables only (what every copy should agree on), minus this copy's own organisation row made by makeCopy. */
export async function dumpSyncedTables(
  db: QuorumDatabase,
  exclude: (table: string, row: Record<string, unknown>) => boolean = (table, row) => table === 'organisations' && String(row.id).startsWith('org-'),
): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const name of SYNCED_TABLES) {
    const rows = (await db.table(name).toArray()) as Array<Record<string, unknown>>;
    out[name] = rows.filter((row) => !exclude(name, row)).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  }
  return canonicalJson(out);
}
