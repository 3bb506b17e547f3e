import type { INestApplication } from '@nestjs/common';
import { KafkaBatchTransport } from './batch-consumer.transport';

/**
 * Starts the app's consumers once it is initialised (connections up, tables loading): its
 * KafkaBatchTransport becomes a connected microservice, so Nest closes it on shutdown, which
 * drains the consumers before `onApplicationShutdown` disconnects what they use.
 */
export async function hostConsumers(app: INestApplication): Promise<KafkaBatchTransport> {
  const strategy = app.get(KafkaBatchTransport);
  // Not the app's HTTP pipes and filters: a batch is not a request body.
  app.connectMicroservice({ strategy });
  await app.startAllMicroservices();
  return strategy;
}
