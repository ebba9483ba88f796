import { describe, expect, it, vi } from 'vitest';
import { askBeforeLosingChanges, LEAVE_QUESTION, type UnloadEvent } from './unsaved-changes';

function standInContents() {
  let listener: ((event: UnloadEvent) => void) | undefined;
  return {
    on: (_event: 'will-prevent-unload', l: (event: UnloadEvent) => void) => {
      listener = l;
    },
    pageRefusesToUnload() {
      const event = { preventDefault: vi.fn() };
      listener?.(event);
      return event;
    },
  };
}

describe('closing the window with changes not saved', () => {
  it('closes it when the person chooses to leave', () => {
    const contents = standInContents();
    askBeforeLosingChanges(contents, () => 0);
    expect(contents.pageRefusesToUnload().preventDefault).toHaveBeenCalled();
  });

  it('keeps it open, with the changes, when they choose to stay or dismiss the question', () => {
    const contents = standInContents();
    askBeforeLosingChanges(contents, () => LEAVE_QUESTION.cancelId);
    expect(contents.pageRefusesToUnload().preventDefault).not.toHaveBeenCalled();
  });

  it('asks in plain words, with staying as the default', () => {
    const ask = vi.fn(() => 1);
    const contents = standInContents();
    askBeforeLosingChanges(contents, ask);
    contents.pageRefusesToUnload();
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ message: 'Leave without saving?', defaultId: 1 }));
    expect(LEAVE_QUESTION.buttons[LEAVE_QUESTION.defaultId]).toBe('Stay');
  });
});
