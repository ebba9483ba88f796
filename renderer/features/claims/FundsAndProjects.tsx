/**
 * The grant agreements and the projects' budgets, kept by the Accountable Body
 * (docs/architecture.md, "Claims"; Partnership Agreement 8.1(3), 8.1(7)):
 * `/claims/funds/:fundId` shows a fund's agreement (amount, period, when claims
 * are due, the terms payments depend on) and its projects; `/claims/projects/:id`
 * shows a project's quarters, its budget lines with their profile and its outputs
 * with their targets, a year at a time. The Accountable Body's copy edits them;
 * every other copy reads them (every copy refuses edits from anyone else anyway).
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Link, useParams } from 'react-router';
import type { ReactNode } from 'react';
import { isoDate, optionalText, requiredText } from '../../../shared/domain/common';
import { BUDGET_CATEGORIES, BUDGET_CATEGORY_LABELS, periodField, periodValues, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX, type BudgetLine, type Fund, type Output, type Project } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';
import { financialYearNamed, financialYearStarting } from '../../../shared/rules/financial-year';
import { formatPounds, sumPence } from '../../../shared/rules/money';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { useStore } from '../../db/store-context';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { DateField } from '../../ui/DateField';
import { NumberField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { EmptyState, Page } from '../../ui/Page';
import { useFormSave } from '../../ui/use-form-save';
import { poundsOf, poundsText } from './claim-form';
import './partner-claims.css';

export const fundPath = (fundId: string) => `/claims/funds/${encodeURIComponent(fundId)}`;
export const projectPath = (projectId: string) => `/claims/projects/${encodeURIComponent(projectId)}`;

function EditForm<T extends FieldValues>({ form, id, title, intro, button, onSave, children }: { form: UseFormReturn<T>; id: string; title: string; intro?: ReactNode; button: string; onSave: (values: T) => Promise<string | void>; children: ReactNode }) {
  const { submit, summaryKey, saveError, saved } = useFormSave(form, onSave);
  return (
    <FormProvider {...form}>
      <form className="form panel" noValidate onSubmit={submit} aria-labelledby={id}>
        <h2 id={id} className="panel-title">
          {title}
        </h2>
        {intro}
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        {children}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {button}
          </button>
        </div>
        <p className="status-line" role="status">
          {saved}
        </p>
      </form>
    </FormProvider>
  );
}

const optionalDay = (label: string) => isoDate(label).or(z.literal(''));
const days = (label: string) => z.number({ error: `Enter ${label}` }).refine(Number.isInteger, `Enter ${label} as a whole number`).pipe(z.number().min(0, `${label[0]!.toUpperCase()}${label.slice(1)} cannot be negative`).max(365, 'Enter 365 days or fewer'));

const agreementSchema = z
  .object({
    name: requiredText('the fund’s name'),
    awarded: poundsText('the amount awarded', true),
    startOn: optionalDay('the date the agreement starts'),
    endOn: optionalDay('the date the agreement ends'),
    partnerClaimDueDays: days('the days after a quarter a partner’s claim is due'),
    claimDueDays: days('the days after a quarter the claim to the funder is due'),
    terms: optionalText('the terms', 5000),
  })
  .refine((v) => v.startOn === '' || v.endOn === '' || v.startOn <= v.endOn, { path: ['endOn'], message: 'The agreement cannot end before it starts' });

function AgreementForm({ fund }: { fund: Fund }) {
  const { repositories } = useStore();
  const form = useForm<z.input<typeof agreementSchema>, unknown, z.output<typeof agreementSchema>>({
    resolver: zodResolver(agreementSchema),
    defaultValues: { name: fund.name, awarded: poundsOf(fund.awardedPence), startOn: fund.startOn, endOn: fund.endOn, partnerClaimDueDays: fund.partnerClaimDueDays, claimDueDays: fund.claimDueDays, terms: fund.terms },
    shouldFocusError: false,
  });
  return (
    <EditForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="agreement-form-title"
      title="Change the agreement"
      button="Save the agreement"
      onSave={async (values) => {
        const v = values as unknown as z.output<typeof agreementSchema>;
        await repositories.funds.update(fund.id, { name: v.name, awardedPence: v.awarded!, startOn: v.startOn, endOn: v.endOn, partnerClaimDueDays: v.partnerClaimDueDays, claimDueDays: v.claimDueDays, terms: v.terms });
        return 'Saved the agreement.';
      }}
    >
      <TextField name="name" label="Fund" />
      <TextField name="awarded" label="Amount awarded (£)" width="medium" />
      <div className="inline-fields">
        <DateField name="startOn" label="Starts" />
        <DateField name="endOn" label="Ends" />
      </div>
      <div className="inline-fields">
        <NumberField name="partnerClaimDueDays" label="Partners’ claims due, days after the quarter" />
        <NumberField name="claimDueDays" label="Claim to the funder due, days after the quarter" />
      </div>
      <TextAreaField name="terms" label="Terms payments depend on" rows={4} />
    </EditForm>
  );
}

export function FundPage() {
  const { fundId = '' } = useParams();
  const { db } = useStore();
  const role = useThisCopyRole();
  const data = useLiveQuery(async () => {
    const [fund, funders, projects, organisations] = await Promise.all([db.funds.get(fundId), db.funders.toArray(), db.projects.toArray(), db.organisations.toArray()]);
    return { fund: fund && !fund.deleted ? fund : undefined, funder: funders.find((f) => f.id === fund?.funderId)?.name ?? '', projects: projects.filter((p) => !p.deleted && p.fundId === fundId).sort((a, b) => a.name.localeCompare(b.name)), names: new Map(organisations.map((o) => [o.id, o.name])) };
  }, [db, fundId]);
  if (!data || !role) return <Page title="Fund" />;
  const back = <Link to="/claims">Claims</Link>;
  if (!data.fund) {
    return (
      <Page title="Fund not found" back={back}>
        <EmptyState>
          <p>There is no such fund on this copy.</p>
        </EmptyState>
      </Page>
    );
  }
  const { fund } = data;
  return (
    <Page title={fund.name} back={back} intro={<p>{data.funder ? `From ${data.funder}. ` : ''}{fund.restricted ? 'A restricted fund.' : 'An unrestricted fund.'}</p>}>
      <dl className="claim-text">
        <dt>Amount awarded</dt>
        <dd>{formatPounds(fund.awardedPence)}</dd>
        <dt>Period</dt>
        <dd>{fund.startOn && fund.endOn ? `${formatDate(fund.startOn)} to ${formatDate(fund.endOn)}` : 'Not entered'}</dd>
        <dt>Claims</dt>
        <dd>
          Quarterly: partners’ claims are due {fund.partnerClaimDueDays} days after each quarter ends, the claim to the funder {fund.claimDueDays} days after.
        </dd>
        {fund.terms && (
          <>
            <dt>Terms payments depend on</dt>
            <dd>{fund.terms}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="fund-projects-title">
        <h2 className="section-title" id="fund-projects-title">
          Projects it pays for
        </h2>
        {data.projects.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {data.projects.map((p) => (
              <li key={p.id}>
                <Link to={projectPath(p.id)}>{p.name}</Link> — led by {data.names.get(p.leadOrganisationId) ?? 'no organisation named'}
              </li>
            ))}
          </ul>
        )}
      </section>
      {role.offices.includes('accountable-body') && <AgreementForm key={Object.values(fund._clocks).sort().at(-1)} fund={fund} />}
    </Page>
  );
}

/** The financial years a project runs over, by the consortium's year start. */
function yearsOf(project: Project, sm: number, sd: number): string[] {
  if (project.firstYear === '' || project.lastYear === '') return [];
  try {
    const first = financialYearNamed(project.firstYear, sm, sd).startYear;
    const last = financialYearNamed(project.lastYear, sm, sd).startYear;
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => financialYearStarting(first + i, sm, sd).label);
  } catch {
    return [];
  }
}

const QUARTERS = [1, 2, 3, 4] as const;

function PeriodForm({ project, years }: { project: Project; years: string[] }) {
  const { repositories } = useStore();
  const quarter = z.number().int().min(1).max(4);
  const schema = z
    .object({ firstYear: z.string().min(1, 'Choose the first year'), firstQuarter: quarter, lastYear: z.string().min(1, 'Choose the last year'), lastQuarter: quarter })
    .refine((v) => v.firstYear.slice(0, 4) + v.firstQuarter <= v.lastYear.slice(0, 4) + v.lastQuarter, { path: ['lastYear'], message: 'The project cannot end before it starts' });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { firstYear: project.firstYear, firstQuarter: project.firstQuarter, lastYear: project.lastYear, lastQuarter: project.lastQuarter }, shouldFocusError: false });
  const yearChoices = years.map((y) => ({ value: y, label: y }));
  const quarterChoices = QUARTERS.map((q) => ({ value: q, label: `Q${q}` }));
  return (
    <EditForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="project-period-title"
      title="The project’s quarters"
      intro={<p>Partners claim for these quarters only.</p>}
      button="Save the quarters"
      onSave={async (values) => {
        await repositories.projects.update(project.id, values as unknown as z.output<typeof schema>);
        return 'Saved the project’s quarters.';
      }}
    >
      <div className="inline-fields">
        <SelectField name="firstYear" label="First year" choices={yearChoices} placeholder="Choose" />
        <SelectField name="firstQuarter" label="First quarter" choices={quarterChoices} numeric width="short" />
        <SelectField name="lastYear" label="Last year" choices={yearChoices} placeholder="Choose" />
        <SelectField name="lastQuarter" label="Last quarter" choices={quarterChoices} numeric width="short" />
      </div>
    </EditForm>
  );
}

function ProfileForm({ lines, year }: { lines: BudgetLine[]; year: string }) {
  const { repositories } = useStore();
  const [code, setCode] = useState(lines[0]?.code ?? '');
  const line = lines.find((l) => l.code === code) ?? lines[0];
  const schema = z.object({ q: z.object(Object.fromEntries(QUARTERS.map((q) => [`Q${q}`, poundsText(`the profile for Q${q}`, true)]))) });
  const valuesOf = (l: BudgetLine | undefined) => ({ q: Object.fromEntries(QUARTERS.map((q) => [`Q${q}`, poundsOf(l ? (periodValues(l, PROFILE_FIELD_PREFIX).get(`${year}:Q${q}`) ?? 0) : 0)])) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: valuesOf(line), shouldFocusError: false });
  useEffect(() => form.reset(valuesOf(line)), [line?.id, year]); // eslint-disable-line react-hooks/exhaustive-deps -- the values of the line and year chosen
  if (!line) return null;
  return (
    <EditForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="profile-form-title"
      title={`Change a line’s profile for ${year}`}
      button="Save the profile"
      onSave={async (values) => {
        const q = (values as unknown as z.output<typeof schema>).q as Record<string, number>;
        await repositories.budgetLines.setParts(line.id, Object.fromEntries(QUARTERS.map((n) => [periodField(PROFILE_FIELD_PREFIX, year, n), q[`Q${n}`]!])));
        return `Saved the profile of ${line.name} for ${year}.`;
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="profile-line">
          Budget line
        </label>
        <select id="profile-line" className="input input--medium" value={line.code} onChange={(e) => setCode(e.target.value)}>
          {lines.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="claim-lines">
        {QUARTERS.map((q) => (
          <TextField key={q} name={`q.Q${q}`} label={`Q${q} (£)`} width="medium" />
        ))}
      </div>
    </EditForm>
  );
}

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

function AddLineForm({ project, lines }: { project: Project; lines: BudgetLine[] }) {
  const { repositories } = useStore();
  const schema = z.object({
    name: requiredText('the line’s name', 200).refine((n) => slugOf(n) !== '', 'Use at least one letter or digit in the name'),
    category: z.enum(BUDGET_CATEGORIES),
  }).refine((v) => !lines.some((l) => l.code === slugOf(v.name)), { path: ['name'], message: 'The project already has a line of that name' });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { name: '', category: 'other' }, shouldFocusError: false });
  return (
    <EditForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="add-line-title"
      title="Add a budget line"
      button="Add the line"
      onSave={async (values) => {
        const v = values as unknown as z.output<typeof schema>;
        await repositories.budgetLines.create({ projectId: project.id, code: slugOf(v.name), name: v.name, category: v.category, order: lines.length });
        form.reset({ name: '', category: 'other' });
        return `Added ${v.name}. Give it a profile above.`;
      }}
    >
      <div className="inline-fields">
        <TextField name="name" label="Name" width="medium" />
        <SelectField name="category" label="Kind of cost" choices={BUDGET_CATEGORIES.map((c) => ({ value: c, label: BUDGET_CATEGORY_LABELS[c] }))} />
      </div>
    </EditForm>
  );
}

function TargetsForm({ outputs, year }: { outputs: Output[]; year: string }) {
  const { repositories } = useStore();
  const [code, setCode] = useState(outputs[0]?.code ?? '');
  const output = outputs.find((o) => o.code === code) ?? outputs[0];
  const count = (q: number) => z.number({ error: `Enter the target for Q${q}` }).refine((n) => Number.isInteger(n) && n >= 0, `Enter the target for Q${q} as a whole number, 0 or more`);
  const schema = z.object({ q: z.object(Object.fromEntries(QUARTERS.map((q) => [`Q${q}`, count(q)]))) });
  const valuesOf = (o: Output | undefined) => ({ q: Object.fromEntries(QUARTERS.map((q) => [`Q${q}`, o ? (periodValues(o, TARGET_FIELD_PREFIX).get(`${year}:Q${q}`) ?? 0) : 0])) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: valuesOf(output), shouldFocusError: false });
  useEffect(() => form.reset(valuesOf(output)), [output?.id, year]); // eslint-disable-line react-hooks/exhaustive-deps -- the values of the output and year chosen
  if (!output) return null;
  return (
    <EditForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="targets-form-title"
      title={`Change an output’s targets for ${year}`}
      button="Save the targets"
      onSave={async (values) => {
        const q = (values as unknown as z.output<typeof schema>).q as Record<string, number>;
        await repositories.outputs.setParts(output.id, Object.fromEntries(QUARTERS.map((n) => [periodField(TARGET_FIELD_PREFIX, year, n), q[`Q${n}`]!])));
        return `Saved the targets of ${output.name} for ${year}.`;
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="targets-output">
          Output
        </label>
        <select id="targets-output" className="input input--medium" value={output.code} onChange={(e) => setCode(e.target.value)}>
          {outputs.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="claim-lines">
        {QUARTERS.map((q) => (
          <NumberField key={q} name={`q.Q${q}`} label={`Q${q}`} />
        ))}
      </div>
    </EditForm>
  );
}

function ByQuarter({ caption, rows, year, money }: { caption: string; rows: ReadonlyArray<{ key: string; name: string; values: Map<string, number> }>; year: string; money: boolean }) {
  const show = (n: number) => (money ? formatPounds(n) : String(n));
  const cell = (r: { values: Map<string, number> }, q: number) => r.values.get(`${year}:Q${q}`) ?? 0;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{money ? 'Budget line' : 'Output'}</th>
            {QUARTERS.map((q) => (
              <th key={q} scope="col" className="cell-number">
                Q{q}
              </th>
            ))}
            <th scope="col" className="cell-number">
              Year
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {QUARTERS.map((q) => (
                <td key={q} className="cell-number">
                  {show(cell(r, q))}
                </td>
              ))}
              <td className="cell-number">{show(sumPence(QUARTERS.map((q) => cell(r, q))))}</td>
            </tr>
          ))}
        </tbody>
        {money && (
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {QUARTERS.map((q) => (
                <td key={q} className="cell-number">
                  {show(sumPence(rows.map((r) => cell(r, q))))}
                </td>
              ))}
              <td className="cell-number">{show(sumPence(rows.flatMap((r) => QUARTERS.map((q) => cell(r, q)))))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function ProjectPage() {
  const { projectId = '' } = useParams();
  const { db } = useStore();
  const role = useThisCopyRole();
  const consortium = useConsortium();
  const data = useLiveQuery(async () => {
    const [project, lines, outputs, funds, organisations] = await Promise.all([
      db.projects.get(projectId),
      db.budgetLines.where('projectId').equals(projectId).toArray(),
      db.outputs.where('projectId').equals(projectId).toArray(),
      db.funds.toArray(),
      db.organisations.toArray(),
    ]);
    const order = <T extends { order: number; code: string }>(a: T, b: T) => a.order - b.order || (a.code < b.code ? -1 : 1);
    return {
      project: project && !project.deleted ? project : undefined,
      lines: lines.filter((l) => !l.deleted).sort(order),
      outputs: outputs.filter((o) => !o.deleted).sort(order),
      fund: funds.find((f) => f.id === project?.fundId),
      names: new Map(organisations.map((o) => [o.id, o.name])),
    };
  }, [db, projectId]);
  const [chosenYear, setYear] = useState('');
  if (!data || !role || consortium === undefined) return <Page title="Project" />;
  const back = <Link to="/claims">Claims</Link>;
  const { project, lines, outputs, fund, names } = data;
  if (!project) {
    return (
      <Page title="Project not found" back={back}>
        <EmptyState>
          <p>There is no such project on this copy.</p>
        </EmptyState>
      </Page>
    );
  }
  const sm = consortium?.financialYearStartMonth ?? 4;
  const sd = consortium?.financialYearStartDay ?? 1;
  const years = yearsOf(project, sm, sd);
  const year = years.includes(chosenYear) ? chosenYear : (years[0] ?? '');
  const isAB = role.offices.includes('accountable-body');
  const keepsProjects = isAB || role.offices.includes('secretariat');
  const around = Array.from({ length: 8 }, (_, i) => financialYearStarting((years[0] ? financialYearNamed(years[0], sm, sd).startYear : Number(new Date().getFullYear())) - 2 + i, sm, sd).label);
  const profiles = lines.map((l) => ({ key: l.code, name: l.name, values: periodValues(l, PROFILE_FIELD_PREFIX) }));
  const projectTotal = sumPence(profiles.flatMap((p) => [...p.values.values()]));
  return (
    <Page
      title={project.name}
      back={back}
      intro={
        <p>
          Led by {names.get(project.leadOrganisationId) ?? 'no organisation named'}
          {project.deliveryOrganisationIds.length > 0 ? `, delivered with ${project.deliveryOrganisationIds.map((id) => names.get(id) ?? 'an organisation').join(', ')}` : ''}.{' '}
          {fund ? (
            <>
              Paid for by <Link to={fundPath(fund.id)}>{fund.name}</Link>.
            </>
          ) : null}
        </p>
      }
    >
      <p>
        {project.firstYear && project.lastYear ? `From Q${project.firstQuarter} ${project.firstYear} to Q${project.lastQuarter} ${project.lastYear}. ` : 'Its quarters have not been entered yet. '}
        Budget over the whole project: {formatPounds(projectTotal)}.
      </p>
      {years.length > 0 && (
        <div className="field">
          <label className="field-label" htmlFor="project-year">
            Financial year shown
          </label>
          <select id="project-year" className="input input--medium" value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
      )}
      {year && lines.length > 0 && <ByQuarter caption={`Budget profile, ${year}`} rows={profiles} year={year} money />}
      {year && outputs.length > 0 && <ByQuarter caption={`Output targets, ${year}`} rows={outputs.map((o) => ({ key: o.code, name: o.name, values: periodValues(o, TARGET_FIELD_PREFIX) }))} year={year} money={false} />}
      {keepsProjects && <PeriodForm key={`${project.firstYear}${project.firstQuarter}${project.lastYear}${project.lastQuarter}`} project={project} years={around} />}
      {isAB && year && lines.length > 0 && <ProfileForm lines={lines} year={year} />}
      {isAB && <AddLineForm project={project} lines={lines} />}
      {isAB && year && outputs.length > 0 && <TargetsForm outputs={outputs} year={year} />}
    </Page>
  );
}
