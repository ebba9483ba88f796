import { describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION } from '../../shared/rules/constitution';
import type { FieldChange } from './history';
import { authorWords, changeLine, fieldChangeWords, fieldLabel, fieldValueWords, recordWords, worthShowing } from './history-words';

const change = (field: string, value: FieldChange['value'], previous?: FieldChange['value']): FieldChange => ({ field, value, previous, refused: false });
const labels: Record<string, string> = { 'org-1': 'Bedford CVS', 'org-2': 'Voluntary Action Luton', 'org-3': 'Volunteer Centre Bedford' };
const labelOf = (id: string) => labels[id] ?? '';

describe('the register’s fields in words (issue 8)', () => {
  it('says statuses, roles, posts and dates as the forms do, never their codes', () => {
    expect(fieldValueWords('status', 'applicant')).toBe('Applicant');
    expect(fieldValueWords('status', 'refused')).toBe('Refused membership');
    expect(fieldValueWords('status', 'co-opted')).toBe('Co-opted (advises, no vote)');
    expect(fieldValueWords('role', 'lead-chair-administration')).toBe('Lead Body for the chair’s administration');
    expect(fieldValueWords('role', 'steering-group')).toBe('Steering group seat');
    expect(fieldValueWords('role', 'accountable-body')).toBe('Accountable Body');
    expect(fieldValueWords('kind', 'substitute')).toBe('Named substitute');
    expect(fieldValueWords('until', '2027-03-31')).toBe('31 March 2027');
    expect(fieldValueWords('archived', true)).toBe('Yes');
    expect(fieldLabel('coOptedOn')).toBe('Co-opted on');
    expect(fieldLabel('servicesProvided')).toBe('Membership criteria it meets');
  });

  it('names the criteria met by their text, and never shows a file’s contents', () => {
    const criteria = BEDFORDSHIRE_CONSTITUTION.membershipCriteria;
    expect(fieldValueWords('servicesProvided', [1], labelOf, { criteria })).toBe('‘Assists local voluntary and community organisations to function more effectively and deliver quality services’');
    expect(fieldValueWords('servicesProvided', [0, 1, 2, 3], labelOf, { criteria })).toMatch(/ and 1 more$/);
    expect(fieldValueWords('servicesProvided', [])).toBe('(none)');
    expect(fieldValueWords('dataBase64', ['V2UgcmVzaWdu'])).toBe('the file’s contents');
    expect(fieldValueWords('sizeBytes', 2048)).toBe('2 KB');
    expect(fieldValueWords('sizeBytes', 5 * 1024 * 1024)).toBe('5 MB');
    expect(fieldValueWords('ownerTable', 'organisations')).toBe('Organisation');
    expect(fieldValueWords('ownerRow', 'org-3', labelOf)).toBe('‘Volunteer Centre Bedford’');
  });
});

describe('a change in words', () => {
  it('says money in pounds, yes and no, dates the English way and kinds by their labels', () => {
    expect(fieldValueWords('amountPence', 268185000)).toBe('£2,681,850.00');
    expect(fieldValueWords('restricted', true)).toBe('Yes');
    expect(fieldValueWords('coOptedMayVote', false)).toBe('No');
    expect(fieldValueWords('joinedOn', '2026-06-02')).toBe('2 June 2026');
    expect(fieldValueWords('enrolledAt', '2026-06-02T23:30:00.000Z')).toBe('3 June 2026 at 00:30');
    expect(fieldValueWords('kind', 'volunteer-centre')).toBe('Volunteer centre');
    expect(fieldValueWords('role', 'accountable-body')).toBe('Accountable Body');
    expect(fieldValueWords('quarter', 3)).toBe('3');
    expect(fieldValueWords('email', '')).toBe('(empty)');
    expect(fieldValueWords('name', 'x'.repeat(300))).toHaveLength(122);
  });

  it('names the fields as people say them', () => {
    expect(fieldLabel('amountPence')).toBe('Amount');
    expect(fieldLabel('accountableBodyId')).toBe('Accountable body');
    expect(fieldLabel('deliveryOrganisationIds')).toBe('Delivery organisations');
    expect(fieldLabel('deleted')).toBe('Removed');
    expect(fieldLabel('joinedOn')).toBe('Joined on');
  });

  it('says a claim’s spend by line in pounds, and which lines changed from what to what', () => {
    const claims = { table: 'partnerClaims' };
    expect(fieldChangeWords({ field: 'lines', value: { staff: 250_000, 'running-costs': 40_000 }, previous: undefined, refused: false }, undefined, claims).after).toBe('staff £2,500.00, running-costs £400.00');
    expect(fieldChangeWords({ field: 'lines', value: { staff: 250_000, 'running-costs': 35_000 }, previous: { staff: 250_000, 'running-costs': 40_000 }, refused: false }, undefined, claims).after).toBe('running-costs £400.00 → £350.00');
    expect(fieldChangeWords({ field: 'outputs', value: { 'orgs-supported': 9, bids: 1 }, previous: { 'orgs-supported': 9 }, refused: false }, undefined, claims).after).toBe('bids (none) → 1');
    // Another kind's settings are still counted, not listed.
    expect(fieldChangeWords({ field: 'lines', value: { a: 1 }, previous: undefined, refused: false }, undefined, { table: 'meetings' }).after).toBe('set');
  });

  it('gives a rename its name before and after', () => {
    expect(fieldChangeWords(change('name', 'Bedford Volunteer Centre', 'Volunteer Centre Bedford'))).toEqual({
      field: 'Name',
      before: '‘Volunteer Centre Bedford’',
      after: '‘Bedford Volunteer Centre’',
      refused: false,
    });
    expect(fieldChangeWords(change('name', 'Bedford Volunteer Centre')).before).toBeUndefined();
  });

  it('says which settings of the constitution changed instead of dumping it', () => {
    const before = { ...BEDFORDSHIRE_CONSTITUTION };
    const after = { ...BEDFORDSHIRE_CONSTITUTION, noticeWorkingDays: 10, quorumMinimum: 3 };
    expect(changeLine([change('constitution', after, before)])).toBe('Constitution: changed: quorum minimum, notice working days');
    expect(changeLine([change('constitution', after)])).toBe('Constitution: set');
    expect(changeLine([change('constitution', before, before)])).toBe('Constitution: set again, unchanged');
  });

  it('says what a list gained and lost, naming the records it points to', () => {
    expect(changeLine([change('deliveryOrganisationIds', ['org-1', 'org-3'], ['org-1', 'org-2'])], labelOf)).toBe(
      'Delivery organisations: added ‘Volunteer Centre Bedford’; removed ‘Voluntary Action Luton’',
    );
    expect(changeLine([change('deliveryOrganisationIds', ['org-1', 'org-2', 'org-3', 'org-9'])], labelOf)).toBe(
      'Delivery organisations: ‘Bedford CVS’, ‘Voluntary Action Luton’, ‘Volunteer Centre Bedford’ and 1 more',
    );
    expect(changeLine([change('servicesProvided', [0, 2, 3], [0, 2])])).toBe('Membership criteria it meets: added criterion 4');
    expect(changeLine([change('servicesProvided', [0, 3], [0, 2])], labelOf, { criteria: BEDFORDSHIRE_CONSTITUTION.membershipCriteria })).toBe(
      'Membership criteria it meets: added ‘Enables the diverse views of the sector to be represented to external bodies’; removed ‘Facilitates effective communication or networking and collaboration amongst local voluntary and community organisations’',
    );
    expect(changeLine([change('accountableBodyId', 'org-2', 'org-1')], labelOf)).toBe('Accountable body: ‘Bedford CVS’ → ‘Voluntary Action Luton’');
  });

  it('never shows sync’s bookkeeping inside a value', () => {
    const words = changeLine([change('constitution', { quorumMinimum: 3, _clocks: { quorumMinimum: 'b' } }, { quorumMinimum: 2, _clocks: { quorumMinimum: 'a' } })]);
    expect(words).toBe('Constitution: changed: quorum minimum');
    expect(words).not.toContain('clocks');
  });

  it('names the author by its organisation, this copy included', () => {
    const names = { self: 'node-self', names: new Map([['node-self', 'Bedford CVS'], ['node-luton', 'Voluntary Action Luton']]) };
    expect(authorWords('node-self', names)).toBe('Bedford CVS (this copy)');
    expect(authorWords('node-luton', names)).toBe('Voluntary Action Luton');
    expect(authorWords('0123456789abcdef', names)).toBe('copy 01234567');
    expect(recordWords('organisations', 'Bedford CVS')).toBe('Organisation ‘Bedford CVS’');
    expect(recordWords('votes', '')).toBe('Vote');
  });
});

describe('what a new record shows', () => {
  it('leaves out the fields nobody filled in, but never a refused one', () => {
    expect(worthShowing(change('email', ''), true)).toBe(false);
    expect(worthShowing(change('servicesProvided', []), true)).toBe(false);
    expect(worthShowing(change('name', 'Bedford CVS'), true)).toBe(true);
    expect(worthShowing(change('email', '', 'a@example.org'), false)).toBe(true);
    expect(worthShowing({ ...change('status', ''), refused: true }, true)).toBe(true);
  });
});
