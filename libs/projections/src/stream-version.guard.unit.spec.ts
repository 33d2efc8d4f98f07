import {
  InvalidStreamIdError,
  checkStreamVersion,
  gapReason,
  recordStreamVersion,
  streamIdOfKey,
  streamVersionKey,
} from './stream-version.guard';

describe('stream version guard', () => {
  it('takes version 1 as the first event of a stream the document has no record of', () => {
    expect(checkStreamVersion(undefined, 'case-1', 1n)).toEqual({ kind: 'next' });
  });

  it('reports a stream that starts after version 1 as a gap, unless the projection allows partial streams', () => {
    expect(checkStreamVersion(undefined, 'case-1', 3n)).toEqual({ kind: 'gap', expected: 1n });
    expect(checkStreamVersion(undefined, 'case-1', 3n, 'partial')).toEqual({ kind: 'next' });
    expect(checkStreamVersion(undefined, 'case-1', 3n, 'sparse')).toEqual({ kind: 'next' });
  });

  it('takes the version right after the recorded one as the next', () => {
    expect(checkStreamVersion(recordStreamVersion(undefined, 'case-1', 2n), 'case-1', 3n)).toEqual({ kind: 'next' });
  });

  it('skips an event at or below the recorded version as a duplicate', () => {
    const versions = recordStreamVersion(undefined, 'case-1', 2n);
    expect(checkStreamVersion(versions, 'case-1', 2n)).toEqual({ kind: 'duplicate', last: 2n });
    expect(checkStreamVersion(versions, 'case-1', 1n)).toEqual({ kind: 'duplicate', last: 2n });
  });

  it('detects a gap after the recorded version, even when partial streams are allowed', () => {
    const versions = recordStreamVersion(undefined, 'case-1', 2n);
    expect(checkStreamVersion(versions, 'case-1', 4n)).toEqual({ kind: 'gap', expected: 3n });
    expect(checkStreamVersion(versions, 'case-1', 4n, 'partial')).toEqual({ kind: 'gap', expected: 3n });
    expect(gapReason('case-1', 3n, 4n)).toBe('gap: stream case-1 expected version 3, got 4');
  });

  it('takes any later version as the next for a document that sees only some events of its stream, and still skips redeliveries', () => {
    const versions = recordStreamVersion(undefined, 'project-9', 5n);
    expect(checkStreamVersion(versions, 'project-9', 9n, 'sparse')).toEqual({ kind: 'next' });
    expect(checkStreamVersion(versions, 'project-9', 6n, 'sparse')).toEqual({ kind: 'next' });
    expect(checkStreamVersion(versions, 'project-9', 5n, 'sparse')).toEqual({ kind: 'duplicate', last: 5n });
    expect(checkStreamVersion(versions, 'project-9', 2n, 'sparse')).toEqual({ kind: 'duplicate', last: 5n });
  });

  it('stores versions as strings, keyed by stream', () => {
    const versions = recordStreamVersion(recordStreamVersion(undefined, 'case-1', 1n), 'project-9', 12n);
    expect(versions).toEqual({ 'case-1': '1', 'project-9': '12' });
  });

  it('escapes stream ids that MongoDB refuses as keys, one-to-one', () => {
    for (const streamId of ['project.v2', '$system', 'a%2Eb', 'a.b.%24$', '%']) {
      const key = streamVersionKey(streamId);
      expect(key).not.toContain('.');
      expect(key.startsWith('$')).toBe(false);
      expect(streamIdOfKey(key)).toBe(streamId);
    }
    expect(streamVersionKey('project.v2')).not.toBe(streamVersionKey('project%2Ev2'));
    const versions = recordStreamVersion(undefined, 'project.v2', 1n);
    expect(checkStreamVersion(versions, 'project.v2', 1n)).toEqual({ kind: 'duplicate', last: 1n });
  });

  it('refuses stream ids that cannot be a key at all', () => {
    expect(() => streamVersionKey('')).toThrow(InvalidStreamIdError);
    expect(() => streamVersionKey('a\0b')).toThrow(InvalidStreamIdError);
  });
});
