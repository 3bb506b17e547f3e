import { isIP } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { TargetPolicy, WebhookMethod } from '@app/webhooks';
import { resultForStatus, type HttpAttemptResult } from '../attempt-outcome';
import { callbackConnector, type ConnectionEvents } from './callback-connector';
import { deadline } from './deadline';
import { classifyError } from './error-kind';
import { RESPONSE_EXCERPT_BYTES } from '@app/contracts';
import { readExcerpt } from './response-excerpt';
import { Redactor, spellingBytes, truncateUtf8 } from './redaction';
import { createSafeLookup, systemResolver, type Resolver } from './safe-lookup';

/** One HTTP callback, fully resolved (URL, headers with the signature, body). */
export interface CallbackRequest {
  url: string;
  method: WebhookMethod;
  headers: Record<string, string>;
  body: string;
  /** Values redacted from the response excerpt and error texts (header values, secrets...). */
  sensitive: readonly string[];
}

export type { HttpAttemptResult };

export interface HttpDeliveryClientOptions {
  timeoutMs: number;
  policy: TargetPolicy;
  /** Keep-alive connections per origin; matches the per-endpoint concurrency cap. */
  connectionsPerOrigin: number;
  /** Told of every connection opened and closed: the flow control's connection ramp. */
  connections: ConnectionEvents;
  /** Extra trusted CA certificates (tests); the system roots stay trusted. */
  ca?: Array<string | Buffer>;
  /** Host name resolution (tests inject their own to simulate DNS answers). */
  resolver?: Resolver;
}

/** How long undici's own timeouts wait past the deadline before they give up themselves. */
const BACKSTOP_MS = 1_000;

/**
 * Performs HTTP callbacks with undici: one keep-alive pool per origin (an undici Agent), no
 * redirects followed, one deadline over connect + TLS + response headers (the connect
 * deadline of callbackConnector, headersTimeout and an overall abort signal), at most 4 KB
 * of the body read, and a connect-time address check through a safe `lookup`. Never
 * throws: every outcome, transport errors included, comes back as data.
 */
export class HttpDeliveryClient {
  private readonly agent: Agent;

  constructor(private readonly options: HttpDeliveryClientOptions) {
    this.agent = new Agent({
      connections: options.connectionsPerOrigin,
      keepAliveTimeout: 4_000,
      // The deadline is the abort signal in `send`; these are only a backstop behind it, late
      // enough that undici's timers never fail a response the deadline would let through.
      headersTimeout: options.timeoutMs + BACKSTOP_MS,
      bodyTimeout: options.timeoutMs + BACKSTOP_MS,
      connect: callbackConnector(
        {
          lookup: createSafeLookup(options.policy, options.resolver ?? systemResolver),
          // One secure context for every connection: without it Node builds one per connect,
          // loading the whole root store each time (about 0.6 ms a connection in profiles).
          // The default context trusts what Node trusts, NODE_EXTRA_CA_CERTS included.
          secureContext: createSecureContext(
            options.ca ? { ca: [...rootCertificates, ...options.ca] } : {},
          ),
        },
        options.timeoutMs,
        options.connections,
      ),
    });
  }

  async send(call: CallbackRequest): Promise<HttpAttemptResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const refused = this.checkTarget(call.url);
    if (refused)
      return {
        ...refused,
        error: new Redactor(call.sensitive).redact(refused.error),
        statusCode: null,
        durationMs: elapsed(),
        excerpt: null,
      };

    const controller = new AbortController();
    const cancelDeadline = deadline(this.options.timeoutMs, () => controller.abort());
    try {
      const response = await request(call.url, {
        dispatcher: this.agent,
        method: call.method,
        headers: call.headers,
        body: call.body,
        signal: controller.signal,
      });
      // Success is decided by the status; the excerpt is best effort within the same deadline.
      // It is read a little past its limit, so a secret the limit cuts is still seen whole
      // and redacted before the cut: a receiver that echoes the request leaks nothing.
      const raw = await readExcerpt(response.body, RESPONSE_EXCERPT_BYTES + spellingBytes(call));
      // Most receivers answer with no body: the redactor is built only when there is text.
      const excerpt =
        raw === null
          ? null
          : truncateUtf8(new Redactor(call.sensitive).redact(raw), RESPONSE_EXCERPT_BYTES);
      const result = resultForStatus(response.statusCode, elapsed(), excerpt);
      // undici reuses a keep-alive connection one event-loop turn after its response ended
      // (a wait for servers that close against their word). The caller's next request to
      // this origin, started as soon as this one returns, found no free connection and
      // opened another: two connections for one stream of calls, and a handshake for each.
      await new Promise((resolve) => setImmediate(resolve));
      return result;
    } catch (error) {
      const { kind, message } = classifyError(error, controller.signal.aborted);
      return {
        status: 'failed',
        errorKind: kind,
        error: new Redactor(call.sensitive).redact(message),
        statusCode: null,
        durationMs: elapsed(),
        excerpt: null,
      };
    } finally {
      cancelDeadline();
    }
  }

  /** Waits for requests in flight, then closes the pools. */
  /** Lets open requests finish, then closes; nothing left to close after `destroy`. */
  async close(): Promise<void> {
    if (!this.agent.destroyed) await this.agent.close();
  }

  /** Drops every connection and request at once (crash simulation). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }

  /** URL rules before any connection: scheme, credentials, literal addresses. */
  private checkTarget(
    raw: string,
  ): { status: 'failed'; errorKind: 'blocked_address' | 'invalid_target'; error: string } | null {
    let host: string;
    try {
      host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return { status: 'failed', errorKind: 'invalid_target', error: 'target URL is not valid' };
    }
    if (isIP(host)) {
      const reason = this.options.policy.checkAddress(host);
      if (reason)
        return {
          status: 'failed',
          errorKind: 'blocked_address',
          error: `target refused: ${reason}`,
        };
    }
    const verdict = this.options.policy.checkUrl(raw);
    if (!verdict.ok)
      return {
        status: 'failed',
        errorKind: 'invalid_target',
        error: `target URL ${verdict.reason}`,
      };
    return null;
  }
}
