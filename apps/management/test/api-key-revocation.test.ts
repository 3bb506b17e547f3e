import request from 'supertest';
import { waitFor } from '../../../test/support/wait-for';
import type { ApiKeyListDto } from '../src/auth/api-key.dto';
import { ADMIN_TOKEN, startManagement, type ManagementUnderTest } from './management-support';

/**
 * API keys are listed and revoked through the admin API. Every instance remembers a key for
 * a moment (ApiKeyCache), and revoking one through one instance still shuts it out of every
 * instance within 2 s (docs/operators.md). Two instances share one store, as in production.
 */
describe('API key listing and revocation across two management instances', () => {
  let first: ManagementUnderTest;
  let second: ManagementUnderTest;

  beforeAll(async () => {
    first = await startManagement();
    second = await startManagement({ topics: first.topics, mongoUri: first.mongoUri });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.close();
  });

  const admin = (instance: ManagementUnderTest) => ({
    list: (organisationId: string) =>
      request(instance.http)
        .get('/v1/admin/api-keys')
        .query({ organisation_id: organisationId })
        .set('authorization', `Bearer ${ADMIN_TOKEN}`),
    revoke: (id: string) =>
      request(instance.http)
        .delete(`/v1/admin/api-keys/${id}`)
        .set('authorization', `Bearer ${ADMIN_TOKEN}`),
  });
  const listWebhooks = (instance: ManagementUnderTest, key: string) =>
    request(instance.http).get('/v1/webhooks').set('authorization', `Bearer ${key}`);

  it('lists a key with its name, prefix and last use, never the key or its hash', async () => {
    const { organisationId, key } = await first.newOrganisation();
    const before = (await admin(first).list(organisationId).expect(200)).body as ApiKeyListDto;
    expect(before.data).toEqual([
      expect.objectContaining({
        organisation_id: organisationId,
        name: 'test',
        key_prefix: key.slice(0, 10),
        last_used_at: null,
      }),
    ]);
    const [listed] = before.data;
    expect(Object.keys(listed).sort()).toEqual(
      ['created_at', 'id', 'key_prefix', 'last_used_at', 'name', 'organisation_id'].sort(),
    );
    expect(JSON.stringify(before)).not.toContain(key);

    await listWebhooks(second, key).expect(200);
    const used = await waitFor(
      'last_used_at to be recorded',
      async () => {
        const body = (await admin(first).list(organisationId)).body as ApiKeyListDto;
        return body.data[0]?.last_used_at ? body.data[0] : null;
      },
      5_000,
    );
    expect(Date.parse(used.last_used_at!)).toBeGreaterThanOrEqual(Date.parse(listed.created_at));
  });

  it('answers 400 naming organisation_id, and 401 without the admin token', async () => {
    const bad = await admin(first).list('not-a-uuid').expect(400);
    expect(JSON.stringify(bad.body)).toContain('organisation_id');
    const { key } = await first.newOrganisation();
    await request(first.http)
      .get('/v1/admin/api-keys')
      .query({ organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a' })
      .set('authorization', `Bearer ${key}`)
      .expect(401);
  });

  it('refuses a revoked key with 401 on both instances within 2 s although both just used it', async () => {
    const { organisationId, key } = await first.newOrganisation();
    const other = await first.newOrganisation();
    for (const instance of [first, second]) {
      await listWebhooks(instance, key).expect(200);
      await listWebhooks(instance, key).expect(200); // now remembered
    }
    const [listed] = ((await admin(first).list(organisationId)).body as ApiKeyListDto).data;

    await admin(first).revoke(listed.id).expect(204);
    const revokedAt = Date.now();
    await waitFor(
      'the revoked key to be refused by both instances',
      async () =>
        (await listWebhooks(first, key)).status === 401 &&
        (await listWebhooks(second, key)).status === 401,
      5_000,
    );
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(2_000);
    await listWebhooks(first, key).expect(401);
    await listWebhooks(second, key).expect(401);
    expect(((await admin(second).list(organisationId)).body as ApiKeyListDto).data).toEqual([]);

    // Another organisation's key is untouched; a second revoke is a 404.
    await listWebhooks(second, other.key).expect(200);
    await admin(second).revoke(listed.id).expect(404);
  });

  it('answers 404 for an id that is not a key', async () => {
    await admin(first).revoke('5b0d7c3e-8a4f-4f0e-9d51-3c2b1a0f9e8d').expect(404);
    await admin(first).revoke('nope').expect(404);
  });
});
