/** A webhook's events in a few words: all of them, or the list. */
export function eventSummary(events: readonly string[], catalogSize: number): string {
  if (catalogSize > 0 && events.length >= catalogSize) return `All ${catalogSize} events`;
  return events.join(', ');
}
