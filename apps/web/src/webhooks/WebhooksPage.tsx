import { CursorPager } from '../ui/CursorPager';
import { useState } from 'react';
import { unwrap } from '../api/api-error';
import { Layout } from '../app/Layout';
import { Link, ROUTES } from '../app/router';
import { useSession } from '../app/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useAsync, useInterval } from '../ui/use-async';
import { eventSummary } from './event-list';
import { useEventTypes } from './use-event-types';
import { WebhookStatus } from './WebhookStatus';
import { webhookState } from './webhook-state';

const PAGE_SIZE = 10;
/** How often the statuses are read again while the page is open. */
const REFRESH_MS = 3000;

/** Settings › Integration › Webhooks: every webhook with the status of its last delivery. */
export function WebhooksPage() {
  const { api } = useSession();
  // The cursors of the pages seen so far: the last one is the page shown.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(`webhooks:${cursor ?? 'first'}`, async () =>
    unwrap(
      await api.GET('/v1/webhooks', {
        params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  useInterval(page.reload, REFRESH_MS);
  const catalogSize = useEventTypes().data?.length ?? 0;
  const webhooks = page.data?.data ?? [];

  return (
    <Layout title="Webhooks">
      <div className="toolbar">
        <p className="lead">
          Webhooks send events of your organisation to your HTTPS endpoints as they happen.
        </p>
        <Link href={ROUTES.newWebhook} className="button primary">
          Create
        </Link>
      </div>
      {page.error && <ErrorNotice error={page.error} what="Loading the webhooks" />}
      {page.loading && !page.data && (
        <p role="status" className="notice">
          Loading webhooks…
        </p>
      )}
      {page.data && webhooks.length === 0 && cursors.length === 1 && (
        <section className="empty" aria-label="No webhooks yet">
          <h2>No webhooks yet</h2>
          <p>Create one to receive contacts, conversations and form submissions at your own URL.</p>
        </section>
      )}
      {webhooks.length > 0 && (
        <ul className="webhook-list" aria-label="Webhooks">
          {webhooks.map((webhook) => (
            <li key={webhook.id} className="webhook-row">
              <div className="row-head">
                <h2>
                  <Link href={ROUTES.webhook(webhook.id)}>{webhook.name}</Link>
                </h2>
                <span className={`badge ${webhookState(webhook).tone}`}>
                  {webhookState(webhook).label}
                </span>
              </div>
              {webhookState(webhook).detail && (
                <p className="status failed">{webhookState(webhook).detail}</p>
              )}
              <p className="url">
                <span className="method">{webhook.method}</span> {webhook.target_url}
              </p>
              <p className="events">{eventSummary(webhook.events, catalogSize)}</p>
              <WebhookStatus last={webhook.last_delivery} />
            </li>
          ))}
        </ul>
      )}
      <CursorPager
        label="Pages"
        cursors={cursors}
        nextCursor={page.data?.next_cursor}
        onChange={setCursors}
        previousText="Previous page"
        nextText="Next page"
        showPage
      />
    </Layout>
  );
}
