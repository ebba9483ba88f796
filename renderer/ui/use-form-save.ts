/**
 * Submitting a form that saves: the one way every Quorum form handles the three
 * outcomes. Invalid input: the error summary is shown again and takes focus
 * (its focus key changes), and nothing is saved. A save that fails: the reason
 * in plain words (describeSaveError), also through the summary. A save that
 * succeeds: the status line says what was saved, if the form gives words for it.
 * What was typed stays in every case; the form decides what happens after a
 * save (reset to the saved values, or go to another page).
 */
import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { describeSaveError } from './save-error';

export interface FormSave {
  submit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** Changes each time the summary should take focus again. */
  summaryKey: number;
  saveError: string | undefined;
  /** What the last successful save said, for a status line; '' otherwise. */
  saved: string;
}

/** `save` may return the words for the status line ("Saved the consortium’s settings."). */
export function useFormSave<In extends FieldValues, Out>(form: UseFormReturn<In, unknown, Out>, save: (values: Out) => Promise<string | void>): FormSave {
  const [summaryKey, setSummaryKey] = useState(0);
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState('');
  const submit = form.handleSubmit(
    async (values) => {
      setSaveError(undefined);
      setSaved('');
      try {
        setSaved((await save(values)) ?? '');
      } catch (error) {
        setSaveError(describeSaveError(error));
        setSummaryKey((k) => k + 1);
      }
    },
    () => {
      setSaveError(undefined);
      setSaved('');
      setSummaryKey((k) => k + 1);
    },
  );
  return { submit, summaryKey, saveError, saved };
}
