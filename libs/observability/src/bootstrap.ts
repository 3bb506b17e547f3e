import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { InvalidConfigurationError } from '@app/config';

/**
 * Starts an app's HTTP side the same way everywhere: JSON logs through pino, shutdown hooks
 * so consumers drain and commit on SIGTERM (STYLE.md §11), and a clear exit on bad config.
 */
export async function bootstrapApp(options: {
  name: string;
  logger: Logger;
  port: number;
  module: unknown;
  configure?: (app: INestApplication) => void | Promise<void>;
}): Promise<INestApplication> {
  const app = await NestFactory.create(options.module as never, { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.enableShutdownHooks();
  await options.configure?.(app);
  await app.listen(options.port, '0.0.0.0');
  options.logger.info(
    { port: options.port },
    `${options.name} listening on http://127.0.0.1:${options.port}`,
  );
  return app;
}

/** For main.ts: an invalid configuration prints the named variables and exits 1. */
export function exitOnStartupFailure(name: string) {
  return (error: unknown): never => {
    if (error instanceof InvalidConfigurationError) {
      process.stderr.write(`${name}: ${error.message}\n`);
    } else {
      process.stderr.write(
        `${name}: failed to start: ${(error as Error)?.stack ?? String(error)}\n`,
      );
    }
    process.exit(1);
  };
}

/**
 * For a failure the process cannot recover from by itself (a consumer kafkajs stopped for
 * good): log it, then shut down gracefully with a failing exit so the supervisor
 * (docker-compose `restart`, Kubernetes, `npm start`'s report) restarts or surfaces it.
 * Offsets are committed only after work is handed on, so a restart loses nothing.
 */
export function shutDownOnFatal(logger: Logger, what: string) {
  return (error: Error): void => {
    logger.fatal({ err: error }, `${what}: stopped for good; shutting down for a restart`);
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  };
}
