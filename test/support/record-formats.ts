import type { INestApplication } from '@nestjs/common';
import type { Admin, Producer } from 'kafkajs';
import request from 'supertest';
import type { App } from 'supertest/types';
import { RECORD_FORMAT, RECORD_FORMAT_HEADER } from '@app/contracts';

/*
 * What the rolling-upgrade tests write as a newer release would (docs/operators.md,
 * "Upgrading"): records with fields this release does not know, in a newer minor format,
 * and records in a newer major format.
 */

export const NEWER_MINOR = `${RECORD_FORMAT.major}.${RECORD_FORMAT.minor + 1}`;
export const NEWER_MAJOR = `${RECORD_FORMAT.major + 1}.0`;

/** Fields a newer release might add, at the top and nested. */
export const UNKNOWN_FIELDS = { added_in_a_later_release: { nested: ['a', 1] }, priority: 7 };

/**
 * Produces one record to a given partition in the given format (none: a record written
 * before format versions); resolves to its offset.
 */
export async function produceAt(
  producer: Producer,
  at: { topic: string; partition: number },
  key: string,
  value: unknown,
  formatVersion?: string,
): Promise<string> {
  const [written] = await producer.send({
    topic: at.topic,
    acks: -1,
    messages: [
      {
        key,
        value: JSON.stringify(value),
        partition: at.partition,
        headers: formatVersion ? { [RECORD_FORMAT_HEADER]: formatVersion } : undefined,
      },
    ],
  });
  return written.baseOffset!;
}

/** The app's /health answer (200 or 503) and body. */
export async function healthOf(
  app: INestApplication,
): Promise<{ status: number; details: Record<string, Record<string, unknown>> }> {
  const response = await request(app.getHttpServer() as App).get('/health');
  const body = response.body as { details?: Record<string, Record<string, unknown>> };
  return { status: response.status, details: body.details ?? {} };
}

/** The partitions a /health check says are stopped at a newer format. */
export function stoppedPartitions(
  check: Record<string, unknown> | undefined,
): Array<{ topic: string; partition: number; offset: string; format_version: string }> {
  return (check?.unreadable_partitions ?? []) as ReturnType<typeof stoppedPartitions>;
}

/** The group's committed offset of one partition ('-1': none). */
export async function committedOffset(
  admin: Admin,
  groupId: string,
  topic: string,
  partition: number,
): Promise<string> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return committed.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
}
