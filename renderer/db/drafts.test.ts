import { afterEach, describe, expect, it } from 'vitest';
import { QuorumDatabase } from './database';
import { createRepositories } from './repositories';
import { commitDraft, discardDraft, draftToOffer, flushAllDrafts, listDrafts, readDraft, registerDraftFlusher, saveDraft, type DraftKey } from './drafts';
import { makeConsortium, type TestConsortium, type TestCopy } from './sync/test-support';
import { exportBundle, recordBundleSaved } from './sync/export-bundle';
import { applyBundle, previewBundle } from './sync/import-bundle';
import { changesTo } from './history';

const made: TestConsortium[] = [];
const reopened: QuorumDatabase[] = [];
afterEach(async () => {
  for (const db of reopened.splice(0)) db.close();
  for (const c of made.splice(0)) for (const copy of c.copies) await copy.db.delete();
});

async function send(from: TestCopy, to: TestCopy) {
  const exported = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: true });
  await recordBundleSaved(from.ctx, exported);
  return applyBundle(to.ctx, await previewBundle(to.ctx, exported.bytes, exported.suggestedName));
}

/** The secretariat's copy, with one meeting's minutes record to type into. */
async function secretariatWithMinutes() {
  const c = await makeConsortium([['Bedfordshire Secretariat', 'secretariat']], { exchange: send });
  made.push(c);
  const s = c.founder;
  const meeting = await s.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-03' });
  const minutes = await s.repos.minutes.create({ meetingId: meeting, agendaItemId: 'item-1', text: '' });
  const key: DraftKey = { table: 'minutes', row: minutes, field: 'text' };
  return { s, key, store: { db: s.db, repositories: s.repos } };
}

async function logEntries(db: QuorumDatabase): Promise<number> {
  let n = 0;
  await db.changeLog.each((run) => (n += run.entries.length));
  return n;
}

describe('drafts of long text', () => {
  it('keeps a draft without a change record, and without changing the record', async () => {
    const { s, key } = await secretariatWithMinutes();
    const before = await logEntries(s.db);
    const draft = await saveDraft(s.db, key, 'The chair welcomed members.', new Date('2026-12-03T14:05:00Z'));
    expect(draft).toMatchObject({ id: `minutes/${key.row}/text`, table: 'minutes', row: key.row, field: 'text', savedAt: '2026-12-03T14:05:00.000Z' });
    expect(await logEntries(s.db)).toBe(before);
    expect((await s.db.minutes.get(key.row))?.text).toBe('');
    expect((await readDraft(s.db, key))?.value).toBe('The chair welcomed members.');
  });

  it('commits a draft as exactly one change, through the repository, and removes the draft', async () => {
    const { s, key, store } = await secretariatWithMinutes();
    const before = await logEntries(s.db);
    await saveDraft(s.db, key, 'The chair welcomed members.');
    expect(await commitDraft(store, key)).toBe('The chair welcomed members.');
    expect(await logEntries(s.db)).toBe(before + 1);
    expect((await s.db.minutes.get(key.row))?.text).toBe('The chair welcomed members.');
    expect(await readDraft(s.db, key)).toBeUndefined();
    const [change] = await changesTo(s.db, 'minutes', key.row);
    expect(change!.changes).toEqual([{ field: 'text', value: 'The chair welcomed members.', previous: '', refused: false }]);
    // Nothing left to commit.
    expect(await commitDraft(store, key)).toBeUndefined();
    expect(await logEntries(s.db)).toBe(before + 1);
  });

  it('logs one change for a hundred saves and a commit, and one for commits repeated before a bundle leaves; the next after a bundle is another', async () => {
    const { s, key, store } = await secretariatWithMinutes();
    const before = await logEntries(s.db);
    let text = '';
    for (let i = 0; i < 100; i++) {
      text += `Word${i} `;
      await saveDraft(s.db, key, text);
    }
    await commitDraft(store, key);
    expect(await logEntries(s.db)).toBe(before + 1);
    // Committed again and again (every five minutes): the writer replaces the unsealed entry.
    for (let i = 0; i < 3; i++) {
      text += 'more ';
      await saveDraft(s.db, key, text);
      await commitDraft(store, key);
    }
    expect(await logEntries(s.db)).toBe(before + 1);
    expect((await s.db.minutes.get(key.row))?.text).toBe(text);
    // A bundle seals the log: the next commit is a change of its own.
    await exportBundle(s.ctx, { recipientNodeId: null, compressed: true });
    await commitDraft(store, key, `${text}end.`);
    expect(await logEntries(s.db)).toBe(before + 2);
  });

  it('offers a draft back after a crash: a new store instance on the same database finds it, newer than the stored text', async () => {
    const { s, key } = await secretariatWithMinutes();
    await saveDraft(s.db, key, 'Apologies were received from', new Date(Date.now() + 1000));
    // The window goes without committing; Quorum opens the store again.
    const after = new QuorumDatabase(s.db.name);
    reopened.push(after);
    const offer = await draftToOffer(after, key);
    expect(offer).toMatchObject({ newer: true, draft: { value: 'Apologies were received from' } });
    expect(offer!.storedAt).toBeDefined();
    expect((await listDrafts(after)).map((d) => d.id)).toEqual([`minutes/${key.row}/text`]);
    // Kept: committed through a repository on the new instance.
    const repositories = createRepositories({ db: after, clock: s.ctx.clock });
    await commitDraft({ db: after, repositories }, key);
    expect((await after.minutes.get(key.row))?.text).toBe('Apologies were received from');
    expect(await listDrafts(after)).toEqual([]);
  });

  it('discards a draft; discarding the draft that was offered keeps one saved since', async () => {
    const { s, key } = await secretariatWithMinutes();
    const offered = await saveDraft(s.db, key, 'first attempt', new Date('2026-12-03T14:05:00Z'));
    await discardDraft(s.db, key);
    expect(await readDraft(s.db, key)).toBeUndefined();
    expect(await draftToOffer(s.db, key)).toBeUndefined();

    await saveDraft(s.db, key, 'first attempt', new Date('2026-12-03T14:05:00Z'));
    await saveDraft(s.db, key, 'typed again since', new Date('2026-12-03T14:06:00Z'));
    await discardDraft(s.db, key, { savedAt: offered.savedAt });
    expect((await readDraft(s.db, key))?.value).toBe('typed again since');
  });

  it('quietly removes a draft equal to the stored text, and offers one older than the stored text as older', async () => {
    const { s, key, store } = await secretariatWithMinutes();
    await saveDraft(s.db, key, 'Same text');
    await commitDraft(store, key, 'Same text');
    await saveDraft(s.db, key, 'Same text');
    expect(await draftToOffer(s.db, key)).toBeUndefined();
    expect(await readDraft(s.db, key)).toBeUndefined();

    await saveDraft(s.db, key, 'An old draft', new Date('2020-01-01T00:00:00Z'));
    expect(await draftToOffer(s.db, key)).toMatchObject({ newer: false, draft: { value: 'An old draft' } });
  });

  it('leaves the draft when the commit is not valid, and logs nothing', async () => {
    const { s, key, store } = await secretariatWithMinutes();
    const before = await logEntries(s.db);
    const tooLong = 'x'.repeat(200_001);
    await saveDraft(s.db, key, tooLong);
    await expect(commitDraft(store, key)).rejects.toThrow('The notes must be 200,000 characters or fewer');
    expect((await readDraft(s.db, key))?.value).toBe(tooLong);
    expect(await logEntries(s.db)).toBe(before);
  });

  it('flushes every registered draft field, counting the ones that could not be committed, and forgets a field unregistered', async () => {
    const calls: string[] = [];
    const a = registerDraftFlusher(async () => void calls.push('a'));
    const b = registerDraftFlusher(async () => {
      calls.push('b');
      throw new Error('refused');
    });
    expect(await flushAllDrafts()).toBe(1);
    expect(calls.sort()).toEqual(['a', 'b']);
    a();
    b();
    expect(await flushAllDrafts()).toBe(0);
    expect(calls).toHaveLength(2);
  });
});
