/** The form that puts a motion to a meeting (docs/architecture.md, "Decisions"). */
import { z } from 'zod';

export const motionFormSchema = z
  .object({
    agendaItemId: z.string().min(1, 'Choose the agenda item the motion is on'),
    text: z.string().trim().min(2, 'Enter the motion, for example “That the consortium bids for the fund”').max(2000, 'The motion must be 2,000 characters or fewer'),
    proposerOrganisationId: z.string().default(''),
    seconderOrganisationId: z.string().default(''),
    ballot: z.enum(['named', 'secret']).default('named'),
    decisionKind: z.string().default('ordinary'),
    recommendation: z.boolean().default(false),
  })
  .refine((v) => v.proposerOrganisationId === '' || v.proposerOrganisationId !== v.seconderOrganisationId, { path: ['seconderOrganisationId'], message: 'The seconder must be another member than the proposer' });

export type MotionFormInput = z.input<typeof motionFormSchema>;
export type MotionFormOutput = z.output<typeof motionFormSchema>;

export const newMotionValues = (agendaItemId = ''): MotionFormInput => ({ agendaItemId, text: '', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary', recommendation: false });

/** Whole numbers typed for a secret ballot's counts: the number, or undefined when not a whole number from 0 up. */
export function countOf(text: string): number | undefined {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : undefined;
}
