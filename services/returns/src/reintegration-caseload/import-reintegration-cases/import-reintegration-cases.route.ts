import { Inject } from '@nestjs/common';
import { CommandEndpoint, CommandRequest, type CommandInput, type UploadedFile } from '@eutf/http-api';
import { documentedRules } from '@eutf/returns-domain';
import { PartnerStreamsHandler } from '../../partner-streams.handler';
import { PARTNER_ID_KEYS, type PartnerIdKeys } from '../../partner-ids/partner-id-keys';
import { organisationOf, projectParams, type ProjectParams } from '../../partner-request';
import { asOneFile, namingTheRow, rowsOf, spreadsheetUpload } from '../../spreadsheets/spreadsheet-import';
import { REINTEGRATION_EXAMPLE, ReintegrationRoute } from '../reintegration-caseload.route';
import { REINTEGRATION_CASES_EXAMPLE, REINTEGRATION_CASES_LAYOUT, REINTEGRATION_CASES_RULE_COLUMNS } from './reintegration-cases.layout';

@ReintegrationRoute()
export class ImportReintegrationCasesRoute {
  constructor(
    private readonly partnerStreams: PartnerStreamsHandler,
    @Inject(PARTNER_ID_KEYS) private readonly keys: PartnerIdKeys,
  ) {}

  @CommandEndpoint({
    path: ':projectId/cases-spreadsheet',
    status: 201,
    role: 'implementing-partner',
    summary: 'Upload a spreadsheet of reintegration cases (CSV or XLSX): every case registered, or none',
    description:
      'Columns: caseId, countryOfReturn, regionOfReturn (optional; ISO 3166-2), sex, ageBand, registeredOn (YYYY-MM-DD). ' +
      'Every row is checked as `POST …/cases` checks a case; an unknown column is refused. A file with any problem is refused whole: 400 naming each row and column, or the broken rule with its row and column. ' +
      'Case ids are stored only as keyed hashes. The same file again changes nothing (its key is the partner, the project and the digest of its bytes).',
    params: projectParams,
    upload: spreadsheetUpload('A spreadsheet of reintegration cases, one row per case.', REINTEGRATION_CASES_EXAMPLE),
    rules: documentedRules('partner-only', 'project-not-known', 'project-closed', 'case-repeated-in-batch', 'case-already-registered', 'region-not-in-country', 'date-in-the-future', 'reintegration-counted-twice'),
    ...REINTEGRATION_EXAMPLE,
  })
  async upload(@CommandRequest() { params, body: file, ...input }: CommandInput<ProjectParams, UploadedFile>) {
    const org = organisationOf(input);
    const rows = await rowsOf(file, REINTEGRATION_CASES_LAYOUT);
    const cases = rows.map(({ body: { caseId, ...facts } }) => ({ ...facts, caseKey: this.keys.keyOf(org, 'case', caseId) }));
    const outcome = await this.partnerStreams.caseload(params.projectId, { type: 'RegisterReintegrationCases', cases }, asOneFile(input, 'reintegration-cases', params.projectId, file));
    return namingTheRow(outcome, rows, REINTEGRATION_CASES_RULE_COLUMNS);
  }
}
