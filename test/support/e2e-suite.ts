import { Webhook } from 'standardwebhooks';
import { Receiver, selfSignedCert, type Behaviour, type ReceivedRequest } from './https-receiver';
import { Pipeline, type PipelineOptions } from './pipeline';

/**
 * The setting of an end-to-end suite: the three apps as processes (Pipeline) and a local
 * HTTPS receiver whose certificate they trust, started before the suite's tests and stopped
 * after them. Call it at the top of the suite; its own beforeAll hooks run after these.
 */
export function pipelineWithReceiver(
  options: { behaviour?: Behaviour; pipeline?: Omit<PipelineOptions, 'trustCertificate'> } = {},
) {
  const tls = selfSignedCert();
  const receiver = new Receiver(tls, options.behaviour);
  const pipeline = new Pipeline({ trustCertificate: tls.cert, ...options.pipeline });
  beforeAll(async () => {
    await receiver.start();
    await pipeline.start();
  }, 90_000);
  afterAll(async () => {
    await pipeline.stop();
    await receiver.stop();
  });
  return { receiver, pipeline };
}

/** A callback's body, its signature checked as a receiver would (the standardwebhooks package). */
export function verifiedBody<T = Record<string, unknown>>(
  request: ReceivedRequest,
  secret: string,
): T {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as T;
}
