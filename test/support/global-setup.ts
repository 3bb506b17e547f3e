import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureChromium } from './chromium';
import { runServiceScript, SERVICES, STARTED_FILE, type Service } from './local-infra';

/**
 * Integration tests run against the real local Kafka broker and FerretDB. Whatever is not
 * running is started here (first run: resolved and built into .local/) and stopped again by
 * global-teardown; services that were already running (npm start) are left alone.
 * Set KAFKA_BROKERS and MONGODB_URI to test against other servers instead. The browser
 * tests' Chromium is installed here too when it is missing and this runs as root.
 */
export default function globalSetup(): void {
  const started: Service[] = [];
  const external = { kafka: process.env.KAFKA_BROKERS, ferretdb: process.env.MONGODB_URI };
  for (const service of SERVICES) {
    if (external[service]) {
      console.log(`\n[integration] using ${service} at ${external[service]}`);
      continue;
    }
    // The broker also opens its SASL_SSL listener (test/e2e/secure-kafka.test.ts uses it).
    const env: Record<string, string> = service === 'kafka' ? { LOCAL_KAFKA_SECURE: '1' } : {};
    if (runServiceScript(service, 'status', true)) {
      console.log(`\n[integration] ${service} already running; reusing it`);
      // A broker started without the SASL_SSL listener is restarted with it.
      if (service === 'kafka' && !runServiceScript(service, 'up', false, env))
        throw new Error('could not open the SASL_SSL listener of the local broker');
      continue;
    }
    console.log(`\n[integration] starting local ${service}...`);
    if (!runServiceScript(service, 'up', false, env))
      throw new Error(`could not start local ${service}; see the output above`);
    started.push(service);
  }
  mkdirSync(dirname(STARTED_FILE), { recursive: true });
  writeFileSync(STARTED_FILE, JSON.stringify(started));
  ensureChromium();
}
