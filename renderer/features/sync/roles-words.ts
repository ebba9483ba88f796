/**
 * Who holds which office, in words: the role timeline (shared/sync/roles.ts)
 * read for people. Who holds the secretariat, the chair and the Accountable
 * Body now and since when; the history of grants, each with what became of it
 * (in office, ended when the next holder took over, still to come); the roles
 * of one copy in a sentence ("Chair since 1 April 2027; copy of Bedford CVS");
 * and what a grant about to be made will do ("Chair from 1 April 2027").
 * Pure: the Sync page's "Roles in the consortium", Settings, the header and
 * the dashboard all say roles this one way.
 */
import { OFFICES, ROLE_IN_A_SENTENCE, ROLE_LABELS, type InstallationRole, type Office } from '../../../shared/domain/entities';
import { introducesPartners, roleOfOffices } from '../../../shared/sync/authority';
import type { OfficeTerm, RoleTimeline } from '../../../shared/sync/roles';
import { parseTimestamp } from '../../../shared/sync/hlc';
import { formatDate } from '../../../shared/rules/calendar-date';
import { londonToday } from '../../db/london-today';

/** Names to say copies and organisations with: the register's organisations and the copies this one knows. */
export interface RoleNames {
  /** This copy's node id. */
  self: string;
  /** Node id → the name the copy is enrolled under (or known by). */
  copies: ReadonlyMap<string, string>;
  /** Organisation id → its name in the register. */
  organisations: ReadonlyMap<string, string>;
}

/** The ISO date (Europe/London) of a moment. */
export function londonDateOf(millis: number): string {
  return londonToday(new Date(millis));
}

/** "22 November 2026" for a moment. */
export function dayOf(millis: number): string {
  return formatDate(londonDateOf(millis));
}

/**
 * The moment a term began, to say it: its start, or — for the founder's own
 * first grant, which has no start (roles.ts: it ran the consortium from the
 * moment it set it up) — the moment that grant was made.
 */
export function beganAt(term: Pick<OfficeTerm, 'startsAt' | 'grantHlc'>): number {
  return term.startsAt > 0 ? term.startsAt : parseTimestamp(term.grantHlc).millis;
}

/** An office as a label ("Accountable Body") and inside a sentence ("the Accountable Body"). */
export const officeLabel = (office: Office): string => ROLE_LABELS[office];
export const officeInASentence = (office: Office): string => ROLE_IN_A_SENTENCE[office];

/** Only the secretariat or the Accountable Body grants roles (roles.ts). */
export function mayGrantRoles(offices: ReadonlySet<Office>): boolean {
  return introducesPartners(offices);
}

/** The organisation a copy belongs to, by name ('' when not known). */
export function organisationNameOf(node: string, timeline: RoleTimeline, names: RoleNames, organisationId?: string): string {
  const id = organisationId || timeline.organisationOf(node);
  return (id && names.organisations.get(id)) || '';
}

/** Which copy, for a list: "this copy", "the copy enrolled as Voluntary Action Luton", or a short id for one not enrolled here. */
export function copyWords(node: string, names: RoleNames): string {
  if (node === names.self) return 'this copy';
  const name = names.copies.get(node);
  return name ? `the copy enrolled as ${name}` : `a copy not enrolled here (${node.slice(0, 8)})`;
}

/** Who holds a term: the organisation's name if known, else the copy's. */
export function holderName(term: Pick<OfficeTerm, 'holder' | 'organisationId'>, timeline: RoleTimeline, names: RoleNames): string {
  return organisationNameOf(term.holder, timeline, names, term.organisationId) || names.copies.get(term.holder) || `Copy ${term.holder.slice(0, 8)}`;
}

export interface HolderNow {
  office: Office;
  label: string;
  /** Undefined when nobody holds the office now. */
  term?: OfficeTerm;
  organisation: string;
  copy: string;
  since: string;
}

/** Who holds each office now, in the order the constitution names them. */
export function holdersNow(timeline: RoleTimeline, now: number, names: RoleNames): HolderNow[] {
  return OFFICES.map((office) => {
    const term = timeline.termAt(office, now);
    if (!term) return { office, label: officeLabel(office), organisation: '', copy: '', since: '' };
    return { office, label: officeLabel(office), term, organisation: holderName(term, timeline, names), copy: copyWords(term.holder, names), since: dayOf(beganAt(term)) };
  });
}

export type TermState = 'in-office' | 'to-come' | 'ended' | 'never-held';

export interface TermView {
  term: OfficeTerm;
  state: TermState;
  /** When it ends (the next holder's start), if a later grant ends it. */
  endsAt?: number;
  /** The grant that ends it. */
  endedBy?: OfficeTerm;
  title: string;
  /** When and by whom it was granted, and what became of it. */
  detail: string;
}

/** Each office's terms in the order the timeline holds them (start, then grant stamp). */
function termsByOffice(timeline: RoleTimeline): Map<Office, OfficeTerm[]> {
  const out = new Map<Office, OfficeTerm[]>();
  for (const term of timeline.terms) {
    let list = out.get(term.office);
    if (!list) out.set(term.office, (list = []));
    list.push(term);
  }
  for (const list of out.values()) list.sort((a, b) => a.startsAt - b.startsAt || (a.grantHlc < b.grantHlc ? -1 : 1));
  return out;
}

function grantedByWords(term: OfficeTerm, timeline: RoleTimeline, names: RoleNames): string {
  const by = term.grantedBy === names.self ? 'this copy' : organisationNameOf(term.grantedBy, timeline, names) || names.copies.get(term.grantedBy) || `copy ${term.grantedBy.slice(0, 8)}`;
  return `granted on ${dayOf(parseTimestamp(term.grantHlc).millis)} by ${by}`;
}

/** The history of grants, newest start first, each with what became of it at `now`. */
export function grantHistory(timeline: RoleTimeline, now: number, names: RoleNames): TermView[] {
  const out: TermView[] = [];
  for (const [office, list] of termsByOffice(timeline)) {
    const current = timeline.termAt(office, now);
    list.forEach((term, index) => {
      const next = list[index + 1];
      const holder = holderName(term, timeline, names);
      const title = `${officeLabel(office)}: ${holder}${term.holder === names.self ? ' (this copy)' : ''}`;
      const granted = grantedByWords(term, timeline, names);
      let state: TermState;
      let detail: string;
      if (term === current) {
        state = 'in-office';
        detail = `In office since ${dayOf(beganAt(term))}; ${granted}.`;
      } else if (term.startsAt > now) {
        state = 'to-come';
        detail = `From ${dayOf(beganAt(term))}, not yet in force; ${granted}.`;
      } else if (next && next.startsAt <= term.startsAt) {
        state = 'never-held';
        detail = `Replaced before it began by the grant to ${holderName(next, timeline, names)}; ${granted}.`;
      } else {
        state = 'ended';
        detail = next
          ? `From ${dayOf(beganAt(term))} to ${dayOf(beganAt(next))}, when ${holderName(next, timeline, names)} took it on; ${granted}.`
          : `From ${dayOf(beganAt(term))}; ${granted}.`;
      }
      out.push({ term, state, ...(next ? { endsAt: next.startsAt, endedBy: next } : {}), title, detail });
    });
  }
  return out.sort((a, b) => b.term.startsAt - a.term.startsAt || (a.term.grantHlc < b.term.grantHlc ? 1 : -1));
}

/** The offices a copy holds now, in the constitution's order. */
export function officesHeld(timeline: RoleTimeline, node: string, now: number): Office[] {
  const held = timeline.officesNow(node, now);
  return OFFICES.filter((office) => held.has(office));
}

/** The role a copy's offices add up to now (secretariat, Accountable Body, chair, else partner). */
export function roleNow(timeline: RoleTimeline, node: string, now: number): InstallationRole {
  return roleOfOffices(timeline.officesNow(node, now));
}

/** The offices as a label for the header: "Secretariat", "Secretariat and Chair", or "Partner organisation". */
export function officesLabel(offices: readonly Office[]): string {
  if (offices.length === 0) return ROLE_LABELS.partner;
  const labels = offices.map(officeLabel);
  return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}`;
}

/** The offices inside a sentence: "the secretariat and the chair", or "a partner organisation". */
export function officesInASentence(offices: readonly Office[]): string {
  if (offices.length === 0) return ROLE_IN_A_SENTENCE.partner;
  const words = offices.map(officeInASentence);
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

/**
 * One copy's roles in a sentence, from the grants: "Chair since 1 April 2027;
 * copy of Bedford CVS", "Partner organisation (no office granted); copy of
 * Bedford CVS", with offices granted but not yet begun: "…; Chair from 1 April 2027".
 */
export function copyRolesSentence(timeline: RoleTimeline, node: string, now: number, organisationName: string): string {
  const parts: string[] = [];
  for (const office of OFFICES) {
    const term = timeline.termAt(office, now);
    if (term?.holder === node) parts.push(`${officeLabel(office)} since ${dayOf(beganAt(term))}`);
  }
  if (parts.length === 0) parts.push(`${ROLE_LABELS.partner} (no office granted)`);
  const coming = timeline.terms
    .filter((term) => term.holder === node && term.startsAt > now)
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((term) => `${officeLabel(term.office)} from ${dayOf(beganAt(term))}`);
  const copy = organisationName ? [`copy of ${organisationName}`] : [];
  return [...parts, ...copy, ...coming].join('; ');
}

/**
 * What a grant about to be made will do: "Chair from 1 April 2027"; from
 * today or a day already past it starts when it is made, since a role never
 * reaches back before its grant (roles.ts).
 */
export function grantSummary(office: Office, from: string, today: string): string {
  if (from > today) return `${officeLabel(office)} from ${formatDate(from)}`;
  if (from === today) return `${officeLabel(office)} from today, ${formatDate(today)}`;
  return `${officeLabel(office)} from today, ${formatDate(today)}: ${formatDate(from)} has passed, and a role never begins before it is granted`;
}
