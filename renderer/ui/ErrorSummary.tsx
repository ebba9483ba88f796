/**
 * The box at the top of a form that lists what needs fixing (GOV.UK pattern). It takes
 * focus when a submit is refused, so keyboard and screen-reader users start from the
 * list; each entry moves focus to its field. Links are buttons styled as links because
 * the app routes by the address's hash, and "#field" would navigate away.
 */
import { useEffect, useRef } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import { useCitation } from '../app/use-citation';
import { fieldId } from './field-ids';
import { flattenErrors } from './form-errors';

function documentOrder(a: string, b: string): number {
  const first = document.getElementById(fieldId(a));
  const second = document.getElementById(fieldId(b));
  if (!first || !second) return 0;
  return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

export function ErrorSummary({ errors, focusKey, saveError }: { errors: FieldErrors<FieldValues>; focusKey: number; saveError?: string }) {
  const box = useRef<HTMLDivElement>(null);
  // A refusal or a rule's message may cite a clause, worded with Bedfordshire & Luton's: shown in this consortium's (shared/rules/citations.ts).
  const { citeInText } = useCitation();
  const messages = flattenErrors(errors).sort((a, b) => documentOrder(a.name, b.name));
  const show = messages.length > 0 || !!saveError;

  // react-hook-form publishes the errors a render after onInvalid bumps focusKey: focus once both have arrived.
  const focusedFor = useRef(0);
  useEffect(() => {
    if (show && focusKey > focusedFor.current) {
      focusedFor.current = focusKey;
      box.current?.focus();
    }
  });

  if (!show) return null;
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary-title" id="error-summary-title">
        {saveError ? 'This could not be saved' : 'There is a problem'}
      </h2>
      {saveError && <p>{citeInText(saveError)}</p>}
      {messages.length > 0 && (
        <ul className="error-summary-list">
          {messages.map(({ name, message }) => (
            <li key={name}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  const field = document.getElementById(fieldId(name));
                  field?.scrollIntoView({ block: 'center' });
                  field?.focus();
                }}
              >
                {citeInText(message)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
