/**
 * What a person does to a membership application, as writes through the
 * repositories (validated, judged by the roles in force, logged): each step is
 * one lifecycle event (shared/rules/lifecycles.ts, docs/architecture.md
 * "Lifecycles"), with the records it brings with it written in the same
 * transaction — a referral and its agenda item, an admission and the new
 * member's register entry — so either all of it is written or none.
 */
import { applicationOf, type ApplicationFormOutput } from '../../../shared/domain/application-form';
import type { Application, ConsultationAnswerChoice, Meeting } from '../../../shared/domain/entities';
import type { Constitution } from '../../../shared/rules/constitution';
import { assessmentOfApplication, stateOf, applicationLifecycle, type ApplicationState } from '../../../shared/rules/lifecycles';
import { authorityTables } from '../../db/authority';
import type { ReadyStore } from '../../db/open';

type Store = Pick<ReadyStore, 'db' | 'repositories'>;

export function applicationState(application: Application): ApplicationState {
  return stateOf(applicationLifecycle, application);
}

export { assessmentOfApplication };

/** The register entry's fields an application gives (Partnership Agreement 5.2): who the applicant is and how to reach it. */
function registerFieldsOf(application: Pick<Application, 'organisationName' | 'kind' | 'area' | 'address' | 'contactEmail' | 'contactPhone' | 'website' | 'charityNumber' | 'companyNumber' | 'levelOfWork'>) {
  return {
    name: application.organisationName,
    kind: application.kind,
    area: application.area,
    address: application.address,
    email: application.contactEmail,
    phone: application.contactPhone,
    website: application.website,
    charityNumber: application.charityNumber,
    companyNumber: application.companyNumber,
    levelOfWork: application.levelOfWork,
  };
}

/**
 * Records an application received (or saves changes to one): returns its id.
 * A new applicant is entered in the register as an applicant from the day it
 * applied — it neither votes nor counts (shared/rules/eligibility.ts) — and
 * the application is linked to that entry.
 */
export async function saveApplication(store: Store, values: ApplicationFormOutput, constitution: Constitution, existing?: Application): Promise<string> {
  const { db, repositories: repos } = store;
  const record = applicationOf(values, constitution, existing);
  return db.transaction('rw', [db.applications, db.organisations, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    if (existing) {
      await repos.applications.update(existing.id, record);
      const entry = existing.organisationId ? await repos.organisations.get(existing.organisationId) : undefined;
      if (entry?.status === 'applicant') await repos.organisations.update(entry.id, { ...registerFieldsOf({ ...existing, ...record }), appliedOn: record.receivedOn });
      return existing.id;
    }
    const organisationId = await repos.organisations.create({ ...registerFieldsOf(record), status: 'applicant', appliedOn: record.receivedOn, servicesProvided: [] });
    return repos.applications.create({ ...record, organisationId });
  });
}

// Partnership Agreement 5.3: the chair decides after consulting members.
/** Opens the consultation of the voting members, until `closesOn`. */
export async function openConsultation(store: Store, applicationId: string, closesOn: string, consulted: string[]): Promise<void> {
  await store.repositories.applications.recordEvent(applicationId, { type: 'consulting', closesOn, consulted });
}

export interface AnswerInput {
  applicationId: string;
  organisationId: string;
  answer: ConsultationAnswerChoice;
  comment: string;
  /** 'copy' when the member answers from its own copy; otherwise how the secretariat received it. */
  via: 'copy' | 'letter' | 'email' | 'telephone';
  answeredOn: string;
}

/** A member's answer: one per application and organisation, whichever copy records it (registry naturalKey). */
export async function answerConsultation(store: Store, input: AnswerInput): Promise<string> {
  return store.repositories.consultationAnswers.create(input);
}

/**
 * Refers the application to a consortium meeting (Partnership Agreement 5.3)
 * and puts it on that meeting's agenda, after the items already there.
 */
export async function referApplication(store: Store, application: Application, meeting: Pick<Meeting, 'id'>, reason: string): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', [db.applications, db.agendaItems, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    await repos.applications.recordEvent(application.id, { type: 'referred', meetingId: meeting.id, reason });
    const items = (await db.agendaItems.where('meetingId').equals(meeting.id).toArray()).filter((i) => !i.deleted);
    const existing = items.find((i) => i.refersToTable === 'applications' && i.refersToRow === application.id);
    if (existing) return existing.id;
    const position = items.reduce((most, i) => Math.max(most, i.position + 1), 0);
    return repos.agendaItems.create({
      meetingId: meeting.id,
      position,
      title: `Application for membership: ${application.organisationName}`,
      presenter: 'The Chair',
      paperTitle: 'The application and members’ answers to the consultation',
      refersToTable: 'applications',
      refersToRow: application.id,
    });
  });
}

export interface DecisionInput {
  decision: 'admitted' | 'refused';
  reason: string;
  on: string;
  /** The meeting that decided it, when it was referred. */
  atMeetingId: string;
}

/**
 * Records the decision. An admitted applicant's register entry becomes a
 * member from the decision date, with the services it showed (Partnership
 * Agreement 5.1) matched to the constitution's criteria by their words; a
 * refused one is marked refused on that date. An application from before
 * applicants were entered in the register gets its entry now. Returns the
 * register entry's id.
 */
export async function decideApplication(store: Store, application: Application, input: DecisionInput, constitution: Pick<Constitution, 'membershipCriteria'>): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', [db.applications, db.organisations, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    await repos.applications.recordEvent(application.id, { type: 'decided', ...input });
    const assessment = assessmentOfApplication(application as unknown as Record<string, unknown>);
    const servicesProvided = assessment.met
      .map((i) => constitution.membershipCriteria.indexOf(application.criteria[i] ?? ''))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b);
    const outcome = input.decision === 'admitted' ? { status: 'member' as const, joinedOn: input.on, servicesProvided } : { status: 'refused' as const, refusedOn: input.on };
    const entry = application.organisationId ? await repos.organisations.get(application.organisationId) : undefined;
    if (entry) {
      await repos.organisations.update(entry.id, outcome);
      return entry.id;
    }
    const organisationId = await repos.organisations.create({ ...registerFieldsOf(application), appliedOn: application.receivedOn, ...outcome });
    await repos.applications.update(application.id, { organisationId });
    return organisationId;
  });
}

/** Records the day the applicant was told of the decision (the decision letter sent). */
export async function recordNotified(store: Store, applicationId: string, on: string): Promise<void> {
  await store.repositories.applications.recordEvent(applicationId, { type: 'notified', on });
}

export async function withdrawApplication(store: Store, applicationId: string): Promise<void> {
  await store.repositories.applications.recordEvent(applicationId, { type: 'withdrawn' });
}
