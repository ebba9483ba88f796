/** Field schemas shared by every entity, with messages in the user's words. */
import { z } from 'zod';

export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date, for example 2 June 2026`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: `${label[0]!.toUpperCase()}${label.slice(1)} is not a real date`,
    });

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

export const optionalText = (label: string, max = 2000) =>
  z.string().trim().max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`).default('');

export const optionalEmail = z
  .string()
  .trim()
  .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'Enter an email address like name@example.org')
  .default('');

/** Money is integer pence, never a float (docs/architecture.md, "Money, dates and words"). */
export const pence = (label: string) =>
  z.number({ error: `Enter ${label}` }).int(`${label[0]!.toUpperCase()}${label.slice(1)} must be in whole pence`).min(0, `${label[0]!.toUpperCase()}${label.slice(1)} cannot be negative`);

export const id = z.string().min(1);
