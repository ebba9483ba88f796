import { describe, expect, it } from 'vitest';
import {
  countOf,
  dateWords,
  fieldWords,
  fingerprintGroups,
  momentWords,
  nodeWords,
  plural,
  progressWords,
  receiptWords,
  refusedDropWords,
  tableLines,
  thirdCopyReceiptWords,
  valueWords,
  writtenBy,
} from './sync-words';

describe('the Sync screen’s words', () => {
  it('counts records as a secretariat would say them', () => {
    expect(countOf('organisations', 3)).toBe('3 organisations');
    expect(countOf('organisations', 1)).toBe('1 organisation');
    expect(countOf('partnerClaims', 2)).toBe('2 claims from partners');
    expect(countOf('somethingNewer', 2)).toBe('2 records');
  });

  it('lists what an import changes per kind of record, with new and changed apart, and overtaken changes said plainly', () => {
    const lines = tableLines({
      projects: { created: 12, updated: 0, outdated: 0 },
      organisations: { created: 1, updated: 2, outdated: 0 },
      meetings: { created: 0, updated: 0, outdated: 1 },
      funds: { created: 0, updated: 0, outdated: 0 },
    });
    expect(lines.map((l) => `${l.headline} (${l.detail})`)).toEqual([
      '3 organisations (1 new, 2 changed)',
      'Meetings (1 change already overtaken by a later edit here)',
      '12 projects (12 new)',
    ]);
  });

  it('turns field names into words', () => {
    expect(fieldWords('name')).toBe('name');
    expect(fieldWords('accountableBodyId')).toBe('accountable body');
    expect(fieldWords('joinedOn')).toBe('joined on');
    expect(fieldWords('deleted')).toBe('removed');
  });

  it('writes moments in Europe/London as people in England do, in summer time too', () => {
    expect(momentWords('2026-11-22T10:05:00Z')).toBe('22 November 2026 at 10:05');
    expect(momentWords('2026-06-02T23:30:00Z')).toBe('3 June 2026 at 00:30');
    expect(dateWords('2026-06-02T23:30:00Z')).toBe('3 June 2026');
    expect(momentWords('')).toBe('');
    expect(momentWords('not a date')).toBe('');
  });

  it('says values as they would be read out', () => {
    expect(valueWords('Volunteer Centre Bedford')).toBe('“Volunteer Centre Bedford”');
    expect(valueWords('')).toBe('(empty)');
    expect(valueWords(null)).toBe('(empty)');
    expect(valueWords(true)).toBe('yes');
    expect(valueWords(1250)).toBe('1250');
    expect(valueWords(['a', 'b'])).toBe('“a”, “b”');
  });

  it('splits a fingerprint into its groups for reading aloud', () => {
    expect(fingerprintGroups('50649 92030 63533 60683 36618 00377')).toEqual(['50649', '92030', '63533', '60683', '36618', '00377']);
  });

  it('names who wrote a value and when from its clock stamp, calling this copy “this copy”', () => {
    const names = new Map([['node-luton', 'Voluntary Action Luton']]);
    expect(writtenBy('2026-11-22T10:05:00.000Z-0000-node-luton', 'node-self', names)).toBe('Voluntary Action Luton, 22 November 2026 at 10:05');
    expect(writtenBy('2026-11-22T10:05:00.000Z-0001-node-self', 'node-self', names)).toBe('this copy, 22 November 2026 at 10:05');
    expect(nodeWords('0123456789abcdef', 'node-self', names)).toBe('copy 01234567');
    expect(writtenBy('garbage', 'node-self', names)).toBe('unknown');
  });

  it('describes a long import’s progress with its stage and numbers', () => {
    expect(progressWords({ stage: 'checking', done: 40, total: 1200 })).toBe('Checking every signature: 40 of 1,200');
    expect(progressWords({ stage: 'reading', done: 0, total: 1 })).toBe('Reading the file…');
  });

  it('counts large numbers with a thousands separator', () => {
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(12500, 'change')).toBe('12,500 changes');
  });
});

describe('what a partner has received, in a secretariat’s words', () => {
  const luton = { partnerName: 'Voluntary Action Luton' };

  it('places what they have by when the changes were made, never by their numbers', () => {
    const words = receiptWords({ ...luton, confirmed: 29, waiting: 2, confirmedUpTo: '2026-12-03T14:05:00Z', latestChange: '2026-12-04T09:00:00Z' });
    expect(words).toBe('Voluntary Action Luton has every change made on this copy up to 3 December 2026 at 14:05; 2 changes made since then have not reached them yet.');
    expect(words).not.toMatch(/\bno\.|\b29\b/);
    expect(receiptWords({ ...luton, confirmed: 29, waiting: 1, confirmedUpTo: '2026-12-03T14:05:00Z' })).toMatch(/; 1 change made since then has not reached them yet\.$/);
  });

  it('says when they have everything', () => {
    expect(receiptWords({ ...luton, confirmed: 29, waiting: 0 })).toBe('Voluntary Action Luton has every change made on this copy.');
  });

  it('says when they have none of this copy’s changes yet', () => {
    expect(receiptWords({ ...luton, confirmed: 0, waiting: 3 })).toBe('None of this copy’s changes have reached Voluntary Action Luton yet (3 changes).');
  });

  it('says the changes went in a bundle saved for them after the latest change, not yet confirmed, so there is nothing more to send', () => {
    const sent = { latestChange: '2026-12-04T09:00:00Z', lastSent: '2026-12-04T09:30:00Z' };
    expect(receiptWords({ ...luton, confirmed: 29, waiting: 2, confirmedUpTo: '2026-12-03T14:05:00Z', ...sent })).toBe(
      'Voluntary Action Luton has every change made on this copy up to 3 December 2026 at 14:05; 2 changes made since then went in the bundle saved for them on 4 December 2026 at 09:30, not yet confirmed by them.',
    );
    expect(receiptWords({ ...luton, confirmed: 0, waiting: 2, ...sent })).toBe(
      'Voluntary Action Luton has not yet confirmed receiving any of this copy’s changes: 2 changes went in the bundle saved for them on 4 December 2026 at 09:30.',
    );
    // A bundle saved before the latest change did not carry it.
    expect(receiptWords({ ...luton, confirmed: 29, waiting: 2, confirmedUpTo: '2026-12-03T14:05:00Z', latestChange: '2026-12-04T10:00:00Z', lastSent: sent.lastSent })).toMatch(
      /have not reached them yet\.$/,
    );
  });

  it('still makes a sentence when the moment is not known', () => {
    expect(receiptWords({ ...luton, confirmed: 29, waiting: 2 })).toBe('Voluntary Action Luton has some of this copy’s changes; 2 more changes have not reached them yet.');
  });

  it('says what they hold of a third copy’s changes by moment', () => {
    expect(thirdCopyReceiptWords('Bedford CVS', '2026-06-02T23:30:00Z')).toBe('Also has Bedford CVS’s changes up to 3 June 2026 at 00:30.');
    expect(thirdCopyReceiptWords('Bedford CVS', undefined)).toBe('Also has changes from Bedford CVS, some of them not yet on this copy.');
  });
});

describe('files dropped on the window that are not opened', () => {
  it('says plainly that a file is not a bundle and what bundles are called', () => {
    expect(refusedDropWords([{ name: 'minutes.docx', reason: 'not-a-bundle' }])).toBe(
      '“minutes.docx” is not a Quorum bundle. Bundles end in .quorum (or .quorum.json, the readable kind). Quorum did not open it.',
    );
  });

  it('names several at once', () => {
    expect(
      refusedDropWords([
        { name: 'minutes.docx', reason: 'not-a-bundle' },
        { name: 'agenda.pdf', reason: 'not-a-bundle' },
        { name: 'budget.xlsx', reason: 'not-a-bundle' },
      ]),
    ).toBe('“minutes.docx”, “agenda.pdf” and “budget.xlsx” are not Quorum bundles. Bundles end in .quorum (or .quorum.json, the readable kind). Quorum did not open them.');
  });

  it('says a bundle too large to open is too large', () => {
    expect(refusedDropWords([{ name: 'huge.quorum', reason: 'too-large', size: 300 * 1024 * 1024 }])).toBe(
      '“huge.quorum” is 300 MB; Quorum opens and saves files of up to 200 MB. Quorum did not open it.',
    );
    expect(refusedDropWords([])).toBe('');
  });
});
