import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches } from 'class-validator';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_PATTERN } from '../common/control-characters';
import { OptionalField } from '../common/optional';

/** Keys listed at most for one organisation (an organisation has a handful). */
export const MAX_API_KEYS_LISTED = 1000;

export class CreateApiKeyDto {
  @ApiProperty({
    description: 'The organisation the key belongs to; it sees only that organisation’s webhooks.',
    example: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
  })
  @IsUUID('all', { message: 'organisation_id must be a UUID' })
  organisation_id!: string;

  @ApiProperty({
    description: 'A label for the key.',
    example: 'CRM sync',
    pattern: NO_CONTROL_CHARACTERS_PATTERN,
  })
  @OptionalField()
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name?: string;
}

export class ListApiKeysQueryDto {
  @ApiProperty({
    description: 'The organisation whose keys to list.',
    example: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
  })
  @IsUUID('all', { message: 'organisation_id must be a UUID' })
  organisation_id!: string;
}

/** An API key as listed: never the key or its hash. */
export class ApiKeyDto {
  @ApiProperty({ example: '5b0d7c3e-8a4f-4f0e-9d51-3c2b1a0f9e8d' })
  id!: string;

  @ApiProperty({ example: '3c90c3cc-0d44-4b50-8888-8dd25736052a' })
  organisation_id!: string;

  @ApiProperty({ example: 'CRM sync' })
  name!: string;

  @ApiProperty({
    description: 'The first characters of the key, to recognise it.',
    example: 'whk_Jx0m6c',
  })
  key_prefix!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({
    type: String,
    description:
      'When the key last authenticated a request, to within a minute; null if never (or not since this was recorded).',
    example: '2026-11-24T08:31:00.000Z',
  })
  last_used_at!: string | null;
}

export class ApiKeyListDto {
  @ApiProperty({
    type: ApiKeyDto,
    isArray: true,
    description: `Newest first, at most ${MAX_API_KEYS_LISTED}.`,
  })
  data!: ApiKeyDto[];
}

export class ApiKeyCreatedDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The key itself. Shown once: only its hash is stored.',
    example: 'whk_Jx0m6cQ2gS9yqv8WcT5e1pQvJr3HnAq0xYz7bLk4MdE',
  })
  key!: string;
}
