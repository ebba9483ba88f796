/**
 * Whether a change may stand: judged the same way on every copy, for every
 * field of every change, imported or made here (docs/architecture.md, "Authority").
 *
 * A change is judged by
 *   - the roles in force at its clock time (roles.ts: the offices its origin
 *     held then, and the member organisation whose copy it is);
 *   - the record's owner (a partner's copy writes only its own organisation's
 *     claims, answers and register entry);
 *   - the record's state (lifecycles.ts: an approved claim cannot be edited,
 *     an event must be legal in the state reached by the events before it);
 *   - the record's kind (shared/domain/registry.ts): its schema (a value that
 *     is not valid is refused on its own), its natural key (a one-per-something
 *     record has the id made from what it is one of, and that never changes)
 *     and its own rule of who writes it.
 * Every input is something every copy holding the same changes agrees on, and
 * the merge judges a record's changes in clock order (folding the record again
 * when one arrives late), so every copy reaches the same decision whatever
 * order the bundles arrive in.
 *
 * A change to a kind of record or a field this version does not know is
 * neither applied nor refused: it is kept, forwarded, and applied once this
 * copy is updated.
 */
import { sameJson } from './canonical-json';
import { fieldSchemaOf, kindOf, type ProposedChange } from '../domain/registry';
import { isEventField, isRefusal, stateOf, type Actor, type Refusal } from '../rules/lifecycles';
import type { RoleTimeline } from './roles';

export type { Refusal } from '../rules/lifecycles';

export type Verdict = { kind: 'allowed' } | { kind: 'refused'; refusal: Refusal } | { kind: 'unknown' };

const ALLOWED: Verdict = { kind: 'allowed' };
const UNKNOWN: Verdict = { kind: 'unknown' };
const refused = (refusal: Refusal): Verdict => ({ kind: 'refused', refusal });

/** The actor behind a change: what its origin held at the change's clock time. */
export function actorAt(timeline: RoleTimeline, node: string, hlc: string): Actor {
  return { offices: timeline.officesAt(node, hlc), organisationId: timeline.organisationOf(node) };
}

/** Judges one field of one change. Role grants are judged by the role timeline instead (roles.ts). */
export function judge(change: ProposedChange): Verdict {
  const kind = kindOf(change.table);
  if (!kind) return UNKNOWN;
  const schema = fieldSchemaOf(kind, change.field);
  if (!schema) return UNKNOWN;
  const parsed = schema.safeParse(change.value);
  const noun = kind.words[0];
  const a = /^[aeiou]/i.test(noun) ? 'an' : 'a';
  if (!parsed.success) {
    return refused({ action: `give ${a} ${noun} a value that is not valid`, reason: parsed.error.issues[0]?.message ?? 'the value does not fit' });
  }
  const before = change.before;
  if (kind.writeOnce && before !== undefined && Object.hasOwn(before, change.field) && !sameJson(before[change.field], change.value)) {
    return refused({ action: `change ${a} ${noun}`, reason: 'it is written once; a new one replaces it' });
  }
  if (kind.naturalKey) {
    if (before === undefined) {
      const id = kind.naturalKey.id({ ...change.entryFields });
      if (id !== change.row) return refused({ action: `create ${a} ${noun} under an id that is not its own`, reason: `there is one ${noun} per ${kind.naturalKey.fields.join(' and ')}, with the id made from them` });
    } else if (kind.naturalKey.fields.includes(change.field) && Object.hasOwn(before, change.field) && !sameJson(before[change.field], change.value)) {
      return refused({ action: `change what ${a} ${noun} is for`, reason: `${a} ${noun} stays the one for its ${kind.naturalKey.fields.join(' and ')}` });
    }
  }
  if (kind.lifecycle) {
    const lifecycle = kind.lifecycle;
    const state = stateOf(lifecycle, before ?? {});
    const after = { ...(before ?? {}), ...change.entryFields };
    if (isEventField(change.field)) {
      if (before !== undefined && Object.hasOwn(before, change.field)) return refused({ action: `rewrite a step already recorded on ${a} ${noun}`, reason: 'what happened stays recorded' });
      const next = lifecycle.step(state, change.value as { type: string } & Record<string, unknown>, change.actor, after);
      if (isRefusal(next)) return refused(next);
    } else {
      const refusal = lifecycle.canEdit(state, change.field, change.actor, after);
      if (refusal) return refused(refusal);
    }
  }
  const own = kind.judge(change);
  return own ? refused(own) : ALLOWED;
}

/** The sentence a secretariat reads for a refused change: "Wychavon CVS’s copy tried to change a claim already approved by the Accountable Body: what was approved is what is paid." */
export function refusalSentence(copyName: string, refusal: Refusal): string {
  return `${copyName}’s copy tried to ${refusal.action}: ${refusal.reason}.`;
}

/** May a copy holding these offices (or this role) vouch for other copies (its register rows count as enrolments everywhere)? */
export function introducesPartners(offices: ReadonlySet<string> | string | undefined): boolean {
  if (offices === undefined) return false;
  if (typeof offices === 'string') return offices === 'secretariat' || offices === 'accountable-body';
  return offices.has('secretariat') || offices.has('accountable-body');
}

/** The role a copy's offices add up to, for words and the trust list: the secretariat's, the Accountable Body's, the chair's, else a partner's. */
export function roleOfOffices(offices: ReadonlySet<string>): 'secretariat' | 'accountable-body' | 'chair' | 'partner' {
  if (offices.has('secretariat')) return 'secretariat';
  if (offices.has('accountable-body')) return 'accountable-body';
  if (offices.has('chair')) return 'chair';
  return 'partner';
}
