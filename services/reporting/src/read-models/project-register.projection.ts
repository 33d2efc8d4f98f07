import {
  PROJECT_EVENTS,
  projectStream,
  type IndicatorDefined,
  type ProjectEvent,
  type ProjectRegistered,
  type ProjectStatus,
  type ResultStatus,
  type ResultSubmitted,
  type StoredText,
} from '@eutf/event-catalog';
import type { DataOf, RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/**
 * Free text (a reason) is kept here only as its id in the projects service's free-text store
 * (`Text` = StoredText): a report resolves it when asked for (`Text` = FreeTextView) and never
 * keeps it, so an erased text leaves no copy in MongoDB. An older event's inline text is kept as
 * it came (legacyText): the log holds it anyway.
 */
export interface MilestoneView<Text = StoredText> {
  milestoneId: string;
  title: string;
  dueDate: string;
  status: 'planned' | 'delayed' | 'reached';
  reachedOn: string | null;
  delayReasons: Text[];
}

/** Reports show which partner reported a result, never which of its people: the subject stays in the log. */
export interface ResultView<Text = StoredText> extends Omit<DataOf<typeof ResultSubmitted>, 'narrative' | 'evidenceLinks' | 'reportingSubject'> {
  status: ResultStatus;
  /** Why the officer returned it, while it is returned for revision. */
  returnReason: Text | null;
  submittedAt: string;
  decidedAt: string | null;
}

/** One document per project: what the register, the factsheets and the consolidated report read. */
export interface ProjectRegisterDoc<Text = StoredText> extends Omit<DataOf<typeof ProjectRegistered>, 'objectives'> {
  objectives: DataOf<typeof ProjectRegistered>['objectives'];
  status: ProjectStatus;
  registeredAt: string;
  milestones: Array<MilestoneView<Text>>;
  indicators: Array<DataOf<typeof IndicatorDefined>>;
  results: Array<ResultView<Text>>;
  lockedPeriods: Array<{ from: string; to: string }>;
  /** The ids of the project's free texts an admin erased: shown as erased even when the store cannot be asked. */
  erasedTexts?: string[];
}

/**
 * The country a project's money and results count in: its lead. A document written before leads
 * were named has none, and is led by its first listed country, as the projects context reads such a
 * registration.
 */
export const leadCountryOf = (project: { countries: readonly string[]; leadCountry?: string }): string => project.leadCountry ?? (project.countries[0] as string);

const replaceBy = <T>(items: readonly T[], matches: (item: T) => boolean, next: (item: T) => T): T[] =>
  items.map((item) => (matches(item) ? next(item) : item));

function apply(doc: ProjectRegisterDoc | undefined, recorded: RecordedEvent): ProjectRegisterDoc {
  const domainEvent = { type: recorded.type, data: recorded.data } as ProjectEvent;
  if (domainEvent.type === 'ProjectRegistered') {
    return {
      ...domainEvent.data,
      status: 'pipeline',
      registeredAt: recorded.occurredAt,
      milestones: [],
      indicators: [],
      results: [],
      lockedPeriods: [],
    };
  }
  if (!doc) throw new Error(`${domainEvent.type} for a project that was never registered`);
  switch (domainEvent.type) {
    case 'ProjectImplementationStarted':
    case 'ProjectResumed':
      return { ...doc, status: 'implementation' };
    case 'ProjectSuspended':
      return { ...doc, status: 'suspended' };
    case 'ProjectClosed':
      return { ...doc, status: 'closed' };
    case 'ProjectReferenceAssigned':
      return { ...doc, reference: domainEvent.data.reference };
    case 'MilestoneDefined':
      return {
        ...doc,
        milestones: [...doc.milestones, { ...domainEvent.data, status: 'planned', reachedOn: null, delayReasons: [] }],
      };
    case 'MilestoneReached': {
      const { milestoneId, reachedOn } = domainEvent.data;
      return { ...doc, milestones: replaceBy(doc.milestones, (m) => m.milestoneId === milestoneId, (m) => ({ ...m, status: 'reached', reachedOn })) };
    }
    case 'MilestoneDelayed': {
      const { milestoneId, newDueDate, reason } = domainEvent.data;
      return {
        ...doc,
        milestones: replaceBy(
          doc.milestones,
          (m) => m.milestoneId === milestoneId,
          (m) => ({ ...m, status: 'delayed', dueDate: newDueDate, delayReasons: [...m.delayReasons, reason] }),
        ),
      };
    }
    case 'MilestoneDueDateCorrected': {
      const { milestoneId, dueDate } = domainEvent.data;
      return { ...doc, milestones: replaceBy(doc.milestones, (m) => m.milestoneId === milestoneId, (m) => ({ ...m, dueDate })) };
    }
    case 'IndicatorDefined':
      return { ...doc, indicators: [...doc.indicators, domainEvent.data] };
    case 'ResultDrafted':
      // Drafts are the partner's own work in progress: reports never show them.
      return doc;
    case 'ResultSubmitted': {
      const { narrative: _narrative, evidenceLinks: _links, reportingSubject: _subject, ...result } = domainEvent.data;
      const view: ResultView = { ...result, status: 'pending-approval', returnReason: null, submittedAt: recorded.occurredAt, decidedAt: null };
      const others = doc.results.filter((existing) => existing.resultId !== result.resultId);
      return { ...doc, results: [...others, view] };
    }
    case 'ResultApproved':
    case 'ResultReturnedForRevision': {
      const approved = domainEvent.type === 'ResultApproved';
      const reason = domainEvent.type === 'ResultReturnedForRevision' ? domainEvent.data.reason : null;
      return {
        ...doc,
        results: replaceBy(
          doc.results,
          (r) => r.resultId === domainEvent.data.resultId,
          (r) => ({ ...r, status: approved ? 'approved' : 'returned-for-revision', returnReason: reason, decidedAt: recorded.occurredAt }),
        ),
      };
    }
    case 'ReportingPeriodLocked':
      return { ...doc, lockedPeriods: [...doc.lockedPeriods, domainEvent.data.period] };
    case 'FreeTextErased':
      return { ...doc, erasedTexts: [...new Set([...(doc.erasedTexts ?? []), domainEvent.data.textId])] };
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

export const projectRegisterProjection: Projection<ProjectRegisterDoc> = {
  name: 'project-register',
  collection: 'project_register',
  topics: [EVENT_TOPICS.projects],
  handles: PROJECT_EVENTS.map((definition) => definition.type),
  documentIdOf: (event) => projectStream.parse(event.streamId) ?? undefined,
  apply,
  indexes: [{ keys: { countries: 1 } }, { keys: { window: 1 } }, { keys: { implementingPartners: 1 } }, { keys: { status: 1 } }],
};
