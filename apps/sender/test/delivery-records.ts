import { randomUUID } from 'node:crypto';
import type { DeliveryRecord } from '@app/contracts';

/** A valid first-attempt delivery record of `contact.created` (for specs and tests). */
export function deliveryRecord(
  organisationId: string,
  webhookId: string,
  overrides: Partial<DeliveryRecord> = {},
): DeliveryRecord {
  const deliveryId = randomUUID();
  const now = new Date().toISOString();
  return {
    delivery_id: deliveryId,
    webhook_id: webhookId,
    organisation_id: organisationId,
    trigger: 'event',
    series_id: deliveryId,
    attempt: 1,
    created_at: now,
    history: [],
    payload: {
      id: randomUUID(),
      type: 'contact.created',
      timestamp: now,
      organisation_id: organisationId,
      data: { id: randomUUID(), full_name: 'Zoë Example' },
    },
    ...overrides,
  };
}
