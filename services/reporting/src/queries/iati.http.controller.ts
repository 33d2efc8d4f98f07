import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ReportLink, Roles, assertCountryScope, hasRole, type Principal } from '@eutf/identity';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { countryCodeSchema, ROLES } from '@eutf/reference-data';
import { z } from 'zod';
import { buildIatiActivities, type IatiActivitySource } from '../exports/iati/iati-activities';
import type { FinanceDoc } from '../read-models/finance.projection';
import type { ProjectRegisterDoc } from '../read-models/project-register.projection';
import { projectAsSeenBy } from './project-visibility';
import { ReadModelQueries } from './read-model.queries';
import { HEADQUARTERS, mayRead } from './reports.http.controller';
import { iatiActivitiesExample } from './reports.openapi';

export const IATI_MEDIA_TYPE = 'application/xml; charset=utf-8';

const CONTENT =
  'One `<iati-activity>` per project: the EU (XI-IATI-EC_INTPA) as reporting, funding and extending organisation, the implementing partners, the activity status (1 pipeline, 2 implementation, 6 suspended, 4 closed), planned dates as precise as known, recipient countries, the objectives as tags (EUTF, Valletta, GCM, PONAM), the registered EU contribution as budget, the funding ledger as transactions (2 commitment, 3 disbursement, 4 expenditure; reversals negative) in euros, and approved results by indicator with baseline, periods, target, actuals and their dimensions. What is not known is left out. Every file validates against the official IATI 2.03 schema.';
const ACCESS =
  'Headquarters reads every project; a delegation officer the projects of their country; an implementing partner the projects it implements, with the transactions of its own contracts only.';

/** A partner's file holds its own money only: the EU's commitment and another partner's contracts stay between headquarters and them, as in the ledger's audit trail. */
function fundingAsSeenBy(principal: Principal, funding: FinanceDoc | undefined): FinanceDoc | undefined {
  if (!funding || HEADQUARTERS.some((role) => hasRole(principal, role)) || (hasRole(principal, 'delegation-officer') && funding.countries.includes(principal.country ?? ''))) return funding;
  return { ...funding, transactions: funding.transactions.filter((transaction) => transaction.partnerOrg !== null && transaction.partnerOrg === principal.org) };
}

const source = (principal: Principal, project: ProjectRegisterDoc, funding: FinanceDoc | undefined): IatiActivitySource => ({
  project: projectAsSeenBy(principal, project),
  funding: fundingAsSeenBy(principal, funding),
});

/** The Partnership Framework's projects as IATI 2.03 activity XML, per project and per country. */
@ApiTags('reports')
@Controller('reports')
export class IatiHttpController {
  constructor(private readonly queries: ReadModelQueries) {}

  @Get('projects/:projectId/iati')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', IATI_MEDIA_TYPE)
  @ApiOperation({ summary: 'One project as an IATI 2.03 activity file (XML)', description: `${CONTENT} ${ACCESS}` })
  @ApiParam({ name: 'projectId', example: 'T05-EUTF-SAH-ML-07' })
  @ApiReadRoute({
    description: 'An `<iati-activities version="2.03">` file holding the project.',
    mediaType: 'application/xml',
    example: iatiActivitiesExample,
    notFound: { description: 'No such project, or one the caller may not read: the two answer alike.', detail: 'No project T05-EUTF-SAH-ML-07 you may read' },
  })
  async project(@CurrentPrincipal() principal: Principal, @Param('projectId') projectId: string) {
    const id = parseWith(z.string().min(1).max(100), projectId, 'params');
    const [project, funding] = await Promise.all([this.queries.project(id), this.queries.projectFunding(id)]);
    // Unknown and out of scope answer alike, as the register does.
    if (!project || !mayRead(principal, project)) throw new NotFoundException(`No project ${projectId} you may read`);
    return buildIatiActivities([source(principal, project, funding)], new Date().toISOString());
  }

  @Get('countries/:country/iati')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', IATI_MEDIA_TYPE)
  @ApiOperation({
    summary: "A country's projects as an IATI 2.03 activity file (XML)",
    description: `${CONTENT} A project of several countries is in each of their files. ${ACCESS} Another country's officer is refused (403). The schema allows no file without an activity: where the caller may read no project of the country, the answer is 404.`,
  })
  @ApiParam({ name: 'country', example: 'ML' })
  @ApiReadRoute({
    description: 'An `<iati-activities version="2.03">` file, one activity per project of the country the caller may read.',
    mediaType: 'application/xml',
    example: iatiActivitiesExample,
    notFound: { description: 'The caller may read no project of the country (an IATI file holds at least one activity).', detail: 'No project of ML you may read' },
  })
  async country(@CurrentPrincipal() principal: Principal, @Param('country') country: string) {
    const code = parseWith(countryCodeSchema, country, 'params');
    const headquarters = HEADQUARTERS.some((role) => hasRole(principal, role));
    // Scope narrows what is read: an officer their own country (another is refused), a partner its own projects.
    if (!headquarters && hasRole(principal, 'delegation-officer')) assertCountryScope(principal, code);
    const partner = headquarters || hasRole(principal, 'delegation-officer') ? undefined : (principal.org ?? '');
    const [projects, funding] = await Promise.all([this.queries.projects({ country: code, partner }), this.queries.funding({ country: code, partner })]);
    const readable = projects.filter((project) => mayRead(principal, project));
    if (readable.length === 0) throw new NotFoundException(`No project of ${code} you may read`);
    const fundingOf = new Map(funding.map((doc) => [doc.projectId, doc]));
    return buildIatiActivities(
      readable.map((project) => source(principal, project, fundingOf.get(project.projectId))),
      new Date().toISOString(),
    );
  }
}
