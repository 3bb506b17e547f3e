import {
  ATTEMPT_OUTCOME_EXAMPLES,
  DEAD_LETTER_RECORD_EXAMPLE,
  REPLAY_PROGRESS_EXAMPLE,
  REPLAY_REQUEST_EXAMPLE,
  stageRecordExample,
  WEBHOOK_ROUTE_EXAMPLE,
} from './asyncapi/examples';
import { RecordValidator } from './record-validator';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('RecordValidator', () => {
  const validator = new RecordValidator();

  it('accepts the documented example of every stage, outcome and route', () => {
    for (const attempt of [1, 2, 3, 4])
      expect(validator.deliveryRecord(bytes(stageRecordExample(attempt)), attempt)).toEqual({
        ok: true,
        value: stageRecordExample(attempt),
      });
    for (const { outcome } of ATTEMPT_OUTCOME_EXAMPLES)
      expect(validator.attemptOutcome(bytes(outcome)).ok).toBe(true);
    expect(validator.webhookRoute(bytes(WEBHOOK_ROUTE_EXAMPLE)).ok).toBe(true);
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
    expect(validator.webhookRoute(bytes({ ...WEBHOOK_ROUTE_EXAMPLE, url: 'x' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('url') as string,
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
