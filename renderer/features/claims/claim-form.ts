/**
 * The partner's claim form and the Accountable Body's approval and payment forms
 * (docs/architecture.md, "Claims"): money typed as pounds and read with
 * parsePounds (shared/rules/money.ts), refused in words when it is not money, has
 * fractions of a penny or is negative; counts as whole numbers. The schemas are
 * built for the project's own budget lines and outputs.
 */
import { z } from 'zod';
import { isoDate, optionalText } from '../../../shared/domain/common';
import type { BudgetLine, Output, PartnerClaim } from '../../../shared/domain/entities';
import { formatPounds, InvalidAmount, parsePounds } from '../../../shared/rules/money';
import type { ValidationError } from '../../db/repository';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

/** Pounds as typed ('1,250.00'), or '' for nothing; to pence, or a message in words. */
export const poundsText = (label: string, required: boolean) =>
  z
    .string()
    .trim()
    .transform((text, ctx): number | undefined => {
      if (text === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
        return undefined;
      }
      try {
        return parsePounds(text);
      } catch (error) {
        if (!(error instanceof InvalidAmount)) throw error;
        const message = error.message === 'The amount cannot be negative' ? `${label[0]!.toUpperCase()}${label.slice(1)} cannot be negative` : /^\s*£?\s*\d[\d,]*\.\d{3,}\s*$/.test(text) ? `${label[0]!.toUpperCase()}${label.slice(1)} must be in whole pence, like 1,250.50` : `Enter ${label} as an amount, like 1,250.00`;
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
    });

/** A count as typed, or '' for none given. */
const countText = (label: string) =>
  z
    .string()
    .trim()
    .transform((text, ctx): number | undefined => {
      if (text === '') return undefined;
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `Enter ${label} as a whole number, 0 or more` });
        return z.NEVER;
      }
      return Number(text);
    });

/** Pounds for a form field: '' for none. */
export const poundsOf = (pence: number | undefined) => (pence === undefined ? '' : formatPounds(pence).replace('£', ''));

export function claimFormSchema(lines: readonly BudgetLine[], outputs: readonly Output[]) {
  return z
    .object({
      lines: z.object(Object.fromEntries(lines.map((l) => [l.code, poundsText(`the spend on ${l.name.toLowerCase()}`, false)]))),
      outputs: z.object(Object.fromEntries(outputs.map((o) => [o.code, countText(`the number of ${o.name.toLowerCase()}`)]))),
      outputsDelivered: optionalText('the outputs delivered', 2000),
      narrative: optionalText('the narrative', 5000),
      evidence: optionalText('the evidence references', 2000),
      answer: optionalText('the answer', 5000),
    })
    .transform((v) => ({
      ...v,
      lines: Object.fromEntries(Object.entries(v.lines).filter((e): e is [string, number] => e[1] !== undefined)),
      outputs: Object.fromEntries(Object.entries(v.outputs).filter((e): e is [string, number] => e[1] !== undefined)),
    }));
}
export type ClaimFormInput = z.input<ReturnType<typeof claimFormSchema>>;
export type ClaimFormOutput = z.output<ReturnType<typeof claimFormSchema>>;

export function claimFormDefaults(claim: PartnerClaim | undefined, lines: readonly BudgetLine[], outputs: readonly Output[]): ClaimFormInput {
  return {
    lines: Object.fromEntries(lines.map((l) => [l.code, poundsOf(claim?.lines[l.code])])),
    outputs: Object.fromEntries(outputs.map((o) => [o.code, claim?.outputs[o.code] === undefined ? '' : String(claim.outputs[o.code])])),
    outputsDelivered: claim?.outputsDelivered ?? '',
    narrative: claim?.narrative ?? '',
    evidence: claim?.evidence ?? '',
    answer: '',
  };
}

/** The Accountable Body's approval: an amount per claimed line (as claimed, to begin with) and a reason where it is less. */
export function approvalSchema(claimed: Readonly<Record<string, number>>, names: ReadonlyMap<string, string>) {
  const codes = Object.keys(claimed);
  return z
    .object({
      approved: z.object(Object.fromEntries(codes.map((c) => [c, poundsText(`the amount approved for ${(names.get(c) ?? c).toLowerCase()}`, true)]))),
      reasons: z.object(Object.fromEntries(codes.map((c) => [c, optionalText('the reason', 2000)]))),
    })
    .superRefine((v, ctx) => {
      for (const code of codes) {
        const amount = (v.approved as Record<string, number | undefined>)[code];
        if (amount === undefined) continue;
        if (amount > claimed[code]!) ctx.addIssue({ code: 'custom', path: ['approved', code], message: `No more than was claimed (${formatPounds(claimed[code]!)}) can be approved` });
        else if (amount < claimed[code]! && ((v.reasons as Record<string, string>)[code] ?? '').trim() === '') {
          ctx.addIssue({ code: 'custom', path: ['reasons', code], message: `Say why less than was claimed is approved for ${(names.get(code) ?? code).toLowerCase()}` });
        }
      }
    })
    .transform((v) => ({ approved: v.approved as Record<string, number>, reasons: v.reasons as Record<string, string> }));
}

export function paymentSchema(approvedPence: number, today: string) {
  return z
    .object({
      paidOn: isoDate('the date it was paid').refine((d) => d <= today, 'The date it was paid cannot be after today'),
      reference: z.string().trim().min(1, 'Enter the payment reference').max(200, 'The payment reference must be 200 characters or fewer'),
      amount: poundsText('the amount paid', true),
    })
    .refine((v) => v.amount === approvedPence, { path: ['amount'], message: `The amount paid must be the amount approved, ${formatPounds(approvedPence)}` });
}

/** Puts a refusal's messages on the fields they are about ('lines.staff', 'approved.staff'); returns whether any was placed. */
export function showFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, error: ValidationError, known: ReadonlySet<string>): boolean {
  let placed = false;
  for (const [name, message] of Object.entries(error.fieldErrors)) {
    if (!known.has(name)) continue;
    form.setError(name as Path<T>, { type: 'server', message });
    placed = true;
  }
  return placed;
}
