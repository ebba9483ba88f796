/**
 * Stable element ids for form fields, derived from the field's path in the form
 * ("consortium.constitution.quorumMinimum"), so a label, its hint, its error and the
 * error summary's link all point at the same element without anyone passing ids around.
 */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export function hintId(name: string): string {
  return `${fieldId(name)}-hint`;
}

export function errorId(name: string): string {
  return `${fieldId(name)}-error`;
}

/** The aria-describedby value for a field with an optional hint and error. */
export function describedBy(name: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasHint ? hintId(name) : '', hasError ? errorId(name) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
