import { isLostMembership, withHeartbeats } from './group-membership';

describe('isLostMembership', () => {
  it('sees the protocol error kafkajs wraps in a non-retriable error', () => {
    const protocol = Object.assign(new Error('The coordinator is not aware of this member'), {
      type: 'UNKNOWN_MEMBER_ID',
    });
    const wrapped = Object.assign(new Error('KafkaJSNonRetriableError'), { cause: protocol });
    expect(isLostMembership(wrapped)).toBe(true);
    expect(isLostMembership(Object.assign(new Error(), { type: 'REBALANCE_IN_PROGRESS' }))).toBe(
      true,
    );
  });

  it('is false for other errors', () => {
    expect(isLostMembership(new Error('connection refused'))).toBe(false);
    expect(
      isLostMembership(Object.assign(new Error(), { type: 'TOPIC_AUTHORIZATION_FAILED' })),
    ).toBe(false);
    expect(isLostMembership(undefined)).toBe(false);
  });
});

describe('withHeartbeats', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('heartbeats while the work runs, and stops when it ends', async () => {
    const heartbeat = jest.fn(() => Promise.resolve());
    let finish!: (value: string) => void;
    const result = withHeartbeats(heartbeat, () => new Promise<string>((r) => (finish = r)), 1000);
    await jest.advanceTimersByTimeAsync(3500);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    finish('done');
    await expect(result).resolves.toBe('done');
    await jest.advanceTimersByTimeAsync(5000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it('ignores a failed heartbeat and passes on the work error', async () => {
    const heartbeat = jest.fn(() => Promise.reject(new Error('rebalancing')));
    const result = withHeartbeats(
      heartbeat,
      () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('db down')), 2500)),
      1000,
    );
    const settled = expect(result).rejects.toThrow('db down');
    await jest.advanceTimersByTimeAsync(3000);
    await settled;
    expect(heartbeat).toHaveBeenCalledTimes(2);
  });
});
