import { IndicatorDefined } from '@eutf/event-catalog';
import type { ResultView } from '../read-models/project-register.projection';

/** IOM's result for the example indicator, as the register keeps it, submitted on 1 July 2017. */
export const resultView = (resultId: string, period: ResultView['period'], value: number, status: ResultView['status'] = 'approved'): ResultView => ({
  resultId,
  indicatorId: IndicatorDefined.example.indicatorId,
  period,
  value,
  valueQualifier: null,
  reportingOrg: 'IOM',
  disaggregation: [],
  status,
  returnReason: null,
  submittedAt: '2017-07-01T00:00:00.000Z',
  decidedAt: null,
});
