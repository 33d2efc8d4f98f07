import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { partnerProjectKey, reintegrationCaseloadStream } from '@eutf/event-catalog';
import { PARAM_EXAMPLES } from '../partner-request';

/** A route under `/reintegration/projects`, documented with reintegration. */
export const ReintegrationRoute = () => applyDecorators(ApiTags('reintegration'), Controller('reintegration/projects'));

export const REINTEGRATION_EXAMPLE = {
  streamId: reintegrationCaseloadStream.id(partnerProjectKey(PARAM_EXAMPLES.projectId, 'IOM')),
  paramExamples: PARAM_EXAMPLES,
  // A project's registration reaches this service through Kafka, usually within a second or two.
  retryAfter: { 'project-not-known': 2 },
};

/** The partner's case id in an example: pseudonymous already, and still hashed before it is stored. */
export const EXAMPLE_CASE_ID = 'IOM-ML-2018-000123';
