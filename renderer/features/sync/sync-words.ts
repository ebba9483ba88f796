/**
 * The Sync screen's plain words: tables as things a secretariat counts ("3
 * organisations"), field names as words ("accountable body"), moments as people
 * in England write them ("22 November 2026 at 10:05", Europe/London), values as
 * they would be read aloud, and the stages of a long import. Pure functions, so
 * the wording is tested without a browser.
 */
import { ROLE_LABELS, type InstallationRole } from '../../../shared/domain/entities';
import type { SyncedTable } from '../../../shared/sync/change';
import type { TableCounts } from '../../../shared/sync/merge';
import { parseTimestamp } from '../../../shared/sync/hlc';
import type { Progress } from './service';

/** One and many of what each synced table holds. */
export const TABLE_NOUNS: Record<SyncedTable, readonly [string, string]> = {
  consortium: ['consortium', 'consortiums'],
  organisations: ['organisation', 'organisations'],
  representatives: ['representative', 'representatives'],
  applications: ['membership application', 'membership applications'],
  meetings: ['meeting', 'meetings'],
  agendaItems: ['agenda item', 'agenda items'],
  attendance: ['attendance record', 'attendance records'],
  minutes: ['minutes record', 'minutes records'],
  actions: ['action', 'actions'],
  motions: ['motion', 'motions'],
  votes: ['vote', 'votes'],
  elections: ['election', 'elections'],
  funders: ['funder', 'funders'],
  funds: ['fund', 'funds'],
  projects: ['project', 'projects'],
  budgets: ['budget line', 'budget lines'],
  partnerClaims: ['claim from a partner', 'claims from partners'],
  funderClaims: ['claim to a funder', 'claims to funders'],
  partnerNodes: ['partner enrolment', 'partner enrolments'],
  conflicts: ['conflict decision', 'conflict decisions'],
};

/** "1 organisation", "3 organisations"; unknown tables are counted as records. */
export function countOf(table: string, n: number): string {
  const nouns = (TABLE_NOUNS as Record<string, readonly [string, string]>)[table] ?? ['record', 'records'];
  return `${n} ${n === 1 ? nouns[0] : nouns[1]}`;
}

/** "a change", "12 changes" style counting for any noun with a regular plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The singular noun for one record of a table, capitalised: "Organisation". */
export function recordNoun(table: string): string {
  return capitalised((TABLE_NOUNS as Record<string, readonly [string, string]>)[table]?.[0] ?? 'record');
}

export interface TableLine {
  table: string;
  /** "6 organisations" */
  headline: string;
  /** "2 new, 4 changed", and any changes already superseded here. */
  detail: string;
}

/** One line per table an import touches, in the order tables are listed in SYNCED_TABLES. */
export function tableLines(byTable: Partial<Record<SyncedTable, TableCounts>>): TableLine[] {
  const lines: TableLine[] = [];
  for (const table of Object.keys(TABLE_NOUNS) as SyncedTable[]) {
    const counts = byTable[table];
    if (!counts) continue;
    const records = counts.created + counts.updated;
    const parts: string[] = [];
    if (counts.created > 0) parts.push(`${counts.created} new`);
    if (counts.updated > 0) parts.push(`${counts.updated} changed`);
    if (counts.outdated > 0) parts.push(`${plural(counts.outdated, 'change')} already overtaken by a later edit here`);
    if (records === 0 && counts.outdated === 0) continue;
    lines.push({ table, headline: records > 0 ? countOf(table, records) : capitalised(TABLE_NOUNS[table][1]), detail: parts.join(', ') });
  }
  return lines;
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

/** The moment an HLC stamp records, in words; '' when the stamp cannot be read. */
export function stampMoment(hlc: string): string {
  try {
    return momentWords(new Date(parseTimestamp(hlc).millis).toISOString());
  } catch {
    return '';
  }
}

/** A field's value as it would be read out: text in quotes, yes/no, "(empty)". */
export function valueWords(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length === 0 ? '(none)' : value.map((v) => `“${v}”`).join(', ');
  return JSON.stringify(value);
}

/** The fingerprint's groups of digits, for showing spaced out and reading aloud. */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.split(/\s+/).filter(Boolean);
}

export function roleWords(role: InstallationRole | '' | undefined): string {
  return role ? ROLE_LABELS[role] : 'role not chosen';
}

const STAGES: Record<Progress['stage'], string> = {
  reading: 'Reading the file',
  checking: 'Checking every signature',
  merging: 'Working out the changes',
  writing: 'Saving the changes',
};

/** "Checking every signature: 40 of 120" */
export function progressWords(progress: Progress): string {
  const stage = STAGES[progress.stage];
  return progress.total > 1 ? `${stage}: ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}` : `${stage}…`;
}

/** "1.2 MB", "640 KB" for a file's size. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return plural(bytes, 'byte');
}

/** Who a node is, for sentences: "this copy", a partner's name, or a short id for a copy not known here. */
export function nodeWords(node: string, self: string, names: ReadonlyMap<string, string>): string {
  if (node === self) return 'this copy';
  return names.get(node) || `copy ${node.slice(0, 8)}`;
}

/** Who wrote the value stamped `hlc`, and when: "Voluntary Action Luton, 22 November 2026 at 10:05". */
export function writtenBy(hlc: string, self: string, names: ReadonlyMap<string, string>): string {
  let node: string;
  try {
    node = parseTimestamp(hlc).node;
  } catch {
    return 'unknown';
  }
  const when = stampMoment(hlc);
  return when ? `${nodeWords(node, self, names)}, ${when}` : nodeWords(node, self, names);
}
