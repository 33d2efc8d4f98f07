import { freeTextsOf, viewOfText, type ProjectEvent } from '@eutf/event-catalog';
import { auditEntryOf, type AuditEntry, type FreeTextView, type RecordedEvent } from '@eutf/event-sourcing';
import { hasRole, type Principal } from '@eutf/identity';

/** One change of a project, as the audit trail shows it: who, when, what and why, and the free texts it refers to. */
export type HistoryEntry = AuditEntry;

/** The free-text store's entries the history shows, by id. */
export type FreeTextEntries = ReadonlyMap<string, { text: string | null; erasedAt: string | null }>;

const period = ({ from, to }: { from: string | null; to: string }) => `${from ?? 'the start'} – ${to}`;

/** The change in a sentence of the domain's words. Reasons are shown apart (`why`). */
export function summaryOf(event: ProjectEvent): string {
  switch (event.type) {
    case 'ProjectRegistered': {
      const { title, reference } = event.data;
      return `Registered "${title}"${reference ? ` under ${reference}` : ', its EUTF reference not known yet'}`;
    }
    case 'ProjectReferenceAssigned':
      return `EUTF reference ${event.data.reference} assigned`;
    case 'ProjectImplementationStarted':
      return `Implementation started (${event.data.startedOn})`;
    case 'ProjectSuspended':
      return `Suspended on ${event.data.suspendedOn}`;
    case 'ProjectResumed':
      return `Resumed on ${event.data.resumedOn}`;
    case 'ProjectClosed':
      return `Closed on ${event.data.closedOn}`;
    case 'MilestoneDefined':
      return `Milestone ${event.data.milestoneId} "${event.data.title}" defined, due ${event.data.dueDate}`;
    case 'MilestoneReached':
      return `Milestone ${event.data.milestoneId} reached on ${event.data.reachedOn}`;
    case 'MilestoneDelayed':
      return `Milestone ${event.data.milestoneId} delayed to ${event.data.newDueDate}`;
    case 'MilestoneDueDateCorrected':
      return `Milestone ${event.data.milestoneId}: due date corrected to ${event.data.dueDate}`;
    case 'IndicatorDefined':
      return `Indicator ${event.data.indicatorId} "${event.data.title}" defined`;
    case 'ResultDrafted':
      return `Result ${event.data.resultId} drafted for ${event.data.indicatorId}, ${period(event.data.period)}`;
    case 'ResultSubmitted':
      return `Result ${event.data.resultId} submitted for approval: ${event.data.value} for ${event.data.indicatorId}, ${period(event.data.period)}`;
    case 'ResultApproved':
      return `Result ${event.data.resultId} approved`;
    case 'ResultReturnedForRevision':
      return `Result ${event.data.resultId} returned for revision`;
    case 'ReportingPeriodLocked':
      return `Reporting period ${period(event.data.period)} locked`;
    case 'FreeTextErased':
      // That it happened, which text and why, by whom (the entry's `who`): never the text.
      return `Free text ${event.data.textId} (${event.data.field}) erased: ${event.data.reasonCode}`;
    default: {
      const unknown: never = event;
      return (unknown as { type: string }).type;
    }
  }
}

/** The reason the actor gave, where the command asks for one, as the free-text store has it now. */
function reasonOf(event: ProjectEvent, entries: FreeTextEntries): FreeTextView | null {
  return event.type === 'ProjectSuspended' || event.type === 'MilestoneDelayed' || event.type === 'ResultReturnedForRevision' ? viewOfText(event.data.reason, entries) : null;
}

/** The ids of the free texts some events refer to: what the history looks up in the store. */
export function textIdsOf(events: readonly RecordedEvent[]): string[] {
  return events.flatMap((recorded) => freeTextsOf({ type: recorded.type, data: recorded.data } as ProjectEvent).flatMap(({ text }) => ('textId' in text ? [text.textId] : [])));
}

/**
 * What a reader may see of a project's history: headquarters and the officers of the project's
 * countries see every change; a partner implementing the project sees its own organisation's
 * changes only (another partner's drafts and the officer's notes to it are not its business).
 */
export function historyFor(
  viewer: Principal,
  countries: readonly string[],
  partners: readonly string[],
  events: readonly RecordedEvent[],
  entries: FreeTextEntries = new Map(),
): HistoryEntry[] | 'not-visible' {
  const headquarters = hasRole(viewer, 'hq-analyst') || hasRole(viewer, 'hq-finance') || hasRole(viewer, 'admin');
  const officer = hasRole(viewer, 'delegation-officer') && countries.includes(viewer.country ?? '');
  const partner = hasRole(viewer, 'implementing-partner') && partners.includes(viewer.org ?? '');
  if (!headquarters && !officer && !partner) return 'not-visible';
  const visible = headquarters || officer ? events : events.filter((recorded) => recorded.metadata.actor.org === viewer.org);
  return visible.map((recorded) => {
    const event = { type: recorded.type, data: recorded.data } as ProjectEvent;
    return auditEntryOf(recorded, {
      summary: summaryOf(event),
      reason: reasonOf(event, entries),
      texts: freeTextsOf(event).map(({ field, text }) => ({ field, ...viewOfText(text, entries) })),
    });
  });
}
