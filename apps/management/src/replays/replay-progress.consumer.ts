import { Injectable } from '@nestjs/common';
import type { EachBatchPayload } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import {
  RecordValidator,
  rejectMessage,
  type RejectedEvent,
  type ReplayProgress,
} from '@app/contracts';
import { withHeartbeats } from '@app/kafka';
import { RejectionProducer } from '../deliveries/rejection.producer';
import { ReplayRepository } from './replay.repository';

/**
 * Reads the matcher's replay progress (`webhooks.replay-progress`, run by
 * KafkaBatchTransport, see consumers.controller.ts) into the replays collection. A batch's
 * offsets are resolved only after its reports are written; the writes are idempotent and
 * keep the newest report, so a replayed batch changes nothing. A record that is not a
 * progress report goes to the rejected-events topic with the reason.
 */
@Injectable()
export class ReplayProgressConsumer {
  private readonly validator = new RecordValidator();

  constructor(
    private readonly replays: ReplayRepository,
    private readonly rejections: RejectionProducer,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('ReplayProgressConsumer');
  }

  async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    // The newest report of each replay in the batch is all that matters.
    const newest = new Map<string, ReplayProgress>();
    const rejections: RejectedEvent[] = [];
    for (const message of batch.messages) {
      const parsed = this.validator.replayProgress(message.value);
      if (parsed.ok) {
        const seen = newest.get(parsed.value.replay_id);
        if (!seen || seen.reported_at <= parsed.value.reported_at)
          newest.set(parsed.value.replay_id, parsed.value);
      } else {
        this.logger.warn(
          { partition: batch.partition, offset: message.offset, reason: parsed.reason },
          'setting aside a record that is not a replay progress report',
        );
        rejections.push(rejectMessage(message, batch, `invalid replay progress: ${parsed.reason}`));
      }
    }
    await withHeartbeats(
      () => payload.heartbeat(),
      () =>
        Promise.all([
          ...[...newest.values()].map((progress) => this.replays.applyProgress(progress)),
          this.rejections.publish(rejections),
        ]),
    );
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
  }
}
