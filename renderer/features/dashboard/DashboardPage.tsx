/**
 * The dashboard: the consortium at a glance. How many members there are, how many may
 * vote and the quorum that gives (Partnership Agreement 10.6), the next meeting and when
 * its papers are due (10.5), and the financial year with its Accountable Body (8.1).
 */
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { officesInASentence } from '../sync/roles-words';
import { formatDayAndDate, todayInLondon } from '../../ui/dates';
import { Page } from '../../ui/Page';
import { MembershipCard } from './MembershipCard';
import { NextMeetingCard } from './NextMeetingCard';
import { YearCard } from './YearCard';
import { ApplicationsCard } from './ApplicationsCard';
import { ActionsCard } from './ActionsCard';
import { ClaimsCard } from './ClaimsCard';

export function DashboardPage() {
  const consortium = useConsortium();
  const granted = useThisCopyRole();
  const today = todayInLondon();
  if (!consortium) return <Page title="Dashboard" />;
  // The offices the consortium has granted this copy, as the header says them.
  const role = granted ? officesInASentence(granted.offices) : 'the consortium';
  return (
    <Page
      title="Dashboard"
      intro={
        <p>
          {consortium.name}, {consortium.area}. Today is {formatDayAndDate(today)}; this computer is used by {role}.
        </p>
      }
    >
      <div className="cards">
        <MembershipCard consortium={consortium} today={today} />
        <NextMeetingCard consortium={consortium} today={today} />
        <YearCard consortium={consortium} today={today} />
        <ApplicationsCard today={today} />
        <ActionsCard today={today} />
        <ClaimsCard consortium={consortium} today={today} />
      </div>
    </Page>
  );
}
