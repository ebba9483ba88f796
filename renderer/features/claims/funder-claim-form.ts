/**
 * The claim to a funder as its form edits it (FunderClaimPage): the Accountable Body's
 * own costs per project and budget line, typed in pounds and read into pence by
 * parsePounds (a negative amount or fractions of a penny are refused, never rounded);
 * the explanation of variances and the narrative on outputs; the day it is submitted;
 * and, once submitted, the payment received.
 */
import { z } from 'zod';
import { isoDate } from '../../../shared/domain/common';
import { formatPounds, InvalidAmount, parsePounds } from '../../../shared/rules/money';
import { ownCostKey, type FunderClaimView } from './funder-claim-data';

const poundsText = z.string().superRefine((text, ctx) => {
  if (text.trim() === '') return;
  try {
    parsePounds(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof InvalidAmount ? error.message : 'Enter an amount like 1,250.00' });
  }
});

export const funderClaimFormSchema = z.object({
  ownCosts: z.array(z.object({ key: z.string(), amount: poundsText })),
  varianceExplanation: z.string().max(5000, 'The explanation is at most 5,000 characters'),
  outputsNarrative: z.string().max(5000, 'The narrative is at most 5,000 characters'),
  submittedOn: z.string(),
});
export type FunderClaimFormValues = z.infer<typeof funderClaimFormSchema>;

export const submittedOnSchema = z.string().min(1, 'Enter the date the claim goes to the funder').pipe(isoDate('the date it was submitted'));

export const paymentFormSchema = z.object({
  receivedOn: z.string().min(1, 'Enter the date the payment was received').pipe(isoDate('the date it was received')),
  amount: z
    .string()
    .min(1, 'Enter the amount received')
    .superRefine((text, ctx) => {
      try {
        parsePounds(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof InvalidAmount ? error.message : 'Enter an amount like 1,250.00' });
      }
    }),
});
export type PaymentFormValues = z.infer<typeof paymentFormSchema>;

/** The form's values for a claim as stored (or empty for a new one): one own-cost field per project line. */
export function funderClaimFormValues(view: FunderClaimView, today: string): FunderClaimFormValues {
  const stored = view.record?.ownCosts ?? {};
  return {
    ownCosts: view.figures.projects.flatMap((p) =>
      p.lines.map((l) => {
        const key = ownCostKey(p.projectId, l.lineId);
        return { key, amount: stored[key] ? formatPounds(stored[key]) : '' };
      }),
    ),
    varianceExplanation: view.record?.varianceExplanation ?? '',
    outputsNarrative: view.record?.outputsNarrative ?? '',
    submittedOn: view.state.submittedOn ?? today,
  };
}

/** Pence by `<project>/<line>` from the form: blank is nothing. */
export function ownCostsOf(values: Pick<FunderClaimFormValues, 'ownCosts'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { key, amount } of values.ownCosts) {
    if (amount.trim() === '') continue;
    const pence = parsePounds(amount);
    if (pence !== 0) out[key] = pence;
  }
  return out;
}
