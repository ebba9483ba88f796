/**
 * The change history in words (history.ts gives the facts): who made a change
 * (a copy by its organisation's name), and each field as a person reads it,
 * "Name: ‘Volunteer Centre Bedford’ → ‘Bedford Volunteer Centre’".
 *
 * Values are said as the app shows them elsewhere: money in pounds (fields in
 * pence end in `Pence`), Yes/No, dates the en-GB way, a kind or role by its
 * label, another record by its name. Arrays and objects are summed up, not
 * dumped: a list says what was added and removed, the constitution which of
 * its settings changed, the criteria an organisation meets by their text. An
 * attached file's contents are never shown. Sync's bookkeeping (`_clocks`) is never shown.
 */
import { ANSWER_ROUTE_LABELS, CONSULTATION_ANSWER_LABELS, APPOINTMENT_ROLE_LABELS, MEMBERSHIP_STATUS_LABELS, ORGANISATION_KIND_LABELS, ROLE_LABELS } from '../../shared/domain/entities';
import { formatPounds } from '../../shared/rules/money';
import { NATION_LABELS } from '../../shared/rules/constitution';
import type { FieldValue, SyncedTable } from '../../shared/sync/change';
import { isReference, type FieldChange } from './history';
import { EVENT_LABEL, eventWords } from './event-words';
import { EVENT_FIELD_PREFIX } from '../../shared/rules/lifecycles';
import { capitalised, fieldWords, momentWords, recordNoun } from './record-words';
import { nodeWords, type NodeNames } from './sync/node-names';

/** A record's name by its id ('' when unknown). */
export type LabelOf = (row: string) => string;

/** What the words of some fields need from the consortium: its membership criteria, for `servicesProvided`. */
export interface HistoryContext {
  readonly criteria?: readonly string[];
  /** The kind of record, for a lifecycle's steps in words (event-words.ts). */
  readonly table?: string;
}

export interface FieldChangeWords {
  /** "Name", "Amount", "Accountable body". */
  field: string;
  /** The value before, in words; undefined when there was none to show (a new record, or a summary in `after`). */
  before?: string;
  after: string;
  refused: boolean;
}

const LONGEST_TEXT = 120;
/** How many items of a list are named before "and 3 more". */
const ITEMS_NAMED = 3;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const CALENDAR_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** Labels for fields whose values are codes: the words the forms show for them. */
const CODE_LABELS: Record<string, Readonly<Record<string, string>>> = {
  kind: { ...ORGANISATION_KIND_LABELS, representative: 'Named representative', substitute: 'Named substitute' },
  // Only an organisation's statuses have words yet; other records' statuses show as written.
  status: MEMBERSHIP_STATUS_LABELS,
  // A copy's role (installation) and a role in the consortium (appointments) share their common words.
  role: { ...APPOINTMENT_ROLE_LABELS, ...ROLE_LABELS },
  nation: NATION_LABELS,
  // A member's answer to a consultation on an application, and how it was given.
  answer: CONSULTATION_ANSWER_LABELS,
  via: ANSWER_ROUTE_LABELS,
};

/** 2,048 → "2 KB". */
function sizeWords(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes.toLocaleString('en-GB')} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** Criteria by their text ("‘Assists local voluntary …’"), or by their number when the consortium's criteria are not at hand. */
function criterionWords(index: number, context: HistoryContext): string {
  const text = context.criteria?.[index];
  return text ? quoted(text) : `criterion ${index + 1}`;
}

/** "amountPence" → "Amount", "deliveryOrganisationIds" → "Delivery organisations", "deleted" → "Removed". */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? capitalised(fieldWords(field.replace(/Pence$/, '').replace(/Ids$/, 's')));
}

/** Fields whose names do not read well split into words. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  coOptedOn: 'Co-opted on',
  levelOfWork: 'Level of work dedicated to infrastructure support',
  servicesProvided: 'Membership criteria it meets',
  dataBase64: 'File',
  via: 'How it was given',
  sizeBytes: 'Size',
  mimeType: 'Type of file',
  ownerTable: 'Kept with',
  ownerRow: 'Kept with the record of',
};

function quoted(text: string): string {
  return `‘${text.length > LONGEST_TEXT ? `${text.slice(0, LONGEST_TEXT - 1)}…` : text}’`;
}

function textWords(field: string, value: string, labelOf: LabelOf): string {
  if (isReference(field)) {
    const label = labelOf(value);
    return label ? quoted(label) : 'a record not named here';
  }
  const code = CODE_LABELS[field]?.[value];
  if (code) return code;
  if (ISO_DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return CALENDAR_DATE.format(date);
  }
  if (ISO_MOMENT.test(value)) {
    const moment = momentWords(value);
    if (moment) return moment;
  }
  return quoted(value);
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || value === '';
}

/** One item of a list, in words. */
function itemWords(field: string, item: FieldValue, labelOf: LabelOf): string {
  if (typeof item === 'string') return textWords(field, item, labelOf);
  if (typeof item === 'number') return item.toLocaleString('en-GB');
  return fieldValueWords(field, item, labelOf);
}

function listWords(items: string[]): string {
  if (items.length <= ITEMS_NAMED) return items.join(', ');
  return `${items.slice(0, ITEMS_NAMED).join(', ')} and ${items.length - ITEMS_NAMED} more`;
}

function countWords(n: number): string {
  return n === 1 ? '1 item' : `${n.toLocaleString('en-GB')} items`;
}

/** A field's value as a person reads it. */
export function fieldValueWords(field: string, value: FieldValue | undefined, labelOf: LabelOf = () => '', context: HistoryContext = {}): string {
  if (isEmpty(value)) return '(empty)';
  // An attached file's contents are never shown as text: its name and size say what it is.
  if (field === 'dataBase64') return 'the file’s contents';
  if (field === 'sizeBytes' && typeof value === 'number') return sizeWords(value);
  if (field === 'ownerTable' && typeof value === 'string') return recordNoun(value);
  if (field === 'ownerRow' && typeof value === 'string') {
    const label = labelOf(value);
    return label ? quoted(label) : 'a record not named here';
  }
  if (field === 'servicesProvided' && Array.isArray(value) && value.every((item) => typeof item === 'number')) {
    return value.length === 0 ? '(none)' : listWords((value as number[]).map((i) => criterionWords(i, context)));
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    if (field.endsWith('Pence') && Number.isSafeInteger(value)) return formatPounds(value);
    return value.toLocaleString('en-GB');
  }
  if (typeof value === 'string') return textWords(field, value, labelOf);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    // Numbers in a list are positions (servicesProvided): only their count means anything on its own.
    if (value.every((item) => typeof item === 'string')) return listWords(value.map((item) => itemWords(field, item, labelOf)));
    return countWords(value.length);
  }
  const settings = Object.keys(value!).filter((key) => key !== '_clocks');
  return settings.length === 1 ? '1 setting' : `${settings.length} settings`;
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: FieldValue | undefined): value is { [key: string]: FieldValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "added ‘Bedford CVS’; removed ‘Luton CVS’" for two lists of text or ids; undefined when either is not one. */
function listChangeWords(field: string, before: FieldValue[], after: FieldValue[], labelOf: LabelOf): string | undefined {
  if (![...before, ...after].every((item) => typeof item === 'string')) return undefined;
  const had = new Set(before as string[]);
  const has = new Set(after as string[]);
  const added = (after as string[]).filter((item) => !had.has(item));
  const removed = (before as string[]).filter((item) => !has.has(item));
  const parts: string[] = [];
  if (added.length) parts.push(`added ${listWords(added.map((item) => itemWords(field, item, labelOf)))}`);
  if (removed.length) parts.push(`removed ${listWords(removed.map((item) => itemWords(field, item, labelOf)))}`);
  return parts.length ? parts.join('; ') : 'put in a different order';
}

/** Whether to show a field of a change: a new record's empty fields were never filled in, so they say nothing. */
export function worthShowing(change: FieldChange, created: boolean): boolean {
  if (!created || change.refused) return true;
  const { value } = change;
  return !(isEmpty(value) || (Array.isArray(value) && value.length === 0));
}

/** Fields holding a figure per key: a claim's pence by budget line, its outputs achieved by output (docs/architecture.md, "Claims"). */
const PENCE_BY_KEY = new Set(['lines', 'ownCosts']);
const COUNT_BY_KEY = new Set(['outputs']);

function amountsByKey(field: string, value: FieldValue | undefined, context: HistoryContext): Array<[string, string]> | undefined {
  if (!isObject(value) || (context.table !== 'partnerClaims' && context.table !== 'funderClaims')) return undefined;
  const money = PENCE_BY_KEY.has(field);
  if (!money && !COUNT_BY_KEY.has(field)) return undefined;
  const entries = Object.entries(value);
  if (!entries.every(([, v]) => typeof v === 'number' && Number.isSafeInteger(v))) return undefined;
  return entries.map(([key, v]) => [key, money ? formatPounds(v as number) : (v as number).toLocaleString('en-GB')]);
}

/** One field of a change in words: its name, and the value before and after (or what changed, for lists and settings). */
export function fieldChangeWords(change: FieldChange, labelOf: LabelOf = () => '', context: HistoryContext = {}): FieldChangeWords {
  const { field, value, previous, refused } = change;
  const words = (after: string, before?: string): FieldChangeWords => ({ field: fieldLabel(field), ...(before === undefined ? {} : { before }), after, refused });
  // A lifecycle's step (`event:<id>`, written once): what happened, in words, never its code or id.
  if (field.startsWith(EVENT_FIELD_PREFIX)) return { field: EVENT_LABEL, after: eventWords(context.table ?? '', value, labelOf) ?? 'a step this version of Quorum does not know', refused };
  if (field === 'servicesProvided' && Array.isArray(value) && Array.isArray(previous) && [...value, ...previous].every((i) => typeof i === 'number')) {
    const had = new Set(previous as number[]);
    const has = new Set(value as number[]);
    const added = (value as number[]).filter((i) => !had.has(i));
    const removed = (previous as number[]).filter((i) => !has.has(i));
    const parts: string[] = [];
    if (added.length) parts.push(`added ${listWords(added.map((i) => criterionWords(i, context)))}`);
    if (removed.length) parts.push(`removed ${listWords(removed.map((i) => criterionWords(i, context)))}`);
    return words(parts.length ? parts.join('; ') : 'put in a different order');
  }
  const amounts = amountsByKey(field, value, context);
  if (amounts) {
    // A claim's spend by budget line, or what was achieved by output: each line with its figure, and what it was.
    const before = amountsByKey(field, previous, context);
    if (!before) return words(amounts.map(([key, v]) => `${key} ${v}`).join(', ') || '(none)');
    const had = new Map(before);
    const has = new Map(amounts);
    const keys = [...new Set([...had.keys(), ...has.keys()])].filter((key) => had.get(key) !== has.get(key));
    return words(keys.length ? keys.map((key) => `${key} ${had.get(key) ?? '(none)'} → ${has.get(key) ?? '(none)'}`).join(', ') : 'set again, unchanged');
  }
  if (isObject(value)) {
    if (!isObject(previous)) return words('set');
    const keys = [...new Set([...Object.keys(previous), ...Object.keys(value)])].filter((key) => key !== '_clocks');
    const differing = keys.filter((key) => !sameValue(previous[key], value[key]));
    return words(differing.length ? `changed: ${differing.map(fieldWords).join(', ')}` : 'set again, unchanged');
  }
  if (Array.isArray(value) && Array.isArray(previous)) {
    const summary = listChangeWords(field, previous, value, labelOf);
    if (summary) return words(summary);
    return words(fieldValueWords(field, value, labelOf), fieldValueWords(field, previous, labelOf));
  }
  return words(fieldValueWords(field, value, labelOf, context), previous === undefined ? undefined : fieldValueWords(field, previous, labelOf, context));
}

/** Who made a change: the copy's organisation, "(this copy)" for this one, a short id for a copy not known here. */
export function authorWords(node: string, nodeNames: NodeNames): string {
  const name = nodeNames.names.get(node);
  if (node === nodeNames.self) return name ? `${name} (this copy)` : 'This copy';
  return name || nodeWords(node, nodeNames.self, nodeNames.names);
}

/** "Organisation ‘Volunteer Centre Bedford’", or just "Vote" for a record with no name. */
export function recordWords(table: SyncedTable, label: string): string {
  return label ? `${recordNoun(table)} ${quoted(label)}` : recordNoun(table);
}

/** A whole change on one line, for screen readers' row names and for tests: "Name: ‘A’ → ‘B’; Email: (empty) → ‘a@b’". */
export function changeLine(changes: readonly FieldChange[], labelOf: LabelOf = () => '', context: HistoryContext = {}): string {
  return changes
    .map((change) => {
      const w = fieldChangeWords(change, labelOf, context);
      return `${w.field}: ${w.before === undefined ? '' : `${w.before} → `}${w.after}${w.refused ? ' (refused)' : ''}`;
    })
    .join('; ');
}
