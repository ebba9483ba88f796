/**
 * For tests of sync only: copies of Quorum (one database each) and dumps of
 * their tables to compare. Not used by the app.
 */
import { organisationSchema } from '../../../shared/domain/entities';
import { QuorumDatabase } from '../database';
import { clockFor, ensureInstallation } from '../installation';
import { createRepositories } from '../repositories';
import type { InstallationRole } from '../../../shared/domain/entities';
import { SYNCED_TABLES, type FieldValue } from '../../../shared/sync/change';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import type { SyncContext } from './context';
import { enrolPartner, identityCard, type IdentityCard } from './partners';
import { foundConsortium } from '../founding';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';

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
  await db.organisations.put({ id: organisationId, ...organisationSchema.parse({ name, kind: 'cvs', status: 'member' }), _clocks: {} });
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

/**
 * A consortium of copies as the app makes one: the first copy founds it
 * (founding.ts: its own grant, then the consortium record), the others join
 * (they record its id and founder, as importing its first bundle does), each
 * is enrolled both ways, and each office asked for is granted by the founder
 * from `from`. Nothing has been exchanged yet: call `spread` to send the
 * founder's bundle to everyone.
 */
export interface TestConsortium {
  id: string;
  founder: TestCopy;
  copies: TestCopy[];
  /** The founder's bundle to every other copy, imported. */
  spread: () => Promise<void>;
}

export async function makeConsortium(
  members: Array<[name: string, role: InstallationRole]>,
  options: { from?: string; exchange: (from: TestCopy, to: TestCopy) => Promise<unknown> },
): Promise<TestConsortium> {
  const from = options.from ?? '2026-04-01';
  const [first, ...rest] = members;
  if (!first || (first[1] !== 'secretariat' && first[1] !== 'accountable-body')) throw new Error('The first member founds the consortium: the secretariat or the Accountable Body');
  const founder = await makeCopy(first[0], first[1]);
  const founderOrg = (await founder.db.installation.get('self'))!.organisationId;
  const id = await foundConsortium(founder.ctx, first[1], async () => ({
    organisationId: founderOrg,
    write: async (consortiumId) => {
      await founder.repos.consortium.create(
        { name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION },
        consortiumId,
      );
    },
  }), { today: from });
  const copies: TestCopy[] = [founder];
  for (const [name, role] of rest) {
    const copy = await makeCopy(name, role);
    await copy.db.installation.update('self', { consortiumId: id, founderNode: founder.node });
    await enrol(founder, copy);
    await enrol(copy, founder);
    if (role !== 'partner') {
      const organisationId = (await copy.db.installation.get('self'))!.organisationId;
      await founder.repos.roleGrants.create({ office: role, node: copy.node, organisationId, from });
    }
    copies.push(copy);
  }
  // Every copy enrols every other copy's key through the founder's register: nothing more to do here.
  return {
    id,
    founder,
    copies,
    spread: async () => {
      for (const copy of copies.slice(1)) await options.exchange(founder, copy);
    },
  };
}

/**
 * Appends changes to a copy's log without judging them or writing its rows:
 * what an altered or older Quorum could send. The copies receiving them must
 * judge them as they judge everything (authority.ts).
 */
export async function writeUnchecked(copy: TestCopy, writes: Array<{ table: string; row: string; fields: Record<string, FieldValue> }>): Promise<void> {
  const { db, ctx } = copy;
  await db.transaction('rw', [db.changeLog, db.installation], async () => {
    const installation = (await db.installation.get('self'))!;
    let seq = installation.nextSeq;
    const entries = writes.map((w) => ({ seq: seq++, hlc: ctx.clock.tick(), table: w.table, row: w.row, fields: w.fields }));
    await db.changeLog.add({ node: installation.nodeId, firstSeq: entries[0]!.seq, lastSeq: seq - 1, entries });
    await db.installation.update('self', { nextSeq: seq, clock: ctx.clock.snapshot() });
  });
}

/**
 * One copy that has founded Bedfordshire & Luton on its own, as set-up does
 * (founding.ts): its grant of `role`'s office from `from` (default: the day its
 * clock reads), then the consortium record. For tests of one store whose clock
 * the test moves (`now`).
 */
export async function makeFoundedCopy(
  name: string,
  role: 'secretariat' | 'accountable-body',
  options: { now?: () => number; from?: string } = {},
): Promise<TestCopy & { consortiumId: string }> {
  const copy = await makeCopy(name, role, options.now ? { now: options.now } : {});
  const organisationId = (await copy.db.installation.get('self'))!.organisationId;
  const from = options.from ?? new Date(options.now ? options.now() : Date.now()).toISOString().slice(0, 10);
  const consortiumId = await foundConsortium(
    copy.ctx,
    role,
    async () => ({
      organisationId,
      write: async (id) => {
        await copy.repos.consortium.create(
          { name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION },
          id,
        );
      },
    }),
    { today: from },
  );
  return Object.assign(copy, { consortiumId });
}
