import { deciderSpecification } from '@eutf/event-sourcing/testing';
import { PeriodReturnsReported, ReturnArrivalConfirmed, ReturnOperationCancelled, ReturnOperationRegistered, type ProjectReturnsEvent } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { refusedItemOf } from './batch-item';
import { projectReturnsDecider } from './project-returns.decider';
import type { ProjectFacts, ProjectReturnsCommand } from './returns.commands';
import { RETURNS_RULES } from './returns.rules';

const spec = deciderSpecification(projectReturnsDecider);

const project: ProjectFacts = { countries: ['ML'], leadCountry: 'ML', implementingPartners: ['IOM'], status: 'implementation' };
const iom = { role: 'implementing-partner', org: 'IOM' } as const;
const base = { actor: iom, today: '2021-01-15', projectId: 'ml-eu-iom-joint-initiative', project };

const operation: DataOf<typeof ReturnOperationRegistered> = ReturnOperationRegistered.example;
const { partner: _partner, ...operationFields } = operation;
const register = (changes: Partial<typeof operationFields> = {}): ProjectReturnsCommand => ({ ...base, type: 'RegisterReturnOperation', ...operationFields, ...changes });
const registered = (changes: Partial<typeof operation> = {}): ProjectReturnsEvent => ({ type: 'ReturnOperationRegistered', data: { ...operation, ...changes } });

const report: DataOf<typeof PeriodReturnsReported> = {
  reportId: 'ly-2017',
  projectId: base.projectId,
  partner: 'IOM',
  hostCountry: 'LY',
  countryOfOrigin: null,
  period: { from: '2017-01', to: '2017-06' },
  count: 4_000,
  valueQualifier: 'more-than',
  breakdown: [],
  source: { document: '002_21535fd7b2306ce6', page: null },
};
const { partner: _reportPartner, ...reportFields } = report;
const reportPeriod = (changes: Partial<typeof reportFields> = {}): ProjectReturnsCommand => ({ ...base, type: 'ReportPeriodReturns', ...reportFields, ...changes });
const reported = (changes: Partial<typeof report> = {}): ProjectReturnsEvent => ({ type: 'PeriodReturnsReported', data: { ...report, ...changes } });

const arrival = (changes: Partial<DataOf<typeof ReturnArrivalConfirmed>> = {}): ProjectReturnsCommand => ({ ...base, type: 'ConfirmReturnArrival', ...ReturnArrivalConfirmed.example, ...changes });
const cancellation: ProjectReturnsCommand = { ...base, type: 'CancelReturnOperation', ...ReturnOperationCancelled.example };

describe('a partner registers return operations', () => {
  it('registers an operation of the project it implements, counted by sex and age band', () => {
    spec.given([]).when(register()).then([registered()]);
  });

  it('changes nothing when the same operation is registered again (a retried upload)', () => {
    spec.given([registered()]).when(register()).then([]);
  });

  it('refuses another operation under an id already used (operation-id-reused)', () => {
    spec.given([registered()]).when(register({ departedOn: '2017-05-19' })).thenRefuses('operation-id-reused', 409);
  });

  it('refuses anyone but an implementing partner (partner-only)', () => {
    spec.given([]).when({ ...register(), actor: { role: 'delegation-officer' } }).thenRefuses('partner-only', 403);
    spec.given([]).when({ ...register(), actor: { role: 'hq-analyst' } }).thenRefuses('partner-only', 403);
  });

  it('answers a partner that does not implement the project as for a project never registered (project-not-known)', () => {
    spec.given([]).when({ ...register(), actor: { role: 'implementing-partner', org: 'GIZ' } }).thenRefuses('project-not-known', 422);
  });

  it('refuses a project the service has not seen registered (project-not-known)', () => {
    spec.given([]).when({ ...register(), project: null }).thenRefuses('project-not-known', 422);
  });

  it('refuses a new operation under a closed project (project-closed)', () => {
    spec.given([]).when({ ...register(), project: { ...project, status: 'closed' } }).thenRefuses('project-closed', 409);
  });

  it('refuses a return whose host country is its country of origin (host-is-origin)', () => {
    spec.given([]).when(register({ hostCountry: 'ML' })).thenRefuses('host-is-origin', 422);
  });

  it('refuses a sex and age band given twice (cell-repeated)', () => {
    const cell = { sex: 'male', ageBand: '18-24', count: 3 } as const;
    spec.given([]).when(register({ departed: [cell, cell] })).thenRefuses('cell-repeated', 422);
  });

  it('refuses an operation counting nobody (operation-has-nobody)', () => {
    spec.given([]).when(register({ departed: [{ sex: 'female', ageBand: '25-34', count: 0 }], vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 0, medicalCases: 0 } })).thenRefuses('operation-has-nobody', 422);
  });

  it('refuses more victims of trafficking than people who departed (vulnerability-exceeds-departed)', () => {
    spec.given([]).when(register({ vulnerabilities: { unaccompaniedMinors: 0, victimsOfTrafficking: 169, medicalCases: 0 } })).thenRefuses('vulnerability-exceeds-departed', 422);
  });

  it('refuses more unaccompanied minors than departed minors (unaccompanied-minors-exceed-minors)', () => {
    spec.given([]).when(register({ vulnerabilities: { unaccompaniedMinors: 7, victimsOfTrafficking: 0, medicalCases: 0 } })).thenRefuses('unaccompanied-minors-exceed-minors', 422);
  });

  it('refuses a departure after today (date-in-the-future)', () => {
    spec.given([]).when(register({ departedOn: '2021-01-16' })).thenRefuses('date-in-the-future', 422);
  });
});

describe('an operation arrives or is cancelled', () => {
  it('confirms the arrival with the number who arrived', () => {
    spec.given([registered()]).when(arrival()).then([{ type: 'ReturnArrivalConfirmed', data: ReturnArrivalConfirmed.example }]);
  });

  it('refuses more arrivals than departures (arrived-exceeds-departed)', () => {
    spec.given([registered()]).when(arrival({ arrived: 169 })).thenRefuses('arrived-exceeds-departed', 422);
  });

  it('refuses an arrival dated before the departure (arrival-before-departure)', () => {
    spec.given([registered()]).when(arrival({ arrivedOn: '2017-05-17' })).thenRefuses('arrival-before-departure', 422);
  });

  it('refuses a second arrival, and a cancellation after arrival (operation-already-arrived)', () => {
    const arrived: ProjectReturnsEvent = { type: 'ReturnArrivalConfirmed', data: ReturnArrivalConfirmed.example };
    spec.given([registered(), arrived]).when(arrival()).thenRefuses('operation-already-arrived', 409);
    spec.given([registered(), arrived]).when(cancellation).thenRefuses('operation-already-arrived', 409);
  });

  it('cancels an operation with a coded reason, and then refuses its arrival (operation-cancelled)', () => {
    const cancelled: ProjectReturnsEvent = { type: 'ReturnOperationCancelled', data: ReturnOperationCancelled.example };
    spec.given([registered()]).when(cancellation).then([cancelled]);
    spec.given([registered(), cancelled]).when(arrival()).thenRefuses('operation-cancelled', 409);
    spec.given([registered(), cancelled]).when(cancellation).thenRefuses('operation-cancelled', 409);
  });

  it('refuses to follow up an operation nobody registered (operation-not-registered)', () => {
    spec.given([]).when(arrival()).thenRefuses('operation-not-registered', 422);
  });
});

describe('a partner reports returns for a period', () => {
  it('records a period figure with its qualifier and source', () => {
    spec.given([]).when(reportPeriod()).then([reported()]);
  });

  it('changes nothing when the same report comes again', () => {
    spec.given([reported()]).when(reportPeriod()).then([]);
  });

  it('refuses another report under an id already used (report-id-reused)', () => {
    spec.given([reported()]).when(reportPeriod({ count: 4_100 })).thenRefuses('report-id-reused', 409);
  });

  it('refuses a period that ends before it starts (period-inverted)', () => {
    spec.given([]).when(reportPeriod({ period: { from: '2017-06', to: '2017-01' } })).thenRefuses('period-inverted', 422);
  });

  it('refuses a period ending after today (date-in-the-future)', () => {
    spec.given([]).when(reportPeriod({ period: { from: '2020-01', to: '2021-02' } })).thenRefuses('date-in-the-future', 422);
  });

  it('refuses an exact count whose breakdown does not add up, and a "more than" count exceeded by its breakdown (breakdown-does-not-add-up)', () => {
    const breakdown = [{ sex: 'male', ageBand: '18-24', count: 30 }, { sex: 'female', ageBand: '18-24', count: 10 }] as const;
    spec.given([]).when(reportPeriod({ count: 41, valueQualifier: 'exact', breakdown: [...breakdown] })).thenRefuses('breakdown-does-not-add-up', 422);
    spec.given([]).when(reportPeriod({ count: 39, valueQualifier: 'more-than', breakdown: [...breakdown] })).thenRefuses('breakdown-does-not-add-up', 422);
    spec.given([]).when(reportPeriod({ count: 40, valueQualifier: 'more-than', breakdown: [...breakdown] })).then([reported({ count: 40, breakdown: [...breakdown] })]);
  });
});

describe('no return is counted twice (returns-counted-twice)', () => {
  it('refuses a period report over a month an operation on the same route already counts', () => {
    spec.given([registered()]).when(reportPeriod({ hostCountry: 'LY', countryOfOrigin: 'ML', period: { from: '2017-05', to: '2017-05' } })).thenRefuses('returns-counted-twice', 409);
  });

  it('refuses a report naming no host country over a month an operation from any host counts', () => {
    spec.given([registered()]).when(reportPeriod({ hostCountry: null, countryOfOrigin: 'ML', period: { from: '2017', to: '2017' } })).thenRefuses('returns-counted-twice', 409);
  });

  it('refuses a report "since the project began" reaching an operation', () => {
    spec.given([registered()]).when(reportPeriod({ hostCountry: 'LY', countryOfOrigin: null, period: { from: null, to: '2018-12' } })).thenRefuses('returns-counted-twice', 409);
  });

  it('refuses an operation departing in a month a period report already counts', () => {
    spec.given([reported()]).when(register()).thenRefuses('returns-counted-twice', 409);
  });

  it('refuses two period reports whose months and routes overlap', () => {
    spec.given([reported()]).when(reportPeriod({ reportId: 'ly-2017-h1-ml', countryOfOrigin: 'ML', period: { from: '2017-06-01', to: '2017-12-31' } })).thenRefuses('returns-counted-twice', 409);
  });

  it('accepts a report on another route, or in months no operation counts', () => {
    spec.given([registered()]).when(reportPeriod({ hostCountry: 'NE', countryOfOrigin: 'ML', period: { from: '2017-05', to: '2017-05' } })).then([reported({ hostCountry: 'NE', countryOfOrigin: 'ML', period: { from: '2017-05', to: '2017-05' } })]);
    spec.given([registered()]).when(reportPeriod({ hostCountry: 'LY', period: { from: '2017-06', to: '2017-12' } })).then([reported({ hostCountry: 'LY', period: { from: '2017-06', to: '2017-12' } })]);
  });

  it('frees the month of a cancelled operation: it counted nobody', () => {
    const cancelled: ProjectReturnsEvent = { type: 'ReturnOperationCancelled', data: ReturnOperationCancelled.example };
    spec.given([registered(), cancelled]).when(reportPeriod({ period: { from: '2017-05', to: '2017-05' } })).then([reported({ period: { from: '2017-05', to: '2017-05' } })]);
  });
});

describe('the returns rules table', () => {
  it('names each rule with a 403, 409 or 422 and a sentence', () => {
    for (const [rule, { status, says }] of Object.entries(RETURNS_RULES)) {
      expect([rule, [403, 409, 422].includes(status), says.length > 10]).toEqual([rule, true, true]);
    }
  });
});

describe('a partner reports many period returns at once (a file of monthly returns)', () => {
  const { projectId: _projectId, ...one } = reportFields;
  const month = (reportId: string, m: string) => ({ ...one, reportId, period: { from: m, to: m }, count: 120, valueQualifier: 'exact' as const });
  const many = (...reports: Array<ReturnType<typeof month>>): ProjectReturnsCommand => ({ ...base, type: 'ReportManyPeriodReturns', reports });
  const monthReported = (reportId: string, m: string): ProjectReturnsEvent => reported({ reportId, period: { from: m, to: m }, count: 120, valueQualifier: 'exact' });

  it('records every month, in order', () => {
    spec.given([]).when(many(month('ly-2017-01', '2017-01'), month('ly-2017-02', '2017-02'))).then([monthReported('ly-2017-01', '2017-01'), monthReported('ly-2017-02', '2017-02')]);
  });

  it('changes nothing when the same reports come again', () => {
    spec.given([monthReported('ly-2017-01', '2017-01')]).when(many(month('ly-2017-01', '2017-01'))).then([]);
  });

  it('refuses them all when two of its rows count the same month, naming the second (returns-counted-twice)', () => {
    const refusal = spec.given([]).when(many(month('ly-2017-01', '2017-01'), month('ly-2017-02', '2017-02'), month('ly-2017-02-bis', '2017-02'))).thenRefuses('returns-counted-twice', 409);
    expect(refusedItemOf(refusal)).toBe(2);
  });

  it('refuses them all when one row breaks a rule alone, naming it (host-is-origin)', () => {
    const refusal = spec.given([]).when(many(month('ly-2017-01', '2017-01'), { ...month('ly-2017-02', '2017-02'), countryOfOrigin: 'LY' })).thenRefuses('host-is-origin', 422);
    expect(refusedItemOf(refusal)).toBe(1);
  });
});
