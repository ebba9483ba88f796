/**
 * Flattens react-hook-form's nested errors ({consortium: {constitution: {quorumMinimum:
 * {message}}}}) into a list of field paths and messages, for the error summary at the
 * top of a form. An error on an array itself (react-hook-form puts it at `.root` or on
 * the array) belongs to the array's path.
 */
import type { FieldErrors, FieldValues } from 'react-hook-form';

export interface FieldMessage {
  name: string;
  message: string;
}

function isLeaf(value: unknown): value is { message?: unknown; type?: unknown } {
  return !!value && typeof value === 'object' && 'type' in value && typeof (value as { type: unknown }).type === 'string';
}

export function flattenErrors(errors: FieldErrors<FieldValues>, prefix = ''): FieldMessage[] {
  const found: FieldMessage[] = [];
  const visit = (value: unknown, path: string) => {
    if (!value || typeof value !== 'object') return;
    if (isLeaf(value)) {
      if (typeof value.message === 'string' && value.message) found.push({ name: path, message: value.message });
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'ref') continue;
      visit(child, key === 'root' ? path : path ? `${path}.${key}` : key);
    }
  };
  visit(errors, prefix);
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.name) ? false : (seen.add(f.name), true)));
}
