import { messageBytes, sliceTopicMessages } from './bounded-send';

const message = (value: string) => ({ key: 'k', value });

describe('sliceTopicMessages', () => {
  it('keeps a small batch in one request', () => {
    const requests = sliceTopicMessages([{ topic: 'a', messages: [message('x'), message('y')] }]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual([{ topic: 'a', messages: [message('x'), message('y')] }]);
  });

  it('cuts a large batch into requests under the limit, in order, losing nothing', () => {
    const values = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(1000, '.'));
    const requests = sliceTopicMessages(
      [
        { topic: 'deliveries', messages: values.map(message) },
        { topic: 'rejected', messages: [message('bad')] },
      ],
      10_000,
    );
    expect(requests.length).toBeGreaterThan(9);
    for (const request of requests) {
      const bytes = request.flatMap((t) => t.messages).reduce((n, m) => n + messageBytes(m), 0);
      expect(bytes).toBeLessThanOrEqual(10_000);
    }
    const sent = requests.flatMap((r) => r.filter((t) => t.topic === 'deliveries'));
    expect(sent.flatMap((t) => t.messages.map((m) => m.value))).toEqual(values);
    expect(requests.at(-1)).toContainEqual({ topic: 'rejected', messages: [message('bad')] });
  });

  it('sends a message larger than the limit on its own', () => {
    const big = message('x'.repeat(5000));
    const requests = sliceTopicMessages(
      [{ topic: 'a', messages: [message('1'), big, message('2')] }],
      1000,
    );
    expect(requests.map((r) => r[0].messages.length)).toEqual([1, 1, 1]);
    expect(requests[1][0].messages[0]).toBe(big);
  });

  it('counts multi-byte characters as bytes', () => {
    expect(messageBytes(message('é'))).toBe(messageBytes(message('ab')));
  });
});
