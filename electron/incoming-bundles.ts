/**
 * .quorum files the operating system hands to Quorum — on the command line, from a
 * second launch, or through macOS's open-file — on their way to the renderer.
 *
 * They can arrive before the window exists or has loaded (a double-click starts the
 * app), so paths wait in a queue until main says where to deliver. Files are read
 * one at a time, in the order they arrived, with the same size limit as the open
 * dialog. A file that cannot be read is reported to the person, not dropped silently.
 */
import type { BundleOpened } from '../shared/ipc';
import { readFileWithinLimit } from './file-reading';

export type BundleReader = (filePath: string) => Promise<BundleOpened>;

export class IncomingBundles {
  private readonly waiting: string[] = [];
  private deliver: ((bundle: BundleOpened) => void) | null = null;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly onFailure: (message: string) => void,
    private readonly read: BundleReader = (filePath) => readFileWithinLimit(filePath),
  ) {}

  /** A bundle path arrived: delivered now if the window is ready, else queued. */
  receive(filePath: string): void {
    if (this.deliver === null) {
      this.waiting.push(filePath);
      return;
    }
    this.forward(filePath);
  }

  /** The window has loaded: deliver queued bundles and everything after to it. */
  deliverTo(send: (bundle: BundleOpened) => void): void {
    this.deliver = send;
    for (const filePath of this.waiting.splice(0)) this.forward(filePath);
  }

  /** The window has gone (closed or reloading): queue again until deliverTo. */
  pause(): void {
    this.deliver = null;
  }

  /** Resolves once every bundle received so far has been read and delivered (or reported). */
  settled(): Promise<void> {
    return this.reading;
  }

  /**
   * Reads, then delivers to whichever window is ready once the read is done: a
   * window that started reloading or closed meanwhile would lose the bundle (or
   * throw "Object has been destroyed"), so the path waits for the next one instead.
   */
  private forward(filePath: string): void {
    this.reading = this.reading.then(async () => {
      let bundle: BundleOpened;
      try {
        bundle = await this.read(filePath);
      } catch (error) {
        this.onFailure(error instanceof Error ? error.message : `Quorum could not open ${filePath}.`);
        return;
      }
      if (this.deliver === null) this.waiting.push(filePath);
      else this.deliver(bundle);
    });
  }
}
