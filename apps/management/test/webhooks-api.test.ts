import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import { EVENT_TYPES } from '@app/contracts';
import {
  ADMIN_TOKEN,
  startManagement,
  webhookBody,
  type ManagementUnderTest,
} from './management-support';
import { waitFor } from '../../../test/support/wait-for';

/** The REST admin API on the real document store: auth, CRUD, validation, tenancy, secrets. */
describe('management REST API', () => {
  let mgmt: ManagementUnderTest;
  let orgA: { organisationId: string; key: string };
  let orgB: { organisationId: string; key: string };
  let db: Connection;

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const create = (key: string, body: Record<string, unknown> = webhookBody()) =>
    request(mgmt.http).post('/v1/webhooks').set(as(key)).send(body);

  beforeAll(async () => {
    mgmt = await startManagement();
    orgA = await mgmt.newOrganisation();
    orgB = await mgmt.newOrganisation();
    db = await mongoose.createConnection(mgmt.mongoUri).asPromise();
  });
  afterAll(async () => {
    await db?.close();
    await mgmt?.close();
  });

  describe('auth', () => {
    it.each([
      ['no header', undefined],
      ['a wrong key', 'Bearer whk_wrong'],
      ['the wrong scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
      ['the admin token', `Bearer ${ADMIN_TOKEN}`],
    ])('refuses %s with 401', async (_case, header) => {
      const call = request(mgmt.http).get('/v1/webhooks');
      if (header) void call.set('authorization', header);
      const response = await call.expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({ status_code: 401, correlation_id: expect.any(String) });
    });

    it('issues API keys only with the admin token, shown once and stored hashed', async () => {
      await request(mgmt.http)
        .post('/v1/admin/api-keys')
        .set(as(orgA.key))
        .send({ organisation_id: randomUUID() })
        .expect(401);
      await request(mgmt.http)
        .post('/v1/admin/api-keys')
        .set(as('x'.repeat(40)))
        .send({ organisation_id: randomUUID() })
        .expect(401);
      const bad = await request(mgmt.http)
        .post('/v1/admin/api-keys')
        .set(as(ADMIN_TOKEN))
        .send({ organisation_id: 'acme' })
        .expect(400);
      expect(bad.body.message).toEqual(['organisation_id must be a UUID']);

      expect(orgA.key).toMatch(/^whk_/);
      const stored = await db.collection('api_keys').find().toArray();
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(stored)).not.toContain(orgA.key);
      expect(stored.map((k) => k.key_hash as string)).toContainEqual(
        expect.stringMatching(/^[0-9a-f]{64}$/),
      );
    });
  });

  describe('CRUD', () => {
    it('creates, reads, updates and deletes a webhook', async () => {
      const body = webhookBody({
        method: 'PUT',
        headers: { Authorization: 'Bearer abcdefgh1234', 'X-Short': 'tiny' },
      });
      const created = await create(orgA.key, body).expect(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        organisation_id: orgA.organisationId,
        name: 'CRM sync',
        target_url: body.target_url,
        method: 'PUT',
        events: ['contact.created', 'conversation.inbound'],
        headers: { Authorization: 'Bear…1234', 'X-Short': '••••' },
        active: true,
        ordering: 'none',
        rate_limit: null,
        filter: null,
        disabled_reason: null,
        disabled_at: null,
        created_at: expect.any(String),
        updated_at: created.body.created_at,
        last_delivery: null,
      });
      const id = created.body.id as string;

      const stored = await db.collection('webhooks').findOne({ _id: id as never });
      expect(JSON.stringify(stored)).not.toContain('abcdefgh1234');
      expect(stored?.secrets).toHaveLength(1);

      const got = await request(mgmt.http).get(`/v1/webhooks/${id}`).set(as(orgA.key)).expect(200);
      expect(got.body).toEqual(created.body);

      const patched = await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .send({
          name: 'Renamed',
          active: false,
          ordering: 'per_entity',
          headers: { 'X-Short': null, 'X-New': 'another-long-value' },
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        name: 'Renamed',
        active: false,
        ordering: 'per_entity',
        method: 'PUT',
        events: body.events,
        headers: { Authorization: 'Bear…1234', 'X-New': 'anot…alue' },
      });
      expect(Date.parse(patched.body.updated_at as string)).toBeGreaterThan(
        Date.parse(created.body.updated_at as string),
      );
      expect(patched.body.created_at).toBe(created.body.created_at);

      // A rate limit is set, kept by an unrelated PATCH, and cleared with null.
      const limited = await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .send({ rate_limit: 25 })
        .expect(200);
      expect(limited.body.rate_limit).toBe(25);
      const renamed = await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .send({ name: 'Renamed again' })
        .expect(200);
      expect(renamed.body.rate_limit).toBe(25);
      expect((await db.collection('webhooks').findOne({ _id: id as never }))?.rate_limit).toBe(25);
      const cleared = await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .send({ rate_limit: null })
        .expect(200);
      expect(cleared.body.rate_limit).toBeNull();

      await request(mgmt.http).delete(`/v1/webhooks/${id}`).set(as(orgA.key)).expect(204);
      await request(mgmt.http).get(`/v1/webhooks/${id}`).set(as(orgA.key)).expect(404);
      await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .send({ name: 'x' })
        .expect(404);
      await request(mgmt.http).delete(`/v1/webhooks/${id}`).set(as(orgA.key)).expect(404);

      const tombstone = await db.collection('webhooks').findOne({ _id: id as never });
      expect(tombstone).toMatchObject({ active: false, target_url: `deleted:${id}` });
      expect(tombstone?.deleted_at).toBeInstanceOf(Date);
      expect(tombstone?.updated_at.getTime()).toBeGreaterThan(
        new Date(patched.body.updated_at as string).getTime() - 1,
      );

      // The URL is free again once deleted.
      await create(orgA.key, webhookBody({ target_url: body.target_url })).expect(201);
    });

    it('refuses a duplicate target_url in one organisation with 409, allows it in another', async () => {
      const body = webhookBody();
      await create(orgA.key, body).expect(201);
      const duplicate = await create(orgA.key, { ...body, name: 'Other' }).expect(409);
      expect(duplicate.body.message).toEqual([expect.stringMatching(/^target_url /)]);
      await create(orgB.key, body).expect(201);

      const other = await create(orgA.key).expect(201);
      const clash = await request(mgmt.http)
        .patch(`/v1/webhooks/${other.body.id}`)
        .set(as(orgA.key))
        .send({ target_url: body.target_url })
        .expect(409);
      expect(clash.body.message[0]).toMatch(/^target_url/);
    });

    it('moves updated_at on every change, even twice in one millisecond', async () => {
      const { body } = await create(orgA.key).expect(201);
      const stamps = [body.updated_at as string];
      for (const name of ['a', 'b', 'c']) {
        const patched = await request(mgmt.http)
          .patch(`/v1/webhooks/${body.id}`)
          .set(as(orgA.key))
          .send({ name })
          .expect(200);
        stamps.push(patched.body.updated_at as string);
      }
      const times = stamps.map((s) => Date.parse(s));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(new Set(times).size).toBe(times.length);
    });
  });

  describe('a webhook the platform disabled', () => {
    it('shows why, refuses recover with 409, and PATCH active=true re-enables it and clears the reason', async () => {
      const created = await create(orgA.key, webhookBody()).expect(201);
      const id = created.body.id as string;
      // Times relative to now: recover refuses a window longer than 14 days, and `until`
      // defaults to now, so a fixed date would turn this 409 into a 400 as the calendar moves.
      const hour = 3_600_000;
      const disabledAt = new Date(Date.now() - 2 * hour);
      const since = new Date(Date.now() - 26 * hour).toISOString();
      const until = new Date(Date.now() - 2 * hour).toISOString();
      // FerretDB writes whole documents: let the routing relay clear its marker first, or its
      // write could undo this one.
      await waitFor('the creation on the routing topic', async () => {
        const stored = await db.collection('webhooks').findOne({ _id: id as never });
        return stored?.routing_pending === false;
      });
      await db.collection('webhooks').updateOne(
        { _id: id as never },
        {
          $set: {
            active: false,
            disabled_reason: 'failing',
            disabled_at: disabledAt,
            failing_since: new Date(Date.now() - 5 * 24 * hour),
          },
        },
      );
      const shown = await request(mgmt.http)
        .get(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .expect(200);
      expect(shown.body).toMatchObject({
        active: false,
        disabled_reason: 'failing',
        disabled_at: disabledAt.toISOString(),
      });
      const refused = await request(mgmt.http)
        .post(`/v1/webhooks/${id}/recover`)
        .set(as(orgA.key))
        .send({ since })
        .expect(409);
      expect(refused.body.message).toEqual([expect.stringMatching(/disabled/)]);

      const enabled = await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .send({ active: true })
        .expect(200);
      expect(enabled.body).toMatchObject({
        active: true,
        disabled_reason: null,
        disabled_at: null,
      });
      const stored = await db.collection('webhooks').findOne({ _id: id as never });
      expect(stored).toMatchObject({
        active: true,
        disabled_reason: null,
        disabled_at: null,
        failing_since: null,
        routing_pending: expect.any(Boolean),
      });
      await request(mgmt.http)
        .post(`/v1/webhooks/${id}/recover`)
        .set(as(orgA.key))
        .send({ since, until })
        .expect(202, { queued: 0, since, until });
    });

    it('refuses an unknown field in a recover body, naming it', async () => {
      const created = await create(orgA.key, webhookBody()).expect(201);
      const response = await request(mgmt.http)
        .post(`/v1/webhooks/${created.body.id as string}/recover`)
        .set(as(orgA.key))
        .send({ since: new Date(Date.now() - 3_600_000).toISOString(), from: 'yesterday' })
        .expect(400);
      expect(response.body.message).toEqual(['property from should not exist']);
    });
  });

  describe('tenancy', () => {
    it('never shows or changes another organisation’s webhook: 404 everywhere', async () => {
      const { body } = await create(orgA.key).expect(201);
      const id = body.id as string;
      const b = as(orgB.key);
      await request(mgmt.http).get(`/v1/webhooks/${id}`).set(b).expect(404);
      await request(mgmt.http)
        .patch(`/v1/webhooks/${id}`)
        .set(b)
        .send({ name: 'mine' })
        .expect(404);
      await request(mgmt.http).delete(`/v1/webhooks/${id}`).set(b).expect(404);
      await request(mgmt.http).get(`/v1/webhooks/${id}/secret`).set(b).expect(404);
      await request(mgmt.http).post(`/v1/webhooks/${id}/secret/rotate`).set(b).expect(404);
      await request(mgmt.http).get(`/v1/webhooks/${id}/deliveries`).set(b).expect(404);
      await request(mgmt.http).post(`/v1/webhooks/${id}/test`).set(b).expect(404);
      const list = await request(mgmt.http).get('/v1/webhooks?limit=100').set(b).expect(200);
      expect(list.body.data.map((w: { id: string }) => w.id)).not.toContain(id);
      const still = await request(mgmt.http)
        .get(`/v1/webhooks/${id}`)
        .set(as(orgA.key))
        .expect(200);
      expect(still.body.name).toBe(body.name);
    });

    it('answers 404 for ids that are not UUIDs', async () => {
      await request(mgmt.http).get('/v1/webhooks/not-a-uuid').set(as(orgA.key)).expect(404);
      await request(mgmt.http).post('/v1/deliveries/%00/redeliver').set(as(orgA.key)).expect(404);
    });
  });

  describe('validation: 400 naming the field, never a 500', () => {
    const long = 'a'.repeat(101);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['missing name', { name: undefined }, /^name /],
      ['empty name', { name: '' }, /^name must be 1 to 100/],
      ['long name', { name: long }, /^name must be 1 to 100/],
      ['name not a string', { name: 42 }, /^name must be a string/],
      ['name null', { name: null }, /^name must be a string/],
      ['name with a newline', { name: 'a\nb' }, /^name must not contain control/],
      [
        'unknown ordering',
        { ordering: 'per_contact' },
        /^ordering must be one of none, per_entity/,
      ],
      ['missing target_url', { target_url: undefined }, /^target_url must be a string/],
      [
        'target_url not a URL',
        { target_url: 'hooks.example.com' },
        /^target_url must be an absolute URL/,
      ],
      ['plain http', { target_url: 'http://hooks.example.com/in' }, /^target_url must use https/],
      ['ftp', { target_url: 'ftp://hooks.example.com/in' }, /^target_url must use https/],
      [
        'credentials',
        { target_url: 'https://user:pw@hooks.example.com/' },
        /^target_url must not contain credentials/,
      ],
      [
        'too long',
        { target_url: `https://hooks.example.com/${'a'.repeat(2100)}` },
        /^target_url must be at most 2048/,
      ],
      [
        'localhost',
        { target_url: 'https://localhost/hook' },
        /^target_url host "localhost" is not a public host name/,
      ],
      ['loopback', { target_url: 'https://127.0.0.1/hook' }, /^target_url .*loopback/],
      ['decimal loopback', { target_url: 'https://2130706433/hook' }, /^target_url .*loopback/],
      ['octal loopback', { target_url: 'https://0177.0.0.1/hook' }, /^target_url .*loopback/],
      ['hex loopback', { target_url: 'https://0x7f.0.0.1/hook' }, /^target_url .*loopback/],
      ['RFC 1918', { target_url: 'https://192.168.0.10/hook' }, /^target_url .*private/],
      [
        'link-local metadata',
        { target_url: 'https://169.254.169.254/latest' },
        /^target_url .*linkLocal/,
      ],
      [
        'metadata host',
        { target_url: 'https://metadata.google.internal/' },
        /^target_url .*not a public host/,
      ],
      ['CGNAT', { target_url: 'https://100.64.1.1/' }, /^target_url .*carrierGradeNat/],
      ['multicast', { target_url: 'https://224.0.0.1/' }, /^target_url .*multicast/],
      ['reserved', { target_url: 'https://240.0.0.1/' }, /^target_url .*reserved/],
      ['IPv6 loopback', { target_url: 'https://[::1]/' }, /^target_url .*loopback/],
      ['IPv4-mapped IPv6', { target_url: 'https://[::ffff:10.0.0.1]/' }, /^target_url .*private/],
      ['target_url a number', { target_url: 7 }, /^target_url must be a string/],
      ['missing events', { events: undefined }, /^events must be an array/],
      ['events not an array', { events: 'contact.created' }, /^events must be an array/],
      ['no events', { events: [] }, /^events must list at least one/],
      [
        'unknown event',
        { events: ['contact.exploded'] },
        /^events must contain only event types of the catalog/,
      ],
      ['the test event', { events: ['webhook.test'] }, /^events must contain only event types/],
      [
        'duplicate events',
        { events: ['contact.created', 'contact.created'] },
        /^events must not list an event type twice/,
      ],
      [
        'too many events',
        { events: [...EVENT_TYPES, 'contact.created'] },
        /^events must list at most 18/,
      ],
      ['bad method', { method: 'GET' }, /^method must be one of POST, PUT, PATCH/],
      ['lower-case method', { method: 'post' }, /^method must be one of/],
      ['active not boolean', { active: 'yes' }, /^active must be true or false/],
      ['headers an array', { headers: [['a', 'b']] }, /^headers must be an object/],
      [
        'header with CRLF',
        { headers: { 'X-A': 'v\r\nX-Injected: 1' } },
        /^headers.X-A must not contain CR or LF/,
      ],
      [
        'header name not a token',
        { headers: { 'X A': 'v' } },
        /^headers: "X A" is not a valid header name/,
      ],
      ['reserved header host', { headers: { Host: 'evil.example' } }, /^headers.Host is reserved/],
      [
        'reserved content-type',
        { headers: { 'content-type': 'text/plain' } },
        /^headers.content-type is reserved/,
      ],
      ['reserved user-agent', { headers: { 'User-Agent': 'x' } }, /reserved/],
      ['reserved content-length', { headers: { 'Content-Length': '1' } }, /reserved/],
      [
        'reserved webhook-*',
        { headers: { 'webhook-signature': 'v1,x' } },
        /^headers.webhook-signature is reserved/,
      ],
      ['header value not a string', { headers: { 'X-A': 5 } }, /^headers.X-A must be a string/],
      [
        'header value too long',
        { headers: { 'X-A': 'v'.repeat(3000) } },
        /^headers.X-A must be at most 2048/,
      ],
      [
        'too many headers',
        { headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-${i}`, 'v'])) },
        /^headers must have at most 20/,
      ],
      ['rate_limit zero', { rate_limit: 0 }, /^rate_limit must be a whole number from 1 to 10000$/],
      [
        'rate_limit too high',
        { rate_limit: 10_001 },
        /^rate_limit must be a whole number from 1 to 10000$/,
      ],
      [
        'rate_limit a fraction',
        { rate_limit: 2.5 },
        /^rate_limit must be a whole number from 1 to 10000$/,
      ],
      [
        'rate_limit a string',
        { rate_limit: '5' },
        /^rate_limit must be a whole number from 1 to 10000$/,
      ],
      ['unknown field', { colour: 'blue' }, /^property colour should not exist/],
      ['secret smuggled in', { secrets: [] }, /^property secrets should not exist/],
      [
        'organisation smuggled in',
        { organisation_id: randomUUID() },
        /^property organisation_id should not exist/,
      ],
    ];

    it.each(cases)('create: %s', async (_case, override, message) => {
      const response = await create(orgA.key, webhookBody(override));
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(message)]),
      );
      expect(response.body.correlation_id).toEqual(expect.any(String));
    });

    it.each(cases.filter(([, override]) => !Object.values(override).includes(undefined)))(
      'update: %s',
      async (_case, override, message) => {
        const { body } = await create(orgA.key).expect(201);
        const response = await request(mgmt.http)
          .patch(`/v1/webhooks/${body.id}`)
          .set(as(orgA.key))
          .send(override);
        expect(response.status).toBe(400);
        expect(response.body.message).toEqual(
          expect.arrayContaining([expect.stringMatching(message)]),
        );
      },
    );

    // On PATCH an absent field is left alone, but an explicit null is still validated: only
    // rate_limit, filter and a header's value take null (to remove them). The first message
    // says what is most wrong (a type), as on create.
    it.each([
      ['name', /^name must be a string/],
      ['target_url', /^target_url must be a string/],
      ['events', /^events must be an array/],
      ['method', /^method must be one of/],
      ['headers', /^headers must be an object/],
      ['active', /^active must be true or false/],
      ['ordering', /^ordering must be one of/],
    ])('update: refuses %s null', async (field, message) => {
      const { body } = await create(orgA.key).expect(201);
      const response = await request(mgmt.http)
        .patch(`/v1/webhooks/${body.id}`)
        .set(as(orgA.key))
        .send({ [field]: null })
        .expect(400);
      expect(response.body.message[0]).toMatch(message);
    });

    it('names a bad rate_limit once, however many of its checks it fails', async () => {
      const response = await create(orgA.key, webhookBody({ rate_limit: 'lots' })).expect(400);
      expect(response.body.message).toEqual(['rate_limit must be a whole number from 1 to 10000']);
    });

    it.each([
      ['malformed JSON', '{"name":', /JSON/],
      ['a JSON array', '[1,2]', /.+/],
      ['a JSON string', '"x"', /.+/],
    ])('create with %s → 400', async (_case, raw, message) => {
      const response = await request(mgmt.http)
        .post('/v1/webhooks')
        .set(as(orgA.key))
        .set('content-type', 'application/json')
        .send(raw);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toMatch(message);
    });

    it('refuses a body over 100 kB with 413', async () => {
      const response = await create(orgA.key, webhookBody({ name: 'x'.repeat(200_000) }));
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ status_code: 413, message: 'body is too large' });
    });

    it('answers an empty PATCH without touching updated_at', async () => {
      const { body } = await create(orgA.key).expect(201);
      const same = await request(mgmt.http)
        .patch(`/v1/webhooks/${body.id}`)
        .set(as(orgA.key))
        .send({})
        .expect(200);
      expect(same.body).toEqual(body);
    });

    it.each([
      ['limit=0', /^limit must be at least 1/],
      ['limit=101', /^limit must be at most 100/],
      ['limit=abc', /^limit must be an integer/],
      ['limit=1.5', /^limit must be an integer/],
      ['cursor=garbage!', /^cursor is not a valid page cursor/],
      ['event=contact.exploded', /^event must be an event type/],
      ['active=maybe', /^active must be true or false/],
      ['colour=blue', /^property colour should not exist/],
    ])('list with %s → 400', async (query, message) => {
      const response = await request(mgmt.http).get(`/v1/webhooks?${query}`).set(as(orgA.key));
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(message)]),
      );
    });

    it('PATCH header merge may not exceed 20 headers', async () => {
      const headers = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`X-${i}`, 'value']));
      const { body } = await create(orgA.key, webhookBody({ headers })).expect(201);
      const more = Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`X-More-${i}`, 'value']),
      );
      const response = await request(mgmt.http)
        .patch(`/v1/webhooks/${body.id}`)
        .set(as(orgA.key))
        .send({ headers: more })
        .expect(400);
      expect(response.body.message).toEqual(['headers must have at most 20 entries']);
    });
  });

  describe('list', () => {
    let org: { organisationId: string; key: string };
    const ids: string[] = [];

    beforeAll(async () => {
      org = await mgmt.newOrganisation();
      for (let i = 0; i < 7; i++) {
        const { body } = await create(
          org.key,
          webhookBody({
            name: `hook ${i}`,
            events: i % 2 === 0 ? ['contact.created'] : ['conversation.close'],
            active: i % 3 !== 0,
          }),
        ).expect(201);
        ids.push(body.id as string);
      }
    });

    it('pages newest first with a stable cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/v1/webhooks?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await request(mgmt.http).get(url).set(as(org.key)).expect(200);
        seen.push(...(response.body.data as Array<{ id: string }>).map((w) => w.id));
        cursor = response.body.next_cursor;
        pages++;
        if (pages === 1) {
          // A webhook created meanwhile must not shift later pages.
          await create(org.key).expect(201);
        }
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());
    });

    it('filters by event and active', async () => {
      const byEvent = await request(mgmt.http)
        .get('/v1/webhooks?event=conversation.close&limit=100')
        .set(as(org.key))
        .expect(200);
      expect(byEvent.body.data.map((w: { id: string }) => w.id).sort()).toEqual(
        ids.filter((_, i) => i % 2 === 1).sort(),
      );
      const inactive = await request(mgmt.http)
        .get('/v1/webhooks?active=false')
        .set(as(org.key))
        .expect(200);
      expect(inactive.body.data.map((w: { id: string }) => w.id).sort()).toEqual(
        ids.filter((_, i) => i % 3 === 0).sort(),
      );
      const both = await request(mgmt.http)
        .get('/v1/webhooks?active=true&event=contact.created')
        .set(as(org.key))
        .expect(200);
      expect(
        both.body.data
          .map((w: { id: string }) => w.id)
          .filter((id: string) => ids.includes(id))
          .sort(),
      ).toEqual(ids.filter((_, i) => i % 2 === 0 && i % 3 !== 0).sort());
      expect(both.body.next_cursor).toBeNull();
    });

    it('masks header values in lists too', async () => {
      await create(
        org.key,
        webhookBody({ headers: { Authorization: 'Bearer zzzzzzzz9876' } }),
      ).expect(201);
      const response = await request(mgmt.http)
        .get('/v1/webhooks?limit=1')
        .set(as(org.key))
        .expect(200);
      expect(response.body.data[0].headers).toEqual({ Authorization: 'Bear…9876' });
      expect(JSON.stringify(response.body)).not.toContain('zzzzzzzz');
    });
  });

  describe('signing secrets', () => {
    it('returns the secret and rotates it with an overlap', async () => {
      const { body } = await create(orgA.key).expect(201);
      const first = await request(mgmt.http)
        .get(`/v1/webhooks/${body.id}/secret`)
        .set(as(orgA.key))
        .expect(200);
      expect(first.body).toEqual({
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
        created_at: body.created_at,
        previous_secret_expires_at: null,
      });

      const before = Date.now();
      const rotated = await request(mgmt.http)
        .post(`/v1/webhooks/${body.id}/secret/rotate`)
        .set(as(orgA.key))
        .expect(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(first.body.secret);
      const expires = Date.parse(rotated.body.previous_secret_expires_at as string);
      expect(expires).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);

      const again = await request(mgmt.http)
        .get(`/v1/webhooks/${body.id}/secret`)
        .set(as(orgA.key))
        .expect(200);
      expect(again.body).toEqual(rotated.body);

      const stored = await db.collection('webhooks').findOne({ _id: body.id });
      expect(stored?.secrets).toHaveLength(2);
      expect(stored?.secrets[0].expires_at).toBeNull();
      expect(stored?.secrets[1].expires_at.getTime()).toBe(expires);
      expect(JSON.stringify(stored)).not.toContain(rotated.body.secret.slice(6));
      expect(stored?.updated_at.getTime()).toBeGreaterThan(Date.parse(body.updated_at as string));
    });
  });

  describe('catalog, docs, health and metrics', () => {
    it('lists the 18 event types, by group, with version, key, schema and example, to anyone', async () => {
      // The catalog is the public contract, like the OpenAPI document: no organisation key.
      const response = await request(mgmt.http).get('/v1/event-types').expect(200);
      expect(response.body.data.map((e: { type: string }) => e.type)).toEqual([...EVENT_TYPES]);
      expect(response.body.data[0]).toEqual({
        type: 'contact.created',
        version: 1,
        description: expect.any(String),
        group: 'contacts',
        key: 'data.id',
        schema: expect.any(Object),
        example: expect.any(Object),
      });
      expect(
        response.body.data.find((e: { type: string }) => e.type === 'conversation.close').key,
      ).toBe('data.conversation.id');
      expect(
        response.body.data
          .filter((e: { group: string }) => e.group === 'operational')
          .map((e: { type: string }) => e.type),
      ).toEqual(['delivery.dead_lettered', 'delivery.recovered', 'webhook.disabled']);
    });

    it('serves the OpenAPI document and Swagger UI', async () => {
      const json = await request(mgmt.http).get('/docs-json').expect(200);
      expect(Object.keys(json.body.paths as object)).toEqual(
        expect.arrayContaining([
          '/v1/webhooks',
          '/v1/webhooks/{id}',
          '/v1/webhooks/{id}/secret',
          '/v1/webhooks/{id}/secret/rotate',
          '/v1/webhooks/{id}/deliveries',
          '/v1/webhooks/{id}/test',
          '/v1/deliveries/{delivery_id}/redeliver',
          '/v1/event-types',
          '/v1/admin/api-keys',
        ]),
      );
      expect(json.body.components.schemas.CreateWebhookDto.additionalProperties).toBe(false);
      expect(json.body.components.schemas.CreateWebhookDto.properties.target_url.example).toMatch(
        /^https:/,
      );
      await request(mgmt.http).get('/docs').expect(200).expect('content-type', /html/);
    });

    it('reports health and metrics', async () => {
      const health = await request(mgmt.http).get('/health').expect(200);
      expect(health.body.info).toMatchObject({
        kafka: { status: 'up' },
        mongodb: { status: 'up' },
        attempts_consumer: { status: 'up' },
      });
      await request(mgmt.http).get(`/v1/webhooks/${randomUUID()}`).set(as(orgA.key)).expect(404);
      const metrics = await request(mgmt.http).get('/metrics').expect(200);
      expect(metrics.text).toContain('management_http_requests_total');
      expect(metrics.text).toContain('management_attempt_batch_seconds');
      expect(metrics.text).toMatch(
        /management_http_requests_total\{method="GET",route="\/v1\/webhooks\/:id",status="404"\} \d+/,
      );
      expect(metrics.text).not.toMatch(/route="\/v1\/webhooks\/[0-9a-f]{8}-/);
      // What the app asks of Kafka and the store, counted request by request.
      const counted = [
        /kafka_client_requests_total\{client="consumer",api="Fetch"\} [1-9]/,
        /kafka_client_requests_total\{client="admin",api="Metadata"\} [1-9]/,
        /mongodb_commands_total\{command="find"\} [1-9]/,
        /kafka_consumer_group_lag\{group="[^"]+",topic="[^"]+attempts",partition="0"\} \d+/,
      ];
      await waitFor('Kafka requests and store commands counted', async () => {
        const text = (await request(mgmt.http).get('/metrics').expect(200)).text;
        return counted.every((pattern) => pattern.test(text));
      });
    });
  });
});
