import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { REPLAY_STATES } from '@app/contracts';
import { OptionalField } from '../common/optional';

/** Longest window one replay may cover. */
export const MAX_REPLAY_WINDOW_DAYS = 14;

export class ReplayWindowDto {
  @ApiProperty({
    description:
      'Start of the window (inclusive), ISO 8601. Events are picked by the time they were published to Kafka.',
    example: '2026-11-22T10:00:00.000Z',
    format: 'date-time',
  })
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time' })
  since!: string;

  @ApiProperty({
    description: `End of the window (exclusive), ISO 8601; now by default. After since, not in the future, at most ${MAX_REPLAY_WINDOW_DAYS} days after since.`,
    example: '2026-11-23T10:00:00.000Z',
    format: 'date-time',
  })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date-time' })
  until?: string;
}

export class ReplayDto {
  @ApiProperty({ example: '2f0e8c1a-4b5d-4e6f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ example: '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f' })
  webhook_id!: string;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  since!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  until!: string;

  @ApiProperty({
    enum: REPLAY_STATES,
    example: 'running',
    description:
      '`requested` until the matcher picks the replay up, `running` while it reads the window, then `completed` or `failed`.',
  })
  state!: string;

  @ApiProperty({ example: 48210, description: 'Domain events read in the window so far.' })
  events_scanned!: number;

  @ApiProperty({
    example: 1312,
    description: 'Events the webhook’s subscription matched so far: one delivery each.',
  })
  events_matched!: number;

  @ApiProperty({
    type: Number,
    example: 96000,
    description: 'Events the window holds on the domain topics; null until the matcher has looked.',
  })
  events_total!: number | null;

  @ApiProperty({ type: String, example: null })
  error!: string | null;

  @ApiProperty({ example: '2026-11-23T10:05:00.000Z' })
  requested_at!: string;

  @ApiProperty({ type: String, example: '2026-11-23T10:05:09.870Z' })
  finished_at!: string | null;
}
