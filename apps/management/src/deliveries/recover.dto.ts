import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class RecoverWindowDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-20T00:00:00.000Z',
    description: 'Start of the window (inclusive), RFC 3339.',
  })
  @IsISO8601({ strict: true }, { message: 'since must be an RFC 3339 date-time' })
  since!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-23T10:00:00.000Z',
    description:
      'End of the window (inclusive), RFC 3339; now when left out. At most 14 days after since.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be an RFC 3339 date-time' })
  until?: string;
}

export class RecoveryAcceptedDto {
  @ApiProperty({ description: 'How many deliveries were queued to be sent again.', example: 12 })
  queued!: number;

  @ApiProperty({ example: '2026-11-20T00:00:00.000Z' })
  since!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  until!: string;
}
