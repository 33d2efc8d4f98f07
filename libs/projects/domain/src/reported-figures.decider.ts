import { event, type DataOf, type Decider } from '@eutf/event-sourcing';
import { FigureReported, type ReportedFigureEvent } from '@eutf/event-catalog';
import { isBeforeAsKnown } from '@eutf/shared-kernel';
import type { CommandActor } from './project.commands';
import { refuse } from './project.rules';

/**
 * Figures the sources state that no register can recompute (118 EUTF projects approved, the Rabat
 * Process's 550+ participants): one stream per scope, each figure reported once under its id.
 */
export type ReportedFiguresCommand = { type: 'ReportFigure'; actor: CommandActor } & DataOf<typeof FigureReported>;

export interface ReportedFiguresState {
  figureIds: ReadonlySet<string>;
}

function evolve(state: ReportedFiguresState, domainEvent: ReportedFigureEvent): ReportedFiguresState {
  return { figureIds: new Set(state.figureIds).add(domainEvent.data.figureId) };
}

/** Headquarters speaks for the programme, its regions and its countries; an officer for their own country only. */
function mayReport(actor: CommandActor, scope: ReportedFiguresCommand['scope']): boolean {
  if (actor.role === 'hq-analyst') return true;
  return actor.role === 'delegation-officer' && scope.level === 'country' && scope.country === actor.country;
}

function decide(command: ReportedFiguresCommand, state: ReportedFiguresState) {
  const { type: _type, actor, ...figure } = command;
  if (!mayReport(actor, figure.scope)) {
    return actor.role === 'delegation-officer' && figure.scope.level === 'country'
      ? refuse('officer-out-of-country', `The officer does not represent ${figure.scope.country}`)
      : refuse('figure-scope-not-allowed', `A ${actor.role} does not report figures for ${figure.scope.level === 'country' ? figure.scope.country : `the ${figure.scope.level}`}`);
  }
  const { from, to } = figure.period;
  if (from !== null && to !== null && isBeforeAsKnown(to, from)) return refuse('period-inverted', `The period ends (${to}) before it starts (${from})`);
  if (figure.unit === 'EUR cents' && !Number.isSafeInteger(figure.value)) return refuse('figure-amount-not-in-cents', `${figure.value} is not a whole number of euro cents`);
  if (state.figureIds.has(figure.figureId)) return refuse('figure-already-reported', `Figure ${figure.figureId} is already reported for this scope`);
  return [event(FigureReported, figure)];
}

export const reportedFiguresDecider: Decider<ReportedFiguresCommand, ReportedFigureEvent, ReportedFiguresState> = {
  initialState: () => ({ figureIds: new Set() }),
  evolve,
  decide,
};
