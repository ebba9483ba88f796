import { describe, expect, it } from 'vitest';
import { resolutionFrom, titleOf, typedKind } from './conflict-resolution';

describe('deciding a conflict', () => {
  it('names the record and field in words', () => {
    expect(titleOf({ table: 'organisations', recordLabel: 'Volunteer Centre Bedford', field: 'name' })).toBe('Organisation “Volunteer Centre Bedford”: name');
    expect(titleOf({ table: 'votes', recordLabel: '', field: 'choice' })).toBe('Vote: choice');
  });

  it('keeps the current value, takes the other, or writes a trimmed new one', () => {
    expect(resolutionFrom('current', 'ignored', 'text')).toEqual({ keep: 'current' });
    expect(resolutionFrom('other', '', 'text')).toEqual({ keep: 'other' });
    expect(resolutionFrom('new', '  Volunteer Centre Bedford & Kempston ', 'text')).toEqual({ value: 'Volunteer Centre Bedford & Kempston' });
  });

  it('refuses an empty new value, or a number field given words, in plain words', () => {
    expect(resolutionFrom('new', '   ', 'text')).toBe('Enter the new value');
    expect(resolutionFrom('new', 'twelve', 'number')).toBe('Enter the new value as a number, for example 12');
    expect(resolutionFrom('new', '12', 'number')).toEqual({ value: 12 });
  });

  it('offers a typed value only for text and numbers', () => {
    expect(typedKind({ currentValue: 'a', keptValue: 'a', losingValue: 'b' })).toBe('text');
    expect(typedKind({ currentValue: 3, keptValue: 3, losingValue: 4 })).toBe('number');
    expect(typedKind({ currentValue: true, keptValue: true, losingValue: false })).toBeNull();
    expect(typedKind({ currentValue: '', keptValue: '', losingValue: 5 })).toBe('number');
  });
});
