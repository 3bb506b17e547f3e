import pino, { type Logger } from 'pino';

/**
 * The app's structured JSON logger. Nest's own logs, HTTP logs (nestjs-pino) and kafkajs's
 * logs all go through it, so every line is one JSON object with `app` set.
 */
export function createLogger(app: string, level: string): Logger {
  return pino({
    level,
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Request logs carry the headers: never the credentials in them.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  });
}
