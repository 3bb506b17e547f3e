import { ApiProperty } from '@nestjs/swagger';
import { EVENT_TYPES, STREAM_TOPIC, type DomainStream } from '@app/contracts';

const EVENT_GROUPS = Object.keys(STREAM_TOPIC) as DomainStream[];

export class EventTypeDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'contact.created' })
  type!: string;

  @ApiProperty({
    example: 1,
    description:
      "The revision of the type's `data` schema: 1 when the type was introduced, one more " +
      'with every additive change. A breaking change is a new type name, never a new version.',
  })
  version!: number;

  @ApiProperty({ example: 'A new contact has been created.' })
  description!: string;

  @ApiProperty({
    enum: EVENT_GROUPS,
    example: 'contacts',
    description:
      'The group the type belongs to: the domain stream it comes from, or `operational` for ' +
      'the events the platform publishes about deliveries and webhooks.',
  })
  group!: DomainStream;

  @ApiProperty({
    example: 'data.id',
    description:
      "Where in the event its Kafka message key is: the aggregate id producers key it by, so one entity's events stay in order.",
  })
  key!: string;

  @ApiProperty({ description: 'JSON Schema of `data`.' })
  schema!: Record<string, unknown>;

  @ApiProperty({ description: 'An example `data` payload.' })
  example!: Record<string, unknown>;
}

export class EventTypeListDto {
  @ApiProperty({ type: EventTypeDto, isArray: true })
  data!: EventTypeDto[];
}
