import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import type { EventType } from '../api/types';
import { Link } from '../app/router';
import { groupEventTypes } from './event-list';
import { type FormErrors, hasFormErrors, mapApiErrors, noFormErrors } from './field-errors';
import { type HeaderRow, METHODS, newHeaderRow, type WebhookFormValues } from './form-model';
import { parseFilterText, sampleEvent } from './filter-text';
import { FilterTester, type TestFilter } from './FilterTester';

interface WebhookFormProps {
  initial: WebhookFormValues;
  eventTypes: readonly EventType[];
  /** Saves through the API; an ApiError's messages are shown next to their fields. */
  onSave: (values: WebhookFormValues) => Promise<void>;
  cancelHref: string;
  /** Tries a filter on a sample event (POST /v1/webhooks/filter-test); no tester without it. */
  onTestFilter?: TestFilter;
}

function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error">
      {messages.join(' ')}
    </p>
  );
}

/** aria-describedby for a field: its help and, when there is one, its error. */
function describedBy(help: string | null, errorId: string, messages: string[] | undefined) {
  return [help, messages?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
}

/**
 * Create and edit a webhook. The API is the one judge of what is valid (https only, no
 * private address, no reserved header, a unique URL); its answers appear next to the field
 * they name, and nothing typed is lost.
 */
export function WebhookForm({
  initial,
  eventTypes,
  onSave,
  cancelHref,
  onTestFilter,
}: WebhookFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // After a refusal, the first field it names gets the focus (a screen reader reads it out).
  useEffect(() => {
    if (hasFormErrors(errors))
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-error')?.focus();
  }, [errors]);

  const set = <K extends keyof WebhookFormValues>(key: K, value: WebhookFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const setHeader = (id: number, change: Partial<HeaderRow>) =>
    set(
      'headers',
      values.headers.map((row) => (row.id === id ? { ...row, ...change } : row)),
    );
  const toggleEvent = (type: string, on: boolean) =>
    set('events', on ? [...values.events, type] : values.events.filter((event) => event !== type));

  const showFilterProblems = (messages: string[]) =>
    setErrors((current) => {
      const fields = { ...current.fields };
      delete fields.filter;
      if (messages.length) fields.filter = mapApiErrors(messages).fields.filter ?? messages;
      return { ...current, fields };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A filter that is not even JSON is explained here, in plain words, before any request.
    const filter = parseFilterText(values.filter);
    if (!filter.ok) {
      setErrors({ ...noFormErrors(), fields: { filter: [filter.message] } });
      return;
    }
    setSaving(true);
    setErrors(noFormErrors());
    try {
      await onSave(values);
    } catch (error) {
      setErrors(
        error instanceof ApiError
          ? mapApiErrors(
              error.messages.length ? error.messages : [`the API answered ${error.status}`],
            )
          : { ...noFormErrors(), form: ['The platform could not be reached; nothing was saved.'] },
      );
    } finally {
      setSaving(false);
    }
  };

  const { fields } = errors;
  return (
    <form ref={form} className="webhook-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor="webhook-name">Name</label>
        <input
          id="webhook-name"
          value={values.name}
          maxLength={100}
          onChange={(event) => set('name', event.target.value)}
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={describedBy('webhook-name-help', 'webhook-name-error', fields.name)}
        />
        <p id="webhook-name-help" className="help">
          For you, e.g. the system that receives the events.
        </p>
        <FieldError id="webhook-name-error" messages={fields.name} />
      </div>

      <div className="field">
        <label htmlFor="webhook-url">URL</label>
        <input
          id="webhook-url"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={values.target_url}
          onChange={(event) => set('target_url', event.target.value)}
          aria-invalid={fields.target_url ? true : undefined}
          aria-describedby={describedBy('webhook-url-help', 'webhook-url-error', fields.target_url)}
        />
        <p id="webhook-url-help" className="help">
          A public HTTPS address, used by no other webhook of yours.
        </p>
        <FieldError id="webhook-url-error" messages={fields.target_url} />
      </div>

      <fieldset
        className="field events"
        aria-invalid={fields.events ? true : undefined}
        aria-describedby={describedBy(null, 'webhook-events-error', fields.events)}
      >
        <legend>Events</legend>
        <div className="event-actions">
          <button
            type="button"
            className="button quiet"
            onClick={() =>
              set(
                'events',
                eventTypes.map((type) => type.type),
              )
            }
          >
            Select all events
          </button>
          <button type="button" className="button quiet" onClick={() => set('events', [])}>
            Clear events
          </button>
        </div>
        <FieldError id="webhook-events-error" messages={fields.events} />
        {groupEventTypes(eventTypes).map(({ group, title, types }) => (
          <div key={group} className="event-group">
            <p className="event-group-title" id={`event-group-${group}`}>
              {title}
            </p>
            <ul className="event-options" aria-labelledby={`event-group-${group}`}>
              {types.map((type) => (
                <li key={type.type}>
                  <input
                    type="checkbox"
                    id={`event-${type.type}`}
                    checked={values.events.includes(type.type)}
                    onChange={(event) => toggleEvent(type.type, event.target.checked)}
                    aria-describedby={`event-${type.type}-description`}
                  />
                  <label htmlFor={`event-${type.type}`}>
                    <code>{type.type}</code>
                  </label>
                  <span id={`event-${type.type}-description`} className="help">
                    {type.description}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>

      <fieldset
        className="field headers"
        aria-describedby={describedBy(
          'webhook-headers-help',
          'webhook-headers-error',
          fields.headers,
        )}
      >
        <legend>HTTP headers (optional)</legend>
        <p id="webhook-headers-help" className="help">
          Sent with every request, e.g. <code>Authorization</code>. Saved values are shown masked;
          type a new value to replace one.
        </p>
        <FieldError id="webhook-headers-error" messages={fields.headers} />
        {values.headers.map((row, index) => {
          const rowErrors = errors.headers[row.name.trim().toLowerCase()];
          const errorId = `header-${row.id}-error`;
          const label = `Header ${index + 1}`;
          return (
            <div key={row.id} className="header-row">
              <input
                aria-label={`${label} name`}
                placeholder="Name"
                value={row.name}
                spellCheck={false}
                onChange={(event) => setHeader(row.id, { name: event.target.value })}
                aria-invalid={rowErrors ? true : undefined}
                aria-describedby={rowErrors ? errorId : undefined}
              />
              <input
                aria-label={`${label} value`}
                placeholder={row.saved ? `${row.saved.masked} (saved)` : 'Value'}
                value={row.value}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => setHeader(row.id, { value: event.target.value })}
                aria-invalid={rowErrors ? true : undefined}
                aria-describedby={rowErrors ? errorId : undefined}
              />
              <button
                type="button"
                className="button quiet"
                aria-label={`Remove header ${index + 1}`}
                onClick={() =>
                  set(
                    'headers',
                    values.headers.filter((other) => other.id !== row.id),
                  )
                }
              >
                Remove
              </button>
              <FieldError id={errorId} messages={rowErrors} />
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() => set('headers', [...values.headers, newHeaderRow()])}
        >
          Add header
        </button>
      </fieldset>

      <details className="field filter" open={values.filter !== '' || !!fields.filter}>
        <summary>Filter (advanced)</summary>
        <label htmlFor="webhook-filter">Filter</label>
        <textarea
          id="webhook-filter"
          rows={6}
          spellCheck={false}
          placeholder='{"data.conversation.channel": "email"}'
          value={values.filter}
          onChange={(event) => set('filter', event.target.value)}
          aria-invalid={fields.filter ? true : undefined}
          aria-describedby={describedBy(
            'webhook-filter-help',
            'webhook-filter-error',
            fields.filter,
          )}
        />
        <p id="webhook-filter-help" className="help">
          Optional. Only events that match these rules are sent; leave it empty to send every event
          you chose above. Rules are written in JSON: for example{' '}
          <code>{'{"data.conversation.channel": "email"}'}</code> sends only email conversations.
        </p>
        <FieldError id="webhook-filter-error" messages={fields.filter} />
        {onTestFilter && (
          <FilterTester
            filterText={values.filter}
            sample={sampleEvent(
              eventTypes.find((type) => values.events.includes(type.type)) ?? eventTypes[0],
            )}
            onTest={onTestFilter}
            onFilterProblems={showFilterProblems}
          />
        )}
      </details>

      <div className="field inline">
        <label htmlFor="webhook-method">Method</label>
        <select
          id="webhook-method"
          value={values.method}
          onChange={(event) => set('method', event.target.value as WebhookFormValues['method'])}
          aria-invalid={fields.method ? true : undefined}
          aria-describedby={describedBy(null, 'webhook-method-error', fields.method)}
        >
          {METHODS.map((method) => (
            <option key={method}>{method}</option>
          ))}
        </select>
        <FieldError id="webhook-method-error" messages={fields.method} />
      </div>

      <div className="field inline">
        <input
          id="webhook-active"
          type="checkbox"
          checked={values.active}
          onChange={(event) => set('active', event.target.checked)}
          aria-describedby="webhook-active-help"
        />
        <label htmlFor="webhook-active">Active</label>
        <span id="webhook-active-help" className="help">
          An inactive webhook receives nothing until it is switched on again.
        </span>
        <FieldError id="webhook-active-error" messages={fields.active} />
      </div>

      <div className="field inline">
        <input
          id="webhook-ordered"
          type="checkbox"
          checked={values.ordered}
          onChange={(event) => set('ordered', event.target.checked)}
          aria-describedby="webhook-ordered-help"
        />
        <label htmlFor="webhook-ordered">Keep events in order</label>
        <span id="webhook-ordered-help" className="help">
          Events about the same contact, conversation or form submission are sent one after the
          other, in the order they happened. If one cannot be delivered, the later ones about the
          same contact wait until it is delivered or given up.
        </span>
        <FieldError id="webhook-ordered-error" messages={fields.ordering} />
      </div>

      <div className="field">
        <label htmlFor="webhook-rate-limit">Maximum callbacks per second (optional)</label>
        <input
          id="webhook-rate-limit"
          inputMode="numeric"
          placeholder="No limit"
          value={values.rate_limit}
          onChange={(event) => set('rate_limit', event.target.value)}
          aria-invalid={fields.rate_limit ? true : undefined}
          aria-describedby={describedBy(
            'webhook-rate-limit-help',
            'webhook-rate-limit-error',
            fields.rate_limit,
          )}
        />
        <p id="webhook-rate-limit-help" className="help">
          A whole number from 1 to 10,000. If the receiving system can only take so many requests at
          a time, callbacks beyond this number wait their turn; none is lost. Leave empty for no
          limit.
        </p>
        <FieldError id="webhook-rate-limit-error" messages={fields.rate_limit} />
      </div>

      {errors.form.length > 0 && (
        <p role="alert" className="form-error" tabIndex={-1}>
          {errors.form.join(' ')}
        </p>
      )}
      {hasFormErrors(errors) && errors.form.length === 0 && (
        <p role="alert" className="visually-hidden">
          The webhook was not saved; see the messages next to the fields.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save webhook'}
        </button>
        <Link href={cancelHref} className="button quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
