import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ManagementConfig } from '../management.config';
import { Clock } from '../common/clock';
import { ApiKeyCache } from './api-key-cache';
import { constantTimeEquals, generateApiKey, hashApiKey, keyPrefixOf } from './api-key-format';
import type { ApiKeyCreatedDto, CreateApiKeyDto } from './api-key.dto';
import { ApiKeyRepository } from './api-key.repository';

/** Who a request acts for once its API key checked out. */
export interface Principal {
  organisation_id: string;
  api_key_id: string;
}

@Injectable()
export class AuthService {
  private readonly cache: ApiKeyCache;

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ManagementConfig,
    private readonly clock: Clock,
  ) {
    this.cache = new ApiKeyCache(
      (keyHash) => this.keys.findByHash(keyHash),
      () => this.clock.now().getTime(),
    );
  }

  isAdminToken(token: string): boolean {
    return constantTimeEquals(token, this.config.ADMIN_TOKEN);
  }

  /**
   * The principal of an API key, or null. The lookup is by SHA-256 hash, so the time it
   * takes does not depend on how much of a guessed key is right; a key found in the last
   * second is not looked up again (ApiKeyCache).
   */
  async authenticate(key: string): Promise<Principal | null> {
    const keyHash = hashApiKey(key);
    const record = await this.cache.get(keyHash);
    if (!record || !constantTimeEquals(record.key_hash, keyHash)) return null;
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
    };
    await this.keys.insert(record);
    return {
      id: record._id,
      organisation_id: record.organisation_id,
      name: record.name,
      key,
      key_prefix: record.key_prefix,
      created_at: record.created_at.toISOString(),
    };
  }
}
