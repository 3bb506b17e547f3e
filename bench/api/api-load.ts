import { Agent, request } from 'undici';
import { sleep } from '../../test/support/wait-for';
import type { FilledStore } from './fill';

export const ROUTES = ['list', 'get', 'deliveries'] as const;
export type Route = (typeof ROUTES)[number];

export interface RouteResult {
  latenciesMs: number[];
  errors: number;
  /** The first few error answers, to say what went wrong. */
  errorSamples: string[];
}

/** The path a request of `route` asks for, for a random organisation and webhook. */
function pathOf(route: Route, webhookId: string): string {
  switch (route) {
    case 'list':
      return '/v1/webhooks?limit=20';
    case 'get':
      return `/v1/webhooks/${webhookId}`;
    case 'deliveries':
      return `/v1/webhooks/${webhookId}/deliveries?limit=20`;
  }
}

/**
 * An open-loop load of the management API: a request every 1/rate s whatever the answers
 * before it, the routes in turn, each for a random organisation (with its own API key) and
 * one of its webhooks. Latency counts from when a request was due, so a server falling behind
 * shows in the figures instead of slowing the load down.
 */
export async function runApiLoad(
  baseUrl: string,
  store: FilledStore,
  rate: number,
  seconds: number,
): Promise<Record<Route, RouteResult>> {
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const results = Object.fromEntries(
    ROUTES.map((route) => [route, { latenciesMs: [], errors: 0, errorSamples: [] }]),
  ) as unknown as Record<Route, RouteResult>;
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i += 1) {
    const dueAt = started + (i * 1000) / rate;
    await sleep(dueAt - Date.now());
    const route = ROUTES[i % ROUTES.length];
    const organisation =
      store.organisations[Math.floor(Math.random() * store.organisations.length)];
    const webhookId =
      organisation.webhookIds[Math.floor(Math.random() * organisation.webhookIds.length)];
    const call = request(`${baseUrl}${pathOf(route, webhookId)}`, {
      dispatcher,
      headers: { authorization: `Bearer ${organisation.key}` },
    })
      .then(async (response) => {
        const body = await response.body.text();
        const result = results[route];
        result.latenciesMs.push(Date.now() - dueAt);
        if (response.statusCode !== 200) {
          result.errors += 1;
          if (result.errorSamples.length < 3)
            result.errorSamples.push(`${response.statusCode} ${body.slice(0, 200)}`);
        }
      })
      .catch((error: Error) => {
        const result = results[route];
        result.errors += 1;
        if (result.errorSamples.length < 3) result.errorSamples.push(error.message);
      })
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  }
  await Promise.all(inFlight);
  await dispatcher.close();
  return results;
}
