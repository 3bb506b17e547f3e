import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { ERROR_KINDS, MAX_ATTEMPTS, type DeliveryRecord } from '@app/contracts';

class AttemptSummaryDto {
  @IsInt() @Min(1) @Max(MAX_ATTEMPTS) attempt!: number;
  @IsISO8601() attempted_at!: string;
  @IsOptional() @IsInt() status_code!: number | null;
  @IsOptional() @IsIn(ERROR_KINDS) error_kind!: string | null;
  @IsOptional() @IsString() error!: string | null;
  @IsInt() @Min(0) duration_ms!: number;
}

class CallbackPayloadDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsString() @IsNotEmpty() type!: string;
  @IsString() @IsNotEmpty() timestamp!: string;
  @IsString() @IsNotEmpty() organisation_id!: string;
  @IsObject() data!: Record<string, unknown>;
}

class DeliveryRecordDto {
  @IsString() @IsNotEmpty() delivery_id!: string;
  @IsString() @IsNotEmpty() webhook_id!: string;
  @IsString() @IsNotEmpty() organisation_id!: string;
  @IsIn(['event', 'test', 'redeliver']) trigger!: string;
  @IsString() @IsNotEmpty() series_id!: string;
  @IsInt() @Min(1) @Max(MAX_ATTEMPTS) attempt!: number;
  @IsISO8601() created_at!: string;
  @IsOptional() @IsISO8601() not_before?: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttemptSummaryDto)
  history!: AttemptSummaryDto[];
  @IsObject() @ValidateNested() @Type(() => CallbackPayloadDto) payload!: CallbackPayloadDto;
}

export type ParsedRecord = { ok: true; record: DeliveryRecord } | { ok: false; reason: string };

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describe(error.children ?? [], `${path}.`)];
  });
}

/**
 * Validates a delivery record at the consumer's edge: JSON, the shared
 * contract's shape, and the attempt number of the stage topic it was read from.
 */
export function parseDeliveryRecord(value: Buffer | null, expectedAttempt: number): ParsedRecord {
  if (!value || value.length === 0) return { ok: false, reason: 'empty record' };
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!plain || typeof plain !== 'object' || Array.isArray(plain))
    return { ok: false, reason: 'not a JSON object' };
  const errors = validateSync(plainToInstance(DeliveryRecordDto, plain), {
    forbidUnknownValues: true,
  });
  if (errors.length > 0) return { ok: false, reason: describe(errors).slice(0, 5).join('; ') };
  const record = plain as DeliveryRecord;
  if (record.attempt !== expectedAttempt)
    return {
      ok: false,
      reason: `attempt ${record.attempt} read from the topic of attempt ${expectedAttempt}`,
    };
  return { ok: true, record };
}
