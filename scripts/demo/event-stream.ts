import { EVENT_CATALOG, DOMAIN_EVENT_TYPES, type DomainEventPublisher } from '@app/contracts';
import { sleep } from '../../test/support/wait-for';

/**
 * Publishes events of every type in turn (the catalog's example as data) at `perSecond`
 * for `seconds`, at least one round of all 15 types, until `stopped()` says so.
 */
export async function streamEvents(
  publisher: DomainEventPublisher,
  organisationId: string,
  options: { seconds: number; perSecond: number; stopped: () => boolean },
  onPublished: (count: number) => void,
): Promise<number> {
  const deadline = Date.now() + options.seconds * 1000;
  let published = 0;
  while (!options.stopped() && (published < DOMAIN_EVENT_TYPES.length || Date.now() < deadline)) {
    const type = DOMAIN_EVENT_TYPES[published % DOMAIN_EVENT_TYPES.length];
    await publisher.publish([
      { type, organisation_id: organisationId, data: EVENT_CATALOG[type].example },
    ]);
    published += 1;
    onPublished(published);
    if (options.seconds > 0) await sleep(1000 / options.perSecond);
  }
  return published;
}
