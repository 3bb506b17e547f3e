import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { ManagementConfig } from '../management.config';
import { Clock } from '../common/clock';
import { ApiKeyCache } from './api-key-cache';
import { constantTimeEquals, generateApiKey, hashApiKey, keyPrefixOf } from './api-key-format';
import {
  MAX_API_KEYS_LISTED,
  type ApiKeyCreatedDto,
  type ApiKeyDto,
  type ApiKeyListDto,
  type CreateApiKeyDto,
} from './api-key.dto';
import { ApiKeyRepository } from './api-key.repository';
import type { ApiKeyRecord } from './api-key.schema';
import { LastUsedRecorder } from './last-used-recorder';

/** Who a request acts for once its API key checked out. */
export interface Principal {
  organisation_id: string;
  api_key_id: string;
}

@Injectable()
export class AuthService {
  private readonly cache: ApiKeyCache;
  private readonly lastUsed: LastUsedRecorder;

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ManagementConfig,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('AuthService');
    this.cache = new ApiKeyCache(
      (keyHash) => this.keys.findByHash(keyHash),
      () => this.clock.now().getTime(),
    );
    this.lastUsed = new LastUsedRecorder(
      (id, at) => this.keys.setLastUsed(id, at),
      (error, id) =>
        this.logger.warn({ err: error, api_key_id: id }, 'could not record when a key was used'),
    );
  }

  isAdminToken(token: string): boolean {
    return constantTimeEquals(token, this.config.ADMIN_TOKEN);
  }

  /**
   * The principal of an API key, or null. The lookup is by SHA-256 hash, so the time it
   * takes does not depend on how much of a guessed key is right; a key found in the last
   * second is not looked up again (ApiKeyCache), and its use is written at most once a
   * minute (LastUsedRecorder).
   */
  async authenticate(key: string): Promise<Principal | null> {
    const keyHash = hashApiKey(key);
    const record = await this.cache.get(keyHash);
    if (!record || !constantTimeEquals(record.key_hash, keyHash)) return null;
    this.lastUsed.touch(record, this.clock.now());
    return { organisation_id: record.organisation_id, api_key_id: record._id };
  }

  async issue(dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    const key = generateApiKey();
    const record = {
      _id: randomUUID(),
      organisation_id: dto.organisation_id.toLowerCase(),
      name: dto.name ?? 'API key',
      key_hash: hashApiKey(key),
      key_prefix: keyPrefixOf(key),
      created_at: this.clock.now(),
      last_used_at: null,
    };
    await this.keys.insert(record);
    this.logger.info(
      { api_key_id: record._id, organisation_id: record.organisation_id },
      'API key issued',
    );
    return { ...presentApiKey(record), key };
  }

  async list(organisationId: string): Promise<ApiKeyListDto> {
    const records = await this.keys.listForOrganisation(
      organisationId.toLowerCase(),
      MAX_API_KEYS_LISTED,
    );
    return { data: records.map(presentApiKey) };
  }

  /**
   * Deletes the key. This instance forgets it at once; every other instance stops accepting
   * it when its cached copy expires (API_KEY_CACHE_TTL_MS, 1 s), so within 2 s everywhere.
   */
  async revoke(id: string): Promise<void> {
    const record = await this.keys.findById(id);
    if (!record || !(await this.keys.delete(id)))
      throw new NotFoundException(['API key not found']);
    this.cache.forget(record.key_hash);
    this.logger.info(
      { api_key_id: id, organisation_id: record.organisation_id },
      'API key revoked',
    );
  }
}

function presentApiKey(record: ApiKeyRecord): ApiKeyDto {
  return {
    id: record._id,
    organisation_id: record.organisation_id,
    name: record.name,
    key_prefix: record.key_prefix,
    created_at: record.created_at.toISOString(),
    last_used_at: record.last_used_at ? record.last_used_at.toISOString() : null,
  };
}
