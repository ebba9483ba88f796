/**
 * A meeting's motions and decisions (docs/architecture.md, "Decisions"): a
 * motion put on an agenda item with its proposer and seconder; decided by
 * consensus, with any dissent a member asks to be recorded (Partnership
 * Agreement 10.7), or by a named or secret vote of the members eligible — those
 * not eligible shown with the reason; nothing decided while the meeting is
 * inquorate (10.6). Each decision shows its proof, and the Accountable Body's
 * copy may override one contrary to a funder's terms (8.2).
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from 'react-router';
import type { AgendaItem, Attendance, Consortium, Meeting, Motion, Organisation, Vote } from '../../../shared/domain/entities';
import { agendaOrder } from '../../../shared/rules/agenda';
import { electorate, outcomeWords, VOTE_CHOICES, VOTE_CHOICE_WORDS, type Electorate, type VoteChoice } from '../../../shared/rules/decisions';
import { assessQuorum } from '../../../shared/rules/quorum';
import { useStore } from '../../db/store-context';
import { useCitation } from '../../app/use-citation';
import { useThisCopyRole } from '../../app/use-roles';
import { describeSaveError } from '../../ui/save-error';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextAreaField } from '../../ui/fields';
import { useFormSave } from '../../ui/use-form-save';
import { formatLongDate } from '../../../shared/rules/calendar-date';
import { londonToday } from '../../db/london-today';
import { clearVote, decideMotion, deferMotion, motionState, overrideDecision, proposeMotion, ratificationOf, recordVote } from './decision-actions';
import { countOf, motionFormSchema, newMotionValues, type MotionFormInput, type MotionFormOutput } from './motion-form';
import { DecisionProof } from './DecisionProof';
import './decisions.css';

const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);
const safeId = (id: string) => id.replace(/[^A-Za-z0-9_-]+/g, '-');

interface Loaded {
  items: AgendaItem[];
  motions: Motion[];
  allMotions: Motion[];
  votes: Vote[];
  organisations: Organisation[];
  attendance: Attendance[];
  declarations: Map<string, string[]>;
  applicationNames: Map<string, string>;
}

type Say = (words: string, problem?: boolean) => void;

function ProposeMotion({ meeting, items, members, consortium, onSaid }: { meeting: Meeting; items: AgendaItem[]; members: Organisation[]; consortium: Consortium; onSaid: Say }) {
  const store = useStore();
  const form = useForm<MotionFormInput, unknown, MotionFormOutput>({ resolver: zodResolver(motionFormSchema), defaultValues: newMotionValues(), shouldFocusError: false });
  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    const item = items.find((i) => i.id === values.agendaItemId);
    // A motion on an item referred from elsewhere refers to the same thing: an application (5.3), a recommendation to ratify.
    const refers = item && (item.refersToTable === 'applications' || item.refersToTable === 'motions') ? { refersToTable: item.refersToTable, refersToRow: item.refersToRow } : {};
    await proposeMotion(store, { meetingId: meeting.id, ...values, recommendation: meeting.kind === 'steering-group' && values.recommendation, ...refers });
    form.reset(newMotionValues(values.agendaItemId));
    onSaid(`Put the motion to the meeting: ${values.text}`);
    return `Motion added to “${item?.title ?? 'the item'}”.`;
  });
  const kinds = [{ value: 'ordinary', label: 'An ordinary decision (simple majority)' }, ...consortium.constitution.specialMajorities.map((s) => ({ value: s.kind, label: `${s.label} (${s.numerator} in ${s.denominator} of votes cast)` }))];
  const memberChoices = members.map((m) => ({ value: m.id, label: m.name }));
  return (
    <FormProvider {...form}>
      <form className="form motion-form" noValidate onSubmit={submit} aria-labelledby="propose-motion">
        <h3 id="propose-motion" className="section-title">
          Put a motion
        </h3>
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <SelectField name="agendaItemId" label="On the agenda item" choices={items.map((i, n) => ({ value: i.id, label: `${n + 1}. ${i.title}` }))} placeholder="Choose an item" width="full" />
        <TextAreaField name="text" label="The motion" hint="As the meeting is asked to decide it, for example: That the consortium bids to the county council’s fund." rows={2} />
        <div className="inline-fields">
          <SelectField name="proposerOrganisationId" label="Proposed by (optional)" choices={memberChoices} placeholder="Not recorded" />
          <SelectField name="seconderOrganisationId" label="Seconded by (optional)" choices={memberChoices} placeholder="Not seconded" />
        </div>
        <div className="inline-fields">
          <SelectField
            name="ballot"
            label="If it comes to a vote"
            choices={[
              { value: 'named', label: 'A named vote: each member’s vote is kept' },
              { value: 'secret', label: 'A secret ballot: only the counts are kept' },
            ]}
            width="full"
          />
          {kinds.length > 1 && <SelectField name="decisionKind" label="Kind of decision" choices={kinds} width="full" />}
        </div>
        {meeting.kind === 'steering-group' && <CheckboxField name="recommendation" label="A recommendation to the consortium, for it to ratify" hint="It goes on the next consortium meeting’s agenda once agreed here." />}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Put the motion
          </button>
          <p className="status-line" role="status">
            {saved}
          </p>
        </div>
      </form>
    </FormProvider>
  );
}

function VotingPanel({ motion, voters, votes, canRecord, onSaid }: { motion: Motion; voters: Electorate; votes: Vote[]; canRecord: boolean; onSaid: Say }) {
  const store = useStore();
  const byOrg = new Map(votes.map((v) => [v.organisationId, v.choice]));
  const count = (c: VoteChoice) => voters.eligible.filter((e) => byOrg.get(e.organisationId) === c).length;
  const heading = `motion-${safeId(motion.id)}-voters`;
  return (
    <div className="voting">
      <h4 id={heading} className="voting-heading">
        Members who may vote ({voters.eligible.length})
      </h4>
      {voters.eligible.length === 0 ? (
        <p>No member present may vote on this item.</p>
      ) : (
        <ul className="voting-list" aria-labelledby={heading}>
          {voters.eligible.map((e) => {
            const current = byOrg.get(e.organisationId);
            return (
              <li key={e.organisationId} className="voting-row">
                <span className="voting-name">{e.name}</span>
                {motion.ballot === 'named' && (
                  <span className="voting-choices" role="group" aria-label={`${e.name}’s vote`}>
                    {VOTE_CHOICES.map((choice) => (
                      <button
                        key={choice}
                        type="button"
                        className={`button ${current === choice ? "button--primary" : "button--secondary"}`}
                        aria-pressed={current === choice}
                        aria-label={`${e.name}: ${VOTE_CHOICE_WORDS[choice].toLowerCase()}`}
                        disabled={!canRecord || (current !== undefined && current !== choice)}
                        onClick={async () => {
                          if (current === choice) return;
                          try {
                            await recordVote(store, motion, e.organisationId, choice);
                            onSaid(`Recorded ${e.name}’s vote: ${VOTE_CHOICE_WORDS[choice].toLowerCase()}.`);
                          } catch (error) {
                            onSaid(describeSaveError(error), true);
                          }
                        }}
                      >
                        {VOTE_CHOICE_WORDS[choice]}
                      </button>
                    ))}
                    {current && canRecord && (
                      <button
                        type="button"
                        className="button button--quiet"
                        aria-label={`Clear ${e.name}’s vote`}
                        onClick={async () => {
                          try {
                            await clearVote(store, motion, e.organisationId);
                            onSaid(`Cleared ${e.name}’s vote.`);
                          } catch (error) {
                            onSaid(describeSaveError(error), true);
                          }
                        }}
                      >
                        Clear
                      </button>
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {motion.ballot === 'named' && (
        <p className="voting-counts" role="status">
          So far: {count('for')} for, {count('against')} against, {count('abstain')} {count('abstain') === 1 ? 'abstention' : 'abstentions'}; {voters.eligible.length - byOrg.size} not yet recorded.
        </p>
      )}
      {voters.notEligible.length > 0 && (
        <>
          <h4 className="voting-heading">Not eligible to vote ({voters.notEligible.length})</h4>
          <ul className="decision-not-eligible">
            {voters.notEligible.map((n) => (
              <li key={n.organisationId}>{n.explanation}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function DecideControls({ motion, voters, consortium, quorate, onSaid }: { motion: Motion; voters: Electorate; consortium: Consortium; quorate: boolean; onSaid: Say }) {
  const store = useStore();
  const [dissent, setDissent] = useState<string[]>([]);
  const [counts, setCounts] = useState({ for: '', against: '', abstain: '' });
  const [casting, setCasting] = useState<'' | 'for' | 'against'>('');
  const [problems, setProblems] = useState<string[]>([]);
  const base = `motion-${safeId(motion.id)}`;
  const run = async (what: () => Promise<unknown>, said: string) => {
    setProblems([]);
    try {
      await what();
      onSaid(said);
    } catch (error) {
      const words = describeSaveError(error);
      setProblems([words]);
    }
  };
  const typed = { for: countOf(counts.for), against: countOf(counts.against), abstain: countOf(counts.abstain) };
  return (
    <div className="decide">
      {!quorate && <p className="warning">The meeting is not quorate: it can discuss and minute this item, but no decision can be recorded.</p>}
      <fieldset className="fieldset">
        <legend>Agreed by consensus</legend>
        <p className="field-hint">A member that does not agree may ask for its dissent to be recorded: the consortium cannot commit it to act against its will.</p>
        <div className="dissent-choices">
          {voters.eligible.map((e) => (
            <label key={e.organisationId} className="checkbox-label">
              <input type="checkbox" className="checkbox" checked={dissent.includes(e.organisationId)} onChange={(ev) => setDissent((d) => (ev.target.checked ? [...d, e.organisationId] : d.filter((x) => x !== e.organisationId)))} />
              Record {e.name}’s dissent
            </label>
          ))}
        </div>
        <button type="button" className="button button--primary" onClick={() => run(() => decideMotion(store, motion, { method: 'consensus', dissent }), `Recorded: agreed by consensus — ${motion.text}`)}>
          Record: agreed by consensus
        </button>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{motion.ballot === 'secret' ? 'Decided by a secret ballot' : 'Decided by the named vote'}</legend>
        {motion.ballot === 'secret' && (
          <div className="inline-fields">
            {(['for', 'against', 'abstain'] as const).map((c) => (
              <div className="field" key={c}>
                <label className="field-label" htmlFor={`${base}-${c}`}>
                  {c === 'for' ? 'Votes for' : c === 'against' ? 'Votes against' : 'Abstentions'}
                </label>
                <input id={`${base}-${c}`} className="input input--short" inputMode="numeric" value={counts[c]} onChange={(ev) => setCounts((n) => ({ ...n, [c]: ev.target.value }))} />
              </div>
            ))}
          </div>
        )}
        {consortium.constitution.chairCastingVote && (
          <div className="field">
            <label className="field-label" htmlFor={`${base}-casting`}>
              The chair’s casting vote, if the votes are equal
            </label>
            <select id={`${base}-casting`} className="input input--medium" value={casting} onChange={(ev) => setCasting(ev.target.value as '' | 'for' | 'against')}>
              <option value="">None given</option>
              <option value="for">For</option>
              <option value="against">Against</option>
            </select>
          </div>
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            if (motion.ballot === 'secret' && (typed.for === undefined || typed.against === undefined || typed.abstain === undefined)) {
              setProblems(['Nothing was recorded: enter the votes for, against and abstaining as whole numbers, 0 or more.']);
              return;
            }
            return run(
              () => decideMotion(store, motion, { method: 'vote', ...(motion.ballot === 'secret' ? { counts: typed as { for: number; against: number; abstain: number } } : {}), ...(casting ? { castingVote: casting } : {}) }),
              `Recorded the vote on: ${motion.text}`,
            );
          }}
        >
          Record the vote
        </button>
      </fieldset>
      <p>
        <button type="button" className="button button--secondary" onClick={() => run(() => deferMotion(store, motion), `Deferred: ${motion.text}`)}>
          Defer to a later meeting
        </button>
      </p>
      {problems.length > 0 && (
        <div className="field-error decide-problems" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function OverrideForm({ motion, onSaid }: { motion: Motion; onSaid: Say }) {
  const store = useStore();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [term, setTerm] = useState('');
  const [problem, setProblem] = useState('');
  const base = `override-${safeId(motion.id)}`;
  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Override this decision
      </button>
    );
  }
  return (
    <form
      className="form override-form"
      noValidate
      aria-labelledby={`${base}-title`}
      onSubmit={async (ev) => {
        ev.preventDefault();
        setProblem('');
        try {
          await overrideDecision(store, motion, { reason, funderTerm: term, on: londonToday() });
          onSaid(`Overridden: ${motion.text}. It is reported on the next consortium meeting’s agenda.`);
          setOpen(false);
        } catch (error) {
          setProblem(describeSaveError(error));
        }
      }}
    >
      <h4 id={`${base}-title`}>Override as the Accountable Body</h4>
      <p className="field-hint">Only a decision contrary to a funder’s terms may be overridden. The override is reported on the next consortium meeting’s agenda.</p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${base}-reason`}>
          Why it is overridden
        </label>
        <textarea id={`${base}-reason`} className="input input--wide" rows={2} value={reason} onChange={(ev) => setReason(ev.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${base}-term`}>
          The funder’s term it is contrary to
        </label>
        <input id={`${base}-term`} className="input input--wide" value={term} onChange={(ev) => setTerm(ev.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          Record the override
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function MotionCard({ motion, loaded, meeting, consortium, canRecord, isAccountableBody, onSaid }: { motion: Motion; loaded: Loaded; meeting: Meeting; consortium: Consortium; canRecord: boolean; isAccountableBody: boolean; onSaid: Say }) {
  const { cite } = useCitation();
  const state = motionState(motion);
  const names = new Map(loaded.organisations.map((o) => [o.id, o.name]));
  const voters = electorate({ organisations: loaded.organisations, attendance: loaded.attendance, declaredInterest: loaded.declarations.get(motion.agendaItemId) ?? [], rules: consortium.constitution, meetingDate: meeting.date });
  const quorum = assessQuorum(loaded.attendance, loaded.organisations, consortium.constitution, meeting.date);
  const item = loaded.items.find((i) => i.id === motion.agendaItemId);
  const votes = loaded.votes.filter((v) => v.motionId === motion.id);
  const titleId = `motion-${safeId(motion.id)}-title`;
  const open = state.status === 'proposed' || (state.status === 'decided' && state.outcome === 'deferred');
  const ratification = motion.recommendation ? ratificationOf(motion, loaded.allMotions) : undefined;
  return (
    <article className="motion-card" aria-labelledby={titleId}>
      <h4 id={titleId} className="motion-text">
        {motion.text}
      </h4>
      <p className="muted motion-meta">
        {[
          item ? `On item: ${item.title}` : '',
          motion.proposerOrganisationId ? `Proposed by ${names.get(motion.proposerOrganisationId) ?? 'a member'}` : '',
          motion.seconderOrganisationId ? `seconded by ${names.get(motion.seconderOrganisationId) ?? 'a member'}` : '',
          motion.ballot === 'secret' ? 'Secret ballot' : '',
          motion.decisionKind !== 'ordinary' ? consortium.constitution.specialMajorities.find((s) => s.kind === motion.decisionKind)?.label ?? motion.decisionKind : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {motion.refersToTable === 'applications' && (
        <p>
          Refers to: <Link to={`/applications/${encodeURIComponent(motion.refersToRow)}`}>the application from {loaded.applicationNames.get(motion.refersToRow) ?? 'an applicant'}</Link>. The decision admits or refuses it ({cite('applicationDecision')}).
        </p>
      )}
      {motion.refersToTable === 'motions' && <p>For ratification of the steering group’s recommendation.</p>}
      {ratification && <p className="tag">{ratification.status === 'ratified' ? 'Ratified by the consortium' : ratification.status === 'not-ratified' ? 'Not ratified by the consortium' : 'A recommendation, awaiting ratification by the consortium'}</p>}
      {state.status !== 'proposed' && (
        <p className={`motion-outcome motion-outcome--${state.status === 'overridden' ? 'overridden' : (state.outcome ?? '')}`}>
          <strong>{outcomeWords(state.outcome ?? '', state.proof)}</strong>
          {state.decidedOn && state.outcome !== 'deferred' && <> on {formatLongDate(state.decidedOn)}</>}
          {state.proof && state.proof.dissent.length > 0 && <>. Dissent recorded: {state.proof.dissent.map((d) => d.name).join(', ')}</>}
        </p>
      )}
      {state.status === 'overridden' && (
        <div className="override-box" role="note">
          <p>
            <strong>Overridden by the Accountable Body</strong>
            {state.overriddenOn && <> on {formatLongDate(state.overriddenOn)}</>} ({cite('override')}): {state.overrideReason}
          </p>
          {state.overrideTerm && <p>The funder’s term: {state.overrideTerm}</p>}
        </div>
      )}
      {state.proof && <DecisionProof proof={state.proof} id={`proof-${safeId(motion.id)}`} />}
      {open && (
        <>
          <VotingPanel motion={motion} voters={voters} votes={votes} canRecord={canRecord} onSaid={onSaid} />
          {canRecord && <DecideControls motion={motion} voters={voters} consortium={consortium} quorate={quorum.quorate} onSaid={onSaid} />}
        </>
      )}
      {state.status === 'decided' && (state.outcome === 'consensus' || state.outcome === 'carried') && isAccountableBody && consortium.constitution.accountableBodyMayOverride && <OverrideForm motion={motion} onSaid={onSaid} />}
    </article>
  );
}

export function MotionsSection({ meeting, consortium }: { meeting: Meeting; consortium: Consortium }) {
  const { db } = useStore();
  const { cite } = useCitation();
  const role = useThisCopyRole();
  const canRecord = !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
  const isAccountableBody = !!role && role.offices.includes('accountable-body');
  const [message, setMessage] = useState<{ words: string; problem: boolean }>({ words: '', problem: false });
  const loaded = useLiveQuery(async (): Promise<Loaded> => {
    const [items, motions, organisations, attendance, minutes] = await Promise.all([
      db.agendaItems.where('meetingId').equals(meeting.id).toArray(),
      db.motions.where('meetingId').equals(meeting.id).toArray(),
      db.organisations.toArray(),
      db.attendance.where('meetingId').equals(meeting.id).toArray(),
      db.minutes.where('meetingId').equals(meeting.id).toArray(),
    ]);
    const liveMotions = live(motions);
    // Every motion is read only where a recommendation here needs the consortium's decision on it (ratificationOf).
    const allMotions = liveMotions.some((m) => m.recommendation) ? await db.motions.toArray() : motions;
    const votes = live(await db.votes.where('motionId').anyOf(liveMotions.map((m) => m.id)).toArray());
    const declarations = new Map(live(minutes).map((m) => [m.agendaItemId, m.declarations.map((d) => d.organisationId)]));
    const applicationIds = liveMotions.filter((m) => m.refersToTable === 'applications').map((m) => m.refersToRow);
    const applications = await db.applications.bulkGet(applicationIds);
    const applicationNames = new Map(applications.filter((a) => a !== undefined).map((a) => [a.id, a.organisationName]));
    return { items: agendaOrder(live(items)), motions: liveMotions, allMotions: live(allMotions), votes, organisations: live(organisations), attendance: live(attendance), declarations, applicationNames };
  }, [db, meeting.id]);
  if (!loaded) return null;
  const say: Say = (words, problem = false) => setMessage({ words, problem });
  const members = loaded.organisations.filter((o) => !o.archived && o.status === 'member').sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const byItem = loaded.items.map((item) => ({ item, motions: loaded.motions.filter((m) => m.agendaItemId === item.id) })).filter((g) => g.motions.length > 0);
  const elsewhere = loaded.motions.filter((m) => !loaded.items.some((i) => i.id === m.agendaItemId));
  return (
    <section className="form-section decisions-section" aria-labelledby="meeting-decisions">
      <h2 id="meeting-decisions" className="section-title">
        Motions and decisions
      </h2>
      <p className="muted">
        Decisions are sought by consensus first; a vote is taken where there is none ({cite('consensus')}). Each member organisation present has one vote ({cite('oneMemberOneVote')}); co-opted organisations, and
        members that declared an interest in the item, do not vote.
      </p>
      <p className={message.problem ? 'field-error' : 'status-line'} role={message.problem ? 'alert' : 'status'}>
        {message.words}
      </p>
      {byItem.length === 0 && elsewhere.length === 0 && <p>No motions have been put to this meeting yet.</p>}
      {byItem.map(({ item, motions }) => (
        <div key={item.id} className="motions-item">
          <h3 className="motions-item-title">{item.title}</h3>
          {motions.map((m) => (
            <MotionCard key={m.id} motion={m} loaded={loaded} meeting={meeting} consortium={consortium} canRecord={canRecord} isAccountableBody={isAccountableBody} onSaid={say} />
          ))}
        </div>
      ))}
      {elsewhere.map((m) => (
        <MotionCard key={m.id} motion={m} loaded={loaded} meeting={meeting} consortium={consortium} canRecord={canRecord} isAccountableBody={isAccountableBody} onSaid={say} />
      ))}
      {canRecord && loaded.items.length > 0 && <ProposeMotion meeting={meeting} items={loaded.items} members={members} consortium={consortium} onSaid={say} />}
      {canRecord && loaded.items.length === 0 && <p>Add items to the agenda to put motions on them.</p>}
    </section>
  );
}
