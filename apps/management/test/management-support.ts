import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import request from 'supertest';
import type { App } from 'supertest/types';
import { validateEnv } from '@app/config';
import type { AttemptOutcome, Topics } from '@app/contracts';
import { hostConsumers } from '@app/kafka';
import { createLogger } from '@app/observability';
import { TEST_BROKERS, testMongoUri, testTopics, uniqueName } from '../../../test/support/test-env';
import { configureApp } from '../src/configure-app';
import { ManagementConfig } from '../src/management.config';
import { ManagementModule } from '../src/management.module';
import type { LastDelivery } from '../src/webhooks/store/webhook-record';

export const ADMIN_TOKEN = `adm_${randomBytes(24).toString('base64url')}`;
const DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64');

export interface ManagementUnderTest {
  app: INestApplication;
  http: App;
  topics: Topics;
  config: ManagementConfig;
  mongoUri: string;
  /** A fresh organisation and an API key for it. */
  newOrganisation(): Promise<{ organisationId: string; key: string }>;
  /** Stops the app and keeps its database. */
  stop(): Promise<void>;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
}

/**
 * The management app in-process, built exactly as main.ts builds it, on the real local
 * Kafka and document store with a database, topics and consumer group of its own.
 */
export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse another instance's topics and database (a restart). */
  topics?: Topics;
  mongoUri?: string;
}

export async function startManagement(options: StartOptions = {}): Promise<ManagementUnderTest> {
  const env = options.env ?? {};
  const topics = options.topics ?? testTopics();
  const mongoUri = options.mongoUri ?? testMongoUri(uniqueName('mgmt'));
  const config = validateEnv(ManagementConfig, {
    KAFKA_BROKERS: TEST_BROKERS.join(','),
    MONGODB_URI: mongoUri,
    ADMIN_TOKEN,
    DATA_ENCRYPTION_KEY,
    MANAGEMENT_CONSUMER_GROUP: `mgmt-group.${topics.attempts}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const logger = createLogger('management', config.LOG_LEVEL);
  // NestFactory, as main.ts does (only abortOnError differs: a failure must throw here, not
  // end the test process). scripts/fuzz-management.sh runs the built main.js itself.
  const app = await NestFactory.create(ManagementModule.forRoot({ config, logger, topics }), {
    logger: false,
    abortOnError: false,
  });
  await configureApp(app);
  await app.init();
  await hostConsumers(app);
  const http = app.getHttpServer() as App;

  return {
    app,
    http,
    topics,
    config,
    mongoUri,
    async newOrganisation() {
      const organisationId = randomUUID();
      const response = await request(http)
        .post('/v1/admin/api-keys')
        .set('authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ organisation_id: organisationId, name: 'test' })
        .expect(201);
      return { organisationId, key: (response.body as { key: string }).key };
    },
    async stop() {
      await app.close();
    },
    async close() {
      await app.close();
      const connection = await mongoose.createConnection(mongoUri).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** A valid create body; override what a test is about. */
export function webhookBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'CRM sync',
    target_url: `https://hooks.example.com/${randomUUID()}`,
    events: ['contact.created', 'conversation.inbound'],
    ...overrides,
  };
}

/** A succeeded first attempt as the sender reports it; override what a test is about. */
export function attemptOutcome(
  owner: { webhookId: string; organisationId: string },
  overrides: Partial<AttemptOutcome> = {},
): AttemptOutcome {
  const deliveryId = overrides.delivery_id ?? randomUUID();
  return {
    delivery_id: deliveryId,
    webhook_id: owner.webhookId,
    organisation_id: owner.organisationId,
    event_id: randomUUID(),
    event_type: 'contact.created',
    trigger: 'event',
    series_id: deliveryId,
    attempt: 1,
    status: 'succeeded',
    status_code: 200,
    error_kind: null,
    error: null,
    duration_ms: 87,
    response_excerpt: 'ok',
    attempted_at: new Date().toISOString(),
    next: 'done',
    next_attempt_at: null,
    payload: {
      id: randomUUID(),
      type: 'contact.created',
      timestamp: new Date().toISOString(),
      organisation_id: owner.organisationId,
      data: { id: randomUUID(), full_name: 'Ada Lovelace', 'odd.key': { $weird: true } },
    },
    ...overrides,
  };
}

/** A succeeded first attempt as a webhook's `last_delivery` keeps it; override what a test is about. */
export function succeededLastDelivery(attemptedAt: Date = new Date()): LastDelivery {
  return {
    delivery_id: randomUUID(),
    status: 'succeeded',
    status_code: 200,
    error_kind: null,
    error: null,
    attempt: 1,
    attempted_at: attemptedAt,
    duration_ms: 5,
  };
}
