import { describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules';
import { papersLine } from './papers';

const consortium = { nation: 'england-and-wales' as const, constitution: BEDFORDSHIRE_CONSTITUTION };

describe('the papers line for a meeting', () => {
  it('gives the brief’s example: meeting Tuesday 2 June 2026, papers due by Tuesday 26 May 2026', () => {
    const line = papersLine({ date: '2026-06-02', papersCirculatedOn: '' }, consortium, '2026-05-20');
    expect(line).toMatchObject({ ok: true, notice: { status: 'due', dueBy: '2026-05-26' } });
  });

  it('says so, rather than guessing, for a meeting beyond the bank holiday table', () => {
    const line = papersLine({ date: '2099-06-02', papersCirculatedOn: '' }, consortium, '2026-05-20');
    expect(line.ok).toBe(false);
    if (!line.ok) expect(line.message).toMatch(/bank holidays of England and Wales/);
  });
});
