import { randomBytes } from 'node:crypto';
import { resolveTopics, type Topics } from '@app/contracts';

/** Broker and document store the integration tests use (the local ones unless overridden). */
export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const TEST_MONGO_BASE_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';

/** A name no other test (or earlier run) uses, for topics, groups and databases. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A database URI of its own for one test suite (on the test store unless `baseUri` says). */
export function testMongoUri(database: string, baseUri = TEST_MONGO_BASE_URI): string {
  const url = new URL(baseUri);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The platform's topics under a prefix of their own, so suites never see each other's records. */
export function testTopics(prefix = uniqueName('t')): Topics {
  return resolveTopics({}, `${prefix}.`);
}
