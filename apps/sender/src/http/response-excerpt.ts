import { RESPONSE_EXCERPT_BYTES } from '@app/contracts';

export interface DestroyableBody extends AsyncIterable<Buffer | Uint8Array | string> {
  destroy(error?: Error): unknown;
}

/**
 * Reads at most the first `maxBytes` of a response body, then destroys the stream so the
 * rest is never buffered. A body that errors or is aborted (deadline) keeps what arrived.
 */
export async function readExcerpt(
  body: DestroyableBody,
  maxBytes: number = RESPONSE_EXCERPT_BYTES,
): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = false;
  try {
    for await (const chunk of body) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= maxBytes) break;
    }
    complete = size < maxBytes;
  } catch {
    // aborted or reset mid-body: keep what arrived
  } finally {
    if (!complete) body.destroy();
  }
  if (size === 0) return null;
  return new TextDecoder('utf-8', { fatal: false }).decode(
    Buffer.concat(chunks).subarray(0, maxBytes),
  );
}
