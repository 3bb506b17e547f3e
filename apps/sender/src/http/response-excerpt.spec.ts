import { Readable } from 'node:stream';
import { readExcerpt } from './response-excerpt';

describe('readExcerpt', () => {
  it('returns a short body whole', async () => {
    expect(await readExcerpt(Readable.from([Buffer.from('{"ok":'), Buffer.from('true}')]))).toBe(
      '{"ok":true}',
    );
  });

  it('returns null for an empty body', async () => {
    expect(await readExcerpt(Readable.from([]))).toBeNull();
  });

  it('keeps only the first 4096 bytes and stops reading the rest', async () => {
    let produced = 0;
    const stream = new Readable({
      read() {
        produced += 1;
        this.push(Buffer.alloc(1000, 'a'));
      },
    });
    const excerpt = await readExcerpt(stream);
    expect(excerpt).toHaveLength(4096);
    expect(stream.destroyed).toBe(true);
    expect(produced).toBeLessThan(20);
  });

  it('keeps what arrived when the body fails mid-way', async () => {
    const stream = new Readable({ read() {} });
    stream.push('partial');
    setTimeout(() => stream.destroy(new Error('reset')), 10);
    expect(await readExcerpt(stream)).toBe('partial');
  });
});
