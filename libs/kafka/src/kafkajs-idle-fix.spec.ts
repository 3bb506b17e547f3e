import { kafkajsIdleFixApplied } from './kafkajs-idle-fix';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: unknown;
  checkPendingRequests(): void;
  destroy(): void;
};

function queue() {
  const silent = {
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    info: () => undefined,
  };
  return new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: '127.0.0.1:9092',
    logger: silent,
    isConnected: () => true,
  });
}

describe('the kafkajs idle-timer fix', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is applied to the kafkajs version in use', () => {
    expect(kafkajsIdleFixApplied).toBe(true);
  });

  it('arms no timer on a connection with nothing pending and no throttle', () => {
    const idle = queue();
    idle.checkPendingRequests();
    expect(idle.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still checks again while requests are pending or a throttle runs', () => {
    const waiting = queue();
    waiting.pending.push({});
    waiting.throttledUntil = Date.now() + 1000; // nothing may be sent yet
    waiting.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    waiting.destroy();

    const throttled = queue();
    throttled.throttledUntil = Date.now() + 500;
    throttled.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    throttled.destroy();
  });
});
