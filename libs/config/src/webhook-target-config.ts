import { IsBoolean, IsString, Matches } from 'class-validator';
import { BaseConfig } from './base-config';
import { BooleanFlag, CommaSeparated } from './transforms';

/**
 * Settings of the apps that handle webhook targets and secrets (management, sender).
 * The two WEBHOOK_ALLOW_* settings relax target safety for local development and tests only.
 */
export abstract class WebhookTargetConfig extends BaseConfig {
  @BooleanFlag()
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOK_ALLOW_HTTP = false;

  @CommaSeparated()
  @Matches(/^([0-9.]+\/\d{1,2}|[0-9a-fA-F:.]+\/\d{1,3})$/, {
    each: true,
    message: 'must be a comma-separated list of CIDRs such as 127.0.0.0/8',
  })
  WEBHOOK_ALLOWED_PRIVATE_CIDRS: string[] = [];

  /** Encrypts signing secrets and header values at rest: base64 of 32 random bytes. */
  @IsString({ message: 'must be set (base64 of 32 random bytes)' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be base64 of exactly 32 bytes' })
  DATA_ENCRYPTION_KEY!: string;
}
