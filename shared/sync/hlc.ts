/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks and Consistent
 * Snapshots in Globally Distributed Databases", 2014), in the collatable string
 * form used by Actual Budget's CRDT timestamps:
 *
 *   2026-11-22T10:15:30.123Z-0000-<nodeId>
 *
 * wall-clock milliseconds (ISO, fixed width), a 4-hex-digit logical counter for
 * events within the same millisecond, and the node id as the deterministic
 * tie-break. Because every part is fixed width, comparing two timestamps as plain
 * strings orders them by (time, counter, node): the basis of last-writer-wins.
 *
 * Unlike Actual there is no module-level clock: a HybridLogicalClock is created
 * per installation and passed to whoever writes.
 */

const MAX_COUNTER = 0xffff;
/** A remote clock this far ahead of ours is refused: it would drag every future stamp with it. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export class ClockOverflowError extends Error {
  override name = 'ClockOverflowError';
}
export class ClockDriftError extends Error {
  override name = 'ClockDriftError';
}
export class MalformedTimestampError extends Error {
  override name = 'MalformedTimestampError';
}

export interface ClockState {
  millis: number;
  counter: number;
}

export interface ParsedTimestamp extends ClockState {
  node: string;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-(.+)$/;

export function formatTimestamp(millis: number, counter: number, node: string): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
}

export function parseTimestamp(stamp: string): ParsedTimestamp {
  const match = TIMESTAMP.exec(stamp);
  if (!match) throw new MalformedTimestampError(`Not a Quorum timestamp: ${stamp.slice(0, 60)}`);
  const millis = Date.parse(match[1]!);
  if (Number.isNaN(millis)) throw new MalformedTimestampError(`Not a Quorum timestamp: ${stamp.slice(0, 60)}`);
  return { millis, counter: parseInt(match[2]!, 16), node: match[3]! };
}

/**
 * The wall-clock moment a timestamp carries, as the ISO string it begins with
 * ('' for anything else). A slice, not a parse: it is read for every entry of
 * a long log (the change history), and formatTimestamp writes it first.
 */
export function momentOfTimestamp(stamp: string): string {
  return stamp.length > 24 && stamp[23] === 'Z' && stamp[24] === '-' ? stamp.slice(0, 24) : '';
}

/** Orders two timestamps; string order is the clock order by construction. */
export function compareTimestamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HybridLogicalClock {
  private state: ClockState;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    initial: ClockState = { millis: 0, counter: 0 },
  ) {
    this.state = { ...initial };
  }

  /** The state to persist so the clock never runs backwards across restarts. */
  snapshot(): ClockState {
    return { ...this.state };
  }

  /** A new timestamp for a local event. */
  tick(): string {
    const physical = this.now();
    const millis = Math.max(this.state.millis, physical);
    const counter = millis === this.state.millis ? this.state.counter + 1 : 0;
    if (counter > MAX_COUNTER) throw new ClockOverflowError('Too many changes in one millisecond');
    this.state = { millis, counter };
    return formatTimestamp(millis, counter, this.node);
  }

  /** Advances past a timestamp received from another node, so our next stamp sorts after it. */
  receive(stamp: string): void {
    const remote = parseTimestamp(stamp);
    const physical = this.now();
    if (remote.millis - physical > MAX_DRIFT_MS) {
      throw new ClockDriftError(`A partner's clock is more than a day ahead (${new Date(remote.millis).toISOString()})`);
    }
    const millis = Math.max(this.state.millis, remote.millis, physical);
    let counter: number;
    if (millis === this.state.millis && millis === remote.millis) counter = Math.max(this.state.counter, remote.counter) + 1;
    else if (millis === this.state.millis) counter = this.state.counter + 1;
    else if (millis === remote.millis) counter = remote.counter + 1;
    else counter = 0;
    if (counter > MAX_COUNTER) throw new ClockOverflowError('Too many changes in one millisecond');
    this.state = { millis, counter };
  }
}
