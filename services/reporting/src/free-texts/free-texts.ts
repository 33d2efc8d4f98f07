import { viewOfText, type FreeTextView, type StoredText } from '@eutf/event-catalog';
import type { ProjectRegisterDoc } from '../read-models/project-register.projection';

/** What a report shows for a stored free text. */
export type TextOf = (stored: StoredText) => FreeTextView;

/** Without the store's answer: references are "unavailable", older inline texts shown. */
export const textsUnavailable: TextOf = (stored) => viewOfText(stored, undefined);

/** The store's entries as the projects service answered them; undefined when it could not be asked. */
export type FreeTextEntries = ReadonlyMap<string, { text: string | null; erasedAt: string | null }> | undefined;

/** The free-text ids the projects' reasons refer to and that are not known to be erased: what a report asks the store for. */
export function textIdsToResolve(projects: readonly ProjectRegisterDoc[]): string[] {
  const ids = new Set<string>();
  for (const project of projects) {
    const erased = new Set(project.erasedTexts ?? []);
    const add = (stored: StoredText | null) => {
      if (stored && 'textId' in stored && !erased.has(stored.textId)) ids.add(stored.textId);
    };
    project.milestones.forEach((milestone) => milestone.delayReasons.forEach(add));
    project.results.forEach((result) => add(result.returnReason));
  }
  return [...ids];
}

/**
 * How a report shows the projects' free texts: erased when the read model saw the erasure or the
 * store says so, the text when the store has it, "unavailable" when the store could not be asked.
 */
export function textsOf(projects: readonly ProjectRegisterDoc[], entries: FreeTextEntries): TextOf {
  const erased = new Set(projects.flatMap((project) => project.erasedTexts ?? []));
  return (stored) => ('textId' in stored && erased.has(stored.textId) ? { textId: stored.textId, status: 'erased', text: null } : viewOfText(stored, entries));
}

/** A project as a report answers it: its reasons resolved, the read model's bookkeeping left out. */
export function withTexts({ erasedTexts: _erased, ...project }: ProjectRegisterDoc, textOf: TextOf): ProjectRegisterDoc<FreeTextView> {
  return {
    ...project,
    milestones: project.milestones.map((milestone) => ({ ...milestone, delayReasons: milestone.delayReasons.map(textOf) })),
    results: project.results.map((result) => ({ ...result, returnReason: result.returnReason === null ? null : textOf(result.returnReason) })),
  };
}
