/**
 * The dashboard: the consortium at a glance. How many members there are, how many may
 * vote and the quorum that gives (Partnership Agreement 10.6), the next meeting and when
 * its papers are due (10.5), and the financial year with its Accountable Body (8.1).
 */
import { ROLE_LABELS } from '../../../shared/domain/entities';
import { useConsortium } from '../../app/use-consortium';
import { useInstallation } from '../../db/store-context';
import { formatDayAndDate, todayInLondon } from '../../ui/dates';
import { Page } from '../../ui/Page';
import { MembershipCard } from './MembershipCard';
import { NextMeetingCard } from './NextMeetingCard';
import { YearCard } from './YearCard';

export function DashboardPage() {
  const consortium = useConsortium();
  const installation = useInstallation();
  const today = todayInLondon();
  if (!consortium) return <Page title="Dashboard" />;
  const role = installation.role ? `the ${ROLE_LABELS[installation.role].toLowerCase().replace('accountable body', 'Accountable Body')}` : 'the consortium';
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
      </div>
    </Page>
  );
}
