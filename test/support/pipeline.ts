import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import mongoose from 'mongoose';
import {
  DELIVERY_LADDER,
  DOMAIN_TOPIC_KEYS,
  DomainEventPublisher,
  resolveTopics,
  type Topics,
} from '@app/contracts';
import { createKafkaClientFromEnv } from '@app/kafka';
import { AppProcess } from './app-process';
import type { GroupReading } from './caught-up';
import { TEST_BROKERS, testMongoUri, uniqueName } from './test-env';
import { replayProgressGroupId } from '../../apps/management/src/consumers/consumers';
import { replayGroupId } from '../../apps/matcher/src/replay-consumer';

export type AppName = 'management' | 'matcher' | 'sender';
export const APP_NAMES: readonly AppName[] = ['management', 'matcher', 'sender'];

export interface PipelineOptions {
  /** Extra environment for every app (e.g. WEBHOOK_RETRY_DELAYS). */
  env?: Record<string, string>;
  /** Extra environment per app. */
  appEnv?: Partial<Record<AppName, Record<string, string>>>;
  /** PEM certificate the sender should trust (a local HTTPS receiver's self-signed one). */
  trustCertificate?: string;
  /** Kafka brokers to run on; the test broker (TEST_BROKERS) by default. */
  brokers?: string[];
  /** Document store to run on (the pipeline makes its own database there); the test store by default. */
  mongoBaseUri?: string;
}

/** A free TCP port on 127.0.0.1, found by letting the OS pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Thin JSON client of the management REST API, with one credential. */
export class ManagementClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Like request, but fails with the response when the status is not the expected one. */
  async expect<T = unknown>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.request<T>(method, path, body);
    if (response.status !== status)
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body;
  }
}

/**
 * The whole platform as users run it: management, matcher and sender as separate processes
 * from dist/, on the real local Kafka and document store, with topics, consumer groups and a
 * database of their own. Used by the end-to-end tests, the drills, the demo and the benchmark.
 */
export class Pipeline {
  readonly runId = uniqueName('pipe');
  readonly topics: Topics = resolveTopics({}, `${this.runId}.`);
  readonly brokers: string[];
  readonly mongoUri: string;
  readonly adminToken = `adm_${randomBytes(24).toString('base64url')}`;
  readonly kafka: Kafka;
  /** Each app's main consumer group. */
  readonly groups: Record<AppName, string> = {
    management: `${this.runId}.management`,
    matcher: `${this.runId}.matcher`,
    sender: `${this.runId}.sender`,
  };
  readonly apps = {} as Record<AppName, AppProcess>;
  /** Further instances of an app (scale-out drills), in the same groups, topics and store. */
  readonly extraInstances: AppProcess[] = [];
  admin!: ManagementClient;
  publisher!: DomainEventPublisher;
  private producer!: Producer;
  private readonly encryptionKey = randomBytes(32).toString('base64');

  constructor(private readonly options: PipelineOptions = {}) {
    this.brokers = options.brokers ?? TEST_BROKERS;
    this.mongoUri = testMongoUri(this.runId, options.mongoBaseUri);
    // The harness reaches Kafka as the apps do (options.env may set TLS and SASL).
    this.kafka = createKafkaClientFromEnv(
      'pipeline-harness',
      {},
      {
        ...process.env,
        KAFKA_BROKERS: this.brokers.join(','),
        ...options.env,
      },
    );
  }

  /** Starts the three apps (management first: it is the one users talk to) and a producer. */
  async start(): Promise<this> {
    const env = this.commonEnv();
    for (const name of APP_NAMES)
      this.apps[name] = new AppProcess(name, await freePort(), {
        ...env,
        ...this.options.appEnv?.[name],
      });
    await Promise.all(APP_NAMES.map((name) => this.apps[name].start()));
    this.admin = new ManagementClient(this.managementUrl, this.adminToken);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.publisher = new DomainEventPublisher(this.producer, this.topics);
    return this;
  }

  /**
   * Every consumer group of the apps that commits, with the topics it reads: what caughtUp
   * waits on before a test asserts that nothing more arrived. The replay groups are named by
   * the apps' own functions (a wrong name would never catch up).
   */
  get consumerGroups(): GroupReading[] {
    const { groups, topics } = this;
    return [
      { groupId: groups.matcher, topics: DOMAIN_TOPIC_KEYS.map((key) => topics[key]) },
      {
        groupId: replayGroupId({ MATCHER_CONSUMER_GROUP: groups.matcher }),
        topics: [topics.replays],
      },
      {
        groupId: groups.sender,
        topics: [...DELIVERY_LADDER.map((key) => topics[key]), topics.deliveriesOrdered],
      },
      { groupId: groups.management, topics: [topics.attempts] },
      {
        groupId: replayProgressGroupId({ MANAGEMENT_CONSUMER_GROUP: groups.management }),
        topics: [topics.replayProgress],
      },
    ];
  }

  get managementUrl(): string {
    return `http://127.0.0.1:${this.apps.management.port}`;
  }

  /** A new organisation with an API key issued through the admin endpoint. */
  async newOrganisation(organisationId: string): Promise<ManagementClient> {
    const issued = await this.admin.expect<{ key: string }>(201, 'POST', '/v1/admin/api-keys', {
      organisation_id: organisationId,
      name: 'pipeline',
    });
    return new ManagementClient(this.managementUrl, issued.key);
  }

  /** Starts one more instance of an app, as an operator scaling out would; stopped with the rest. */
  async addInstance(name: AppName): Promise<AppProcess> {
    const instance = new AppProcess(name, await freePort(), {
      ...this.commonEnv(),
      ...this.options.appEnv?.[name],
    });
    this.extraInstances.push(instance);
    await instance.start();
    return instance;
  }

  /** kill -9 then start again on the same port, topics, group and database. */
  async crashAndRestart(name: AppName): Promise<void> {
    await this.apps[name].kill();
    await this.apps[name].start();
  }

  async stop({ keepDatabase = false } = {}): Promise<void> {
    await Promise.all(
      [...APP_NAMES.map((name) => this.apps[name]), ...this.extraInstances].map((app) =>
        app?.stop(),
      ),
    );
    await this.producer?.disconnect();
    if (keepDatabase) return;
    const connection = await mongoose.createConnection(this.mongoUri).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }

  private commonEnv(): Record<string, string> {
    const env: Record<string, string> = {
      KAFKA_BROKERS: this.brokers.join(','),
      KAFKA_TOPIC_PREFIX: `${this.runId}.`,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      MONGODB_URI: this.mongoUri,
      ADMIN_TOKEN: this.adminToken,
      DATA_ENCRYPTION_KEY: this.encryptionKey,
      // The receivers are local: allow loopback targets, as a development setup would.
      WEBHOOK_ALLOWED_PRIVATE_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_DELAYS: '1s,1s,1s',
      MATCHER_CONSUMER_GROUP: this.groups.matcher,
      SENDER_CONSUMER_GROUP: this.groups.sender,
      MANAGEMENT_CONSUMER_GROUP: this.groups.management,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      ...this.options.env,
    };
    if (this.options.trustCertificate) {
      // Node adds NODE_EXTRA_CA_CERTS to its trusted roots at start: the sender then trusts
      // the local receiver exactly as it trusts a public CA, with no test-only code path.
      const dir = join(__dirname, '..', '..', '.local', 'test-certs');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${this.runId}.pem`);
      writeFileSync(file, this.options.trustCertificate);
      env.NODE_EXTRA_CA_CERTS = file;
    }
    return env;
  }
}
