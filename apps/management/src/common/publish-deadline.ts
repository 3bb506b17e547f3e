import { ServiceUnavailableException } from '@nestjs/common';

/** How long an HTTP request waits for Kafka to take the record it publishes. */
export const PUBLISH_DEADLINE_MS = 10_000;

/**
 * Waits for `sent` (a produce with acks=all; the producer retries for as long as Kafka is
 * away), but keeps an HTTP caller no longer than `deadlineMs`: then it fails with 503 saying
 * `what` could not be handed to Kafka (the record may still go out later).
 */
export async function withinPublishDeadline(
  sent: Promise<unknown>,
  what: string,
  deadlineMs = PUBLISH_DEADLINE_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceUnavailableException([
            `${what} could not be handed to Kafka in time; try again`,
          ]),
        ),
      deadlineMs,
    );
  });
  // A late failure after the deadline has nobody to report to; never leave it unhandled.
  sent.catch(() => undefined);
  try {
    await Promise.race([sent, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
