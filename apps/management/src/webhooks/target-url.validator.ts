import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import ipaddr from 'ipaddr.js';
import { TargetPolicy } from '@app/webhooks';

/** Resolves a host name to its addresses; an I/O edge so tests can pass a fake one. */
@Injectable()
export class HostResolver {
  /** The host's addresses, or null when it cannot be resolved within the deadline. */
  async resolve(host: string, timeoutMs = 1500): Promise<string[] | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const found = await Promise.race([
        lookup(host, { all: true, verbatim: true }),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), timeoutMs);
        }),
      ]);
      return found ? found.map((entry) => entry.address) : null;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * `target_url` against the TargetPolicy (docs/design.md): syntax, length, https only, no
 * credentials, no literal non-public address; then, when the host name resolves, none of
 * its addresses may be non-public either. A name that does not resolve now is accepted:
 * the sender checks the resolved address again at connect time.
 */
@ValidatorConstraint({ name: 'targetUrl', async: true })
@Injectable()
export class TargetUrlConstraint implements ValidatorConstraintInterface {
  private readonly reasons = new WeakMap<object, string>();

  constructor(
    private readonly policy: TargetPolicy,
    private readonly resolver: HostResolver,
  ) {}

  async validate(value: unknown, args: ValidationArguments): Promise<boolean> {
    const reason = await this.problem(value);
    if (reason) this.reasons.set(args.object, reason);
    return reason === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} ${this.reasons.get(args.object) ?? 'is not an allowed target'}`;
  }

  private async problem(value: unknown): Promise<string | null> {
    if (typeof value !== 'string') return 'must be a string';
    const verdict = this.policy.checkUrl(value);
    if (!verdict.ok) return verdict.reason;
    const host = verdict.url.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host)) return null;
    const addresses = await this.resolver.resolve(host);
    for (const address of addresses ?? []) {
      const reason = this.policy.checkAddress(address);
      if (reason) return `host resolves to a non-public address: ${reason}`;
    }
    return null;
  }
}

export function IsTargetUrl(options?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      target: object.constructor,
      propertyName,
      options,
      validator: TargetUrlConstraint,
    });
  };
}
