/**
 * Who holds which office when: the role timeline, resolved from role grants
 * (docs/architecture.md, "Authority").
 *
 * A grant (shared/domain/entities.ts roleGrantSchema) gives one office —
 * secretariat, chair, Accountable Body — to one copy from a date. It is a
 * signed, synced record like any other, written once. Grants are resolved
 * before anything else, as Matrix resolves its power events first (state
 * resolution v2): in clock order, each judged by the timeline built from the
 * grants accepted before it. A grant is accepted when its author held the
 * secretariat or the Accountable Body at the grant's clock time — or, for the
 * very first grants, when its author is the consortium's founder (the copy
 * that set it up) and nobody holds either office yet. So no copy can give
 * itself a role, and every copy holding the same grants draws the same
 * timeline, whatever order they arrived in.
 *
 * An office is held from the later of its date (midnight, Europe/London) and
 * the moment the grant was made: a grant never reaches back to undo what the
 * previous holder did in good faith. The holder of an office at a moment is
 * the grant in effect then with the latest start (ties: the later grant). A
 * new chair's grant therefore ends the old chair's term on its date, and a
 * decision the old chair makes after it is refused on every copy.
 *
 * Changes are placed on the timeline by their whole clock stamp, as the merge
 * orders them, not by the millisecond alone: a change the previous holder
 * made in the same millisecond as the grant but before it (a smaller stamp —
 * on its own copy, the Accountable Body's last approval just before it grants
 * the office to its successor) was made in office, on every copy.
 */
import type { Office } from '../domain/entities';
import { formatTimestamp, parseTimestamp } from './hlc';
import { nodeOfStamp } from './stamp';

export interface GrantValues {
  office: Office;
  node: string;
  organisationId: string;
  from: string;
}

/** A grant as written: its row id, clock stamp (which names its author) and values. */
export interface GrantCandidate {
  id: string;
  hlc: string;
  values: GrantValues;
}

export interface OfficeTerm {
  grantId: string;
  office: Office;
  holder: string;
  organisationId: string;
  /** Milliseconds since the epoch at which the office is held. */
  startsAt: number;
  /**
   * The clock stamp from which the office is held: the grant's own stamp, or
   * midnight of its date (a stamp that sorts before every change made in that
   * millisecond) when that is later. Changes are judged against this.
   */
  startsFrom: string;
  grantHlc: string;
  grantedBy: string;
}

const EMPTY: ReadonlySet<Office> = new Set();

/** Milliseconds at midnight, Europe/London, at the start of an ISO date. */
export function londonMidnight(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  // Europe/London is UTC or UTC+1; find the offset in force at that midnight.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(utc));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  return hour === 1 ? utc - 3_600_000 : utc;
}

export class RoleTimeline {
  private readonly byOffice = new Map<Office, OfficeTerm[]>();

  constructor(
    /** The copy that set the consortium up: the root of every grant. */
    readonly founder: string,
    readonly terms: readonly OfficeTerm[],
    /** Copy → member organisation, from the consortium's register of copies. */
    private readonly organisations: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const term of terms) {
      let list = this.byOffice.get(term.office);
      if (!list) this.byOffice.set(term.office, (list = []));
      list.push(term);
    }
    for (const list of this.byOffice.values()) list.sort((a, b) => (a.startsFrom < b.startsFrom ? -1 : a.startsFrom > b.startsFrom ? 1 : a.grantHlc < b.grantHlc ? -1 : 1));
  }

  /** The last term of an office (in order of start) that has started by `started`, if any: terms are sorted, so the first not started ends the search. */
  private lastStarted(office: Office, started: (term: OfficeTerm) => boolean): OfficeTerm | undefined {
    let found: OfficeTerm | undefined;
    for (const term of this.byOffice.get(office) ?? []) {
      if (!started(term)) break;
      found = term;
    }
    return found;
  }

  /** The term of an office in force at a moment (ms), if anyone holds it. */
  termAt(office: Office, millis: number): OfficeTerm | undefined {
    return this.lastStarted(office, (term) => term.startsAt <= millis);
  }

  /** The term of an office in force at a clock stamp (a change's), if anyone holds it. */
  termAtStamp(office: Office, hlc: string): OfficeTerm | undefined {
    return this.lastStarted(office, (term) => term.startsFrom <= hlc);
  }

  /** The offices a copy holds at the moment of a clock stamp. */
  officesAt(node: string, hlc: string): ReadonlySet<Office> {
    if (this.terms.length === 0) return EMPTY;
    let out: Set<Office> | undefined;
    for (const office of this.byOffice.keys()) {
      if (this.termAtStamp(office, hlc)?.holder === node) (out ??= new Set()).add(office);
    }
    return out ?? EMPTY;
  }

  /** The offices a copy holds now. */
  officesNow(node: string, now: number): ReadonlySet<Office> {
    const out = new Set<Office>();
    for (const office of this.byOffice.keys()) if (this.termAt(office, now)?.holder === node) out.add(office);
    return out;
  }

  /** The member organisation whose copy this is ('' if not known). */
  organisationOf(node: string): string {
    const registered = this.organisations.get(node);
    if (registered) return registered;
    for (let i = this.terms.length - 1; i >= 0; i--) if (this.terms[i]!.holder === node && this.terms[i]!.organisationId) return this.terms[i]!.organisationId;
    return '';
  }

  withOrganisations(organisations: ReadonlyMap<string, string>): RoleTimeline {
    return new RoleTimeline(this.founder, this.terms, organisations);
  }

  /** A string that changes whenever the timeline does (to know when past changes need judging again). */
  signature(): string {
    const terms = this.terms.map((t) => `${t.grantId}@${t.grantHlc}`).sort();
    const orgs = [...this.organisations].map(([n, o]) => `${n}=${o}`).sort();
    return `${this.founder}|${terms.join(',')}|${orgs.join(',')}`;
  }

  /** Copies whose offices or organisation differ between two timelines. */
  static changedCopies(a: RoleTimeline, b: RoleTimeline): Set<string> {
    const out = new Set<string>();
    const termsA = new Map(a.terms.map((t) => [t.grantId, t]));
    const termsB = new Map(b.terms.map((t) => [t.grantId, t]));
    const changedOffices = new Set<Office>();
    for (const [id, t] of termsA) if (termsB.get(id)?.grantHlc !== t.grantHlc) changedOffices.add(t.office);
    for (const [id, t] of termsB) if (termsA.get(id)?.grantHlc !== t.grantHlc) changedOffices.add(t.office);
    // Any change to an office's terms changes what every holder of it may do: a term ends when the next one
    // starts, so a grant added, or one that no longer stands, moves the end of another holder's term too
    // (even when the number of terms stays the same: one grant refused, another accepted).
    for (const office of changedOffices) for (const t of [...(a.byOffice.get(office) ?? []), ...(b.byOffice.get(office) ?? [])]) out.add(t.holder);
    const nodes = new Set([...a.organisations.keys(), ...b.organisations.keys()]);
    for (const node of nodes) if ((a.organisations.get(node) ?? '') !== (b.organisations.get(node) ?? '')) out.add(node);
    if (a.founder !== b.founder) out.add('*');
    return out;
  }
}

export interface GrantResolution {
  timeline: RoleTimeline;
  /** Grant id → the grant accepted for it. */
  accepted: Map<string, GrantCandidate>;
  refused: Array<{ candidate: GrantCandidate; reason: string }>;
}

const GRANTORS: Office[] = ['secretariat', 'accountable-body'];

/** Resolves every grant ever written into the timeline, deterministically (see the top of this file). */
/** Constitution settings a grant must respect (shared/rules/constitution.ts). */
export interface GrantRules {
  /** Partnership Agreement 9.1: the Chair is elected from members' representatives other than the Accountable Body's. */
  accountableBodyMayChair: boolean;
}

export function resolveGrants(
  founder: string,
  candidates: Iterable<GrantCandidate>,
  organisations: ReadonlyMap<string, string> = new Map(),
  rules: GrantRules = { accountableBodyMayChair: true },
): GrantResolution {
  const sorted = [...candidates].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
  const terms: OfficeTerm[] = [];
  const accepted = new Map<string, GrantCandidate>();
  const refused: GrantResolution['refused'] = [];
  let timeline = new RoleTimeline(founder, terms, organisations);
  for (const candidate of sorted) {
    const author = nodeOfStamp(candidate.hlc);
    const millis = parseTimestamp(candidate.hlc).millis;
    const held = timeline.officesAt(author, candidate.hlc);
    const nobodyRuns = GRANTORS.every((office) => timeline.termAtStamp(office, candidate.hlc) === undefined);
    const mayGrant = GRANTORS.some((office) => held.has(office)) || (author === founder && nobodyRuns);
    const earlier = accepted.get(candidate.id);
    if (earlier && sameGrant(earlier.values, candidate.values)) continue;
    if (earlier) {
      refused.push({ candidate, reason: 'a role, once granted, is not changed: a new grant replaces it' });
      continue;
    }
    if (!mayGrant) {
      refused.push({ candidate, reason: 'only the secretariat or the Accountable Body grants roles, and no copy gives itself one' });
      continue;
    }
    const accountableBody = timeline.termAtStamp('accountable-body', candidate.hlc)?.organisationId ?? '';
    if (candidate.values.office === 'chair' && !rules.accountableBodyMayChair && accountableBody !== '' && accountableBody === candidate.values.organisationId) {
      refused.push({ candidate, reason: 'the chair is elected from members’ representatives other than the Accountable Body’s (the constitution, 9.1)' });
      continue;
    }
    accepted.set(candidate.id, candidate);
    // The founder's own first grant: it has run the consortium since it set it up, so its term has no start (what it wrote before the grant, in a store from before grants, was written in office).
    const founding = !GRANTORS.some((office) => held.has(office)) && candidate.values.node === founder;
    terms.push({
      grantId: candidate.id,
      office: candidate.values.office,
      holder: candidate.values.node,
      organisationId: candidate.values.organisationId,
      startsAt: founding ? 0 : Math.max(londonMidnight(candidate.values.from), millis),
      startsFrom: founding ? '' : startOf(candidate),
      grantHlc: candidate.hlc,
      grantedBy: author,
    });
    timeline = new RoleTimeline(founder, terms, organisations);
  }
  return { timeline, accepted, refused };
}

/** The clock stamp a grant's term starts from: its own, or midnight of its date when that is later (roles.ts, top). */
function startOf(candidate: GrantCandidate): string {
  const midnight = formatTimestamp(londonMidnight(candidate.values.from), 0, '');
  return midnight > candidate.hlc ? midnight : candidate.hlc;
}

function sameGrant(a: GrantValues, b: GrantValues): boolean {
  return a.office === b.office && a.node === b.node && a.organisationId === b.organisationId && a.from === b.from;
}

/** The id of a grant: one per office, copy and start date, whichever copy writes it. */
export function grantIdFor(values: Pick<GrantValues, 'office' | 'node' | 'from'>): string {
  return `grant:${values.office}:${values.from}:${values.node}`;
}
