/**
 * A record's name for people ("Volunteer Centre Bedford", not a UUID): its
 * first non-empty naming field. Reports and conflicts carry it so the Sync
 * screen can name records a bundle creates before they exist here.
 */

/** Fields that name a record, in order of preference. */
export const NAMING_FIELDS = ['name', 'title', 'organisationName', 'text', 'action'] as const;

const LONGEST_LABEL = 80;

export function labelOfRecord(row: Record<string, unknown> | undefined): string {
  if (!row) return '';
  for (const key of NAMING_FIELDS) {
    const value = row[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, LONGEST_LABEL);
  }
  return '';
}
