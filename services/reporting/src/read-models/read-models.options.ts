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
