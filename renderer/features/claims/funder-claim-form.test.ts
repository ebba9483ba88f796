/** The claim to a funder's form: pounds typed are refused in words, never rounded; blanks are nothing. */
import { describe, expect, it } from 'vitest';
import { funderClaimFormSchema, ownCostsOf, paymentFormSchema, submittedOnSchema } from './funder-claim-form';
import { remittanceDocument } from './funder-claim-document';
import { documentText } from '../../exports/document';

const values = (amount: string) => ({ ownCosts: [{ key: 'p1/staff', amount }], varianceExplanation: '', outputsNarrative: '', submittedOn: '' });
const messageOf = (amount: string) => {
  const result = funderClaimFormSchema.safeParse(values(amount));
  return result.success ? undefined : result.error.issues[0]?.message;
};

describe('the claim to a funder’s form', () => {
  it('reads own costs typed in pounds into pence, a blank as none', () => {
    expect(ownCostsOf(values('1,250.50'))).toEqual({ 'p1/staff': 125_050 });
    expect(ownCostsOf(values(' '))).toEqual({});
    expect(ownCostsOf(values('0'))).toEqual({});
  });

  it('refuses a negative amount, a fraction of a penny and words, in words', () => {
    expect(messageOf('-12')).toBe('The amount cannot be negative');
    expect(messageOf('400.125')).toBe('Enter an amount like 1,250.00');
    expect(messageOf('twelve')).toBe('Enter an amount like 1,250.00');
    expect(messageOf('400.12')).toBeUndefined();
  });

  it('refuses an impossible date for the submission and the payment, never changing it', () => {
    expect(submittedOnSchema.safeParse('2026-02-30').success).toBe(false);
    expect(submittedOnSchema.safeParse('').error?.issues[0]?.message).toBe('Enter the date the claim goes to the funder');
    expect(paymentFormSchema.safeParse({ receivedOn: '2026-08-14', amount: '9,775.00' }).success).toBe(true);
    expect(paymentFormSchema.safeParse({ receivedOn: '2026-08-14', amount: '' }).error?.issues[0]?.message).toBe('Enter the amount received');
  });
});

describe('a remittance advice', () => {
  it('says what was paid, when and with which reference, line by line, with the reason for a difference', () => {
    const text = documentText(
      remittanceDocument({
        consortiumName: 'Bedfordshire & Luton VCS Consortium',
        accountableBodyName: 'Voluntary and Community Action South Bedfordshire',
        partnerName: 'Voluntary Action Luton',
        partnerAddress: ['15 Example Street', 'Luton'],
        projectName: 'Procurement',
        financialYear: '2026/27',
        quarter: 1,
        lines: [
          { name: 'Staff', claimedPence: 250_000, approvedPence: 250_000, reason: '' },
          { name: 'Running costs', claimedPence: 40_000, approvedPence: 35_000, reason: 'One invoice was counted twice' },
        ],
        paid: { paidOn: '2026-08-14', reference: 'BACS 000417', amountPence: 285_000 },
      }),
    ).join('\n');
    expect(text).toContain('We have paid £2,850.00 on 14 August 2026, reference BACS 000417, for your claim for Procurement in Q1 2026/27.');
    expect(text).toContain('One invoice was counted twice');
    expect(text).toContain('£2,900.00'); // claimed in all
    expect(text).toContain('15 Example Street');
  });
});
