import { describe, expect, it } from 'vitest';
import { refusalFor } from './authority';
import type { InstallationRole } from '../domain/entities';
import type { FieldValue, SyncedTable } from './change';

const cases: Array<[string, SyncedTable, string, FieldValue, InstallationRole[]]> = [
  ['approving a partner’s claim', 'partnerClaims', 'status', 'approved', ['accountable-body']],
  ['paying a partner’s claim', 'partnerClaims', 'status', 'paid', ['accountable-body']],
  ['submitting a claim to a funder', 'funderClaims', 'status', 'submitted', ['accountable-body']],
  ['overriding a decision', 'motions', 'outcome', 'overridden', ['accountable-body']],
  ['admitting an applicant', 'applications', 'status', 'admitted', ['chair', 'accountable-body']],
  ['refusing an applicant', 'applications', 'status', 'refused', ['chair', 'accountable-body']],
  ['changing the constitution', 'consortium', 'constitution', {}, ['accountable-body', 'secretariat']],
  ['enrolling a copy for the consortium', 'partnerNodes', 'publicKey', 'key', ['accountable-body', 'secretariat']],
];
const ALL: InstallationRole[] = ['secretariat', 'chair', 'accountable-body', 'partner'];

describe('authority', () => {
  for (const [what, table, field, value, allowed] of cases) {
    it(`allows ${what} only to ${allowed.join(' or ')}`, () => {
      for (const role of ALL) {
        expect(refusalFor(role, table, field, value) === null).toBe(allowed.includes(role));
      }
      expect(refusalFor(undefined, table, field, value)).not.toBeNull();
    });
  }

  it('lets anyone make ordinary changes: submitting a claim, recording a carried motion, editing a name', () => {
    for (const role of ALL) {
      expect(refusalFor(role, 'partnerClaims', 'status', 'submitted')).toBeNull();
      expect(refusalFor(role, 'motions', 'outcome', 'carried')).toBeNull();
      expect(refusalFor(role, 'organisations', 'name', 'Luton CVS')).toBeNull();
      expect(refusalFor(role, 'consortium', 'name', 'Bedfordshire')).toBeNull();
    }
  });
});
