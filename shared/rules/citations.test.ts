import { describe, expect, it } from 'vitest';
import { cite, citeInText, constitutionName, ruleOfBedfordshireClause, type CitingConstitution } from './citations';
import { BEDFORDSHIRE_CONSTITUTION, BLANK_CONSTITUTION, CITED_RULES, constitutionSchema, WORCESTERSHIRE_CONSTITUTION } from './constitution';

const WORCESTERSHIRE = 'Worcestershire Infrastructure Consortium strategy';

describe('cite: a rule by the consortium’s own constitution', () => {
  it('cites the Bedfordshire & Luton Partnership Agreement by its clauses', () => {
    expect(cite(BEDFORDSHIRE_CONSTITUTION, 'membershipCriteria')).toBe('Partnership Agreement 5.1');
    expect(cite(BEDFORDSHIRE_CONSTITUTION, 'applicationDecision')).toBe('Partnership Agreement 5.3');
    expect(cite(BEDFORDSHIRE_CONSTITUTION, 'accountableBody')).toBe('Partnership Agreement 8.1');
    expect(cite(BEDFORDSHIRE_CONSTITUTION, 'chair')).toBe('Partnership Agreement 9');
    expect(cite(BEDFORDSHIRE_CONSTITUTION, 'quorum')).toBe('Partnership Agreement 10.6');
  });

  it('cites the Worcestershire strategy by its name alone, since it numbers no clauses', () => {
    for (const rule of CITED_RULES) expect(cite(WORCESTERSHIRE_CONSTITUTION, rule)).toBe(WORCESTERSHIRE);
  });

  it('cites a blank constitution as “the constitution”', () => {
    for (const rule of CITED_RULES) expect(cite(BLANK_CONSTITUTION, rule)).toBe('the constitution');
    expect(constitutionName({ title: '   ' })).toBe('the constitution');
  });

  it('gives a clause the consortium set, and the name alone for one it left empty', () => {
    const own = { title: 'Constitution', clauses: { quorum: '12(b)', notice: '' } };
    expect(cite(own, 'quorum')).toBe('Constitution 12(b)');
    expect(cite(own, 'notice')).toBe('Constitution');
    expect(cite(own, 'chair')).toBe('Constitution');
  });

  it('reads a consortium stored before the name and clauses were settings as the Bedfordshire & Luton default it was set up from', () => {
    const { title: _title, clauses: _clauses, ...before } = BEDFORDSHIRE_CONSTITUTION;
    // As stored: a constitution with neither field.
    expect(cite(before as CitingConstitution, 'notice')).toBe('Partnership Agreement 10.5');
    const parsed = constitutionSchema.parse(before);
    expect(parsed.title).toBe('Partnership Agreement');
    expect(parsed.clauses.override).toBe('8.2');
    expect(cite(null, 'quorum')).toBe('Partnership Agreement 10.6');
  });

  it('keeps a newer copy’s clause for a rule this version does not know, and refuses an overlong reference', () => {
    const parsed = constitutionSchema.safeParse({ ...WORCESTERSHIRE_CONSTITUTION, clauses: { quorum: '4', somethingNew: '7' } });
    expect(parsed.success).toBe(true);
    expect(constitutionSchema.safeParse({ ...BEDFORDSHIRE_CONSTITUTION, clauses: { quorum: 'x'.repeat(21) } }).success).toBe(false);
  });
});

describe('ruleOfBedfordshireClause', () => {
  it('finds the rule of a clause, of its sub-clauses and of its parts', () => {
    expect(ruleOfBedfordshireClause('5.3')).toBe('applicationDecision');
    expect(ruleOfBedfordshireClause('8.1(3)')).toBe('accountableBody');
    expect(ruleOfBedfordshireClause('9.2')).toBe('chair');
    expect(ruleOfBedfordshireClause('5')).toBe('register');
    expect(ruleOfBedfordshireClause('8.3')).toBeUndefined();
    expect(ruleOfBedfordshireClause('12')).toBeUndefined();
  });
});

describe('citeInText: a sentence worded with Bedfordshire & Luton clauses, in the consortium’s words', () => {
  const refusal = 'Bedford CVS’s copy tried to decide a membership application (admit): the chair decides applications (Partnership Agreement 5.3).';

  it('leaves a Bedfordshire & Luton sentence as it was, sub-clauses, lists and ranges included', () => {
    for (const text of [
      refusal,
      'payment is tied to delivery (Partnership Agreement 8.1(3), 8.1(4))',
      'co-opted organisations advise (Partnership Agreement 5.4, 5.5)',
      'members vote (Partnership Agreement 5.4–5.6)',
      'the Chair is elected (Partnership Agreement 9.1)',
      'as the Partnership Agreement says',
    ]) {
      expect(citeInText(BEDFORDSHIRE_CONSTITUTION, text)).toBe(text);
    }
  });

  it('names the Worcestershire strategy without a number', () => {
    expect(citeInText(WORCESTERSHIRE_CONSTITUTION, refusal)).toBe(
      `Bedford CVS’s copy tried to decide a membership application (admit): the chair decides applications (${WORCESTERSHIRE}).`,
    );
    expect(citeInText(WORCESTERSHIRE_CONSTITUTION, 'advise (Partnership Agreement 5.4, 5.5); only the Accountable Body (Partnership Agreement 8.2).')).toBe(
      `advise (${WORCESTERSHIRE}); only the Accountable Body (${WORCESTERSHIRE}).`,
    );
    expect(citeInText(WORCESTERSHIRE_CONSTITUTION, 'the register (Partnership Agreement 5)')).toBe(`the register (${WORCESTERSHIRE})`);
    expect(citeInText(WORCESTERSHIRE_CONSTITUTION, 'as the Partnership Agreement says')).toBe(`as the ${WORCESTERSHIRE} says`);
  });

  it('names a blank constitution “the constitution”, once', () => {
    expect(citeInText(BLANK_CONSTITUTION, refusal)).toContain('the chair decides applications (the constitution).');
    expect(citeInText(BLANK_CONSTITUTION, 'The Partnership Agreement 8.2 allows it')).toBe('The constitution allows it');
  });

  it('gives the consortium’s own clause for the same rule, each once, and the name alone for a clause no rule has', () => {
    const own = { title: 'Terms of Reference', clauses: { coOpted: '3.2', oneMemberOneVote: '3.2', resignation: '3.4', quorum: '6' } };
    expect(citeInText(own, 'advise (Partnership Agreement 5.4, 5.5)')).toBe('advise (Terms of Reference 3.2)');
    expect(citeInText(own, 'members vote (Partnership Agreement 5.4–5.6)')).toBe('members vote (Terms of Reference 3.2, 3.4)');
    expect(citeInText(own, 'inquorate (Partnership Agreement 10.6).')).toBe('inquorate (Terms of Reference 6).');
    expect(citeInText(own, 'arbitration (Partnership Agreement 8.3)')).toBe('arbitration (Terms of Reference)');
  });

  it('leaves text without a citation alone', () => {
    expect(citeInText(WORCESTERSHIRE_CONSTITUTION, 'Nothing was saved: enter a date.')).toBe('Nothing was saved: enter a date.');
  });
});
