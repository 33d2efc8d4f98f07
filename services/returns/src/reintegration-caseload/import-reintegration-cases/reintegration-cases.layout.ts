import type { SheetLayout } from '../../spreadsheets/sheet-layout';
import { newReintegrationCase, type NewReintegrationCaseRequest } from '../register-reintegration-cases/register-reintegration-cases.request';

/**
 * A file of reintegration cases: one row per case, as `POST …/cases` takes a case, checked by its
 * schema. The partner's case id is stored only as its keyed hash; an empty region is not known.
 */
export const REINTEGRATION_CASES_LAYOUT: SheetLayout<NewReintegrationCaseRequest> = {
  columns: [
    { name: 'caseId', kind: 'code', required: true },
    { name: 'countryOfReturn', kind: 'code', required: true },
    { name: 'regionOfReturn', kind: 'code', required: false },
    { name: 'sex', kind: 'code', required: true },
    { name: 'ageBand', kind: 'code', required: true },
    { name: 'registeredOn', kind: 'date', required: true },
  ],
  bodyOf: (cells) => ({
    caseId: cells.get('caseId'),
    countryOfReturn: cells.get('countryOfReturn'),
    regionOfReturn: cells.get('regionOfReturn') ?? null,
    sex: cells.get('sex'),
    ageBand: cells.get('ageBand'),
    registeredOn: cells.get('registeredOn'),
  }),
  columnOf: ([field]) => String(field ?? 'A'),
  schema: newReintegrationCase,
  maxRows: 2_000,
};

/** The column each rule a row may break is about. */
export const REINTEGRATION_CASES_RULE_COLUMNS: Readonly<Record<string, string>> = {
  'case-repeated-in-batch': 'caseId',
  'case-already-registered': 'caseId',
  'region-not-in-country': 'regionOfReturn',
  'date-in-the-future': 'registeredOn',
  'reintegration-counted-twice': 'registeredOn',
};

export const REINTEGRATION_CASES_EXAMPLE = [
  'caseId,countryOfReturn,regionOfReturn,sex,ageBand,registeredOn',
  'IOM-ML-2018-000123,ML,ML-4,male,18-24,2018-02-12',
  'IOM-ML-2018-000124,ML,,female,25-34,2018-02-12',
  '',
].join('\n');
