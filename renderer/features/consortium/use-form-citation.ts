/**
 * Citations in the words of the constitution a set-up or Settings form is editing, as
 * typed so far: choosing the Worcestershire preset, or renaming the constitution,
 * changes the hints at once (shared/rules/citations.ts).
 */
import { useWatch } from 'react-hook-form';
import type { Clauses } from '../../../shared/rules';
import { citationFor, type Citation } from '../../app/use-citation';

export function useFormCitation(): Citation {
  const [title, clauses] = useWatch({ name: ['consortium.constitution.title', 'consortium.constitution.clauses'] }) as [
    string | undefined,
    Clauses | undefined,
  ];
  return citationFor({ title: title ?? '', clauses: clauses ?? {} });
}
