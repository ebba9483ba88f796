/**
 * Deciding a conflict, in the words of the Sync screen: its title ("Organisation
 * “Volunteer Centre Bedford”: name"), whether a new value can be typed for it,
 * and the person's choice turned into the resolution the service takes (or a
 * plain message when the typed value cannot be used). The repository still
 * validates the value on resolve; this only catches what a form can.
 */
import type { ConflictResolution, ConflictView } from './service';
import { fieldWords, recordNoun } from './sync-words';

export type ResolutionChoice = 'current' | 'other' | 'new';

export function titleOf(conflict: Pick<ConflictView, 'table' | 'recordLabel' | 'field'>): string {
  const record = conflict.recordLabel ? `${recordNoun(conflict.table)} “${conflict.recordLabel}”` : recordNoun(conflict.table);
  return `${record}: ${fieldWords(conflict.field)}`;
}

/** A new value can be typed for text and numbers; other kinds (yes/no, lists) are resolved by choosing one of the two. */
export function typedKind(conflict: Pick<ConflictView, 'currentValue' | 'keptValue' | 'losingValue'>): 'text' | 'number' | null {
  const sample = [conflict.currentValue, conflict.keptValue, conflict.losingValue].find((v) => v !== null && v !== undefined && v !== '');
  if (sample === undefined || typeof sample === 'string') return 'text';
  if (typeof sample === 'number') return 'number';
  return null;
}

export function resolutionFrom(choice: ResolutionChoice, typed: string, kind: 'text' | 'number' | null): ConflictResolution | string {
  if (choice === 'current') return { keep: 'current' };
  if (choice === 'other') return { keep: 'other' };
  if (kind === null) return 'Choose one of the two values';
  const value = typed.trim();
  if (kind === 'number') {
    const n = Number(value);
    return value === '' || !Number.isFinite(n) ? 'Enter the new value as a number, for example 12' : { value: n };
  }
  return value === '' ? 'Enter the new value' : { value };
}
