import type { DataOf } from '@eutf/event-sourcing';
import type { Role } from '@eutf/reference-data';
import type { IndicatorDefined, MilestoneDefined, ProjectRegistered, ResultSubmitted } from '@eutf/event-catalog';

/** Who issues a command, as far as the project's rules care: a role and its scope. */
export interface CommandActor {
  /** The pseudonymous subject of the token: who, as a person, so that nobody approves their own report. */
  subject?: string;
  role: Role;
  country?: string;
  org?: string;
}

/** The result as the partner gives it; who reports it comes from the actor. */
type Result = Omit<DataOf<typeof ResultSubmitted>, 'reportingOrg' | 'reportingSubject'>;

/** Every command carries its actor and its date (ISO); deciders read no clock. */
interface Base {
  actor: CommandActor;
  today: string;
}

export type ProjectCommand = Base &
  (
    | ({ type: 'RegisterProject' } & DataOf<typeof ProjectRegistered>)
    | { type: 'StartImplementation'; startedOn: string }
    | { type: 'SuspendProject'; reason: string }
    | { type: 'ResumeProject' }
    | { type: 'CloseProject'; closedOn: string }
    | ({ type: 'DefineMilestone' } & DataOf<typeof MilestoneDefined>)
    | { type: 'RecordMilestoneReached'; milestoneId: string; reachedOn: string; evidenceLinks: string[] }
    | { type: 'RecordMilestoneDelayed'; milestoneId: string; newDueDate: string; reason: string }
    | { type: 'CorrectMilestoneDueDate'; milestoneId: string; dueDate: string }
    | ({ type: 'DefineIndicator' } & DataOf<typeof IndicatorDefined>)
    | { type: 'AssignEutfReference'; reference: string }
    | ({ type: 'DraftResult' } & Result)
    | ({ type: 'SubmitResult' } & Result)
    | { type: 'ApproveResult'; resultId: string }
    | { type: 'ReturnResultForRevision'; resultId: string; reason: string }
    | { type: 'LockReportingPeriod'; period: { from: string; to: string } }
  );
