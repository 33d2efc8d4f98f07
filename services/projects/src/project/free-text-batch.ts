import { randomUUID } from 'node:crypto';
import { linksAsText, type FreeTextRef } from '@eutf/event-catalog';
import type { FreeTextEntry } from '@eutf/event-sourcing';

/**
 * The free texts one command brings (a reason, a narrative, evidence links): each gets an id that
 * the command's events carry instead of the text, which goes to the free-text store in the
 * append's transaction. An empty text or list is no text at all (null).
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
