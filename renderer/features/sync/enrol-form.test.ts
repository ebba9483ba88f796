import { describe, expect, it } from 'vitest';
import { cardFrom, enrolRoleWords, enrolSchema, enrolValuesFor, organisationNamed } from './enrol-form';

const sender = { node: 'node-luton', name: 'Voluntary Action Luton', role: 'partner' as const, publicKey: 'a2V5', fingerprint: '11111 22222 33333 44444 55555 66666' };

describe('enrolling the sender of a bundle', () => {
  it('refuses to enrol until the person confirms the fingerprint matches', () => {
    const result = enrolSchema.safeParse(enrolValuesFor(sender));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Confirm that every group of the fingerprint matches what the partner read out']);
  });

  it('enrols the key from the bundle under the name the person confirmed, with the role the consortium granted it', () => {
    const values = enrolSchema.parse({ ...enrolValuesFor(sender), name: '  VA Luton ', fingerprintMatches: true });
    expect(cardFrom(sender, values, ['chair'])).toEqual({ node: 'node-luton', publicKey: 'a2V5', name: 'VA Luton', role: 'chair' });
    expect(cardFrom(sender, values, ['chair', 'secretariat']).role).toBe('secretariat');
  });

  it('never enrols a copy with the role its bundle claims: with no office granted it is a partner organisation', () => {
    const claimsMore = { ...sender, role: 'accountable-body' as const };
    const values = enrolSchema.parse({ ...enrolValuesFor(claimsMore), fingerprintMatches: true, role: 'accountable-body' });
    expect(cardFrom(claimsMore, values).role).toBe('partner');
    expect(cardFrom(claimsMore, values, []).role).toBe('partner');
  });

  it('says what the bundle claims and what the consortium has granted', () => {
    expect(enrolRoleWords('accountable-body', [], true)).toBe('Its bundle calls it the Accountable Body; the consortium has granted it no office.');
    expect(enrolRoleWords('partner', [], true)).toBe('The consortium has granted it no office.');
    expect(enrolRoleWords('chair', ['chair'], true)).toBe('The consortium has granted it the chair, as its bundle says.');
    expect(enrolRoleWords('partner', ['chair'], true)).toBe('Its bundle calls it a partner organisation; the consortium has granted it the chair.');
    expect(enrolRoleWords('secretariat', ['secretariat', 'chair'], true)).toBe('Its bundle calls it the secretariat; the consortium has granted it the secretariat and the chair.');
    expect(enrolRoleWords('secretariat', [], false)).toBe(
      'Its bundle calls it the secretariat; this copy learns who holds which office from the consortium’s own role grants, which come with the bundle.',
    );
  });

  it('asks for a name when it is left empty', () => {
    const result = enrolSchema.safeParse({ ...enrolValuesFor(sender), name: ' ', fingerprintMatches: true });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Enter the partner’s name']);
  });

  it('links the copy to the organisation of the same name in the register, and enrols it with that organisation', () => {
    const register = [
      { id: 'org-bedford', name: 'Volunteer Centre Bedford' },
      { id: 'org-luton', name: 'Voluntary Action  Luton' },
    ];
    const values = enrolValuesFor(sender, register);
    expect(values.organisationId).toBe('org-luton');
    expect(cardFrom(sender, enrolSchema.parse({ ...values, fingerprintMatches: true }))).toMatchObject({ organisationId: 'org-luton' });
    expect(organisationNamed('Bedford Race Equality Council & Partners', [{ id: 'x', name: 'Bedford race equality council and partners' }])).toBe('x');
  });

  it('links to no organisation when none or more than one has the name, and the person may choose', () => {
    expect(enrolValuesFor(sender, [{ id: 'org-bedford', name: 'Volunteer Centre Bedford' }]).organisationId).toBe('');
    expect(organisationNamed('Luton', [{ id: 'a', name: 'Luton' }, { id: 'b', name: 'LUTON' }])).toBe('');
    const card = cardFrom(sender, enrolSchema.parse({ ...enrolValuesFor(sender), fingerprintMatches: true }));
    expect(card).not.toHaveProperty('organisationId');
  });
});
