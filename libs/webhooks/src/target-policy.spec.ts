import { TargetPolicy } from './target-policy';

describe('TargetPolicy', () => {
  const strict = new TargetPolicy({ allowHttp: false, allowedPrivateCidrs: [] });

  it.each([
    'https://hooks.example.com/in',
    'https://hooks.example.com:8443/in?x=1',
    'https://8.8.8.8/hook',
    'https://[2606:4700::1111]/hook',
  ])('accepts %s', (url) => {
    expect(strict.checkUrl(url)).toMatchObject({ ok: true });
  });

  it.each([
    ['not a url', /absolute URL/],
    ['http://hooks.example.com/in', /must use https/],
    ['ftp://hooks.example.com/in', /must use https/],
    ['https://user:pass@hooks.example.com/', /credentials/],
    ['https://hooks.example.com/#frag', /fragment/],
    [`https://example.com/${'a'.repeat(2050)}`, /at most 2048/],
    ['https://localhost/', /not a public host name/],
    ['https://api.localhost/', /not a public host name/],
    ['https://printer.local/', /not a public host name/],
    ['https://metadata.google.internal/', /not a public host name/],
    ['https://intranet/', /not a public host name/],
    ['https://127.0.0.1/', /loopback/],
    ['https://2130706433/', /loopback/], // decimal 127.0.0.1
    ['https://0x7f.1/', /loopback/], // hex
    ['https://0177.0.0.1/', /loopback/], // octal
    ['https://10.0.0.5/', /private/],
    ['https://172.16.0.1/', /private/],
    ['https://192.168.1.1/', /private/],
    ['https://169.254.169.254/latest/meta-data', /linkLocal/],
    ['https://100.64.0.1/', /carrierGradeNat/],
    ['https://224.0.0.1/', /multicast/],
    ['https://0.0.0.0/', /unspecified/],
    ['https://240.0.0.1/', /reserved/],
    ['https://[::1]/', /loopback/],
    ['https://[::ffff:127.0.0.1]/', /loopback/],
    ['https://[::ffff:10.0.0.1]/', /private/],
    ['https://[fd00:ec2::254]/', /uniqueLocal/],
    ['https://[fe80::1]/', /linkLocal/],
  ])('refuses %s', (url, reason) => {
    const verdict = strict.checkUrl(url);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  it('relaxes exactly http and the named private ranges when configured', () => {
    const dev = new TargetPolicy({ allowHttp: true, allowedPrivateCidrs: ['127.0.0.0/8'] });
    expect(dev.checkUrl('http://127.0.0.1:8080/hook')).toMatchObject({ ok: true });
    expect(dev.checkUrl('https://localhost:8443/hook')).toMatchObject({ ok: true });
    expect(dev.checkAddress('::ffff:127.0.0.2')).toBeNull();
    expect(dev.checkAddress('10.0.0.1')).toMatch(/private/);
    expect(dev.checkUrl('https://user:x@127.0.0.1/')).toMatchObject({ ok: false });
  });
});
