import { FigureReported } from '@eutf/event-catalog';
import { buildConsolidatedReport, REPORT_COUNTRIES } from '../consolidated-report/consolidated-report';
import { renderConsolidatedReportCsv } from '../consolidated-report/consolidated-report.render';
import { financeExample, partnershipExample, projectExample } from './reports.openapi';

/** June 2016 – December 2017, as the report code builds it from the event catalogue's examples. */
export const consolidatedReportExample = buildConsolidatedReport({
  period: { from: '2016-06-01', to: '2017-12-31' },
  audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true },
  partnerships: [partnershipExample],
  projects: [projectExample],
  funding: [financeExample],
  returns: [],
  reintegration: [],
  reportedFigures: [{ scopeKey: 'programme', scope: { level: 'programme' }, figures: [{ ...FigureReported.example, recordedAt: '2026-01-05T10:00:00.000Z' }] }],
});

export const consolidatedReportCsvExample = renderConsolidatedReportCsv(consolidatedReportExample);
