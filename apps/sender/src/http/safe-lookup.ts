import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { TargetPolicy } from '@app/webhooks';

/** Error code of a connection refused because the target resolved to a non-public address. */
export const BLOCKED_ADDRESS = 'EBLOCKEDADDRESS';

export class BlockedAddressError extends Error {
  readonly code = BLOCKED_ADDRESS;
  constructor(reason: string) {
    super(`target refused: ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests inject their own). */
export type Resolver = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, callback);

type LookupOptions = { all?: boolean; family?: number | string };
type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls.connect (passed through undici's `connect` options) that checks
 * every resolved address against the target policy at connect time and hands the socket
 * only the addresses that passed, so the connection goes to an address that was checked
 * (DNS rebinding cannot slip a private address in between check and connect). When no
 * address passes, the connection fails with BlockedAddressError before any packet is sent.
 */
export function createSafeLookup(policy: TargetPolicy, resolve: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, []);
      const family =
        options.family === 4 || options.family === 'IPv4'
          ? 4
          : options.family === 6 || options.family === 'IPv6'
            ? 6
            : 0;
      const candidates = addresses.filter((a) => family === 0 || a.family === family);
      const allowed = candidates.filter((a) => policy.checkAddress(a.address) === null);
      if (allowed.length === 0) {
        const first = candidates[0];
        const reason = first
          ? (policy.checkAddress(first.address) ?? 'no allowed address')
          : 'no address';
        return callback(new BlockedAddressError(reason), []);
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
