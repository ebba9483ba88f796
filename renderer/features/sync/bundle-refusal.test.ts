import { describe, expect, it } from 'vitest';
import { AlreadyImportedError, ClockAheadError, TamperedBundleError, UnknownSenderError } from '../../../shared/sync/bundle-errors';
import { momentsInWords, refusalOutcome } from './bundle-refusal';

const sender = { node: 'node-luton', name: 'Voluntary Action Luton', role: 'partner' as const, publicKey: 'a2V5', fingerprint: '11111 22222 33333 44444 55555 66666' };

/** What an error looks like after crossing from the import worker in a minified build: a plain Error with the fields copied. */
function asRebuilt(error: Error): Error {
  const plain = new Error(error.message);
  Object.assign(plain, { ...error });
  Object.defineProperty(plain, 'name', { value: error.name });
  return plain;
}

describe('what the screen does with an error from opening a bundle', () => {
  it('offers to enrol an unknown sender, with the fingerprint to compare', () => {
    const outcome = refusalOutcome(new UnknownSenderError(sender, 'not-enrolled'));
    expect(outcome).toMatchObject({ kind: 'unknown-sender', sender, reason: 'not-enrolled' });
  });

  it('still recognises an unknown sender whose error lost its class on the way from the import worker', () => {
    const outcome = refusalOutcome(asRebuilt(new UnknownSenderError(sender, 'key-mismatch')));
    expect(outcome).toMatchObject({ kind: 'unknown-sender', sender, reason: 'key-mismatch' });
  });

  it('shows a refusal’s own plain message, whichever way it came', () => {
    const error = new TamperedBundleError('a change from Voluntary Action Luton has been altered');
    expect(refusalOutcome(error)).toEqual({ kind: 'refused', code: 'tampered', message: error.message });
    expect(refusalOutcome(asRebuilt(error))).toEqual({ kind: 'refused', code: 'tampered', message: error.message });
  });

  it('says an unexpected failure plainly, and that nothing was imported', () => {
    const outcome = refusalOutcome(new TypeError('x is undefined'));
    expect(outcome.kind).toBe('refused');
    expect(outcome.message).toBe(
      'Quorum could not open this bundle because of an unexpected problem. Nothing was imported. If it happens again, tell technical support what Quorum said: “x is undefined”.',
    );
  });
});

describe('moments in a refusal, as people in England write them', () => {
  it('says a clock-ahead moment in words, in Europe/London, whichever way the moment was written', () => {
    // As import-bundle.ts makes them today: the UTC moment cut to minutes, with a space or a "T".
    const spaced = refusalOutcome(new ClockAheadError('Voluntary Action Luton', '2026-12-03 14:05'));
    expect(spaced.message).toContain('(3 December 2026 at 14:05)');
    const stamped = refusalOutcome(asRebuilt(new ClockAheadError('Voluntary Action Luton', '2026-06-02T23:30')));
    expect(stamped.message).toContain('(3 June 2026 at 00:30)');
    expect(stamped.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('gives the day a bundle was imported as the day in England, from the moment it carries', () => {
    const outcome = refusalOutcome(asRebuilt(new AlreadyImportedError('2026-06-02T23:30:00.000Z')));
    expect(outcome.message).toBe('This bundle was already imported (on 3 June 2026) and has nothing new. Nothing was changed.');
  });

  it('says a full ISO moment and a date alone in words, and leaves dates inside file names alone', () => {
    expect(momentsInWords('ahead (2026-12-03T14:05:09.123Z)')).toBe('ahead (3 December 2026 at 14:05)');
    expect(momentsInWords('on 2026-12-03.')).toBe('on 3 December 2026.');
    expect(momentsInWords('quorum-luton-to-bedford-2026-12-03.quorum is damaged')).toBe('quorum-luton-to-bedford-2026-12-03.quorum is damaged');
    expect(momentsInWords('no dates here')).toBe('no dates here');
  });
});
