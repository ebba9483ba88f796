/**
 * The applications as the screens show them, read live: each with its state
 * (the fold of its events, shared/rules/lifecycles.ts), its assessment against
 * the criteria it was received under, its answers, and where its consultation
 * stands (shared/rules/applications.ts). One reading for the Applications page,
 * an application's page and the dashboard, so they always agree.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Application, ConsultationAnswer, Meeting, Organisation } from '../../../shared/domain/entities';
import { consultationOutcome, type ConsultationOutcome } from '../../../shared/rules/applications';
import { votingRights } from '../../../shared/rules/eligibility';
import type { Constitution } from '../../../shared/rules/constitution';
import { assessmentOfApplication, type ApplicationState } from '../../../shared/rules/lifecycles';
import type { ApplicationAssessment } from '../../../shared/rules/eligibility';
import type { QuorumDatabase } from '../../db/database';
import { useStore } from '../../db/store-context';
import { applicationState } from './application-actions';
import './applications.css';

export interface ApplicationView {
  application: Application;
  state: ApplicationState;
  assessment: ApplicationAssessment;
  answers: ConsultationAnswer[];
  /** While members are consulted: where it stands today. */
  outcome: ConsultationOutcome | undefined;
  /** The meeting it was referred to, if any. */
  meeting: Meeting | undefined;
}

export function viewOf(application: Application, answers: ConsultationAnswer[], meetings: Meeting[], today: string): ApplicationView {
  const state = applicationState(application);
  const own = answers.filter((a) => a.applicationId === application.id && !a.deleted);
  const outcome = state.status === 'consulting' && state.closesOn ? consultationOutcome(own, state.consulted ?? [], state.closesOn, today) : undefined;
  const meetingId = state.referredToMeetingId ?? '';
  return {
    application,
    state,
    assessment: assessmentOfApplication(application as unknown as Record<string, unknown>),
    answers: own,
    outcome,
    meeting: meetings.find((m) => m.id === meetingId && !m.deleted),
  };
}

export async function readApplications(db: QuorumDatabase, today: string): Promise<ApplicationView[]> {
  const [applications, answers, meetings] = await Promise.all([db.applications.toArray(), db.consultationAnswers.toArray(), db.meetings.toArray()]);
  return applications
    .filter((a) => !a.deleted)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : a.organisationName.localeCompare(b.organisationName)))
    .map((a) => viewOf(a, answers, meetings, today));
}

export function useApplications(today: string): ApplicationView[] | undefined {
  const { db } = useStore();
  return useLiveQuery(() => readApplications(db, today), [db, today]);
}

// Partnership Agreement 5.3, 5.5: the chair consults the members, each organisation with a vote.
/** The organisations consulted on an application opened today: the members who vote on that date. */
export function membersToConsult(organisations: readonly Organisation[], today: string, constitution: Pick<Constitution, 'coOptedMayVote'>): Organisation[] {
  return organisations.filter((o) => !o.deleted && votingRights(o, today, constitution).mayVote).sort((a, b) => a.name.localeCompare(b.name));
}
