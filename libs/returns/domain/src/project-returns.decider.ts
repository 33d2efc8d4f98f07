import { DomainRuleViolation, event, type DataOf, type Decider } from '@eutf/event-sourcing';
import {
  PeriodReturnsReported,
  ReturnArrivalConfirmed,
  ReturnOperationCancelled,
  ReturnOperationRegistered,
  type CountCell,
  type ProjectReturnsEvent,
} from '@eutf/event-catalog';
import { refusedItem } from './batch-item';
import { describeSpan, monthOf, monthSpanOf, periodInverted, sameOrAny, spansOverlap, type MonthSpan } from './month-span';
import { implementingPartner, notAfterToday, openProject } from './partner-scope';
import type { ProjectReturnsCommand } from './returns.commands';
import { refuse } from './returns.rules';
import { sameRecord } from './same-record';

type Operation = DataOf<typeof ReturnOperationRegistered>;
type PeriodReport = DataOf<typeof PeriodReturnsReported>;

/** One operation as its life stands: registered, then arrived or cancelled. */
export type OperationState =
  | { status: 'registered'; operation: Operation }
  | { status: 'arrived'; operation: Operation; arrived: number }
  | { status: 'cancelled'; operation: Operation };

/** A partner's returns under one project: its operations and its period reports. */
export interface ProjectReturnsState {
  operations: ReadonlyMap<string, OperationState>;
  reports: ReadonlyMap<string, PeriodReport>;
}

export const departedCount = (cells: readonly CountCell[]) => cells.reduce((total, cell) => total + cell.count, 0);


function evolve(state: ProjectReturnsState, domainEvent: ProjectReturnsEvent): ProjectReturnsState {
  switch (domainEvent.type) {
    case 'ReturnOperationRegistered':
      return { ...state, operations: new Map(state.operations).set(domainEvent.data.operationId, { status: 'registered', operation: domainEvent.data }) };
    case 'ReturnArrivalConfirmed': {
      const current = state.operations.get(domainEvent.data.operationId);
      if (!current) return state;
      return { ...state, operations: new Map(state.operations).set(domainEvent.data.operationId, { status: 'arrived', operation: current.operation, arrived: domainEvent.data.arrived }) };
    }
    case 'ReturnOperationCancelled': {
      const current = state.operations.get(domainEvent.data.operationId);
      if (!current) return state;
      return { ...state, operations: new Map(state.operations).set(domainEvent.data.operationId, { status: 'cancelled', operation: current.operation }) };
    }
    case 'PeriodReturnsReported':
      return { ...state, reports: new Map(state.reports).set(domainEvent.data.reportId, domainEvent.data) };
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

/** The cells of a breakdown, each sex and age band once. */
function repeatedCell(cells: readonly CountCell[]): DomainRuleViolation | undefined {
  const seen = new Set<string>();
  for (const cell of cells) {
    const key = `${cell.sex}/${cell.ageBand}`;
    if (seen.has(key)) return refuse('cell-repeated', `${cell.sex}, ${cell.ageBand} is given more than once`);
    seen.add(key);
  }
  return undefined;
}

function checkOperation(operation: Operation, today: string): DomainRuleViolation | undefined {
  if (operation.hostCountry === operation.countryOfOrigin) return refuse('host-is-origin', `${operation.hostCountry} is both host country and country of origin`);
  const repeated = repeatedCell(operation.departed);
  if (repeated) return repeated;
  const departed = departedCount(operation.departed);
  if (departed === 0) return refuse('operation-has-nobody', 'Nobody is counted as departed');
  const { unaccompaniedMinors, victimsOfTrafficking, medicalCases } = operation.vulnerabilities;
  const largest = Math.max(unaccompaniedMinors, victimsOfTrafficking, medicalCases);
  if (largest > departed) return refuse('vulnerability-exceeds-departed', `A vulnerability count (${largest}) exceeds the ${departed} who departed`);
  const minors = departedCount(operation.departed.filter((cell) => cell.ageBand === 'under-18'));
  if (unaccompaniedMinors > minors) return refuse('unaccompanied-minors-exceed-minors', `${unaccompaniedMinors} unaccompanied minors, but ${minors} departed minors`);
  return notAfterToday(operation.departedOn, today, 'departure');
}

function checkReport(report: PeriodReport, today: string): DomainRuleViolation | undefined {
  if (periodInverted(report.period)) return refuse('period-inverted', `The period ends (${report.period.to}) before it starts (${report.period.from})`);
  if (report.hostCountry !== null && report.hostCountry === report.countryOfOrigin) {
    return refuse('host-is-origin', `${report.hostCountry} is both host country and country of origin`);
  }
  const repeated = repeatedCell(report.breakdown);
  if (repeated) return repeated;
  if (report.breakdown.length > 0) {
    const sum = departedCount(report.breakdown);
    // "More than 4,000" may be broken down into the part that is known; an exact count adds up.
    if (report.valueQualifier === 'exact' ? sum !== report.count : sum > report.count) {
      return refuse('breakdown-does-not-add-up', `The breakdown adds up to ${sum}, the count is ${report.valueQualifier} ${report.count}`);
    }
  }
  // A period still running (this year, this month) may be reported; one that has not begun may not.
  return notAfterToday(report.period.to, today, 'end of the period');
}

/**
 * No figure counted twice: for one partner and one project, the returns of a month on a route
 * (host country → country of origin; a report that names no host or origin covers them all) are
 * counted either by the operations that departed that month or by one period report, not both,
 * and not by two reports. Cancelled operations count nobody and claim nothing.
 */
function countedAlready(span: MonthSpan, route: { hostCountry: string | null; countryOfOrigin: string | null }, state: ProjectReturnsState, except?: string) {
  const onRoute = (other: { hostCountry: string | null; countryOfOrigin: string | null }) =>
    sameOrAny(route.hostCountry, other.hostCountry) && sameOrAny(route.countryOfOrigin, other.countryOfOrigin);
  for (const report of state.reports.values()) {
    if (report.reportId !== except && onRoute(report) && spansOverlap(span, monthSpanOf(report.period))) {
      return refuse('returns-counted-twice', `Period report ${report.reportId} already counts returns on this route from ${describeSpan(monthSpanOf(report.period))}`);
    }
  }
  return undefined;
}

function operationsCounting(span: MonthSpan, route: { hostCountry: string | null; countryOfOrigin: string | null }, state: ProjectReturnsState) {
  for (const current of state.operations.values()) {
    const { operation } = current;
    if (current.status !== 'cancelled' && sameOrAny(route.hostCountry, operation.hostCountry) && sameOrAny(route.countryOfOrigin, operation.countryOfOrigin) && spansOverlap(span, monthOf(operation.departedOn))) {
      return refuse('returns-counted-twice', `Operation ${operation.operationId} (${operation.departedOn}) already counts returns on this route in ${describeSpan(span)}`);
    }
  }
  return undefined;
}

/**
 * Many period reports at once (a file of monthly returns): each decided as if sent alone, after the
 * ones before it, so that two rows never count the same month twice either; the first refusal
 * refuses them all, naming its item.
 */
function reportMany(command: Extract<ProjectReturnsCommand, { type: 'ReportManyPeriodReturns' }>, state: ProjectReturnsState) {
  const { reports, type: _type, ...base } = command;
  const events: ProjectReturnsEvent[] = [];
  let current = state;
  for (const [index, report] of reports.entries()) {
    const decided = decide({ ...base, type: 'ReportPeriodReturns', ...report, projectId: command.projectId }, current);
    if (decided instanceof DomainRuleViolation) return refusedItem(decided, index);
    for (const domainEvent of decided) current = evolve(current, domainEvent);
    events.push(...decided);
  }
  return events;
}

function decide(command: ProjectReturnsCommand, state: ProjectReturnsState): DomainRuleViolation | ProjectReturnsEvent[] {
  const partner = implementingPartner(command.actor, command.project, command.projectId);
  if (typeof partner !== 'string') return partner;
  const project = command.project as NonNullable<typeof command.project>;
  switch (command.type) {
    case 'RegisterReturnOperation': {
      const { actor: _actor, today, project: _project, type: _type, ...data } = command;
      const operation: Operation = { ...data, partner };
      const existing = state.operations.get(operation.operationId);
      // Registering the same operation again (a retried upload) changes nothing.
      if (existing) return sameRecord(existing.operation, operation) ? [] : refuse('operation-id-reused', `Operation ${operation.operationId} is another operation`);
      const refused =
        openProject(project, command.projectId) ?? checkOperation(operation, today) ?? countedAlready(monthOf(operation.departedOn), operation, state);
      return refused ?? [event(ReturnOperationRegistered, operation)];
    }
    case 'ConfirmReturnArrival':
    case 'CancelReturnOperation': {
      const current = state.operations.get(command.operationId);
      if (!current) return refuse('operation-not-registered', `No operation ${command.operationId}`);
      if (current.status === 'cancelled') return refuse('operation-cancelled', `Operation ${command.operationId} was cancelled`);
      if (current.status === 'arrived') return refuse('operation-already-arrived', `Operation ${command.operationId} has arrived`);
      if (command.type === 'CancelReturnOperation') {
        return notAfterToday(command.cancelledOn, command.today, 'cancellation') ?? [
          event(ReturnOperationCancelled, { operationId: command.operationId, cancelledOn: command.cancelledOn, reason: command.reason }),
        ];
      }
      const departed = departedCount(current.operation.departed);
      if (command.arrived > departed) return refuse('arrived-exceeds-departed', `${command.arrived} arrived, ${departed} departed`);
      if (command.arrivedOn < current.operation.departedOn) return refuse('arrival-before-departure', `Arrived ${command.arrivedOn}, departed ${current.operation.departedOn}`);
      return notAfterToday(command.arrivedOn, command.today, 'arrival') ?? [
        event(ReturnArrivalConfirmed, { operationId: command.operationId, arrivedOn: command.arrivedOn, arrived: command.arrived }),
      ];
    }
    case 'ReportPeriodReturns': {
      const { actor: _actor, today, project: _project, type: _type, ...data } = command;
      const report: PeriodReport = { ...data, partner };
      const existing = state.reports.get(report.reportId);
      if (existing) return sameRecord(existing, report) ? [] : refuse('report-id-reused', `Report ${report.reportId} is another report`);
      const span = monthSpanOf(report.period);
      const refused =
        openProject(project, command.projectId) ?? checkReport(report, today) ?? countedAlready(span, report, state) ?? operationsCounting(span, report, state);
      return refused ?? [event(PeriodReturnsReported, report)];
    }
    case 'ReportManyPeriodReturns':
      return reportMany(command, state);
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export const projectReturnsDecider: Decider<ProjectReturnsCommand, ProjectReturnsEvent, ProjectReturnsState> = {
  initialState: () => ({ operations: new Map(), reports: new Map() }),
  evolve,
  decide,
};
