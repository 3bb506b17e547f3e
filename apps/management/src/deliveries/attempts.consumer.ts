import { Injectable } from '@nestjs/common';
import {
  rejectMessage,
  type AttemptOutcome,
  type RejectedEvent,
  RecordValidator,
} from '@app/contracts';
import { type ConsumerControl, isLostMembership, withHeartbeats } from '@app/kafka';
import type { EachBatchPayload } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { ManagementMetrics } from '../common/metrics';
import { AutoDisableService } from '../webhooks/auto-disable.service';
import { AttemptLogService } from './attempt-log.service';
import { RejectionProducer } from './rejection.producer';

/**
 * Reads `webhooks.attempts` (run by KafkaBatchTransport, see consumers.controller.ts) and
 * hands each batch to the attempt log, then to auto-disable (which follows each webhook's
 * streak of dead letters).
 * Offsets are committed only after the batch is written, so a crash replays it, and the
 * writes are idempotent. A record that is not a valid outcome is logged and set aside on
 * `webhooks.rejected-events` with the reason: it must never stop the consumer, nor vanish.
 *
 * Self-recovery: the group is heartbeated while a batch is written (a slow or restarting
 * store must not get the member evicted), and a commit refused because the member lost its
 * partitions is not a fault (the batch is replayed by the next owner).
 */
@Injectable()
export class AttemptsConsumer {
  private readonly validator = new RecordValidator();

  constructor(
    private readonly log: AttemptLogService,
    private readonly autoDisable: AutoDisableService,
    private readonly rejections: RejectionProducer,
    private readonly metrics: ManagementMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('AttemptsConsumer');
  }

  async handleBatch(payload: EachBatchPayload, consumer: ConsumerControl): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const outcomes: AttemptOutcome[] = [];
    const rejections: RejectedEvent[] = [];
    for (const message of batch.messages) {
      const parsed = this.validator.attemptOutcome(message.value);
      if (parsed.ok) {
        outcomes.push(parsed.value);
      } else {
        this.metrics.attemptsRejected.inc();
        this.logger.warn(
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            reason: parsed.reason,
          },
          'setting aside a record that is not an attempt outcome',
        );
        rejections.push(rejectMessage(message, batch, `invalid attempt outcome: ${parsed.reason}`));
      }
    }
    await withHeartbeats(
      () => payload.heartbeat(),
      async () => {
        const [streaksClosed] = await Promise.all([
          this.log.record(outcomes),
          this.rejections.publish(rejections),
        ]);
        await this.autoDisable.observe(outcomes, streaksClosed);
      },
    );
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    try {
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
    } catch (error) {
      if (!isLostMembership(error)) throw error;
      // Written but not committed: the partition's next owner replays the batch (idempotent).
      this.logger.warn(
        { topic: batch.topic, partition: batch.partition, err: (error as Error).message },
        'commit refused: the group moved on while the batch was written; it will be replayed',
      );
      return;
    }
    await payload.heartbeat();
  }
}
