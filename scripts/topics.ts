/*
 * npm run topics -- plan | apply
 *
 * Compares the platform's topics on a cluster with the registry (libs/contracts/src/topics.ts)
 * and, for `apply`, creates the missing ones and sets settings that differ; never deletes a
 * topic, never changes partitions or replicas (docs/operators.md, "Topics"). Reads the same
 * variables as the apps (KAFKA_*, KAFKA_TOPIC_PREFIX, topic names). Exits 0 when the topics
 * are as wanted, 1 when something differs, 2 on bad usage or configuration.
 */
import { InvalidConfigurationError } from '@app/config';
import { isTopicsCommand, runTopicsCommand } from './lib/topics-command';

const command = process.argv[2];
if (!isTopicsCommand(command)) {
  process.stderr.write('usage: npm run topics -- plan|apply\n');
  process.exit(2);
}
runTopicsCommand(command, process.env, (text) => process.stdout.write(`${text}\n`)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`topics: ${(error as Error).message}\n`);
    process.exit(error instanceof InvalidConfigurationError ? 2 : 1);
  },
);
