import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dirtyBesides, DRAFT_TIMING, DraftScheduler, type DraftIO } from './use-draft';

/** A field being typed into, and what the scheduler did with it, by the (fake) clock. */
function field(initial = '') {
  const state = { text: initial };
  const saves: Array<{ at: number; value: string }> = [];
  const commits: Array<{ at: number; value: string }> = [];
  const failures: string[] = [];
  let failCommits = false;
  const io: DraftIO = {
    read: () => state.text,
    save: async (value) => void saves.push({ at: Date.now(), value }),
    commit: async (value) => {
      if (failCommits) throw new Error('refused');
      commits.push({ at: Date.now(), value });
    },
    failed: (error, during) => void failures.push(`${during}: ${(error as Error).message}`),
  };
  const scheduler = new DraftScheduler(io, initial);
  return {
    scheduler,
    saves,
    commits,
    failures,
    failCommits: (on: boolean) => (failCommits = on),
    fillWithoutTyping(text: string) {
      state.text = text;
    },
    type(text: string) {
      state.text += text;
      scheduler.changed();
    },
    get text() {
      return state.text;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-03T14:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('when a draft is saved and committed', () => {
  it('saves 400 ms after a pause in typing, with what was typed', async () => {
    const f = field();
    f.type('The chair');
    await vi.advanceTimersByTimeAsync(200);
    f.type(' welcomed');
    await vi.advanceTimersByTimeAsync(399);
    expect(f.saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.saves).toEqual([{ at: Date.parse('2026-12-03T14:00:00.600Z'), value: 'The chair welcomed' }]);
  });

  it('saves at least once a second while typing without a pause, so at most one second is lost', async () => {
    const f = field();
    const start = Date.now();
    // A keystroke every 150 ms for ten seconds.
    for (let t = 0; t < 10_000; t += 150) {
      f.type('a');
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.saves.length).toBeGreaterThanOrEqual(10);
    expect(f.saves.length).toBeLessThanOrEqual(11);
    // Every keystroke reached a saved draft within a second of being typed.
    for (let k = 0, t = start; t < start + 10_000; k++, t += 150) {
      const savedBy = f.saves.find((save) => save.value.length >= k + 1);
      expect(savedBy!.at - t).toBeLessThanOrEqual(DRAFT_TIMING.maxWaitMs);
    }
    expect(f.saves.at(-1)!.value).toBe(f.text);
    expect(f.commits).toEqual([]);
  });

  it('commits on leaving the field, saving first; leaving again without typing commits nothing more', async () => {
    const f = field('Old text');
    f.type(', and more');
    await f.scheduler.commit();
    expect(f.saves.map((s) => s.value)).toEqual(['Old text, and more']);
    expect(f.commits.map((c) => c.value)).toEqual(['Old text, and more']);
    expect(f.scheduler.uncommitted).toBe(false);
    await f.scheduler.commit();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(f.commits).toHaveLength(1);
  });

  it('commits every five minutes while the text keeps changing', async () => {
    const f = field();
    for (let s = 0; s < 16 * 60; s++) {
      f.type('w');
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(f.commits.map((c) => (c.at - Date.parse('2026-12-03T14:00:00Z')) / 60_000)).toEqual([5, 10, 15]);
    // About one save a second: 960 keystrokes a second apart.
    expect(f.saves.length).toBeGreaterThan(900);
    expect(f.saves.length).toBeLessThanOrEqual(960);
  });

  it('does nothing for a field that was not typed into', async () => {
    const f = field('Stored text');
    f.scheduler.changed();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await f.scheduler.stop();
    expect(f.saves).toEqual([]);
    expect(f.commits).toEqual([]);
  });

  it('leaves alone a field the form fills in after it opens, if nobody types into it: the draft a crash left is not overwritten', async () => {
    const f = field('');
    // The stored value arrives after the scheduler started (as a form reset does, which is not a change of the field).
    f.fillWithoutTyping('10 Harpur Street, Bedford');
    expect(f.scheduler.uncommitted).toBe(false);
    await f.scheduler.commit();
    await f.scheduler.stop();
    expect(f.saves).toEqual([]);
    expect(f.commits).toEqual([]);
  });

  it('reports a commit that failed, keeps the draft saved, and tries again next time', async () => {
    const f = field();
    f.failCommits(true);
    f.type('Text the copy may not write');
    await expect(f.scheduler.commit()).rejects.toThrow('refused');
    expect(f.failures).toEqual(['commit: refused']);
    expect(f.saves.map((s) => s.value)).toEqual(['Text the copy may not write']);
    expect(f.scheduler.uncommitted).toBe(true);
    f.failCommits(false);
    await f.scheduler.commit();
    expect(f.commits.map((c) => c.value)).toEqual(['Text the copy may not write']);
  });

  it('commits what is typed when the field goes away, and then stops', async () => {
    const f = field();
    f.type('Last words');
    await f.scheduler.stop();
    expect(f.commits.map((c) => c.value)).toEqual(['Last words']);
    f.type(' after');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(f.saves).toHaveLength(1);
    expect(f.commits).toHaveLength(1);
  });
});

describe('which changes make leaving ask first', () => {
  it('leaves the draft fields out', () => {
    expect(dirtyBesides({ organisation: { address: true } }, ['organisation.address'])).toBe(false);
    expect(dirtyBesides({ organisation: { address: true, name: true } }, ['organisation.address'])).toBe(true);
    expect(dirtyBesides({ organisation: { servicesProvided: [false, true] } }, ['organisation.address'])).toBe(true);
    expect(dirtyBesides({ organisation: { servicesProvided: [false] }, representative: {} }, ['organisation.address'])).toBe(false);
    expect(dirtyBesides({}, [])).toBe(false);
  });
});
