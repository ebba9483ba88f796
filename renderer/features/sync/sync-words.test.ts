import { describe, expect, it } from 'vitest';
import { countOf, dateWords, fieldWords, fingerprintGroups, momentWords, nodeWords, progressWords, tableLines, valueWords, writtenBy } from './sync-words';

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
});
