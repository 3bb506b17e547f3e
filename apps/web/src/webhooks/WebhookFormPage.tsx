import { unwrap } from '../api/api-error';
import { Layout } from '../app/Layout';
import { navigate, ROUTES } from '../app/router';
import { useSession } from '../app/session';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useAsync } from '../ui/use-async';
import { createBody, emptyWebhookForm, updateBody, webhookFormFrom } from './form-model';
import { useEventTypes } from './use-event-types';
import { WebhookForm } from './WebhookForm';

/** Create a webhook (no id) or edit one. */
export function WebhookFormPage({ id }: { id?: string }) {
  const { api } = useSession();
  const eventTypes = useEventTypes();
  const webhook = useAsync(`webhook-form:${id ?? 'new'}`, async () =>
    id ? unwrap(await api.GET('/v1/webhooks/{id}', { params: { path: { id } } })) : null,
  );
  const title = id ? `Edit ${webhook.data?.name ?? 'webhook'}` : 'Create a webhook';
  const error = eventTypes.error ?? webhook.error;

  return (
    <Layout title={title}>
      {error && <ErrorNotice error={error} what="Loading the form" />}
      {(eventTypes.loading || webhook.loading) && !error && (
        <p role="status" className="notice">
          Loading…
        </p>
      )}
      {eventTypes.data && webhook.data !== undefined && (
        <WebhookForm
          key={webhook.data?.id ?? 'new'}
          eventTypes={eventTypes.data}
          initial={webhook.data ? webhookFormFrom(webhook.data) : emptyWebhookForm()}
          cancelHref={id ? ROUTES.webhook(id) : ROUTES.webhooks}
          onSave={async (values) => {
            const saved = webhook.data
              ? unwrap(
                  await api.PATCH('/v1/webhooks/{id}', {
                    params: { path: { id: webhook.data.id } },
                    body: updateBody(values, webhook.data),
                  }),
                )
              : unwrap(await api.POST('/v1/webhooks', { body: createBody(values) }));
            navigate(ROUTES.webhook(saved.id));
          }}
          onTestFilter={async (filter, event) =>
            unwrap(await api.POST('/v1/webhooks/filter-test', { body: { filter, event } })).matches
          }
        />
      )}
    </Layout>
  );
}
