/** The consortium's name, area, nation (for bank holidays) and the start of its financial year. */
import { DAY_CHOICES, MONTH_CHOICES, NATION_CHOICES } from './consortium-form';
import { SelectField, TextField } from '../../ui/fields';

export function ConsortiumFields() {
  return (
    <>
      <TextField name="consortium.name" label="Consortium’s name" hint="As it appears on agendas and minutes, for example Bedfordshire & Luton VCS Infrastructure Consortium." />
      <TextField name="consortium.area" label="Area it covers" hint="For example Bedfordshire & Luton." width="medium" />
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
