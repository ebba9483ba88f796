/**
 * The last line of defence: if a page fails while drawing (for example the data store
 * was closed because another window upgraded it), say so in plain words and offer to
 * reload, instead of leaving a blank window. Saved data is never touched from here.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FailureScreen } from './FailureScreen';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Quorum could not show this page', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <FailureScreen error={error} />;
  }
}
