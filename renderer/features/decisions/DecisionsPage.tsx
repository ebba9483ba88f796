/**
 * The decisions register (/decisions; Partnership Agreement 10.7, 8.2;
 * docs/architecture.md, "Decisions: the register"): every decision across
 * meetings, live from this copy's records — what was decided, how, by which
 * meeting and when, what it refers to and whether it stands — filtered by kind
 * of meeting, year, status and words, newest or oldest first, and exported as
 * CSV, XLSX or PDF (the print view, /print/decisions, with the same filter).
 * In a narrow window each decision is a block with its fields labelled.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '../../../shared/domain/entities';
import { VOTE_CHOICE_WORDS } from '../../../shared/rules/decisions';
import { usePlatform } from '../../app/platform-context';
import { useCitation } from '../../app/use-citation';
import { useConsortium } from '../../app/use-consortium';
import { londonToday } from '../../db/london-today';
import { useStore } from '../../db/store-context';
import { saveExport, type ExportFile } from '../../exports/save';
import { formatDate } from '../../ui/dates';
import { EmptyState, Page } from '../../ui/Page';
import {
  DECISION_STATUS_WORDS,
  DECISION_STATUSES,
  citedRows,
  decisionsRegister,
  filterRegister,
  meetingKindWords,
  registerCsv,
  registerXlsx,
  registerYears,
  type DecisionRow,
  type DecisionStatus,
  type RegisterDetails,
  type RegisterFilter,
} from './decisions-register';
import './decisions-register.css';

export const DECISIONS_PRINT_PATH = '/print/decisions';

/** Every decision on this copy, live: undefined while loading. */
export function useDecisionsRegister(): DecisionRow[] | undefined {
  const { db } = useStore();
  return useLiveQuery(async () => {
    const [motions, elections, applications, meetings, organisations] = await Promise.all([
      db.motions.toArray(),
      db.elections.toArray(),
      db.applications.toArray(),
      db.meetings.toArray(),
      db.organisations.toArray(),
    ]);
    // Only the agenda items and minutes the motions name, by key: not every minute's notes.
    const present = <T,>(rows: (T | undefined)[]) => rows.filter((r): r is T => r !== undefined);
    const [agendaItems, minutes] = await Promise.all([
      db.agendaItems.bulkGet([...new Set(motions.map((m) => m.agendaItemId).filter(Boolean))]),
      db.minutes.bulkGet([...new Set(motions.filter((m) => m.refersToTable === 'minutes').map((m) => m.refersToRow))]),
    ]);
    return decisionsRegister({ motions, elections, applications, meetings, organisations, agendaItems: present(agendaItems), minutes: present(minutes) });
  }, [db]);
}

/** The filter kept in the address (?kind=&year=&status=&q=&order=), so the print view and Back keep it. */
export function useRegisterFilter(): [RegisterFilter, (change: Partial<Record<'kind' | 'year' | 'status' | 'q' | 'order', string>>) => void, string] {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const filter: RegisterFilter = {
    meetingKind: kind === 'outside' || (MEETING_KINDS as readonly string[]).includes(kind) ? (kind as MeetingKind | 'outside') : '',
    year: /^\d{4}$/.test(params.get('year') ?? '') ? params.get('year')! : '',
    status: (DECISION_STATUSES as readonly string[]).includes(status) ? (status as DecisionStatus) : '',
    text: params.get('q') ?? '',
    oldestFirst: params.get('order') === 'oldest',
  };
  const change = (next: Partial<Record<'kind' | 'year' | 'status' | 'q' | 'order', string>>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };
  return [filter, change, params.toString()];
}

/** The filter in words, for the printed register and the table's caption. */
export function filterWords(filter: RegisterFilter): string {
  const parts = [
    filter.meetingKind === 'outside' ? 'decided outside a meeting' : filter.meetingKind ? MEETING_KIND_LABELS[filter.meetingKind] : '',
    filter.year ? `in ${filter.year}` : '',
    filter.status ? DECISION_STATUS_WORDS[filter.status].toLowerCase() : '',
    filter.text?.trim() ? `matching “${filter.text.trim()}”` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

export function useRegisterDetails(filter: RegisterFilter): RegisterDetails | undefined {
  const consortium = useConsortium();
  if (!consortium) return undefined;
  const words = filterWords(filter);
  return { consortiumName: consortium.name, area: consortium.area, onDate: londonToday(), ...(words ? { filterWords: words } : {}), ...(filter.oldestFirst ? { oldestFirst: true } : {}) };
}

type Outcome = { busy: 'csv' | 'xlsx' | null; message: string; failed: boolean };

export function DecisionsPage() {
  const { citeInText } = useCitation();
  const all = useDecisionsRegister();
  const [filter, change, search] = useRegisterFilter();
  const details = useRegisterDetails(filter);
  const platform = usePlatform();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome>({ busy: null, message: '', failed: false });
  const rows = useMemo(() => (all ? filterRegister(all, filter) : []), [all, filter]);
  const years = useMemo(() => registerYears(all ?? []), [all]);

  const save = async (format: 'csv' | 'xlsx', make: (rows: DecisionRow[], details: RegisterDetails) => ExportFile | Promise<ExportFile>) => {
    if (!details) return;
    setOutcome({ busy: format, message: '', failed: false });
    try {
      const result = await saveExport(platform, await make(citedRows(rows, citeInText), details));
      setOutcome({ busy: null, failed: false, message: result.saved ? `Saved ${result.location}.` : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setOutcome({ busy: null, failed: true, message: `The register could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const words = filterWords(filter);
  return (
    <Page
      title="Decisions"
      intro={
        <p>
          {citeInText(
            'Every decision of the consortium’s meetings: agreed by consensus, with any dissent recorded, or by a vote of the members present with its counts (Partnership Agreement 10.7); elections; applications the chair decided after consulting members (Partnership Agreement 5.3); and any Accountable Body override with its reason and the funder’s term (Partnership Agreement 8.2).',
          )}
        </p>
      }
    >
      <section className="form-section decisions-register" aria-labelledby="decisions-filter-title">
        <h2 id="decisions-filter-title" className="section-title">
          Find decisions
        </h2>
        <div className="inline-fields">
          <div className="field">
            <label className="field-label" htmlFor="decisions-kind">
              Meeting
            </label>
            <select id="decisions-kind" className="input input--medium" value={filter.meetingKind ?? ''} onChange={(e) => change({ kind: e.target.value })}>
              <option value="">Any meeting</option>
              {MEETING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MEETING_KIND_LABELS[k]}
                </option>
              ))}
              <option value="outside">Outside a meeting</option>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="decisions-year">
              Year
            </label>
            <select id="decisions-year" className="input input--medium" value={filter.year ?? ''} onChange={(e) => change({ year: e.target.value })}>
              <option value="">Any year</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="decisions-status">
              Outcome
            </label>
            <select id="decisions-status" className="input input--medium" value={filter.status ?? ''} onChange={(e) => change({ status: e.target.value })}>
              <option value="">Any outcome</option>
              {DECISION_STATUSES.map((st) => (
                <option key={st} value={st}>
                  {DECISION_STATUS_WORDS[st]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="decisions-order">
              Order
            </label>
            <select id="decisions-order" className="input input--medium" value={filter.oldestFirst ? 'oldest' : ''} onChange={(e) => change({ order: e.target.value })}>
              <option value="">Newest first</option>
              <option value="oldest">Oldest first</option>
            </select>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="decisions-search">
            Words to find
          </label>
          <p className="field-hint" id="decisions-search-hint">
            In what was decided, how, the meeting, what it refers to and its status.
          </p>
          <input id="decisions-search" type="search" className="input input--full" aria-describedby="decisions-search-hint" value={filter.text ?? ''} onChange={(e) => change({ q: e.target.value })} autoComplete="off" />
        </div>
        <div className="print-actions">
          <button type="button" className="button button--secondary" disabled={!all || !details || outcome.busy !== null} onClick={() => void save('csv', registerCsv)}>
            {outcome.busy === 'csv' ? 'Saving…' : 'Decisions as CSV'}
          </button>
          <button type="button" className="button button--secondary" disabled={!all || !details || outcome.busy !== null} onClick={() => void save('xlsx', registerXlsx)}>
            {outcome.busy === 'xlsx' ? 'Saving…' : 'Decisions as XLSX'}
          </button>
          <button type="button" className="button button--secondary" disabled={!all} onClick={() => void navigate(`${DECISIONS_PRINT_PATH}${search ? `?${search}` : ''}`)}>
            Decisions as PDF
          </button>
        </div>
        <p className={outcome.failed ? 'status-line warning' : 'status-line'} role="status">
          {outcome.message}
        </p>
      </section>
      {!all ? null : all.length === 0 ? (
        <EmptyState>
          <p>Decisions taken at meetings will be listed here once a meeting decides a motion or holds an election.</p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <p role="status">No decisions match{words ? `: ${words}` : ''}.</p>
      ) : (
        <RegisterTable rows={citedRows(rows, citeInText)} caption={`${words ? `Decisions (${words})` : 'Every decision'}: ${rows.length}`} />
      )}
    </Page>
  );
}

/** What the status tag does not say: an override's day, reason and the funder's term; a tie's rule. */
function statusDetail(r: DecisionRow): string {
  if (r.override) return `${r.override.on ? `On ${formatDate(r.override.on)}: ` : ''}${r.override.reason}${r.override.funderTerm ? ` (the funder’s term: ${r.override.funderTerm})` : ''}`;
  return r.statusWords !== DECISION_STATUS_WORDS[r.status] ? r.statusWords : '';
}

function RegisterTable({ rows, caption }: { rows: DecisionRow[]; caption: string }) {
  return (
    <div className="table-wrap decisions-frame" tabIndex={0} role="region" aria-labelledby="decisions-caption">
      <table className="table table--decisions" role="table">
        <caption id="decisions-caption">{caption}</caption>
        <colgroup>
          <col className="col-date" />
          <col className="col-decided" />
          <col className="col-how" />
          <col className="col-meeting" />
          <col />
        </colgroup>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              Date
            </th>
            <th scope="col" role="columnheader">
              Decided
            </th>
            <th scope="col" role="columnheader">
              How
            </th>
            <th scope="col" role="columnheader">
              Meeting
            </th>
            <th scope="col" role="columnheader">
              Status
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((r) => (
            <tr key={r.id} role="row" className={`decision decision--${r.status}`}>
              <td role="cell">
                <span className="decisions-cell-label">Date: </span>
                {r.date ? formatDate(r.date) : ''}
              </td>
              <th scope="row" role="rowheader">
                {r.decided}
                {r.refersTo && <span className="decision-refers">{r.refersTo}</span>}
              </th>
              <td role="cell">
                <span className="decisions-cell-label">How: </span>
                {r.how}
                <span className="decision-outcome">{r.outcome}</span>
                {r.votes.length > 0 && (
                  <details className="decision-votes">
                    <summary>Each member’s vote ({r.votes.length})</summary>
                    <ul>
                      {r.votes.map((v) => (
                        <li key={v.organisation}>
                          {v.organisation}: {VOTE_CHOICE_WORDS[v.choice]}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td role="cell">
                <span className="decisions-cell-label">Meeting: </span>
                {r.meetingId ? (
                  <Link to={`/meetings/${encodeURIComponent(r.meetingId)}`}>
                    {r.meetingTitle}
                    <span className="visually-hidden"> of {r.date ? formatDate(r.date) : ''}</span>
                  </Link>
                ) : (
                  'Outside a meeting'
                )}
                {r.meetingId && <span className="decision-kind">{meetingKindWords(r)}</span>}
              </td>
              <td role="cell">
                <span className="decisions-cell-label">Status: </span>
                <span className={`tag decision-tag decision-tag--${r.status}`}>{DECISION_STATUS_WORDS[r.status]}</span>
                {statusDetail(r) && <span className="decision-status-words">{statusDetail(r)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
