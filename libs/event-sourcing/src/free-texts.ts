/**
 * Free text a person typed (a narrative, a reason, evidence links) may name people. It is kept
 * beside the log, in the writing service's own erasable store, and events carry only its id: the
 * log and its topics are kept for ever, the text only until an admin erases it.
 */
export interface FreeTextEntry {
  textId: string;
  /** The stream of the event that refers to it: whose text it is. */
  streamId: string;
  /** Which field of which command it was given in, e.g. `narrative`, `reason`. */
  field: string;
  text: string;
}

/** An entry's text to erase, with who erased it and the code of why. */
export interface FreeTextErasure {
  textId: string;
  streamId: string;
  erasedBy: string;
  reasonCode: string;
}

/** What an append writes to the free-text store in its own transaction, and only if the events are appended. */
export interface FreeTextWrites {
  record?: readonly FreeTextEntry[];
  erase?: readonly FreeTextErasure[];
}

/** An entry as the store answers it: its text until it is erased, then null and when. */
export interface StoredFreeText {
  textId: string;
  streamId: string;
  field: string;
  text: string | null;
  recordedAt: string;
  erasedAt: string | null;
}

/** Reads the service's free-text store (writes go with appends, see `AppendOptions.freeTexts`). */
export interface FreeTextStore {
  read(textIds: readonly string[]): Promise<Map<string, StoredFreeText>>;
  /** The entries of one stream, oldest first. */
  ofStream(streamId: string): Promise<StoredFreeText[]>;
}

/**
 * A free text as a reader sees it: its text, or that it was erased (`text` null), or that the
 * store could not be asked or does not have it. `textId` is null for text an event holds itself
 * (an older event's inline text, or a code), which no erasure reaches.
 */
export interface FreeTextView {
  textId: string | null;
  status: 'shown' | 'erased' | 'unavailable';
  text: string | null;
}

/** DI token of a service's free-text store. */
export const FREE_TEXTS = Symbol('FREE_TEXTS');
