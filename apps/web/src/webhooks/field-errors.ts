/** The webhook form's fields, by the names the API uses for them. */
export const WEBHOOK_FIELDS = [
  'name',
  'target_url',
  'events',
  'method',
  'headers',
  'active',
  'ordering',
  'rate_limit',
  'filter',
] as const;
export type WebhookField = (typeof WEBHOOK_FIELDS)[number];

/** The label each field has on the form; messages are shown in these words. */
export const FIELD_LABELS: Record<WebhookField, string> = {
  name: 'Name',
  target_url: 'URL',
  events: 'Events',
  method: 'Method',
  headers: 'HTTP headers',
  active: 'Active',
  ordering: 'Ordering',
  rate_limit: 'Maximum callbacks per second',
  filter: 'Filter',
};

export interface FormErrors {
  /** Messages about one field, shown next to it. */
  fields: Partial<Record<WebhookField, string[]>>;
  /** Messages about one header, by lower-cased header name, shown next to its row. */
  headers: Record<string, string[]>;
  /** What names no field (e.g. a concurrent edit), shown above the Save button. */
  form: string[];
}

export function noFormErrors(): FormErrors {
  return { fields: {}, headers: {}, form: [] };
}

export function hasFormErrors(errors: FormErrors): boolean {
  return (
    errors.form.length > 0 ||
    Object.keys(errors.fields).length > 0 ||
    Object.keys(errors.headers).length > 0
  );
}

const HEADER_MESSAGE = /^headers\.([^\s]+) (.+)$/;
const HEADER_NAME_MESSAGE = /^headers: ("(?:[^"\\]|\\.)*") (is not a valid header name.*)$/;
/** A problem inside the filter, named by its path (`filter.data.tags.$in must be a list`). */
const FILTER_PATH_MESSAGE = /^filter((?:\.|\[)\S*) (.+)$/;
const FIELD_MESSAGE = new RegExp(`^(${WEBHOOK_FIELDS.join('|')})(?::\\s*|\\s+)(.+)$`);

function add<K extends string>(into: Partial<Record<K, string[]>>, key: K, message: string) {
  (into[key] ??= []).push(message);
}

/**
 * Puts each of the API's 4xx messages next to the field it names ("target_url must use
 * https" → the URL field: "URL must use https"; "headers.Host is reserved…" → the Host
 * row; "filter.data.tags.$in must be a list" → the filter box). Header and filter problems
 * may come joined by "; " in one message.
 */
export function mapApiErrors(messages: readonly string[]): FormErrors {
  const errors = noFormErrors();
  const parts = messages.flatMap((message) => message.split(/; (?=headers[.:]|filter[.[ ])/));
  for (const message of parts) {
    const header = HEADER_MESSAGE.exec(message);
    if (header) {
      add(errors.headers, header[1].toLowerCase(), `${header[1]} ${header[2]}`);
      continue;
    }
    const badName = HEADER_NAME_MESSAGE.exec(message);
    if (badName) {
      const name = JSON.parse(badName[1]) as string;
      add(errors.headers, name.toLowerCase(), `“${name}” ${badName[2]}`);
      continue;
    }
    const filterPath = FILTER_PATH_MESSAGE.exec(message);
    if (filterPath) {
      add(errors.fields, 'filter', `Filter: ${filterPath[1].replace(/^\./, '')} ${filterPath[2]}`);
      continue;
    }
    const field = FIELD_MESSAGE.exec(message);
    if (field) {
      const name = field[1] as WebhookField;
      add(errors.fields, name, `${FIELD_LABELS[name]} ${field[2]}`);
      continue;
    }
    errors.form.push(message);
  }
  return errors;
}
