import type { LastDelivery } from '../api/types';
import { describeLastDelivery } from './last-delivery-status';

/** The line under a webhook that says how its last sent delivery went. */
export function WebhookStatus({ last }: { last: LastDelivery | null }) {
  const status = describeLastDelivery(last, new Date());
  return (
    <p className={`status ${status.tone}`}>
      <span className="visually-hidden">Last delivery: </span>
      {status.text}
    </p>
  );
}
