import {
  ATTEMPT_OUTCOME_EXAMPLES,
  DEAD_LETTER_RECORD_EXAMPLE,
  ORDERED_RECORD_EXAMPLE,
  REPLAY_PROGRESS_EXAMPLE,
  REPLAY_REQUEST_EXAMPLE,
  stageRecordExample,
  WEBHOOK_ROUTE_EXAMPLE,
} from './asyncapi/examples';
import { RecordValidator } from './record-validator';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('RecordValidator', () => {
  const validator = new RecordValidator();

  // Read back unchanged: the validator drops what its schema does not name, so a field of
  // an interface that the schema lacks fails here.
  it('reads the documented example of every stage, outcome and route back unchanged', () => {
    for (const attempt of [1, 2, 3, 4])
      expect(validator.deliveryRecord(bytes(stageRecordExample(attempt)), attempt)).toEqual({
        ok: true,
        value: stageRecordExample(attempt),
      });
    expect(validator.orderedDeliveryRecord(bytes(ORDERED_RECORD_EXAMPLE))).toEqual({
      ok: true,
      value: ORDERED_RECORD_EXAMPLE,
    });
    for (const { outcome } of ATTEMPT_OUTCOME_EXAMPLES)
      expect(validator.attemptOutcome(bytes(outcome))).toEqual({ ok: true, value: outcome });
    expect(validator.webhookRoute(bytes(WEBHOOK_ROUTE_EXAMPLE))).toEqual({
      ok: true,
      value: WEBHOOK_ROUTE_EXAMPLE,
    });
  });

  describe('a field it does not know (a newer minor format)', () => {
    const extra = { added_later: { nested: true } };

    it('is no reason to refuse a record: it is dropped, at the top and inside', () => {
      const first = stageRecordExample(1);
      const withExtras = {
        ...first,
        ...extra,
        payload: { ...first.payload, ...extra },
      };
      expect(validator.deliveryRecord(bytes(withExtras), 1)).toEqual({ ok: true, value: first });
      const third = stageRecordExample(3);
      const history = third.history.map((summary) => ({ ...summary, ...extra }));
      expect(validator.deliveryRecord(bytes({ ...third, history }), 3)).toEqual({
        ok: true,
        value: third,
      });
      expect(
        validator.orderedDeliveryRecord(bytes({ ...ORDERED_RECORD_EXAMPLE, ...extra })),
      ).toEqual({
        ok: true,
        value: ORDERED_RECORD_EXAMPLE,
      });
      const { outcome } = ATTEMPT_OUTCOME_EXAMPLES[0];
      expect(validator.attemptOutcome(bytes({ ...outcome, ...extra }))).toEqual({
        ok: true,
        value: outcome,
      });
      expect(validator.webhookRoute(bytes({ ...WEBHOOK_ROUTE_EXAMPLE, url: 'x' }))).toEqual({
        ok: true,
        value: WEBHOOK_ROUTE_EXAMPLE,
      });
      expect(validator.replayRequest(bytes({ ...REPLAY_REQUEST_EXAMPLE, ...extra }))).toEqual({
        ok: true,
        value: REPLAY_REQUEST_EXAMPLE,
      });
      expect(validator.replayProgress(bytes({ ...REPLAY_PROGRESS_EXAMPLE, ...extra }))).toEqual({
        ok: true,
        value: REPLAY_PROGRESS_EXAMPLE,
      });
    });

    it('leaves what is open on purpose whole: the event data and a filter', () => {
      const first = stageRecordExample(1);
      const data = { ...first.payload.data, anything: 1 };
      const record = { ...first, payload: { ...first.payload, data } };
      expect(validator.deliveryRecord(bytes(record), 1)).toEqual({ ok: true, value: record });
      const filter = { 'data.tags': { $in: ['vip'] }, $or: [{ type: 'contact.created' }] };
      expect(validator.webhookRoute(bytes({ ...WEBHOOK_ROUTE_EXAMPLE, filter }))).toEqual({
        ok: true,
        value: { ...WEBHOOK_ROUTE_EXAMPLE, filter },
      });
    });

    it('does not loosen the fields it knows', () => {
      expect(
        validator.deliveryRecord(bytes({ ...stageRecordExample(1), ...extra, attempt: 2 }), 1),
      ).toMatchObject({
        ok: false,
        reason: expect.stringContaining('attempt') as string,
      });
      const { outcome } = ATTEMPT_OUTCOME_EXAMPLES[0];
      expect(
        validator.attemptOutcome(bytes({ ...outcome, ...extra, status: 'maybe' })),
      ).toMatchObject({
        ok: false,
        reason: expect.stringContaining('status') as string,
      });
    });
  });

  it('accepts the documented replay request and progress, and names a bad field of either', () => {
    expect(validator.replayRequest(bytes(REPLAY_REQUEST_EXAMPLE))).toEqual({
      ok: true,
      value: REPLAY_REQUEST_EXAMPLE,
    });
    expect(validator.replayProgress(bytes(REPLAY_PROGRESS_EXAMPLE)).ok).toBe(true);
    expect(validator.replayRequest(bytes({ ...REPLAY_REQUEST_EXAMPLE, events: [] }))).toEqual({
      ok: false,
      reason: 'events must NOT have fewer than 1 items',
    });
    expect(
      validator.replayProgress(bytes({ ...REPLAY_PROGRESS_EXAMPLE, state: 'requested' })),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('state') as string });
  });

  it('names the first bad field', () => {
    const record = { ...stageRecordExample(1), webhook_id: 'not-a-uuid' };
    expect(validator.deliveryRecord(bytes(record), 1)).toEqual({
      ok: false,
      reason: 'webhook_id must match format "uuid"',
    });
    const noVersion: Partial<typeof WEBHOOK_ROUTE_EXAMPLE> = { ...WEBHOOK_ROUTE_EXAMPLE };
    delete noVersion.version;
    expect(validator.webhookRoute(bytes(noVersion))).toEqual({
      ok: false,
      reason: "version must have required property 'version'",
    });
  });

  it('refuses a record read from the topic of another attempt', () => {
    expect(validator.deliveryRecord(bytes(stageRecordExample(2)), 1).ok).toBe(false);
    expect(validator.deliveryRecord(bytes(DEAD_LETTER_RECORD_EXAMPLE), 4).ok).toBe(false);
  });

  it('accepts an earlier attempt deferred to a later stage, and only where the deferrals lead', () => {
    const first = stageRecordExample(1);
    const deferred = (deferrals: number) => ({
      ...first,
      not_before: '2026-12-02T10:00:10.000Z',
      deferred: deferrals,
    });
    expect(validator.deliveryRecord(bytes(deferred(1)), 2).ok).toBe(true);
    expect(validator.deliveryRecord(bytes(deferred(2)), 3).ok).toBe(true);
    // The last stage keeps whatever was deferred past it.
    expect(validator.deliveryRecord(bytes(deferred(7)), 4).ok).toBe(true);
    expect(validator.deliveryRecord(bytes(deferred(2)), 2)).toEqual({
      ok: false,
      reason: 'attempt + deferred must come to stage 2',
    });
    expect(validator.deliveryRecord(bytes({ ...deferred(1), deferred: 0 }), 2).ok).toBe(false);
    // A first attempt on webhooks.deliveries is never a deferred one.
    expect(validator.deliveryRecord(bytes({ ...first, deferred: 1 }), 1).ok).toBe(false);
    const thirdWithOneFailure = { ...stageRecordExample(3), history: [] };
    expect(validator.deliveryRecord(bytes(thirdWithOneFailure), 3)).toEqual({
      ok: false,
      reason: 'history must hold 2 earlier attempts',
    });
  });

  it('refuses what is not JSON or is empty', () => {
    expect(validator.attemptOutcome(Buffer.from('{'))).toEqual({
      ok: false,
      reason: 'not valid JSON',
    });
    expect(validator.webhookRoute(null)).toEqual({ ok: false, reason: 'empty record' });
  });
});
