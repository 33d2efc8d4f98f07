import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { partnerProjectKey, projectReturnsStream } from '@eutf/event-catalog';
import { PARAM_EXAMPLES } from '../partner-request';

/** A route under `/returns/projects`, documented with the returns. */
export const ReturnsRoute = () => applyDecorators(ApiTags('returns'), Controller('returns/projects'));

/** The stream and the parameter examples a returns route's documentation shows. */
export const RETURNS_EXAMPLE = {
  streamId: projectReturnsStream.id(partnerProjectKey(PARAM_EXAMPLES.projectId, 'IOM')),
  paramExamples: PARAM_EXAMPLES,
  // A project's registration reaches this service through Kafka, usually within a second or two.
  retryAfter: { 'project-not-known': 2 },
};
