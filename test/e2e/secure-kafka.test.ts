import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_CATALOG } from '@app/contracts';
import { AppProcess } from '../support/app-process';
import { whenRoutesRead } from '../support/app-metric';
import { pipelineWithReceiver, verifiedBody } from '../support/e2e-suite';
import { selfSignedCert } from '../support/https-receiver';
import { freePort } from '../support/pipeline';
import { secureKafkaEnv, secureMaterial } from '../support/secure-kafka';
import { waitFor } from '../support/wait-for';

/**
 * The platform on a cluster that asks what managed Kafka services ask: TLS and SASL. The three
 * apps reach the local broker through its SASL_SSL listener only, each with another SASL
 * mechanism (management also with a client certificate), and a callback arrives signed.
 * Wrong credentials and an untrusted certificate stop an app at once, with the cause named.
 */

const { receiver, pipeline } = pipelineWithReceiver({
  pipeline: {
    // The harness (its producer and admin) reaches the broker the same way as the apps.
    env: secureKafkaEnv('scram-sha-512'),
    appEnv: {
      management: secureKafkaEnv('scram-sha-256', { mutualTls: true }),
      matcher: secureKafkaEnv('plain'),
      sender: secureKafkaEnv('scram-sha-512'),
    },
  },
});

/** A matcher (it needs no store) started with `env` on top of a valid SASL_SSL setup. */
async function matcherThatShouldFail(env: Record<string, string>) {
  const app = new AppProcess('matcher', await freePort(), {
    ...secureKafkaEnv('scram-sha-512'),
    KAFKA_TOPIC_PREFIX: `${pipeline.runId}.`,
    MATCHER_CONSUMER_GROUP: `${pipeline.runId}.failing-matcher`,
    ...env,
  });
  app.launch();
  try {
    return await app.exited(30_000);
  } finally {
    await app.stop('SIGKILL');
  }
}

describe('Kafka over SASL_SSL', () => {
  it('delivers a signed callback with every app on the SASL_SSL listener only', async () => {
    const organisationId = randomUUID();
    const api = await pipeline.newOrganisation(organisationId);
    const webhook = await whenRoutesRead(
      [pipeline.apps.matcher.port, pipeline.apps.sender.port],
      () =>
        api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
          name: 'over SASL_SSL',
          target_url: receiver.url('/secure'),
          events: ['contact.created'],
        }),
    );
    const { secret } = await api.expect<{ secret: string }>(
      200,
      'GET',
      `/v1/webhooks/${webhook.id}/secret`,
    );
    const [event] = await pipeline.publisher.publish([
      {
        type: 'contact.created',
        organisation_id: organisationId,
        data: EVENT_CATALOG['contact.created'].example,
      },
    ]);
    const request = await waitFor('the callback', () => receiver.on('/secure')[0], 30_000);
    expect(verifiedBody<{ id: string }>(request, secret).id).toBe(event.id);
    // The attempt came back to management over SASL_SSL too.
    await waitFor(
      'the attempt in the delivery log',
      async () =>
        (await api.expect<{ data: unknown[] }>(200, 'GET', `/v1/webhooks/${webhook.id}/deliveries`))
          .data.length > 0,
      15_000,
    );
  });

  it('stops an app within 30 s on a wrong password, saying Kafka authentication failed, never the password', async () => {
    const wrong = `wrong-${randomUUID()}`;
    const { code, lastOutput } = await matcherThatShouldFail({
      KAFKA_SASL_PASSWORD_FILE: '',
      KAFKA_SASL_PASSWORD: wrong,
    });
    expect(code).not.toBe(0);
    const output = lastOutput.join('\n');
    expect(output).toMatch(/Kafka authentication failed/);
    expect(output).toMatch(/"kafka_access":"authentication"/); // the JSON log line
    expect(output).not.toContain(wrong);
    expect(output).not.toContain(secureMaterial().password);
  }, 40_000);

  it('stops an app on a CA that did not sign the broker certificate, naming a TLS failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'other-ca-'));
    try {
      const otherCa = join(dir, 'ca.pem');
      writeFileSync(otherCa, selfSignedCert().cert);
      const { code, lastOutput } = await matcherThatShouldFail({ KAFKA_SSL_CA_FILE: otherCa });
      expect(code).not.toBe(0);
      expect(lastOutput.join('\n')).toMatch(/TLS connection to Kafka failed: [A-Z_]+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('refuses to start, naming the variable, when a SASL mechanism has no username', async () => {
    const { code, lastOutput } = await matcherThatShouldFail({ KAFKA_SASL_USERNAME: '' });
    expect(code).toBe(1);
    expect(lastOutput.join('\n')).toMatch(/KAFKA_SASL_MECHANISM: needs KAFKA_SASL_USERNAME/);
  });
});
