import { REPORTED_FIGURE_EVENTS, reportedFiguresStream, type FigureReported, type FigureScope, type ReportedFigureEvent } from '@eutf/event-catalog';
import type { DataOf, RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** A figure as a source states it, with when the system learnt it (who typed it in stays in the event's metadata). */
export type ReportedFigureView = DataOf<typeof FigureReported> & { recordedAt: string };

/** One document per scope (`programme`, `region-rabat-process`, `country-ML`): the figures reported for it. */
export interface ReportedFiguresDoc {
  scopeKey: string;
  scope: FigureScope;
  figures: ReportedFigureView[];
}

function apply(doc: ReportedFiguresDoc | undefined, recorded: RecordedEvent): ReportedFiguresDoc {
  const domainEvent = { type: recorded.type, data: recorded.data } as ReportedFigureEvent;
  const figure = { ...domainEvent.data, recordedAt: recorded.occurredAt };
  const current = doc ?? { scopeKey: reportedFiguresStream.parse(recorded.streamId) as string, scope: figure.scope, figures: [] };
  // The decider reports an id once per scope; a redelivered event replaces itself.
  return { ...current, figures: [...current.figures.filter((entry) => entry.figureId !== figure.figureId), figure] };
}

export const reportedFiguresProjection: Projection<ReportedFiguresDoc> = {
  name: 'reported-figures',
  collection: 'reported_figures',
  topics: [EVENT_TOPICS.projects],
  handles: REPORTED_FIGURE_EVENTS.map((definition) => definition.type),
  documentIdOf: (event) => reportedFiguresStream.parse(event.streamId) ?? undefined,
  apply,
  storedAsText: { queryable: [] },
};
