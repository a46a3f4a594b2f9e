/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"): the n-th consecutive failure waits a random time in
 * [floor, min(max, base * 2^(n-1))], so many PCs coming back after an outage
 * do not all knock at once.
 */
export class Backoff {
  failures = 0;
  /** when the next attempt is due (epoch ms), while failing */
  nextAt: number | null = null;

  constructor(
    private readonly random: () => number,
    private readonly baseMs = 1_000,
    private readonly maxMs = 60_000,
    private readonly floorMs = 250,
  ) {}

  /** Records a failure; returns how long to wait before the next attempt. */
  fail(now: number): number {
    this.failures += 1;
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures - 1, 30));
    const delay = Math.max(this.floorMs, Math.round(this.random() * cap));
    this.nextAt = now + delay;
    return delay;
  }

  reset(): void {
    this.failures = 0;
    this.nextAt = null;
  }
}
