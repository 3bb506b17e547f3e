// Type declarations for the two codec packages that ship none (see compression-codecs.ts).
declare module 'kafkajs-snappy' {
  const snappyCodec: () => {
    compress(encoder: { buffer: Buffer }): Promise<Buffer>;
    decompress(buffer: Buffer): Promise<Buffer>;
  };
  export default snappyCodec;
}

declare module 'lz4js' {
  /** Decompresses one LZ4 frame. */
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
}
