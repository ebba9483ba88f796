/**
 * Closing or reloading the window while a form holds changes not yet saved.
 * The page says so through beforeunload (renderer/ui/UnsavedChanges.tsx); in a
 * browser that brings up the browser's own prompt, but Electron shows nothing
 * and simply keeps the window open, which looks like a window that will not
 * close. So the main process asks the person, in plain words, and closes the
 * window only if they choose to leave (Electron: 'will-prevent-unload').
 */

export interface UnloadEvent {
  /** Called to let the page unload after all (the person chose to leave). */
  preventDefault(): void;
}

export interface UnloadGuardedContents {
  on(event: 'will-prevent-unload', listener: (event: UnloadEvent) => void): unknown;
}

export const LEAVE_QUESTION = {
  type: 'question',
  buttons: ['Leave without saving', 'Stay'],
  defaultId: 1,
  cancelId: 1,
  title: 'Changes not saved',
  message: 'Leave without saving?',
  detail: 'You have changed this page and not saved it. If you leave now, those changes are lost.',
  noLink: true,
} as const;

/** `ask` shows LEAVE_QUESTION and returns the index of the chosen button. */
export function askBeforeLosingChanges(contents: UnloadGuardedContents, ask: (question: typeof LEAVE_QUESTION) => number): void {
  contents.on('will-prevent-unload', (event) => {
    if (ask(LEAVE_QUESTION) === 0) event.preventDefault();
  });
}
