/**
 * Who attends a meeting (docs/architecture.md, "Meetings: agenda, papers and
 * attendance"): for each member organisation, present by its representative or its
 * named substitute, apologies, or absent (Partnership Agreement 7.1, 7.2); co-opted
 * organisations and applicants invited to attend listed apart (5.3, 5.4); the quorum
 * (10.6) worked out live as attendance is recorded, with who does not count and why;
 * and who chairs: the elected Chair or a member's representative the meeting appoints
 * (9). The secretariat and the chair record it; a member's own copy may send its
 * apologies. One record per organisation and meeting, whichever copy records it.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Attendance, Consortium, Meeting } from '../../../shared/domain/entities';
import { useStore } from '../../db/store-context';
import { useCitation } from '../../app/use-citation';
import { useRoles, useThisCopyRole } from '../../app/use-roles';
import { describeSaveError } from '../../ui/save-error';
import { recordAttendance, setChair } from './agenda-actions';
import { attendanceView, type AttendanceLine } from './attendance-view';
import './agenda.css';

const STATUS_WORDS: Record<Attendance['status'] | 'not-recorded', string> = {
  present: 'Present',
  substitute: 'Present by substitute',
  apologies: 'Apologies',
  absent: 'Absent',
  'not-recorded': 'Not recorded',
};

/** The choice's value: the status, and for those present who came. */
function valueOf(line: AttendanceLine): string {
  if ((line.status === 'present' || line.status === 'substitute') && line.record) return `${line.status}|${line.record.representativeId}`;
  return line.status;
}

function choicesOf(line: AttendanceLine): { value: string; label: string }[] {
  const present = line.people.map((p) => ({
    value: `${p.kind === 'substitute' ? 'substitute' : 'present'}|${p.representativeId}`,
    label: p.kind === 'substitute' ? `Present: ${p.name} (named substitute)` : `Present: ${p.name} (representative)`,
  }));
  const current = valueOf(line);
  // One present under someone no longer in post is kept as a choice, so the record reads as it stands.
  if (line.record && (line.status === 'present' || line.status === 'substitute') && !present.some((c) => c.value === current)) {
    present.unshift({ value: current, label: `${STATUS_WORDS[line.status]}: ${line.person?.name ?? 'someone not in the register'}` });
  }
  if (present.length === 0) present.push({ value: 'present|', label: 'Present (no named representative in post)' });
  return [...(line.record ? [] : [{ value: 'not-recorded', label: 'Not recorded' }]), ...present, { value: 'apologies', label: 'Apologies' }, { value: 'absent', label: 'Absent' }];
}

function AttendanceRow({ line, meeting, canRecord, onMessage }: { line: AttendanceLine; meeting: Meeting; canRecord: boolean; onMessage: (words: string, problem?: boolean) => void }) {
  const store = useStore();
  const id = `attendance-${line.organisation.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  const said = line.person ? `${STATUS_WORDS[line.status]}: ${line.person.name}` : STATUS_WORDS[line.status];
  return (
    <li className="attendance-row">
      <div className="attendance-who">
        <label htmlFor={id} className="attendance-name">
          {line.organisation.name}
        </label>
        {line.note && <p className="muted attendance-note">{line.note}</p>}
      </div>
      <div className="attendance-choice">
        {canRecord ? (
          <select
            id={id}
            className="input"
            value={valueOf(line)}
            onChange={async (event) => {
              const [status, representativeId = ''] = event.target.value.split('|') as [Attendance['status'], string?];
              const chosen = event.target.selectedOptions[0]?.textContent ?? '';
              try {
                await recordAttendance(store, meeting.id, line.organisation.id, status, representativeId);
                onMessage(`Recorded ${line.organisation.name}: ${chosen}.`);
              } catch (error) {
                onMessage(describeSaveError(error), true);
              }
            }}
          >
            {choicesOf(line).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          <output id={id}>{said}</output>
        )}
        <span className={line.counts ? 'tag tag--member' : 'tag'}>{line.counts ? 'Counts for the quorum' : 'Does not count'}</span>
      </div>
    </li>
  );
}

export function AttendanceSection({ meeting, consortium }: { meeting: Meeting; consortium: Consortium }) {
  const store = useStore();
  const { db } = store;
  const { cite, citeInText } = useCitation();
  const role = useThisCopyRole();
  const roles = useRoles();
  const minuteTaker = !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
  const loaded = useLiveQuery(async () => {
    const [organisations, representatives, attendance, appointments] = await Promise.all([
      db.organisations.toArray(),
      db.representatives.toArray(),
      db.attendance.where('meetingId').equals(meeting.id).toArray(),
      db.appointments.toArray(),
    ]);
    return { organisations, representatives, attendance, appointments };
  }, [db, meeting.id]);
  const [message, setMessage] = useState<{ words: string; problem: boolean }>({ words: '', problem: false });
  if (!loaded) return null;
  const view = attendanceView({ meeting, ...loaded, constitution: consortium.constitution, accountableBodyId: consortium.accountableBodyId });
  const say = (words: string, problem = false) => setMessage({ words, problem });
  const own = roles?.organisationId ?? '';
  // Its own apologies, whether it votes or attends to advise (Partnership Agreement 7.2).
  const ownLine = [...view.members, ...view.others].find((m) => m.organisation.id === own);
  const { quorum, chair } = view;

  return (
    <section className="form-section attendance-section" aria-labelledby="meeting-attendance">
      <h2 id="meeting-attendance" className="section-title">
        Attendance and quorum
      </h2>
      <div className={`quorum-box ${quorum.quorate ? 'quorum-box--ok' : 'quorum-box--short'}`} role="status" aria-labelledby="quorum-heading">
        <h3 id="quorum-heading" className="quorum-heading">
          {quorum.quorate ? 'Quorate' : 'Not quorate'}
        </h3>
        <dl className="quorum-figures">
          <div>
            <dt>Quorum needed</dt>
            <dd>{quorum.required}</dd>
          </div>
          <div>
            <dt>Members present who count</dt>
            <dd>{quorum.present}</dd>
          </div>
          <div>
            <dt>Members eligible to vote</dt>
            <dd>{quorum.votingMembers}</dd>
          </div>
        </dl>
        <p>{quorum.message}</p>
        <p className="muted quorum-rule">
          The quorum is {consortium.constitution.quorumMinimum}, or the nearest whole number to {consortium.constitution.quorumFractionNumerator} in {consortium.constitution.quorumFractionDenominator} of the members eligible to vote if that is more; only members present by their representative or named substitute count ({cite('quorum')}).
        </p>
        {view.notCounted.length > 0 && (
          <>
            <p className="quorum-subheading">Present but not counted:</p>
            <ul className="quorum-not-counted">
              {view.notCounted.map((n) => (
                <li key={n.name}>{n.explanation}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <p className={message.problem ? 'field-error' : 'status-line'} role={message.problem ? 'alert' : 'status'}>
        {message.words}
      </p>
      {!minuteTaker && ownLine && ownLine.status !== 'apologies' && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => {
              try {
                await recordAttendance(store, meeting.id, own, 'apologies');
                say(`Sent apologies for ${ownLine.organisation.name}. They reach the secretariat with your next bundle.`);
              } catch (error) {
                say(describeSaveError(error), true);
              }
            }}
          >
            Send apologies for {ownLine.organisation.name}
          </button>
        </p>
      )}
      <h3 className="section-title" id="attendance-members">
        Members ({cite('substitutes')})
      </h3>
      <ul className="attendance-list" aria-labelledby="attendance-members">
        {view.members.map((line) => (
          <AttendanceRow key={line.organisation.id} line={line} meeting={meeting} canRecord={minuteTaker} onMessage={say} />
        ))}
      </ul>
      {view.others.length > 0 && (
        <>
          <h3 className="section-title" id="attendance-others">
            Co-opted organisations and observers ({cite('coOpted')})
          </h3>
          <p className="muted">They may attend and advise, but do not vote and do not count towards the quorum.</p>
          <ul className="attendance-list" aria-labelledby="attendance-others">
            {view.others.map((line) => (
              <AttendanceRow key={line.organisation.id} line={line} meeting={meeting} canRecord={minuteTaker} onMessage={say} />
            ))}
          </ul>
        </>
      )}
      <h3 className="section-title" id="attendance-chair">
        Who chairs
      </h3>
      <p>{citeInText(chair.message)}</p>
      {chair.problem && <p className="warning">{chair.problem}</p>}
      {minuteTaker && (
        <div className="field">
          <label className="field-label" htmlFor="meeting-chair">
            Chaired by
          </label>
          <p className="field-hint" id="meeting-chair-hint">
            When the elected Chair cannot chair the meeting, the meeting may appoint any member’s representative who is present, the Accountable Body’s included.
          </p>
          <select
            id="meeting-chair"
            className="input input--wide"
            aria-describedby="meeting-chair-hint"
            value={meeting.chairRepresentativeId}
            onChange={async (event) => {
              const chosen = event.target.selectedOptions[0]?.textContent ?? '';
              try {
                await setChair(store, meeting, event.target.value);
                say(`Recorded who chairs: ${chosen}.`);
              } catch (error) {
                say(describeSaveError(error), true);
              }
            }}
          >
            <option value="">{chair.elected ? `The elected Chair${chair.elected.representative ? `: ${chair.elected.representative.name}, ${chair.elected.organisation.name}` : `: ${chair.elected.organisation.name}`}` : 'Not yet chosen'}</option>
            {chair.chairedBy && !chair.candidates.some((c) => c.representativeId === chair.chairedBy!.representativeId) && <option value={chair.chairedBy.representativeId}>{`${chair.chairedBy.name}, ${chair.chairedBy.organisationName}`}</option>}
            {chair.candidates
              .filter((c) => c.representativeId !== chair.elected?.representative?.representativeId)
              .map((c) => (
                <option key={c.representativeId} value={c.representativeId}>
                  {`Acting chair: ${c.label}`}
                </option>
              ))}
          </select>
        </div>
      )}
    </section>
  );
}
