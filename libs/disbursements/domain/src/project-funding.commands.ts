import type { DataOf } from '@eutf/event-sourcing';
import type { Role } from '@eutf/reference-data';
import type {
  CommitmentAmended,
  ERASURE_REASON_CODES,
  FreeTextRef,
  CommitmentRecorded,
  ContractSigned,
  ExpenditureReported,
  FundsRecovered,
  ProjectStatus,
  TranchePaid,
  TrancheRequested,
} from '@eutf/event-catalog';

/** Who issues a command, as far as the ledger's rules care: a role and its scope. */
export interface FundingActor {
  role: Role;
  country?: string;
  org?: string;
}

/**
 * The project as this service has seen it on the projects topic: its countries (the officers'
 * scope), its status and its implementing partners (the partners' scope). Null when no
 * registration has arrived. It comes in on the command, read from the service's own view, so the
 * decider stays pure.
 */
export interface ProjectAsSeen {
  countries: readonly string[];
  /** One of `countries`: only its officer decides on tranche requests. */
  leadCountry: string;
  status: ProjectStatus;
  implementingPartners: readonly string[];
}

/** Every command carries its actor and the project as seen; deciders read no clock and no view. */
interface Base {
  actor: FundingActor;
  project: ProjectAsSeen | null;
}

type Tranche = { contractId: string; trancheId: string };

export type ProjectFundingCommand = Base &
  (
    | ({ type: 'RecordCommitment' } & DataOf<typeof CommitmentRecorded>)
    | ({ type: 'AmendCommitment' } & Omit<DataOf<typeof CommitmentAmended>, 'reason'> & { reason: FreeTextRef })
    | ({ type: 'SignContract' } & DataOf<typeof ContractSigned>)
    | ({ type: 'RequestTranche' } & DataOf<typeof TrancheRequested>)
    | ({ type: 'ApproveTranche' } & Tranche)
    | ({ type: 'RejectTranche'; reason: FreeTextRef } & Tranche)
    | ({ type: 'PayTranche' } & DataOf<typeof TranchePaid>)
    | ({ type: 'RecoverFunds' } & Omit<DataOf<typeof FundsRecovered>, 'reason'> & { reason: FreeTextRef })
    | ({ type: 'ReportExpenditure' } & DataOf<typeof ExpenditureReported>)
    | { type: 'EraseFreeText'; textId: string; reasonCode: (typeof ERASURE_REASON_CODES)[number] }
  );
