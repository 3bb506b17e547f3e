import { runServiceScript, SERVICES, type Service } from './local-infra';

/**
 * Starts whichever of the local Kafka and FerretDB is not running, and later stops only
 * those: infrastructure someone else started stays up.
 */
export class LocalServices {
  private readonly started: Service[] = [];

  ensureRunning(): void {
    for (const service of SERVICES) {
      if (runServiceScript(service, 'status', true)) {
        console.log(`${service}: already running, left as it is`);
        continue;
      }
      console.log(`${service}: not running, starting it (stopped again at the end)...`);
      if (!runServiceScript(service, 'up')) throw new Error(`could not start ${service}`);
      this.started.push(service);
    }
  }

  stopStarted(): void {
    for (const service of this.started.splice(0).reverse()) runServiceScript(service, 'down');
  }
}

/**
 * Runs `work` with the local Kafka and FerretDB up (for the benchmark scripts), and stops
 * afterwards, or on Ctrl-C, whichever of them it had to start.
 */
export async function withLocalServices<T>(work: () => Promise<T>): Promise<T> {
  const services = new LocalServices();
  services.ensureRunning();
  const onInterrupt = () => {
    services.stopStarted();
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    services.stopStarted();
  }
}
