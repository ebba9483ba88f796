import { describe, expect, it } from 'vitest';
import { compareTimestamps, formatTimestamp, momentOfTimestamp, parseTimestamp } from './hlc';

describe('hybrid logical clock timestamps', () => {
  it('carry the wall-clock moment they were made at, read back without parsing', () => {
    const stamp = formatTimestamp(Date.UTC(2026, 10, 22, 10, 5, 0, 123), 7, 'node-luton');
    expect(stamp).toBe('2026-11-22T10:05:00.123Z-0007-node-luton');
    expect(momentOfTimestamp(stamp)).toBe('2026-11-22T10:05:00.123Z');
    expect(momentOfTimestamp(stamp)).toBe(new Date(parseTimestamp(stamp).millis).toISOString());
  });

  it('give no moment for something that is not a timestamp', () => {
    expect(momentOfTimestamp('')).toBe('');
    expect(momentOfTimestamp('2026-11-22T10:05:00.123Z')).toBe('');
    expect(momentOfTimestamp('not a timestamp at all, but long enough')).toBe('');
  });

  it('order by clock as strings order', () => {
    const earlier = formatTimestamp(Date.UTC(2026, 10, 22), 1, 'b');
    const later = formatTimestamp(Date.UTC(2026, 10, 22), 2, 'a');
    expect(compareTimestamps(earlier, later)).toBe(-1);
    expect(compareTimestamps(later, earlier)).toBe(1);
    expect(compareTimestamps(later, later)).toBe(0);
  });
});
