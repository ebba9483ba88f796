/**
 * The consortium's name, area, nation (for bank holidays) and the start of its financial
 * year. The examples name the Bedfordshire & Luton consortium only on the set-up screen
 * (`examples`): Settings shows a consortium its own details, and a Worcestershire one
 * is not shown Bedfordshire's name (docs/architecture.md, "Where the rules come from").
 */
import { DAY_CHOICES, MONTH_CHOICES, NATION_CHOICES } from './consortium-form';
import { SelectField, TextField } from '../../ui/fields';

export function ConsortiumFields({ examples = false }: { examples?: boolean }) {
  return (
    <>
      <TextField
        name="consortium.name"
        label="Consortium’s name"
        hint={examples ? 'As it appears on agendas and minutes, for example Bedfordshire & Luton VCS Infrastructure Consortium.' : 'As it appears on agendas and minutes.'}
      />
      <TextField
        name="consortium.area"
        label="Area it covers"
        hint={examples ? 'For example Bedfordshire & Luton.' : 'The county, towns or districts its members serve.'}
        width="medium"
      />
      <SelectField
        name="consortium.nation"
        label="Nation whose bank holidays apply"
        hint="Used to count the working days of notice before a meeting."
        choices={NATION_CHOICES}
      />
      <fieldset className="fieldset fieldset--inline">
        <legend className="field-label">Financial year starts on</legend>
        <div className="inline-fields">
          <SelectField name="consortium.financialYearStartDay" label="Day" choices={DAY_CHOICES} numeric width="short" />
          <SelectField name="consortium.financialYearStartMonth" label="Month" choices={MONTH_CHOICES} numeric />
        </div>
      </fieldset>
    </>
  );
}
