/**
 * Founding a consortium on this copy (set-up, or loading the example): in one
 * transaction this copy records itself as the founder and the consortium's id
 * (renderer/db/database.ts InstallationRecord), grants itself its office from
 * today — the first grant, which only the founder may make (shared/sync/roles.ts)
 * — and then writes the consortium's records, judged by that grant like any
 * other change (docs/architecture.md).
 */
import type { InstallationRole, Office } from '../../shared/domain/entities';
import { grantIdFor } from '../../shared/sync/roles';
import type { QuorumDatabase } from './database';
import { authorityTables } from './authority';
import { recordChanges, type WriteContext } from './writer';
import { londonToday } from './london-today';

export interface Founding {
  /** This copy's own organisation (it may not exist until `write` creates it). */
  organisationId: string;
  write: (consortiumId: string) => Promise<void>;
}

export async function foundConsortium(
  ctx: WriteContext,
  role: InstallationRole,
  prepare: () => Promise<Founding>,
  options: { today?: string; extraTables?: ReturnType<QuorumDatabase['table']>[] } = {},
): Promise<string> {
  const { db } = ctx;
  const synced = ['consortium', 'organisations', 'representatives', 'funders', 'funds', 'projects', 'meetings', 'budgets'].map((t) => db.table(t));
  return db.transaction('rw', [...synced, ...(options.extraTables ?? []), db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const founding = await prepare();
    const installation = await db.installation.get('self');
    if (!installation) throw new Error('This installation has not been set up');
    const consortiumId = crypto.randomUUID();
    await db.installation.update('self', { role, organisationId: founding.organisationId, founderNode: installation.nodeId, consortiumId });
    // Only the secretariat or the Accountable Body founds a consortium (set-up offers no other role).
    const office: Office = role === 'accountable-body' ? 'accountable-body' : 'secretariat';
    const from = options.today ?? londonToday();
    const grant = { office, node: installation.nodeId, organisationId: founding.organisationId, from, note: 'Set up the consortium in Quorum' };
    await recordChanges(ctx, [{ table: 'roleGrants', row: grantIdFor(grant), fields: grant }]);
    await founding.write(consortiumId);
    return consortiumId;
  });
}

/**
 * A store from before role grants (schema version 4 or earlier) whose copy
 * founded its consortium gets the founder's grant of the office it was set up
 * with, once, when it opens: without it the founder would hold no office and
 * every copy would refuse its changes. The founder's first grant has no start
 * (shared/sync/roles.ts), so what it wrote before is judged as written in office.
 */
export async function ensureFoundersGrant(ctx: WriteContext): Promise<boolean> {
  const { db } = ctx;
  const installation = await db.installation.get('self');
  if (!installation || !installation.founderNode || installation.founderNode !== installation.nodeId) return false;
  if (installation.role !== 'secretariat' && installation.role !== 'accountable-body') return false;
  if ((await db.roleGrants.count()) > 0) return false;
  const grant = { office: installation.role as Office, node: installation.nodeId, organisationId: installation.organisationId, from: londonToday(), note: 'Granted when this copy was updated to role grants' };
  await recordChanges(ctx, [{ table: 'roleGrants', row: grantIdFor(grant), fields: grant }]);
  return true;
}
