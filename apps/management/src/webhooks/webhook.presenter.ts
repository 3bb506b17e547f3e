import type { PayloadFilter } from '@app/filters';
import type { SecretBox } from '@app/webhooks';
import { maskValue } from '../common/mask';
import type { LastDeliveryDto, WebhookDto } from './webhook.dto';
import type { LastDelivery, WebhookRecord } from './store/webhook-record';

function presentLastDelivery(last: LastDelivery | null | undefined): LastDeliveryDto | null {
  if (!last) return null;
  return {
    delivery_id: last.delivery_id,
    status: last.status,
    status_code: last.status_code ?? null,
    error_kind: last.error_kind ?? null,
    error: last.error ?? null,
    attempt: last.attempt,
    attempted_at: new Date(last.attempted_at).toISOString(),
    duration_ms: last.duration_ms,
    next: last.next ?? null,
    next_attempt_at: last.next_attempt_at ? new Date(last.next_attempt_at).toISOString() : null,
  };
}

/** A stored webhook as the API shows it: no secrets, header values masked. */
export function presentWebhook(record: WebhookRecord, box: SecretBox): WebhookDto {
  const headers: Record<string, string> = {};
  for (const header of record.headers ?? []) {
    let masked = '••••';
    try {
      masked = maskValue(box.decrypt(header.value_encrypted));
    } catch {
      // Sealed under another key: still show the name, never the value.
    }
    headers[header.name] = masked;
  }
  return {
    id: record._id,
    organisation_id: record.organisation_id,
    name: record.name,
    target_url: record.target_url,
    method: record.method,
    events: record.events,
    headers,
    active: record.active,
    ordering: record.ordering ?? 'none',
    rate_limit: record.rate_limit ?? null,
    filter: record.filter_json ? (JSON.parse(record.filter_json) as PayloadFilter) : null,
    disabled_reason: record.disabled_reason ?? null,
    disabled_at: record.disabled_at ? new Date(record.disabled_at).toISOString() : null,
    created_at: record.created_at.toISOString(),
    updated_at: record.updated_at.toISOString(),
    last_delivery: presentLastDelivery(record.last_delivery),
  };
}
