/**
 * Routes, with a hash router: in Electron the app is served from app:// and in the
 * browser from a plain static server, and neither rewrites deep paths to index.html.
 */
import { useState } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';
import { Shell } from './Shell';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { MembersPage } from '../features/members/MembersPage';
import { OrganisationPage } from '../features/members/OrganisationPage';
import { DirectoryPage } from '../features/members/DirectoryPage';
import { LetterPrintPage } from '../exports/LetterPrintPage';
import { ApplicationsPage } from '../features/applications/ApplicationsPage';
import { ApplicationPage } from '../features/applications/ApplicationPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { MeetingPage } from '../features/meetings/MeetingPage';
import { ActionPage, ActionsPage } from '../features/meetings/ActionsPage';
import { MeetingFormPage } from '../features/meetings/MeetingForm';
import { SchedulePage } from '../features/meetings/ScheduleForm';
import { DecisionsPage } from '../features/decisions/DecisionsPage';
import { DecisionsPrintPage } from '../features/decisions/DecisionsPrintPage';
import { ClaimsPage } from '../features/claims/ClaimsPage';
import { FunderClaimPage } from '../features/claims/FunderClaimPage';
import { PartnerClaimPage } from '../features/claims/PartnerClaimPage';
import { FundPage, ProjectPage } from '../features/claims/FundsAndProjects';
import { FunderClaimPrintPage } from '../features/claims/FunderClaimPrintPage';
import { SyncPage } from '../features/sync/SyncPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { NotFoundPage } from './NotFoundPage';
import { RouteFailure } from './FailureScreen';

function createRouter() {
  return createHashRouter([
    {
      element: <Shell />,
      errorElement: <RouteFailure />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'members', element: <MembersPage /> },
        { path: 'members/new', element: <OrganisationPage /> },
        { path: 'members/directory/print', element: <DirectoryPage /> },
        { path: 'print/letter', element: <LetterPrintPage /> },
        { path: 'members/:organisationId', element: <OrganisationPage /> },
        { path: 'applications', element: <ApplicationsPage /> },
        { path: 'applications/new', element: <ApplicationPage /> },
        { path: 'applications/:applicationId', element: <ApplicationPage /> },
        { path: 'meetings', element: <MeetingsPage /> },
        { path: 'meetings/new', element: <MeetingFormPage /> },
        { path: 'meetings/schedule', element: <SchedulePage /> },
        { path: 'meetings/:meetingId', element: <MeetingPage /> },
        { path: 'actions', element: <ActionsPage /> },
        { path: 'actions/:actionId', element: <ActionPage /> },
        { path: 'meetings/:meetingId/edit', element: <MeetingFormPage /> },
        { path: 'decisions', element: <DecisionsPage /> },
        { path: 'print/decisions', element: <DecisionsPrintPage /> },
        { path: 'claims', element: <ClaimsPage /> },
        { path: 'claims/partners/:organisationId/:projectId/:year/:quarter', element: <PartnerClaimPage /> },
        { path: 'claims/funds/:fundId', element: <FundPage /> },
        { path: 'claims/projects/:projectId', element: <ProjectPage /> },
        { path: 'claims/funders/:fundId/:year/:quarter', element: <FunderClaimPage /> },
        { path: 'claims/funders/:fundId/:year/:quarter/print', element: <FunderClaimPrintPage /> },
        { path: 'sync', element: <SyncPage /> },
        { path: 'reports', element: <ReportsPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export function AppRouter() {
  const [router] = useState(createRouter);
  return <RouterProvider router={router} />;
}
