import { describe, expect, it } from 'vitest';
import { copyChoices, grantFormSchema, grantIdOf, grantRecord, newGrantValues } from './grant-form';

const organisations = new Map([
  ['org-bedford', 'Bedford CVS'],
  ['org-luton', 'Voluntary Action Luton'],
]);

const messages = (input: unknown) => grantFormSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('granting a role on the Sync page', () => {
  it('asks for the office, the copy and the date in plain words, starting from today', () => {
    expect(newGrantValues('2026-11-22').grant).toMatchObject({ office: '', node: '', from: '2026-11-22' });
    expect(messages({ grant: { office: '', node: '', from: '', note: '' } })).toEqual([
      'grant.office: Choose the office to grant',
      'grant.node: Choose the copy that takes on the office',
      'grant.from: Enter the date it takes effect',
    ]);
  });

  it('refuses a date that does not exist, in plain words', () => {
    expect(messages({ grant: { office: 'chair', node: 'node-luton', from: '2027-02-31', note: '' } })).toEqual(['grant.from: The date it takes effect is not a real date']);
    // A half-typed date is refused too (the date field then says what is missing, ui/DateField.tsx).
    expect(messages({ grant: { office: 'chair', node: 'node-luton', from: '31/02/yyyy', note: '' } })?.[0]).toBe(
      'grant.from: Enter the date it takes effect as a date, for example 2 June 2026',
    );
  });

  it('makes the grant record with the copy’s organisation, and its id from office, date and copy', () => {
    const values = grantFormSchema.parse({ grant: { office: 'chair', node: 'node-luton', from: '2027-04-01', note: '  Elected at the AGM ' } });
    expect(grantRecord(values, 'org-luton')).toEqual({ office: 'chair', node: 'node-luton', organisationId: 'org-luton', from: '2027-04-01', note: 'Elected at the AGM' });
    expect(grantIdOf(values)).toBe('grant:chair:2027-04-01:node-luton');
  });

  it('offers the trusted copies in the register by organisation, never this copy, a revoked or a removed one', () => {
    const choices = copyChoices(
      [
        { id: 'node-self', name: 'VCA South Bedfordshire', organisationId: 'org-vcasb', trust: 'trusted' },
        { id: 'node-luton', name: 'Voluntary Action Luton', organisationId: 'org-luton', trust: 'trusted' },
        { id: 'node-bedford', name: 'Bedford CVS', organisationId: 'org-bedford', trust: 'trusted' },
        { id: 'node-old', name: 'Old laptop', organisationId: 'org-bedford', trust: 'revoked' },
        { id: 'node-gone', name: 'Gone', organisationId: 'org-bedford', trust: 'trusted', deleted: true },
        { id: 'node-loose', name: 'Someone', organisationId: '', trust: 'trusted' },
      ],
      organisations,
      'node-self',
    );
    expect(choices).toEqual([
      { value: 'node-bedford', label: 'Bedford CVS', organisationId: 'org-bedford' },
      { value: 'node-loose', label: 'Someone (not linked to a member organisation)', organisationId: '' },
      { value: 'node-luton', label: 'Voluntary Action Luton', organisationId: 'org-luton' },
    ]);
  });

  it('tells two copies of one organisation apart', () => {
    const choices = copyChoices(
      [
        { id: 'node-bedford-office', name: 'Bedford CVS', organisationId: 'org-bedford', trust: 'trusted' },
        { id: 'node-bedford-laptop', name: 'Bedford CVS laptop', organisationId: 'org-bedford', trust: 'trusted' },
      ],
      organisations,
      'node-self',
    );
    expect(choices.map((c) => c.label)).toEqual(['Bedford CVS, copy “Bedford CVS laptop”', 'Bedford CVS, copy node-bed']);
  });
});
