import { Controller, Get, Header, Inject, Param, Query, applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ReportLink, Roles, type Principal } from '@eutf/identity';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { PROJECTION_STORES, type ProjectionReader, type ProjectionStores } from '@eutf/projections';
import { countryCodeSchema, ROLES } from '@eutf/reference-data';
import { z } from 'zod';
import { projectRegisterProjection, type ProjectRegisterEntry } from '../read-models/project-register.projection';
import { reintegrationProjection, type ReintegrationDoc } from '../read-models/reintegration.projection';
import { returnsProjection, type ProjectReturnsDoc } from '../read-models/returns.projection';
import { figureScopeOf, inFigureScope, projectsLedBy, type FigureScope } from './returns-scope';
import { PERIOD_NOT_BY_MONTH, REINTEGRATION_DIMENSIONS, reintegrationView, returnsViews } from './returns-views';
import { suppressSmallCells, suppressedTableCsv } from './small-cell-suppression';

const scopeQuery = z.object({ country: countryCodeSchema.optional(), partner: z.string().min(1).max(100).optional() });
const dimensionParam = z.object({ dimension: z.enum(REINTEGRATION_DIMENSIONS) });

const scopeQueries = applyDecorators(
  ApiQuery({ name: 'country', required: false, example: 'ML', description: "The figures of the projects that country leads (an officer's own country only): a multi-country project counts in its lead country's only." }),
  ApiQuery({ name: 'partner', required: false, example: 'IOM', description: "The figures that partner reported (a partner's own organisation only)." }),
);

const SOURCE_004 = { document: '004_f049d9a19f4b6321', page: null };
const exampleOperation = (hostCountry: string, month: string, arrived: number) => ({ operationId: `${hostCountry}-ML-${month}`, kind: 'charter' as const, hostCountry, countryOfOrigin: 'ML', month, departed: arrived, arrived, status: 'arrived' as const, cells: [], vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 } });
/** As the views build it: two operations (one of 3, suppressed), and Mali's period figure, by month in the row not split by month. */
const returnsExample = returnsViews([
  {
    projectId: 'ml-eu-iom-joint-initiative',
    partner: 'IOM',
    operations: [exampleOperation('NE', '2020-11', 38), exampleOperation('DZ', '2020-12', 3)],
    periodReports: [{ reportId: 'ml-returns-2017-05-2020-10', hostCountry: null, countryOfOrigin: 'ML', period: { from: '2017-05', to: '2020-10' }, count: 17_181, valueQualifier: 'exact', source: SOURCE_004 }],
  },
]);
const reintegrationExample = {
  dimension: 'country',
  table: suppressSmallCells({ rows: ['ML'], columns: ['started', 'completed', 'abandoned'], cells: [[0, 6_760, 0]] }),
  figures: [{ projectId: 'ml-eu-iom-joint-initiative', partner: 'IOM', what: 'reintegration completed in ML', period: { from: '2017-05', to: '2020-10' }, count: 6_760, valueQualifier: 'exact', source: SOURCE_004 }],
};
const SUPPRESSION =
  "Each partner's figures on a project are one table, suppressed once: every count from 1 to the threshold − 1 is hidden, and further cells are, until neither a hidden cell nor a small sum any answer can ask follows from its totals. A number of this answer is a sum of such cells and is shown only when it is not small and follows from what those tables show; otherwise it is null (suppressed). So no answers, for any periods and scopes, give away together what one hides.";
const JOINT_SUPPRESSION = `${SUPPRESSION} The table by origin and host and the table by month and host (whose row "${PERIOD_NOT_BY_MONTH}" holds the period reports) have the same host totals and total.`;

/**
 * Returns by country of origin, host country and month, and reintegration started, completed and
 * abandoned by country, region, sex or age band: counts only, every table suppressed, whatever the
 * format. Every role reads them, narrowed to its scope (see `figureScopeOf`).
 */
@ApiTags('returns')
@Controller()
export class ReturnsHttpController {
  private readonly returns: ProjectionReader<ProjectReturnsDoc>;
  private readonly reintegration: ProjectionReader<ReintegrationDoc>;
  private readonly register: ProjectionReader<ProjectRegisterEntry>;

  constructor(@Inject(PROJECTION_STORES) stores: ProjectionStores) {
    this.returns = stores.of(returnsProjection);
    this.reintegration = stores.of(reintegrationProjection);
    this.register = stores.of(projectRegisterProjection);
  }

  @Get('returns')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Returns by country of origin and host country, and by month and host country, with the period figures and their sources' })
  @scopeQueries
  @ApiReadRoute({ description: `The two tables and the figures reported for a period. ${JOINT_SUPPRESSION}`, schema: { type: 'object' }, example: returnsExample })
  async returnsJson(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return returnsViews(await this.scopedReturns(principal, query));
  }

  @Get('returns/by-origin-and-host.csv')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Returns by country of origin (rows) and host country (columns), as CSV' })
  @scopeQueries
  @ApiReadRoute({ description: `CSV with a header line and totals; a suppressed count reads \`suppressed\`; the same cells as \`GET /returns\`. ${JOINT_SUPPRESSION}`, mediaType: 'text/csv', example: suppressedTableCsv(returnsExample.byOriginAndHost, 'origin') })
  async returnsByRouteCsv(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return suppressedTableCsv(returnsViews(await this.scopedReturns(principal, query)).byOriginAndHost, 'origin');
  }

  @Get('returns/by-month-and-host.csv')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Returns by month of departure (rows, and a row for the period reports) and host country (columns), as CSV' })
  @scopeQueries
  @ApiReadRoute({ description: `CSV with a header line and totals; a suppressed count reads \`suppressed\`; the same cells as \`GET /returns\`. ${JOINT_SUPPRESSION}`, mediaType: 'text/csv', example: suppressedTableCsv(returnsExample.byMonthAndHost, 'month') })
  async returnsByMonthCsv(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return suppressedTableCsv(returnsViews(await this.scopedReturns(principal, query)).byMonthAndHost, 'month');
  }

  @Get('reintegration/:dimension')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Reintegration started, completed and abandoned by country, region, sex or age band, with the period figures and their sources' })
  @ApiParam({ name: 'dimension', enum: REINTEGRATION_DIMENSIONS, example: 'country' })
  @scopeQueries
  @ApiReadRoute({ description: `The table and the figures reported for a period. ${SUPPRESSION}`, schema: { type: 'object' }, example: reintegrationExample })
  async reintegrationJson(@CurrentPrincipal() principal: Principal, @Param() params: unknown, @Query() query: unknown) {
    const { dimension } = parseWith(dimensionParam, params, 'params');
    return { dimension, ...reintegrationView(await this.scopedReintegration(principal, query), dimension) };
  }

  @Get('reintegration/:dimension/table.csv')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The same reintegration table as CSV' })
  @ApiParam({ name: 'dimension', enum: REINTEGRATION_DIMENSIONS, example: 'sex' })
  @scopeQueries
  @ApiReadRoute({ description: `CSV with a header line and totals; a suppressed count reads \`suppressed\`. ${SUPPRESSION}`, mediaType: 'text/csv', example: suppressedTableCsv(reintegrationExample.table, 'country') })
  async reintegrationCsv(@CurrentPrincipal() principal: Principal, @Param() params: unknown, @Query() query: unknown) {
    const { dimension } = parseWith(dimensionParam, params, 'params');
    return suppressedTableCsv(reintegrationView(await this.scopedReintegration(principal, query), dimension).table, dimension);
  }

  private scopedReturns(principal: Principal, query: unknown): Promise<ProjectReturnsDoc[]> {
    return this.scoped(principal, query, (partner) => this.returns.find({ partner }));
  }

  private scopedReintegration(principal: Principal, query: unknown): Promise<ReintegrationDoc[]> {
    return this.scoped(principal, query, (partner) => this.reintegration.find({ partner }));
  }

  /** The documents of the reader's scope: narrowed (or refused) before anything is read. */
  private async scoped<Doc extends { projectId: string; partner: string }>(principal: Principal, query: unknown, byPartner: (partner: string | undefined) => Promise<Doc[]>): Promise<Doc[]> {
    const scope: FigureScope = figureScopeOf(principal, parseWith(scopeQuery, query, 'query'));
    const { country } = scope;
    const [docs, projectsOfCountry] = await Promise.all([
      byPartner(scope.partner),
      country === undefined ? undefined : this.register.find({ countries: country }).then((projects) => projectsLedBy(country, projects)),
    ]);
    return inFigureScope(docs, scope, projectsOfCountry);
  }
}
