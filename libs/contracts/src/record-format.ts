import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/*
 * The format version of the records the platform writes to its own topics (delivery records
 * of every stage, attempt outcomes, routing snapshots, replay requests and progress,
 * rejections, dead letters): a Kafka header, `format-version: MAJOR.MINOR`
 * (docs/design.md, "Record formats"). A header rather than a field of the JSON value: the
 * releases before versions refuse any field they do not know, but ignore headers, so they
 * read what this release writes.
 *
 * - A new minor only adds optional fields whose absence means what it meant before, so any
 *   reader of the same major reads it, dropping the fields it does not know.
 * - A new major may change or remove a field. A reader of an older major does not guess: it
 *   stops at such a record (FormatGate, @app/kafka) until an upgraded instance takes over.
 * - No header: written before versions existed, read as 1.0.
 */

/** The format this release writes. */
export const RECORD_FORMAT = { major: 1, minor: 0 } as const;

/** The header that carries it. */
export const RECORD_FORMAT_HEADER = 'format-version';

/** `MAJOR.MINOR`, as written in the header. */
export const RECORD_FORMAT_VERSION = `${RECORD_FORMAT.major}.${RECORD_FORMAT.minor}`;

export interface FormatVersion {
  major: number;
  minor: number;
}

/** What the header may hold: two decimal numbers without leading zeros, the major from 1. */
const VERSION_PATTERN = /^([1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

/** `MAJOR.MINOR` as numbers; null for anything else. */
export function parseFormatVersion(text: string): FormatVersion | null {
  const match = VERSION_PATTERN.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

/**
 * Whether a reader of format `reader` reads a record of format `version`: any minor of its
 * own major, and older majors (a release that brings a new major keeps reading the one
 * before it, whose records stay in the topics).
 */
export function readsFormat(
  version: FormatVersion,
  reader: FormatVersion = RECORD_FORMAT,
): boolean {
  return version.major <= reader.major;
}

/** Longest header text repeated in a log line or /health. */
const SHOWN_LENGTH = 32;

/**
 * The format version of a consumed record when this release cannot read it (a newer major,
 * or a header that is no version at all); null when it reads the record, which is also the
 * case without the header (1.0).
 */
export function unreadableFormat(message: Pick<KafkaMessage, 'headers'>): string | null {
  const header = message.headers?.[RECORD_FORMAT_HEADER];
  if (header === undefined) return null;
  for (const value of Array.isArray(header) ? header : [header]) {
    const text = value.toString();
    const version = parseFormatVersion(text);
    if (!version || !readsFormat(version)) return text.slice(0, SHOWN_LENGTH);
  }
  return null;
}

/** The platform's records, for the consumers that read them (`recordFormat`, @app/kafka). */
export const RECORD_FORMAT_CHECK = {
  unreadable: unreadableFormat,
  reads: `${RECORD_FORMAT.major}.x`,
} as const;

/**
 * A platform record as a Kafka message: its JSON value (null: a tombstone) and the format
 * version this release writes. `headers` (a rejected message's own) are kept beside it.
 */
export function recordMessage<K extends Message['key'], V extends object | null>(
  key: K,
  record: V,
  headers?: IHeaders,
): { key: K; value: V extends null ? null : string; headers: IHeaders } {
  return {
    key,
    value: (record === null ? null : JSON.stringify(record)) as V extends null ? null : string,
    headers: { ...headers, [RECORD_FORMAT_HEADER]: RECORD_FORMAT_VERSION },
  };
}
