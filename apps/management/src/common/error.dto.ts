import { ApiProperty } from '@nestjs/swagger';

/** What every 4xx and 5xx answer looks like. */
export class ErrorDto {
  @ApiProperty({ example: 400 })
  status_code!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['target_url must use https'],
  })
  message!: string | string[];

  @ApiProperty({ example: '9d1c4b8e-3c55-4d0e-9b7e-5d6f0c1a2b3c' })
  correlation_id!: string;
}
