import { unwrap } from '../api/api-error';
import type { ApiClient } from '../api/client';
import type { EventType } from '../api/types';
import { useSession } from '../app/session';
import { type AsyncState, useAsync } from '../ui/use-async';

/** The catalog changes only with a release: read it once per session. */
const catalogs = new WeakMap<ApiClient, Promise<EventType[]>>();

function loadCatalog(api: ApiClient): Promise<EventType[]> {
  let catalog = catalogs.get(api);
  if (!catalog) {
    catalog = api.GET('/v1/event-types').then((result) => unwrap(result).data);
    // A failed read is not kept: the next page asks again.
    void catalog.catch(() => catalogs.delete(api));
    catalogs.set(api, catalog);
  }
  return catalog;
}

/** The event types a webhook can subscribe to, with their descriptions. */
export function useEventTypes(): AsyncState<EventType[]> {
  const { api } = useSession();
  return useAsync('event-types', () => loadCatalog(api));
}
