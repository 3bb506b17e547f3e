import mongoose, { type Connection } from 'mongoose';

/**
 * Reads the pipeline's delivery log straight from its database (the drill owns that store),
 * to check that management has caught up: how many of the given deliveries have a
 * succeeded attempt recorded. A store that is restarting answers null, not an error.
 */
export class AttemptLogProbe {
  private connection: Connection | undefined;
  /** Why the last read failed, for the drill's output. */
  lastError: string | null = null;

  constructor(private readonly mongoUri: string) {}

  async loggedSuccesses(deliveryIds: readonly string[], since: Date): Promise<number | null> {
    try {
      this.connection ??= await mongoose
        .createConnection(this.mongoUri, { serverSelectionTimeoutMS: 3000 })
        .asPromise();
      const rows = await this.connection
        .collection<{ delivery_id: string }>('delivery_attempts')
        .find(
          { status: 'succeeded', attempted_at: { $gte: since } },
          { projection: { _id: 0, delivery_id: 1 } },
        )
        .toArray();
      const logged = new Set(rows.map((row) => row.delivery_id));
      this.lastError = null;
      return deliveryIds.filter((id) => logged.has(id)).length;
    } catch (error) {
      this.lastError = (error as Error).message;
      return null;
    }
  }

  async close(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
  }
}
