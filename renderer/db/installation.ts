/**
 * First run: give this installation a random node id and an Ed25519 key pair,
 * once. Later runs load them, and the clock carries on from where it stopped.
 * The private key is a non-extractable CryptoKey kept in the row itself; a row
 * from an older Quorum that still holds it as a base64 string is rewritten here,
 * once, when the store is opened.
 */
import { generateNodeKeys, importLegacyPrivateKey } from '../../shared/sync/keys';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import type { InstallationRecord, LegacyInstallationRecord, QuorumDatabase } from './database';

export async function ensureInstallation(db: QuorumDatabase, now: () => Date = () => new Date()): Promise<InstallationRecord> {
  const existing = (await db.installation.get('self')) as InstallationRecord | LegacyInstallationRecord | undefined;
  if (existing) return isLegacy(existing) ? migrateLegacyKey(db, existing) : existing;
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

function isLegacy(row: InstallationRecord | LegacyInstallationRecord): row is LegacyInstallationRecord {
  return typeof row.privateKey === 'string';
}

/**
 * Replaces a base64 PKCS#8 private key, which anything reading the store could
 * copy, with the same key imported as a non-extractable CryptoKey. The key pair
 * does not change, so neither do the public key and node id, and runs signed
 * before and after verify with the same public key. This cannot be a Dexie
 * upgrade step: awaiting WebCrypto inside the upgrade transaction would let it
 * commit. So the key is imported first, then written in a transaction of its own
 * that checks the row still holds the string it was imported from (another
 * window opening the same store may have migrated it meanwhile).
 */
export async function migrateLegacyKey(db: QuorumDatabase, legacy: LegacyInstallationRecord): Promise<InstallationRecord> {
  const privateKey = await importLegacyPrivateKey(legacy.privateKey);
  const migrated = await db.transaction('rw', db.installation, async () => {
    const current = (await db.installation.get('self')) as InstallationRecord | LegacyInstallationRecord | undefined;
    if (!current || !isLegacy(current)) return current;
    if (current.privateKey !== legacy.privateKey) return undefined;
    await db.installation.update('self', { privateKey });
    return { ...current, privateKey };
  });
  if (migrated) return migrated;
  // The row changed under us (it cannot in Quorum as it is): start again from what is stored now.
  return ensureInstallation(db);
}

export function clockFor(installation: InstallationRecord, now: () => number = Date.now): HybridLogicalClock {
  return new HybridLogicalClock(installation.nodeId, now, installation.clock);
}
