/**
 * Citations in the consortium's own words (docs/architecture.md, "Where the rules come
 * from"). The rules are worded once, with the Bedfordshire & Luton Partnership
 * Agreement's clause numbers ("the chair decides applications (Partnership Agreement
 * 5.3)"); what a person reads names their consortium's constitution and its clause for
 * the same rule: "(Worcestershire Infrastructure Consortium strategy)", "(the
 * constitution)".
 */
import { BEDFORDSHIRE_CLAUSES, BEDFORDSHIRE_TITLE, CITED_RULES, type CitedRule, type Clauses } from './constitution';

/**
 * What a citation needs of a constitution. Both optional: a consortium stored before
 * they were settings holds neither, and reads as the Bedfordshire & Luton default it
 * was set up from (shared/rules/constitution.ts).
 */
export interface CitingConstitution {
  title?: string;
  clauses?: Clauses;
}

/** The name the constitution is cited by: its title, or "the constitution" when it has none. */
export function constitutionName(constitution: CitingConstitution | null | undefined): string {
  const title = (constitution?.title ?? BEDFORDSHIRE_TITLE).trim();
  return title === '' ? 'the constitution' : title;
}

function clauseOf(constitution: CitingConstitution | null | undefined, rule: CitedRule): string {
  const clauses = constitution?.clauses ?? BEDFORDSHIRE_CLAUSES;
  return (clauses[rule] ?? '').trim();
}

/** "Partnership Agreement 5.1", "Worcestershire Infrastructure Consortium strategy", "the constitution". */
export function cite(constitution: CitingConstitution | null | undefined, rule: CitedRule): string {
  const clause = clauseOf(constitution, rule);
  const name = constitutionName(constitution);
  return clause === '' ? name : `${name} ${clause}`;
}

// The Bedfordshire & Luton clause of each rule, to read a sentence worded with them.
const RULE_OF_BEDFORDSHIRE_CLAUSE = new Map<string, CitedRule>(CITED_RULES.map((rule) => [BEDFORDSHIRE_CLAUSES[rule], rule]));

/** The rule a Bedfordshire & Luton clause reference is about: 8.1(3) → 8.1, 9.2 → 9; undefined for a clause no rule has. */
export function ruleOfBedfordshireClause(reference: string): CitedRule | undefined {
  let clause = reference.replace(/\(.*$/, '');
  for (;;) {
    const rule = RULE_OF_BEDFORDSHIRE_CLAUSE.get(clause);
    if (rule) return rule;
    const dot = clause.lastIndexOf('.');
    if (dot < 0) return undefined;
    clause = clause.slice(0, dot);
  }
}

const REFERENCE = String.raw`\d+(?:\.\d+)*(?:\(\d+\))*`;
const SEPARATOR = String.raw`(?:,\s*|\s+and\s+|\s*[–-]\s*)`;
// "the Partnership Agreement", "Partnership Agreement 5.3", "Partnership Agreement 5.4, 5.5", "Partnership Agreement 5.4–5.6".
const CITATION = new RegExp(String.raw`(\b[Tt]he\s+)?Partnership Agreement(?:\s+(${REFERENCE}(?:${SEPARATOR}${REFERENCE})*))?`, 'g');
const REFERENCES = new RegExp(REFERENCE, 'g');

/**
 * The clause of this constitution for a Bedfordshire & Luton clause reference: the
 * reference itself where the rule's clause is Bedfordshire's (so 8.1(3) stays 8.1(3)),
 * else the consortium's clause, '' when it has none or no rule has the clause.
 */
function translate(constitution: CitingConstitution | null | undefined, reference: string): string {
  const rule = ruleOfBedfordshireClause(reference);
  if (!rule) return '';
  const clause = clauseOf(constitution, rule);
  return clause === BEDFORDSHIRE_CLAUSES[rule] ? reference : clause;
}

/**
 * Rewrites, in a sentence worded with the Bedfordshire & Luton Partnership Agreement's
 * clauses, every citation of it into this constitution's own: "(Partnership Agreement
 * 5.3)" reads "(Worcestershire Infrastructure Consortium strategy)" there. A clause no
 * rule has is cited by the constitution's name alone. A Bedfordshire & Luton
 * constitution leaves the sentence as it was.
 */
export function citeInText(constitution: CitingConstitution | null | undefined, text: string): string {
  const name = constitutionName(constitution);
  return text.replace(CITATION, (_whole: string, the: string | undefined, references: string | undefined) => {
    // "the Partnership Agreement" becomes "the constitution", not "the the constitution".
    const lead = the ?? '';
    const named = lead !== '' && /^the /.test(name) ? `${lead}${name.slice(4)}` : `${lead}${name}`;
    if (references === undefined) return named;
    const found = references.match(REFERENCES) ?? [];
    const translated = found.map((reference) => translate(constitution, reference));
    // Every clause unchanged: keep the list as written, with its commas and ranges.
    if (translated.every((clause, i) => clause === found[i])) return `${named} ${references}`;
    const clauses = [...new Set(translated.filter((clause) => clause !== ''))];
    return clauses.length === 0 ? named : `${named} ${clauses.join(', ')}`;
  });
}
