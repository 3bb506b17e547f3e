import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import { WEBHOOK_MODEL, type WebhookDocument } from '@app/webhooks';
import { KeyedLock } from '../../common/keyed-lock';

/**
 * Update statements sent in one command. FerretDB 1.24 (SQLite) keeps each statement's
 * query open until the whole command ends, one pooled connection each, out of 100: a
 * command of about 100 statements waits for a connection forever and hangs the database.
 */
export const UPDATES_PER_COMMAND = 20;

/**
 * The `webhooks` collection, shared by the classes that read and write it (tenant CRUD,
 * delivery status, the routing outbox, the tombstone purge), with the one rule they all
 * write by: updates of one webhook run one at a time in this process. FerretDB 1.x applies
 * an update by reading the document and writing all of it back, so two concurrent updates
 * of one document (an edit and the routing relay's marker, say) could undo each other.
 * MongoDB updates a document atomically; there this costs only the wait.
 */
@Injectable()
export class WebhookCollection implements OnModuleInit {
  private readonly writes = new KeyedLock();

  constructor(@InjectModel(WEBHOOK_MODEL) readonly model: Model<WebhookDocument>) {}

  /** Builds the collection's indexes (the unique target URL among them). */
  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /** Runs a write once no earlier write of any of these webhooks is still running. */
  write<T>(ids: readonly string[], write: () => Promise<T>): Promise<T> {
    return this.writes.run(ids, write);
  }

  /**
   * Every update at most UPDATES_PER_COMMAND, as one unordered bulk command per chunk under
   * its webhooks' locks; says of each chunk whether every one of its updates matched a
   * document (bulk results do not say which one did not).
   */
  async updateInChunks<T extends { id: string }>(
    entries: T[],
    updateOf: (entry: T) => {
      filter: FilterQuery<WebhookDocument>;
      update: UpdateQuery<WebhookDocument>;
    },
  ): Promise<Array<{ chunk: T[]; allMatched: boolean }>> {
    const chunks: Array<{ chunk: T[]; allMatched: boolean }> = [];
    for (let start = 0; start < entries.length; start += UPDATES_PER_COMMAND) {
      const chunk = entries.slice(start, start + UPDATES_PER_COMMAND);
      const result = await this.write(
        chunk.map(({ id }) => id),
        () =>
          this.model.bulkWrite(
            chunk.map((entry) => ({ updateOne: updateOf(entry) })),
            { ordered: false },
          ),
      );
      chunks.push({ chunk, allMatched: result.matchedCount === chunk.length });
    }
    return chunks;
  }
}
