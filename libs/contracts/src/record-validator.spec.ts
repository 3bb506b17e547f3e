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

  it('refuses what is not JSON or is empty', () => {
    expect(validator.attemptOutcome(Buffer.from('{'))).toEqual({
      ok: false,
      reason: 'not valid JSON',
    });
    expect(validator.webhookRoute(null)).toEqual({ ok: false, reason: 'empty record' });
  });
});
