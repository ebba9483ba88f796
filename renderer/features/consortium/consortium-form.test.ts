import { describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION, CITED_RULES, WORCESTERSHIRE_CONSTITUTION, type Constitution } from '../../../shared/rules';
import { copyConstitution } from './consortium-form';

describe('copyConstitution: a constitution as a form edits it', () => {
  it('gives a consortium stored before its name and clauses were settings the Bedfordshire & Luton ones it was set up from', () => {
    const { title: _title, clauses: _clauses, ...stored } = BEDFORDSHIRE_CONSTITUTION;
    const copy = copyConstitution(stored as Constitution);
    expect(copy.title).toBe('Partnership Agreement');
    expect(copy.clauses).toEqual(BEDFORDSHIRE_CONSTITUTION.clauses);
  });

  it('has a field for every rule’s clause, empty where the constitution numbers none, so an untouched form is unchanged', () => {
    const copy = copyConstitution(WORCESTERSHIRE_CONSTITUTION);
    expect(copy.title).toBe('Worcestershire Infrastructure Consortium strategy');
    for (const rule of CITED_RULES) expect(copy.clauses[rule]).toBe('');
  });

  it('is a copy: editing it leaves the preset alone, and keeps a clause a newer version added', () => {
    const copy = copyConstitution({ ...BEDFORDSHIRE_CONSTITUTION, clauses: { ...BEDFORDSHIRE_CONSTITUTION.clauses, later: '11.1' } as Constitution['clauses'] });
    copy.clauses.quorum = '12';
    copy.membershipCriteria.push('Another');
    expect(BEDFORDSHIRE_CONSTITUTION.clauses.quorum).toBe('10.6');
    expect(BEDFORDSHIRE_CONSTITUTION.membershipCriteria).toHaveLength(5);
    expect((copy.clauses as Record<string, string>).later).toBe('11.1');
  });
});
