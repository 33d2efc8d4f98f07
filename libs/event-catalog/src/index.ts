/**
 * The public contract between services: every event type, versioned, with its schema and an
 * example. Producers validate against it before appending; consumers read with it (upcasting).
 */
import { EventCatalog } from '@eutf/event-sourcing';
import { PROJECT_FUNDING_EVENTS } from './disbursements/project-funding.events';
import { COUNTRY_PARTNERSHIP_EVENTS } from './projects/country-partnership.events';
import { EUTF_REFERENCE_EVENTS } from './projects/eutf-reference.events';
import { PROJECT_EVENTS } from './projects/project.events';
import { REPORTED_FIGURE_EVENTS } from './projects/reported-figure.events';
import { PROJECT_RETURNS_EVENTS } from './returns/project-returns.events';
import { REINTEGRATION_CASELOAD_EVENTS } from './returns/reintegration-caseload.events';

export * from './disbursements/project-funding.events';
export * from './disbursements/streams';
export * from './projects/country-partnership.events';
export * from './projects/project.events';
export * from './projects/reported-figure.events';
export * from './projects/dates';
export * from './projects/eutf-reference.events';
export * from './projects/streams';
export * from './shared/stream-id';
export * from './shared/event-of';
export * from './shared/free-text';
export {
  AGE_BANDS,
  ASSISTANCE_KINDS,
  CANCELLATION_REASONS,
  CASE_OUTCOMES,
  PLAN_AREAS,
  PLAN_LEVELS,
  RETURN_KINDS,
  SEXES,
  VALUE_QUALIFIERS,
  ageBandSchema,
  countCell,
  regionCode,
  reportedPeriod,
  sexSchema,
  sourceReference,
  vulnerabilityCounts,
  type AgeBand,
  type CountCell,
  type ReportedPeriod,
  type Sex,
  type VulnerabilityCounts,
} from './returns/returns.codes';
export * from './returns/streams';
export * from './returns/project-returns.events';
export * from './returns/reintegration-caseload.events';

/** Events of the projects service's topic. */
export const projectsCatalog = () => new EventCatalog([...PROJECT_EVENTS, ...COUNTRY_PARTNERSHIP_EVENTS, ...EUTF_REFERENCE_EVENTS, ...REPORTED_FIGURE_EVENTS]);

/** Events of the disbursements service's topic. */
export const disbursementsCatalog = () => new EventCatalog([...PROJECT_FUNDING_EVENTS]);

/** Events of the returns service's topic. */
export const returnsCatalog = () => new EventCatalog([...PROJECT_RETURNS_EVENTS, ...REINTEGRATION_CASELOAD_EVENTS]);

/** Every context's events: what a consumer of all the topics (reporting) reads with. */
export const everyContextCatalog = () =>
  new EventCatalog([
    // An event shared by several contexts (FreeTextErased) is one definition, registered once.
    ...new Set([
      ...PROJECT_EVENTS,
      ...COUNTRY_PARTNERSHIP_EVENTS,
      ...EUTF_REFERENCE_EVENTS,
      ...REPORTED_FIGURE_EVENTS,
      ...PROJECT_FUNDING_EVENTS,
      ...PROJECT_RETURNS_EVENTS,
      ...REINTEGRATION_CASELOAD_EVENTS,
    ]),
  ]);
