import { projectStream, type ProjectEvent, type ProjectStatus } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** One row per project registered in the projects service: what the ledger's rules need of it. */
export interface ProjectSeen {
  projectId: string;
  countries: string[];
  /** Absent from rows written before leads were named: the first listed country then, as the projects context reads such a registration. */
  leadCountry?: string;
  status: ProjectStatus;
  implementingPartners: string[];
}

const LIFECYCLE: Partial<Record<ProjectEvent['type'], ProjectStatus>> = {
  ProjectImplementationStarted: 'implementation',
  ProjectResumed: 'implementation',
  ProjectSuspended: 'suspended',
  ProjectClosed: 'closed',
};

/** Only the registration and the status matter here; milestones and results are the projects' business. */
function apply(doc: ProjectSeen | undefined, recorded: RecordedEvent): ProjectSeen {
  const domainEvent = { type: recorded.type, data: recorded.data } as ProjectEvent;
  if (domainEvent.type === 'ProjectRegistered') {
    const { projectId, countries, leadCountry, implementingPartners } = domainEvent.data;
    return { projectId, countries, leadCountry, implementingPartners, status: 'pipeline' };
  }
  if (!doc) throw new Error(`${domainEvent.type} for a project that was never registered`);
  const status = LIFECYCLE[domainEvent.type];
  return status ? { ...doc, status } : doc;
}

export const projectsSeenProjection: Projection<ProjectSeen> = {
  name: 'projects-seen',
  collection: 'projects_seen',
  topics: [EVENT_TOPICS.projects],
  handles: ['ProjectRegistered', ...Object.keys(LIFECYCLE)],
  documentIdOf: (recorded) => projectStream.parse(recorded.streamId) ?? undefined,
  apply,
};
