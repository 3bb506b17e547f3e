/** How often each instance reads the revocation counter. */
export const REVOCATIONS_POLL_MS = 500;
/**
 * A cached key is trusted only while the counter was read this recently (the read issued
 * within it): a revocation elsewhere then takes effect here within about 1.5 s even when
 * reads are slow, and not at all through the cache while the store cannot be read.
 */
export const REVOCATIONS_FRESH_MS = 1_500;

/**
 * Follows the revocation counter (ApiKeyRepository.revocationEpoch): calls `onRevoked` when
 * it moved since the last read, and says whether the last successful read is recent enough
 * for cached keys to be trusted. Pure logic: the caller owns the timer.
 */
export class RevocationWatch {
  private epoch: number | null = null;
  private readIssuedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly readEpoch: () => Promise<number>,
    private readonly onRevoked: () => void,
    private readonly nowMs: () => number,
    private readonly freshMs = REVOCATIONS_FRESH_MS,
  ) {}

  /** Reads the counter once; rejects when the store cannot be read. */
  async poll(): Promise<void> {
    const issuedAt = this.nowMs();
    const epoch = await this.readEpoch();
    if (this.epoch !== null && epoch !== this.epoch) this.onRevoked();
    this.epoch = epoch;
    this.readIssuedAt = Math.max(this.readIssuedAt, issuedAt);
  }

  /** Whether cached keys may be trusted now. */
  fresh(): boolean {
    return this.nowMs() - this.readIssuedAt <= this.freshMs;
  }
}
