/**
 * For the end-to-end tests only: a page on the app's own origin (so it opens
 * the same IndexedDB store) that shows JoinConsortium, the Sync feature's flow
 * for a fresh copy joining a consortium, inside the app's real providers.
 *
 * Why it exists: a store without a consortium shows only the set-up screen,
 * which does not (yet) offer to join by opening the secretariat's bundle, so a
 * partner's fresh copy has no way through the app itself to import its first
 * bundle. Once the set-up screen shows <JoinConsortium />, the test should go
 * through it instead and this page can go.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { databaseNameFrom, openStore, type ReadyStore } from '../db/open';
import { StoreProvider } from '../db/store-context';
import { PlatformProvider } from '../app/platform-context';
import { choosePlatform } from '../platform';
import { JoinConsortium } from '../features/sync/JoinConsortium';
import '../app/styles.css';

function JoinPage() {
  const [store, setStore] = useState<ReadyStore | null>(null);
  const [problem, setProblem] = useState('');
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    void openStore(databaseNameFrom(window.location.search)).then((result) => {
      if (result.status === 'ready') setStore(result.store);
      else setProblem(result.problem.kind);
    });
  }, []);
  if (problem) return <p role="alert">The store could not be opened: {problem}</p>;
  if (!store) return <p>Opening…</p>;
  return (
    <StoreProvider store={store}>
      <main className="app-main app-main--narrow" id="main-content">
        <h1 className="page-title">Set up Quorum</h1>
        <JoinConsortium onJoined={() => setJoined(true)} />
        <p className="status-line">{joined ? 'Joined the consortium.' : ''}</p>
      </main>
    </StoreProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <PlatformProvider platform={choosePlatform()}>
      <JoinPage />
    </PlatformProvider>
  </StrictMode>,
);
