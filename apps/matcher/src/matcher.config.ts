import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig, NumberFromString } from '@app/config';

/** The matcher's environment, checked once at start-up. */
export class MatcherConfig extends BaseConfig {
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  PORT = 3001;
}
