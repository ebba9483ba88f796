/**
 * The app's frame once a consortium exists: a skip link, a header naming the consortium
 * and this computer's role (as granted by the consortium), the main navigation, and the current page. Moving to another
 * page puts focus on its heading so screen-reader and keyboard users know where they are.
 */
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Consortium } from '../../shared/domain/entities';
import { DEFAULT_DATABASE_NAME } from '../db/database';
import { useInstallation, useStore } from '../db/store-context';
import { AREAS } from './navigation';
import { SkipLink } from './SkipLink';
import { AppHeader } from './AppHeader';
import { useOpenedBundles } from './use-opened-bundles';
import { useThisCopyRole } from './use-roles';
import { officesLabel } from '../features/sync/roles-words';
import { BackupNotices } from '../features/backup/BackupNotices';
import './narrow.css';

export function Layout({ consortium }: { consortium: Consortium }) {
  const { db, databaseName } = useStore();
  const installation = useInstallation();
  const organisation = useLiveQuery(() => (installation.organisationId ? db.organisations.get(installation.organisationId) : undefined), [db, installation.organisationId]);
  const location = useLocation();
  const shownPath = useRef(location.pathname);
  const main = useRef<HTMLElement>(null);
  useOpenedBundles();

  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    main.current?.scrollTo?.({ top: 0 });
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [location.pathname]);

  // The offices the consortium has granted this copy (live: a bundle that brings a grant changes it).
  const granted = useThisCopyRole();
  const role = granted ? officesLabel(granted.offices) : '…';
  return (
    <div className="app">
      <SkipLink />
      <AppHeader
        title={consortium.name}
        subtitle={
          <>
            {role}
            {organisation && !organisation.deleted ? ` · ${organisation.name}` : ''}
            {databaseName !== DEFAULT_DATABASE_NAME ? ` · data store “${databaseName}”` : ''}
          </>
        }
      />
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          <ul>
            {AREAS.map((area) => (
              <li key={area.path}>
                <NavLink to={area.path} end={area.path === '/'} className="nav-link">
                  {area.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main className="app-main" id="main-content" tabIndex={-1} ref={main}>
          <BackupNotices />
          <Outlet />
        </main>
      </div>
    </div>
  );
}
