/**
 * Citations in the words of the consortium on this copy (shared/rules/citations.ts;
 * docs/architecture.md, "Where the rules come from"): `cite('quorum')` gives
 * "Partnership Agreement 10.6" for Bedfordshire & Luton and "Worcestershire
 * Infrastructure Consortium strategy" for Worcestershire; `citeInText(sentence)`
 * rewrites a sentence worded with Bedfordshire & Luton clauses, such as a refusal.
 *
 * The constitution comes from the Shell, which has read the consortium before any
 * page shows (Shell.tsx), so a page never shows Bedfordshire's words while its own
 * query loads. Before set-up (null), sentences are left as they are.
 */
import { createContext, useContext, useMemo } from 'react';
import { cite, citeInText, type CitingConstitution } from '../../shared/rules/citations';
import type { CitedRule } from '../../shared/rules';

export interface Citation {
  /** "Partnership Agreement 5.1", "Worcestershire Infrastructure Consortium strategy", "the constitution". */
  cite(rule: CitedRule): string;
  /** The sentence with each "Partnership Agreement N" in this consortium's words. */
  citeInText(text: string): string;
}

/** The constitution of the consortium on this copy, null before set-up; provided by the Shell. */
export const ConstitutionContext = createContext<CitingConstitution | null>(null);

/** A citation for a given constitution: for a form that edits one, before it is saved. */
export function citationFor(constitution: CitingConstitution | null | undefined): Citation {
  return {
    cite: (rule) => cite(constitution, rule),
    citeInText: (text) => (constitution ? citeInText(constitution, text) : text),
  };
}

export function useCitation(): Citation {
  const constitution = useContext(ConstitutionContext);
  return useMemo(() => citationFor(constitution), [constitution]);
}
