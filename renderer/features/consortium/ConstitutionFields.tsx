/**
 * The constitution's settings (shared/rules/constitution.ts). A preset fills every
 * field at once; the fields stay editable afterwards, because each consortium's
 * agreement differs in some detail. The hints cite the constitution being edited, by
 * its own name and clauses (shared/rules/citations.ts).
 */
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { CITED_RULE_LABELS, CITED_RULES, CONSTITUTION_PRESETS, type ConstitutionPreset } from '../../../shared/rules';
import { CheckboxField, NumberField, SelectField, TextField } from '../../ui/fields';
import { SpecialMajorities } from './SpecialMajorities';
import { copyConstitution } from './consortium-form';
import { CriteriaList } from './CriteriaList';
import { useFormCitation } from './use-form-citation';
import './consortium.css';

const PRESET_KEYS = Object.keys(CONSTITUTION_PRESETS) as ConstitutionPreset[];

/** The preset a constitution was filled from, by its name (Settings starts there: a Worcestershire consortium is not offered Bedfordshire's first); else the blank one. */
function presetNamed(title: unknown): ConstitutionPreset {
  return PRESET_KEYS.find((key) => CONSTITUTION_PRESETS[key].constitution.title === title) ?? 'blank';
}

export function ConstitutionFields({ headingLevel = 2 }: { headingLevel?: 2 | 3 | 4 }) {
  const { setValue, clearErrors, formState, getFieldState, getValues } = useFormContext();
  const { cite, citeInText } = useFormCitation();
  // The clause fields are folded away until wanted, and open whenever one of them is wrong, so the error summary can lead to it.
  const [clausesOpen, setClausesOpen] = useState(false);
  const clauseError = getFieldState('consortium.constitution.clauses', formState).invalid;
  const [preset, setPreset] = useState<ConstitutionPreset>(() => presetNamed(getValues('consortium.constitution.title')));
  const [filledFrom, setFilledFrom] = useState<string>('');
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!;

  return (
    <>
      <div className="preset-picker">
        <div className="field">
          <label className="field-label" htmlFor="constitution-preset">
            Start from
          </label>
          <p className="field-hint" id="constitution-preset-hint">
            Fills in every setting below from a known agreement. You can change any of them afterwards.
          </p>
          <div className="inline-fields">
            <select
              id="constitution-preset"
              className="input input--wide"
              aria-describedby="constitution-preset-hint"
              value={preset}
              onChange={(event) => setPreset(event.target.value as ConstitutionPreset)}
            >
              {PRESET_KEYS.map((key) => (
                <option key={key} value={key}>
                  {CONSTITUTION_PRESETS[key].label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setValue('consortium.constitution', copyConstitution(CONSTITUTION_PRESETS[preset].constitution), { shouldDirty: true });
                clearErrors('consortium.constitution');
                setFilledFrom(CONSTITUTION_PRESETS[preset].label);
              }}
            >
              Fill in the settings
            </button>
          </div>
          <p className="status-line" role="status">
            {filledFrom ? `Settings filled in from ${filledFrom}.` : ''}
          </p>
        </div>
      </div>

      <Heading className="section-title">Name and clauses</Heading>
      <TextField
        name="consortium.constitution.title"
        label="Name of the constitution"
        hint="As Quorum cites it beside each rule, for example Terms of Reference or Constitution. Left empty, it says “the constitution”."
      />
      <details className="clause-details" open={clausesOpen || clauseError} onToggle={(event) => setClausesOpen(event.currentTarget.open)}>
        <summary className="clause-summary">Clause numbers cited for each rule</summary>
        <fieldset className="fieldset clause-fieldset" aria-describedby="clauses-hint">
          <legend className="visually-hidden">Clause numbers cited for each rule</legend>
          <p className="field-hint" id="clauses-hint">
            The clause of the constitution that sets out each rule, cited beside it: the quorum, for instance, is cited “{cite('quorum')}”. Leave a
            clause empty where the constitution does not number it: the rule is then cited by the constitution’s name alone.
          </p>
          <div className="clause-fields">
            {CITED_RULES.map((rule) => (
              <TextField key={rule} name={`consortium.constitution.clauses.${rule}`} label={CITED_RULE_LABELS[rule]} width="short" />
            ))}
          </div>
        </fieldset>
      </details>

      <Heading className="section-title">Membership</Heading>
      <CriteriaList hint={`The services an organisation must show it provides to join (${cite('membershipCriteria')}).`} />
      <NumberField
        name="consortium.constitution.minimumCriteriaMet"
        label="Criteria an applicant must meet"
        hint={`How many of the criteria above an applicant must show it provides (${cite('membershipCriteria')}).`}
      />
      <CheckboxField
        name="consortium.constitution.coOptedMayVote"
        label="Co-opted organisations may vote and count towards the quorum"
        hint={citeInText('Left unticked, they attend and advise but do not vote (Partnership Agreement 5.4, 5.5).')}
      />

      <Heading className="section-title">Meetings</Heading>
      <fieldset className="fieldset">
        <legend className="field-label">Quorum</legend>
        <p className="field-hint">
          The quorum is the smallest number below, or the nearest whole number to the fraction of voting members, whichever is
          greater ({cite('quorum')}).
        </p>
        <div className="inline-fields">
          <NumberField name="consortium.constitution.quorumMinimum" label="Smallest quorum" />
          <NumberField name="consortium.constitution.quorumFractionNumerator" label="Fraction: top" />
          <NumberField name="consortium.constitution.quorumFractionDenominator" label="Fraction: bottom" />
        </div>
      </fieldset>
      <NumberField
        name="consortium.constitution.noticeWorkingDays"
        label="Working days of notice for agendas and papers"
        hint={`Not counting the meeting day, weekends or bank holidays (${cite('notice')}).`}
      />

      <Heading className="section-title">Voting and offices</Heading>
      <CheckboxField
        name="consortium.constitution.interestBarsVoting"
        label="A member that declares an interest in an item does not vote on it"
        hint="Worcestershire’s conflicts of interest protocol."
      />
      <CheckboxField
        name="consortium.constitution.accountableBodyMayChair"
        label="The Accountable Body’s representative may be elected Chair"
        hint={citeInText('Left unticked, the Chair is elected from members other than the Accountable Body (Partnership Agreement 9.1).')}
      />
      <CheckboxField
        name="consortium.constitution.accountableBodyMayOverride"
        label="The Accountable Body may override decisions contrary to a funder’s terms"
        hint={`Every override is reported to the consortium (${cite('override')}).`}
      />
      <CheckboxField
        name="consortium.constitution.chairCastingVote"
        label="The chair has a casting vote when the votes for and against are equal"
        hint={`Left unticked, a tied vote is not carried (${cite('consensus')}).`}
      />
      <SelectField
        name="consortium.constitution.electionTie"
        label="A tied election"
        choices={[
          { value: 'second-ballot', label: 'Is decided by a second ballot between those tied' },
          { value: 'lot', label: 'Is decided by lot between those tied' },
        ]}
        width="full"
      />
      <SpecialMajorities hint={`A simple majority of the votes cast decides every other decision by vote (${cite('consensus')}). A larger majority is a share of the votes cast, for example 2 in 3.`} />

      <Heading className="section-title">Claims to funders</Heading>
      <fieldset className="fieldset">
        <legend className="field-label">Variance that needs explaining</legend>
        <p className="field-hint">
          A claim to a funder cannot be submitted until a variance against the project’s profile beyond these limits is
          explained ({cite('accountableBody')}).
        </p>
        <div className="inline-fields">
          <NumberField name="consortium.constitution.varianceThresholdPercent" label="Beyond this percentage" />
          <NumberField name="consortium.constitution.varianceThresholdPounds" label="Or beyond this many pounds" />
        </div>
        <CheckboxField
          name="consortium.constitution.varianceNeedsBothLimits"
          label="Only a variance beyond both limits needs explaining"
          hint="Left unticked, a variance beyond either limit needs explaining."
        />
      </fieldset>
    </>
  );
}
