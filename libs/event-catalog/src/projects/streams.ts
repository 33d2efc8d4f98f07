import { streamKind } from '../shared/stream-id';

/** One stream per project, keyed by its id (its EUTF reference, or its provisional id). */
export const projectStream = streamKind('project-');
/** One stream per country: its partnership record, keyed by the ISO 3166-1 alpha-2 code. */
export const countryPartnershipStream = streamKind('country-partnership-');
/** One stream per EUTF reference: which project holds it. */
export const eutfReferenceStream = streamKind('eutf-reference-');
/** One stream per scope of reported figures (`programme`, `region-rabat-process`, `country-ML`): the figures the sources state. */
export const reportedFiguresStream = streamKind('reported-figures-');

/** A project's life (IATI activity status 1, 2, 6, 4). */
export const PROJECT_STATUSES = ['pipeline', 'implementation', 'suspended', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A partner's result, as in Akvo RSR: draft · pending approval · returned for revision · approved. */
export const RESULT_STATUSES = ['draft', 'pending-approval', 'returned-for-revision', 'approved'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** The status a project's lifecycle event moves it to; any other event leaves it where it is. */
export function projectStatusAfter(eventType: string, current: ProjectStatus): ProjectStatus {
  const moves: Record<string, ProjectStatus> = {
    ProjectRegistered: 'pipeline',
    ProjectImplementationStarted: 'implementation',
    ProjectResumed: 'implementation',
    ProjectSuspended: 'suspended',
    ProjectClosed: 'closed',
  };
  return moves[eventType] ?? current;
}
