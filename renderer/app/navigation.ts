/** The app's main areas, in the order the navigation lists them. */
export interface Area {
  path: string;
  label: string;
}

export const AREAS: readonly Area[] = [
  { path: '/', label: 'Dashboard' },
  { path: '/members', label: 'Members' },
  { path: '/applications', label: 'Applications' },
  { path: '/meetings', label: 'Meetings' },
  { path: '/decisions', label: 'Decisions' },
  { path: '/claims', label: 'Claims' },
  { path: '/sync', label: 'Sync' },
  { path: '/reports', label: 'Reports' },
  { path: '/settings', label: 'Settings' },
];
