import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { runServiceScript, type Service } from '../support/local-infra';
import { sleep } from '../support/wait-for';

const ROOT = join(__dirname, '..', '..');

/** Ports of the drill's own broker and store: never the development ones (9092, 27017). */
export interface DrillPorts {
  kafka: number;
  kafkaController: number;
  mongo: number;
}

export const DEFAULT_DRILL_PORTS: DrillPorts = { kafka: 9192, kafkaController: 9193, mongo: 27117 };

/** True when something already listens on 127.0.0.1:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A Kafka broker and a FerretDB of the drill's own, started through scripts/kafka.sh and
 * scripts/ferretdb.sh with other ports and state dirs. Restarting them disturbs nobody
 * else: the scripts' `down` stops only the process named in this state dir's pid file.
 */
export class DrillInfra {
  private readonly stateDirs: Record<Service, string> = {
    kafka: join(ROOT, '.local', 'drill-kafka'),
    ferretdb: join(ROOT, '.local', 'drill-ferretdb'),
  };
  private readonly env: Record<Service, Record<string, string>>;

  constructor(readonly ports: DrillPorts = DEFAULT_DRILL_PORTS) {
    if ([ports.kafka, ports.kafkaController].includes(9092) || ports.mongo === 27017)
      throw new Error('the drill must not use the development broker or store ports');
    this.env = {
      kafka: {
        LOCAL_KAFKA_PORT: String(ports.kafka),
        LOCAL_KAFKA_CONTROLLER_PORT: String(ports.kafkaController),
        LOCAL_KAFKA_STATE_DIR: this.stateDirs.kafka,
      },
      ferretdb: {
        LOCAL_MONGO_PORT: String(ports.mongo),
        LOCAL_FERRETDB_STATE_DIR: this.stateDirs.ferretdb,
      },
    };
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.ports.kafka}`];
  }

  get mongoBaseUri(): string {
    return `mongodb://127.0.0.1:${this.ports.mongo}/`;
  }

  /** Fresh state each run: stops a leftover drill instance (ours, by pid file), wipes its data. */
  async start(): Promise<void> {
    for (const service of ['kafka', 'ferretdb'] as const) {
      this.run(service, 'down', true);
      rmSync(this.stateDirs[service], { recursive: true, force: true });
    }
    for (const port of [this.ports.kafka, this.ports.kafkaController, this.ports.mongo])
      if (await portInUse(port))
        throw new Error(`port ${port} is taken by another process; pick other DRILL_* ports`);
    this.up('kafka');
    this.up('ferretdb');
  }

  /** Stops the service (graceful, as an operator would), leaves it down a while, starts it again. */
  async restart(service: Service, downForMs: number): Promise<void> {
    this.down(service);
    await sleep(downForMs);
    this.up(service);
  }

  /** Stops the service as an operator would; `up` starts it again. */
  down(service: Service): void {
    this.run(service, 'down');
  }

  /** Stops both; safe to call more than once and after a failed start. */
  stop(): void {
    for (const service of ['kafka', 'ferretdb'] as const) this.run(service, 'down', true);
  }

  up(service: Service): void {
    if (!this.run(service, 'up')) throw new Error(`could not start the drill's ${service}`);
  }

  private run(service: Service, command: 'up' | 'down', quiet = false): boolean {
    return runServiceScript(service, command, quiet, this.env[service]);
  }
}
