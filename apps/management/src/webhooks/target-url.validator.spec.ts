import { validate } from 'class-validator';
import { TargetPolicy } from '@app/webhooks';
import { HostResolver, IsTargetUrl, TargetUrlConstraint } from './target-url.validator';

class Resolver extends HostResolver {
  constructor(private readonly table: Record<string, string[]>) {
    super();
  }
  override resolve(host: string): Promise<string[] | null> {
    return Promise.resolve(this.table[host] ?? null);
  }
}

class Dto {
  @IsTargetUrl()
  target_url!: unknown;
}

describe('TargetUrlConstraint', () => {
  const constraint = new TargetUrlConstraint(
    new TargetPolicy({ allowHttp: false, allowedPrivateCidrs: [] }),
    new Resolver({
      'rebind.example.com': ['93.184.216.34', '10.0.0.7'],
      'ok.example.com': ['93.184.216.34'],
    }),
  );

  async function problems(url: unknown): Promise<string[]> {
    const dto = Object.assign(new Dto(), { target_url: url });
    const { useContainer } = await import('class-validator');
    useContainer({
      get: <T>(someClass: new () => T): T =>
        (someClass as unknown) === TargetUrlConstraint ? (constraint as T) : new someClass(),
    });
    const errors = await validate(dto);
    return errors.flatMap((e) => Object.values(e.constraints ?? {}));
  }

  it.each([
    'https://ok.example.com/hook',
    'https://unresolvable.example.org/x',
    'https://8.8.8.8/',
  ])('accepts %s', async (url) => expect(await problems(url)).toEqual([]));

  it.each([
    [42, /target_url must be a string/],
    ['http://ok.example.com/', /target_url must use https/],
    ['https://u:p@ok.example.com/', /target_url must not contain credentials/],
    ['https://0x7f000001/', /target_url .*loopback/],
    ['https://rebind.example.com/', /target_url host resolves to a non-public address/],
  ])('refuses %p', async (url, message) => {
    const found = await problems(url);
    expect(found.join('\n')).toMatch(message);
  });
});
