import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import { waitFor } from '../../../test/support/wait-for';
import { startManagement, type ManagementUnderTest } from './management-support';

/**
 * API keys are remembered for a moment (ApiKeyCache), and revoking one (deleting its
 * document, docs/operators.md) still shuts it out within 2 s.
 */
describe('API key revocation with the key cache', () => {
  let mgmt: ManagementUnderTest;
  let db: Connection;

  beforeAll(async () => {
    mgmt = await startManagement();
    db = await mongoose.createConnection(mgmt.mongoUri).asPromise();
  });
  afterAll(async () => {
    await db?.close();
    await mgmt?.close();
  });

  it('refuses a deleted key within 2 s although it was just used', async () => {
    const { key } = await mgmt.newOrganisation();
    const list = () => request(mgmt.http).get('/v1/webhooks').set('authorization', `Bearer ${key}`);
    await list().expect(200);
    await list().expect(200); // now remembered

    const deleted = await db.collection('api_keys').deleteMany({ key_prefix: key.slice(0, 10) });
    expect(deleted.deletedCount).toBe(1);
    const revokedAt = Date.now();
    await waitFor(
      'the revoked key to be refused',
      async () => (await list()).status === 401,
      5_000,
    );
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(2_000);
    await list().expect(401);
  });
});
