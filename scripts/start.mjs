// `npm start`: the platform on the embedded local infrastructure.
// Starts local Kafka and FerretDB unless KAFKA_BROKERS / MONGODB_URI point elsewhere,
// builds the apps and the web app, starts management, matcher and sender, waits until each
// reports healthy on /health, and prints where everything is (the web app included).
// Ctrl-C stops the apps and what it started.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCAL = { kafka: '127.0.0.1:9092', ferretdb: 'mongodb://127.0.0.1:27017/webhooks' };
const APPS = [
  { name: 'management', port: 3000, extra: 'web app /, Swagger UI /docs, OpenAPI /docs-json' },
  { name: 'matcher', port: 3001, extra: '' },
  { name: 'sender', port: 3002, extra: '' },
];

const env = { ...process.env };
const startedInfra = [];
const children = [];

function script(service, command) {
  execFileSync('bash', [join(root, 'scripts', `${service}.sh`), command], { stdio: 'inherit' });
}

/** Local services are used when the variable is unset or names the local default address. */
function ensureLocal(service, variable, localValue) {
  if (env[variable] && env[variable] !== localValue) return `${env[variable]} (from ${variable})`;
  try {
    execFileSync('bash', [join(root, 'scripts', `${service}.sh`), 'status'], { stdio: 'ignore' });
  } catch {
    script(service, 'up');
    startedInfra.push(service);
  }
  env[variable] = localValue;
  return `${localValue} (local ${service})`;
}

/** Development secrets, generated once and kept in the git-ignored .local folder. */
function devSecrets() {
  const file = join(root, '.local', 'dev-secrets.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const secrets = {
      ADMIN_TOKEN: `adm_${randomBytes(24).toString('base64url')}`,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const secrets = JSON.parse(readFileSync(file, 'utf8'));
  env.ADMIN_TOKEN ??= secrets.ADMIN_TOKEN;
  env.DATA_ENCRYPTION_KEY ??= secrets.DATA_ENCRYPTION_KEY;
  return file;
}

async function waitHealthy(app, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null)
      throw new Error(`${app.name} exited with code ${app.child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${app.name} not healthy after ${timeoutMs / 1000} s`);
}

/** Restarts of one app within a minute beyond which the platform stops instead. */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * Starts an app, and starts it again when it exits on its own: an app shuts down when one of
 * its Kafka consumers is stopped for good (docs/design.md, "Consumers") and counts on its
 * supervisor, here this script, to restart it from the committed offsets. An app that keeps
 * exiting stops the platform.
 */
function launch(entry) {
  entry.child = spawn(
    process.execPath,
    [join(root, 'dist', 'apps', entry.name, 'src', 'main.js')],
    {
      cwd: root,
      env: { ...env, PORT: String(entry.port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  entry.child.once('exit', (code) => {
    if (stopping) return;
    const now = Date.now();
    entry.restarts = entry.restarts.filter((at) => now - at < 60_000).concat(now);
    if (entry.restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`${entry.name} exited with code ${code} again; stopping the platform`);
      void stop(1);
      return;
    }
    console.error(`${entry.name} exited with code ${code}; starting it again`);
    setTimeout(() => stopping || launch(entry), 1000);
  });
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(({ child }) =>
      child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null,
    ),
  );
  for (const service of startedInfra.reverse()) script(service, 'down');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const kafka = ensureLocal('kafka', 'KAFKA_BROKERS', LOCAL.kafka);
  const mongo = ensureLocal('ferretdb', 'MONGODB_URI', LOCAL.ferretdb);
  const secretsFile = devSecrets();
  console.log('building the apps...');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  for (const app of APPS) {
    const entry = { ...app, child: null, restarts: [] };
    launch(entry);
    children.push(entry);
  }
  await Promise.all(children.map((app) => waitHealthy(app)));
  console.log('\nThe webhook platform is up:');
  console.table([
    ...APPS.map((app) => ({
      part: app.name,
      where: `http://127.0.0.1:${app.port}`,
      notes: ['/health', '/metrics', app.extra].filter(Boolean).join(', '),
    })),
    { part: 'kafka', where: kafka, notes: 'topics are created by the apps' },
    { part: 'mongodb', where: mongo, notes: 'FerretDB on PostgreSQL when local' },
  ]);
  console.log(
    `\nWeb app: http://127.0.0.1:${APPS[0].port}/settings/integration/webhooks` +
      ' (sign in with an organisation API key; README, "The web app", says how to issue one)',
  );
  console.log(
    `Admin token and data key for development: ${secretsFile}\nCtrl-C stops everything this command started.`,
  );
} catch (error) {
  console.error(`npm start failed: ${error.message}`);
  await stop(1);
}
