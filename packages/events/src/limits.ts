/**
 * The largest event the platform accepts by default: 100 KiB of UTF-8 JSON, the matcher's
 * `EVENT_MAX_BYTES` unless an operator sets another. Every receiver gets the event's content
 * as the callback body (a little smaller than the event), within a 2 s timeout, and common
 * receiver frameworks refuse larger bodies out of the box (Express's JSON parser stops at
 * 100 KiB). The matcher rejects a larger event to the rejected-events topic.
 */
export const DEFAULT_EVENT_MAX_BYTES = 102_400;
