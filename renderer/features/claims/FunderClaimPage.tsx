/**
 * A claim to a funder (/claims/funders/:fundId/:year/:quarter, the year as 2026-27;
 * docs/architecture.md, "Claims: funder claims"): built from the approved partner
 * claims and the Accountable Body's own costs, its totals per line and project,
 * cumulative to date, variance against profile and outputs against target, all
 * derived (funder-claim-data.ts). The Accountable Body's copy types its own costs, the
 * explanation of variances and the narrative on outputs, marks it submitted (refused,
 * with the reasons, while a variance beyond the threshold is unexplained or outputs
 * are below target without a narrative) and records the payment received. Other
 * copies see it read only. Exports: XLSX, PDF (the print view), every claim line as CSV,
 * and a remittance advice for each partner paid. The charts each have a table of the same figures.
 */
import { useMemo, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { formatPounds, parsePounds } from '../../../shared/rules/money';
import { formatTenthsOfPercent, type Figures } from '../../../shared/rules/funder-claim';
import type { Quarter } from '../../../shared/rules/financial-year';
import { useConsortium } from '../../app/use-consortium';
import { useCitation } from '../../app/use-citation';
import { usePlatform } from '../../app/platform-context';
import { useThisCopyRole } from '../../app/use-roles';
import { useStore } from '../../db/store-context';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField, TextField } from '../../ui/fields';
import { EmptyState, Page } from '../../ui/Page';
import { formatDate, todayInLondon } from '../../ui/dates';
import { describeSaveError } from '../../ui/save-error';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { exportFileName, saveExport } from '../../exports/save';
import { XLSX_MIME_TYPE } from '../../exports/xlsx';
import { CSV_MIME_TYPE } from '../../exports/csv';
import { CumulativeSpendChart, OutputsChart, SpendByPartnerChart } from './ClaimCharts';
import { RemittanceAdvice } from './RemittanceAdvice';
import { loadClaimLines, loadFunderClaim, type FunderClaimView } from './funder-claim-data';
import { FunderClaimNotReady, recordFunderPayment, saveFunderClaim, submitFunderClaim } from './funder-claim-actions';
import { funderClaimFormSchema, funderClaimFormValues, ownCostsOf, paymentFormSchema, submittedOnSchema, type FunderClaimFormValues, type PaymentFormValues } from './funder-claim-form';
import { funderClaimTitle } from './funder-claim-document';
import { claimLinesCsv, funderClaimXlsx } from './funder-claim-xlsx';
import './claims.css';

/** The address of a claim to a funder: the year written 2026-27, as a slash cannot be in a path segment. */
export function funderClaimPath(fundId: string, financialYear: string, quarter: number, print = false): string {
  return `/claims/funders/${encodeURIComponent(fundId)}/${financialYear.replace('/', '-')}/${quarter}${print ? '/print' : ''}`;
}

/** The fund, year and quarter of the address, or undefined when it names none. */
export function useFunderClaimParams(): { fundId: string; financialYear: string; quarter: Quarter } | undefined {
  const { fundId, year, quarter } = useParams();
  const q = Number(quarter);
  if (!fundId || !year || !/^\d{4}(-\d{2})?$/.test(year) || ![1, 2, 3, 4].includes(q)) return undefined;
  return { fundId, financialYear: year.replace('-', '/'), quarter: q as Quarter };
}

/** The claim for the address, derived live from the store; null when there is no such fund. */
export function useFunderClaimView(consortium: Consortium | null | undefined) {
  const { db } = useStore();
  const params = useFunderClaimParams();
  return useLiveQuery(
    async () => (params && consortium ? ((await loadFunderClaim(db, params.fundId, params.financialYear, params.quarter, consortium)) ?? null) : null),
    [db, params?.fundId, params?.financialYear, params?.quarter, consortium],
  );
}

const variance = (f: Figures) => (
  <>
    <span className="claim-variance">
      {formatPounds(f.variance.pence)} ({formatTenthsOfPercent(f.variance.tenthsOfPercent)})
    </span>
    {f.variance.beyondThreshold && <span className="claim-beyond">Needs explaining</span>}
  </>
);

function FiguresHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="cell-number">
          Partners
        </th>
        <th scope="col" className="cell-number">
          Own costs
        </th>
        <th scope="col" className="cell-number">
          Claimed
        </th>
        <th scope="col" className="cell-number">
          Profile
        </th>
        <th scope="col">Variance</th>
        <th scope="col" className="cell-number">
          Claimed to date
        </th>
        <th scope="col" className="cell-number">
          Profile to date
        </th>
      </tr>
    </thead>
  );
}

function FiguresRow({ name, f, strong }: { name: string; f: Figures; strong?: boolean }) {
  return (
    <tr className={strong ? 'row-total' : undefined}>
      <th scope="row">{name}</th>
      <td className="cell-number">{formatPounds(f.partnersPence)}</td>
      <td className="cell-number">{formatPounds(f.ownCostsPence)}</td>
      <td className="cell-number">{formatPounds(f.claimedPence)}</td>
      <td className="cell-number">{formatPounds(f.profilePence)}</td>
      <td>{variance(f)}</td>
      <td className="cell-number">{formatPounds(f.cumulativePence)}</td>
      <td className="cell-number">{formatPounds(f.cumulativeProfilePence)}</td>
    </tr>
  );
}

/** The claim's figures by project, with its total (exported for the benchmark, bench-claims-harness.ts). */
export function Summary({ view }: { view: FunderClaimView }) {
  const f = view.figures;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Summary by project (scrolls sideways)">
      <table className="table claim-figures">
        <caption>Summary by project</caption>
        <FiguresHead first="Project" />
        <tbody>
          {f.projects.map((p) => (
            <FiguresRow key={p.projectId} name={p.name} f={p} />
          ))}
          <FiguresRow name="Total" f={f} strong />
        </tbody>
      </table>
    </div>
  );
}

/** One project's figures by budget line. */
export function ProjectDetail({ view, projectId }: { view: FunderClaimView; projectId: string }) {
  const p = view.figures.projects.find((x) => x.projectId === projectId);
  if (!p) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${p.name}: spend by budget line (scrolls sideways)`}>
      <table className="table claim-figures">
        <caption>{p.name}: spend by budget line this quarter</caption>
        <FiguresHead first="Budget line" />
        <tbody>
          {p.lines.map((l) => (
            <FiguresRow key={l.lineId} name={l.name} f={l} />
          ))}
          <FiguresRow name="Total" f={p} strong />
        </tbody>
      </table>
    </div>
  );
}

function Exports({ view, consortium }: { view: FunderClaimView; consortium: Consortium }) {
  const platform = usePlatform();
  const { db } = useStore();
  const [outcome, setOutcome] = useState({ message: '', failed: false });
  const [busy, setBusy] = useState(false);
  const name = `${view.fund.name} Q${view.quarter} ${view.financialYear.replace('/', '-')}`;
  const run = async (what: string, make: () => Promise<{ bytes: Uint8Array; extension: string; mimeType: string; description: string; label: string }>) => {
    setBusy(true);
    setOutcome({ message: '', failed: false });
    try {
      const file = await make();
      const result = await saveExport(platform, { bytes: file.bytes, fileName: exportFileName([consortium.name, file.label], todayInLondon(), file.extension), mimeType: file.mimeType, description: file.description });
      setOutcome({ failed: false, message: result.saved ? `Saved ${result.location}.` : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setOutcome({ failed: true, message: `The ${what} could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };
  const xlsx = () =>
    run('claim', async () => ({ bytes: await funderClaimXlsx(view, consortium.name), extension: 'xlsx', mimeType: XLSX_MIME_TYPE, description: 'Spreadsheet (XLSX)', label: `claim ${name}` }));
  const csv = () =>
    run('claim lines', async () => {
      const [lines, projects, organisations, budgetLines] = await Promise.all([loadClaimLines(db), db.projects.toArray(), db.organisations.toArray(), db.budgetLines.toArray()]);
      const project = new Map(projects.map((p) => [p.id, p.name]));
      const org = new Map(organisations.map((o) => [o.id, o.name]));
      const line = new Map(budgetLines.map((l) => [`${l.projectId}/${l.code}`, l.name]));
      const rows = lines.map((l) => ({ ...l, project: project.get(l.projectId) ?? l.projectId, partner: org.get(l.organisationId) ?? l.organisationId, line: line.get(`${l.projectId}/${l.lineCode}`) ?? l.lineCode }));
      return { bytes: claimLinesCsv(rows), extension: 'csv', mimeType: CSV_MIME_TYPE, description: 'Comma-separated values (CSV)', label: 'claim lines' };
    });
  return (
    <div className="no-print">
      <div className="print-actions">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void xlsx()}>
          Claim as XLSX
        </button>
        <Link className="button button--secondary" to={funderClaimPath(view.fund.id, view.financialYear, view.quarter, true)}>
          Claim as PDF
        </Link>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void csv()}>
          Every claim line as CSV
        </button>
      </div>
      <p className={outcome.failed ? 'status-line warning' : 'status-line'} role="status">
        {outcome.message}
      </p>
    </div>
  );
}

function Problems({ view }: { view: FunderClaimView }) {
  const f = view.figures;
  const t = f.threshold;
  if (f.variancesToExplain.length === 0 && f.outputsBelowTarget.length === 0) return null;
  const lineVariances = f.variancesToExplain.filter((v) => v.lineId !== undefined).length;
  return (
    <section className="claim-problems" aria-labelledby="claim-problems-title">
      <h2 className="section-title" id="claim-problems-title">
        To explain to the funder
      </h2>
      {f.variancesToExplain.length > 0 && (
        <>
          <p>
            Variances against the profile beyond {t.percent}% {t.combination === 'both' ? 'and' : 'or'} {formatPounds(t.pence)}:
          </p>
          <ul>
            {f.variancesToExplain
              .filter((v) => v.lineId === undefined)
              .map((v) => (
                <li key={`${v.projectId}/`}>
                  {v.name}: {formatPounds(v.variance.pence)} ({formatTenthsOfPercent(v.variance.tenthsOfPercent)}, {v.variance.pence < 0 ? 'under' : 'over'} profile)
                </li>
              ))}
          </ul>
          {lineVariances > 0 && (
            <p>
              And {lineVariances} budget {lineVariances === 1 ? 'line' : 'lines'}, each marked “Needs explaining” in its project’s table under Charts.
            </p>
          )}
        </>
      )}
      {f.outputsBelowTarget.length > 0 && (
        <>
          <p>Outputs below target (payment is tied to outputs):</p>
          <ul>
            {f.outputsBelowTarget.map((o) => (
              <li key={`${o.projectId}/${o.outputId}`}>
                {o.name}: {o.achieved} of {o.target}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ClaimForm({ view, consortium }: { view: FunderClaimView; consortium: Consortium }) {
  const store = useStore();
  const form = useForm<FunderClaimFormValues>({ resolver: zodResolver(funderClaimFormSchema), defaultValues: funderClaimFormValues(view, todayInLondon()), shouldFocusError: false });
  const { prompt, allowLeaving } = useUnsavedChanges(form.formState.isDirty);
  const [summaryKey, setSummaryKey] = useState(0);
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState('');
  const lineNames = useMemo(() => new Map<string, string>(view.figures.projects.flatMap((p) => p.lines.map((l) => [`${p.projectId}/${l.lineId}`, l.name] as const))), [view]);
  const refused = () => setSummaryKey((k) => k + 1);
  const draftOf = (values: FunderClaimFormValues) => ({ ownCosts: ownCostsOf(values), varianceExplanation: values.varianceExplanation.trim(), outputsNarrative: values.outputsNarrative.trim() });

  const save = form.handleSubmit(async (values) => {
    setSaveError(undefined);
    setSaved('');
    try {
      await saveFunderClaim(store, view.fund.id, view.financialYear, view.quarter, draftOf(values));
      form.reset(values);
      allowLeaving();
      setSaved('Saved the draft claim.');
    } catch (error) {
      setSaveError(describeSaveError(error));
      refused();
    }
  }, refused);

  const submit = form.handleSubmit(async (values) => {
    setSaveError(undefined);
    setSaved('');
    const day = submittedOnSchema.safeParse(values.submittedOn);
    if (!day.success) {
      form.setError('submittedOn', { type: 'custom', message: day.error.issues[0]?.message ?? 'Enter the date' });
      refused();
      return;
    }
    try {
      await submitFunderClaim(store, view.fund.id, view.financialYear, view.quarter, draftOf(values), day.data, consortium);
      form.reset(values);
      allowLeaving();
      setSaved(`Marked as submitted to the funder on ${formatDate(day.data)}.`);
    } catch (error) {
      if (error instanceof FunderClaimNotReady) {
        for (const problem of error.problems) {
          if (problem.startsWith('Explain the variance')) form.setError('varianceExplanation', { type: 'custom', message: problem });
          else if (problem.startsWith('Say why outputs')) form.setError('outputsNarrative', { type: 'custom', message: problem });
          else setSaveError(problem);
        }
      } else setSaveError(describeSaveError(error));
      refused();
    }
  }, refused);

  const ownCostFields = form.getValues('ownCosts');
  return (
    <FormProvider {...form}>
      <form className="form claim-form" noValidate onSubmit={(e) => void save(e)} aria-label="The claim to the funder">
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <section className="form-section" aria-labelledby="claim-own-costs">
          <h2 id="claim-own-costs" className="section-title">
            The Accountable Body’s own costs this quarter
          </h2>
          <details className="claim-own-costs" open={ownCostFields.some((field) => field.amount !== '') || Boolean(form.formState.errors.ownCosts)}>
            <summary>Enter the Accountable Body’s own costs, in pounds, by project and budget line (leave empty for none)</summary>
            {view.figures.projects.map((p) => (
              <fieldset key={p.projectId} className="fieldset">
                <legend className="field-label">{p.name}</legend>
                <div className="inline-fields">
                  {ownCostFields.map((field, i) =>
                    field.key.startsWith(`${p.projectId}/`) ? <TextField key={field.key} name={`ownCosts.${i}.amount`} label={lineNames.get(field.key) ?? field.key} width="short" /> : null,
                  )}
                </div>
              </fieldset>
            ))}
          </details>
        </section>
        <section className="form-section" aria-labelledby="claim-words">
          <h2 id="claim-words" className="section-title">
            For the funder
          </h2>
          <TextAreaField
            name="varianceExplanation"
            label="Explanation of variances"
            hint={`Needed before the claim is submitted when spend differs from the profile by more than ${view.figures.threshold.percent}% ${view.figures.threshold.combination === 'both' ? 'and' : 'or'} ${formatPounds(view.figures.threshold.pence)}.`}
            rows={4}
          />
          <TextAreaField name="outputsNarrative" label="Narrative on outputs" hint="Needed before the claim is submitted when outputs are below target: payment is tied to outputs." rows={4} />
          <DateField name="submittedOn" label="Date submitted to the funder" hint="Used when you mark the claim as submitted." />
        </section>
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
            Save draft
          </button>
          <button type="button" className="button button--primary" disabled={form.formState.isSubmitting} onClick={() => void submit()}>
            Mark as submitted to the funder
          </button>
        </div>
        <p className="status-line" role="status">
          {saved}
        </p>
      </form>
      {prompt}
    </FormProvider>
  );
}

function PaymentForm({ view }: { view: FunderClaimView }) {
  const store = useStore();
  const form = useForm<PaymentFormValues>({ resolver: zodResolver(paymentFormSchema), defaultValues: { receivedOn: todayInLondon(), amount: formatPounds(view.state.submitted?.claimedPence ?? view.figures.claimedPence) }, shouldFocusError: false });
  const [summaryKey, setSummaryKey] = useState(0);
  const [saveError, setSaveError] = useState<string>();
  const record = form.handleSubmit(
    async (values) => {
      setSaveError(undefined);
      try {
        await recordFunderPayment(store, view.recordId, values.receivedOn, parsePounds(values.amount));
      } catch (error) {
        setSaveError(describeSaveError(error));
        setSummaryKey((k) => k + 1);
      }
    },
    () => setSummaryKey((k) => k + 1),
  );
  return (
    <FormProvider {...form}>
      <form className="form claim-form" noValidate onSubmit={(e) => void record(e)} aria-label="The funder’s payment">
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <h2 className="section-title">The funder’s payment</h2>
        <DateField name="receivedOn" label="Date received" />
        <TextField name="amount" label="Amount received, in pounds" width="medium" />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Record the payment
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

function Charts({ view, startMonth }: { view: FunderClaimView; startMonth: number }) {
  const [projectId, setProjectId] = useState(view.figures.projects[0]?.projectId ?? '');
  const project = view.figures.projects.find((p) => p.projectId === projectId) ?? view.figures.projects[0];
  if (!project) return null;
  return (
    <section aria-labelledby="claim-charts">
      <h2 className="section-title" id="claim-charts">
        Charts
      </h2>
      <div className="field no-print">
        <label className="field-label" htmlFor="claim-chart-project">
          Project
        </label>
        <select id="claim-chart-project" className="input claim-select" value={project.projectId} onChange={(e) => setProjectId(e.target.value)}>
          {view.figures.projects.map((p) => (
            <option key={p.projectId} value={p.projectId}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <ProjectDetail view={view} projectId={project.projectId} />
      <CumulativeSpendChart project={project} startMonth={startMonth} />
      {project.outputs.length > 0 && <OutputsChart project={project} />}
      <SpendByPartnerChart shares={view.figures.byPartner} names={view.organisationNames} />
    </section>
  );
}

function statusWords(view: FunderClaimView): string {
  const s = view.state;
  if (s.status === 'draft') return view.record ? 'Draft: not yet submitted.' : 'Not started: nothing saved yet.';
  if (s.status === 'submitted') return `Submitted to the funder on ${formatDate(s.submittedOn ?? '')}, for ${formatPounds(s.submitted?.claimedPence ?? 0)}.`;
  return `Paid: ${formatPounds(s.received?.amountPence ?? 0)} received on ${formatDate(s.received?.receivedOn ?? '')}.`;
}

export function FunderClaimPage() {
  const consortium = useConsortium();
  const role = useThisCopyRole();
  const view = useFunderClaimView(consortium);
  const { cite } = useCitation();
  const params = useFunderClaimParams();
  if (!params) {
    return (
      <Page title="Claim to a funder" back={<Link to="/claims">Claims</Link>}>
        <EmptyState>
          <p>This address names no fund and quarter. Open a claim to a funder from the Claims page.</p>
        </EmptyState>
      </Page>
    );
  }
  if (view === undefined || !consortium || !role) return <Page title="Claim to a funder" back={<Link to="/claims">Claims</Link>} />;
  if (view === null) {
    return (
      <Page title="Fund not found" back={<Link to="/claims">Claims</Link>}>
        <EmptyState>
          <p>This copy holds no such fund. It may not have reached this copy yet.</p>
        </EmptyState>
      </Page>
    );
  }
  const isAccountableBody = role.offices.includes('accountable-body');
  const f = view.figures;
  return (
    <Page
      title={funderClaimTitle(view)}
      back={<Link to="/claims">Claims</Link>}
      intro={
        <>
          <p>
            The quarter from {formatDate(view.start)} to {formatDate(view.end)}. {statusWords(view)}
          </p>
          <p>
            Built from {view.approvedClaims} approved partner {view.approvedClaims === 1 ? 'claim' : 'claims'} and the Accountable Body’s own costs ({cite('accountableBody')})
            {view.waitingClaims > 0 ? `; ${view.waitingClaims} partner ${view.waitingClaims === 1 ? 'claim' : 'claims'} for the quarter still waiting for approval are not in it` : ''}. Claimed{' '}
            {formatPounds(f.claimedPence)} against a profile of {formatPounds(f.profilePence)}.
          </p>
        </>
      }
    >
      <Exports view={view} consortium={consortium} />
      <Summary view={view} />
      <Problems view={view} />
      {isAccountableBody && view.state.status === 'draft' && <ClaimForm key={view.recordId} view={view} consortium={consortium} />}
      {isAccountableBody && view.state.status === 'submitted' && <PaymentForm view={view} />}
      {!isAccountableBody && <p className="field-hint">Only the Accountable Body’s copy prepares, submits and records payment of claims to funders.</p>}
      {view.record?.varianceExplanation && view.state.status !== 'draft' && (
        <>
          <h2 className="section-title">Explanation of variances</h2>
          <p>{view.record.varianceExplanation}</p>
        </>
      )}
      {view.record?.outputsNarrative && view.state.status !== 'draft' && (
        <>
          <h2 className="section-title">Narrative on outputs</h2>
          <p>{view.record.outputsNarrative}</p>
        </>
      )}
      <Charts view={view} startMonth={consortium.financialYearStartMonth} />
      {isAccountableBody && <RemittanceAdvice view={view} consortium={consortium} />}
    </Page>
  );
}
