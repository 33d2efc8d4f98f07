import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/** `?asOf=`: an instant with its offset; none means now, from the live read models. */
export const asOfQuery = z
  .object({ asOf: z.iso.datetime({ offset: true }).optional() })
  .refine(({ asOf }) => asOf === undefined || Date.parse(asOf) <= Date.now(), { message: 'asOf must not be in the future: what the system will know is not known yet', path: ['asOf'] })
  .transform(({ asOf }) => (asOf === undefined ? undefined : new Date(asOf)));

export const AS_OF_DESCRIPTION =
  'An instant (ISO 8601 with its offset, e.g. `2017-07-01T00:00:00Z`): the report as the system knew it then — built from the events recorded (their `recordedAt`) up to and including that instant, read from the topics and folded by the same projections as the live read models. The period (`from`/`to`) says which results belong to the report; `asOf` says what the system knew of them: a result for June 2017 approved in August 2017 is in the June report asked `asOf` September, not `asOf` July. Not in the future (400). Default: now, from the live read models.';

export const asOfParameter = applyDecorators(ApiQuery({ name: 'asOf', required: false, example: '2017-07-01T00:00:00Z', description: AS_OF_DESCRIPTION }));
