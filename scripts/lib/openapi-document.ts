import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { validateEnv } from '@app/config';
import { resolveTopics } from '@app/contracts';
import { createLogger } from '@app/observability';
import { createOpenApiDocument } from '../../apps/management/src/configure-app';
import { ManagementConfig } from '../../apps/management/src/management.config';
import { ManagementModule } from '../../apps/management/src/management.module';

/**
 * Management's OpenAPI document, built from its controllers and DTOs without connecting to
 * anything: Nest's preview mode resolves the module graph but instantiates no provider, so
 * no Kafka client or database connection is made. The values below only satisfy validation.
 */
export async function buildManagementOpenApiDocument(): Promise<OpenAPIObject> {
  const config = validateEnv(ManagementConfig, {
    KAFKA_BROKERS: '127.0.0.1:9',
    MONGODB_URI: 'mongodb://127.0.0.1:9/unused',
    ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('management', config.LOG_LEVEL);
  const app = await NestFactory.create(
    ManagementModule.forRoot({ config, logger, topics: resolveTopics({}, '') }),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return await createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
