import type { Logger } from 'pino';
import {
  HEADER_NAME_TOKEN,
  isLive,
  isReservedHeader,
  type SecretBox,
  type WebhookMethod,
  type RouteChange,
  type WebhookSnapshot,
} from '@app/webhooks';
import { LRUCache } from 'lru-cache';
import { signingKey } from '../http/signature';
import type { WebhookReader } from './webhook-reader';

/** What the sender needs to call a webhook, decrypted; lives in memory only. */
export interface ResolvedWebhook {
  id: string;
  organisationId: string;
  url: string;
  /**
   * Its concurrency key, the URL's origin, parsed once here: parsing it for every record
   * cost a flood of 5,000 records 25 ms of the sender's thread.
   */
  endpoint: string;
  method: WebhookMethod;
  headers: Array<[name: string, value: string]>;
  secrets: Array<{ key: Buffer; expiresAt: number | null }>;
  /** Callbacks per second at most (WebhookRateLimiter); null: unlimited. */
  rateLimit: number | null;
  /** Values a receiver's answer must never carry out of the sender (see Redactor). */
  sensitive: string[];
}

export type DirectoryEntry =
  | { kind: 'live'; webhook: ResolvedWebhook }
  | { kind: 'gone'; reason: string }
  | { kind: 'unreadable'; reason: string };

/** What the directory knows of a webhook from the routing topic. */
export interface RouteVersions {
  /** The newest version seen on the topic, 'deleted' after a tombstone, undefined if none yet. */
  versionOf(webhookId: string): number | 'deleted' | undefined;
}

interface Cached {
  organisationId: string;
  /** The `updated_at` (ms) of the stored webhook this entry was built from. */
  version: number;
  entry: DirectoryEntry;
}

/** Webhooks kept decrypted at once; the rest are read again by id when their turn comes. */
const CACHED_WEBHOOKS = 50_000;
/** Announced webhooks read at once in the background: a trickle, never a stampede. */
const PREFETCH_CONCURRENCY = 4;
/**
 * Announced webhooks waiting for a background read, at most; past it, the first record of a
 * webhook reads it, as for any webhook not cached.
 */
const PREFETCH_QUEUE = 10_000;

/**
 * The sender's cache of webhooks it calls, decrypted once (docs/webhook-changes.md): filled
 * from MongoDB by id when a webhook's first record comes up, and emptied for a webhook
 * when the routing topic says it changed (a newer version) or went away (inactive,
 * tombstone). Concurrent misses of one webhook share one read.
 */
export class WebhookDirectory {
  private readonly cache = new LRUCache<string, Cached>({ max: CACHED_WEBHOOKS });
  private readonly loading = new Map<string, Promise<Cached | null>>();
  /** Webhooks to read in the background, in announcement order. */
  private readonly prefetchQueue = new Set<string>();
  private prefetching = 0;

  constructor(
    private readonly box: SecretBox,
    private readonly repository: WebhookReader,
    private readonly routes: RouteVersions,
    private readonly logger: Logger,
  ) {}

  /** The routing topic's listener: forget what changed. */
  apply(changes: readonly RouteChange[]): void {
    for (const { webhookId, route } of changes) {
      const cached = this.cache.get(webhookId);
      if (cached && (route === null || route.version > cached.version))
        this.cache.delete(webhookId);
    }
  }

  /**
   * Reads live webhooks the routing topic announced (created or changed while this instance
   * runs) into the cache in the background, so that their first record does not wait for
   * the store. On FerretDB a read by id takes about 5 ms on an idle machine and far longer
   * under load: a burst to 2,000 new webhooks spent its first 15 s on those reads, one per
   * webhook, on the delivery path. Best effort: a read that fails or is skipped is made by
   * the first record that needs the webhook, as before.
   */
  prefetch(changes: readonly RouteChange[]): void {
    for (const { webhookId, route } of changes) {
      if (!route?.active || this.cache.has(webhookId)) continue;
      if (this.prefetchQueue.size >= PREFETCH_QUEUE) break;
      this.prefetchQueue.add(webhookId);
    }
    this.prefetchNext();
  }

  private prefetchNext(): void {
    while (this.prefetching < PREFETCH_CONCURRENCY && this.prefetchQueue.size > 0) {
      const [webhookId] = this.prefetchQueue;
      this.prefetchQueue.delete(webhookId);
      if (this.cache.has(webhookId)) continue;
      this.prefetching += 1;
      this.load(webhookId)
        .catch((error: unknown) =>
          this.logger.debug(
            { webhook_id: webhookId, err: error },
            'background read failed; the first record reads the webhook',
          ),
        )
        .finally(() => {
          this.prefetching -= 1;
          this.prefetchNext();
        });
    }
  }

  get size(): number {
    return this.cache.size;
  }

  /** The cached entry of a webhook not deleted; undefined when it would take a read. */
  cached(webhookId: string): DirectoryEntry | undefined {
    if (this.routes.versionOf(webhookId) === 'deleted') return undefined;
    return this.cache.get(webhookId)?.entry;
  }

  async resolve(organisationId: string, webhookId: string): Promise<DirectoryEntry> {
    if (this.routes.versionOf(webhookId) === 'deleted')
      return { kind: 'gone', reason: 'webhook deleted' };
    const cached = this.cache.get(webhookId) ?? (await this.load(webhookId));
    // Tenancy: a record naming another organisation never reaches this webhook.
    if (!cached || cached.organisationId !== organisationId)
      return { kind: 'gone', reason: 'webhook not found' };
    return cached.entry;
  }

  private load(webhookId: string): Promise<Cached | null> {
    let pending = this.loading.get(webhookId);
    if (!pending) {
      pending = this.read(webhookId).finally(() => this.loading.delete(webhookId));
      this.loading.set(webhookId, pending);
    }
    return pending;
  }

  private async read(webhookId: string): Promise<Cached | null> {
    const snapshot = await this.repository.findById(webhookId);
    if (!snapshot) return null;
    const cached: Cached = {
      organisationId: snapshot.organisation_id,
      version: new Date(snapshot.updated_at).getTime(),
      entry: this.toEntry(snapshot),
    };
    // Keep it only if no newer change was announced while the read was under way.
    const announced = this.routes.versionOf(webhookId);
    if (announced === undefined || (announced !== 'deleted' && announced <= cached.version))
      this.cache.set(webhookId, cached);
    return cached;
  }

  private toEntry(snapshot: WebhookSnapshot): DirectoryEntry {
    if (!isLive(snapshot))
      return {
        kind: 'gone',
        reason: snapshot.deleted_at ? 'webhook deleted' : 'webhook inactive',
      };
    try {
      const headers: Array<[string, string]> = [];
      for (const header of snapshot.headers ?? []) {
        const name = header.name.toLowerCase();
        if (!HEADER_NAME_TOKEN.test(name) || isReservedHeader(name)) {
          this.logger.warn(
            { webhook_id: snapshot._id, header: name },
            'ignoring a reserved or invalid custom header',
          );
          continue;
        }
        const value = this.box.decrypt(header.value_encrypted);
        if (/[\r\n]/.test(value)) continue;
        headers.push([header.name, value]);
      }
      const sensitive = [...headers.map(([, value]) => value), ...targetParts(snapshot.target_url)];
      const secrets = (snapshot.secrets ?? []).map((secret) => {
        const plain = this.box.decrypt(secret.secret_encrypted);
        const key = signingKey(plain);
        sensitive.push(plain, key.toString('base64'));
        return {
          key,
          expiresAt: secret.expires_at ? new Date(secret.expires_at).getTime() : null,
        };
      });
      return {
        kind: 'live',
        webhook: {
          id: snapshot._id,
          organisationId: snapshot.organisation_id,
          url: snapshot.target_url,
          endpoint: endpointKey(snapshot.target_url),
          method: snapshot.method ?? 'POST',
          headers,
          secrets,
          rateLimit: snapshot.rate_limit ?? null,
          sensitive,
        },
      };
    } catch (error) {
      this.logger.error(
        { webhook_id: snapshot._id, err: (error as Error).message },
        'cannot decrypt webhook configuration',
      );
      return { kind: 'unreadable', reason: 'webhook configuration cannot be decrypted' };
    }
  }
}

/** The concurrency key of a target: its origin (scheme, host, port). */
function endpointKey(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The keys of the secrets that may still sign at `now` (newest first). */
export function liveKeys(webhook: ResolvedWebhook, now: number): Buffer[] {
  return webhook.secrets
    .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
    .map((secret) => secret.key);
}

/** The target URL, and its host and path on their own (an echo may show either alone). */
function targetParts(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [url, parsed.host, parsed.hostname, `${parsed.pathname}${parsed.search}`];
  } catch {
    return [url];
  }
}
