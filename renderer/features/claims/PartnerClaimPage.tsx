/**
 * One partner's claim for one project and quarter (docs/architecture.md, "Claims";
 * Partnership Agreement 8.1(3), 8.1(4)): on the partner's own copy, the form
 * (spend per budget line, outputs achieved, narrative, evidence) saved as a draft
 * and sent to the Accountable Body, and after a query the answer; on the
 * Accountable Body's copy, the review (query a line; approve line by line with a
 * reason where less is approved; mark paid); for everyone, where it stands, what
 * was approved and paid, the questions and answers, and its history. Only the
 * steps this copy may take are offered; every copy refuses the rest anyway.
 */
import { useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Link, useParams } from 'react-router';
import type { ReactNode } from 'react';
import { periodValues, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX, type Organisation, type PartnerClaim } from '../../../shared/domain/entities';
import { claimProblems, claimTotal } from '../../../shared/rules/claims';
import { formatDate } from '../../../shared/rules/calendar-date';
import { formatPounds } from '../../../shared/rules/money';
import { partnerClaimLifecycle } from '../../../shared/rules/lifecycles';
import { NotYetRegistered, useRegisteredAsOwn } from './claim-links';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { useInstallation, useStore } from '../../db/store-context';
import { ValidationError } from '../../db/repository';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { DateField } from '../../ui/DateField';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { EmptyState, Page } from '../../ui/Page';
import { useFormSave } from '../../ui/use-form-save';
import { useDraft } from '../../ui/use-draft';
import { DraftNotice } from '../../ui/DraftNotice';
import { todayInLondon } from '../../ui/dates';
import { RecordHistory } from '../reports/RecordHistory';
import { approveClaim, claimFrameOf, claimState, loadProjectFrame, markClaimPaid, queryClaim, saveClaim, submitClaim, type ProjectFrame } from './claim-actions';
import { approvalSchema, claimFormDefaults, claimFormSchema, paymentSchema, poundsOf, showFieldErrors, type ClaimFormInput, type ClaimFormOutput } from './claim-form';
import './partner-claims.css';

export const claimStatusWords = (claim: PartnerClaim | undefined) => (claim ? partnerClaimLifecycle.statusWords[claimState(claim).status] : 'Not started');

interface ClaimData {
  claim: PartnerClaim | undefined;
  frame: ProjectFrame | undefined;
  organisation: Organisation | undefined;
}

/** A small form for one step: heading, intro, the error summary, fields and its buttons. */
function StepForm<T extends FieldValues>({ form, id, title, intro, buttons, onSave, children }: { form: UseFormReturn<T>; id: string; title: string; intro?: ReactNode; buttons: ReactNode; onSave: (values: T) => Promise<string | void>; children: ReactNode }) {
  const { submit, summaryKey, saveError, saved } = useFormSave(form, onSave);
  return (
    <FormProvider {...form}>
      <form className="form panel claim-step" noValidate onSubmit={submit} aria-labelledby={id}>
        <h2 id={id} className="panel-title">
          {title}
        </h2>
        {intro}
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        {children}
        <div className="form-actions">{buttons}</div>
        <p className="status-line" role="status">
          {saved}
        </p>
      </form>
    </FormProvider>
  );
}

/** Runs an action; a refusal about named fields is shown on them, and rethrown for the summary. */
async function withFieldErrors<T extends FieldValues>(form: UseFormReturn<T>, known: ReadonlySet<string>, action: () => Promise<string>): Promise<string> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError) showFieldErrors(form, error, known);
    throw error;
  }
}

function ClaimForm({ data, organisationId, projectId, financialYear, quarter, onBehalf }: { data: ClaimData; organisationId: string; projectId: string; financialYear: string; quarter: number; onBehalf: boolean }) {
  const store = useStore();
  const frame = data.frame!;
  const state = data.claim ? claimState(data.claim) : undefined;
  const queried = state?.status === 'queried';
  const schema = claimFormSchema(frame.lines, frame.outputs);
  const form = useForm<ClaimFormInput, unknown, ClaimFormOutput>({ resolver: zodResolver(schema), defaultValues: claimFormDefaults(data.claim, frame.lines, frame.outputs), shouldFocusError: false });
  const send = useRef(false);
  // The narrative is the form's long text: kept as a draft as it is typed, once the claim exists (docs/architecture.md, "Drafts").
  const narrativeDraft = useDraft({ form, name: 'narrative', record: data.claim && { table: 'partnerClaims', row: data.claim.id }, field: 'narrative' });
  const known = new Set([...frame.lines.map((l) => `lines.${l.code}`), ...frame.outputs.map((o) => `outputs.${o.code}`), 'answer']);
  const profile = (code: string) => periodValues(frame.lines.find((l) => l.code === code) ?? {}, PROFILE_FIELD_PREFIX).get(`${financialYear}:Q${quarter}`);
  const target = (code: string) => periodValues(frame.outputs.find((o) => o.code === code) ?? {}, TARGET_FIELD_PREFIX).get(`${financialYear}:Q${quarter}`);
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="claim-form-title"
      title={queried ? 'Answer the query and send the claim back' : data.claim ? 'Your claim' : 'Enter the claim'}
      intro={
        <p>
          {onBehalf ? 'Entered by the Accountable Body from a claim received on paper; it is marked as entered on the partner’s behalf. ' : ''}
          Type the spend on each budget line in pounds, like 1,250.00. Save it as a draft as often as you like; send it when it is complete: it goes to the Accountable Body in your next bundle.
        </p>
      }
      buttons={
        <>
          <button type="submit" className="button" onClick={() => (send.current = false)} disabled={form.formState.isSubmitting}>
            Save as a draft
          </button>
          <button type="submit" className="button button--primary" onClick={() => (send.current = true)} disabled={form.formState.isSubmitting}>
            {queried ? 'Send the claim back with the answer' : 'Send to the Accountable Body'}
          </button>
        </>
      }
      onSave={(values) =>
        withFieldErrors(form as unknown as UseFormReturn<FieldValues>, known, async () => {
          const v = values as unknown as ClaimFormOutput;
          // Checked before anything is saved: a claim sent back needs the answer.
          if (send.current && queried && v.answer.trim() === '') throw new ValidationError({ answer: 'Answer the Accountable Body’s query before sending the claim back' });
          const id = await saveClaim(store, { organisationId, projectId, financialYear, quarter, lines: v.lines, outputs: v.outputs, outputsDelivered: v.outputsDelivered, narrative: v.narrative, evidence: v.evidence, enteredOnBehalf: onBehalf });
          if (!send.current) return 'Saved as a draft on this copy. It goes to the Accountable Body only once you send it.';
          await submitClaim(store, id, v.answer);
          return `Sent: the claim for ${formatPounds(claimTotal(v.lines))} goes to the Accountable Body in your next bundle (Sync).`;
        })
      }
    >
      {queried && (
        <TextAreaField name="answer" label="Your answer to the query" hint={`The Accountable Body asked: “${state.questions.at(-1)?.query ?? ''}”`} rows={3} />
      )}
      <fieldset className="fieldset">
        <legend className="field-label">Spend this quarter, by budget line</legend>
        <div className="claim-lines">
          {frame.lines.map((line) => (
            <TextField key={line.code} name={`lines.${line.code}`} label={`${line.name} (£)`} width="medium" hint={profile(line.code) === undefined ? undefined : `Profile for the quarter: ${formatPounds(profile(line.code)!)}`} />
          ))}
        </div>
      </fieldset>
      {frame.outputs.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field-label">Outputs achieved this quarter</legend>
          <div className="claim-lines">
            {frame.outputs.map((output) => (
              <TextField key={output.code} name={`outputs.${output.code}`} label={output.name} width="short" hint={target(output.code) === undefined ? undefined : `Target: ${target(output.code)!}`} />
            ))}
          </div>
        </fieldset>
      )}
      <TextAreaField name="outputsDelivered" label="Outputs delivered" hint="Payment is tied to delivery: say what was delivered this quarter." rows={3} />
      <DraftNotice draft={narrativeDraft} what="this narrative" />
      <TextAreaField name="narrative" label="Narrative" hint="A short account of the quarter’s work." rows={4} />
      <TextAreaField name="evidence" label="Evidence references" hint="Timesheets, invoices, registers: the references the Accountable Body can check." rows={2} />
    </StepForm>
  );
}

function QueryStep({ claim, lineNames }: { claim: PartnerClaim; lineNames: ReadonlyMap<string, string> }) {
  const store = useStore();
  const schema = z.object({ line: z.string(), query: z.string().trim().min(1, 'Say what needs clarifying').max(5000, 'The query must be 5000 characters or fewer') });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { line: '', query: '' }, shouldFocusError: false });
  const choices = [{ value: '', label: 'The claim as a whole' }, ...[...lineNames.keys()].filter((c) => c in claim.lines).map((code) => ({ value: code, label: lineNames.get(code) ?? code }))];
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="claim-query-title"
      title="Query a line"
      intro={<p>The claim goes back to the partner with your question; it cannot be approved until they answer.</p>}
      buttons={
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          Send the query
        </button>
      }
      onSave={async (values) => {
        await queryClaim(store, claim.id, String(values.line), String(values.query));
        return 'Queried: the partner sees it on its copy after your next bundle.';
      }}
    >
      <SelectField name="line" label="About" choices={choices} />
      <TextAreaField name="query" label="Your question" rows={3} />
    </StepForm>
  );
}

function ApproveStep({ claim, lineNames }: { claim: PartnerClaim; lineNames: ReadonlyMap<string, string> }) {
  const store = useStore();
  const schema = approvalSchema(claim.lines, lineNames);
  // The project's order of lines, then any the project no longer has.
  const codes = [...[...lineNames.keys()].filter((c) => c in claim.lines), ...Object.keys(claim.lines).filter((c) => !lineNames.has(c))];
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { approved: Object.fromEntries(codes.map((c) => [c, poundsOf(claim.lines[c])])), reasons: Object.fromEntries(codes.map((c) => [c, ''])) },
    shouldFocusError: false,
  });
  const known = new Set(codes.flatMap((c) => [`approved.${c}`, `reasons.${c}`]));
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="claim-approve-title"
      title="Approve line by line"
      intro={<p>Each line starts at the amount claimed. Where you approve less, say why: the partner sees the reason. What you approve is what is paid.</p>}
      buttons={
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          Approve the claim
        </button>
      }
      onSave={(values) =>
        withFieldErrors(form as unknown as UseFormReturn<FieldValues>, known, async () => {
          const v = values as unknown as z.output<typeof schema>;
          await approveClaim(store, claim.id, v.approved, v.reasons);
          return `Approved ${formatPounds(claimTotal(v.approved))}: the partner sees it after your next bundle.`;
        })
      }
    >
      {codes.map((code) => (
        <fieldset key={code} className="fieldset claim-approve-line">
          <legend className="field-label">
            {lineNames.get(code) ?? code}: claimed {formatPounds(claim.lines[code]!)}
          </legend>
          <div className="inline-fields">
            <TextField name={`approved.${code}`} label="Approved (£)" width="medium" />
            <TextField name={`reasons.${code}`} label="Reason, if less" width="medium" />
          </div>
        </fieldset>
      ))}
    </StepForm>
  );
}

function PayStep({ claim, approvedPence }: { claim: PartnerClaim; approvedPence: number }) {
  const store = useStore();
  const today = todayInLondon();
  const schema = paymentSchema(approvedPence, today);
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { paidOn: today, reference: '', amount: poundsOf(approvedPence) }, shouldFocusError: false });
  const known = new Set(['paidOn', 'reference', 'amount']);
  return (
    <StepForm
      form={form as unknown as UseFormReturn<FieldValues>}
      id="claim-pay-title"
      title="Mark it paid"
      intro={<p>The payment is the amount approved, {formatPounds(approvedPence)}.</p>}
      buttons={
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          Record the payment
        </button>
      }
      onSave={(values) =>
        withFieldErrors(form as unknown as UseFormReturn<FieldValues>, known, async () => {
          const v = values as unknown as z.output<typeof schema>;
          await markClaimPaid(store, claim.id, String(v.paidOn), v.reference, v.amount!);
          return `Recorded the payment of ${formatPounds(v.amount!)}.`;
        })
      }
    >
      <DateField name="paidOn" label="Date paid" />
      <TextField name="reference" label="Payment reference" width="medium" />
      <TextField name="amount" label="Amount paid (£)" width="medium" />
    </StepForm>
  );
}

function Figures({ claim, frame, financialYear, quarter }: { claim: PartnerClaim; frame: ProjectFrame; financialYear: string; quarter: number }) {
  const state = claimState(claim);
  const lineNames = new Map(frame.lines.map((l) => [l.code, l.name]));
  const codes = [...frame.lines.map((l) => l.code).filter((c) => c in claim.lines), ...Object.keys(claim.lines).filter((c) => !lineNames.has(c))];
  const profileOf = (code: string) => periodValues(frame.lines.find((l) => l.code === code) ?? {}, PROFILE_FIELD_PREFIX).get(`${financialYear}:Q${quarter}`);
  const approved = state.approvedLines;
  return (
    <section aria-labelledby="claim-lines-title">
      <h2 id="claim-lines-title" className="section-title">
        Spend claimed
      </h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="claim-lines-title">
        <table className="table">
          <caption className="visually-hidden">Spend claimed by budget line{approved ? ', with what was approved' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Budget line</th>
              <th scope="col" className="cell-number">
                Profile
              </th>
              <th scope="col" className="cell-number">
                Claimed
              </th>
              {approved && (
                <>
                  <th scope="col" className="cell-number">
                    Approved
                  </th>
                  <th scope="col">Reason</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {codes.map((code) => (
              <tr key={code}>
                <th scope="row">{lineNames.get(code) ?? code}</th>
                <td className="cell-number">{profileOf(code) === undefined ? '—' : formatPounds(profileOf(code)!)}</td>
                <td className="cell-number">{formatPounds(claim.lines[code]!)}</td>
                {approved && (
                  <>
                    <td className="cell-number">{formatPounds(approved[code] ?? 0)}</td>
                    <td>{state.reasons?.[code] ?? ''}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td className="cell-number">{formatPounds(claimTotal(claim.lines))}</td>
              {approved && (
                <>
                  <td className="cell-number">{formatPounds(state.approvedTotalPence ?? 0)}</td>
                  <td />
                </>
              )}
            </tr>
          </tfoot>
        </table>
      </div>
      {frame.outputs.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Outputs achieved">
          <table className="table">
            <caption>Outputs achieved</caption>
            <thead>
              <tr>
                <th scope="col">Output</th>
                <th scope="col" className="cell-number">
                  Target
                </th>
                <th scope="col" className="cell-number">
                  Achieved
                </th>
              </tr>
            </thead>
            <tbody>
              {frame.outputs.map((o) => (
                <tr key={o.code}>
                  <th scope="row">{o.name}</th>
                  <td className="cell-number">{periodValues(o, TARGET_FIELD_PREFIX).get(`${financialYear}:Q${quarter}`) ?? '—'}</td>
                  <td className="cell-number">{claim.outputs[o.code] ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="claim-text">
        {claim.outputsDelivered && (
          <>
            <dt>Outputs delivered</dt>
            <dd>{claim.outputsDelivered}</dd>
          </>
        )}
        {claim.narrative && (
          <>
            <dt>Narrative</dt>
            <dd>{claim.narrative}</dd>
          </>
        )}
        {claim.evidence && (
          <>
            <dt>Evidence references</dt>
            <dd>{claim.evidence}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Questions({ claim, lineNames }: { claim: PartnerClaim; lineNames: ReadonlyMap<string, string> }) {
  const { questions } = claimState(claim);
  if (questions.length === 0) return null;
  return (
    <section aria-labelledby="claim-questions-title">
      <h2 id="claim-questions-title" className="section-title">
        Queries and answers
      </h2>
      <ol className="claim-questions">
        {questions.map((q, i) => (
          <li key={i}>
            <p>
              <strong>The Accountable Body asked{q.line ? ` about ${lineNames.get(q.line) ?? q.line}` : ''}:</strong> {q.query}
            </p>
            <p>{q.answer ? <><strong>The answer:</strong> {q.answer}</> : <span className="muted">Not answered yet.</span>}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PartnerClaimPage() {
  const params = useParams();
  const { db, repositories } = useStore();
  const installation = useInstallation();
  const role = useThisCopyRole();
  const registered = useRegisteredAsOwn();
  const consortium = useConsortium();
  const organisationId = params.organisationId ?? '';
  const projectId = params.projectId ?? '';
  const financialYear = (params.year ?? '').replace('-', '/');
  const quarter = Number(params.quarter);
  const id = repositories.partnerClaims.naturalId({ organisationId, projectId, financialYear, quarter }) ?? '';
  const data = useLiveQuery(async (): Promise<ClaimData> => {
    const [claim, frame, organisation] = await Promise.all([db.partnerClaims.get(id), loadProjectFrame(db, projectId), db.organisations.get(organisationId)]);
    return { claim: claim && !claim.deleted ? claim : undefined, frame, organisation };
  }, [db, id, projectId, organisationId]);
  if (!data || !role || consortium === undefined) return <Page title="Claim" />;
  const { claim, frame, organisation } = data;
  const title = `Q${quarter} ${financialYear} claim${frame ? `: ${frame.project.name}` : ''}`;
  const back = <Link to="/claims">Claims</Link>;
  if (!frame || ![1, 2, 3, 4].includes(quarter)) {
    return (
      <Page title="Claim" back={back}>
        <EmptyState>
          <p>There is no such project on this copy, so there is no claim to show.</p>
        </EmptyState>
      </Page>
    );
  }
  const isAB = role.offices.includes('accountable-body');
  const own = installation.organisationId !== '' && installation.organisationId === organisationId;
  const state = claim ? claimState(claim) : undefined;
  const status = state?.status ?? 'draft';
  const lineNames = new Map(frame.lines.map((l) => [l.code, l.name]));
  const canEdit = (own || isAB) && (status === 'draft' || status === 'queried') && (own || !claim || claim.enteredOnBehalf);
  const problems = claimProblems(claim ?? { organisationId, financialYear, quarter, lines: {}, outputs: {} }, claimFrameOf(frame, consortium ?? undefined));
  return (
    <Page title={title} back={back} intro={<p>{organisation?.name ?? 'A partner'}{claim?.enteredOnBehalf ? ' — entered by the Accountable Body on its behalf from a paper claim' : ''}</p>}>
      <section className="panel panel--accent" aria-labelledby="claim-stands">
        <h2 id="claim-stands" className="panel-title">
          {claim ? partnerClaimLifecycle.statusWords[status] : 'Not started'}
        </h2>
        {!claim && <p>{own || isAB ? 'Nothing has been entered for this quarter yet.' : 'This partner has not sent a claim for this quarter.'}</p>}
        {claim && status === 'draft' && <p>A draft of {formatPounds(claimTotal(claim.lines))}, kept on {own ? 'this copy until you send it' : 'the partner’s copy until it is sent'}.</p>}
        {claim && status === 'submitted' && (
          <p>
            {formatPounds(claimTotal(claim.lines))} claimed, waiting for the Accountable Body.{own && !isAB ? ' It reaches the Accountable Body in your next bundle (Sync).' : ''}
          </p>
        )}
        {claim && status === 'queried' && <p>The Accountable Body has asked a question; the claim waits for {own && !isAB ? 'your answer, below' : 'the partner’s answer'}.</p>}
        {state?.approvedTotalPence !== undefined && (
          <p>
            {formatPounds(state.approvedTotalPence)} approved of {formatPounds(claimTotal(claim!.lines))} claimed{state.approvedOn ? ` on ${formatDate(state.approvedOn)}` : ''}.
          </p>
        )}
        {state?.paid && (
          <p>
            Paid {formatPounds(state.paid.amountPence)} on {formatDate(state.paid.paidOn)}, reference {state.paid.reference}.
          </p>
        )}
      </section>
      {problems.length > 0 && (
        <div className="panel warning claim-problems-list" role="status">
          <h2 className="panel-title">This claim does not fit its project</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}:${p.code}`}>{p.message}</li>
            ))}
          </ul>
          <p>It cannot be saved or approved like this.</p>
        </div>
      )}
      {claim && <Figures claim={claim} frame={frame} financialYear={financialYear} quarter={quarter} />}
      {claim && <Questions claim={claim} lineNames={lineNames} />}
      {canEdit && own && !isAB && registered === false && <NotYetRegistered organisation={organisation?.name ?? 'this organisation'} />}
      {canEdit && problems.length === 0 && (!own || isAB || registered === true) && <ClaimForm key={`${id}:${status}`} data={data} organisationId={organisationId} projectId={projectId} financialYear={financialYear} quarter={quarter} onBehalf={!own} />}
      {claim && isAB && !own && status === 'submitted' && (
        <div className="claim-review">
          <ApproveStep key={`approve:${Object.keys(claim._clocks).length}`} claim={claim} lineNames={lineNames} />
          <QueryStep claim={claim} lineNames={lineNames} />
        </div>
      )}
      {claim && isAB && !own && status === 'approved' && <PayStep claim={claim} approvedPence={state!.approvedTotalPence ?? 0} />}
      {claim && <RecordHistory id="claim-history" records={[{ table: 'partnerClaims', row: claim.id }]} />}
    </Page>
  );
}
