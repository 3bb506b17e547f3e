import type { CreateWebhook, UpdateWebhook, Webhook } from '../api/types';
import { filterToText, parseFilterText } from './filter-text';

export type WebhookMethod = Webhook['method'];
export const METHODS: readonly WebhookMethod[] = ['POST', 'PUT', 'PATCH'];

/** One header row. `saved` is the header as stored (its value only masked) when editing. */
export interface HeaderRow {
  id: number;
  name: string;
  value: string;
  saved?: { name: string; masked: string };
}

export interface WebhookFormValues {
  name: string;
  target_url: string;
  events: string[];
  method: WebhookMethod;
  active: boolean;
  /** One callback per contact, conversation or form submission at a time, in order. */
  ordered: boolean;
  /** Maximum callbacks per second as typed; empty for no limit. */
  rate_limit: string;
  headers: HeaderRow[];
  /** The payload filter as typed (JSON); empty for none. Checked with parseFilterText. */
  filter: string;
}

let nextRowId = 1;
export function newHeaderRow(): HeaderRow {
  return { id: nextRowId++, name: '', value: '' };
}

export function emptyWebhookForm(): WebhookFormValues {
  return {
    name: '',
    target_url: '',
    events: [],
    method: 'POST',
    active: true,
    ordered: false,
    rate_limit: '',
    headers: [],
    filter: '',
  };
}

/** The form for an existing webhook: header values stay unknown (the API masks them). */
export function webhookFormFrom(webhook: Webhook): WebhookFormValues {
  return {
    name: webhook.name,
    target_url: webhook.target_url,
    events: [...webhook.events],
    method: webhook.method,
    active: webhook.active,
    ordered: webhook.ordering === 'per_entity',
    rate_limit: webhook.rate_limit === null ? '' : String(webhook.rate_limit),
    headers: Object.entries(webhook.headers).map(([name, masked]) => ({
      ...newHeaderRow(),
      name,
      saved: { name, masked },
    })),
    filter: filterToText(webhook.filter),
  };
}

const isBlank = (row: HeaderRow) => row.name.trim() === '' && row.value === '';
const keepsSaved = (row: HeaderRow) =>
  row.saved !== undefined && row.name.trim().toLowerCase() === row.saved.name.toLowerCase();

/**
 * The limit as the API takes it: empty is no limit (null), a number is sent as one, and
 * anything else is sent as typed, so the API's refusal appears next to the field rather
 * than the limit being cleared without a word.
 */
function rateLimitOf(typed: string): number | null {
  const text = typed.trim();
  if (text === '') return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : (text as unknown as number);
}

/** The fields create and update send alike; `headers` only when there are any. */
function commonFields<H>(values: WebhookFormValues, headers: Record<string, H>) {
  return {
    name: values.name,
    target_url: values.target_url.trim(),
    events: values.events as CreateWebhook['events'],
    method: values.method,
    active: values.active,
    ordering: values.ordered ? ('per_entity' as const) : ('none' as const),
    rate_limit: rateLimitOf(values.rate_limit),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/** The filter typed in the form; the form checks it with parseFilterText before saving. */
function typedFilter(values: WebhookFormValues) {
  const parsed = parseFilterText(values.filter);
  return parsed.ok ? parsed.filter : null;
}

/** The create body: every filled header row as name → value; `filter` only when typed. */
export function createBody(values: WebhookFormValues): CreateWebhook {
  const headers = Object.fromEntries(
    values.headers.filter((row) => !isBlank(row)).map((row) => [row.name.trim(), row.value]),
  );
  const filter = typedFilter(values);
  return { ...commonFields(values, headers), ...(filter ? { filter } : {}) };
}

/**
 * The update body. Headers are a patch (the API merges them): a saved header left as it was
 * is not sent (its value is unknown here), a new value replaces it, a removed or renamed one
 * is sent as null.
 */
export function updateBody(values: WebhookFormValues, saved: Webhook): UpdateWebhook {
  const patch: Record<string, string | null> = {};
  const kept = new Set(
    values.headers.filter(keepsSaved).map((row) => row.saved!.name.toLowerCase()),
  );
  for (const name of Object.keys(saved.headers))
    if (!kept.has(name.toLowerCase())) patch[name] = null;
  for (const row of values.headers) {
    if (isBlank(row) || (keepsSaved(row) && row.value === '')) continue;
    patch[row.name.trim()] = row.value;
  }
  // The filter only when it changed; an emptied box sends null, which removes it.
  const filter = typedFilter(values);
  const changed = JSON.stringify(filter) !== JSON.stringify(saved.filter ?? null);
  return { ...commonFields(values, patch), ...(changed ? { filter } : {}) };
}
