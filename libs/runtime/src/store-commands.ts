import type { Connection } from 'mongoose';
import { Counter } from 'prom-client';

/**
 * Counts the commands the app sends to its document store, by command (insert, update,
 * find, getMore...), from the MongoDB driver's command monitoring: what a delivered callback
 * costs the store, and what an idle app still asks of it. `mongodb_commands_total{command}`.
 */
export class StoreCommands {
  readonly metric = new Counter({
    name: 'mongodb_commands_total',
    help: 'Commands sent to MongoDB by this process, by command name',
    labelNames: ['command'],
    registers: [],
  });

  /** Counts the commands of a connection opened with `monitorCommands: true`. */
  watch(connection: Connection): Connection {
    connection
      .getClient()
      .on('commandStarted', ({ commandName }) => this.metric.inc({ command: commandName }));
    return connection;
  }
}
