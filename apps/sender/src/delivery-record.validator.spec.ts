import { parseDeliveryRecord } from './delivery-record.validator';

const valid = {
  delivery_id: 'd1',
  webhook_id: 'w1',
  organisation_id: 'o1',
  trigger: 'event',
  series_id: 'd1',
  attempt: 2,
  created_at: '2026-11-23T10:00:00.000Z',
  not_before: '2026-11-23T10:00:10.000Z',
  history: [
    {
      attempt: 1,
      attempted_at: '2026-11-23T10:00:00.000Z',
      status_code: 500,
      error_kind: 'http_status',
      error: 'HTTP 500',
      duration_ms: 3,
    },
  ],
  payload: {
    id: 'e1',
    type: 'contact.created',
    timestamp: '2026-11-23T10:00:00.000Z',
    organisation_id: 'o1',
    data: { x: 1 },
  },
};
const buf = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('parseDeliveryRecord', () => {
  it('accepts a valid record', () => {
    expect(parseDeliveryRecord(buf(valid), 2)).toEqual({ ok: true, record: valid });
  });

  it.each([
    ['not JSON', Buffer.from('{nope'), /JSON/],
    ['empty', null, /empty/],
    ['missing payload', buf({ ...valid, payload: undefined }), /payload/],
    ['bad trigger', buf({ ...valid, trigger: 'x' }), /trigger/],
    ['bad history', buf({ ...valid, history: [{ attempt: 'one' }] }), /history/],
    ['array', buf([1]), /object/],
  ])('refuses %s', (_name, value, reason) => {
    const parsed = parseDeliveryRecord(value, 2);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('refuses an attempt that does not belong to the topic', () => {
    expect(parseDeliveryRecord(buf(valid), 1)).toMatchObject({ ok: false });
  });
});
