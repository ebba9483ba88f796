/**
 * First run: give this installation a random node id and an Ed25519 key pair,
 * once. Later runs load them, and the clock carries on from where it stopped.
 */
import { generateNodeKeys } from '../../shared/sync/keys';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import type { InstallationRecord, QuorumDatabase } from './database';

export async function ensureInstallation(db: QuorumDatabase, now: () => Date = () => new Date()): Promise<InstallationRecord> {
  const existing = await db.installation.get('self');
  if (existing) return existing;
  const keys = await generateNodeKeys();
  const record: InstallationRecord = {
    key: 'self',
    nodeId: crypto.randomUUID(),
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    role: '',
    organisationId: '',
    nextSeq: 1,
    clock: { millis: 0, counter: 0 },
    createdAt: now().toISOString(),
  };
  // Two windows racing on first run must not make two identities: add fails if one exists.
  return db.transaction('rw', db.installation, async () => {
    const raced = await db.installation.get('self');
    if (raced) return raced;
    await db.installation.add(record);
    return record;
  });
}

export function clockFor(installation: InstallationRecord, now: () => number = Date.now): HybridLogicalClock {
  return new HybridLogicalClock(installation.nodeId, now, installation.clock);
}
