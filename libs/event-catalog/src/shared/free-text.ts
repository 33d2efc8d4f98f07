import { randomUUID } from 'node:crypto';
import { defineEvent, type FreeTextEntry, type FreeTextView } from '@eutf/event-sourcing';
import { z } from 'zod';

/**
 * Free text in an event: the id of its entry in the writing service's erasable free-text store,
 * never the text. Events written before the store existed carried the text itself: upcast, it is
 * `legacyText`, and it stays on the log and its topics for good (nothing here can erase it).
 */
export const freeTextRef = z.object({ textId: z.uuid() });
export type FreeTextRef = z.infer<typeof freeTextRef>;

const legacyInlineText = z.object({ legacyText: z.string() });

/** What a reader gets: a reference, or an older event's inline text. */
export type StoredText = FreeTextRef | { legacyText: string };

/** A field of free text as the current version writes it: a reference only; older text is read, never written. */
export const freeText = z
  .union([freeTextRef, legacyInlineText])
  .refine((value): boolean => 'textId' in value, 'an event refers to its free text by id (textId), never holds the text');

/** The reference an older version's inline text becomes: none for an empty text. */
export const legacyText = (text: string): StoredText | null => (text === '' ? null : { legacyText: text });

/** Evidence links kept as one free text, one link a line. */
export const linksAsText = (links: readonly string[]) => links.join('\n');

export const ERASURE_REASON_CODES = ['personal-data', 'data-subject-request', 'legal-obligation', 'entered-in-error'] as const;
export const erasureReasonCode = z.enum(ERASURE_REASON_CODES);

/**
 * An admin erased a free text: its store entry no longer holds it. The event says which entry and
 * why, as a code; it never holds the text. Read models mark the text as erased.
 */
export const FreeTextErased = defineEvent({
  type: 'FreeTextErased',
  description: 'An admin erased a free text (a narrative, a reason, evidence links): it is gone from the store; events only ever held its id.',
  versions: [{ version: 1, schema: z.object({ textId: z.uuid(), field: z.string().min(1).max(100), reasonCode: erasureReasonCode }) }],
  example: { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', field: 'narrative', reasonCode: 'personal-data' },
});

/**
 * A free text as a reader sees it: its text, or that it was erased (`text` null), or that the
 * store could not be asked just now. `textId` is null for an older event's inline text, which no
 * erasure reaches.
 */
export const freeTextView = z.object({
  textId: z.string().nullable(),
  status: z.enum(['shown', 'erased', 'unavailable']),
  text: z.string().nullable(),
}) satisfies z.ZodType<FreeTextView>;
export type { FreeTextView };

/** A store entry as the writing service answers `GET /free-texts` (the reporting service shows texts through it). */
export const freeTextEntry = z.object({
  textId: z.string(),
  field: z.string(),
  status: z.enum(['shown', 'erased']),
  text: z.string().nullable(),
  recordedAt: z.string(),
  erasedAt: z.string().nullable(),
});
export type FreeTextEntryView = z.infer<typeof freeTextEntry>;

/** What a reader shows for a stored text, given the store's entries (undefined: the store could not be asked). */
export function viewOfText(stored: StoredText, entries: ReadonlyMap<string, { text: string | null; erasedAt: string | null }> | undefined): FreeTextView {
  if ('legacyText' in stored) return { textId: null, status: 'shown', text: stored.legacyText };
  if (!entries) return { textId: stored.textId, status: 'unavailable', text: null };
  const entry = entries.get(stored.textId);
  // The store never deletes an entry: one it does not have is not known to be erased, only not there to show.
  if (!entry) return { textId: stored.textId, status: 'unavailable', text: null };
  if (entry.erasedAt !== null || entry.text === null) return { textId: stored.textId, status: 'erased', text: null };
  return { textId: stored.textId, status: 'shown', text: entry.text };
}

/**
 * The free texts one command brings (a reason, a narrative, evidence links): each gets an id that
 * the command's events carry instead of the text, which goes to the service's free-text store in
 * the append's transaction (`CommandSteps.freeTexts`). An empty text or list is no text (null).
 */
export class FreeTextBatch {
  private readonly entries: Array<Omit<FreeTextEntry, 'streamId'>> = [];

  text(field: string, text: string): FreeTextRef {
    const textId = randomUUID();
    this.entries.push({ textId, field, text });
    return { textId };
  }

  optionalText(field: string, text: string): FreeTextRef | null {
    return text === '' ? null : this.text(field, text);
  }

  links(field: string, links: readonly string[]): FreeTextRef | null {
    return links.length === 0 ? null : this.text(field, linksAsText(links));
  }

  forStream(streamId: string): FreeTextEntry[] {
    return this.entries.map((entry) => ({ ...entry, streamId }));
  }
}
