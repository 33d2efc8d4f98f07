import { Controller, Get, Header, Inject, NotFoundException, Param, Query, Res, StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ReportLink, Roles, assertCountryScope, assertOrgScope, hasRole, type Principal } from '@eutf/identity';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { PROJECT_STATUSES } from '@eutf/event-catalog';
import { countryCodeSchema, EUTF_WINDOW_CODES, eutfWindowCodeSchema, ROLES } from '@eutf/reference-data';
import type { Response } from 'express';
import { z } from 'zod';
import { REPORT_MEDIA_TYPES } from '../exports/report-format';
import { renderFactsheetPdf } from '../factsheet/country-factsheet.pdf';
import { renderFactsheetXlsx } from '../factsheet/country-factsheet.xlsx';
import { buildCountryFactsheet, type CountryFactsheet } from '../factsheet/country-factsheet';
import { renderFactsheetHtml, renderLedByAnotherCountryCsv, renderProjectsCsv, renderResultsCsv } from '../factsheet/country-factsheet.render';
import { fundingByProject, fundingFigures } from '../finance/funding-figures';
import { textIdsToResolve, textsOf, withTexts, type TextOf } from '../free-texts/free-texts';
import { PROJECTS_FREE_TEXTS, type ProjectsFreeTexts } from '../free-texts/projects-free-texts.client';
import type { ProjectRegisterDoc } from '../read-models/project-register.projection';
import { figureScopeOf } from '../returns/returns-scope';
import { registerReturnsOf } from '../returns/returns-views';
import { projectAsSeenBy } from './project-visibility';
import { AsOfReadModels } from '../read-models/as-of-read-models';
import { asOfParameter, asOfQuery } from './as-of.query';
import { ReadModelQueries } from './read-model.queries';
import {
  countryFactsheet,
  factsheetExample,
  ledByAnotherCountryCsvExample,
  projectEntryExample,
  projectRegisterEntry,
  projectRegisterList,
  projectsCsvExample,
  resultsCsvExample,
} from './reports.openapi';

const country = countryCodeSchema;
const projectFilter = z.object({
  country: country.optional(),
  window: eutfWindowCodeSchema.optional(),
  partner: z.string().min(1).max(100).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
});
/** The Partnership Framework began in June 2016; a factsheet covers it to date unless told otherwise. */
export const periodQuery = z
  .object({ from: z.iso.date().default('2016-06-01'), to: z.iso.date().optional() })
  .transform(({ from, to }) => ({ from, to: to ?? new Date().toISOString().slice(0, 10) }))
  .refine(({ from, to }) => from <= to, { message: 'from must not be after to', path: ['from'] });

/** The country and period every factsheet route reads. */
const factsheetPeriod = applyDecorators(
  ApiParam({ name: 'country', example: 'ML' }),
  ApiQuery({ name: 'from', required: false, example: '2016-06-01', description: 'Default: 2016-06-01, when the Partnership Framework began.' }),
  ApiQuery({ name: 'to', required: false, example: '2017-03-31', description: 'Default: today.' }),
  asOfParameter,
);

export const HEADQUARTERS = ['hq-analyst', 'hq-finance', 'admin'] as const;

/** A route answering the factsheet as a file to download, read as the factsheet's page is. */
const factsheetFile = (format: 'pdf' | 'xlsx', summary: string, description: string) =>
  applyDecorators(
    Get(`countries/:country/factsheet.${format}`),
    ReportLink(),
    Roles('delegation-officer', ...HEADQUARTERS),
    ApiOperation({ summary }),
    factsheetPeriod,
    ApiReadRoute({ description, mediaType: REPORT_MEDIA_TYPES[format] }),
  );

/** A factsheet file to download, named after its country and period. */
function factsheetDownload(response: Response, factsheet: CountryFactsheet, format: 'pdf' | 'xlsx', file: Buffer): StreamableFile {
  response.setHeader('Content-Type', REPORT_MEDIA_TYPES[format]);
  response.setHeader('Content-Disposition', `attachment; filename="factsheet-${factsheet.country.code}-${factsheet.period.from}-${factsheet.period.to}.${format}"`);
  return new StreamableFile(file);
}
/** Every role reads something; what each may read is scoped per route. */
const READERS = ROLES;

/** Read access: headquarters everything, an officer their country, a partner the projects it implements. */
export function mayRead(principal: Principal, project: Pick<ProjectRegisterDoc, 'countries' | 'implementingPartners'>): boolean {
  if (HEADQUARTERS.some((role) => hasRole(principal, role))) return true;
  if (hasRole(principal, 'delegation-officer') && principal.country && project.countries.includes(principal.country)) return true;
  return hasRole(principal, 'implementing-partner') && !!principal.org && project.implementingPartners.includes(principal.org);
}

@ApiTags('reports')
@Controller()
export class ReportsHttpController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly asOfReadModels: AsOfReadModels,
    @Inject(PROJECTS_FREE_TEXTS) private readonly freeTexts: ProjectsFreeTexts,
  ) {}

  /** The free texts these projects show, asked of the projects service now: never kept, so an erased one shows as erased. */
  private async textsOf(projects: readonly ProjectRegisterDoc[]): Promise<TextOf> {
    return textsOf(projects, await this.freeTexts.entries(textIdsToResolve(projects)));
  }

  @Get('projects')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The project register, filtered by country, window, partner or status' })
  @ApiQuery({ name: 'country', required: false, example: 'ML' })
  @ApiQuery({ name: 'window', required: false, enum: EUTF_WINDOW_CODES })
  @ApiQuery({ name: 'partner', required: false, example: 'IOM' })
  @ApiQuery({ name: 'status', required: false, enum: PROJECT_STATUSES })
  @ApiReadRoute({
    description: 'The projects the caller may read that match the filter: headquarters all, an officer their country, a partner its own.',
    schema: projectRegisterList,
    example: { projects: [projectEntryExample] },
  })
  async projects(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const filter = parseWith(projectFilter, query, 'query');
    const headquarters = HEADQUARTERS.some((role) => hasRole(principal, role));
    // Scope narrows the filter before anything is read: an officer sees their country, a partner its own projects.
    if (!headquarters && hasRole(principal, 'delegation-officer')) {
      if (filter.country) assertCountryScope(principal, filter.country);
      filter.country = principal.country;
    } else if (!headquarters) {
      if (filter.partner) assertOrgScope(principal, filter.partner);
      filter.partner = principal.org;
    }
    const partner = figureScopeOf(principal, {}).partner;
    const [projects, funding, reported] = await Promise.all([this.queries.projects(filter), this.queries.funding(filter), this.queries.reportedBy(partner)]);
    const financeOf = fundingByProject(funding);
    const seen = projects.map((project) => projectAsSeenBy(principal, project));
    const textOf = await this.textsOf(seen);
    return {
      projects: seen.map((project) => ({ ...withTexts(project, textOf), finance: financeOf(project.projectId), returns: registerReturnsOf(project.projectId, reported, partner) })),
    };
  }

  @Get('projects/:projectId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One project of the register' })
  @ApiParam({ name: 'projectId', example: 'T05-EUTF-SAH-ML-07' })
  @ApiReadRoute({
    description:
      'The project, with its milestones, indicators and results, what the funding ledger holds of it (null where it holds nothing), and its returns and reintegration (a partner: its own organisation’s only), every count table suppressed.',
    schema: projectRegisterEntry,
    example: projectEntryExample,
    notFound: { description: 'No such project, or one the caller may not read: the two answer alike.', detail: 'No project T05-EUTF-SAH-ML-07 you may read' },
  })
  async project(@CurrentPrincipal() principal: Principal, @Param('projectId') projectId: string) {
    const id = parseWith(z.string().min(1).max(100), projectId, 'params');
    const [project, funding] = await Promise.all([this.queries.project(id), this.queries.projectFunding(id)]);
    // Unknown and out of scope answer alike, so the register does not reveal other countries' projects.
    if (!project || !mayRead(principal, project)) throw new NotFoundException(`No project ${projectId} you may read`);
    // A partner counts only what its own organisation reported, even on a project it shares.
    const partner = figureScopeOf(principal, {}).partner;
    const returns = registerReturnsOf(project.projectId, await this.queries.reported([project.projectId]), partner);
    const seen = projectAsSeenBy(principal, project);
    return { ...withTexts(seen, await this.textsOf([seen])), finance: fundingFigures(funding), returns };
  }

  private async factsheet(principal: Principal, countryCode: string, query: unknown): Promise<CountryFactsheet> {
    const code = parseWith(country, countryCode, 'params');
    assertCountryScope(principal, code, { alsoAllow: [...HEADQUARTERS] });
    const period = parseWith(periodQuery, query, 'query');
    const asOf = parseWith(asOfQuery, query, 'query');
    const queries = asOf ? await this.asOfReadModels.queriesAsOf(asOf) : this.queries;
    const [partnership, projects, funding] = await Promise.all([
      queries.countryPartnership(code),
      queries.projects({ country: code }),
      queries.funding({ country: code }),
    ]);
    const [reported, textOf] = await Promise.all([queries.reported(projects.map((project) => project.projectId)), this.textsOf(projects)]);
    return buildCountryFactsheet(code, period, partnership, projects, funding, reported, textOf);
  }

  @Get('countries/:country/factsheet')
  @Roles('delegation-officer', ...HEADQUARTERS)
  @ApiOperation({ summary: "A country's factsheet for a period (JSON): engagement, key progress, EU support, results, next steps" })
  @factsheetPeriod
  @ApiReadRoute({ description: 'The factsheet.', schema: countryFactsheet, example: factsheetExample })
  factsheetJson(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown) {
    return this.factsheet(principal, code, query);
  }

  @Get('countries/:country/factsheet.html')
  @ReportLink()
  @Roles('delegation-officer', ...HEADQUARTERS)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The factsheet as a printable page' })
  @factsheetPeriod
  @ApiReadRoute({ description: 'A printable HTML page.', mediaType: 'text/html' })
  async factsheetHtml(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown) {
    return renderFactsheetHtml(await this.factsheet(principal, code, query));
  }

  @factsheetFile('pdf', 'The factsheet as a PDF to print or send: the sections of the page, the period and as-of in the title, page numbers', 'An A4 PDF.')
  async factsheetPdf(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    // The instant its figures are as of: asked for, or now (taken before the read models are read).
    const asOf = parseWith(asOfQuery, query, 'query') ?? new Date();
    const factsheet = await this.factsheet(principal, code, query);
    return factsheetDownload(response, factsheet, 'pdf', await renderFactsheetPdf(factsheet, asOf));
  }

  @factsheetFile('xlsx', 'The factsheet as a workbook: a sheet per section, numbers as numbers, amounts in euros, days as dates', 'An XLSX workbook.')
  async factsheetXlsx(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    const factsheet = await this.factsheet(principal, code, query);
    return factsheetDownload(response, factsheet, 'xlsx', await renderFactsheetXlsx(factsheet));
  }

  @Get('countries/:country/factsheet/results.csv')
  @ReportLink()
  @Roles('delegation-officer', ...HEADQUARTERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: "The factsheet's results, approved, pending and returned, one line each (CSV)" })
  @factsheetPeriod
  @ApiReadRoute({ description: 'CSV with a header line.', mediaType: 'text/csv', example: resultsCsvExample })
  async resultsCsv(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown) {
    return renderResultsCsv(await this.factsheet(principal, code, query));
  }

  @Get('countries/:country/factsheet/projects.csv')
  @ReportLink()
  @Roles('delegation-officer', ...HEADQUARTERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: "The factsheet's EU-supported projects (CSV)" })
  @factsheetPeriod
  @ApiReadRoute({ description: 'CSV with a header line.', mediaType: 'text/csv', example: projectsCsvExample })
  async projectsCsv(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown) {
    return renderProjectsCsv(await this.factsheet(principal, code, query));
  }

  @Get('countries/:country/factsheet/led-by-another-country.csv')
  @ReportLink()
  @Roles('delegation-officer', ...HEADQUARTERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: "The factsheet's multi-country projects led by another country: listed with their lead, their figures counted there (CSV)" })
  @factsheetPeriod
  @ApiReadRoute({ description: 'CSV with a header line.', mediaType: 'text/csv', example: ledByAnotherCountryCsvExample })
  async ledByAnotherCountryCsv(@CurrentPrincipal() principal: Principal, @Param('country') code: string, @Query() query: unknown) {
    return renderLedByAnotherCountryCsv(await this.factsheet(principal, code, query));
  }
}
