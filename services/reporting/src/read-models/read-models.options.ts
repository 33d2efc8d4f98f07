import type { Projection } from '@eutf/projections';
import { countryPartnershipProjection } from './country-partnership.projection';
import { financeProjection } from './finance.projection';
import { projectRegisterProjection } from './project-register.projection';
import { projectResultsProjection } from './project-results.projection';
import { reintegrationProjection } from './reintegration.projection';
import { reportedFiguresProjection } from './reported-figures.projection';
import { returnsProjection } from './returns.projection';

/** How the runners consume: from the validated configuration. */
export interface ReadModelsOptions {
  /** Consumer groups are `<prefix>.<projection>`. */
  consumerGroupPrefix: string;
  topicNamespace: string | undefined;
  logLevel: string;
}

export const READ_MODELS_OPTIONS = Symbol('READ_MODELS_OPTIONS');

/** Every projection the reporting service keeps: live, each in its own consumer group, and in memory as of a past instant. */
export const READ_MODEL_PROJECTIONS = [
  projectRegisterProjection,
  projectResultsProjection,
  countryPartnershipProjection,
  financeProjection,
  returnsProjection,
  reintegrationProjection,
  reportedFiguresProjection,
].map((projection) => projection as Projection<object>);

/**
 * What the consolidated report reads, live or as of a past instant: every read model but the
 * results' own documents, whose figures the register keeps. A fold as of an instant leaves those
 * out, the largest of all (350,000 documents at 10,000 projects).
 */
export const CONSOLIDATED_REPORT_READ_MODELS = READ_MODEL_PROJECTIONS.filter((projection) => projection.name !== projectResultsProjection.name);
