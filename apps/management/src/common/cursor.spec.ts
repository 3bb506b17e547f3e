import { BadRequestException } from '@nestjs/common';
import { afterCursor, cursorFromQuery, decodeCursor, encodeCursor, toPage } from './cursor';

describe('page cursors', () => {
  const cursor = {
    at: new Date('2026-11-23T10:00:00.123Z'),
    id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
  };

  it('round-trips and is opaque', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain(cursor.id);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    '',
    'not a cursor',
    '!!!',
    Buffer.from('abc:def:ghi').toString('base64url'),
    'x'.repeat(600),
  ])('refuses %p', (text) => {
    expect(decodeCursor(text)).toBeNull();
    expect(() => cursorFromQuery(text)).toThrow(BadRequestException);
  });

  it('builds the keyset filter', () => {
    expect(afterCursor('created_at', null)).toEqual({});
    expect(afterCursor('created_at', cursor)).toEqual({
      created_at: { $lte: cursor.at },
      $or: [{ created_at: { $lt: cursor.at } }, { created_at: cursor.at, _id: { $lt: cursor.id } }],
    });
  });

  it('pages with one extra row', () => {
    const rows = [1, 2, 3].map((n) => ({ _id: `id-${n}`, at: new Date(n * 1000) }));
    const page = toPage(
      rows,
      2,
      (r) => r.at,
      (r) => r._id,
    );
    expect(page.data).toEqual(['id-1', 'id-2']);
    expect(decodeCursor(page.next_cursor!)).toEqual({ at: new Date(2000), id: 'id-2' });
    expect(
      toPage(
        rows,
        3,
        (r) => r.at,
        (r) => r._id,
      ).next_cursor,
    ).toBeNull();
  });
});
