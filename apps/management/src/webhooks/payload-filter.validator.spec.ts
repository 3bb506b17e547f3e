import { validateSync } from 'class-validator';
import { IsPayloadFilter } from './payload-filter.validator';

class Create {
  @IsPayloadFilter()
  filter?: unknown;
}

class Update {
  @IsPayloadFilter(true)
  filter?: unknown;
}

function messages(target: object): string[] {
  return validateSync(target).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('IsPayloadFilter', () => {
  it('accepts a valid filter', () => {
    expect(messages(Object.assign(new Create(), { filter: { 'data.tags': 'vip' } }))).toEqual([]);
  });

  it('names the path of every problem, joined in one message', () => {
    expect(
      messages(Object.assign(new Create(), { filter: { a: { $in: 1 }, b: { $exist: 2 } } })),
    ).toEqual(['filter.a.$in must be a list; filter.b.$exist must be true or false']);
  });

  it('lets null through only where it removes the filter', () => {
    expect(messages(Object.assign(new Update(), { filter: null }))).toEqual([]);
    expect(messages(Object.assign(new Create(), { filter: null }))).toEqual([
      'filter must be an object',
    ]);
  });
});
