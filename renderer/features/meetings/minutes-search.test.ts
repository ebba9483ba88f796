/**
 * Search across minutes and actions (minutes-search.ts): words found from their
 * start as they are typed, every word of the query needed, the match shown in
 * its context with the matching words marked, and the index kept in step with
 * the store by adding, replacing and removing only what changed.
 */
import { describe, expect, it } from 'vitest';
import { excerpt, MinutesSearch, searchDocuments, type SearchDocument } from './minutes-search';

const minute = (id: string, text: string, decisions = '') => ({ id, meetingId: 'm1', agendaItemId: `item-${id}`, text, decisions, deleted: false });
const action = (id: string, text: string) => ({ id, meetingId: 'm1', action: text, progress: '', expectedOutcome: '', deleted: false });
const docs = (minutes: ReturnType<typeof minute>[], actions: ReturnType<typeof action>[] = []) => searchDocuments(minutes, actions, (id) => `Title of ${id}`);
const marked = (parts: { text: string; match: boolean }[]) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('search across minutes and actions', () => {
  it('finds words from their start as they are typed, needing every word, in notes, decisions and actions', async () => {
    const search = new MinutesSearch();
    await search.update(docs([minute('a', 'The Accountable Body reported on the volunteering grant.', 'Agreed to renew the grant'), minute('b', 'Luton raised the transport scheme.')], [action('x', 'Write to the funder about the grant')]));
    expect(search.search('gra').map((h) => h.document.id).sort()).toEqual(['action:x', 'decisions:a', 'notes:a']);
    expect(search.search('grant funder').map((h) => h.document.id)).toEqual(['action:x']);
    expect(search.search('transport').map((h) => h.document.kind)).toEqual(['notes']);
    expect(search.search('   ')).toEqual([]);
    // One letter is a whole word, not the start of every word beginning with it.
    expect(search.search('t')).toEqual([]);
    expect(search.search('nothing-like-it')).toEqual([]);
  });

  it('shows the words around the first match, each matching word marked', () => {
    const text = `${'Earlier business was taken in order. '.repeat(4)}The meeting agreed the volunteering grant should be renewed, and the grant letter sent by Friday. ${'Later business followed. '.repeat(4)}`;
    const parts = excerpt(text, ['grant']);
    const shown = marked(parts);
    expect(shown).toMatch(/^… .*volunteering \[grant\] should be renewed, and the \[grant\] letter sent .* …$/);
    expect(shown.length).toBeLessThan(text.length);
    // A word matches when it starts with what is typed.
    expect(marked(excerpt('Volunteers and volunteering', ['volunteer']))).toBe('[Volunteers] and [volunteering]');
  });

  it('adds, replaces and removes only what changed as the store changes', async () => {
    const search = new MinutesSearch();
    const first = docs([minute('a', 'Budget discussed'), minute('b', 'Transport scheme')], [action('x', 'Send the budget')]);
    expect(await search.update(first)).toBe(3);
    expect(await search.update(first)).toBe(0);
    const edited = docs([minute('a', 'Budget discussed and agreed'), minute('b', 'Transport scheme')], [action('x', 'Send the budget')]);
    expect(await search.update(edited)).toBe(1);
    expect(search.search('agreed').map((h) => h.document.id)).toEqual(['notes:a']);
    const removed: SearchDocument[] = edited.filter((d) => d.id !== 'action:x');
    expect(await search.update(removed)).toBe(1);
    expect(search.size).toBe(2);
    expect(search.search('send')).toEqual([]);
    expect(search.search('budget').map((h) => h.document.id)).toEqual(['notes:a']);
    // A removed record (deleted) leaves the index too.
    expect(await search.update(docs([{ ...minute('a', 'Budget discussed and agreed'), deleted: true }, minute('b', 'Transport scheme')]))).toBe(1);
    expect(search.search('budget')).toEqual([]);
  });

  it('builds a large index in chunks, finding the same', async () => {
    const search = new MinutesSearch();
    const many = docs(Array.from({ length: 1000 }, (_, i) => minute(`m${i}`, `Item ${i} about the ${i % 2 ? 'transport' : 'volunteering'} grant`)));
    expect(await search.update(many)).toBe(1000);
    expect(search.size).toBe(1000);
    expect(search.search('transport grant', 2000)).toHaveLength(500);
  });
});
