import { CursorPager } from '../ui/CursorPager';
import { useState } from 'react';
import { ApiError, unwrap } from '../api/api-error';
import type { DeliveryAttempt } from '../api/types';
import { useSession } from '../app/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useAsync, useInterval } from '../ui/use-async';
import { attemptOutcome, canRedeliver, eventLabel } from './attempt-words';

const PAGE_SIZE = 20;
const REFRESH_MS = 3000;

interface DeliveryLogProps {
  webhookId: string;
  /** Changes after a test or redelivery, so the log reads again at once. */
  version: number;
  onRedelivered: () => void;
}

function Excerpt({ attempt }: { attempt: DeliveryAttempt }) {
  const text = attempt.response_body ?? attempt.error ?? '';
  if (!text) return null;
  return <code className="excerpt">{text.length > 140 ? `${text.slice(0, 140)}…` : text}</code>;
}

/** Every attempt of the webhook, newest first, with redelivery of failed ones. */
export function DeliveryLog({ webhookId, version, onRedelivered }: DeliveryLogProps) {
  const { api } = useSession();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [message, setMessage] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];
  const log = useAsync(`log:${webhookId}:${cursor ?? 'first'}:${version}`, async () =>
    unwrap(
      await api.GET('/v1/webhooks/{id}/deliveries', {
        params: {
          path: { id: webhookId },
          query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        },
      }),
    ),
  );
  useInterval(log.reload, REFRESH_MS);

  const redeliver = async (attempt: DeliveryAttempt) => {
    try {
      unwrap(
        await api.POST('/v1/deliveries/{delivery_id}/redeliver', {
          params: { path: { delivery_id: attempt.delivery_id } },
        }),
      );
      setMessage(`Redelivery of ${attempt.event_type} sent; it appears in the log shortly.`);
      onRedelivered();
    } catch (error) {
      setMessage(
        `Redelivery failed: ${error instanceof ApiError ? error.messages.join('; ') : 'the platform could not be reached'}.`,
      );
    }
  };

  const attempts = log.data?.data ?? [];
  return (
    <section className="panel" aria-labelledby="log-heading">
      <h2 id="log-heading">Delivery log</h2>
      {log.error && <ErrorNotice error={log.error} what="Loading the delivery log" />}
      {log.loading && !log.data && (
        <p role="status" className="notice">
          Loading the delivery log…
        </p>
      )}
      {log.data && attempts.length === 0 && <p className="notice">Nothing sent yet.</p>}
      {attempts.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Delivery attempts">
          <table className="log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Attempt</th>
                <th scope="col">Status</th>
                <th scope="col">Code</th>
                <th scope="col">Duration</th>
                <th scope="col">Response</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((attempt) => (
                <tr key={attempt.id} className={attempt.status}>
                  <td>
                    <time dateTime={attempt.attempted_at}>
                      {new Date(attempt.attempted_at).toLocaleString()}
                    </time>
                  </td>
                  <td>{eventLabel(attempt)}</td>
                  <td>{attempt.attempt}</td>
                  <td>{attemptOutcome(attempt)}</td>
                  <td>{attempt.status_code ?? '—'}</td>
                  <td>{attempt.duration_ms} ms</td>
                  <td>
                    <Excerpt attempt={attempt} />
                  </td>
                  <td>
                    {canRedeliver(attempt) && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => void redeliver(attempt)}
                      >
                        Redeliver
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" className="notice live">
        {message}
      </p>
      <CursorPager
        label="Delivery log pages"
        cursors={cursors}
        nextCursor={log.data?.next_cursor}
        onChange={setCursors}
        previousText="Newer attempts"
        nextText="Older attempts"
      />
    </section>
  );
}
