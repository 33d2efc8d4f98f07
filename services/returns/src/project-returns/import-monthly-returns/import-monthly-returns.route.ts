import { Inject } from '@nestjs/common';
import { CommandEndpoint, CommandRequest, type CommandInput, type UploadedFile } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, projectParams, type ProjectParams } from '../../partner-request';
import { asOneFile, namingTheRow, rowsOf, spreadsheetUpload } from '../../spreadsheets/spreadsheet-import';
import { RETURNS_EXAMPLE, ReturnsRoute } from '../project-returns.route';
import { MONTHLY_RETURNS_EXAMPLE, MONTHLY_RETURNS_LAYOUT, MONTHLY_RETURNS_RULE_COLUMNS } from './monthly-returns.layout';

@ReturnsRoute()
export class ImportMonthlyReturnsRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/monthly-returns-spreadsheet',
    status: 201,
    role: 'implementing-partner',
    summary: 'Upload a spreadsheet of monthly returns (CSV or XLSX): every row recorded as a period report of its month, or none',
    description:
      'Columns: reportId, hostCountry, countryOfOrigin (empty: not split), month (YYYY-MM), count, valueQualifier, and optionally one count per sex and age band (`female/under-18` … `male/60-plus`). ' +
      'Every row is checked as `POST …/period-reports` checks its body; an unknown column is refused. A file with any problem is refused whole: 400 naming each row and column, or the broken rule with its row and column. ' +
      'The same file again changes nothing (its key is the partner, the project and the digest of its bytes).',
    params: projectParams,
    upload: spreadsheetUpload('A spreadsheet of monthly returns, one row per month and route.', MONTHLY_RETURNS_EXAMPLE),
    rules: documentedRules('partner-only', 'project-not-known', 'project-closed', 'period-inverted', 'host-is-origin', 'cell-repeated', 'breakdown-does-not-add-up', 'date-in-the-future', 'report-id-reused', 'returns-counted-twice'),
    ...RETURNS_EXAMPLE,
  })
  async upload(@CommandRequest() { params, body: file, ...input }: CommandInput<ProjectParams, UploadedFile>) {
    const org = organisationOf(input);
    const rows = await rowsOf(file, MONTHLY_RETURNS_LAYOUT);
    const reports = rows.map(({ body }) => ({ ...body, reportId: this.keys.keyOf(org, 'returns-report', body.reportId) }));
    const outcome = await this.partnerStreams.returns(params.projectId, { type: 'ReportManyPeriodReturns', reports }, asOneFile(input, 'monthly-returns', params.projectId, file));
    return namingTheRow(outcome, rows, MONTHLY_RETURNS_RULE_COLUMNS);
  }
}
