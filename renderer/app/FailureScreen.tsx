/**
 * What a person sees when a page fails while drawing: plain words, a way to carry on
 * (reload), and the technical detail folded away. Used by ErrorBoundary around the app
 * and by the router for errors inside a page.
 */
import { useRouteError } from 'react-router';

function explain(error: Error): string {
  if (error.name === 'DatabaseClosedError') {
    return 'Quorum’s data store was closed, perhaps because a newer Quorum opened it in another window. Reload to carry on; nothing you saved is lost.';
  }
  if (error.name === 'QuotaExceededError') return 'The disk is full. Free some space on the disk, then reload.';
  return 'Something went wrong while showing this page. Everything you saved is safe; reload to carry on.';
}

export function FailureScreen({ error }: { error: Error }) {
  return (
    <div className="app app--problem">
      <main className="app-main app-main--narrow" id="main-content">
        <div className="problem" role="alert">
          <h1 className="page-title">Quorum could not show this page</h1>
          <p className="problem-message">{explain(error)}</p>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
          <details className="technical">
            <summary>Technical details</summary>
            <p>
              <code>
                {error.name}: {error.message}
              </code>
            </p>
          </details>
        </div>
      </main>
    </div>
  );
}

/** The router's errorElement: an error thrown while drawing a page. */
export function RouteFailure() {
  const error = useRouteError();
  return <FailureScreen error={error instanceof Error ? error : new Error(String(error))} />;
}
