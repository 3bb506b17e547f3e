import {
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
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
import { REVOCATIONS_POLL_MS, RevocationWatch } from './revocation-watch';

/** Who a request acts for once its API key checked out. */
export interface Principal {
  organisation_id: string;
  api_key_id: string;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache: ApiKeyCache;
  private readonly lastUsed: LastUsedRecorder;
  private readonly revocations: RevocationWatch;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private pollFailing = false;

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
    this.revocations = new RevocationWatch(
      () => this.keys.revocationEpoch(),
      () => this.cache.clear(),
      () => this.clock.now().getTime(),
    );
    this.lastUsed = new LastUsedRecorder(
      (id, at) => this.keys.setLastUsed(id, at),
      (error, id) =>
        this.logger.warn({ err: error, api_key_id: id }, 'could not record when a key was used'),
    );
  }

  onApplicationBootstrap(): void {
    this.pollRevocations();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.pollTimer);
  }

  /** Reads the revocation counter now and every REVOCATIONS_POLL_MS after each read ends. */
  private pollRevocations(): void {
    if (this.stopped) return;
    void this.revocations
      .poll()
      .then(
        () => {
          if (this.pollFailing) this.logger.info('revocation counter readable again');
          this.pollFailing = false;
        },
        (error: unknown) => {
          if (!this.pollFailing)
            this.logger.warn(
              { err: (error as Error).message },
              'cannot read the revocation counter; API keys are looked up on every request',
            );
          this.pollFailing = true;
        },
      )
      .finally(() => {
        if (this.stopped) return;
        this.pollTimer = setTimeout(() => this.pollRevocations(), REVOCATIONS_POLL_MS);
        this.pollTimer.unref();
      });
  }

  isAdminToken(token: string): boolean {
    return constantTimeEquals(token, this.config.ADMIN_TOKEN);
  }

  /**
   * The principal of an API key, or null. The lookup is by SHA-256 hash, so the time it
   * takes does not depend on how much of a guessed key is right; a key found in the last
   * 30 s is not looked up again (ApiKeyCache) unless a key was revoked meanwhile
   * (RevocationWatch), and its use is written at most once a minute (LastUsedRecorder).
   */
  async authenticate(key: string): Promise<Principal | null> {
    const keyHash = hashApiKey(key);
    // Without a recent read of the revocation counter no cached key is trusted; the cache is
    // cleared by the first read that finds the counter moved meanwhile.
    const record = this.revocations.fresh()
      ? await this.cache.get(keyHash)
      : await this.keys.findByHash(keyHash);
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
   * Deletes the key, then raises the revocation counter. This instance forgets the key at
   * once; every other instance forgets all its cached keys at its next read of the counter
   * (every 0.5 s), so the key is refused everywhere within about 1 s. The counter is raised
   * for an unknown id too: a revocation whose first try failed between the delete and the
   * raise is completed by trying again.
   */
  async revoke(id: string): Promise<void> {
    const record = await this.keys.findById(id);
    const deleted = record !== null && (await this.keys.delete(id));
    if (record) this.cache.forget(record.key_hash);
    await this.keys.raiseRevocationEpoch(this.clock.now());
    if (!deleted) throw new NotFoundException(['API key not found']);
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
