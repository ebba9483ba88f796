/**
 * The constitution's settings (shared/rules/constitution.ts). A preset fills every
 * field at once; the fields stay editable afterwards, because each consortium's
 * agreement differs in some detail.
 */
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { CONSTITUTION_PRESETS, type ConstitutionPreset } from '../../../shared/rules';
import { CheckboxField, NumberField } from '../../ui/fields';
import { copyConstitution } from './consortium-form';
import { CriteriaList } from './CriteriaList';

const PRESET_KEYS = Object.keys(CONSTITUTION_PRESETS) as ConstitutionPreset[];

export function ConstitutionFields({ headingLevel = 2 }: { headingLevel?: 2 | 3 | 4 }) {
  const { setValue, clearErrors } = useFormContext();
  const [preset, setPreset] = useState<ConstitutionPreset>('bedfordshire');
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

      <Heading className="section-title">Membership</Heading>
      <CriteriaList />
      <NumberField
        name="consortium.constitution.minimumCriteriaMet"
        label="Criteria an applicant must meet"
        hint="Bedfordshire & Luton: at least 3 of the 5 (Partnership Agreement 5.1)."
      />
      <CheckboxField
        name="consortium.constitution.coOptedMayVote"
        label="Co-opted organisations may vote and count towards the quorum"
        hint="Bedfordshire & Luton: they attend and advise but do not vote (Partnership Agreement 5.4, 5.5)."
      />

      <Heading className="section-title">Meetings</Heading>
      <fieldset className="fieldset">
        <legend className="field-label">Quorum</legend>
        <p className="field-hint">
          The quorum is the smallest number below, or the nearest whole number to the fraction of voting members, whichever is
          greater. Bedfordshire & Luton: two, or one third (Partnership Agreement 10.6).
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
        hint="Not counting the meeting day, weekends or bank holidays. Bedfordshire & Luton: 5 (Partnership Agreement 10.5)."
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
        hint="Bedfordshire & Luton: the Chair is elected from members other than the Accountable Body (Partnership Agreement 9.1)."
      />
      <CheckboxField
        name="consortium.constitution.accountableBodyMayOverride"
        label="The Accountable Body may override decisions contrary to a funder’s terms"
        hint="Every override is reported to the consortium (Partnership Agreement 8.2)."
      />
    </>
  );
}
