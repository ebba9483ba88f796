/**
 * How records read to people, wherever the app names them (the Sync screen's
 * reports, the change history): tables as things a secretariat counts ("3
 * organisations"), field names as words ("accountable body"), and moments as
 * people in England write them ("22 November 2026 at 10:05", Europe/London).
 * Pure functions, so the wording is tested without a browser.
 */
import type { SyncedTable } from '../../shared/sync/change';
import { KINDS } from '../../shared/domain/registry';

/** One and many of what each synced table holds, from the registry (shared/domain/registry.ts). */
export const TABLE_NOUNS = Object.fromEntries(Object.entries(KINDS).map(([name, kind]) => [name, kind.words])) as unknown as Record<SyncedTable, readonly [string, string]>;

/** "1 organisation", "3 organisations"; unknown tables are counted as records. */
export function countOf(table: string, n: number): string {
  const nouns = (TABLE_NOUNS as Record<string, readonly [string, string]>)[table] ?? ['record', 'records'];
  return `${n} ${n === 1 ? nouns[0] : nouns[1]}`;
}

export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The singular noun for one record of a table, capitalised: "Organisation". */
export function recordNoun(table: string): string {
  return capitalised((TABLE_NOUNS as Record<string, readonly [string, string]>)[table]?.[0] ?? 'record');
}

/** "accountableBodyId" → "accountable body", "joinedOn" → "joined on". */
export function fieldWords(field: string): string {
  if (field === 'deleted') return 'removed';
  const words = field
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim();
  return words || field;
}

const MOMENT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "22 November 2026 at 10:05" in Europe/London; '' for a missing or unreadable moment. */
export function momentWords(iso: string | undefined | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(MOMENT.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** "22 November 2026" in Europe/London; '' for a missing or unreadable moment. */
export function dateWords(iso: string | undefined | null): string {
  return momentWords(iso).replace(/ at \d\d:\d\d$/, '');
}
