import ipaddr from 'ipaddr.js';

/** What a target may be: https only unless allowed, and which private ranges are allowed. */
export interface TargetPolicyOptions {
  allowHttp: boolean;
  /** CIDRs such as `127.0.0.0/8` that are allowed although not public (development, tests). */
  allowedPrivateCidrs: string[];
}

export type TargetVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export const MAX_TARGET_URL_LENGTH = 2048;

/** Host names that are never public, whatever they resolve to. */
const BLOCKED_HOST_SUFFIXES = [
  'localhost',
  '.localhost',
  '.local',
  '.internal',
  '.localdomain',
  '.home.arpa',
];
const METADATA_HOSTS = ['metadata.google.internal', 'metadata.goog', 'metadata'];

/**
 * The safety rules for webhook targets (docs/design.md): applied to the URL at registration and
 * again to every resolved address at connect time, so DNS rebinding cannot slip through.
 * Only globally routable unicast addresses pass, unless inside an allowed private CIDR.
 */
export class TargetPolicy {
  private readonly allowed: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

  constructor(private readonly options: TargetPolicyOptions) {
    this.allowed = options.allowedPrivateCidrs.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** Checks a URL's syntax, scheme, credentials and (when it is a literal) address. */
  checkUrl(raw: string): TargetVerdict {
    if (raw.length > MAX_TARGET_URL_LENGTH)
      return { ok: false, reason: `must be at most ${MAX_TARGET_URL_LENGTH} characters` };
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: 'must be an absolute URL' };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp)) {
      return {
        ok: false,
        reason: this.options.allowHttp ? 'must use http or https' : 'must use https',
      };
    }
    if (url.username || url.password) return { ok: false, reason: 'must not contain credentials' };
    if (url.hash) return { ok: false, reason: 'must not contain a fragment' };
    // WHATWG URL parsing has already turned decimal, octal and hex IPv4 spellings into dotted quads.
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (ipaddr.isValid(host)) {
      const reason = this.checkAddress(host);
      return reason ? { ok: false, reason } : { ok: true, url };
    }
    if (
      !host.includes('.') ||
      BLOCKED_HOST_SUFFIXES.some(
        (suffix) => host === suffix.replace(/^\./, '') || host.endsWith(suffix),
      ) ||
      METADATA_HOSTS.includes(host)
    ) {
      if (!this.allowsHostName())
        return { ok: false, reason: `host "${host}" is not a public host name` };
    }
    return { ok: true, url };
  }

  /** Null when the address may be connected to; otherwise why not. */
  checkAddress(address: string): string | null {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.parse(address);
    } catch {
      return `"${address}" is not an IP address`;
    }
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    if (
      this.allowed.some(
        ([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits),
      )
    )
      return null;
    const range = parsed.range();
    return range === 'unicast' ? null : `address ${parsed.toString()} is not public (${range})`;
  }

  /** Local names are allowed only when loopback is explicitly allowed (development). */
  private allowsHostName(): boolean {
    return this.checkAddress('127.0.0.1') === null;
  }
}
