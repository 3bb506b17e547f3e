import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { InvalidConfigurationError } from '@app/config';

/**
 * Starts an app's HTTP side the same way everywhere: JSON logs through pino, shutdown hooks
 * so consumers drain and commit on SIGTERM, and a clear exit on bad config.
 */
export async function bootstrapApp(options: {
  name: string;
  logger: Logger;
  port: number;
  module: unknown;
  configure?: (app: INestApplication) => void | Promise<void>;
  /** After it listens: start what must wait for the app to be up (its consumers). */
  started?: (app: INestApplication) => Promise<unknown>;
}): Promise<INestApplication> {
  const app = await NestFactory.create(options.module as never, { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.enableShutdownHooks();
  exitIfShutdownHangs(options.logger);
  await options.configure?.(app);
  await app.listen(options.port, '0.0.0.0');
  options.logger.info(
    { port: options.port },
    `${options.name} listening on http://127.0.0.1:${options.port}`,
  );
  await options.started?.(app);
  return app;
}

/** Longer than the sender's drain (3 timeouts + 5 s), shorter than a typical kill grace period. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * A graceful shutdown that waits on something that never answers (a hung store, a broker
 * gone mid-commit) must not keep a stopped app alive: after the deadline, exit anyway.
 * Nothing is lost by that; offsets are committed only after work is handed on.
 */
function exitIfShutdownHangs(logger: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      setTimeout(() => {
        logger.error(
          { deadline_ms: SHUTDOWN_DEADLINE_MS },
          'shutdown did not finish in time; exiting',
        );
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
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
