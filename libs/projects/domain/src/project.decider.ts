import { DomainRuleViolation, event, type DataOf, type Decider } from '@eutf/event-sourcing';
import { EUTF_INDICATOR_CATALOGUE_VERSIONS, findIndicator, isIndicatorCatalogueVersion } from '@eutf/reference-data';
import { isBeforeAsKnown, periodsOverlap } from '@eutf/shared-kernel';
import { refuse } from './project.rules';
import type { CommandActor, ProjectCommand } from './project.commands';
import {
  FreeTextErased,
  freeTextsOf,
  IndicatorDefined,
  MilestoneDefined,
  MilestoneDelayed,
  MilestoneDueDateCorrected,
  MilestoneReached,
  ProjectClosed,
  ProjectImplementationStarted,
  ProjectReferenceAssigned,
  ProjectRegistered,
  ProjectResumed,
  ProjectSuspended,
  ReportingPeriodLocked,
  ResultApproved,
  ResultDrafted,
  ResultReturnedForRevision,
  ResultSubmitted,
  type DisaggregatedCount,
  type DisaggregationDimension,
  type ProjectEvent,
  type ProjectStatus,
  type ResultStatus,
} from '@eutf/event-catalog';

export interface ResultState {
  indicatorId: string;
  period: ResultPeriod;
  status: ResultStatus;
  /** The organisation and the person that report it; null when recorded before they were kept. */
  reportingOrg: string | null;
  reportingSubject: string | null;
}

/** `from` is null for a cumulative value reported "since the project began". */
type ResultPeriod = { from: string | null; to: string };

type EutfIndicatorRef = NonNullable<DataOf<typeof IndicatorDefined>['eutfIndicator']>;

interface ProjectFacts {
  reference: string | null;
  countries: string[];
  /** One of `countries`: its officer manages the project; the others' officers only read it. */
  leadCountry: string;
  implementingPartners: string[];
  milestones: Map<string, { reached: boolean }>;
  indicators: Map<string, DataOf<typeof IndicatorDefined>>;
  results: Map<string, ResultState>;
  /** Locks are whole days, both ends included; a result overlapping any of them is refused. */
  lockedPeriods: Array<{ from: string; to: string }>;
  /** The free texts the project's events refer to, by id: only those are erased through it. */
  freeTexts: Map<string, { field: string; erased: boolean }>;
}

/** A project's state, tagged by its IATI-like status; only a registered project has facts. */
export type ProjectState =
  | { status: 'unregistered' }
  | ({ status: ProjectStatus } & ProjectFacts);

type Registered = Exclude<ProjectState, { status: 'unregistered' }>;

const periodKey = (period: ResultPeriod) => `${period.from ?? 'start'}/${period.to}`;

/**
 * Whether a span ends before it starts, with dates as precise as known: `2017-05` and `2017-05-20`
 * are compared to the month, so a vaguer date never contradicts a precise one inside it.
 */
export function endsBeforeItStarts(start: string | null, end: string | null): boolean {
  return start !== null && end !== null && isBeforeAsKnown(end, start);
}

/**
 * The EUTF common output indicator an indicator maps to, as its catalogue version writes the code
 * ("3.5bis" is "3.5 bis"); refused when that version does not exist or has no such code, since
 * figures under a code the catalogue does not hold could never be added up with anyone's.
 */
function catalogueEntry({ code, catalogueVersion }: EutfIndicatorRef): EutfIndicatorRef | DomainRuleViolation {
  if (!isIndicatorCatalogueVersion(catalogueVersion)) {
    const versions = EUTF_INDICATOR_CATALOGUE_VERSIONS.map((entry) => entry.version).join(', ');
    return refuse('eutf-indicator-not-in-catalogue', `There is no EUTF indicator catalogue version "${catalogueVersion}" (there are ${versions})`);
  }
  const listed = findIndicator(code, catalogueVersion);
  if (!listed) return refuse('eutf-indicator-not-in-catalogue', `The ${catalogueVersion} EUTF indicator catalogue has no common output indicator "${code}"`);
  return { code: listed.code, catalogueVersion };
}

function evolve(state: ProjectState, domainEvent: ProjectEvent): ProjectState {
  if (domainEvent.type === 'ProjectRegistered') {
    return {
      status: 'pipeline',
      reference: domainEvent.data.reference,
      countries: domainEvent.data.countries,
      leadCountry: domainEvent.data.leadCountry,
      implementingPartners: domainEvent.data.implementingPartners,
      milestones: new Map(),
      indicators: new Map(),
      results: new Map(),
      lockedPeriods: [],
      freeTexts: new Map(),
    };
  }
  if (state.status === 'unregistered') return state;
  const referred = freeTextsOf(domainEvent).flatMap(({ field, text }) => ('textId' in text ? [{ field, textId: text.textId }] : []));
  if (referred.length > 0) {
    const freeTexts = new Map(state.freeTexts);
    for (const { field, textId } of referred) freeTexts.set(textId, { field, erased: false });
    state = { ...state, freeTexts };
  }
  switch (domainEvent.type) {
    case 'ProjectImplementationStarted':
    case 'ProjectResumed':
      return { ...state, status: 'implementation' };
    case 'ProjectSuspended':
      return { ...state, status: 'suspended' };
    case 'ProjectClosed':
      return { ...state, status: 'closed' };
    case 'ProjectReferenceAssigned':
      return { ...state, reference: domainEvent.data.reference };
    case 'MilestoneDefined':
      return { ...state, milestones: new Map(state.milestones).set(domainEvent.data.milestoneId, { reached: false }) };
    case 'MilestoneReached':
      return { ...state, milestones: new Map(state.milestones).set(domainEvent.data.milestoneId, { reached: true }) };
    case 'MilestoneDelayed':
    case 'MilestoneDueDateCorrected':
      return state;
    case 'IndicatorDefined':
      return { ...state, indicators: new Map(state.indicators).set(domainEvent.data.indicatorId, domainEvent.data) };
    case 'ResultDrafted':
    case 'ResultSubmitted': {
      const { resultId, indicatorId, period, reportingOrg, reportingSubject } = domainEvent.data;
      const status = domainEvent.type === 'ResultDrafted' ? 'draft' : 'pending-approval';
      return { ...state, results: new Map(state.results).set(resultId, { indicatorId, period, status, reportingOrg, reportingSubject }) };
    }
    case 'ResultApproved':
    case 'ResultReturnedForRevision': {
      const result = state.results.get(domainEvent.data.resultId);
      if (!result) return state;
      const status = domainEvent.type === 'ResultApproved' ? 'approved' : 'returned-for-revision';
      return { ...state, results: new Map(state.results).set(domainEvent.data.resultId, { ...result, status }) };
    }
    case 'ReportingPeriodLocked':
      return { ...state, lockedPeriods: [...state.lockedPeriods, domainEvent.data.period] };
    case 'FreeTextErased': {
      const { textId, field } = domainEvent.data;
      return { ...state, freeTexts: new Map(state.freeTexts).set(textId, { field, erased: true }) };
    }
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

/**
 * Only an admin erases a free text, one the project's events refer to, once. A closed project's
 * texts are erased all the same: what must go goes whatever the project's state.
 */
function decideErasure(command: Extract<ProjectCommand, { type: 'EraseFreeText' }>, state: Registered) {
  if (command.actor.role !== 'admin') return refuse('admin-only', 'Only an admin erases free text');
  const known = state.freeTexts.get(command.textId);
  if (!known) return refuse('free-text-not-found', `No free text ${command.textId} belongs to this project`);
  if (known.erased) return refuse('free-text-already-erased', `Free text ${command.textId} is already erased`);
  return [event(FreeTextErased, { textId: command.textId, field: known.field, reasonCode: command.reasonCode })];
}

/**
 * The officer of the project's lead country; HQ and admins are not project managers. A
 * participating country's officer reads the project but does not manage it, so that a project
 * listing several countries has one manager and no country's officer decides for another's.
 */
function checkOfficer(actor: CommandActor, project: { countries: readonly string[]; leadCountry: string }): DomainRuleViolation | undefined {
  if (actor.role !== 'delegation-officer') {
    return refuse('officer-only', 'Only a delegation officer of the project\'s country may do this');
  }
  if (!actor.country || !project.countries.includes(actor.country)) {
    return refuse('officer-out-of-country', `The project is not in the officer's country (${actor.country ?? 'none'})`);
  }
  if (actor.country !== project.leadCountry) {
    return refuse('officer-not-lead-country', `The project is led by ${project.leadCountry}: ${actor.country} participates in it and does not manage it`);
  }
  return undefined;
}

/**
 * Whether the project is the actor's to act on at all: its country's officer, or one of its
 * implementing partners. Anyone else is told no more than if it did not exist.
 */
function actsOn(actor: CommandActor, state: Registered): boolean {
  if (actor.role === 'delegation-officer') return actor.country !== undefined && state.countries.includes(actor.country);
  if (actor.role === 'implementing-partner') return actor.org !== undefined && state.implementingPartners.includes(actor.org);
  return false;
}

/** Results are reported by a partner (that it implements the project, `actsOn` made sure). */
function checkPartner(actor: CommandActor): DomainRuleViolation | undefined {
  if (actor.role !== 'implementing-partner' || !actor.org) {
    return refuse('partner-only', 'Only an implementing partner of the project may report results');
  }
  return undefined;
}

function checkResult(command: DataOf<typeof ResultSubmitted>, state: Registered, submitting: boolean): DomainRuleViolation | undefined {
  const existing = state.results.get(command.resultId);
  // A co-partner's result is its own: nobody else drafts over it or resubmits it.
  if (existing && existing.reportingOrg !== null && existing.reportingOrg !== command.reportingOrg) {
    return refuse('result-of-another-partner', `Result ${command.resultId} is reported by another partner`);
  }
  if (state.status === 'closed') return refuse('project-closed', 'The project is closed: nothing more is reported on it');
  if (endsBeforeItStarts(command.period.from, command.period.to)) return refuse('period-inverted', 'The period ends before it starts');
  const indicator = state.indicators.get(command.indicatorId);
  if (!indicator) return refuse('indicator-not-defined', `Indicator ${command.indicatorId} is not defined for this project`);
  // "Since the project began" only makes sense for a running total; a per-period value needs its start.
  if (command.period.from === null && indicator.measurement !== 'cumulative') {
    return refuse('open-period-needs-cumulative-indicator', `Indicator ${command.indicatorId} is per period: the period needs its start date`);
  }
  // A lock covers its days, not just its exact span: a result reaching into it would change its figures.
  const lock = state.lockedPeriods.find((locked) => periodsOverlap(command.period, locked));
  if (lock) {
    return refuse('result-period-locked', `The period ${periodKey(command.period)} overlaps the locked period ${periodKey(lock)}`);
  }
  if (existing && (existing.indicatorId !== command.indicatorId || periodKey(existing.period) !== periodKey(command.period))) {
    return refuse('result-id-reused', `Result ${command.resultId} is for another indicator or period`);
  }
  if (existing?.status === 'pending-approval') return refuse('result-pending-approval', 'The result is waiting for approval');
  if (existing?.status === 'approved') return refuse('result-already-approved', 'The result is approved and can no longer change');
  for (const [otherId, other] of state.results) {
    // One result per indicator, period and partner: each partner reports its own part of a shared indicator.
    const samePartner = other.reportingOrg === null || other.reportingOrg === command.reportingOrg;
    if (otherId !== command.resultId && samePartner && other.indicatorId === command.indicatorId && periodKey(other.period) === periodKey(command.period)) {
      return refuse('result-exists-for-period', `Result ${otherId} already reports this indicator for this period`);
    }
  }
  return checkDisaggregation(command, indicator, submitting);
}

/**
 * A result is broken down only by dimensions its indicator declares, names each category of a
 * dimension once, and, once submitted, each dimension on its own adds up to the value: a breakdown
 * by sex and one by region are two views of the same people, not parts of one sum. A draft may
 * still be incomplete.
 */
function checkDisaggregation(
  command: DataOf<typeof ResultSubmitted>,
  indicator: DataOf<typeof IndicatorDefined>,
  submitting: boolean,
): DomainRuleViolation | undefined {
  const byDimension = new Map<DisaggregationDimension, DisaggregatedCount[]>();
  for (const part of command.disaggregation) byDimension.set(part.dimension, [...(byDimension.get(part.dimension) ?? []), part]);
  const dimensions = [...byDimension.keys()];
  const undeclared = dimensions.find((dimension) => !indicator.disaggregation.includes(dimension));
  if (undeclared) {
    const declared = indicator.disaggregation.length > 0 ? `only by ${indicator.disaggregation.join(', ')}` : 'by no dimension';
    return refuse('disaggregation-dimension-not-declared', `Indicator ${indicator.indicatorId} is broken down ${declared}, not by ${undeclared}`);
  }
  for (const [dimension, parts] of byDimension) {
    const categories = parts.map((part) => part.category);
    const repeated = categories.find((category, index) => categories.indexOf(category) !== index);
    if (repeated !== undefined) return refuse('disaggregation-category-repeated', `The breakdown by ${dimension} gives "${repeated}" more than once`);
  }
  if (!submitting) return undefined;
  for (const [dimension, parts] of byDimension) {
    const sum = parts.reduce((total, part) => total + part.value, 0);
    if (sum !== command.value) {
      return refuse('disaggregation-does-not-add-up', `The breakdown by ${dimension} adds up to ${sum}, not ${command.value}`);
    }
  }
  return undefined;
}

function decide(command: ProjectCommand, state: ProjectState) {
  if (command.type === 'RegisterProject') {
    if (state.status !== 'unregistered') return refuse('project-already-registered', 'This project is already registered');
    const { actor, today: _today, type: _type, ...data } = command;
    if (!data.countries.includes(data.leadCountry)) {
      return refuse('lead-country-not-listed', `The lead country ${data.leadCountry} is not one of the project's countries (${data.countries.join(', ')})`);
    }
    const notOfficer = checkOfficer(actor, data);
    if (notOfficer) return notOfficer;
    if (endsBeforeItStarts(data.startDate, data.endDate)) return refuse('project-dates-inverted', 'The project ends before it starts');
    return [event(ProjectRegistered, data)];
  }
  // An admin erases free text on any project; anyone else who does not act on it is told it does not exist.
  const erasingAsAdmin = command.type === 'EraseFreeText' && command.actor.role === 'admin';
  if (state.status === 'unregistered' || (!erasingAsAdmin && !actsOn(command.actor, state))) {
    return refuse('project-not-registered', 'No project is registered under this id that the caller acts on');
  }

  switch (command.type) {
    case 'StartImplementation':
    case 'SuspendProject':
    case 'ResumeProject':
    case 'CloseProject':
      return decideLifecycle(command, state);
    case 'DefineMilestone':
    case 'RecordMilestoneReached':
    case 'RecordMilestoneDelayed':
    case 'CorrectMilestoneDueDate':
    case 'DefineIndicator':
    case 'AssignEutfReference':
    case 'ApproveResult':
    case 'ReturnResultForRevision':
    case 'LockReportingPeriod':
      return checkOfficer(command.actor, state) ?? decideAsOfficer(command, state);
    case 'EraseFreeText':
      return decideErasure(command, state);
    case 'DraftResult':
    case 'SubmitResult': {
      const { actor, today: _today, type, ...given } = command;
      const refused = checkPartner(actor);
      if (refused) return refused;
      // checkPartner made sure the actor speaks for an implementing partner.
      const result = { ...given, reportingOrg: actor.org as string, reportingSubject: actor.subject ?? null };
      const broken = checkResult(result, state, type === 'SubmitResult');
      if (broken) return broken;
      return [type === 'DraftResult' ? event(ResultDrafted, result) : event(ResultSubmitted, result)];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

type LifecycleCommand = Extract<ProjectCommand, { type: 'StartImplementation' | 'SuspendProject' | 'ResumeProject' | 'CloseProject' }>;

function decideLifecycle(command: LifecycleCommand, state: Registered) {
  const notOfficer = checkOfficer(command.actor, state);
  if (notOfficer) return notOfficer;
  switch (command.type) {
    case 'StartImplementation':
      if (state.status !== 'pipeline') return refuse('implementation-already-started', `The project is ${state.status}`);
      return [event(ProjectImplementationStarted, { startedOn: command.startedOn })];
    case 'SuspendProject':
      if (state.status !== 'implementation') return refuse('only-implementation-suspends', `The project is ${state.status}`);
      return [event(ProjectSuspended, { suspendedOn: command.today, reason: command.reason })];
    case 'ResumeProject':
      if (state.status !== 'suspended') return refuse('project-not-suspended', `The project is ${state.status}`);
      return [event(ProjectResumed, { resumedOn: command.today })];
    case 'CloseProject':
      if (state.status === 'closed') return refuse('project-already-closed', 'The project is already closed');
      return [event(ProjectClosed, { closedOn: command.closedOn })];
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

type OfficerCommand = Extract<
  ProjectCommand,
  {
    type:
      | 'DefineMilestone'
      | 'RecordMilestoneReached'
      | 'RecordMilestoneDelayed'
      | 'CorrectMilestoneDueDate'
      | 'DefineIndicator'
      | 'AssignEutfReference'
      | 'ApproveResult'
      | 'ReturnResultForRevision'
      | 'LockReportingPeriod';
  }
>;

function decideAsOfficer(command: OfficerCommand, state: Registered) {
  if (state.status === 'closed' && command.type !== 'ApproveResult' && command.type !== 'ReturnResultForRevision') {
    return refuse('project-closed', 'The project is closed');
  }
  switch (command.type) {
    case 'DefineMilestone':
      if (state.milestones.has(command.milestoneId)) return refuse('milestone-already-defined', `Milestone ${command.milestoneId} exists`);
      return [event(MilestoneDefined, { milestoneId: command.milestoneId, title: command.title, dueDate: command.dueDate })];
    case 'RecordMilestoneReached': {
      const milestone = state.milestones.get(command.milestoneId);
      if (!milestone) return refuse('milestone-not-defined', `Milestone ${command.milestoneId} is not defined`);
      if (milestone.reached) return refuse('milestone-already-reached', `Milestone ${command.milestoneId} was already reached`);
      return [event(MilestoneReached, { milestoneId: command.milestoneId, reachedOn: command.reachedOn, evidenceLinks: command.evidenceLinks })];
    }
    case 'RecordMilestoneDelayed': {
      const milestone = state.milestones.get(command.milestoneId);
      if (!milestone) return refuse('milestone-not-defined', `Milestone ${command.milestoneId} is not defined`);
      if (milestone.reached) return refuse('milestone-already-reached', `Milestone ${command.milestoneId} was already reached`);
      return [event(MilestoneDelayed, { milestoneId: command.milestoneId, newDueDate: command.newDueDate, reason: command.reason })];
    }
    case 'CorrectMilestoneDueDate': {
      const milestone = state.milestones.get(command.milestoneId);
      if (!milestone) return refuse('milestone-not-defined', `Milestone ${command.milestoneId} is not defined`);
      // Once reached, the date it was due is part of the record of how the project went.
      if (milestone.reached) return refuse('milestone-already-reached', `Milestone ${command.milestoneId} was already reached`);
      return [event(MilestoneDueDateCorrected, { milestoneId: command.milestoneId, dueDate: command.dueDate })];
    }
    case 'DefineIndicator': {
      if (state.indicators.has(command.indicatorId)) return refuse('indicator-already-defined', `Indicator ${command.indicatorId} exists`);
      const { actor: _actor, today: _today, type: _type, ...indicator } = command;
      if (indicator.eutfIndicator === null) return [event(IndicatorDefined, indicator)];
      const listed = catalogueEntry(indicator.eutfIndicator);
      if (listed instanceof DomainRuleViolation) return listed;
      return [event(IndicatorDefined, { ...indicator, eutfIndicator: listed })];
    }
    case 'AssignEutfReference':
      if (state.reference !== null) {
        return refuse('reference-already-assigned', `The project already has the EUTF reference ${state.reference}`);
      }
      return [event(ProjectReferenceAssigned, { reference: command.reference })];
    case 'ApproveResult':
    case 'ReturnResultForRevision': {
      const result = state.results.get(command.resultId);
      if (!result) return refuse('result-not-found', `No result ${command.resultId} on this project`);
      if (result.status !== 'pending-approval') {
        return refuse('result-not-pending', `Result ${command.resultId} is ${result.status}, not pending approval`);
      }
      // Four eyes: whoever reported a result does not approve it, whatever roles their token holds.
      if (command.type === 'ApproveResult' && result.reportingSubject !== null && result.reportingSubject === command.actor.subject) {
        return refuse('approver-reported-it', `Result ${command.resultId} was reported by the same person: another officer approves it`);
      }
      return command.type === 'ApproveResult'
        ? [event(ResultApproved, { resultId: command.resultId })]
        : [event(ResultReturnedForRevision, { resultId: command.resultId, reason: command.reason })];
    }
    case 'LockReportingPeriod':
      if (state.lockedPeriods.some((locked) => periodKey(locked) === periodKey(command.period))) {
        return refuse('period-already-locked', 'The period is already locked');
      }
      return [event(ReportingPeriodLocked, { period: command.period })];
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export const projectDecider: Decider<ProjectCommand, ProjectEvent, ProjectState> = {
  initialState: () => ({ status: 'unregistered' }),
  evolve,
  decide,
};
