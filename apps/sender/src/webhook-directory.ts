import type { Logger } from 'pino';
import {
  HEADER_NAME_TOKEN,
  isLive,
  isReservedHeader,
  type SecretBox,
  type WebhookMethod,
  type WebhookSnapshot,
} from '@app/webhooks';
import { signingKey } from './signature';
import type { WebhookRepository } from './webhook.repository';

/** What the sender needs to call a webhook, decrypted; lives in memory only. */
export interface ResolvedWebhook {
  id: string;
  organisationId: string;
  url: string;
  method: WebhookMethod;
  headers: Array<[name: string, value: string]>;
  secrets: Array<{ key: Buffer; expiresAt: number | null }>;
  /** Values a receiver's answer must never carry out of the sender (see Redactor). */
  sensitive: string[];
}

export type DirectoryEntry =
  | { kind: 'live'; webhook: ResolvedWebhook }
  | { kind: 'gone'; reason: string }
  | { kind: 'unreadable'; reason: string };

/**
 * The sender's in-memory directory of webhooks, fed by WebhookViewSync snapshots (secrets
 * and header values decrypted once, when a snapshot arrives). A miss — a webhook created a
 * moment ago — reads that one webhook from MongoDB before deciding it is gone.
 */
export class WebhookDirectory {
  private readonly entries = new Map<string, { organisationId: string; entry: DirectoryEntry }>();

  constructor(
    private readonly box: SecretBox,
    private readonly repository: WebhookRepository,
    private readonly logger: Logger,
  ) {}

  /** The WebhookViewSync listener. */
  apply(snapshots: WebhookSnapshot[]): void {
    for (const snapshot of snapshots) this.store(snapshot);
  }

  get size(): number {
    return this.entries.size;
  }

  async resolve(organisationId: string, webhookId: string): Promise<DirectoryEntry> {
    let stored = this.entries.get(webhookId);
    if (!stored) {
      const snapshot = await this.repository.findOne(organisationId, webhookId);
      if (!snapshot) return { kind: 'gone', reason: 'webhook not found' };
      stored = this.store(snapshot);
    }
    if (stored.organisationId !== organisationId)
      return { kind: 'gone', reason: 'webhook not found' };
    return stored.entry;
  }

  private store(snapshot: WebhookSnapshot): { organisationId: string; entry: DirectoryEntry } {
    const stored = { organisationId: snapshot.organisation_id, entry: this.toEntry(snapshot) };
    this.entries.set(snapshot._id, stored);
    return stored;
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
          method: snapshot.method ?? 'POST',
          headers,
          secrets,
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
