/**
 * The consortium's details and constitution as a form edits them, shared by set-up and
 * Settings. Values live under `consortium` so a larger form (set-up adds this
 * installation's role) can hold them beside its own fields.
 */
import type { z } from 'zod';
import { consortiumSchema, type Consortium } from '../../../shared/domain/entities';
import {
  BEDFORDSHIRE_CLAUSES,
  BEDFORDSHIRE_CONSTITUTION,
  BEDFORDSHIRE_TITLE,
  CITED_RULES,
  NATION_LABELS,
  NATIONS,
  type Constitution,
} from '../../../shared/rules';
import type { Choice } from '../../ui/fields';

export type ConsortiumFormInput = z.input<typeof consortiumSchema>;
export interface ConsortiumFormShape {
  consortium: ConsortiumFormInput;
}

export const MONTH_CHOICES: Choice[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
].map((label, index) => ({ value: index + 1, label }));

// The schema allows days 1 to 28 so every month has the day.
export const DAY_CHOICES: Choice[] = Array.from({ length: 28 }, (_, i) => ({ value: i + 1, label: String(i + 1) }));

export const NATION_CHOICES: Choice[] = NATIONS.map((nation) => ({ value: nation, label: NATION_LABELS[nation] }));

/**
 * A constitution for a form to edit: a copy, with a field for every rule's clause ('' for
 * none, so a field left as it was is not a change). One stored before its name and
 * clauses were settings gets Bedfordshire & Luton's, as its schema's defaults give
 * (shared/rules/constitution.ts); clauses a newer version added are kept.
 */
export function copyConstitution(constitution: Constitution): Constitution {
  const stored: Partial<Pick<Constitution, 'title' | 'clauses'>> = constitution;
  const clauses = stored.clauses ?? BEDFORDSHIRE_CLAUSES;
  return {
    ...constitution,
    title: stored.title ?? BEDFORDSHIRE_TITLE,
    clauses: { ...clauses, ...Object.fromEntries(CITED_RULES.map((rule) => [rule, clauses[rule] ?? ''])) },
    membershipCriteria: [...constitution.membershipCriteria],
    // Settings added with decisions (docs/architecture.md, "Decisions"): a consortium stored before them has the defaults.
    chairCastingVote: constitution.chairCastingVote ?? false,
    electionTie: constitution.electionTie ?? 'second-ballot',
    specialMajorities: (constitution.specialMajorities ?? []).map((m) => ({ ...m })),
  };
}

export function newConsortiumValues(): ConsortiumFormInput {
  return {
    name: '',
    area: '',
    nation: 'england-and-wales',
    financialYearStartMonth: 4, // Financial year 1 April to 31 March (docs/architecture.md, "Where the rules come from")
    financialYearStartDay: 1,
    constitution: copyConstitution(BEDFORDSHIRE_CONSTITUTION),
    accountableBodyId: '',
  };
}

/** The editable values of a stored consortium, without its sync bookkeeping. */
export function consortiumValuesOf(row: Consortium): ConsortiumFormInput {
  return {
    name: row.name,
    area: row.area,
    nation: row.nation,
    financialYearStartMonth: row.financialYearStartMonth,
    financialYearStartDay: row.financialYearStartDay,
    constitution: copyConstitution(row.constitution),
    accountableBodyId: row.accountableBodyId,
  };
}
