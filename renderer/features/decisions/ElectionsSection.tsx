/**
 * Elections at a consortium meeting (docs/architecture.md, "Decisions"): the
 * Chair, elected from the members' representatives other than the Accountable
 * Body's, for 1 April to 31 March (Partnership Agreement 9.1, 9.2); and the
 * review of the Accountable Body, continued or another appointed for the same
 * term (8.4). Both belong at the last meeting of the financial year; held at
 * another the page warns. A ballot's counts elect; a tie is a tie, followed by a
 * second ballot between those tied (or lots, if the constitution says so). The
 * result is recorded on the organisation's roles and granted to its copies from
 * the start of the term.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Consortium, Election, Meeting, Organisation, Representative } from '../../../shared/domain/entities';
import { officeTermFor, officeYearElectedAt } from '../../../shared/rules/financial-year';
import { formatLongDate } from '../../../shared/rules/calendar-date';
import { useStore } from '../../db/store-context';
import { useCitation } from '../../app/use-citation';
import { useThisCopyRole } from '../../app/use-roles';
import { describeSaveError } from '../../ui/save-error';
import { agreeElection, drawLots, electionState, electionTimingWarning, openElection, recordBallot, type ElectionResult } from './decision-actions';
import { countOf } from './motion-form';
import './decisions.css';

type Office = Election['office'];
const OFFICE_WORDS: Record<Office, { title: string; noun: string }> = {
  chair: { title: 'Election of the Chair', noun: 'Chair' },
  'accountable-body': { title: 'Review of the Accountable Body', noun: 'Accountable Body' },
};
const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

interface Loaded {
  organisations: Organisation[];
  representatives: Representative[];
  elections: Election[];
  meetings: Meeting[];
}

function representativeOf(representatives: Representative[], organisationId: string, on: string): Representative | undefined {
  return representatives.find((r) => r.organisationId === organisationId && r.kind === 'representative' && (r.from === '' || r.from <= on) && (r.until === '' || r.until >= on));
}

function OpenElection({ office, meeting, consortium, loaded, onDone }: { office: Office; meeting: Meeting; consortium: Consortium; loaded: Loaded; onDone: (words: string) => void }) {
  const store = useStore();
  const [chosen, setChosen] = useState<string[]>(office === 'accountable-body' && consortium.accountableBodyId ? [consortium.accountableBodyId] : []);
  const [problems, setProblems] = useState<string[]>([]);
  const members = loaded.organisations.filter((o) => o.status === 'member' && !o.archived).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const id = `open-${office}`;
  return (
    <form
      className="form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={async (ev) => {
        ev.preventDefault();
        setProblems([]);
        try {
          await openElection(
            store,
            meeting,
            office,
            chosen.map((organisationId) => ({ organisationId, representativeId: representativeOf(loaded.representatives, organisationId, meeting.date)?.id ?? '' })),
          );
          onDone(`${OFFICE_WORDS[office].title}: candidates recorded.`);
        } catch (error) {
          setProblems([describeSaveError(error)]);
        }
      }}
    >
      <fieldset className="fieldset">
        <legend id={`${id}-title`}>{office === 'chair' ? 'Candidates for Chair' : 'Who may hold the office: the present Accountable Body, or another member'}</legend>
        <div className="candidate-choices">
          {members.map((m) => {
            const rep = representativeOf(loaded.representatives, m.id, meeting.date);
            return (
              <label key={m.id}>
                <input type="checkbox" className="checkbox" checked={chosen.includes(m.id)} onChange={(ev) => setChosen((c) => (ev.target.checked ? [...c, m.id] : c.filter((x) => x !== m.id)))} />
                <span>
                  {rep ? `${rep.name}, ${m.name}` : m.name}
                  {m.id === consortium.accountableBodyId && ' (the Accountable Body)'}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {problems.length > 0 && (
        <div className="field-error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <button type="submit" className="button button--primary">
        {office === 'chair' ? 'Record the candidates' : 'Record who may hold the office'}
      </button>
    </form>
  );
}

function ElectionCard({ election, consortium, loaded, canRecord, onSaid }: { election: Election; consortium: Consortium; loaded: Loaded; canRecord: boolean; onSaid: (words: string) => void }) {
  const store = useStore();
  const state = electionState(election);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [lot, setLot] = useState('');
  const name = (id: string) => {
    const o = loaded.organisations.find((x) => x.id === id);
    const candidate = election.candidates.find((c) => c.organisationId === id);
    const rep = loaded.representatives.find((r) => r.id === candidate?.representativeId);
    // The Accountable Body is an organisation; the Chair is a member's representative (Partnership Agreement 8.4, 9.1).
    if (election.office === 'accountable-body' || !rep) return o?.name ?? 'A member not on the register';
    return `${rep.name}, ${o?.name ?? 'a member'}`;
  };
  const standing = state.status === 'tied' ? (state.tiedOrganisationIds ?? []) : election.candidates.map((c) => c.organisationId);
  const term = officeTermFor(election.financialYear, consortium.financialYearStartMonth, consortium.financialYearStartDay);
  const base = `election-${election.office}`;
  const after = (result: ElectionResult) => {
    const s = result.state;
    if (s.status === 'tied') onSaid(`The ballot is tied between ${(s.tiedOrganisationIds ?? []).map(name).join(' and ')}.`);
    else if (s.status === 'elected') onSaid([`${name(s.electedOrganisationId ?? '')} is elected ${OFFICE_WORDS[election.office].noun} for ${election.financialYear}.`, result.notice ?? ''].filter(Boolean).join(' '));
    setCounts({});
  };
  const run = async (what: () => Promise<ElectionResult>) => {
    setProblems([]);
    try {
      after(await what());
    } catch (error) {
      setProblems([describeSaveError(error)]);
    }
  };
  return (
    <article className="election-card" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>
        {OFFICE_WORDS[election.office].title} for {election.financialYear}
      </h3>
      <p className="muted">
        Term: {formatLongDate(term.start)} to {formatLongDate(term.end)}. Candidates: {election.candidates.map((c) => name(c.organisationId)).join('; ') || 'none'}.
      </p>
      {state.ballots.map((b, i) => (
        <p key={i}>
          {i === 0 ? 'Ballot' : `Ballot ${i + 1}`}:{' '}
          {Object.entries(b.counts)
            .map(([id, n]) => `${name(id)}: ${n} ${n === 1 ? 'vote' : 'votes'}`)
            .join('; ')}
        </p>
      ))}
      {state.status === 'tied' && <p className="warning">Tied between {(state.tiedOrganisationIds ?? []).map(name).join(' and ')}. {consortium.constitution.electionTie === 'lot' ? 'The constitution decides a tie by lot.' : 'The constitution asks for a second ballot between those tied.'}</p>}
      {state.status === 'elected' && (
        <p className="motion-outcome motion-outcome--carried">
          <strong>
            {election.office === 'chair' ? 'Elected Chair' : 'Accountable Body'}: {name(state.electedOrganisationId ?? '')}
          </strong>{' '}
          ({state.how === 'agreed' ? 'agreed without a ballot' : state.how === 'lot' ? 'by lot after a tie' : 'by ballot'}), from {formatLongDate(term.start)} to {formatLongDate(term.end)}.
        </p>
      )}
      {canRecord && state.status !== 'elected' && (
        <>
          <fieldset className="fieldset">
            <legend>{state.status === 'tied' ? 'Second ballot: votes for each candidate tied' : 'Ballot: votes for each candidate'}</legend>
            <div className="ballot-counts">
              {standing.map((id) => (
                <div className="field" key={id}>
                  <label className="field-label" htmlFor={`${base}-${id}`}>
                    {name(id)}
                  </label>
                  <input id={`${base}-${id}`} className="input input--short" inputMode="numeric" value={counts[id] ?? ''} onChange={(ev) => setCounts((c) => ({ ...c, [id]: ev.target.value }))} />
                </div>
              ))}
            </div>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                const typed = Object.fromEntries(standing.map((id) => [id, countOf(counts[id] ?? '')]));
                if (Object.values(typed).some((n) => n === undefined)) {
                  setProblems(['Nothing was recorded: enter each candidate’s votes as a whole number, 0 or more.']);
                  return;
                }
                return run(() => recordBallot(store, election, typed as Record<string, number>));
              }}
            >
              Record the ballot
            </button>
          </fieldset>
          {state.status === 'open' && (
            <p className="agreed-choices">
              {election.candidates.length === 1 || election.office === 'accountable-body'
                ? election.candidates.map((c) => (
                    <button key={c.organisationId} type="button" className="button button--secondary" onClick={() => run(() => agreeElection(store, election, c.organisationId))}>
                      Agreed without a ballot: {name(c.organisationId)}
                    </button>
                  ))
                : null}
            </p>
          )}
          {state.status === 'tied' && consortium.constitution.electionTie === 'lot' && (
            <div className="field">
              <label className="field-label" htmlFor={`${base}-lot`}>
                Drawn by lot
              </label>
              <select id={`${base}-lot`} className="input input--wide" value={lot} onChange={(ev) => setLot(ev.target.value)}>
                <option value="">Choose who was drawn</option>
                {(state.tiedOrganisationIds ?? []).map((id) => (
                  <option key={id} value={id}>
                    {name(id)}
                  </option>
                ))}
              </select>
              <button type="button" className="button button--secondary" disabled={lot === ''} onClick={() => run(() => drawLots(store, election, lot))}>
                Record the draw
              </button>
            </div>
          )}
          {problems.length > 0 && (
            <div className="field-error" role="alert">
              {problems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          )}
        </>
      )}
    </article>
  );
}

export function ElectionsSection({ meeting, consortium }: { meeting: Meeting; consortium: Consortium }) {
  const { db } = useStore();
  const { cite } = useCitation();
  const role = useThisCopyRole();
  const canRecord = !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
  const [message, setMessage] = useState('');
  const [opening, setOpening] = useState<Office | null>(null);
  const loaded = useLiveQuery(async (): Promise<Loaded> => {
    const [organisations, representatives, elections, meetings] = await Promise.all([db.organisations.toArray(), db.representatives.toArray(), db.elections.toArray(), db.meetings.toArray()]);
    return { organisations: live(organisations), representatives: live(representatives), elections: live(elections), meetings: live(meetings) };
  }, [db]);
  if (!loaded) return null;
  const year = officeYearElectedAt(meeting.date, consortium.financialYearStartMonth, consortium.financialYearStartDay).label;
  const here = loaded.elections.filter((e) => e.meetingId === meeting.id);
  const elsewhere = (office: Office) => loaded.elections.find((e) => e.office === office && e.financialYear === year && e.meetingId !== meeting.id);
  const warning = electionTimingWarning(meeting, loaded.meetings, consortium.financialYearStartMonth, consortium.financialYearStartDay);
  if (here.length === 0 && !canRecord) return null;
  return (
    <section className="form-section elections-section" aria-labelledby="meeting-elections">
      <h2 id="meeting-elections" className="section-title">
        Elections: the Chair and the Accountable Body
      </h2>
      <p className="muted">
        The Chair is elected from the members’ representatives other than the Accountable Body’s, and the Accountable Body’s appointment may be reviewed, at the last meeting of the financial year; both hold office from 1 April to 31 March ({cite('chair')}, {cite('abReview')}).
      </p>
      {warning && <p className="warning">{warning}</p>}
      <p className="status-line" role="status">
        {message}
      </p>
      {here.map((e) => (
        <ElectionCard key={e.id} election={e} consortium={consortium} loaded={loaded} canRecord={canRecord} onSaid={setMessage} />
      ))}
      {canRecord &&
        (['chair', 'accountable-body'] as const)
          .filter((office) => !here.some((e) => e.office === office))
          .map((office) => {
            const other = elsewhere(office);
            if (other) return <p key={office}>The {OFFICE_WORDS[office].title.toLowerCase()} for {year} is recorded at another meeting.</p>;
            return opening === office ? (
              <OpenElection key={office} office={office} meeting={meeting} consortium={consortium} loaded={loaded} onDone={(w) => { setMessage(w); setOpening(null); }} />
            ) : (
              <p key={office}>
                <button type="button" className="button button--secondary" onClick={() => setOpening(office)}>
                  {office === 'chair' ? `Hold the election of the Chair for ${year}` : `Review the Accountable Body for ${year}`}
                </button>
              </p>
            );
          })}
    </section>
  );
}
