import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_LEFT_OUT, readEverything, rescueFile } from './rescue-copy';
import { openStore } from '../../db/open';
import { SCHEMA_V1 } from '../../db/schema';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('the rescue copy and the signing key', () => {
  it('leaves out a private key an older Quorum stored as a string, keeping the rest of the row', async () => {
    const name = `rescue-key-${crypto.randomUUID()}`;
    names.push(name);
    const secret = 'MC4CAQAwBQYDK2VwBCIEIBase64OfAPrivateKeyThatMustNotLeak0000';
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    await old.table('installation').add({ key: 'self', nodeId: 'n1', publicKey: 'cHVibGlj', privateKey: secret, role: '', organisationId: '', nextSeq: 1, clock: { millis: 0, counter: 0 }, createdAt: '' });
    old.close();

    const copy = await readEverything(name);
    const file = new TextDecoder().decode(rescueFile(copy).bytes);
    expect(file).not.toContain(secret);
    expect(copy.stores.installation).toEqual({
      rows: [{ key: 'self', nodeId: 'n1', publicKey: 'cHVibGlj', privateKey: KEY_LEFT_OUT, role: '', organisationId: '', nextSeq: 1, clock: { millis: 0, counter: 0 }, createdAt: '' }],
    });
  });

  it('leaves out the CryptoKey of a current store', async () => {
    const name = `rescue-key-${crypto.randomUUID()}`;
    names.push(name);
    const opened = await openStore(name);
    if (opened.status !== 'ready') throw new Error('the store did not open');
    const { publicKey, nodeId } = opened.store.installation;
    opened.store.db.close();
    const copy = await readEverything(name);
    const rows = (copy.stores.installation as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nodeId, publicKey, privateKey: KEY_LEFT_OUT });
  });
});
