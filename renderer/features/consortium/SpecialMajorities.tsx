/**
 * The kinds of decision that need a larger majority than a simple majority of the
 * votes cast (Constitution.specialMajorities; docs/architecture.md, "Decisions"):
 * a list the person adds to and removes from. Each kind keeps the key it was given
 * when added, so motions of that kind still find their rule after it is renamed.
 */
import { useFieldArray, useFormContext } from 'react-hook-form';
import { NumberField, TextField } from '../../ui/fields';

const NAME = 'consortium.constitution.specialMajorities';

/** A key for a new kind of decision: lower-case letters and digits, unlike any other. */
function newKind(existing: readonly string[]): string {
  for (;;) {
    const kind = `kind-${Math.random().toString(36).slice(2, 8)}`;
    if (!existing.includes(kind)) return kind;
  }
}

export function SpecialMajorities({ hint }: { hint: string }) {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: NAME, keyName: 'fieldKey' });
  const kinds = fields.map((f) => String((f as unknown as { kind?: string }).kind ?? ''));
  return (
    <fieldset className="fieldset" aria-describedby="special-majorities-hint">
      <legend className="field-label">Decisions that need a larger majority</legend>
      <p className="field-hint" id="special-majorities-hint">
        {hint}
      </p>
      {fields.length === 0 && <p>None: every decision by vote needs a simple majority of the votes cast.</p>}
      <ol className="criteria-list">
        {fields.map((field, i) => (
          <li key={field.fieldKey} className="special-majority">
            <TextField name={`${NAME}.${i}.label`} label={`Kind of decision ${i + 1}`} hint="For example: Changing the constitution." />
            <div className="inline-fields">
              <NumberField name={`${NAME}.${i}.numerator`} label="Votes for needed: top" />
              <NumberField name={`${NAME}.${i}.denominator`} label="Of the votes cast: bottom" />
            </div>
            <button type="button" className="button button--quiet" onClick={() => remove(i)}>
              Remove<span className="visually-hidden"> kind of decision {i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => append({ kind: newKind(kinds), label: '', numerator: 2, denominator: 3 })}>
        Add a kind of decision
      </button>
    </fieldset>
  );
}
