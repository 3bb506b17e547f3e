import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { decompress as zstdDecompress } from 'fzstd';
import snappyCodec from 'kafkajs-snappy';
import { decompress as lz4Decompress } from 'lz4js';

/*
 * kafkajs reads uncompressed and gzip batches only; a snappy, lz4 or zstd batch on a topic
 * fails the whole fetch, and the consumer stops for good on that partition. Producers are
 * other teams' services with other clients (franz-go compresses with snappy by default), so
 * every app can read all four codecs Kafka has: snappy through kafkajs-snappy, lz4 (frame
 * format) and zstd through pure JavaScript decoders. The platform itself never compresses,
 * so these decode only.
 */

const decodeOnly = (name: string, decompress: (buffer: Buffer) => Uint8Array) => () => ({
  compress(): Promise<Buffer> {
    return Promise.reject(new Error(`the platform does not write ${name} batches`));
  },
  decompress(buffer: Buffer): Promise<Buffer> {
    const bytes = decompress(buffer);
    return Promise.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  },
});

let registered = false;

/** Teaches kafkajs (process-wide) to read snappy, lz4 and zstd batches; idempotent. */
export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  CompressionCodecs[CompressionTypes.Snappy] = snappyCodec;
  CompressionCodecs[CompressionTypes.LZ4] = decodeOnly('lz4', (buffer) =>
    lz4Decompress(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)),
  );
  CompressionCodecs[CompressionTypes.ZSTD] = decodeOnly('zstd', (buffer) =>
    zstdDecompress(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)),
  );
}
