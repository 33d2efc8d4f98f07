import { AGE_BANDS, SEXES } from '@eutf/event-catalog';
import type { SheetLayout } from '../../spreadsheets/sheet-layout';
import { reportPeriodReturnsBody, type ReportPeriodReturnsRequest } from '../report-period-returns/report-period-returns.route';

/** The breakdown columns, one per sex and age band: `female/under-18` … `male/60-plus`. */
const BREAKDOWN = SEXES.flatMap((sex) => AGE_BANDS.map((ageBand) => ({ name: `${sex}/${ageBand}`, sex, ageBand })));

/**
 * A file of monthly returns: one row per month and route, each a period report of that month
 * (`POST …/period-reports` with `period: { from: month, to: month }`), checked by its schema.
 * An empty host country or country of origin is "not split"; the breakdown columns are optional.
 */
export const MONTHLY_RETURNS_LAYOUT: SheetLayout<ReportPeriodReturnsRequest> = {
  columns: [
    { name: 'reportId', kind: 'code', required: true },
    { name: 'hostCountry', kind: 'code', required: true },
    { name: 'countryOfOrigin', kind: 'code', required: true },
    { name: 'month', kind: 'month', required: true },
    { name: 'count', kind: 'count', required: true },
    { name: 'valueQualifier', kind: 'code', required: true },
    ...BREAKDOWN.map(({ name }) => ({ name, kind: 'count' as const, required: false })),
  ],
  bodyOf: (cells) => ({
    reportId: cells.get('reportId'),
    hostCountry: cells.get('hostCountry') ?? null,
    countryOfOrigin: cells.get('countryOfOrigin') ?? null,
    period: cells.has('month') ? { from: cells.get('month'), to: cells.get('month') } : undefined,
    count: cells.get('count'),
    valueQualifier: cells.get('valueQualifier'),
    breakdown: BREAKDOWN.filter(({ name }) => cells.has(name)).map(({ name, sex, ageBand }) => ({ sex, ageBand, count: cells.get(name) })),
  }),
  columnOf: ([field, index], cells) => {
    if (field === 'period') return 'month';
    if (field === 'breakdown') return BREAKDOWN.filter(({ name }) => cells.has(name))[Number(index)]?.name ?? 'count';
    return String(field ?? 'A');
  },
  schema: reportPeriodReturnsBody,
  maxRows: 2_000,
};

/** The column each rule a row may break is about. */
export const MONTHLY_RETURNS_RULE_COLUMNS: Readonly<Record<string, string>> = {
  'host-is-origin': 'countryOfOrigin',
  'breakdown-does-not-add-up': 'count',
  'cell-repeated': 'count',
  'period-inverted': 'month',
  'date-in-the-future': 'month',
  'returns-counted-twice': 'month',
  'report-id-reused': 'reportId',
};

export const MONTHLY_RETURNS_EXAMPLE = [
  'reportId,hostCountry,countryOfOrigin,month,count,valueQualifier,female/18-24,male/18-24',
  'ly-ml-2019-01,LY,ML,2019-01,140,exact,35,105',
  'ly-ml-2019-02,LY,ML,2019-02,96,exact,,',
  'ne-all-2019-01,NE,,2019-01,210,around,,',
  '',
].join('\n');
