import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ReportLink, Roles, type Principal } from '@eutf/identity';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { PROJECTION_STORES, type ProjectionReader, type ProjectionStores } from '@eutf/projections';
import { ROLES } from '@eutf/reference-data';
import { z } from 'zod';
import { mayRead } from '../queries/reports.http.controller';
import { financeProjection, type FinanceDoc } from '../read-models/finance.projection';
import { buildFinanceView, FINANCE_DIMENSIONS, renderFinanceCsv, type FinanceRow } from './finance-views';

const dimensionParam = z.object({ dimension: z.enum(FINANCE_DIMENSIONS) });

const rowExample: FinanceRow = {
  dimension: 'country',
  key: 'LY',
  projects: 1,
  committedCents: 90_000_000_00,
  contractedCents: 40_000_000_00,
  requestedCents: 12_000_000_00,
  paidCents: 12_000_000_00,
  recoveredCents: 0,
  expenditureCents: 2_500_000_00,
  absorptionRate: 0.3,
};

/**
 * Finance by project, country, EUTF window or partner: committed, contracted, requested, paid,
 * expenditure and absorption (paid ÷ contracted). Each reader sees the projects it may read: HQ
 * all of them, an officer their country's, a partner the ones it implements.
 */
@ApiTags('finance')
@Controller('finance')
export class FinanceHttpController {
  private readonly finance: ProjectionReader<FinanceDoc>;

  constructor(@Inject(PROJECTION_STORES) stores: ProjectionStores) {
    this.finance = stores.of(financeProjection);
  }

  @Get(':dimension')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Finance rolled up by project, country, EUTF window or partner, in euro cents' })
  @ApiParam({ name: 'dimension', enum: FINANCE_DIMENSIONS, example: 'country' })
  @ApiReadRoute({ description: 'One row per project, country, window or partner, of the projects the ledger holds a commitment of (a project it holds nothing of has no data, not zeros).', schema: { type: 'array', items: { type: 'object' } }, example: [rowExample] })
  view(@CurrentPrincipal() principal: Principal, @Param() params: unknown): Promise<FinanceRow[]> {
    return this.rows(principal, params);
  }

  @Get(':dimension/rows.csv')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The same finance view as CSV' })
  @ApiParam({ name: 'dimension', enum: FINANCE_DIMENSIONS, example: 'partner' })
  @ApiReadRoute({ description: 'CSV with a header line; amounts in euro cents.', mediaType: 'text/csv', example: renderFinanceCsv([rowExample]) })
  async csv(@CurrentPrincipal() principal: Principal, @Param() params: unknown): Promise<string> {
    return renderFinanceCsv(await this.rows(principal, params));
  }

  private async rows(principal: Principal, params: unknown): Promise<FinanceRow[]> {
    const { dimension } = parseWith(dimensionParam, params, 'params');
    const readable = (await this.finance.find({})).filter((doc) => mayRead(principal, doc));
    return buildFinanceView(readable, dimension);
  }
}
