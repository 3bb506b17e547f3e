import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_EVENT_TYPES, TOPIC_PARTITIONS } from '@app/contracts';
import { matcherTableHolds } from '../support/app-metric';
import { pipelineWithReceiver } from '../support/e2e-suite';
import {
  builtGoExample,
  childEnv,
  landedLines,
  platformPartition,
  projectWithPackedPackage,
  pythonWithConfluentKafka,
  runStep,
  type Landed,
} from '../support/producer-clients';
import { waitFor } from '../support/wait-for';

/**
 * Producers outside this repository, on the real broker, delivered by the three apps: the
 * events package installed from its tarball into an empty project, the Python example
 * (confluent-kafka) and the Go example (franz-go). Each one's events must reach the receiver
 * as sent, and each keyed event must sit on the partition the platform's own producers pick
 * for that key, or one entity's events from two services would be read out of order.
 */

const ROOT = join(__dirname, '..', '..');
const { receiver, pipeline } = pipelineWithReceiver();
const organisationId = randomUUID();
/**
 * Contacts each example publishes (a contact.created and a conversation.inbound each): 16
 * keys, so a client hashing keys another way could not land them all on the platform's
 * partitions by chance (1 in 6^16).
 */
const CONTACTS = 8;

/** What the producers read to reach this pipeline: the platform's own variables. */
const producerEnv = () =>
  childEnv({
    KAFKA_BROKERS: pipeline.brokers.join(','),
    KAFKA_TOPIC_PREFIX: `${pipeline.runId}.`,
    ORGANISATION_ID: organisationId,
  });

interface Body {
  id: string;
  type: string;
  organisation_id: string;
  data: { id?: string; conversation?: { id: string } };
}
const received = () => receiver.on('/events').map((request) => JSON.parse(request.body) as Body);

/** Waits for every landed event's callback and checks it is the event sent, on the platform's partition. */
async function expectDelivered(landed: Landed[]): Promise<void> {
  expect(landed).toHaveLength(2 * CONTACTS);
  const bodies = await waitFor(
    `callbacks for ${landed.map((event) => event.id).join(', ')}`,
    () => {
      const byId = new Map(received().map((body) => [body.id, body]));
      return landed.every((event) => byId.has(event.id)) ? byId : null;
    },
    30_000,
  );
  for (const event of landed) {
    const body = bodies.get(event.id)!;
    expect(body).toMatchObject({ type: event.type, organisation_id: organisationId });
    expect(event.key).toBe(
      body.type.startsWith('conversation.') ? body.data.conversation?.id : body.data.id,
    );
    expect(event.topic).toBe(
      `${pipeline.runId}.domain.${body.type.startsWith('contact') ? 'contacts' : 'conversations'}`,
    );
    expect({ key: event.key, partition: event.partition }).toEqual({
      key: event.key,
      partition: platformPartition(
        event.topic,
        event.key,
        TOPIC_PARTITIONS[
          body.type.startsWith('contact') ? 'domainContacts' : 'domainConversations'
        ],
      ),
    });
  }
}

beforeAll(async () => {
  const api = await pipeline.newOrganisation(organisationId);
  await api.expect(201, 'POST', '/v1/webhooks', {
    name: 'producers',
    target_url: receiver.url('/events'),
    events: DOMAIN_EVENT_TYPES,
  });
  await matcherTableHolds(pipeline.apps.matcher.port, 1);
});

describe('producers outside this repository', () => {
  it('the events package, installed from its tarball with no path aliases: a wrong data shape does not compile, a published event is delivered', async () => {
    const project = await projectWithPackedPackage();
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compilerOptions = {
      strict: true,
      module: 'node16',
      moduleResolution: 'node16',
      target: 'ES2022',
      types: ['node'],
      outDir: 'dist',
    };
    writeFileSync(
      join(project, 'publish.ts'),
      `import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import {
  DomainEventPublisher,
  EVENT_CATALOG,
  createEventProducer,
  kafkaConnectionConfig,
  kafkaSettingsFromEnv,
  resolveDomainTopics,
  type EventData,
} from '@webhook-platform/events';

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'packed', ...kafkaConnectionConfig(kafkaSettingsFromEnv()) });
  const producer = createEventProducer(kafka);
  await producer.connect();
  const publisher = new DomainEventPublisher(producer, resolveDomainTopics());
  const contact: EventData<'contact.created'> = {
    ...EVENT_CATALOG['contact.created'].example,
    id: randomUUID(),
    organisation_id: process.env.ORGANISATION_ID!,
  };
  const events = await publisher.publish([
    { type: 'contact.created', organisation_id: process.env.ORGANISATION_ID!, data: contact },
  ]);
  await producer.disconnect();
  for (const event of events) console.log(JSON.stringify({ id: event.id, type: event.type }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`,
    );
    writeFileSync(
      join(project, 'wrong.ts'),
      `import type { Producer } from 'kafkajs';
import { DomainEventPublisher, resolveDomainTopics } from '@webhook-platform/events';

export function publishWrong(producer: Producer) {
  return new DomainEventPublisher(producer, resolveDomainTopics()).publish([
    { type: 'contact.created', organisation_id: 'org', data: { id: 'c1', display_name: 'Lena' } },
  ]);
}
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: ['publish.ts'] }),
    );
    writeFileSync(
      join(project, 'tsconfig.wrong.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, noEmit: true },
        files: ['wrong.ts'],
      }),
    );

    const wrong = await runStep(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], {
      cwd: project,
    }).then(
      () => 'compiled',
      (error: Error) => error.message,
    );
    expect(wrong).toMatch(/wrong\.ts\(6,\d+\): error TS\d+:/);
    expect(wrong).toMatch(/missing the following properties/);

    await runStep(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project });
    const { stdout } = await runStep(process.execPath, [join('dist', 'publish.js')], {
      cwd: project,
      env: producerEnv(),
    });
    const [sent] = landedLines(stdout) as unknown as { id: string; type: string }[];
    await waitFor('the callback', () => received().find((body) => body.id === sent.id), 30_000);
    expect(received().find((body) => body.id === sent.id)?.type).toBe('contact.created');
  }, 300_000);

  it('Python with confluent-kafka (librdkafka, murmur2_random): its events are delivered, each on the platform partition of its key', async () => {
    const python = await pythonWithConfluentKafka();
    const { stdout } = await runStep(
      python,
      [join(ROOT, 'examples', 'producers', 'python', 'producer.py'), String(CONTACTS)],
      { env: producerEnv() },
    );
    await expectDelivered(landedLines(stdout));
  }, 240_000);

  it('Go with franz-go (its murmur2 sticky-key partitioner): its events are delivered, each on the platform partition of its key', async () => {
    const binary = await builtGoExample();
    const { stdout } = await runStep(binary, [String(CONTACTS)], { env: producerEnv() });
    await expectDelivered(landedLines(stdout));
  }, 300_000);
});
