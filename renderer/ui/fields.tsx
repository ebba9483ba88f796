/**
 * Form fields that wire themselves to the surrounding react-hook-form (useFormContext):
 * a visible label, an optional hint, the error in plain words, and the accessible links
 * between them (aria-describedby, aria-invalid) so a screen reader hears the problem
 * with the field. Values are uncontrolled, so what was typed is kept when the form
 * refuses to submit.
 */
import type { ReactNode } from 'react';
import { useFormContext, type RegisterOptions } from 'react-hook-form';
import { useCitation } from '../app/use-citation';
import { describedBy, errorId, fieldId, hintId } from './field-ids';

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Narrow fields for short values (days, numbers, postcodes). */
  width?: 'short' | 'medium' | 'full';
}

function useField(name: string) {
  const { register, formState, getFieldState } = useFormContext();
  const { error } = getFieldState(name, formState);
  return { register, message: typeof error?.message === 'string' ? error.message : undefined };
}

function Hint({ name, hint }: { name: string; hint?: ReactNode }) {
  return hint ? (
    <p className="field-hint" id={hintId(name)}>
      {hint}
    </p>
  ) : null;
}

export function FieldError({ name, message }: { name: string; message?: string }) {
  return message ? <FieldErrorText name={name} message={message} /> : null;
}

/** A field's message, a rule's clause cited in this consortium's words (shared/rules/citations.ts); read only when there is one. */
function FieldErrorText({ name, message }: { name: string; message: string }) {
  const { citeInText } = useCitation();
  return (
    <p className="field-error" id={errorId(name)}>
      <span className="visually-hidden">Error: </span>
      {citeInText(message)}
    </p>
  );
}

function accessibility(name: string, hint: ReactNode, message: string | undefined) {
  return {
    id: fieldId(name),
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy(name, !!hint, !!message),
  } as const;
}

export function TextField({
  name,
  label,
  hint,
  width = 'full',
  type = 'text',
  autoComplete,
  options,
}: FieldProps & { type?: 'text' | 'email' | 'tel' | 'url' | 'time'; autoComplete?: string; options?: RegisterOptions }) {
  const { register, message } = useField(name);
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} message={message} />
      <input
        className={`input input--${width}`}
        type={type}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={type === 'text' ? undefined : false}
        {...accessibility(name, hint, message)}
        {...register(name, options)}
      />
    </div>
  );
}

/** A whole number typed as text (GOV.UK pattern): empty or not a number reaches the schema as NaN, so it says what is wrong. */
export function NumberField({ name, label, hint, width = 'short' }: FieldProps) {
  const { register, message } = useField(name);
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} message={message} />
      <input
        className={`input input--${width}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        {...accessibility(name, hint, message)}
        {...register(name, { setValueAs: (v: unknown) => (typeof v === 'number' ? v : String(v ?? '').trim() === '' ? Number.NaN : Number(v)) })}
      />
    </div>
  );
}

export function TextAreaField({ name, label, hint, rows = 3 }: FieldProps & { rows?: number }) {
  const { register, message } = useField(name);
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} message={message} />
      <textarea className="input input--full" rows={rows} {...accessibility(name, hint, message)} {...register(name)} />
    </div>
  );
}

export interface Choice {
  value: string | number;
  label: string;
}

export function SelectField({
  name,
  label,
  hint,
  choices,
  placeholder,
  numeric = false,
  width = 'medium',
}: FieldProps & { choices: readonly Choice[]; placeholder?: string; numeric?: boolean }) {
  const { register, message } = useField(name);
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} message={message} />
      <select
        className={`input input--${width}`}
        {...accessibility(name, hint, message)}
        {...register(name, numeric ? { setValueAs: (v: unknown) => (v === '' ? Number.NaN : Number(v)) } : {})}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({ name, label, hint }: FieldProps) {
  const { register, message } = useField(name);
  return (
    <div className={`field field--checkbox${message ? ' field--invalid' : ''}`}>
      <FieldError name={name} message={message} />
      <input type="checkbox" className="checkbox" {...accessibility(name, hint, message)} {...register(name)} />
      <div>
        <label className="field-label field-label--inline" htmlFor={fieldId(name)}>
          {label}
        </label>
        <Hint name={name} hint={hint} />
      </div>
    </div>
  );
}
