import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STORAGE_WARNING_FREE_BYTES, STORAGE_WARNING_USED_FRACTION, storageState } from './storage';

const MB = 1000 * 1000;
const GB = 1000 * MB;

describe('storageState', () => {
  it('has room when little of a large quota is used', () => {
    expect(storageState({ usage: 3 * MB, quota: 10 * GB })).toEqual({ kind: 'room', free: 10 * GB - 3 * MB, usedFraction: (3 * MB) / (10 * GB) });
  });

  it('warns once more than 80% of the quota is used', () => {
    expect(storageState({ usage: 8 * GB, quota: 10 * GB }).kind).toBe('room');
    expect(storageState({ usage: 8 * GB + 1, quota: 10 * GB })).toMatchObject({ kind: 'nearly-full', why: 'share' });
  });

  it('warns when less than 200 MB is free, however small a share is used', () => {
    // 190 MB free of 200 MB: only 5% used, but too little room for a backup.
    expect(storageState({ usage: 10 * MB, quota: 200 * MB })).toMatchObject({ kind: 'nearly-full', why: 'room', free: 190 * MB });
    expect(storageState({ usage: 10 * MB, quota: 300 * MB }).kind).toBe('room');
  });

  it('counts the 200 MB of room exactly', () => {
    expect(storageState({ usage: 0, quota: 200 * MB }).kind).toBe('room');
    expect(storageState({ usage: 1, quota: 200 * MB })).toMatchObject({ kind: 'nearly-full', why: 'room', free: 200 * MB - 1 });
  });

  it('treats more used than the quota as full, not as negative room', () => {
    expect(storageState({ usage: 12 * GB, quota: 10 * GB })).toEqual({ kind: 'nearly-full', free: 0, usedFraction: 1, why: 'share' });
  });

  it.each([
    ['no figures', undefined],
    ['no quota', { usage: 5 * MB }],
    ['a zero quota', { usage: 0, quota: 0 }],
    ['a negative usage', { usage: -1, quota: GB }],
    ['a quota that is not a number', { usage: 1, quota: Number.NaN }],
    ['an infinite quota', { usage: 1, quota: Number.POSITIVE_INFINITY }],
  ])('says it cannot tell from %s', (_what, figures) => {
    expect(storageState(figures)).toEqual({ kind: 'unknown' });
  });

  it('warns exactly when over the share or under the room, for any figures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 1, max: 2 ** 45 }), (usage, quota) => {
        const state = storageState({ usage, quota });
        const free = Math.max(0, quota - usage);
        expect(state.kind === 'nearly-full').toBe(usage / quota > STORAGE_WARNING_USED_FRACTION || free < STORAGE_WARNING_FREE_BYTES);
        if (state.kind !== 'unknown') {
          expect(state.free).toBe(free);
          expect(state.usedFraction).toBeGreaterThanOrEqual(0);
          expect(state.usedFraction).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
