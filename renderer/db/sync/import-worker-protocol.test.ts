import { describe, expect, it } from 'vitest';
import { postedError, rebuiltError } from './import-worker-protocol';
import { BundleRefusedError, NewerVersionError, UnknownSenderError } from '../../../shared/sync/bundle-errors';

describe('refusals crossing from the import worker', () => {
  it('arrive as the same kind of refusal, with the same message and details', () => {
    const sender = { node: 'n1', name: 'Luton CVS', role: 'partner' as const, publicKey: 'k', fingerprint: '00000 11111 22222 33333 44444 55555' };
    const original = new UnknownSenderError(sender, 'not-enrolled');
    const arrived = rebuiltError(structuredClone(postedError(original)));
    expect(arrived).toBeInstanceOf(UnknownSenderError);
    expect(arrived).toBeInstanceOf(BundleRefusedError);
    expect(arrived.message).toBe(original.message);
    expect((arrived as UnknownSenderError).sender).toEqual(sender);
    expect((arrived as UnknownSenderError).code).toBe('unknown-sender');
    expect(rebuiltError(structuredClone(postedError(new NewerVersionError(2))))).toBeInstanceOf(NewerVersionError);
  });

  it('keep the message of any other error', () => {
    const arrived = rebuiltError(structuredClone(postedError(new TypeError('Failed to fetch'))));
    expect(arrived).toBeInstanceOf(Error);
    expect(arrived).not.toBeInstanceOf(BundleRefusedError);
    expect(arrived.message).toBe('Failed to fetch');
    expect(arrived.name).toBe('TypeError');
  });
});
