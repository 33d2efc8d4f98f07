import { event, type DataOf, type Decider, type DomainRuleViolation } from '@eutf/event-sourcing';
import {
  PeriodReintegrationReported,
  ReintegrationAbandoned,
  ReintegrationAssistanceDelivered,
  ReintegrationCaseRegistered,
  ReintegrationCompleted,
  ReintegrationPlanApproved,
  type ReintegrationCaseloadEvent,
  type ReintegrationStage,
} from '@eutf/event-catalog';
import { describeSpan, monthOf, monthSpanOf, periodInverted, spansOverlap, type MonthSpan } from './month-span';
import { refusedItem } from './batch-item';
import { implementingPartner, notAfterToday, openProject } from './partner-scope';
import type { ReintegrationCaseloadCommand } from './returns.commands';
import { refuse } from './returns.rules';
import { sameRecord } from './same-record';

type CaseFacts = DataOf<typeof ReintegrationCaseRegistered>;
type Assistance = DataOf<typeof ReintegrationAssistanceDelivered>;
type PeriodReport = DataOf<typeof PeriodReintegrationReported>;

/** A case's life: registered → plan approved → (assistance delivered) → completed, or abandoned at any point. */
export type ReintegrationCaseState =
  | { status: 'registered'; facts: CaseFacts }
  | { status: 'plan-approved'; facts: CaseFacts; assistance: ReadonlyMap<string, Assistance> }
  | { status: 'completed'; facts: CaseFacts; completedOn: string }
  | { status: 'abandoned'; facts: CaseFacts; abandonedOn: string };

/** A partner's reintegration cases under one project, and its period reintegration reports. */
export interface ReintegrationCaseloadState {
  cases: ReadonlyMap<string, ReintegrationCaseState>;
  reports: ReadonlyMap<string, PeriodReport>;
}

const withCase = (state: ReintegrationCaseloadState, caseKey: string, next: ReintegrationCaseState): ReintegrationCaseloadState => ({
  ...state,
  cases: new Map(state.cases).set(caseKey, next),
});

function evolve(state: ReintegrationCaseloadState, domainEvent: ReintegrationCaseloadEvent): ReintegrationCaseloadState {
  if (domainEvent.type === 'ReintegrationCaseRegistered') return withCase(state, domainEvent.data.caseKey, { status: 'registered', facts: domainEvent.data });
  if (domainEvent.type === 'PeriodReintegrationReported') return { ...state, reports: new Map(state.reports).set(domainEvent.data.reportId, domainEvent.data) };
  const current = state.cases.get(domainEvent.data.caseKey);
  if (!current) return state;
  switch (domainEvent.type) {
    case 'ReintegrationPlanApproved':
      return withCase(state, domainEvent.data.caseKey, { status: 'plan-approved', facts: current.facts, assistance: new Map() });
    case 'ReintegrationAssistanceDelivered': {
      if (current.status !== 'plan-approved') return state;
      const assistance = new Map(current.assistance).set(domainEvent.data.assistanceId, domainEvent.data);
      return withCase(state, domainEvent.data.caseKey, { ...current, assistance });
    }
    case 'ReintegrationCompleted':
      return withCase(state, domainEvent.data.caseKey, { status: 'completed', facts: current.facts, completedOn: domainEvent.data.completedOn });
    case 'ReintegrationAbandoned':
      return withCase(state, domainEvent.data.caseKey, { status: 'abandoned', facts: current.facts, abandonedOn: domainEvent.data.abandonedOn });
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

/** The month in which a case reached a stage, if it did. */
function stageMonth(current: ReintegrationCaseState, stage: ReintegrationStage): MonthSpan | undefined {
  switch (stage) {
    case 'started':
      return monthOf(current.facts.registeredOn);
    case 'completed':
      return current.status === 'completed' ? monthOf(current.completedOn) : undefined;
    case 'abandoned':
      return current.status === 'abandoned' ? monthOf(current.abandonedOn) : undefined;
    default: {
      const unexpected: never = stage;
      return unexpected;
    }
  }
}

/**
 * No figure counted twice: for one partner and project, the returnees who reached a stage
 * (started, completed, abandoned) in a month in a country are counted either by the cases or by
 * one period report, never both, never by two reports.
 */
function countedByReport(stage: ReintegrationStage, country: string, span: MonthSpan, state: ReintegrationCaseloadState): DomainRuleViolation | undefined {
  for (const report of state.reports.values()) {
    if (report.stage === stage && report.countryOfReturn === country && spansOverlap(span, monthSpanOf(report.period))) {
      return refuse('reintegration-counted-twice', `Period report ${report.reportId} already counts reintegration ${stage} in ${country} from ${describeSpan(monthSpanOf(report.period))}`);
    }
  }
  return undefined;
}

function countedByCases(report: PeriodReport, state: ReintegrationCaseloadState): DomainRuleViolation | undefined {
  const span = monthSpanOf(report.period);
  for (const current of state.cases.values()) {
    const month = stageMonth(current, report.stage);
    if (month && current.facts.countryOfReturn === report.countryOfReturn && spansOverlap(span, month)) {
      return refuse('reintegration-counted-twice', `Cases already count reintegration ${report.stage} in ${report.countryOfReturn} in ${describeSpan(month)}`);
    }
  }
  return undefined;
}

function registerCases(command: Extract<ReintegrationCaseloadCommand, { type: 'RegisterReintegrationCases' }>, partner: string, state: ReintegrationCaseloadState) {
  const keys = command.cases.map((newCase) => newCase.caseKey);
  const repeated = keys.findIndex((key, index) => keys.indexOf(key) !== index);
  if (repeated >= 0) return refusedItem(refuse('case-repeated-in-batch', `Case ${repeated + 1} of the registration repeats case ${keys.indexOf(keys[repeated] as string) + 1}`), repeated);
  const events = [];
  // The whole registration is accepted or none of it: the first broken rule refuses every case, naming it.
  for (const [index, newCase] of command.cases.entries()) {
    const facts: CaseFacts = { ...newCase, projectId: command.projectId, partner };
    const existing = state.cases.get(newCase.caseKey);
    if (existing) {
      if (sameRecord(existing.facts, facts)) continue;
      return refusedItem(refuse('case-already-registered', `Case ${index + 1} of the registration is already registered with other facts`), index);
    }
    if (facts.regionOfReturn !== null && !facts.regionOfReturn.startsWith(`${facts.countryOfReturn}-`)) {
      return refusedItem(refuse('region-not-in-country', `Case ${index + 1}: ${facts.regionOfReturn} is not a region of ${facts.countryOfReturn}`), index);
    }
    const refused = notAfterToday(facts.registeredOn, command.today, 'registration') ?? countedByReport('started', facts.countryOfReturn, monthOf(facts.registeredOn), state);
    if (refused) return refusedItem(refused, index);
    events.push(event(ReintegrationCaseRegistered, facts));
  }
  return events;
}

type CaseCommand = Extract<ReintegrationCaseloadCommand, { type: 'ApproveReintegrationPlan' | 'RecordReintegrationAssistance' | 'CompleteReintegration' | 'AbandonReintegration' }>;

function decideOnCase(command: CaseCommand, state: ReintegrationCaseloadState) {
  const current = state.cases.get(command.caseKey);
  if (!current) return refuse('case-not-registered', 'No such reintegration case under this project');
  if (current.status === 'completed' || current.status === 'abandoned') return refuse('case-closed', `The case is ${current.status}`);
  switch (command.type) {
    case 'ApproveReintegrationPlan':
      if (current.status !== 'registered') return refuse('plan-already-approved', 'The plan is already approved');
      return notAfterToday(command.approvedOn, command.today, 'approval') ?? [
        event(ReintegrationPlanApproved, { caseKey: command.caseKey, areas: command.areas, level: command.level, approvedOn: command.approvedOn }),
      ];
    case 'RecordReintegrationAssistance': {
      if (current.status !== 'plan-approved') return refuse('plan-not-approved', 'Assistance is delivered under an approved plan');
      const { actor: _actor, today, project: _project, projectId: _projectId, type: _type, ...assistance } = command;
      const existing = current.assistance.get(assistance.assistanceId);
      if (existing) return sameRecord(existing, assistance) ? [] : refuse('assistance-id-reused', `Assistance ${assistance.assistanceId} is another delivery`);
      return notAfterToday(assistance.deliveredOn, today, 'delivery') ?? [event(ReintegrationAssistanceDelivered, assistance)];
    }
    case 'CompleteReintegration':
      if (current.status !== 'plan-approved') return refuse('plan-not-approved', 'A case is completed under an approved plan');
      if (current.assistance.size === 0) return refuse('completion-needs-assistance', 'No assistance was delivered to this case');
      return (
        notAfterToday(command.completedOn, command.today, 'completion') ??
        countedByReport('completed', current.facts.countryOfReturn, monthOf(command.completedOn), state) ?? [
          event(ReintegrationCompleted, { caseKey: command.caseKey, completedOn: command.completedOn }),
        ]
      );
    case 'AbandonReintegration':
      return (
        notAfterToday(command.abandonedOn, command.today, 'abandonment') ??
        countedByReport('abandoned', current.facts.countryOfReturn, monthOf(command.abandonedOn), state) ?? [
          event(ReintegrationAbandoned, { caseKey: command.caseKey, abandonedOn: command.abandonedOn }),
        ]
      );
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

function decide(command: ReintegrationCaseloadCommand, state: ReintegrationCaseloadState) {
  const partner = implementingPartner(command.actor, command.project, command.projectId);
  if (typeof partner !== 'string') return partner;
  const project = command.project as NonNullable<typeof command.project>;
  switch (command.type) {
    case 'RegisterReintegrationCases':
      return openProject(project, command.projectId) ?? registerCases(command, partner, state);
    case 'ApproveReintegrationPlan':
    case 'RecordReintegrationAssistance':
    case 'CompleteReintegration':
    case 'AbandonReintegration':
      return decideOnCase(command, state);
    case 'ReportPeriodReintegration': {
      const { actor: _actor, today, project: _project, type: _type, ...data } = command;
      const report: PeriodReport = { ...data, partner };
      const existing = state.reports.get(report.reportId);
      if (existing) return sameRecord(existing, report) ? [] : refuse('report-id-reused', `Report ${report.reportId} is another report`);
      if (periodInverted(report.period)) return refuse('period-inverted', `The period ends (${report.period.to}) before it starts (${report.period.from})`);
      return (
        openProject(project, command.projectId) ??
        notAfterToday(report.period.to, today, 'end of the period') ??
        countedByReport(report.stage, report.countryOfReturn, monthSpanOf(report.period), state) ??
        countedByCases(report, state) ?? [event(PeriodReintegrationReported, report)]
      );
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export const reintegrationCaseloadDecider: Decider<ReintegrationCaseloadCommand, ReintegrationCaseloadEvent, ReintegrationCaseloadState> = {
  initialState: () => ({ cases: new Map(), reports: new Map() }),
  evolve,
  decide,
};
