import { useState } from 'react';
import { ApiError, unwrap } from '../api/api-error';
import { Layout } from '../app/Layout';
import { Link, navigate, ROUTES } from '../app/router';
import { useSession } from '../app/session';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useAsync, useInterval } from '../ui/use-async';
import { DeliveryLog } from './DeliveryLog';
import { SigningSecretPanel } from './SigningSecretPanel';
import { WebhookStatus } from './WebhookStatus';
import { webhookState } from './webhook-state';

const REFRESH_MS = 3000;

/** What an action did, for the live region under the buttons. */
function outcomeOf(error: unknown, what: string): string {
  if (error instanceof ApiError) return `${what} failed: ${error.messages.join('; ')}`;
  return `${what} failed: the platform could not be reached.`;
}

/** One webhook: its settings, the last delivery, test, delete, secret and delivery log. */
export function WebhookPage({ id }: { id: string }) {
  const { api } = useSession();
  const webhook = useAsync(`webhook:${id}`, async () =>
    unwrap(await api.GET('/v1/webhooks/{id}', { params: { path: { id } } })),
  );
  const [message, setMessage] = useState<string | null>(null);
  // Bumped after a test or redelivery so the log reads again.
  const [logVersion, setLogVersion] = useState(0);
  useInterval(webhook.reload, REFRESH_MS);

  const sendTest = async () => {
    try {
      unwrap(await api.POST('/v1/webhooks/{id}/test', { params: { path: { id } } }));
      setMessage('Test event sent; its status appears below in a few seconds.');
      setLogVersion((version) => version + 1);
    } catch (error) {
      setMessage(outcomeOf(error, 'Sending the test event'));
    }
  };
  const remove = async () => {
    try {
      unwrap(await api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } }));
      navigate(ROUTES.webhooks);
    } catch (error) {
      setMessage(outcomeOf(error, 'Deleting the webhook'));
    }
  };

  const data = webhook.data;
  return (
    <Layout title={data?.name ?? 'Webhook'}>
      {webhook.error && <ErrorNotice error={webhook.error} what="Loading the webhook" />}
      {webhook.loading && !data && (
        <p role="status" className="notice">
          Loading…
        </p>
      )}
      {data && (
        <>
          <section className="summary" aria-label="Settings">
            <dl>
              <dt>URL</dt>
              <dd className="url">
                <span className="method">{data.method}</span> {data.target_url}
              </dd>
              <dt>Events</dt>
              <dd>{data.events.join(', ')}</dd>
              <dt>HTTP headers</dt>
              <dd>
                {Object.keys(data.headers).length === 0
                  ? 'None'
                  : Object.entries(data.headers)
                      .map(([name, masked]) => `${name}: ${masked}`)
                      .join(', ')}
              </dd>
              <dt>Maximum callbacks per second</dt>
              <dd>{data.rate_limit ?? 'No limit'}</dd>
              <dt>Order</dt>
              <dd>
                {data.ordering === 'per_entity'
                  ? 'Events about the same contact, conversation or form submission in order'
                  : 'Any order'}
              </dd>
              <dt>Filter</dt>
              <dd>
                {data.filter ? (
                  <code>{JSON.stringify(data.filter)}</code>
                ) : (
                  'None: every event of these types is sent'
                )}
              </dd>
              <dt>State</dt>
              <dd>
                {webhookState(data).label}
                {webhookState(data).detail && <> · {webhookState(data).detail}</>}
              </dd>
              <dt>Last delivery</dt>
              <dd>
                <WebhookStatus last={data.last_delivery} />
              </dd>
            </dl>
            <div className="actions">
              <Link href={ROUTES.editWebhook(id)} className="button">
                Edit
              </Link>
              <button
                type="button"
                className="button"
                disabled={!data.active}
                title={data.active ? undefined : 'Switch the webhook on to send a test event'}
                onClick={() => void sendTest()}
              >
                Send test event
              </button>
              <ConfirmButton
                label="Delete webhook"
                question={`Delete “${data.name}”? Nothing more is sent to it, and pending retries are cancelled.`}
                confirmLabel="Yes, delete"
                onConfirm={remove}
                danger
              />
            </div>
            <p role="status" className="notice live">
              {message}
            </p>
          </section>
          <SigningSecretPanel webhookId={id} />
          <DeliveryLog
            webhookId={id}
            version={logVersion}
            onRedelivered={() => setLogVersion((version) => version + 1)}
          />
        </>
      )}
    </Layout>
  );
}
