/**
 * Runs folder sync while the app is open (docs/architecture.md, "Sync through a
 * shared folder"): a pass at start and every few minutes (folderSync.everyMinutes,
 * default 2), never two at once; choosing, changing and stopping the folder; and
 * in a browser, asking Chromium again for permission to use it, from a click.
 * Screens subscribe to its state (FolderSyncContext.tsx). It keeps, for this
 * session, what came in, so the Sync page can say so; every import is also in
 * the import history, as one opened by hand is.
 */
import type { FolderPermission, SharedFolderAccess } from '../../platform/shared-folder';
import {
  DEFAULT_EVERY_MINUTES,
  folderPass,
  FolderMemory,
  forgetFolderChoice,
  readFolderSync,
  saveFolderChoice,
  setEveryMinutes,
  type FolderPass,
  type FolderSyncRow,
} from './folder-sync';
import type { ImportReport, SyncContext } from './service';

export interface FolderSyncState {
  /** Undefined until the stored choice has been read. */
  row: FolderSyncRow | null | undefined;
  permission: FolderPermission;
  running: boolean;
  lastPass?: FolderPass;
  /** What came in during this session, newest first. */
  cameIn: ImportReport[];
  /** A problem choosing, allowing or stopping, in words. */
  message?: string;
}

/** Intervals offered, in minutes. */
export const EVERY_MINUTES_CHOICES = [1, 2, 5, 10, 15, 30] as const;

export class FolderSyncRunner {
  private state: FolderSyncState = { row: undefined, permission: 'none', running: false, cameIn: [] };
  private readonly listeners = new Set<() => void>();
  private memory = new FolderMemory();
  private timer: ReturnType<typeof setInterval> | undefined;
  private paused = false;

  constructor(
    private readonly ctx: SyncContext,
    readonly folder: SharedFolderAccess,
  ) {}

  snapshot = (): FolderSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(change: Partial<FolderSyncState>): void {
    if (this.paused) return;
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private async refreshRow(): Promise<FolderSyncRow | null> {
    const row = (await readFolderSync(this.ctx.db)) ?? null;
    this.set({ row });
    return row;
  }

  /** Reads the stored choice and, if the folder may be used, makes the first pass; then one every few minutes. */
  async start(): Promise<void> {
    this.paused = false;
    const row = await this.refreshRow();
    if (!row || this.folder.unsupported) return;
    const permission = await this.folder.permission();
    this.set({ permission });
    this.schedule(row);
    if (permission === 'granted') await this.runNow();
  }

  private schedule(row: FolderSyncRow | null): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (!row || this.paused) return;
    const minutes = row.everyMinutes ?? DEFAULT_EVERY_MINUTES;
    this.timer = setInterval(() => void this.runNow(), minutes * 60_000);
  }

  /** One pass now, unless one is running. */
  async runNow(): Promise<FolderPass | undefined> {
    if (this.state.running || this.paused) return undefined;
    this.set({ running: true });
    try {
      const pass = await folderPass(this.ctx, this.folder, this.memory);
      // A bundle that only says what its sender holds (nothing new) is in the import history, not worth a line here.
      const news = pass.imported.filter((r) => r.applied.changes > 0 || r.conflictCount > 0 || r.refusedCount > 0 || r.heldBack.length > 0 || r.setAside.length > 0);
      this.set({ lastPass: pass, cameIn: [...news.reverse(), ...this.state.cameIn].slice(0, 50) });
      return pass;
    } catch (error) {
      // A pass never throws for the folder itself; anything else is said and the next pass tries again.
      const at = new Date().toISOString();
      const problem = `Quorum could not finish syncing through the shared folder: ${error instanceof Error ? error.message : String(error)}`;
      this.set({ lastPass: { at, problem, imported: [], waiting: [], refused: [], unknownSenders: [], written: [], writeProblems: [] } });
      return undefined;
    } finally {
      this.set({ running: false });
      // A timer's pass has nobody to throw to: a store closing under it (the window going) ends it quietly.
      await this.refreshRow().catch(() => null);
    }
  }

  async choose(): Promise<void> {
    this.set({ message: undefined });
    try {
      const chosen = await this.folder.choose();
      if (!chosen.chosen) return;
      await saveFolderChoice(this.ctx.db, chosen.folderName);
      this.memory = new FolderMemory();
      this.set({ permission: 'granted', lastPass: undefined });
      this.schedule(await this.refreshRow());
      await this.runNow();
    } catch (error) {
      this.set({ message: `The folder was not chosen: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async allow(): Promise<void> {
    this.set({ message: undefined });
    const granted = await this.folder.requestPermission().catch(() => false);
    this.set({ permission: granted ? 'granted' : 'needs-click', ...(granted ? {} : { message: 'Permission was not given: Quorum cannot use the folder until it is.' }) });
    if (granted) await this.runNow();
  }

  async stop(): Promise<void> {
    await this.folder.forget();
    await forgetFolderChoice(this.ctx.db);
    this.memory = new FolderMemory();
    this.schedule(null);
    this.set({ permission: 'none', lastPass: undefined, message: undefined });
    await this.refreshRow();
  }

  async setEvery(minutes: number): Promise<void> {
    await setEveryMinutes(this.ctx.db, minutes);
    this.schedule(await this.refreshRow());
  }

  /** Stops the passes (the window closes, or React unmounts the app); start() begins again. */
  pause(): void {
    this.schedule(null);
    this.paused = true;
  }
}
