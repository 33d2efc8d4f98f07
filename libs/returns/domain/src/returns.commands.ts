import type { DataOf } from '@eutf/event-sourcing';
import type { Role } from '@eutf/reference-data';
import type {
  PeriodReintegrationReported,
  PeriodReturnsReported,
  ProjectStatus,
  ReintegrationAssistanceDelivered,
  ReintegrationCaseRegistered,
  ReintegrationPlanApproved,
  ReturnArrivalConfirmed,
  ReturnOperationCancelled,
  ReturnOperationRegistered,
} from '@eutf/event-catalog';

/** Who issues a command, as far as the returns rules care: a role and its organisation. */
export interface CommandActor {
  role: Role;
  org?: string;
}

/**
 * What the returns service knows of a project from the projects context (its own view, built from
 * their events): who implements it and whether it is still open. Null when it has not seen it.
 */
export interface ProjectFacts {
  countries: readonly string[];
  /**
   * One of `countries`, the one whose officer manages the project. No returns command is an
   * officer's today (partners report, officers read); an officer's decision here would be the lead's only.
   */
  leadCountry: string;
  implementingPartners: readonly string[];
  status: ProjectStatus;
}

/** Every command carries its actor, its date (ISO) and the project as the service knows it; deciders read no clock. */
interface Base {
  actor: CommandActor;
  today: string;
  /** The project the partner's stream is about. */
  projectId: string;
  project: ProjectFacts | null;
}

type Without<T, K extends string> = Omit<T, K>;

export type ProjectReturnsCommand = Base &
  (
    | ({ type: 'RegisterReturnOperation' } & Without<DataOf<typeof ReturnOperationRegistered>, 'partner'>)
    | ({ type: 'ConfirmReturnArrival' } & DataOf<typeof ReturnArrivalConfirmed>)
    | ({ type: 'CancelReturnOperation' } & DataOf<typeof ReturnOperationCancelled>)
    | ({ type: 'ReportPeriodReturns' } & Without<DataOf<typeof PeriodReturnsReported>, 'partner'>)
    | { type: 'ReportManyPeriodReturns'; reports: readonly PeriodReturnsReport[] }
  );

/** One period report of many (a file of monthly returns): its report key is already the keyed hash. */
export type PeriodReturnsReport = Without<DataOf<typeof PeriodReturnsReported>, 'partner' | 'projectId'>;

/** One case of a registration: the case key is already the keyed hash, never the partner's id. */
export type NewReintegrationCase = Without<DataOf<typeof ReintegrationCaseRegistered>, 'partner' | 'projectId'>;

export type ReintegrationCaseloadCommand = Base &
  (
    | { type: 'RegisterReintegrationCases'; cases: readonly NewReintegrationCase[] }
    | ({ type: 'ApproveReintegrationPlan' } & DataOf<typeof ReintegrationPlanApproved>)
    | ({ type: 'RecordReintegrationAssistance' } & DataOf<typeof ReintegrationAssistanceDelivered>)
    | { type: 'CompleteReintegration'; caseKey: string; completedOn: string }
    | { type: 'AbandonReintegration'; caseKey: string; abandonedOn: string }
    | ({ type: 'ReportPeriodReintegration' } & Without<DataOf<typeof PeriodReintegrationReported>, 'partner'>)
  );
