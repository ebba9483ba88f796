/**
 * A resignation in writing (Partnership Agreement 5.6): "Record a resignation" asks
 * for the date the letter was received, the date the resignation takes effect, and
 * the letter, typed in and/or attached as a file (at most 5 MB, refused in plain
 * words before anything is written). From the date it takes effect the organisation
 * no longer votes or counts for the quorum (votingRights); its history stays. Once
 * recorded, the section shows the letter and offers its file.
 */
import { useState } from 'react';
import { FormProvider, useForm, type FieldErrors, type FieldValues } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { Attachment, Organisation } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';
import { useStore } from '../../db/store-context';
import { usePlatform } from '../../app/platform-context';
import { useCitation } from '../../app/use-citation';
import { useThisCopyRole } from '../../app/use-roles';
import { ValidationError } from '../../db/repository';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FieldError, TextAreaField } from '../../ui/fields';
import { fieldId } from '../../ui/field-ids';
import { useFormSave } from '../../ui/use-form-save';
import { describeSaveError } from '../../ui/save-error';
import {
  base64ToBytes,
  letterFileOf,
  recordResignation,
  resignationFormSchema,
  resignationProblems,
  type LetterFile,
  type ResignationFormInput,
  type ResignationFormOutput,
} from './register-actions';

function sizeWords(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function LetterOnRecord({ organisation, attachment }: { organisation: Organisation; attachment: Attachment | undefined }) {
  const platform = usePlatform();
  const [message, setMessage] = useState('');
  return (
    <div className="register-letter">
      <dl className="facts">
        <dt>Letter received</dt>
        <dd>{organisation.resignationReceivedOn ? formatDate(organisation.resignationReceivedOn) : 'Not recorded'}</dd>
        <dt>Takes effect</dt>
        <dd>{organisation.resignedOn ? formatDate(organisation.resignedOn) : 'Not recorded'}</dd>
      </dl>
      {organisation.resignationLetter && (
        <figure className="register-letter-text">
          <figcaption className="field-label">The letter</figcaption>
          <blockquote>{organisation.resignationLetter}</blockquote>
        </figure>
      )}
      {attachment && (
        <p>
          The letter’s file: {attachment.name} ({sizeWords(attachment.sizeBytes)}).{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => {
              const result = await platform.saveFile({ bytes: base64ToBytes(attachment.dataBase64.join('')), suggestedName: attachment.name, mimeType: attachment.mimeType });
              setMessage(result.saved ? `Saved ${attachment.name}.` : '');
            }}
          >
            Save a copy of the file
          </button>
        </p>
      )}
      <p className="status-line" role="status">
        {message}
      </p>
    </div>
  );
}

function ResignationForm({ organisation, today, onDone }: { organisation: Organisation; today: string; onDone: (words: string) => void }) {
  const store = useStore();
  const platform = usePlatform();
  const [file, setFile] = useState<LetterFile>();
  const [fileError, setFileError] = useState<string>();
  const form = useForm<ResignationFormInput, unknown, ResignationFormOutput>({
    resolver: zodResolver(resignationFormSchema),
    defaultValues: { receivedOn: '', effectiveOn: '', letter: '' },
    shouldFocusError: false,
  });
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    const problems = resignationProblems(values, file, { joinedOn: organisation.joinedOn ?? '', today });
    if (Object.keys(problems).length > 0) {
      for (const [field, message] of Object.entries(problems)) {
        if (field === 'file') setFileError(message);
        else form.setError(field as keyof ResignationFormInput, { type: 'rule', message });
      }
      throw new ValidationError(problems);
    }
    await recordResignation(store, organisation.id, values, file);
    onDone(`Recorded the resignation of ${organisation.name}, from ${formatDate(values.effectiveOn)}.`);
  });
  const errors = (fileError ? { ...form.formState.errors, file: { type: 'rule', message: fileError } } : form.formState.errors) as FieldErrors<FieldValues>;
  return (
    <FormProvider {...form}>
      <form className="form register-subform" noValidate onSubmit={submit} aria-labelledby="resignation-form-title">
        <h3 id="resignation-form-title" className="register-subtitle">
          Record a resignation
        </h3>
        <ErrorSummary errors={errors} focusKey={summaryKey} saveError={saveError && !(saveError.startsWith('Nothing was saved:') && Object.keys(errors).length > 0) ? saveError : undefined} />
        <div className="inline-fields">
          <DateField name="receivedOn" label="Letter received on" width="medium" />
          <DateField name="effectiveOn" label="Resignation takes effect on" width="medium" hint="From this date it no longer votes or counts for the quorum." />
        </div>
        <TextAreaField name="letter" label="The letter" rows={5} hint="Type or paste the letter, or attach it as a file below, or both." />
        <div className={`field${fileError ? ' field--invalid' : ''}`}>
          <p className="field-label" id="letter-file-label">
            The letter as a file
          </p>
          <p className="field-hint" id="letter-file-hint">
            A scan, a PDF or a Word file, at most 5 MB.
          </p>
          <FieldError name="file" message={fileError} />
          <p>
            <button
              type="button"
              className="button button--secondary"
              id={fieldId('file')}
              aria-describedby={`letter-file-hint${fileError ? ` ${fieldId('file')}-error` : ''}`}
              onClick={async () => {
                const [chosen] = await platform.openFiles({ extensions: [], description: 'The letter of resignation' });
                if (!chosen) return;
                try {
                  setFile(letterFileOf(chosen));
                  setFileError(undefined);
                } catch (error) {
                  setFile(undefined);
                  setFileError(error instanceof ValidationError ? (error.fieldErrors.file ?? error.message) : describeSaveError(error));
                }
              }}
            >
              {file ? 'Choose another file' : 'Choose the letter’s file'}
            </button>{' '}
            <span role="status">{file ? `Attached: ${file.name} (${sizeWords(file.size)})` : ''}</span>
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Record the resignation
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

export function ResignationSection({ organisation, attachments, today }: { organisation: Organisation; attachments: readonly Attachment[]; today: string }) {
  const role = useThisCopyRole();
  const { cite } = useCitation();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState('');
  const mayWrite = !!role && role.offices.length > 0;
  const recorded = organisation.status === 'resigned' || (organisation.resignedOn ?? '') !== '';
  const attachment = attachments.find((a) => a.id === organisation.resignationAttachmentId);
  return (
    <section className="panel register-section" aria-labelledby="resignation-title">
      <h2 id="resignation-title" className="section-title">
        Resignation
      </h2>
      <p className="section-intro">
        A member resigns in writing ({cite('resignation')}). From the date it takes effect it no longer votes or counts for the quorum; its history stays.
      </p>
      <p className="status-line" role="status">
        {done}
      </p>
      {recorded ? (
        <LetterOnRecord organisation={organisation} attachment={attachment} />
      ) : open ? (
        <ResignationForm
          organisation={organisation}
          today={today}
          onDone={(words) => {
            setOpen(false);
            setDone(words);
          }}
        />
      ) : mayWrite ? (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          Record a resignation
        </button>
      ) : (
        <p className="muted">No resignation has been recorded.</p>
      )}
    </section>
  );
}
