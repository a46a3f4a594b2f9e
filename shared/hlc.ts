/**
 * Hybrid logical clock (Kulkarni et al.). Timestamps order causally and stay
 * close to wall time, so sync can merge fields by last-writer-wins without
 * trusting PC clocks. Encoded as a fixed-width string that sorts the same
 * lexicographically as the (wallMs, counter, node) tuple:
 *   `${wallMs:15 digits}-${counter:4 hex}-${nodeId}`
 */
export interface HlcState {
  wallMs: number;
  counter: number;
  nodeId: string;
}

export const HLC_MAX_COUNTER = 0xffff;
/** A remote clock further ahead than this is refused rather than adopted. */
export const HLC_MAX_DRIFT_MS = 5 * 60_000;

const NODE_ID = /^[A-Za-z0-9_]{1,32}$/;
/** An encoded timestamp, as encodeHlc writes it. */
export const HLC_PATTERN = /^\d{15}-[0-9a-f]{4}-[A-Za-z0-9_]{1,32}$/;

export function encodeHlc(s: HlcState): string {
  return `${String(s.wallMs).padStart(15, '0')}-${s.counter.toString(16).padStart(4, '0')}-${s.nodeId}`;
}

export function decodeHlc(text: string): HlcState {
  const m = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_]{1,32})$/.exec(text);
  if (!m) throw new Error(`Malformed HLC timestamp: ${text}`);
  return { wallMs: Number(m[1]), counter: parseInt(m[2] as string, 16), nodeId: m[3] as string };
}

export class HybridClock {
  private state: HlcState;
  private readonly now: () => number;

  constructor(nodeId: string, now: () => number = Date.now, last?: string) {
    if (!NODE_ID.test(nodeId)) throw new Error(`Invalid HLC node id: ${nodeId}`);
    this.now = now;
    const prev = last ? decodeHlc(last) : undefined;
    this.state = { wallMs: prev?.wallMs ?? 0, counter: prev?.counter ?? 0, nodeId };
  }

  /** Timestamp for a local event. Monotonic even if the wall clock goes back. */
  tick(): string {
    const phys = this.now();
    if (phys > this.state.wallMs) {
      this.state = { ...this.state, wallMs: phys, counter: 0 };
    } else {
      this.bump(this.state.wallMs, this.state.counter + 1);
    }
    return encodeHlc(this.state);
  }

  /** Merge a timestamp received from another node; returns the new local time. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const phys = this.now();
    if (r.wallMs - phys > HLC_MAX_DRIFT_MS) {
      throw new Error(`Remote clock ${r.wallMs} is more than ${HLC_MAX_DRIFT_MS} ms ahead of local ${phys}`);
    }
    const wall = Math.max(phys, this.state.wallMs, r.wallMs);
    let counter = 0;
    if (wall === this.state.wallMs && wall === r.wallMs) counter = Math.max(this.state.counter, r.counter) + 1;
    else if (wall === this.state.wallMs) counter = this.state.counter + 1;
    else if (wall === r.wallMs) counter = r.counter + 1;
    this.bump(wall, counter);
    return encodeHlc(this.state);
  }

  current(): string {
    return encodeHlc(this.state);
  }

  private bump(wallMs: number, counter: number): void {
    // Counter overflow: borrow a millisecond from the future instead of wrapping.
    this.state = counter > HLC_MAX_COUNTER ? { ...this.state, wallMs: wallMs + 1, counter: 0 } : { ...this.state, wallMs, counter };
  }
}
