import { resultData, ResultSubmitted } from '@eutf/event-catalog';
import type { z } from 'zod';

/** A partner's result as drafted or submitted: the event's data, the result's id in the path. */
export const resultBody = resultData.omit({ resultId: true }).extend({ valueQualifier: resultData.shape.valueQualifier.default(null) });
export type ResultRequest = z.infer<typeof resultBody>;

const { resultId: _resultId, ...example } = ResultSubmitted.example;
export const RESULT_EXAMPLE = example;
