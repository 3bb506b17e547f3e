import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { compileFilter } from '@app/filters';
import { SecretBox, type StoredHeader } from '@app/webhooks';
import { Clock } from '../common/clock';
import { cursorFromQuery, toPage, type Page } from '../common/cursor';
import { ManagementConfig } from '../management.config';
import { MAX_HEADERS } from './header-rules';
import type { FilterTestDto, FilterTestResultDto } from './webhook-filter.dto';
import { presentWebhook } from './webhook.presenter';
import type {
  CreateWebhookDto,
  ListWebhooksQueryDto,
  SigningSecretDto,
  UpdateWebhookDto,
  WebhookDto,
} from './webhook.dto';
import { isDuplicateKeyError } from './store/duplicate-key';
import { TenantWebhooks } from './store/tenant-webhooks';
import type { WebhookChanges, WebhookRecord } from './store/webhook-record';
import { generateSigningSecret, rotateSecrets, type StoredSecret } from './signing-secrets';
import { WebhookRouteRelay } from './webhook-route.relay';

export const DEFAULT_PAGE_SIZE = 20;

const DUPLICATE_TARGET = 'target_url is already used by another webhook of this organisation';

/**
 * A new `updated_at`: now, but always later than the previous one, so two changes within
 * one millisecond still look like two changes to the views that sync by `updated_at`.
 */
export function nextUpdatedAt(previous: Date, now: Date): Date {
  return new Date(Math.max(now.getTime(), previous.getTime() + 1));
}

/** The URL as stored: WHATWG-normalised, so spelling variants cannot dodge the unique index. */
function normaliseUrl(url: string): string {
  return new URL(url).href;
}

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: TenantWebhooks,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly config: ManagementConfig,
    private readonly logger: PinoLogger,
    private readonly routes: WebhookRouteRelay,
  ) {
    this.logger.setContext('WebhooksService');
  }

  async create(organisationId: string, dto: CreateWebhookDto): Promise<WebhookDto> {
    const now = this.clock.now();
    const record: WebhookRecord = {
      _id: randomUUID(),
      organisation_id: organisationId,
      name: dto.name,
      target_url: normaliseUrl(dto.target_url),
      method: dto.method ?? 'POST',
      events: dto.events,
      headers: Object.entries(dto.headers ?? {}).map(([name, value]) =>
        this.sealHeader(name, value),
      ),
      active: dto.active ?? true,
      ordering: dto.ordering ?? 'none',
      rate_limit: dto.rate_limit ?? null,
      filter_json: dto.filter ? JSON.stringify(dto.filter) : null,
      secrets: [this.newSecret(now)],
      created_at: now,
      updated_at: now,
      deleted_at: null,
      routing_pending: true,
      last_delivery: null,
    };
    try {
      await this.webhooks.insert(record);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictException([DUPLICATE_TARGET]);
      throw error;
    }
    this.routes.announce(record);
    this.audit('webhook created', organisationId, record._id);
    return presentWebhook(record, this.box);
  }

  async list(organisationId: string, query: ListWebhooksQueryDto): Promise<Page<WebhookDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.webhooks.list(
      organisationId,
      { event: query.event, active: query.active },
      cursorFromQuery(query.cursor),
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (row) => row.created_at,
      (row) => presentWebhook(row, this.box),
    );
  }

  async get(organisationId: string, id: string): Promise<WebhookDto> {
    return presentWebhook(await this.load(organisationId, id), this.box);
  }

  async update(organisationId: string, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const current = await this.load(organisationId, id);
    const changes: WebhookChanges = {
      updated_at: nextUpdatedAt(current.updated_at, this.clock.now()),
    };
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.target_url !== undefined) changes.target_url = normaliseUrl(dto.target_url);
    if (dto.method !== undefined) changes.method = dto.method;
    if (dto.events !== undefined) changes.events = dto.events;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.ordering !== undefined && dto.ordering !== (current.ordering ?? 'none'))
      changes.ordering = dto.ordering;
    if (dto.rate_limit !== undefined) changes.rate_limit = dto.rate_limit;
    if (dto.filter !== undefined)
      changes.filter_json = dto.filter === null ? null : JSON.stringify(dto.filter);
    // Switching it back on clears why the platform disabled it and restarts the failure
    // clock; a PATCH of an active webhook leaves a running clock alone.
    if (dto.active === true && !current.active) {
      changes.disabled_reason = null;
      changes.disabled_at = null;
      changes.failing_since = null;
    }
    if (dto.headers !== undefined)
      changes.headers = this.mergeHeaders(current.headers, dto.headers);
    // Nothing to change: no write, and updated_at stays (the views need not wake up).
    if (Object.keys(changes).length === 1) return presentWebhook(current, this.box);
    await this.apply(organisationId, current, changes);
    this.audit('webhook updated', organisationId, id, Object.keys(changes));
    return presentWebhook({ ...current, ...changes }, this.box);
  }

  async remove(organisationId: string, id: string): Promise<void> {
    const current = await this.load(organisationId, id);
    const deletedAt = nextUpdatedAt(current.updated_at, this.clock.now());
    const deleted = await this.webhooks.tombstone(organisationId, id, deletedAt);
    if (!deleted) throw this.notFound(id);
    this.routes.announce({ ...current, deleted_at: deletedAt, updated_at: deletedAt });
    this.audit('webhook deleted', organisationId, id);
  }

  async getSecret(organisationId: string, id: string): Promise<SigningSecretDto> {
    return this.presentSecret(await this.load(organisationId, id));
  }

  async rotateSecret(organisationId: string, id: string): Promise<SigningSecretDto> {
    const current = await this.load(organisationId, id);
    const now = this.clock.now();
    const secrets = rotateSecrets(
      current.secrets,
      this.newSecret(now),
      now,
      this.config.SECRET_ROTATION_OVERLAP,
    );
    const changes: WebhookChanges = { secrets, updated_at: nextUpdatedAt(current.updated_at, now) };
    await this.apply(organisationId, current, changes);
    this.audit('signing secret rotated', organisationId, id);
    return this.presentSecret({ ...current, ...changes });
  }

  /** Whether a sample callback body passes a filter (validated by FilterTestDto). */
  testFilter(dto: FilterTestDto): FilterTestResultDto {
    return { matches: compileFilter(dto.filter)(dto.event) };
  }

  /** The live webhook, or 404 (also for another organisation's id: never say it exists). */
  async load(organisationId: string, id: string): Promise<WebhookRecord> {
    const record = await this.webhooks.findOne(organisationId, id);
    if (!record) throw this.notFound(id);
    return record;
  }

  private async apply(
    organisationId: string,
    current: WebhookRecord,
    changes: WebhookChanges,
  ): Promise<void> {
    let applied: boolean;
    try {
      applied = await this.webhooks.update(
        organisationId,
        current._id,
        current.updated_at,
        changes,
      );
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictException([DUPLICATE_TARGET]);
      throw error;
    }
    if (applied) {
      this.routes.announce({ ...current, ...changes });
      return;
    }
    await this.load(organisationId, current._id); // 404 when it was deleted meanwhile
    throw new ConflictException([
      'the webhook was changed by another request; read it and try again',
    ]);
  }

  private mergeHeaders(
    current: StoredHeader[],
    patch: Record<string, string | null>,
  ): StoredHeader[] {
    const merged = new Map(current.map((header) => [header.name.toLowerCase(), header]));
    for (const [name, value] of Object.entries(patch)) {
      if (value === null) merged.delete(name.toLowerCase());
      else merged.set(name.toLowerCase(), this.sealHeader(name, value));
    }
    if (merged.size > MAX_HEADERS)
      throw new BadRequestException([`headers must have at most ${MAX_HEADERS} entries`]);
    return [...merged.values()];
  }

  private sealHeader(name: string, value: string): StoredHeader {
    return { name, value_encrypted: this.box.encrypt(value) };
  }

  private newSecret(now: Date): StoredSecret {
    return {
      secret_encrypted: this.box.encrypt(generateSigningSecret()),
      created_at: now,
      expires_at: null,
    };
  }

  private presentSecret(record: WebhookRecord): SigningSecretDto {
    const [current, ...previous] = record.secrets;
    const now = this.clock.now().getTime();
    const overlapEnds = previous
      .map((secret) => secret.expires_at)
      .filter((at): at is Date => at !== null && new Date(at).getTime() > now)
      .map((at) => new Date(at).getTime());
    return {
      secret: this.box.decrypt(current.secret_encrypted),
      created_at: new Date(current.created_at).toISOString(),
      previous_secret_expires_at:
        overlapEnds.length > 0 ? new Date(Math.max(...overlapEnds)).toISOString() : null,
    };
  }

  /** One structured line per configuration change, with the ids (never values or secrets). */
  private audit(
    message: string,
    organisationId: string,
    webhookId: string,
    fields?: string[],
  ): void {
    this.logger.info({ organisation_id: organisationId, webhook_id: webhookId, fields }, message);
  }

  private notFound(id: string): NotFoundException {
    return new NotFoundException([`webhook ${id} not found`]);
  }
}
