import {
  PROJECT_EVENTS,
  projectStream,
  type IndicatorDefined,
  type ProjectEvent,
  type ProjectRegistered,
  type ProjectStatus,
  type ResultStatus,
  type StoredText,
} from '@eutf/event-catalog';
import type { DataOf, RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';
import type { ResultView } from './project-results.projection';

export type { ResultView } from './project-results.projection';

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

/**
 * What a report counts of a submitted result, as a short tuple: its entry is read for every project
 * of a headquarters report, and FerretDB's reading time grows with the text (about 36 µs a KB).
 */
export type ResultFigure = [
  resultId: string,
  indicatorId: string,
  reportingOrg: string | null,
  periodFrom: string | null,
  periodTo: string,
  value: number,
  valueQualifier: ResultView['valueQualifier'],
  status: ResultStatus,
];

/** A result as a report counts it: what its figure holds (a whole `ResultView` is one too). */
export type ReportResult = Pick<ResultView, 'resultId' | 'indicatorId' | 'reportingOrg' | 'period' | 'value' | 'valueQualifier' | 'status'> & { returnReason?: StoredText | null };

export const reportResultOf = ([resultId, indicatorId, reportingOrg, from, to, value, valueQualifier, status]: ResultFigure): ReportResult => ({
  resultId,
  indicatorId,
  reportingOrg,
  period: { from, to },
  value,
  valueQualifier,
  status,
});

/**
 * One document per project: its registration, status, milestones and indicators, and the figures
 * of its submitted results in the order they were last submitted. The results themselves, whole,
 * are documents of their own (`project-results`): a project reports results for years, and a
 * document holding them all was rewritten whole for each new one. Their figures, a few dozen bytes
 * each, stay here, so that a report over thousands of projects reads no result document.
 */
export interface ProjectRegisterEntry<Text = StoredText> extends Omit<DataOf<typeof ProjectRegistered>, 'objectives'> {
  objectives: DataOf<typeof ProjectRegistered>['objectives'];
  status: ProjectStatus;
  registeredAt: string;
  milestones: Array<MilestoneView<Text>>;
  indicators: Array<DataOf<typeof IndicatorDefined>>;
  resultFigures: ResultFigure[];
  lockedPeriods: Array<{ from: string; to: string }>;
  /** The ids of the project's free texts an admin erased: shown as erased even when the store cannot be asked. */
  erasedTexts?: string[];
}

/** A project as the register, the factsheets and the IATI files read it: its entry with its results, whole (`ReadModelQueries.projects`). */
export interface ProjectRegisterDoc<Text = StoredText> extends Omit<ProjectRegisterEntry<Text>, 'resultFigures'> {
  results: Array<ResultView<Text>>;
}

/** A project as the consolidated report counts it: its entry with its results' figures (`ReadModelQueries.projectFigures`), or a whole `ProjectRegisterDoc`. */
export interface ReportProject extends Omit<ProjectRegisterEntry, 'resultFigures'> {
  results: ReportResult[];
}

/**
 * The country a project's money and results count in: its lead. A document written before leads
 * were named has none, and is led by its first listed country, as the projects context reads such a
 * registration.
 */
export const leadCountryOf = (project: { countries: readonly string[]; leadCountry?: string }): string => project.leadCountry ?? (project.countries[0] as string);

const replaceBy = <T>(items: readonly T[], matches: (item: T) => boolean, next: (item: T) => T): T[] =>
  items.map((item) => (matches(item) ? next(item) : item));

function apply(doc: ProjectRegisterEntry | undefined, recorded: RecordedEvent): ProjectRegisterEntry {
  const domainEvent = { type: recorded.type, data: recorded.data } as ProjectEvent;
  if (domainEvent.type === 'ProjectRegistered') {
    return {
      ...domainEvent.data,
      status: 'pipeline',
      registeredAt: recorded.occurredAt,
      milestones: [],
      indicators: [],
      resultFigures: [],
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
      // A result submitted again comes last, as the register has always listed them, pending again with its new figures.
      const { resultId, indicatorId, reportingOrg, period, value, valueQualifier } = domainEvent.data;
      const figure: ResultFigure = [resultId, indicatorId, reportingOrg, period.from, period.to, value, valueQualifier, 'pending-approval'];
      return { ...doc, resultFigures: [...doc.resultFigures.filter(([existing]) => existing !== resultId), figure] };
    }
    case 'ResultApproved':
    case 'ResultReturnedForRevision': {
      // As the result's own document changes (project-results): its decision, nothing else.
      const status: ResultStatus = domainEvent.type === 'ResultApproved' ? 'approved' : 'returned-for-revision';
      const { resultId } = domainEvent.data;
      return { ...doc, resultFigures: replaceBy(doc.resultFigures, ([existing]) => existing === resultId, (figure) => [...figure.slice(0, 7), status] as ResultFigure) };
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

/**
 * Named for its shape: the documents of `project-register` hold their results inline, those of
 * `project-register-2` their ids only; a projection with a new name starts in a group of its own
 * that has committed nothing, so it catches up from the topics on its first start, beside the old
 * collection.
 */
export const projectRegisterProjection: Projection<ProjectRegisterEntry> = {
  name: 'project-register-3',
  collection: 'project_register_3',
  topics: [EVENT_TOPICS.projects],
  handles: PROJECT_EVENTS.map((definition) => definition.type),
  documentIdOf: (event) => projectStream.parse(event.streamId) ?? undefined,
  apply,
  indexes: [{ keys: { countries: 1 } }, { keys: { window: 1 } }, { keys: { implementingPartners: 1 } }, { keys: { status: 1 } }],
  // As text: its result figures are arrays within an array, which FerretDB 1.x does not store as fields.
  storedAsText: { queryable: ['countries', 'window', 'implementingPartners', 'status', 'reference'] },
};
