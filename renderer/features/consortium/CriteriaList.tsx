/**
 * The membership criteria (Partnership Agreement 5.1): a list the person can add to and
 * remove from. The list is one controlled value (an array of strings) so removing an
 * item moves the others up with their text; focus follows the change.
 */
import { useEffect, useRef } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { FieldError } from '../../ui/fields';
import { describedBy, errorId, fieldId } from '../../ui/field-ids';

const NAME = 'consortium.constitution.membershipCriteria';

/** `hint` cites the constitution's clause for the criteria (ConstitutionFields). */
export function CriteriaList({ hint }: { hint: string }) {
  const { control, formState, getFieldState } = useFormContext();
  const { field } = useController({ name: NAME, control });
  const criteria: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  const listError = getFieldState(NAME, formState).error;
  const listMessage = typeof listError?.message === 'string' ? listError.message : undefined;
  const focusNext = useRef<number | 'add' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    if (target === 'add') addButton.current?.focus();
    else document.getElementById(fieldId(`${NAME}.${target}`))?.focus();
  });

  const change = (next: string[]) => field.onChange(next);

  return (
    <fieldset className="fieldset" id={fieldId(NAME)} tabIndex={-1} aria-describedby={listMessage ? errorId(NAME) : 'criteria-hint'}>
      <legend className="field-label">Membership criteria</legend>
      <p className="field-hint" id="criteria-hint">
        {hint}
      </p>
      <FieldError name={NAME} message={listMessage} />
      <ol className="criteria-list">
        {criteria.map((text, index) => {
          const name = `${NAME}.${index}`;
          const error = getFieldState(name, formState).error;
          const message = typeof error?.message === 'string' ? error.message : undefined;
          return (
            <li key={index} className={`criteria-item${message ? ' field--invalid' : ''}`}>
              <label className="field-label" htmlFor={fieldId(name)}>
                Criterion {index + 1}
              </label>
              <FieldError name={name} message={message} />
              <div className="criteria-row">
                <textarea
                  className="input input--full"
                  rows={2}
                  id={fieldId(name)}
                  name={name}
                  value={text}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={describedBy(name, false, !!message)}
                  onChange={(event) => change(criteria.map((c, i) => (i === index ? event.target.value : c)))}
                  onBlur={field.onBlur}
                />
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    focusNext.current = criteria.length > 1 ? Math.min(index, criteria.length - 2) : 'add';
                    change(criteria.filter((_, i) => i !== index));
                  }}
                >
                  Remove<span className="visually-hidden"> criterion {index + 1}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        ref={addButton}
        onClick={() => {
          focusNext.current = criteria.length;
          change([...criteria, '']);
        }}
      >
        Add a criterion
      </button>
    </fieldset>
  );
}
