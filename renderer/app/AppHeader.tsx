/** The band across the top of every screen: the brand mark, then what this is (the consortium) and whose copy it is. */
import type { ReactNode } from 'react';

export function AppHeader({ title, subtitle }: { title: ReactNode; subtitle: ReactNode }) {
  return (
    <header className="app-header">
      <span className="brand" aria-hidden="true">
        Q
      </span>
      <div className="app-header-text">
        <p className="app-header-consortium">{title}</p>
        <p className="app-header-role">{subtitle}</p>
      </div>
    </header>
  );
}
