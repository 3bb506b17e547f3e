import {
  parseFormatVersion,
  readsFormat,
  RECORD_FORMAT,
  RECORD_FORMAT_CHECK,
  RECORD_FORMAT_HEADER,
  RECORD_FORMAT_VERSION,
  recordMessage,
  unreadableFormat,
} from './record-format';

const withHeader = (value: string | Buffer | Array<string | Buffer>) => ({
  headers: { [RECORD_FORMAT_HEADER]: value },
});

describe('record format versions', () => {
  it('writes MAJOR.MINOR of this release in the header, beside headers given', () => {
    expect(RECORD_FORMAT_VERSION).toBe(`${RECORD_FORMAT.major}.${RECORD_FORMAT.minor}`);
    expect(recordMessage('k', { a: 1 }, { 'event-type': 'x' })).toEqual({
      key: 'k',
      value: '{"a":1}',
      headers: { 'event-type': 'x', [RECORD_FORMAT_HEADER]: RECORD_FORMAT_VERSION },
    });
    // A tombstone carries it too; a header of the same name given is replaced.
    expect(recordMessage('k', null, { [RECORD_FORMAT_HEADER]: '9.9' })).toEqual({
      key: 'k',
      value: null,
      headers: { [RECORD_FORMAT_HEADER]: RECORD_FORMAT_VERSION },
    });
  });

  it('parses MAJOR.MINOR and nothing else', () => {
    expect(parseFormatVersion('1.0')).toEqual({ major: 1, minor: 0 });
    expect(parseFormatVersion('12.34')).toEqual({ major: 12, minor: 34 });
    for (const text of ['1', '1.0.0', '0.9', '01.0', '1.01', 'v1.0', ' 1.0', '1.0 ', '', '1.x'])
      expect(parseFormatVersion(text)).toBeNull();
  });

  it('reads every minor of its major and older majors, never a newer major', () => {
    const reader = { major: 2, minor: 1 };
    expect(readsFormat({ major: 2, minor: 0 }, reader)).toBe(true);
    expect(readsFormat({ major: 2, minor: 9 }, reader)).toBe(true);
    expect(readsFormat({ major: 1, minor: 5 }, reader)).toBe(true);
    expect(readsFormat({ major: 3, minor: 0 }, reader)).toBe(false);
  });

  it('reads a record without the header as written before versions (1.0)', () => {
    expect(unreadableFormat({})).toBeNull();
    expect(unreadableFormat({ headers: {} })).toBeNull();
    expect(unreadableFormat({ headers: { 'event-type': 'contact.created' } })).toBeNull();
  });

  it('reads its own version and a newer minor, as a string or as bytes', () => {
    expect(unreadableFormat(withHeader(RECORD_FORMAT_VERSION))).toBeNull();
    const newerMinor = `${RECORD_FORMAT.major}.${RECORD_FORMAT.minor + 7}`;
    expect(unreadableFormat(withHeader(Buffer.from(newerMinor)))).toBeNull();
  });

  it('names a newer major, or a header that is no version, as what it cannot read', () => {
    const newerMajor = `${RECORD_FORMAT.major + 1}.0`;
    expect(unreadableFormat(withHeader(Buffer.from(newerMajor)))).toBe(newerMajor);
    expect(unreadableFormat(withHeader('banana'))).toBe('banana');
    expect(unreadableFormat(withHeader('x'.repeat(100)))).toBe('x'.repeat(32));
    // The header given twice: one unreadable value is enough.
    expect(unreadableFormat(withHeader(['1.0', newerMajor]))).toBe(newerMajor);
  });

  it('is offered to consumers with what this release reads', () => {
    expect(RECORD_FORMAT_CHECK.reads).toBe(`${RECORD_FORMAT.major}.x`);
    expect(RECORD_FORMAT_CHECK.unreadable(withHeader('99.0'))).toBe('99.0');
  });
});
