import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose cannot run on the machines this is built on, so its shape is checked here:
 * the file parses (anchors and merge keys included), and every service is wired the way the
 * apps and docs/design.md expect.
 */
const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form YAML, checked field by field below
  services: Record<string, any>;
};
const APPS = { management: 3000, matcher: 3001, sender: 3002 } as const;

describe('docker-compose.yml', () => {
  it('runs Kafka 3.9 in KRaft mode without topic auto-creation', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.healthcheck.test.join(' ')).toContain('kafka-broker-api-versions');
  });

  it('runs MongoDB 7 and the maintained kafka-ui (kafbat), pinned, pointed at the broker', () => {
    expect(compose.services.mongodb.image).toBe('mongo:7');
    expect(compose.services['kafka-ui'].image).toMatch(/^kafbat\/kafka-ui:v\d+\.\d+\.\d+$/);
    expect(compose.services['kafka-ui'].environment.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS).toBe(
      'kafka:9092',
    );
  });

  it.each(Object.entries(APPS))('builds and wires the %s app', (app, port) => {
    const service = compose.services[app];
    expect(service.build.args.APP).toBe(app);
    expect(service.ports).toEqual([`${port}:${port}`]);
    expect(service.environment).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', PORT: port });
    expect(service.environment.MONGODB_URI).toMatch(/^mongodb:\/\/mongodb:27017\//);
    expect(service.depends_on).toEqual({
      kafka: { condition: 'service_healthy' },
      mongodb: { condition: 'service_healthy' },
    });
    expect(existsSync(join(root, 'apps', app, 'src', 'main.ts'))).toBe(true);
  });

  it('uses the Dockerfile entry point the build produces', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('dist/apps/${APP}/src/main.js');
    expect(dockerfile).toMatch(/FROM node:\d+-bookworm-slim AS build/);
  });

  it('ships the web app: the image runs the build that makes dist/web and keeps dist', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.build).toContain('vite build --config apps/web/vite.config.mjs');
    expect(readFileSync(join(root, 'apps', 'web', 'vite.config.mjs'), 'utf8')).toContain(
      "'../../dist/web'",
    );
    expect(dockerfile).toContain('COPY apps apps');
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('COPY --from=build /app/dist dist');
  });
});
