import { afterEach, describe, expect, it } from 'vitest';
import { QuorumDatabase } from '../database';
import type { ImportReport } from './import-report';
import { importedBefore, importRow, recordExport } from './ledger';

const dbs: QuorumDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function report(bundleId: string, importedAt: string): ImportReport {
  return {
    kind: 'import',
    bundleId,
    fileName: 'bundle.quorum',
    sender: { node: 'node-a', name: 'Bedford CVS', role: 'partner', fingerprint: '' },
    createdAt: importedAt,
    importedAt,
    acknowledgements: {},
    applied: { runs: 1, changes: 1, byTable: {} },
    alreadyHad: 0,
    records: [],
    recordCount: 0,
    conflicts: [],
    conflictCount: 0,
    refused: [],
    refusedCount: 0,
    heldBack: [],
    released: 0,
    setAside: [],
    warnings: [],
  };
}

describe('importedBefore', () => {
  it('finds when a bundle was imported, by its id alone, among many imports and other ledger rows', async () => {
    const db = new QuorumDatabase(`ledger-${crypto.randomUUID()}`);
    dbs.push(db);
    const rows = Array.from({ length: 30 }, (_, i) => importRow(report(`bundle-${i}`, new Date(Date.UTC(2026, 0, 1, i)).toISOString())));
    await db.syncLedger.bulkPut(rows);
    // An export of the same bundle id is not an import.
    await recordExport(db, 'self', { kind: 'export', bundleId: 'exported', recipient: null, recipientName: 'everyone', createdAt: '2026-02-01T00:00:00.000Z', fileName: 'x.quorum', compressed: true, bytes: 1, runs: 1, changes: 1 });
    expect(await importedBefore(db, 'bundle-7')).toBe('2026-01-01T07:00:00.000Z');
    expect(await importedBefore(db, 'bundle-1')).toBe('2026-01-01T01:00:00.000Z');
    expect(await importedBefore(db, 'exported')).toBeUndefined();
    expect(await importedBefore(db, 'never')).toBeUndefined();
    // Only a whole bundle id after the colon counts: the end of another bundle id is not a match.
    expect(await importedBefore(db, 'undle-1')).toBeUndefined();
  });

  it('finds an import row whose id is not of the usual form (kept as it was by the version 3 migration)', async () => {
    const db = new QuorumDatabase(`ledger-${crypto.randomUUID()}`);
    dbs.push(db);
    await db.syncLedger.put({ ...importRow(report('old-bundle', '2025-06-01T09:00:00.000Z')), id: 'legacy-row' });
    expect(await importedBefore(db, 'old-bundle')).toBe('2025-06-01T09:00:00.000Z');
  });
});
