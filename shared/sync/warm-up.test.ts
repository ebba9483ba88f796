import { describe, expect, it } from 'vitest';
import { warmUpMerge } from './warm-up';

describe('the warm-up merge of an import worker started ahead', () => {
  it('merges its made-up partner run with every change allowed, so it runs the code a real import runs', () => {
    expect(warmUpMerge(500)).toEqual({ applied: 500, refused: 0 });
  });
});
