/**
 * A kind of stream and its id: `id()` names an aggregate's stream, `parse()` reads the aggregate's
 * key back, or null for another kind's stream. Producers and consumers use the same pair, so
 * nobody slices another context's stream ids by hand.
 */
export interface StreamKind {
  readonly prefix: string;
  id(key: string): string;
  parse(streamId: string): string | null;
}

export function streamKind(prefix: string): StreamKind {
  return {
    prefix,
    id: (key) => `${prefix}${key}`,
    parse: (streamId) => (streamId.startsWith(prefix) && streamId.length > prefix.length ? streamId.slice(prefix.length) : null),
  };
}
