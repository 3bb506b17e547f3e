import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATORS_GUIDE_PATH, renderTopicTable, withTopicTable } from './topic-table';
import { TOPIC_DEFAULTS } from './topics';

const guide = readFileSync(join(__dirname, '..', '..', '..', OPERATORS_GUIDE_PATH), 'utf8');

describe('the topic table of the operators guide', () => {
  it('is as the registry states it now (run `npm run docs:topics`)', () => {
    expect(guide).toBe(withTopicTable(guide));
  });

  it('lists every topic, the ordered deliveries and the routing topic among them', () => {
    const table = renderTopicTable();
    for (const name of Object.values(TOPIC_DEFAULTS)) expect(table).toContain(`| \`${name}\` `);
    expect(table).toMatch(/\| `webhooks\.deliveries\.ordered` .*\| 12 +\| delete +\| 7 days /);
    expect(table).toMatch(/\| `webhooks\.subscriptions` .*\| compact +\| newest per key /);
  });

  it('refuses a guide without the markers rather than write the table nowhere', () => {
    expect(() => withTopicTable('# no table here')).toThrow(/no topic table markers/);
  });
});
