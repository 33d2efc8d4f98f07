import { deciderSpecification } from '@eutf/event-sourcing/testing';
import type { DataOf } from '@eutf/event-sourcing';
import type { PeriodReintegrationReported, ReintegrationCaseloadEvent } from '@eutf/event-catalog';
import { reintegrationCaseloadDecider } from './reintegration-caseload.decider';
import type { NewReintegrationCase, ProjectFacts, ReintegrationCaseloadCommand } from './returns.commands';

const spec = deciderSpecification(reintegrationCaseloadDecider);

const project: ProjectFacts = { countries: ['ML'], leadCountry: 'ML', implementingPartners: ['IOM'], status: 'implementation' };
const base = { actor: { role: 'implementing-partner', org: 'IOM' } as const, today: '2021-01-15', projectId: 'ml-eu-iom-joint-initiative', project };
const keyOf = (n: number) => n.toString(16).padStart(64, '0');

const newCase = (n: number, changes: Partial<NewReintegrationCase> = {}): NewReintegrationCase => ({
  caseKey: keyOf(n),
  countryOfReturn: 'ML',
  regionOfReturn: 'ML-4',
  sex: 'female',
  ageBand: '25-34',
  registeredOn: '2018-02-12',
  ...changes,
});
const register = (...cases: NewReintegrationCase[]): ReintegrationCaseloadCommand => ({ ...base, type: 'RegisterReintegrationCases', cases });
const registered = (n: number, changes: Partial<NewReintegrationCase> = {}): ReintegrationCaseloadEvent => ({
  type: 'ReintegrationCaseRegistered',
  data: { ...newCase(n, changes), projectId: base.projectId, partner: 'IOM' },
});
const planApproved: ReintegrationCaseloadEvent = { type: 'ReintegrationPlanApproved', data: { caseKey: keyOf(1), areas: ['economic'], level: 'individual', approvedOn: '2018-03-01' } };
const assisted: ReintegrationCaseloadEvent = { type: 'ReintegrationAssistanceDelivered', data: { caseKey: keyOf(1), assistanceId: 'a1', kind: 'cash', deliveredOn: '2018-04-10', valueCents: 45_000 } };
const completed: ReintegrationCaseloadEvent = { type: 'ReintegrationCompleted', data: { caseKey: keyOf(1), completedOn: '2019-02-28' } };
const abandoned: ReintegrationCaseloadEvent = { type: 'ReintegrationAbandoned', data: { caseKey: keyOf(1), abandonedOn: '2018-09-30' } };

const approve: ReintegrationCaseloadCommand = { ...base, type: 'ApproveReintegrationPlan', caseKey: keyOf(1), areas: ['economic'], level: 'individual', approvedOn: '2018-03-01' };
const assist: ReintegrationCaseloadCommand = { ...base, type: 'RecordReintegrationAssistance', caseKey: keyOf(1), assistanceId: 'a1', kind: 'cash', deliveredOn: '2018-04-10', valueCents: 45_000 };
const complete: ReintegrationCaseloadCommand = { ...base, type: 'CompleteReintegration', caseKey: keyOf(1), completedOn: '2019-02-28' };
const abandon: ReintegrationCaseloadCommand = { ...base, type: 'AbandonReintegration', caseKey: keyOf(1), abandonedOn: '2018-09-30' };

const report: DataOf<typeof PeriodReintegrationReported> = {
  reportId: 'ml-completed',
  projectId: base.projectId,
  partner: 'IOM',
  countryOfReturn: 'ML',
  stage: 'completed',
  period: { from: '2017-05', to: '2020-10' },
  count: 6_760,
  valueQualifier: 'exact',
  source: { document: '004_f049d9a19f4b6321', page: null },
};
const { partner: _partner, ...reportFields } = report;
const reportPeriod = (changes: Partial<typeof reportFields> = {}): ReintegrationCaseloadCommand => ({ ...base, type: 'ReportPeriodReintegration', ...reportFields, ...changes });
const reported = (changes: Partial<typeof report> = {}): ReintegrationCaseloadEvent => ({ type: 'PeriodReintegrationReported', data: { ...report, ...changes } });

describe('a partner registers reintegration cases, many at once', () => {
  it('registers every case of the request, pseudonymous', () => {
    spec.given([]).when(register(newCase(1), newCase(2, { sex: 'male' }))).then([registered(1), registered(2, { sex: 'male' })]);
  });

  it('registers only what is new when the same cases come again, and nothing at all the second time', () => {
    spec.given([registered(1)]).when(register(newCase(1), newCase(2))).then([registered(2)]);
    spec.given([registered(1), registered(2)]).when(register(newCase(1), newCase(2))).then([]);
  });

  it('refuses the whole registration when one case is already registered with other facts (case-already-registered)', () => {
    spec.given([registered(1)]).when(register(newCase(2), newCase(1, { ageBand: '35-59' }))).thenRefuses('case-already-registered', 409);
  });

  it('refuses a registration giving the same case twice (case-repeated-in-batch)', () => {
    spec.given([]).when(register(newCase(1), newCase(1))).thenRefuses('case-repeated-in-batch', 422);
  });

  it('refuses a region of another country (region-not-in-country)', () => {
    spec.given([]).when(register(newCase(1), newCase(2, { regionOfReturn: 'NE-2' }))).thenRefuses('region-not-in-country', 422);
  });

  it('refuses a registration dated after today (date-in-the-future)', () => {
    spec.given([]).when(register(newCase(1, { registeredOn: '2021-02-01' }))).thenRefuses('date-in-the-future', 422);
  });

  it('refuses anyone but a partner implementing a known, open project', () => {
    spec.given([]).when({ ...register(newCase(1)), actor: { role: 'admin' } }).thenRefuses('partner-only', 403);
    spec.given([]).when({ ...register(newCase(1)), actor: { role: 'implementing-partner', org: 'GIZ' } }).thenRefuses('project-not-known', 422);
    spec.given([]).when({ ...register(newCase(1)), project: null }).thenRefuses('project-not-known', 422);
    spec.given([]).when({ ...register(newCase(1)), project: { ...project, status: 'closed' } }).thenRefuses('project-closed', 409);
  });
});

describe("a case's life: plan, assistance, completion or abandonment", () => {
  it('approves a plan, delivers assistance under it, then completes', () => {
    spec.given([registered(1)]).when(approve).then([planApproved]);
    spec.given([registered(1), planApproved]).when(assist).then([assisted]);
    spec.given([registered(1), planApproved, assisted]).when(complete).then([completed]);
  });

  it('refuses a second plan (plan-already-approved)', () => {
    spec.given([registered(1), planApproved]).when(approve).thenRefuses('plan-already-approved', 409);
  });

  it('refuses assistance or completion without an approved plan (plan-not-approved)', () => {
    spec.given([registered(1)]).when(assist).thenRefuses('plan-not-approved', 409);
    spec.given([registered(1)]).when(complete).thenRefuses('plan-not-approved', 409);
  });

  it('changes nothing when a delivery is recorded again, and refuses another delivery under its id (assistance-id-reused)', () => {
    spec.given([registered(1), planApproved, assisted]).when(assist).then([]);
    spec.given([registered(1), planApproved, assisted]).when({ ...assist, valueCents: 1 } as ReintegrationCaseloadCommand).thenRefuses('assistance-id-reused', 409);
  });

  it('refuses to complete a case nobody assisted (completion-needs-assistance)', () => {
    spec.given([registered(1), planApproved]).when(complete).thenRefuses('completion-needs-assistance', 409);
  });

  it('abandons a case at any point before it closes, and nothing follows a closed case (case-closed)', () => {
    spec.given([registered(1)]).when(abandon).then([abandoned]);
    spec.given([registered(1), abandoned]).when(approve).thenRefuses('case-closed', 409);
    spec.given([registered(1), planApproved, assisted, completed]).when(abandon).thenRefuses('case-closed', 409);
  });

  it('refuses to follow up a case never registered (case-not-registered)', () => {
    spec.given([]).when(approve).thenRefuses('case-not-registered', 422);
  });
});

describe('a partner reports reintegration for a period, never counted twice (reintegration-counted-twice)', () => {
  it('records a period figure with its stage and source; again, nothing changes', () => {
    spec.given([]).when(reportPeriod()).then([reported()]);
    spec.given([reported()]).when(reportPeriod()).then([]);
  });

  it('refuses another report under a used id, and an inverted period', () => {
    spec.given([reported()]).when(reportPeriod({ count: 1 })).thenRefuses('report-id-reused', 409);
    spec.given([]).when(reportPeriod({ period: { from: '2019', to: '2018' } })).thenRefuses('period-inverted', 422);
  });

  it('refuses a report of completions over a month in which a case completed', () => {
    spec.given([registered(1), planApproved, assisted, completed]).when(reportPeriod()).thenRefuses('reintegration-counted-twice', 409);
  });

  it('refuses a case completing in a month a report of completions counts', () => {
    spec.given([reported(), registered(1), planApproved, assisted]).when(complete).thenRefuses('reintegration-counted-twice', 409);
  });

  it('refuses a case registered in a month a report of starts counts, and two reports of one stage that overlap', () => {
    const starts = reported({ reportId: 'ml-started', stage: 'started' });
    spec.given([starts]).when(register(newCase(1))).thenRefuses('reintegration-counted-twice', 409);
    spec.given([reported()]).when(reportPeriod({ reportId: 'ml-completed-2019', period: { from: '2019', to: '2019' } })).thenRefuses('reintegration-counted-twice', 409);
  });

  it('accepts a report of another stage or country over the same months', () => {
    spec.given([registered(1), planApproved, assisted, completed]).when(reportPeriod({ stage: 'abandoned' })).then([reported({ stage: 'abandoned' })]);
    spec.given([registered(1), planApproved, assisted, completed]).when(reportPeriod({ countryOfReturn: 'NE' })).then([reported({ countryOfReturn: 'NE' })]);
  });
});
