/**
 * Search across every meeting's minutes — notes and decisions — and the action
 * log, as a person types (docs/architecture.md, "Meetings: minutes, actions and
 * search"). One MiniSearch index, kept in step with the store incrementally:
 * `update(documents)` is given everything searchable as it stands and adds,
 * replaces or removes only the documents whose text changed, so a keystroke in
 * a minute re-indexes that minute alone. The text itself is kept here, not in
 * the index, to show each match in context (`excerpt`).
 */
import MiniSearch from 'minisearch';
import type { Action, AgendaItem, Meeting, Minute } from '../../../shared/domain/entities';

export type SearchKind = 'notes' | 'decisions' | 'action';

export interface SearchDocument {
  /** `notes:<minute id>`, `decisions:<minute id>`, `action:<action id>`. */
  id: string;
  kind: SearchKind;
  meetingId: string;
  /** The record the document is of (a minute or an action). */
  row: string;
  /** What it is under: the agenda item's title, or the action's organisation. */
  title: string;
  text: string;
}

export interface ExcerptPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  document: SearchDocument;
  score: number;
  /** The words around the first match, with every matching word marked. */
  excerpt: ExcerptPart[];
}

/** Every searchable text of the store: one document per minute's notes, per minute's decisions, per action. */
export function searchDocuments(
  minutes: readonly Pick<Minute, 'id' | 'meetingId' | 'agendaItemId' | 'text' | 'decisions' | 'deleted'>[],
  actions: readonly Pick<Action, 'id' | 'meetingId' | 'action' | 'progress' | 'expectedOutcome' | 'deleted'>[],
  itemTitle: (agendaItemId: string) => string,
): SearchDocument[] {
  const out: SearchDocument[] = [];
  for (const m of minutes) {
    if (m.deleted) continue;
    const title = itemTitle(m.agendaItemId);
    if (m.text) out.push({ id: `notes:${m.id}`, kind: 'notes', meetingId: m.meetingId, row: m.id, title, text: m.text });
    if (m.decisions) out.push({ id: `decisions:${m.id}`, kind: 'decisions', meetingId: m.meetingId, row: m.id, title, text: m.decisions });
  }
  for (const a of actions) {
    if (a.deleted) continue;
    const text = [a.action, a.expectedOutcome, a.progress].filter(Boolean).join('\n');
    out.push({ id: `action:${a.id}`, kind: 'action', meetingId: a.meetingId, row: a.id, title: '', text });
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

function normal(term: string): string {
  return term.toLocaleLowerCase('en-GB').replace(/’/g, "'");
}

/** Documents added between pauses when many are added at once. */
const CHUNK = 200;

export class MinutesSearch {
  private readonly index = new MiniSearch<SearchDocument>({
    fields: ['text', 'title'],
    storeFields: [],
    tokenize,
    processTerm: (term) => normal(term),
    // A word of one letter is matched whole: as a prefix it would match most of the index, and take longest.
    searchOptions: { prefix: (term) => term.length > 1, fuzzy: (term) => (term.length > 4 ? 0.2 : false), combineWith: 'AND', boost: { title: 0.5 } },
  });
  private readonly documents = new Map<string, SearchDocument>();

  /** How many documents are indexed. */
  get size(): number {
    return this.documents.size;
  }

  /**
   * Brings the index to these documents: adds the new, replaces the changed,
   * removes the gone. Returns how many it touched. Many at once (the first
   * time) are added in chunks that give the window back between them, so the
   * page stays responsive while the index is built.
   */
  async update(documents: readonly SearchDocument[]): Promise<number> {
    let touched = 0;
    const seen = new Set<string>();
    const added: SearchDocument[] = [];
    for (const doc of documents) {
      seen.add(doc.id);
      const old = this.documents.get(doc.id);
      if (old && old.text === doc.text && old.title === doc.title) continue;
      if (old) this.index.discard(doc.id);
      this.documents.set(doc.id, doc);
      added.push(doc);
      touched++;
    }
    if (added.length > CHUNK) await this.index.addAllAsync(added, { chunkSize: CHUNK });
    else if (added.length > 0) this.index.addAll(added);
    for (const id of [...this.documents.keys()]) {
      if (seen.has(id)) continue;
      this.index.discard(id);
      this.documents.delete(id);
      touched++;
    }
    // MiniSearch vacuums discarded documents in the background on its own; nothing to do here.
    return touched;
  }

  /** The best matches for what is typed, each with its excerpt; at most `limit`. */
  search(query: string, limit = 50): SearchHit[] {
    if (tokenize(query).length === 0) return [];
    const results = this.index.search(query);
    const hits: SearchHit[] = [];
    for (const result of results) {
      const document = this.documents.get(String(result.id));
      if (!document) continue;
      hits.push({ document, score: result.score, excerpt: excerpt(document.text, result.terms) });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

/**
 * The words around the first of `terms` in `text` (about `width` characters
 * either side, cut at spaces), every occurrence of a term marked. Terms are
 * the index's terms, lower case; a word matches when it starts with one (the
 * search matches prefixes as they are typed).
 */
export function excerpt(text: string, terms: readonly string[], width = 60): ExcerptPart[] {
  const wanted = terms.map(normal).filter((t) => t !== '');
  const words = [...text.matchAll(WORD)];
  const matches = (word: string) => wanted.some((t) => normal(word).startsWith(t));
  const first = words.find((w) => matches(w[0]));
  const at = first?.index ?? 0;
  let start = Math.max(0, at - width);
  let end = Math.min(text.length, at + (first?.[0].length ?? 0) + width);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  const parts: ExcerptPart[] = [];
  const push = (value: string, match: boolean) => {
    if (value === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += value;
    else parts.push({ text: value, match });
  };
  if (start > 0) push('… ', false);
  let cursor = start;
  for (const w of words) {
    const index = w.index ?? 0;
    if (index < start || index + w[0].length > end) continue;
    if (!matches(w[0])) continue;
    push(text.slice(cursor, index).replace(/\s+/g, ' '), false);
    push(w[0], true);
    cursor = index + w[0].length;
  }
  push(text.slice(cursor, end).replace(/\s+/g, ' '), false);
  if (end < text.length) push(' …', false);
  return parts;
}

/** The words for where a hit is: "Consortium meeting, 8 December 2026 — 3. Finance: decisions". */
export function whereWords(document: SearchDocument, meeting: Pick<Meeting, 'title' | 'date'> | undefined, item: Pick<AgendaItem, 'title'> | undefined, formatDate: (iso: string) => string): string {
  const at = meeting ? `${meeting.title}, ${formatDate(meeting.date)}` : 'A meeting not on this copy';
  if (document.kind === 'action') return `Action agreed at ${at}`;
  return `${at} — ${item?.title ?? document.title}: ${document.kind === 'notes' ? 'notes' : 'decisions'}`;
}
