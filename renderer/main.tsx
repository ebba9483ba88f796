/** The renderer's entry: choose the platform once, then start the app on this window's data store. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { choosePlatform } from './platform';
import { databaseNameFrom } from './db/open';
import { App } from './app/App';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to start Quorum in');

createRoot(root).render(
  <StrictMode>
    <App platform={choosePlatform()} databaseName={databaseNameFrom(window.location.search)} />
  </StrictMode>,
);
