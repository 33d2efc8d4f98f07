import { EventCatalog, type DataOf } from '@eutf/event-sourcing';
import { deciderSpecification } from '@eutf/event-sourcing/testing';
import type { CommandActor } from './project.commands';
import { endsBeforeItStarts, projectDecider } from './project.decider';
import { IndicatorDefined, PROJECT_EVENTS, ProjectRegistered, ResultSubmitted, type DisaggregatedCount, type FreeTextRef, type ProjectEvent } from '@eutf/event-catalog';

const spec = deciderSpecification(projectDecider);
const officerML: CommandActor = { role: 'delegation-officer', country: 'ML' };
const officerNE: CommandActor = { role: 'delegation-officer', country: 'NE' };
const iom: CommandActor = { subject: 'iom-reporter-1', role: 'implementing-partner', org: 'IOM' };
const giz: CommandActor = { subject: 'giz-reporter-1', role: 'implementing-partner', org: 'GIZ' };
const today = '2017-06-13';

const registration: DataOf<typeof ProjectRegistered> = ProjectRegistered.example;
const registered: ProjectEvent = { type: 'ProjectRegistered', data: registration };
const started: ProjectEvent = { type: 'ProjectImplementationStarted', data: { startedOn: '2017-04-01' } };
const indicator: ProjectEvent = { type: 'IndicatorDefined', data: IndicatorDefined.example };
/** Free texts as events and commands carry them: an id in the service's erasable store. */
const text = (n: number): FreeTextRef => ({ textId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
const result: DataOf<typeof ResultSubmitted> & { narrative: FreeTextRef | null; evidenceLinks: FreeTextRef | null } = { ...ResultSubmitted.example, narrative: text(1), evidenceLinks: null };
const submitted: ProjectEvent = { type: 'ResultSubmitted', data: result };
const history = [registered, started, indicator];

describe('project', () => {
  it('is registered by an officer of one of its countries', () => {
    spec.given([]).when({ type: 'RegisterProject', actor: officerML, today, ...registration }).then([registered]);
  });

  it('is not registered by an officer of another country, nor twice, nor ending before it starts', () => {
    spec.given([]).when({ type: 'RegisterProject', actor: officerNE, today, ...registration }).thenRefuses('officer-out-of-country', 403);
    spec.given([registered]).when({ type: 'RegisterProject', actor: officerML, today, ...registration }).thenRefuses('project-already-registered', 409);
    spec
      .given([])
      .when({ type: 'RegisterProject', actor: officerML, today, ...registration, endDate: '2016-01-01' })
      .thenRefuses('project-dates-inverted', 422);
  });

  it('starts, is suspended with a reason, resumes and closes', () => {
    spec.given([registered]).when({ type: 'StartImplementation', actor: officerML, today, startedOn: '2017-04-01' }).then([started]);
    spec
      .given([registered, started])
      .when({ type: 'SuspendProject', actor: officerML, today, reason: text(2) })
      .then([{ type: 'ProjectSuspended', data: { suspendedOn: today, reason: text(2) } }]);
    spec.given([registered]).when({ type: 'SuspendProject', actor: officerML, today, reason: text(3) }).thenRefuses('only-implementation-suspends', 409);
    spec.given([registered, started]).when({ type: 'ResumeProject', actor: officerML, today }).thenRefuses('project-not-suspended', 409);
  });
});

describe('a project in several countries', () => {
  // Led by Mali, Niger participates; Senegal is not listed.
  const regional: DataOf<typeof ProjectRegistered> = { ...registration, countries: ['NE', 'ML'], leadCountry: 'ML' };
  const registeredRegional: ProjectEvent = { type: 'ProjectRegistered', data: regional };
  const officerSN: CommandActor = { role: 'delegation-officer', country: 'SN' };
  const defined: ProjectEvent = { type: 'MilestoneDefined', data: { milestoneId: 'm1', title: 'Centre open', dueDate: '2017-09-30' } };
  const pending: ProjectEvent = { type: 'ResultSubmitted', data: result };
  const given = [registeredRegional, started, indicator, defined, pending];
  /** Every command an officer issues on a project, each with the event its lead's officer gets for it on `given`. */
  const officerCommands = [
    [{ type: 'SuspendProject', reason: text(20) }, 'ProjectSuspended'],
    [{ type: 'CloseProject', closedOn: '2020-03-31' }, 'ProjectClosed'],
    [{ type: 'DefineMilestone', milestoneId: 'm2', title: 'Second centre open', dueDate: '2018-09-30' }, 'MilestoneDefined'],
    [{ type: 'RecordMilestoneReached', milestoneId: 'm1', reachedOn: '2017-09-01', evidenceLinks: null }, 'MilestoneReached'],
    [{ type: 'RecordMilestoneDelayed', milestoneId: 'm1', newDueDate: '2017-12-31', reason: text(21) }, 'MilestoneDelayed'],
    [{ type: 'CorrectMilestoneDueDate', milestoneId: 'm1', dueDate: '2017-10-31' }, 'MilestoneDueDateCorrected'],
    [{ type: 'DefineIndicator', ...IndicatorDefined.example, indicatorId: 'second' }, 'IndicatorDefined'],
    [{ type: 'ApproveResult', resultId: result.resultId }, 'ResultApproved'],
    [{ type: 'ReturnResultForRevision', resultId: result.resultId, reason: text(22) }, 'ResultReturnedForRevision'],
    [{ type: 'LockReportingPeriod', period: { from: '2018-01-01', to: '2018-06-30' } }, 'ReportingPeriodLocked'],
  ] as const;

  it('is registered by the officer of its lead country only, the lead being one of its countries', () => {
    spec.given([]).when({ type: 'RegisterProject', actor: officerML, today, ...regional }).then([registeredRegional]);
    spec.given([]).when({ type: 'RegisterProject', actor: officerNE, today, ...regional }).thenRefuses('officer-not-lead-country', 403);
    spec.given([]).when({ type: 'RegisterProject', actor: officerSN, today, ...regional }).thenRefuses('officer-out-of-country', 403);
    spec.given([]).when({ type: 'RegisterProject', actor: officerML, today, ...regional, leadCountry: 'SN' }).thenRefuses('lead-country-not-listed', 422);
  });

  it('is managed by its lead country\'s officer: every officer command is theirs', () => {
    const state = given.reduce(projectDecider.evolve, projectDecider.initialState());
    for (const [command, recorded] of officerCommands) {
      const decided = projectDecider.decide({ ...command, actor: officerML, today }, state);
      expect(Array.isArray(decided) ? decided.map((decidedEvent) => decidedEvent.type) : decided).toEqual([recorded]);
    }
    spec.given([registeredRegional]).when({ type: 'StartImplementation', actor: officerML, today, startedOn: '2017-04-01' }).then([started]);
  });

  it('refuses every officer command of a participating country\'s officer by name, and answers an unlisted country\'s as if it did not exist', () => {
    for (const command of [...officerCommands.map(([officerCommand]) => officerCommand), { type: 'ResumeProject' } as const]) {
      spec.given(given).when({ ...command, actor: officerNE, today }).thenRefuses('officer-not-lead-country', 403);
      spec.given(given).when({ ...command, actor: officerSN, today }).thenRefuses('project-not-registered', 404);
    }
    spec.given([registeredRegional]).when({ type: 'StartImplementation', actor: officerNE, today, startedOn: '2017-04-01' }).thenRefuses('officer-not-lead-country', 403);
    spec.given([registeredRegional]).when({ type: 'AssignEutfReference', actor: officerNE, today, reference: 'T05-EUTF-SAH-REG-01' }).thenRefuses('officer-not-lead-country', 403);
  });

  it('still takes its partners\' results, whichever country they report from', () => {
    spec.given([registeredRegional, started, indicator]).when({ type: 'SubmitResult', actor: iom, today, ...result }).then([pending]);
  });
});

describe('milestones', () => {
  const defined: ProjectEvent = { type: 'MilestoneDefined', data: { milestoneId: 'm1', title: 'Centre open', dueDate: '2017-09-30' } };

  it('are defined, delayed with a reason, and reached once', () => {
    spec
      .given(history)
      .when({ type: 'DefineMilestone', actor: officerML, today, milestoneId: 'm1', title: 'Centre open', dueDate: '2017-09-30' })
      .then([defined]);
    spec
      .given([...history, defined])
      .when({ type: 'RecordMilestoneDelayed', actor: officerML, today, milestoneId: 'm1', newDueDate: '2017-12-31', reason: text(4) })
      .then([{ type: 'MilestoneDelayed', data: { milestoneId: 'm1', newDueDate: '2017-12-31', reason: text(4) } }]);
    const reached: ProjectEvent = { type: 'MilestoneReached', data: { milestoneId: 'm1', reachedOn: '2017-12-01', evidenceLinks: null } };
    spec
      .given([...history, defined])
      .when({ type: 'RecordMilestoneReached', actor: officerML, today, milestoneId: 'm1', reachedOn: '2017-12-01', evidenceLinks: null })
      .then([reached]);
    spec
      .given([...history, defined, reached])
      .when({ type: 'RecordMilestoneReached', actor: officerML, today, milestoneId: 'm1', reachedOn: '2017-12-02', evidenceLinks: null })
      .thenRefuses('milestone-already-reached', 409);
    spec
      .given(history)
      .when({ type: 'RecordMilestoneReached', actor: officerML, today, milestoneId: 'm9', reachedOn: '2017-12-02', evidenceLinks: null })
      .thenRefuses('milestone-not-defined', 422);
  });

  it('have a wrongly entered due date corrected, until they are reached', () => {
    const corrected: ProjectEvent = { type: 'MilestoneDueDateCorrected', data: { milestoneId: 'm1', dueDate: '2017-10-31' } };
    spec.given([...history, defined]).when({ type: 'CorrectMilestoneDueDate', actor: officerML, today, milestoneId: 'm1', dueDate: '2017-10-31' }).then([corrected]);
    spec.given(history).when({ type: 'CorrectMilestoneDueDate', actor: officerML, today, milestoneId: 'm9', dueDate: '2017-10-31' }).thenRefuses('milestone-not-defined', 422);
    spec.given([...history, defined]).when({ type: 'CorrectMilestoneDueDate', actor: officerNE, today, milestoneId: 'm1', dueDate: '2017-10-31' }).thenRefuses('project-not-registered', 404);
    const reached: ProjectEvent = { type: 'MilestoneReached', data: { milestoneId: 'm1', reachedOn: '2017-09-20', evidenceLinks: null } };
    spec
      .given([...history, defined, reached])
      .when({ type: 'CorrectMilestoneDueDate', actor: officerML, today, milestoneId: 'm1', dueDate: '2017-10-31' })
      .thenRefuses('milestone-already-reached', 409);
  });
});

describe('indicators', () => {
  const define = (eutfIndicator: DataOf<typeof IndicatorDefined>['eutfIndicator']) => ({
    type: 'DefineIndicator' as const,
    actor: officerML,
    today,
    ...IndicatorDefined.example,
    eutfIndicator,
  });
  const defined = (eutfIndicator: DataOf<typeof IndicatorDefined>['eutfIndicator']): ProjectEvent => ({
    type: 'IndicatorDefined',
    data: { ...IndicatorDefined.example, eutfIndicator },
  });

  it('map to an EUTF common output indicator of the named catalogue version, or to none', () => {
    spec.given([registered]).when(define({ code: '3.5', catalogueVersion: '2019' })).then([defined({ code: '3.5', catalogueVersion: '2019' })]);
    spec.given([registered]).when(define({ code: '3.5 bis', catalogueVersion: '2021' })).then([defined({ code: '3.5 bis', catalogueVersion: '2021' })]);
    spec.given([registered]).when(define(null)).then([defined(null)]);
  });

  it('record the code as the catalogue writes it', () => {
    spec.given([registered]).when(define({ code: '3.5BIS', catalogueVersion: '2021' })).then([defined({ code: '3.5 bis', catalogueVersion: '2021' })]);
  });

  it('refuse a code its catalogue version does not hold, or a version that does not exist', () => {
    // 3.5 bis came with the 2021 revision: the 2019 catalogue counted reintegration under 3.5.
    expect(spec.given([registered]).when(define({ code: '3.5 bis', catalogueVersion: '2019' })).thenRefuses('eutf-indicator-not-in-catalogue', 422).message).toMatch(
      /2019 EUTF indicator catalogue has no common output indicator "3.5 bis"/,
    );
    spec.given([registered]).when(define({ code: '9.9', catalogueVersion: '2021' })).thenRefuses('eutf-indicator-not-in-catalogue', 422);
    expect(spec.given([registered]).when(define({ code: '3.4', catalogueVersion: '2020' })).thenRefuses('eutf-indicator-not-in-catalogue', 422).message).toMatch(
      /no EUTF indicator catalogue version "2020"/,
    );
  });
});

describe('results: draft, pending approval, returned for revision, approved', () => {
  it('are submitted by an implementing partner of the project', () => {
    spec.given(history).when({ type: 'SubmitResult', actor: iom, today, ...result }).then([submitted]);
    spec.given(history).when({ type: 'DraftResult', actor: iom, today, ...result }).then([{ type: 'ResultDrafted', data: result }]);
  });

  it('are refused from a partner that does not implement the project', () => {
    spec.given(history).when({ type: 'SubmitResult', actor: giz, today, ...result }).thenRefuses('project-not-registered', 404);
    spec.given(history).when({ type: 'SubmitResult', actor: officerML, today, ...result }).thenRefuses('partner-only', 403);
  });

  it('are refused for an undefined indicator, a locked period, or a disaggregation that does not add up', () => {
    spec.given(history).when({ type: 'SubmitResult', actor: iom, today, ...result, indicatorId: 'jobs' }).thenRefuses('indicator-not-defined');
    const locked: ProjectEvent = { type: 'ReportingPeriodLocked', data: { period: { from: '2017-01-01', to: '2017-06-30' } } };
    spec.given([...history, locked]).when({ type: 'SubmitResult', actor: iom, today, ...result }).thenRefuses('result-period-locked', 409);
    spec.given(history).when({ type: 'SubmitResult', actor: iom, today, ...result, value: 999 }).thenRefuses('disaggregation-does-not-add-up');
  });

  describe('broken down by the dimensions their indicator declares', () => {
    const everyDimension: ProjectEvent = {
      type: 'IndicatorDefined',
      data: { ...IndicatorDefined.example, disaggregation: ['sex', 'age-band', 'vulnerability', 'region'] },
    };
    const given = [registered, started, everyDimension];
    const bySex: DisaggregatedCount[] = [
      { dimension: 'sex', category: 'female', value: 150 },
      { dimension: 'sex', category: 'male', value: 850 },
    ];
    const byAgeBand: DisaggregatedCount[] = [
      { dimension: 'age-band', category: '0-17', value: 300 },
      { dimension: 'age-band', category: '18-34', value: 700 },
    ];
    const byVulnerability: DisaggregatedCount[] = [
      { dimension: 'vulnerability', category: 'unaccompanied minor', value: 40 },
      { dimension: 'vulnerability', category: 'none declared', value: 960 },
    ];
    const byRegion: DisaggregatedCount[] = [
      { dimension: 'region', category: 'Kayes', value: 600 },
      { dimension: 'region', category: 'Bamako', value: 400 },
    ];

    it('accepts every declared dimension at once, each adding up to the value on its own', () => {
      const submission = { ...result, disaggregation: [...bySex, ...byAgeBand, ...byVulnerability, ...byRegion] };
      spec.given(given).when({ type: 'SubmitResult', actor: iom, today, ...submission }).then([{ type: 'ResultSubmitted', data: submission }]);
    });

    it('refuses, in a draft as in a submission, a dimension the indicator does not declare', () => {
      for (const type of ['DraftResult', 'SubmitResult'] as const) {
        expect(
          spec
            .given(history)
            .when({ type, actor: iom, today, ...result, disaggregation: [...bySex, ...byRegion] })
            .thenRefuses('disaggregation-dimension-not-declared', 422).message,
        ).toMatch(/not by region/);
      }
    });

    it('refuses a dimension that does not add up, naming it, even when another one does', () => {
      const shortRegion = [byRegion[0]!, { ...byRegion[1]!, value: 399 }];
      expect(
        spec
          .given(given)
          .when({ type: 'SubmitResult', actor: iom, today, ...result, disaggregation: [...bySex, ...shortRegion] })
          .thenRefuses('disaggregation-does-not-add-up', 422).message,
      ).toMatch(/region adds up to 999, not 1000/);
      // Before, every part went into one sum: two dimensions that each add up were refused as 2,000.
      spec.given(given).when({ type: 'SubmitResult', actor: iom, today, ...result, disaggregation: [...bySex, ...byAgeBand] }).then([
        { type: 'ResultSubmitted', data: { ...result, disaggregation: [...bySex, ...byAgeBand] } },
      ]);
    });

    it('lets a draft be incomplete, but not name a category twice', () => {
      const incomplete = { ...result, disaggregation: [byRegion[0]!] };
      spec.given(given).when({ type: 'DraftResult', actor: iom, today, ...incomplete }).then([{ type: 'ResultDrafted', data: incomplete }]);
      expect(
        spec
          .given(given)
          .when({ type: 'DraftResult', actor: iom, today, ...result, disaggregation: [byRegion[0]!, byRegion[0]!] })
          .thenRefuses('disaggregation-category-repeated', 422).message,
      ).toMatch(/Kayes/);
    });
  });

  describe('a lock on 1 January – 30 June 2017', () => {
    const locked: ProjectEvent = { type: 'ReportingPeriodLocked', data: { period: { from: '2017-01-01', to: '2017-06-30' } } };
    const forPeriod = (from: string | null, to: string) => ({ ...result, period: { from, to }, disaggregation: [] });

    it.each([
      ['the locked period itself', '2017-01-01', '2017-06-30'],
      ['a period inside it (1 Jan – 29 Jun)', '2017-01-01', '2017-06-29'],
      ['a period around it', '2016-01-01', '2017-12-31'],
      ['a period ending on its first day (touching at one day)', '2016-07-01', '2017-01-01'],
      ['a period starting on its last day (touching at one day)', '2017-06-30', '2017-12-31'],
      ['a running total "since the start" ending after it', null, '2020-10-31'],
      ['a running total "since the start" ending on its first day', null, '2017-01-01'],
    ])('refuses a draft or submission for %s', (_case, from, to) => {
      for (const type of ['DraftResult', 'SubmitResult'] as const) {
        spec.given([...history, locked]).when({ type, actor: iom, today, ...forPeriod(from, to) }).thenRefuses('result-period-locked', 409);
      }
    });

    it.each([
      ['a period ending the day before it starts', '2016-07-01', '2016-12-31'],
      ['a period starting the day after it ends', '2017-07-01', '2017-12-31'],
      ['a running total "since the start" ending the day before it starts', null, '2016-12-31'],
    ])('accepts %s', (_case, from, to) => {
      const submission = forPeriod(from, to);
      spec.given([...history, locked]).when({ type: 'SubmitResult', actor: iom, today, ...submission }).then([{ type: 'ResultSubmitted', data: submission }]);
    });
  });

  it('are approved once, by an officer of the project\'s country', () => {
    const approved: ProjectEvent = { type: 'ResultApproved', data: { resultId: result.resultId } };
    spec.given([...history, submitted]).when({ type: 'ApproveResult', actor: officerML, today, resultId: result.resultId }).then([approved]);
    spec
      .given([...history, submitted, approved])
      .when({ type: 'ApproveResult', actor: officerML, today, resultId: result.resultId })
      .thenRefuses('result-not-pending', 409);
    spec.given([...history, submitted]).when({ type: 'ApproveResult', actor: officerNE, today, resultId: result.resultId }).thenRefuses('project-not-registered', 404);
    spec.given([...history, submitted]).when({ type: 'ApproveResult', actor: iom, today, resultId: result.resultId }).thenRefuses('officer-only', 403);
  });

  it('are returned for revision with a reason, then revised and resubmitted', () => {
    const returned: ProjectEvent = { type: 'ResultReturnedForRevision', data: { resultId: result.resultId, reason: text(5) } };
    spec
      .given([...history, submitted])
      .when({ type: 'ReturnResultForRevision', actor: officerML, today, resultId: result.resultId, reason: text(5) })
      .then([returned]);
    const revised = { ...result, value: 1_000, narrative: text(6) };
    spec.given([...history, submitted, returned]).when({ type: 'SubmitResult', actor: iom, today, ...revised }).then([{ type: 'ResultSubmitted', data: revised }]);
    spec.given([...history, submitted]).when({ type: 'SubmitResult', actor: iom, today, ...result }).thenRefuses('result-pending-approval', 409);
  });

  it('allow one result per indicator and period', () => {
    spec
      .given([...history, submitted])
      .when({ type: 'SubmitResult', actor: iom, today, ...result, resultId: 'another' })
      .thenRefuses('result-exists-for-period', 409);
  });

  it('are never approved by the person who reported them, whatever roles their token holds (four eyes)', () => {
    const both: CommandActor = { subject: 'iom-reporter-1', role: 'delegation-officer', country: 'ML' };
    spec.given([...history, submitted]).when({ type: 'ApproveResult', actor: both, today, resultId: result.resultId }).thenRefuses('approver-reported-it', 403);
    spec
      .given([...history, submitted])
      .when({ type: 'ApproveResult', actor: { ...officerML, subject: 'officer-ml-1' }, today, resultId: result.resultId })
      .then([{ type: 'ResultApproved', data: { resultId: result.resultId } }]);
  });

  describe('in a project with several implementing partners', () => {
    const shared: ProjectEvent = { type: 'ProjectRegistered', data: { ...registration, implementingPartners: ['IOM', 'GIZ'] } };
    const returned: ProjectEvent = { type: 'ResultReturnedForRevision', data: { resultId: result.resultId, reason: text(7) } };

    it("record who reports each result, and keep each partner's results its own", () => {
      spec.given([shared, started, indicator]).when({ type: 'SubmitResult', actor: iom, today, ...result }).then([submitted]);
      spec.given([shared, started, indicator, submitted, returned]).when({ type: 'SubmitResult', actor: giz, today, ...result }).thenRefuses('result-of-another-partner', 403);
      spec.given([shared, started, indicator, submitted, returned]).when({ type: 'DraftResult', actor: giz, today, ...result }).thenRefuses('result-of-another-partner', 403);
    });

    it('let each partner report its own part of an indicator for the same period', () => {
      spec
        .given([shared, started, indicator, submitted])
        .when({ type: 'SubmitResult', actor: giz, today, ...result, resultId: 'giz-2017-h1' })
        .then([{ type: 'ResultSubmitted', data: { ...result, resultId: 'giz-2017-h1', reportingOrg: 'GIZ', reportingSubject: 'giz-reporter-1' } }]);
    });

    it('read results recorded before the reporting partner was kept as anyone\'s to revise, and as taking the period', () => {
      const legacy: ProjectEvent = { type: 'ResultSubmitted', data: { ...result, reportingOrg: null, reportingSubject: null } };
      spec.given([shared, started, indicator, legacy]).when({ type: 'SubmitResult', actor: giz, today, ...result, resultId: 'giz-2017-h1' }).thenRefuses('result-exists-for-period', 409);
    });
  });
});

describe('actions known only from documents', () => {
  const fromDocuments: DataOf<typeof ProjectRegistered> = {
    ...registration,
    projectId: 'ml-eu-iom-joint-initiative',
    reference: null,
    window: null,
    euContributionCents: null,
    adoptedOn: null,
    startDate: '2017-05',
    endDate: null,
  };
  const known: ProjectEvent = { type: 'ProjectRegistered', data: fromDocuments };
  const running: ProjectEvent = { type: 'IndicatorDefined', data: { ...IndicatorDefined.example, baseline: null, target: null } };

  it('are registered without a reference, amount or window, with dates as precise as known', () => {
    spec.given([]).when({ type: 'RegisterProject', actor: officerML, today, ...fromDocuments }).then([known]);
    spec.given([]).when({ type: 'RegisterProject', actor: officerML, today, ...fromDocuments, endDate: '2017-04-30' }).thenRefuses('project-dates-inverted');
  });

  it('get their EUTF reference once', () => {
    const assigned: ProjectEvent = { type: 'ProjectReferenceAssigned', data: { reference: 'T05-EUTF-SAH-ML-04' } };
    spec.given([known]).when({ type: 'AssignEutfReference', actor: officerML, today, reference: 'T05-EUTF-SAH-ML-04' }).then([assigned]);
    spec.given([known, assigned]).when({ type: 'AssignEutfReference', actor: officerML, today, reference: 'T05-EUTF-SAH-ML-05' }).thenRefuses('reference-already-assigned', 409);
    spec.given([registered]).when({ type: 'AssignEutfReference', actor: officerML, today, reference: 'T05-EUTF-SAH-ML-05' }).thenRefuses('reference-already-assigned', 409);
    spec.given([known]).when({ type: 'AssignEutfReference', actor: iom, today, reference: 'T05-EUTF-SAH-ML-04' }).thenRefuses('officer-only', 403);
  });

  it('take a running total "since the start" only for a cumulative indicator, qualified if the source says "more than"', () => {
    const sinceStart = { ...result, period: { from: null, to: '2020-10-31' }, value: 17_181, valueQualifier: 'more-than' as const, disaggregation: [] };
    spec.given([known, running]).when({ type: 'SubmitResult', actor: iom, today, ...sinceStart }).then([{ type: 'ResultSubmitted', data: sinceStart }]);
    const perPeriod: ProjectEvent = { type: 'IndicatorDefined', data: { ...IndicatorDefined.example, measurement: 'per-period' } };
    spec.given([known, perPeriod]).when({ type: 'SubmitResult', actor: iom, today, ...sinceStart }).thenRefuses('open-period-needs-cumulative-indicator');
  });

  it('compare vague dates only as far as both are known', () => {
    expect(endsBeforeItStarts('2017-05', '2017-05-01')).toBe(false);
    expect(endsBeforeItStarts('2017-05-20', '2017-05')).toBe(false);
    expect(endsBeforeItStarts('2017', '2016-12-31')).toBe(true);
    expect(endsBeforeItStarts('2017-05-20', '2017-05-19')).toBe(true);
    expect(endsBeforeItStarts(null, '2016')).toBe(false);
  });
});

describe('the project event catalog', () => {
  it('registers every event type once, each with an example that passes its schema', () => {
    const catalog = new EventCatalog([...PROJECT_EVENTS]);
    expect(catalog.all()).toHaveLength(PROJECT_EVENTS.length);
    for (const definition of catalog.all()) expect(definition.schema.safeParse(definition.example).success).toBe(true);
  });

  it('reads a registration from before the lead was named as led by its first listed country', () => {
    const catalog = new EventCatalog([...PROJECT_EVENTS]);
    const { leadCountry: _lead, ...v2Registration } = { ...registration, countries: ['NE', 'ML', 'BF'] };
    expect(catalog.read('ProjectRegistered', 2, v2Registration)).toEqual({ ...v2Registration, leadCountry: 'NE' });
  });

  it('reads version 1 registrations, indicators and results as their current version', () => {
    const catalog = new EventCatalog([...PROJECT_EVENTS]);
    const { leadCountry: _lead, ...v2Registration } = registration;
    const { adoptedOn: _adoptedOn, ...v1Registration } = v2Registration;
    expect(catalog.read('ProjectRegistered', 1, v1Registration)).toEqual({ ...v1Registration, adoptedOn: null, leadCountry: 'ML' });
    const { valueQualifier: _qualifier, reportingOrg: _org, reportingSubject: _subject, ...v3Fields } = result;
    const v1Result = { ...v3Fields, narrative: 'Returns', evidenceLinks: [], disaggregation: [{ sex: 'female', value: 150 }, { sex: 'male', value: 850 }] };
    // Who reported a result was not kept before version 4: unknown, never guessed.
    expect(catalog.read('ResultSubmitted', 1, v1Result)).toEqual({
      ...result,
      narrative: { legacyText: 'Returns' },
      evidenceLinks: null,
      valueQualifier: null,
      reportingOrg: null,
      reportingSubject: null,
    });
    expect(() => catalog.read('ResultSubmitted', 1, { ...v1Result, period: { from: null, to: '2017-06-30' } })).toThrow(/period.from/);
    expect(catalog.read('IndicatorDefined', 1, IndicatorDefined.example)).toEqual(IndicatorDefined.example);
  });

  it('reads version 2 breakdowns by sex and age band as counts per dimension, each keeping its total', () => {
    const catalog = new EventCatalog([...PROJECT_EVENTS]);
    const crossTable = [
      { sex: 'female', ageBand: '0-17', value: 50 },
      { sex: 'female', ageBand: '18-34', value: 100 },
      { sex: 'male', ageBand: '18-34', value: 850 },
      // A part that names no dimension says nothing about any: it has no counterpart.
      { value: 1_000 },
    ];
    const { reportingOrg: _org, reportingSubject: _subject, ...v5Result } = result;
    const v2Result = { ...v5Result, narrative: 'Returns from Niger', evidenceLinks: [] };
    expect(catalog.read('ResultDrafted', 2, { ...v2Result, disaggregation: crossTable })).toEqual({
      ...result,
      narrative: { legacyText: 'Returns from Niger' },
      evidenceLinks: null,
      reportingOrg: null,
      reportingSubject: null,
      disaggregation: [
        { dimension: 'sex', category: 'female', value: 150 },
        { dimension: 'age-band', category: '0-17', value: 50 },
        { dimension: 'age-band', category: '18-34', value: 950 },
        { dimension: 'sex', category: 'male', value: 850 },
      ],
    });
  });

  it('takes only whole counts of at least zero in a breakdown, from version 3 on', () => {
    const counts = (value: number) => ResultSubmitted.schema.safeParse({ ...result, disaggregation: [{ dimension: 'region', category: 'Kayes', value }] }).success;
    expect([counts(3), counts(0), counts(2.5), counts(-1)]).toEqual([true, true, false, false]);
    expect(ResultSubmitted.schema.safeParse({ ...result, disaggregation: [{ dimension: 'sex', category: 'other', value: 1 }] }).success).toBe(false);
  });

  it('reads the free text older versions held inline as legacy text (it stays on the log: nothing can erase it), and writes only references', () => {
    const catalog = new EventCatalog([...PROJECT_EVENTS]);
    const { narrative: _n, evidenceLinks: _l, ...rest } = result;
    const v4 = { ...rest, narrative: 'Met Aminata in Kayes', evidenceLinks: ['https://example.org/a.pdf', 'https://example.org/b.jpg'] };
    expect(catalog.read('ResultSubmitted', 4, v4)).toMatchObject({
      narrative: { legacyText: 'Met Aminata in Kayes' },
      evidenceLinks: { legacyText: 'https://example.org/a.pdf\nhttps://example.org/b.jpg' },
    });
    expect(catalog.read('ResultSubmitted', 4, { ...v4, narrative: '', evidenceLinks: [] })).toMatchObject({ narrative: null, evidenceLinks: null });
    expect(catalog.read('ProjectSuspended', 1, { suspendedOn: today, reason: 'Security' })).toEqual({ suspendedOn: today, reason: { legacyText: 'Security' } });
    expect(catalog.read('MilestoneDelayed', 1, { milestoneId: 'm1', newDueDate: today, reason: 'Late' })).toMatchObject({ reason: { legacyText: 'Late' } });
    expect(catalog.read('ResultReturnedForRevision', 1, { resultId: 'r', reason: 'Add ages' })).toEqual({ resultId: 'r', reason: { legacyText: 'Add ages' } });
    expect(catalog.read('MilestoneReached', 1, { milestoneId: 'm1', reachedOn: today, evidenceLinks: [] })).toMatchObject({ evidenceLinks: null });
    // The current versions refuse the text itself, inline or as legacy text: producers write references only.
    expect(() => catalog.validateForWrite('ResultSubmitted', { ...result, narrative: 'Met Aminata' })).toThrow(/narrative/);
    expect(() => catalog.validateForWrite('ResultSubmitted', { ...result, narrative: { legacyText: 'Met Aminata' } })).toThrow(/never holds the text/);
    expect(() => catalog.validateForWrite('ProjectSuspended', { suspendedOn: today, reason: { textId: 'not-a-uuid' } })).toThrow(/reason/);
  });
});

describe('free text', () => {
  const admin: CommandActor = { subject: 'admin-1', role: 'admin' };
  const returned: ProjectEvent = { type: 'ResultReturnedForRevision', data: { resultId: result.resultId, reason: text(9) } };
  const erasure = { type: 'EraseFreeText' as const, today, textId: text(9).textId, reasonCode: 'personal-data' as const };
  const erased: ProjectEvent = { type: 'FreeTextErased', data: { textId: text(9).textId, field: 'reason', reasonCode: 'personal-data' } };

  it('is erased by an admin, once, naming the field and the reason code, never the text', () => {
    spec.given([...history, submitted, returned]).when({ ...erasure, actor: admin }).then([erased]);
    spec.given([...history, submitted, returned]).when({ ...erasure, actor: admin, textId: text(1).textId }).then([
      { type: 'FreeTextErased', data: { textId: text(1).textId, field: 'narrative', reasonCode: 'personal-data' } },
    ]);
    spec.given([...history, submitted, returned, erased]).when({ ...erasure, actor: admin }).thenRefuses('free-text-already-erased', 409);
  });

  it('is erased by nobody but an admin, and only a text of this project', () => {
    spec.given([...history, submitted, returned]).when({ ...erasure, actor: officerML }).thenRefuses('admin-only', 403);
    spec.given([...history, submitted, returned]).when({ ...erasure, actor: iom }).thenRefuses('admin-only', 403);
    spec.given([...history, submitted, returned]).when({ ...erasure, actor: officerNE }).thenRefuses('project-not-registered', 404);
    spec.given([...history, submitted, returned]).when({ ...erasure, actor: { subject: 'hq-1', role: 'hq-analyst' } }).thenRefuses('project-not-registered', 404);
    spec.given([...history, submitted]).when({ ...erasure, actor: admin }).thenRefuses('free-text-not-found', 422);
    // An older event's inline text has no id in the store: it cannot be erased through the project.
    const inline: ProjectEvent = { type: 'ResultReturnedForRevision', data: { resultId: result.resultId, reason: { legacyText: 'Add ages' } } };
    spec.given([...history, submitted, inline]).when({ ...erasure, actor: admin }).thenRefuses('free-text-not-found', 422);
  });

  it('is erased on a closed project too', () => {
    const closed: ProjectEvent = { type: 'ProjectClosed', data: { closedOn: today } };
    spec.given([...history, submitted, returned, closed]).when({ ...erasure, actor: admin }).then([erased]);
  });
});
