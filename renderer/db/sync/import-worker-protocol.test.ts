import { describe, expect, it } from 'vitest';
import { postedError, rebuiltError } from './import-worker-protocol';
import * as refusals from '../../../shared/sync/bundle-errors';
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

  it('are recognised by the name each refusal gives itself, which a minified build keeps (class names it does not)', () => {
    const classes = Object.entries(refusals).filter(([, value]) => typeof value === 'function' && value.prototype instanceof BundleRefusedError);
    expect(classes.length).toBeGreaterThan(10);
    for (const [exportName, refusal] of classes) {
      const sender = { node: 'n1', name: 'Luton CVS', role: 'partner', publicKey: 'k', fingerprint: '00000' };
      // Each constructor is given arguments of the shape it takes: a sender, or words.
      const args = exportName === 'UnknownSenderError' ? [sender, 'not-enrolled'] : ['2026-11-22T10:00:00Z', 'a detail'];
      const made = Reflect.construct(refusal as new (...args: unknown[]) => Error, args) as Error;
      expect(made.name).toBe(exportName);
      const arrived = rebuiltError({ name: made.name, message: made.message, fields: {} });
      expect(arrived).toBeInstanceOf(refusal as typeof BundleRefusedError);
    }
  });
});
