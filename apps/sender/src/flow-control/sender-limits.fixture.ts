import { senderLimits, type SenderLimits } from './sender-limits';

/**
 * For specs: the limits of a sender with the default configuration (200 in flight, 10 per
 * endpoint, a backlog of 100, a 2 s timeout) and retry delays of 1 s, with `overrides`.
 */
export function defaultLimits(overrides: Partial<SenderLimits> = {}): SenderLimits {
  return senderLimits(
    {
      SENDER_MAX_IN_FLIGHT: 200,
      SENDER_MAX_PER_ENDPOINT: 10,
      SENDER_ENDPOINT_BACKLOG: 100,
      WEBHOOK_TIMEOUT_MS: 2000,
      retryDelaysMs: [1000, 1000, 1000],
    },
    overrides,
  );
}
