import type { WebhookSnapshot } from '@app/webhooks';

/** A live webhook snapshot for unit specs; override what the spec is about. */
export function snapshot(overrides: Partial<WebhookSnapshot> & { _id: string }): WebhookSnapshot {
  return {
    organisation_id: 'org-a',
    name: 'hook',
    target_url: `https://example.com/${overrides._id}`,
    method: 'POST',
    events: ['contact.created'],
    headers: [],
    active: true,
    secrets: [],
    created_at: new Date(0),
    updated_at: new Date(0),
    deleted_at: null,
    ...overrides,
  };
}
