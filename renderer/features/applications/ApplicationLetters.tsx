/**
 * The letters to an applicant (Partnership Agreement 5.3), as DOCX and PDF
 * through the export module (renderer/exports; docs/architecture.md,
 * "Exports"): the invitation to the meeting an application is referred to,
 * and the decision once it is made. Signed for the secretariat by this copy's
 * named representative when it has one.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Consortium } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';
import { constitutionName } from '../../../shared/rules/citations';
import { decisionLetter, invitationLetter, LetterCannotBeWritten, type ApplicantLetterInput } from '../../exports/letters';
import { LetterExport } from '../../exports/LetterExport';
import { useInstallation, useStore } from '../../db/store-context';
import { useThisCopyRole } from '../../app/use-roles';
import type { ApplicationView } from './use-applications';

export function ApplicationLetters({ view, consortium, today }: { view: ApplicationView; consortium: Consortium; today: string }) {
  const { db } = useStore();
  const installation = useInstallation();
  const role = useThisCopyRole();
  const signer = useLiveQuery(async () => {
    const reps = await db.representatives.where('organisationId').equals(installation.organisationId).toArray();
    const organisation = await db.organisations.get(installation.organisationId);
    return { representative: reps.find((r) => !r.deleted && r.kind === 'representative' && !(r as { until?: string }).until), organisation: organisation?.name ?? '' };
  }, [db, installation.organisationId]);
  const { state, application: a, meeting } = view;
  if (signer === undefined || !role) return null;
  // The letter goes from the chair when the chair's copy writes it, otherwise from the secretariat.
  const office = role.offices.includes('chair') ? 'Chair' : 'for the secretariat';
  const { representative } = signer;
  const base: ApplicantLetterInput = {
    consortiumName: consortium.name,
    constitutionName: constitutionName(consortium.constitution),
    applicant: { organisationName: a.organisationName, contactName: a.contactName, address: a.address },
    letterDate: today,
    signedBy: representative
      ? { name: representative.name, role: [representative.jobTitle, signer.organisation, office].filter(Boolean).join(', ') }
      : { name: office === 'Chair' ? 'The Chair' : 'The secretariat', role: signer.organisation },
  };
  const letters: Array<{ label: string; fileName: string; build: () => ReturnType<typeof invitationLetter> }> = [];
  if (state.status === 'referred' && meeting) {
    letters.push({
      label: 'Invitation letter',
      fileName: `${consortium.name} – invitation – ${a.organisationName} – ${today}`,
      build: () => invitationLetter({ ...base, meeting: { title: meeting.title, date: meeting.date, startTime: meeting.startTime, location: meeting.location } }),
    });
  }
  if (state.status === 'admitted' || state.status === 'refused') {
    const by = state.decidedAtMeetingId && meeting ? `the consortium meeting of ${formatDate(meeting.date)}` : 'the Chair';
    letters.push({
      label: 'Decision letter',
      fileName: `${consortium.name} – decision – ${a.organisationName} – ${today}`,
      build: () => decisionLetter({ ...base, decision: { outcome: state.status as 'admitted' | 'refused', on: state.decidedOn ?? today, reason: state.reason ?? '', decidedBy: by } }),
    });
  }
  if (letters.length === 0) return null;
  return (
    <section className="form-section" aria-labelledby="application-letters">
      <h2 id="application-letters" className="section-title">
        Letters to the applicant
      </h2>
      {letters.map((letter) => {
        try {
          return <LetterExport key={letter.label} document={letter.build()} fileName={letter.fileName} label={letter.label} />;
        } catch (error) {
          if (error instanceof LetterCannotBeWritten) {
            return (
              <p key={letter.label} className="warning">
                {letter.label}: {error.message}
              </p>
            );
          }
          throw error;
        }
      })}
    </section>
  );
}
