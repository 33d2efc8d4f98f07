import { PROJECT_EVENTS, projectStatusAfter, projectStream, type ProjectEvent, type ProjectStatus } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** What the returns service needs to know of a project: who implements it, where, and whether it is open. */
export interface ProjectView {
  projectId: string;
  countries: string[];
  /**
   * The country whose officer manages the project (one of `countries`); absent from rows written
   * before leads were named, which are led by their first listed country, as the projects context reads them.
   */
  leadCountry?: string;
  implementingPartners: string[];
  status: ProjectStatus;
}

const HANDLED = ['ProjectRegistered', 'ProjectImplementationStarted', 'ProjectSuspended', 'ProjectResumed', 'ProjectClosed'] as const;

function apply(doc: ProjectView | undefined, recorded: RecordedEvent): ProjectView {
  const domainEvent = { type: recorded.type, data: recorded.data } as ProjectEvent;
  if (domainEvent.type === 'ProjectRegistered') {
    const { projectId, countries, leadCountry, implementingPartners } = domainEvent.data;
    return { projectId, countries, leadCountry, implementingPartners, status: projectStatusAfter(domainEvent.type, 'pipeline') };
  }
  if (!doc) throw new Error(`${domainEvent.type} for a project never registered`);
  return { ...doc, status: projectStatusAfter(domainEvent.type, doc.status) };
}

/** The returns service's own view of projects, from the projects topic, in its PostgreSQL schema. */
export const projectsViewProjection: Projection<ProjectView> = {
  name: 'returns-projects-view',
  collection: 'projects_view',
  topics: [EVENT_TOPICS.projects],
  handles: PROJECT_EVENTS.map((definition) => definition.type).filter((type) => (HANDLED as readonly string[]).includes(type)),
  documentIdOf: (event) => projectStream.parse(event.streamId) ?? undefined,
  apply,
};
