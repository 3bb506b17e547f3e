/** A webhook's events in a few words: all of them, or the list. */
export function eventSummary(events: readonly string[], catalogSize: number): string {
  if (catalogSize > 0 && events.length >= catalogSize) return `All ${catalogSize} events`;
  return events.join(', ');
}

/** The titles of the catalog's groups, in the order the form shows them. */
const GROUP_TITLES: Record<string, string> = {
  contacts: 'Contacts',
  conversations: 'Conversations',
  'form-submissions': 'Form submissions',
  operational: 'Deliveries and webhooks (sent by the platform)',
};

/** The catalog's types by group, groups and types in catalog order. */
export function groupEventTypes<T extends { group?: string }>(
  types: readonly T[],
): Array<{ group: string; title: string; types: T[] }> {
  const groups = new Map<string, T[]>();
  for (const type of types) {
    const group = type.group ?? '';
    groups.set(group, [...(groups.get(group) ?? []), type]);
  }
  return [...groups].map(([group, members]) => ({
    group,
    title: GROUP_TITLES[group] ?? 'Events',
    types: members,
  }));
}
