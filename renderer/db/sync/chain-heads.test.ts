import { describe, expect, it } from 'vitest';
import { consortiaForTests, send } from './test-consortia';
import { chainHeads, headOf, HEADS_KEY, keptHeads, lastRunOf, originsInLog } from './chain-store';
import type { QuorumDatabase } from '../database';
import type { TestCopy } from './test-support';

const consortium = consortiaForTests();

/** Every head read from its last run, as chainHeads read them before imports kept them. */
async function headsFromRuns(db: QuorumDatabase) {
  const out = new Map<string, ReturnType<typeof headOf>>();
  for (const node of await originsInLog(db)) out.set(node, headOf(await lastRunOf(db, node)));
  return out;
}

/** A representative of the copy's own organisation: something every copy may write. */
async function addRepresentative(copy: TestCopy, name: string) {
  const organisationId = (await copy.db.installation.get('self'))!.organisationId;
  await copy.repos.representatives.create({ organisationId, name, kind: 'representative' });
}

/** The secretariat and a partner's copy, the partner having imported the secretariat's founding bundle. */
async function secretariatAndPartner(): Promise<[TestCopy, TestCopy]> {
  const c = await consortium([
    ['Bedford CVS', 'secretariat'],
    ['Voluntary Action Luton', 'partner'],
  ]);
  return c.copies as [TestCopy, TestCopy];
}

describe('chain heads kept by imports', () => {
  it('are the heads of the last runs, for other copies only, and follow every later import', async () => {
    const [secretariat, partner] = await secretariatAndPartner();
    // The partner imported the secretariat's founding bundle: it keeps the secretariat's head, never its own.
    const kept = await keptHeads(partner.db);
    expect(Object.keys(kept)).toEqual([secretariat.node]);
    expect(await chainHeads(partner.db)).toEqual(await headsFromRuns(partner.db));

    await addRepresentative(secretariat, 'Asha Patel');
    await addRepresentative(partner, 'Sam Taylor');
    await send(secretariat, partner);
    await send(partner, secretariat);
    for (const copy of [secretariat, partner]) {
      expect(await chainHeads(copy.db)).toEqual(await headsFromRuns(copy.db));
      expect(Object.keys(await keptHeads(copy.db))).not.toContain(copy.node);
    }
    expect((await keptHeads(partner.db))[secretariat.node]!.lastSeq).toBe((await headsFromRuns(partner.db)).get(secretariat.node)!.lastSeq);
  });

  it('are taken, without reading the run, while the log still ends with the run they name', async () => {
    const [secretariat, partner] = await secretariatAndPartner();
    const kept = await keptHeads(partner.db);
    const truth = kept[secretariat.node]!;
    // A kept head that names the last run's first seq is believed as it stands: here with a hash of its own, to show that it is the one read.
    await partner.db.table('installation').put({ key: HEADS_KEY, heads: { [secretariat.node]: { ...truth, hash: 'as kept' } } });
    expect((await chainHeads(partner.db)).get(secretariat.node)).toEqual({ lastSeq: truth.lastSeq, hash: 'as kept', lastHlc: truth.lastHlc });
  });

  it('are not taken when the log no longer ends where they say, nor for this copy', async () => {
    const [secretariat, partner] = await secretariatAndPartner();
    const truth = await headsFromRuns(partner.db);
    // A kept head that is wrong for the secretariat's last run (another first seq), and one for this copy's own chain.
    await partner.db.table('installation').put({
      key: HEADS_KEY,
      heads: {
        [secretariat.node]: { firstSeq: 999, lastSeq: 999, hash: 'not this', lastHlc: 'not this' },
        [partner.node]: { firstSeq: 1, lastSeq: 1, hash: 'not this', lastHlc: 'not this' },
      },
    });
    await addRepresentative(partner, 'Sam Taylor');
    const heads = await chainHeads(partner.db);
    expect(heads.get(secretariat.node)).toEqual(truth.get(secretariat.node));
    expect(heads.get(partner.node)).toEqual(headOf(await lastRunOf(partner.db, partner.node)));
    expect(heads.get(partner.node)!.hash).not.toBe('not this');
    // The next import puts right what it keeps.
    await addRepresentative(secretariat, 'Asha Patel');
    await send(secretariat, partner);
    const kept = await keptHeads(partner.db);
    expect(kept[secretariat.node]!.hash).toBe((await headsFromRuns(partner.db)).get(secretariat.node)!.hash);
    expect(await chainHeads(partner.db)).toEqual(await headsFromRuns(partner.db));
  });
});
