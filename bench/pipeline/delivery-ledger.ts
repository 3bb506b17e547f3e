import type { Receipt } from '../support/receivers';

/**
 * Counts what the receivers got against what healthy webhooks should get: the first receipt
 * of each expected delivery id (its latency from publish), duplicates, and anything else.
 */
export class DeliveryLedger {
  private readonly firstReceipt = new Map<string, number>();
  duplicates = 0;
  unexpected = 0;
  lastReceiptAt = 0;

  /** `expected`: delivery id → index of its event; `publishedAt`: per event, ms. */
  constructor(
    private readonly expected: ReadonlyMap<string, number>,
    private readonly publishedAt: readonly number[],
  ) {}

  record(receipt: Receipt): void {
    if (!this.expected.has(receipt.id)) this.unexpected += 1;
    else if (this.firstReceipt.has(receipt.id)) this.duplicates += 1;
    else {
      this.firstReceipt.set(receipt.id, receipt.at);
      this.lastReceiptAt = Math.max(this.lastReceiptAt, receipt.at);
    }
  }

  get received(): number {
    return this.firstReceipt.size;
  }

  get missing(): number {
    return this.expected.size - this.firstReceipt.size;
  }

  /** Publish → first receipt, per received delivery, in ms. */
  latenciesMs(): number[] {
    return [...this.firstReceipt].map(([id, at]) => at - this.publishedAt[this.expected.get(id)!]);
  }
}
