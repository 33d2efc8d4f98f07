import type { DataOf } from '@eutf/event-sourcing';
import type { Role } from '@eutf/reference-data';
import type { ERASURE_REASON_CODES, FreeTextRef, IndicatorDefined, MilestoneDefined, ProjectRegistered, ResultSubmitted } from '@eutf/event-catalog';

/** Who issues a command, as far as the project's rules care: a role and its scope. */
export interface CommandActor {
  /** The pseudonymous subject of the token: who, as a person, so that nobody approves their own report. */
  subject?: string;
  role: Role;
  country?: string;
  org?: string;
}

/**
 * The result as the partner gives it; who reports it comes from the actor. Its narrative and links
 * arrive as references: the service has put their text in its erasable free-text store.
 */
type Result = Omit<DataOf<typeof ResultSubmitted>, 'reportingOrg' | 'reportingSubject' | 'narrative' | 'evidenceLinks'> & {
  narrative: FreeTextRef | null;
  evidenceLinks: FreeTextRef | null;
};

/** Every command carries its actor and its date (ISO); deciders read no clock. */
interface Base {
  actor: CommandActor;
  today: string;
}

export type ProjectCommand = Base &
  (
    | ({ type: 'RegisterProject' } & DataOf<typeof ProjectRegistered>)
    | { type: 'StartImplementation'; startedOn: string }
    | { type: 'SuspendProject'; reason: FreeTextRef }
    | { type: 'ResumeProject' }
    | { type: 'CloseProject'; closedOn: string }
    | ({ type: 'DefineMilestone' } & DataOf<typeof MilestoneDefined>)
    | { type: 'RecordMilestoneReached'; milestoneId: string; reachedOn: string; evidenceLinks: FreeTextRef | null }
    | { type: 'RecordMilestoneDelayed'; milestoneId: string; newDueDate: string; reason: FreeTextRef }
    | { type: 'CorrectMilestoneDueDate'; milestoneId: string; dueDate: string }
    | ({ type: 'DefineIndicator' } & DataOf<typeof IndicatorDefined>)
    | { type: 'AssignEutfReference'; reference: string }
    | ({ type: 'DraftResult' } & Result)
    | ({ type: 'SubmitResult' } & Result)
    | { type: 'ApproveResult'; resultId: string }
    | { type: 'ReturnResultForRevision'; resultId: string; reason: FreeTextRef }
    | { type: 'LockReportingPeriod'; period: { from: string; to: string } }
    | { type: 'EraseFreeText'; textId: string; reasonCode: (typeof ERASURE_REASON_CODES)[number] }
  );
