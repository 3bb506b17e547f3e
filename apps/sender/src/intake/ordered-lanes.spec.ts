import { laneOf, OrderedLanes } from './ordered-lanes';

/** A piece of work that ends when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OrderedLanes', () => {
  it('starts the work of a lane one at a time, in order', async () => {
    const lanes = new OrderedLanes();
    const started: string[] = [];
    const first = gate();
    const second = gate();
    const a = lanes.enqueue('w/contact-1', () => {
      started.push('e1');
      return first.promise;
    });
    const b = lanes.enqueue('w/contact-1', () => {
      started.push('e2');
      return second.promise;
    });
    const c = lanes.enqueue('w/contact-1', () => {
      started.push('e3');
      return Promise.resolve();
    });
    await tick();
    expect(started).toEqual(['e1']);
    first.open();
    await a;
    await tick();
    expect(started).toEqual(['e1', 'e2']);
    second.open();
    await Promise.all([b, c]);
    expect(started).toEqual(['e1', 'e2', 'e3']);
    expect(lanes.size).toBe(0);
  });

  it('lets other lanes run while one waits', async () => {
    const lanes = new OrderedLanes();
    const held = gate();
    const started: string[] = [];
    void lanes.enqueue('w/contact-1', () => held.promise);
    await lanes.enqueue('w/contact-2', () => {
      started.push('other entity');
      return Promise.resolve();
    });
    await lanes.enqueue('v/contact-1', () => {
      started.push('other webhook');
      return Promise.resolve();
    });
    expect(started).toEqual(['other entity', 'other webhook']);
    expect(lanes.size).toBe(1);
    held.open();
  });

  it('fails the records behind a failed one without running them', async () => {
    const lanes = new OrderedLanes();
    const first = gate();
    let ranBehind = false;
    const a = lanes.enqueue('lane', () => first.promise);
    const b = lanes.enqueue('lane', () => {
      ranBehind = true;
      return Promise.resolve();
    });
    first.fail(new Error('stopping'));
    await expect(a).rejects.toThrow('stopping');
    await expect(b).rejects.toThrow('stopping');
    expect(ranBehind).toBe(false);
    expect(lanes.size).toBe(0);
  });

  it('names a lane by webhook and entity', () => {
    expect(laneOf({ webhook_id: 'w', ordering_key: 'a' })).not.toBe(
      laneOf({ webhook_id: 'w', ordering_key: 'b' }),
    );
    expect(laneOf({ webhook_id: 'w', ordering_key: 'a' })).not.toBe(
      laneOf({ webhook_id: 'v', ordering_key: 'a' }),
    );
  });
});
