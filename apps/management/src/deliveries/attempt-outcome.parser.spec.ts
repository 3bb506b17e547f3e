import { parseAttemptOutcome } from './attempt-outcome.parser';

const outcome = {
  delivery_id: '1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f',
  webhook_id: '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f',
  organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
  event_id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
  event_type: 'contact.created',
  trigger: 'event',
  series_id: '1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f',
  attempt: 1,
  status: 'failed',
  status_code: 500,
  error_kind: 'http_status',
  error: 'HTTP 500',
  duration_ms: 120,
  response_excerpt: 'oops',
  attempted_at: '2026-11-23T10:00:00.000Z',
  next: 'retry',
  next_attempt_at: '2026-11-23T10:00:10.000Z',
  payload: { id: 'e', type: 'contact.created', timestamp: 't', organisation_id: 'o', data: {} },
};

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseAttemptOutcome', () => {
  it('accepts a valid outcome', () => {
    expect(parseAttemptOutcome(encode(outcome))).toEqual({ ok: true, outcome });
  });

  it.each([
    [null, /empty/],
    [Buffer.from('{nope'), /not valid JSON/],
    [encode([1]), /not a JSON object/],
    [encode({ ...outcome, attempt: 0 }), /attempt/],
    [encode({ ...outcome, status: 'maybe' }), /status/],
    [encode({ ...outcome, attempted_at: 'yesterday' }), /attempted_at/],
    [encode({ ...outcome, series_id: undefined }), /series_id/],
    [encode({ ...outcome, payload: null }), /payload/],
  ])('refuses %#', (value, reason) => {
    const parsed = parseAttemptOutcome(value);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });
});
