import { ResultSubmitted, resultData, FreeTextBatch } from '@eutf/event-catalog';
import type { z } from 'zod';

/** A partner's result as drafted or submitted: the result's fields with its narrative and links as text, its id in the path. */
export const resultBody = resultData.omit({ resultId: true }).extend({ valueQualifier: resultData.shape.valueQualifier.default(null) });
export type ResultRequest = z.infer<typeof resultBody>;

/** The result with its narrative and links replaced by references, and the texts to store. */
export function resultWithTextsApart(body: ResultRequest) {
  const texts = new FreeTextBatch();
  const result = { ...body, narrative: texts.optionalText('narrative', body.narrative), evidenceLinks: texts.links('evidenceLinks', body.evidenceLinks) };
  return { result, texts };
}

const { resultId: _resultId, reportingOrg: _org, reportingSubject: _subject, ...example } = ResultSubmitted.example;
export const RESULT_EXAMPLE = { ...example, narrative: 'Returns from Niger and Libya', evidenceLinks: [] };
