import { nextUpdatedAt } from './webhooks.service';

describe('nextUpdatedAt', () => {
  it('is now when now is later', () => {
    expect(nextUpdatedAt(new Date(1000), new Date(5000))).toEqual(new Date(5000));
  });

  it('moves at least one millisecond past the previous value', () => {
    expect(nextUpdatedAt(new Date(5000), new Date(5000))).toEqual(new Date(5001));
    expect(nextUpdatedAt(new Date(6000), new Date(5000))).toEqual(new Date(6001));
  });
});
