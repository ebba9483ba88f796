/**
 * A page of the app: its one h1 (focusable, so moving between pages can put focus on
 * it), the window title, an optional line of actions, and the page's content.
 */
import { useEffect, type ReactNode } from 'react';

export function Page({
  title,
  intro,
  actions,
  back,
  children,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  /** A link back up, shown above the heading ("‹ Members"). */
  back?: ReactNode;
  children?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Quorum`;
  }, [title]);
  return (
    <div className="page">
      {back && <p className="breadcrumb">{back}</p>}
      <div className="page-head">
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {intro && <div className="page-intro">{intro}</div>}
      {children}
    </div>
  );
}

/** What will be here, for an area with nothing in it yet. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty-state">{children}</div>;
}
