import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

/**
 * The typed REST client: paths, parameters and bodies come from management's OpenAPI
 * document, so the page cannot ask for what the API does not offer. The API key travels
 * only in the Authorization header; a 401 ends the session.
 */
export function createApiClient(
  apiKey: () => string | null,
  onUnauthorized: () => void,
  baseUrl = window.location.origin,
): ApiClient {
  const client = createClient<paths>({ baseUrl });
  const auth: Middleware = {
    onRequest({ request }) {
      const key = apiKey();
      if (key) request.headers.set('authorization', `Bearer ${key}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  };
  client.use(auth);
  return client;
}
