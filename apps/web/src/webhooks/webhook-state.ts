import type { Webhook } from '../api/types';

export interface WebhookState {
  /** The badge: Active, Inactive, or Disabled when the platform switched it off. */
  label: string;
  /** One line saying why, for a webhook the platform switched off; null otherwise. */
  detail: string | null;
  tone: 'on' | 'off' | 'disabled';
}

/** A webhook's state in words (docs/design.md, "Auto-disable"). */
export function webhookState(
  webhook: Pick<Webhook, 'active' | 'disabled_reason' | 'disabled_at'>,
): WebhookState {
  if (webhook.active) return { label: 'Active', detail: null, tone: 'on' };
  if (webhook.disabled_reason === 'failing') {
    const at = webhook.disabled_at ? ` on ${new Date(webhook.disabled_at).toLocaleString()}` : '';
    return {
      label: 'Disabled',
      detail: `Switched off${at} because its deliveries kept failing. Fix the receiver, then switch it on again.`,
      tone: 'disabled',
    };
  }
  return { label: 'Inactive', detail: null, tone: 'off' };
}
