import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalField } from '../common/optional';
import { PageQueryDto } from '../webhooks/webhook.dto';

export const ATTEMPT_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ATTEMPT_STATUSES, description: 'Only attempts with this outcome.' })
  @OptionalField()
  @IsIn(ATTEMPT_STATUSES, { message: `status must be one of ${ATTEMPT_STATUSES.join(', ')}` })
  status?: (typeof ATTEMPT_STATUSES)[number];
}

export class CallbackPayloadDto {
  @ApiProperty({ example: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11' })
  id!: string;

  @ApiProperty({ example: 'contact.created' })
  type!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  timestamp!: string;

  @ApiProperty({ example: '3c90c3cc-0d44-4b50-8888-8dd25736052a' })
  organisation_id!: string;

  @ApiProperty({ example: { id: 'c0a8012e-7f3b-4a51-9d2c-1e2f3a4b5c6d' } })
  data!: Record<string, unknown>;
}

export class DeliveryAttemptDto {
  @ApiProperty({ example: '4d7e8f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f' })
  id!: string;

  @ApiProperty({
    description: 'The webhook-id header: the same on every attempt and redelivery.',
    example: '1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f',
  })
  delivery_id!: string;

  @ApiProperty({
    description:
      'One attempt series: the first try and its retries; a test or redelivery starts a new one.',
    example: '1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f',
  })
  series_id!: string;

  @ApiProperty({ example: '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f' })
  webhook_id!: string;

  @ApiProperty({ example: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11' })
  event_id!: string;

  @ApiProperty({ example: 'contact.created' })
  event_type!: string;

  @ApiProperty({ enum: ['event', 'test', 'redeliver', 'replay'], example: 'event' })
  trigger!: string;

  @ApiProperty({ example: 2, description: '1 for the first try, up to 4.' })
  attempt!: number;

  @ApiProperty({ enum: ATTEMPT_STATUSES, example: 'failed' })
  status!: string;

  @ApiProperty({ type: Number, example: 503 })
  status_code!: number | null;

  @ApiProperty({ type: String, example: 'http_status' })
  error_kind!: string | null;

  @ApiProperty({ type: String, example: 'HTTP 503 Service Unavailable' })
  error!: string | null;

  @ApiProperty({ example: 412 })
  duration_ms!: number;

  @ApiProperty({
    type: String,
    description: 'The first 4 KB of the response body.',
    example: '{"error":"maintenance"}',
  })
  response_body!: string | null;

  @ApiProperty({ example: '2026-11-23T10:00:11.000Z' })
  attempted_at!: string;

  @ApiProperty({ enum: ['done', 'retry', 'dead_letter', 'dropped'], example: 'retry' })
  next!: string;

  @ApiProperty({ type: String, example: '2026-11-23T10:01:11.000Z' })
  next_attempt_at!: string | null;

  @ApiProperty({ description: 'The body that was sent.' })
  payload!: CallbackPayloadDto;
}

export class DeliveryAttemptPageDto {
  @ApiProperty({ type: DeliveryAttemptDto, isArray: true })
  data!: DeliveryAttemptDto[];

  @ApiProperty({ type: String })
  next_cursor!: string | null;
}

export class AcceptedDeliveryDto {
  @ApiProperty({
    description: 'The webhook-id header the receiver will see.',
    example: '6e2f0c1a-9b8d-4e7f-a6b5-c4d3e2f1a0b9',
  })
  delivery_id!: string;

  @ApiProperty({
    description: 'The new attempt series; its attempts appear in the delivery log.',
    example: '7a3c5e9f-1b2d-4f6a-8c0e-2d4f6a8c0e1b',
  })
  series_id!: string;
}
