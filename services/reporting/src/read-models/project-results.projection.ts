import { projectStream, type ProjectEvent, type ResultStatus, type ResultSubmitted, type StoredText } from '@eutf/event-catalog';
import type { DataOf, RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** Reports show which partner reported a result, never which of its people: the subject stays in the log. */
export interface ResultView<Text = StoredText> extends Omit<DataOf<typeof ResultSubmitted>, 'narrative' | 'evidenceLinks' | 'reportingSubject'> {
  status: ResultStatus;
  /** Why the officer returned it, while it is returned for revision. */
  returnReason: Text | null;
  submittedAt: string;
  decidedAt: string | null;
}

/** One document per submitted result of a project. */
export interface ProjectResultDoc extends ResultView {
  projectId: string;
}

/** A result's id is its partner's, unique within its project only; neither id can hold a `/` (letters, digits, `.`, `_`, `-`). */
export const projectResultId = (projectId: string, resultId: string): string => `${projectId}/${resultId}`;

const RESULT_EVENTS = ['ResultSubmitted', 'ResultApproved', 'ResultReturnedForRevision'] as const;
type ResultEvent = Extract<ProjectEvent, { type: (typeof RESULT_EVENTS)[number] }>;

function apply(doc: ProjectResultDoc | undefined, recorded: RecordedEvent): ProjectResultDoc {
  const domainEvent = { type: recorded.type, data: recorded.data } as ResultEvent;
  if (domainEvent.type === 'ResultSubmitted') {
    // Submitted again after a return for revision: the new values, pending again.
    const { narrative: _narrative, evidenceLinks: _links, reportingSubject: _subject, ...result } = domainEvent.data;
    const projectId = projectStream.parse(recorded.streamId) as string;
    return { ...result, projectId, status: 'pending-approval', returnReason: null, submittedAt: recorded.occurredAt, decidedAt: null };
  }
  if (!doc) throw new Error(`${domainEvent.type} for a result that was never submitted`);
  const approved = domainEvent.type === 'ResultApproved';
  const reason = domainEvent.type === 'ResultReturnedForRevision' ? domainEvent.data.reason : null;
  return { ...doc, status: approved ? 'approved' : 'returned-for-revision', returnReason: reason, decidedAt: recorded.occurredAt };
}

/**
 * The results partners submitted, one small document each, apart from their project's register
 * entry (which lists their ids): a result's submission or decision writes only its own document,
 * however many results the project holds.
 *
 * A result's document sees only its own events of the project's stream, so the version guard only
 * asks that they rise (`sparseStreams`); a gap in the stream is reported by the register, which
 * follows every event of it.
 */
export const projectResultsProjection: Projection<ProjectResultDoc> = {
  name: 'project-results',
  collection: 'project_results',
  topics: [EVENT_TOPICS.projects],
  handles: RESULT_EVENTS,
  documentIdOf: (event) => {
    if (!(RESULT_EVENTS as readonly string[]).includes(event.type)) return undefined;
    const projectId = projectStream.parse(event.streamId);
    const { resultId } = event.data as { resultId: string };
    return projectId ? projectResultId(projectId, resultId) : undefined;
  },
  apply,
  sparseStreams: true,
  storedAsText: { queryable: [] },
};
