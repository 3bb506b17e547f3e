import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig, NumberFromString } from '@app/config';

/** The sender's environment, checked once at start-up. */
export class SenderConfig extends BaseConfig {
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  PORT = 3002;
}
