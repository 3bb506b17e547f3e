import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';

export interface RawPostOptions {
  /** URL of the i-th request (spread over the receivers as the deliveries would be). */
  urlOf: (i: number) => string;
  total: number;
  /** Requests in flight at once (the sender's SENDER_MAX_IN_FLIGHT, bounded by origins). */
  concurrency: number;
  /** Keep-alive connections per origin (the sender's SENDER_MAX_PER_ENDPOINT). */
  connectionsPerOrigin: number;
  /** CA to trust (the receivers' self-signed certificate). */
  ca: string;
  body: string;
}

export interface RawPostResult {
  seconds: number;
  /** Round trip of each request as the client saw it, in ms. */
  latenciesMs: number[];
}

/**
 * The baseline every HTTP benchmark compares with: plain undici POSTs straight to the same
 * receivers, no Kafka, no signing, no bookkeeping. The ceiling for this machine.
 */
export async function rawPosts(options: RawPostOptions): Promise<RawPostResult> {
  const agent = new Agent({
    connections: options.connectionsPerOrigin,
    connect: { ca: [options.ca] },
  });
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.total) {
      const i = next++;
      const sentAt = performance.now();
      const response = await request(options.urlOf(i), {
        dispatcher: agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': `raw-${i}` },
        body: options.body,
      });
      await response.body.text();
      latenciesMs.push(performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { seconds, latenciesMs };
}
