import type { EventType } from '../api/types';

export type JsonObject = Record<string, unknown>;

/** The filter box's text read as a filter: null when empty (no filter), or why it cannot be. */
export type FilterText = { ok: true; filter: JsonObject | null } | { ok: false; message: string };

const EXAMPLE = '{"data.conversation.channel": "email"}';

/** Reads a JSON text box that must hold an object (`what` names it in the message). */
export function parseJsonObject(
  text: string,
  what: string,
): { ok: true; value: JsonObject | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: `${what} is not valid JSON. Check the quotes, commas and braces.`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: `${what} must be a JSON object, in braces { }.` };
  return { ok: true, value: value as JsonObject };
}

/** The filter box: empty for none; otherwise a JSON object, checked by the API. */
export function parseFilterText(text: string): FilterText {
  const parsed = parseJsonObject(text, 'Filter');
  if (!parsed.ok) return { ok: false, message: `${parsed.message} For example: ${EXAMPLE}` };
  return { ok: true, filter: parsed.value };
}

/** The filter as the box shows it: indented JSON, or empty when there is none. */
export function filterToText(filter: JsonObject | null | undefined): string {
  return filter ? JSON.stringify(filter, null, 2) : '';
}

/**
 * A sample event to try a filter on: the body a receiver gets for `type`, with the catalog's
 * example data.
 */
export function sampleEvent(type: EventType | undefined): string {
  const body = {
    id: '0f9d8c7b-6a5e-4d3c-2b1a-0f9e8d7c6b5a',
    type: type?.type ?? 'contact.created',
    timestamp: new Date(0).toISOString(),
    organisation_id: '00000000-0000-0000-0000-000000000000',
    data: type?.example ?? {},
  };
  return JSON.stringify(body, null, 2);
}
