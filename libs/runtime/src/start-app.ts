import type { INestApplication, DynamicModule } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import type { Logger } from 'pino';
import { validateEnv, type BaseConfig } from '@app/config';
import { resolveTopics, type Topics } from '@app/contracts';
import { hostConsumers } from '@app/kafka';
import { bootstrapApp, createLogger, exitOnStartupFailure } from '@app/observability';

export interface AppContext<C extends BaseConfig> {
  config: C;
  logger: Logger;
  topics: Topics;
}

/**
 * The whole of an app's main.ts: read and check the environment once, build the app's root
 * module from it, listen on its port, then start its consumers; a bad variable ends the process with its name.
 */
export function startApp<C extends BaseConfig>(
  name: string,
  configClass: ClassConstructor<C>,
  buildModule: (context: AppContext<C>) => DynamicModule,
  configure?: (app: INestApplication, context: AppContext<C>) => void | Promise<void>,
): void {
  const run = async () => {
    const config = validateEnv(configClass);
    const logger = createLogger(name, config.LOG_LEVEL);
    const context = {
      config,
      logger,
      topics: resolveTopics(process.env, config.KAFKA_TOPIC_PREFIX),
    };
    await bootstrapApp({
      name,
      logger,
      port: config.PORT,
      module: buildModule(context),
      configure: configure && ((app) => configure(app, context)),
      started: hostConsumers,
    });
  };
  run().catch(exitOnStartupFailure(name));
}
