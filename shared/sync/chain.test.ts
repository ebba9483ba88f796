import { describe, expect, it } from 'vitest';
import { NO_HEAD, planChain, scheduleCausally } from './chain';
import { ChainBreakError } from './bundle-errors';
import type { SealedRun } from './run-seal';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
function stamp(second: number, node: string) {
  return `2026-11-22T10:00:${String(second).padStart(2, '0')}.000Z-0000-${node}`;
}
function run(node: string, firstSeq: number, lastSeq: number, prevHash: string, hash: string, deps: Record<string, string> = {}): SealedRun {
  const entries = [];
  for (let seq = firstSeq; seq <= lastSeq; seq++) entries.push({ seq, hlc: stamp(seq, node), table: 'organisations' as const, row: 'r', fields: { name: String(seq) } });
  return { node, firstSeq, lastSeq, prevHash, hash, signature: 'sig', deps, entries };
}

describe('chains of runs', () => {
  const r1 = run(A, 1, 2, '', 'h1');
  const r2 = run(A, 3, 5, 'h1', 'h2');
  const r3 = run(A, 6, 6, 'h2', 'h3');

  it('skips runs already held and applies the ones that continue the chain', () => {
    const plan = planChain('Luton CVS', { lastSeq: 2, hash: 'h1', lastHlc: stamp(2, A) }, [r1, r2, r3]);
    expect(plan.seen).toEqual([r1]);
    expect(plan.next).toEqual([r2, r3]);
    expect(plan.beyondGap).toEqual([]);
  });

  it('holds back every run after a gap and says which changes are missing', () => {
    const plan = planChain('Luton CVS', NO_HEAD, [r1, r3]);
    expect(plan.next).toEqual([r1]);
    expect(plan.beyondGap).toEqual([r3]);
    expect(plan.missing).toEqual({ from: 3, to: 5 });
  });

  it('refuses a run that does not link to the hash of the run before it', () => {
    expect(() => planChain('Luton CVS', NO_HEAD, [r1, run(A, 3, 5, 'not-h1', 'h2')])).toThrow(ChainBreakError);
  });

  it('refuses a run that overlaps changes already held', () => {
    expect(() => planChain('Luton CVS', { lastSeq: 4, hash: 'x', lastHlc: stamp(4, A) }, [r2])).toThrow(/overlap/);
  });

  it('applies a run only after the changes it builds on, and makes it wait when they are missing', () => {
    const fromB = run(B, 1, 1, '', 'b1', { [A]: stamp(5, A) });
    const both = scheduleCausally(new Map([[B, [fromB]], [A, [r1, r2]]]), new Map(), () => true);
    expect(both.order.map((r) => r.hash)).toEqual(['h1', 'h2', 'b1']);
    const alone = scheduleCausally(new Map([[B, [fromB]], [A, [r1]]]), new Map(), () => true);
    expect(alone.waiting).toEqual([{ run: fromB, waitingFor: A, needHlc: stamp(5, A) }]);
    const untrusted = scheduleCausally(new Map([[B, [fromB]]]), new Map(), (node) => node !== A);
    expect(untrusted.order).toEqual([fromB]);
  });
});
