import { BadRequestException } from '@nestjs/common';

/**
 * The position after the last item of a page, for keyset pagination newest first: the sort
 * time and the id that breaks ties, so pages stay stable while items are added.
 */
export interface PageCursor {
  at: Date;
  id: string;
}

/** Opaque to clients: base64url of `<epoch ms>:<id>`. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.at.getTime()}:${cursor.id}`, 'utf8').toString('base64url');
}

/** Null when `text` is not a cursor this API issued. */
export function decodeCursor(text: string): PageCursor | null {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d{1,15}):([A-Za-z0-9-]{1,64})$/.exec(decoded);
  if (!match) return null;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2] };
}

/** decodeCursor for a query parameter: a bad cursor is the client's error, naming the field. */
export function cursorFromQuery(text: string | undefined): PageCursor | null {
  if (text === undefined) return null;
  const cursor = decodeCursor(text);
  if (!cursor) throw new BadRequestException(['cursor is not a valid page cursor']);
  return cursor;
}

/**
 * The Mongo filter for "strictly after the cursor" in a (time desc, _id desc) order. The
 * top-level `$lte` bounds the index range MongoDB scans; the `$or` breaks ties by id.
 */
export function afterCursor(field: string, cursor: PageCursor | null): Record<string, unknown> {
  if (!cursor) return {};
  return {
    [field]: { $lte: cursor.at },
    $or: [{ [field]: { $lt: cursor.at } }, { [field]: cursor.at, _id: { $lt: cursor.id } }],
  };
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Turns `limit + 1` rows into a page: the extra row only says whether a next page exists.
 */
export function toPage<R extends { _id: string }, T>(
  rows: R[],
  limit: number,
  timeOf: (row: R) => Date,
  present: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    data: items.map(present),
    next_cursor:
      rows.length > limit && last ? encodeCursor({ at: timeOf(last), id: last._id }) : null,
  };
}
