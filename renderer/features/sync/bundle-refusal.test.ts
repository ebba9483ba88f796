import { describe, expect, it } from 'vitest';
import { TamperedBundleError, UnknownSenderError } from '../../../shared/sync/bundle-errors';
import { refusalOutcome } from './bundle-refusal';

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
    expect(outcome.message).toBe('Quorum could not open this bundle because of an unexpected problem (x is undefined). Nothing was imported.');
  });
});
