/**
 * How the register's screens name the consortium's constitution, in one place
 * (shared/rules/citations.ts): its title ("Partnership Agreement"), or "the
 * constitution" when it has none or the consortium is not known yet.
 */
import type { Consortium } from '../../../shared/domain/entities';
import { constitutionName as nameOf } from '../../../shared/rules/citations';

export function constitutionName(consortium: Pick<Consortium, 'constitution'> | null | undefined): string {
  if (!consortium) return 'the constitution';
  const name = nameOf(consortium.constitution);
  // "Partnership Agreement" reads as "the Partnership Agreement" inside a sentence.
  return name === 'the constitution' || /^the\s/i.test(name) ? name : `the ${name}`;
}
