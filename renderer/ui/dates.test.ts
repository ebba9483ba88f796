import { describe, expect, it } from 'vitest';
import { formatDate, formatDayAndDate, todayInLondon } from './dates';

describe('dates as people in England write them', () => {
  it('writes 2026-06-02 as 2 June 2026 and names the day', () => {
    expect(formatDate('2026-06-02')).toBe('2 June 2026');
    expect(formatDayAndDate('2026-05-26')).toBe('Tuesday 26 May 2026');
    expect(formatDate('')).toBe('');
  });

  it('takes today in London, so late evening in summer is still the same day', () => {
    expect(todayInLondon(new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
    expect(todayInLondon(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});
