import { DomainRuleViolation, event, type Decider } from '@eutf/event-sourcing';
import {
  CommitmentAmended,
  CommitmentRecorded,
  ContractSigned,
  ExpenditureReported,
  FreeTextErased,
  fundingFreeTextsOf,
  FundsRecovered,
  TrancheApproved,
  TranchePaid,
  TrancheRejected,
  TrancheRequested,
  type ProjectFundingEvent,
  type TrancheStatus,
} from '@eutf/event-catalog';
import { refuseFunding } from './funding.rules';
import type { FundingActor, ProjectAsSeen, ProjectFundingCommand } from './project-funding.commands';

export interface ContractState {
  partnerOrg: string;
  amountCents: number;
  recoveredCents: number;
}

export interface TrancheState {
  contractId: string;
  amountCents: number;
  status: TrancheStatus;
}

interface Ledger {
  /** What is committed after every amendment. */
  committedCents: number;
  contracts: Map<string, ContractState>;
  tranches: Map<string, TrancheState>;
  recoveries: Set<string>;
  expenditures: Set<string>;
  /** The free texts (reasons) the ledger's events refer to, by id: only those are erased through it. */
  freeTexts: Map<string, { field: string; erased: boolean }>;
}

/** A project's funding: nothing can be contracted before the EUTF's commitment is recorded. */
export type ProjectFundingState = { status: 'uncommitted' } | ({ status: 'committed' } & Ledger);

type Committed = Extract<ProjectFundingState, { status: 'committed' }>;

function evolve(state: ProjectFundingState, domainEvent: ProjectFundingEvent): ProjectFundingState {
  if (domainEvent.type === 'CommitmentRecorded') {
    return {
      status: 'committed',
      committedCents: domainEvent.data.amountCents,
      contracts: new Map(),
      tranches: new Map(),
      recoveries: new Set(),
      expenditures: new Set(),
      freeTexts: new Map(),
    };
  }
  if (state.status === 'uncommitted') return state;
  return evolveLedger(withFreeTexts(state, domainEvent), domainEvent);
}

/** The ledger with the free texts an event refers to. */
function withFreeTexts(state: Committed, domainEvent: ProjectFundingEvent): Committed {
  const referred = fundingFreeTextsOf(domainEvent).flatMap(({ field, text }) => ('textId' in text ? [{ field, textId: text.textId }] : []));
  if (referred.length === 0) return state;
  const freeTexts = new Map(state.freeTexts);
  for (const { field, textId } of referred) freeTexts.set(textId, { field, erased: false });
  return { ...state, freeTexts };
}

function evolveLedger(state: Committed, domainEvent: ProjectFundingEvent): ProjectFundingState {
  switch (domainEvent.type) {
    case 'CommitmentRecorded':
      return state;
    case 'CommitmentAmended': {
      const { change, amountCents } = domainEvent.data;
      return { ...state, committedCents: state.committedCents + (change === 'top-up' ? amountCents : -amountCents) };
    }
    case 'ContractSigned': {
      const { contractId, partnerOrg, amountCents } = domainEvent.data;
      return { ...state, contracts: new Map(state.contracts).set(contractId, { partnerOrg, amountCents, recoveredCents: 0 }) };
    }
    case 'TrancheRequested': {
      const { contractId, trancheId, amountCents } = domainEvent.data;
      return { ...state, tranches: new Map(state.tranches).set(trancheId, { contractId, amountCents, status: 'requested' }) };
    }
    case 'TrancheApproved':
      return withTranche(state, domainEvent.data.trancheId, 'approved', domainEvent.data.approvedAmountCents);
    case 'TrancheRejected':
      return withTranche(state, domainEvent.data.trancheId, 'rejected');
    case 'TranchePaid':
      return withTranche(state, domainEvent.data.trancheId, 'paid', domainEvent.data.amountCents);
    case 'FundsRecovered': {
      const contract = state.contracts.get(domainEvent.data.contractId);
      const contracts = contract
        ? new Map(state.contracts).set(domainEvent.data.contractId, { ...contract, recoveredCents: contract.recoveredCents + domainEvent.data.amountCents })
        : state.contracts;
      return { ...state, contracts, recoveries: new Set(state.recoveries).add(domainEvent.data.recoveryId) };
    }
    case 'ExpenditureReported':
      return { ...state, expenditures: new Set(state.expenditures).add(domainEvent.data.expenditureId) };
    case 'FreeTextErased':
      return { ...state, freeTexts: new Map(state.freeTexts).set(domainEvent.data.textId, { field: domainEvent.data.field, erased: true }) };
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

function withTranche(state: Committed, trancheId: string, status: TrancheStatus, amountCents?: number): Committed {
  const tranche = state.tranches.get(trancheId);
  if (!tranche) return state;
  return { ...state, tranches: new Map(state.tranches).set(trancheId, { ...tranche, status, amountCents: amountCents ?? tranche.amountCents }) };
}

const sum = (amounts: Iterable<number>) => [...amounts].reduce((total, amount) => total + amount, 0);

/** Σ of what the contracts are signed for. */
const contractedCents = (state: Committed) => sum([...state.contracts.values()].map((contract) => contract.amountCents));

/** What a contract has promised away: requests not yet decided, approved ones not yet paid, and payments. Rejected requests free their amount. */
function drawnOnContract(state: Committed, contractId: string): number {
  return sum([...state.tranches.values()].filter((tranche) => tranche.contractId === contractId && tranche.status !== 'rejected').map((tranche) => tranche.amountCents));
}

const paidUnderContract = (state: Committed, contractId: string) =>
  sum([...state.tranches.values()].filter((tranche) => tranche.contractId === contractId && tranche.status === 'paid').map((tranche) => tranche.amountCents));

/**
 * The schema at the edge already refuses these; the ledger checks again because a double that is
 * not a safe integer would silently lose cents in every sum after it.
 */
function checkAmounts(...amounts: number[]): DomainRuleViolation | undefined {
  const wrong = amounts.find((amount) => !Number.isSafeInteger(amount) || amount <= 0);
  return wrong === undefined ? undefined : refuseFunding('amount-not-whole-cents', `${wrong} is not a positive whole number of euro cents`);
}

function checkFinance(actor: FundingActor): DomainRuleViolation | undefined {
  return actor.role === 'hq-finance' ? undefined : refuseFunding('finance-only', 'Only HQ finance may do this');
}

const NOT_SEEN = 'No registration of this project has reached the disbursements service';

function checkOfficer(actor: FundingActor, project: ProjectAsSeen): DomainRuleViolation | undefined {
  if (actor.role !== 'delegation-officer') return refuseFunding('officer-only', "Only a delegation officer of the project's country may decide on a tranche request");
  // Another country's project is answered as one never seen: a refusal of its own would tell the officer it exists.
  if (!actor.country || !project.countries.includes(actor.country)) return refuseFunding('project-unknown', NOT_SEEN);
  if (actor.country !== project.leadCountry) {
    return refuseFunding('officer-not-lead-country', `The project is led by ${project.leadCountry}: its officer decides on tranche requests, not ${actor.country}'s`);
  }
  return undefined;
}

/** A partner acts only under its own contract; whether it implements the project was settled when the contract was signed. */
function checkContractor(actor: FundingActor, project: ProjectAsSeen, state: Committed, contractId: string): DomainRuleViolation | undefined {
  if (actor.role !== 'implementing-partner' || !actor.org) return refuseFunding('partner-only', 'Only an implementing partner may do this');
  // A project the partner does not implement is answered as one never seen, whatever its contracts.
  if (!project.implementingPartners.includes(actor.org)) return refuseFunding('project-unknown', NOT_SEEN);
  const contract = state.contracts.get(contractId);
  if (!contract) return refuseFunding('contract-unknown', `No contract ${contractId} is signed on this project`);
  if (contract.partnerOrg !== actor.org) return refuseFunding('partner-not-contractor', `Contract ${contractId} is not ${actor.org}'s`);
  return undefined;
}

const inverted = (period: { from: string; to: string }) => period.to < period.from;
const isOpen = (project: ProjectAsSeen) => project.status === 'pipeline' || project.status === 'implementation';

/** Who may issue a command, by role alone: checked before anything else is looked at. */
function checkRole(command: ProjectFundingCommand): DomainRuleViolation | undefined {
  switch (command.type) {
    case 'RecordCommitment':
    case 'AmendCommitment':
    case 'SignContract':
    case 'PayTranche':
    case 'RecoverFunds':
      return checkFinance(command.actor);
    case 'ApproveTranche':
    case 'RejectTranche':
      return command.actor.role === 'delegation-officer' ? undefined : refuseFunding('officer-only', 'Only a delegation officer may decide on a tranche request');
    case 'RequestTranche':
    case 'ReportExpenditure':
      return command.actor.role === 'implementing-partner' ? undefined : refuseFunding('partner-only', 'Only an implementing partner may do this');
    case 'EraseFreeText':
      return command.actor.role === 'admin' ? undefined : refuseFunding('admin-only', 'Only an admin erases free text');
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

function decide(command: ProjectFundingCommand, state: ProjectFundingState) {
  const wrongRole = checkRole(command);
  if (wrongRole) return wrongRole;
  // What must go goes whatever the project's state, and whether or not this service still sees it.
  if (command.type === 'EraseFreeText') return decideErasure(command, state);
  const { project } = command;
  if (project === null) return refuseFunding('project-unknown', NOT_SEEN);

  if (command.type === 'RecordCommitment') {
    if (state.status === 'committed') return refuseFunding('commitment-already-recorded', 'The commitment is already recorded: amend it instead');
    const { actor: _actor, project: _project, type: _type, ...data } = command;
    return checkAmounts(data.amountCents) ?? [event(CommitmentRecorded, data)];
  }
  if (state.status === 'uncommitted') return refuseFunding('commitment-not-recorded', 'No commitment is recorded for this project yet');

  switch (command.type) {
    case 'AmendCommitment': {
      const { actor: _actor, project: _project, type: _type, ...data } = command;
      const wrongAmount = checkAmounts(data.amountCents);
      if (wrongAmount) return wrongAmount;
      const contracted = contractedCents(state);
      if (data.change === 'de-commitment' && state.committedCents - data.amountCents < contracted) {
        return refuseFunding('decommitment-below-contracted', `De-committing ${data.amountCents} would leave ${state.committedCents - data.amountCents} committed, below the ${contracted} contracted`);
      }
      return [event(CommitmentAmended, data)];
    }
    case 'SignContract': {
      const { actor: _actor, project: _project, type: _type, ...data } = command;
      const wrongAmount = checkAmounts(data.amountCents);
      if (wrongAmount) return wrongAmount;
      if (!isOpen(project)) return refuseFunding('project-not-open', `The project is ${project.status}`);
      if (state.contracts.has(data.contractId)) return refuseFunding('contract-already-signed', `Contract ${data.contractId} is already signed`);
      if (data.endDate < data.startDate) return refuseFunding('contract-dates-inverted', 'The contract ends before it starts');
      if (!project.implementingPartners.includes(data.partnerOrg)) {
        return refuseFunding('partner-not-implementing', `${data.partnerOrg} is not an implementing partner of this project`);
      }
      const contracted = contractedCents(state) + data.amountCents;
      if (contracted > state.committedCents) {
        return refuseFunding('contracts-exceed-commitment', `Contracts would add up to ${contracted}, above the ${state.committedCents} committed`);
      }
      return [event(ContractSigned, data)];
    }
    case 'RequestTranche': {
      const { actor, project: _project, type: _type, ...data } = command;
      const refused = checkContractor(actor, project, state, data.contractId) ?? checkAmounts(data.amountCents);
      if (refused) return refused;
      if (!isOpen(project)) return refuseFunding('project-not-open', `The project is ${project.status}`);
      if (state.tranches.has(data.trancheId)) return refuseFunding('tranche-already-requested', `Tranche ${data.trancheId} is already requested`);
      if (inverted(data.period)) return refuseFunding('period-inverted', 'The period ends before it starts');
      const contract = state.contracts.get(data.contractId) as ContractState;
      const drawn = drawnOnContract(state, data.contractId) + data.amountCents;
      if (drawn > contract.amountCents) {
        return refuseFunding('requests-exceed-contract', `Open requests and payments would reach ${drawn}, above the ${contract.amountCents} of contract ${data.contractId}`);
      }
      return [event(TrancheRequested, data)];
    }
    case 'ApproveTranche':
    case 'RejectTranche': {
      const notOfficer = checkOfficer(command.actor, project);
      if (notOfficer) return notOfficer;
      const tranche = trancheUnder(state, command.contractId, command.trancheId);
      if (tranche instanceof DomainRuleViolation) return tranche;
      if (tranche.status !== 'requested') return refuseFunding('tranche-not-pending', `Tranche ${command.trancheId} is ${tranche.status}`);
      const { contractId, trancheId } = command;
      return command.type === 'ApproveTranche'
        ? [event(TrancheApproved, { contractId, trancheId, approvedAmountCents: tranche.amountCents })]
        : [event(TrancheRejected, { contractId, trancheId, reason: command.reason })];
    }
    case 'PayTranche': {
      const { actor: _actor, project: _project, type: _type, ...data } = command;
      const wrongAmount = checkAmounts(data.amountCents);
      if (wrongAmount) return wrongAmount;
      const tranche = trancheUnder(state, data.contractId, data.trancheId);
      if (tranche instanceof DomainRuleViolation) return tranche;
      if (tranche.status === 'paid') return refuseFunding('tranche-already-paid', `Tranche ${data.trancheId} is already paid`);
      if (tranche.status !== 'approved') return refuseFunding('tranche-not-approved', `Tranche ${data.trancheId} is ${tranche.status}, not approved`);
      if (data.amountCents !== tranche.amountCents) {
        return refuseFunding('payment-not-approved-amount', `Tranche ${data.trancheId} was approved for ${tranche.amountCents}, not ${data.amountCents}`);
      }
      return [event(TranchePaid, data)];
    }
    case 'RecoverFunds': {
      const { actor: _actor, project: _project, type: _type, ...data } = command;
      const wrongAmount = checkAmounts(data.amountCents);
      if (wrongAmount) return wrongAmount;
      const contract = state.contracts.get(data.contractId);
      if (!contract) return refuseFunding('contract-unknown', `No contract ${data.contractId} is signed on this project`);
      if (state.recoveries.has(data.recoveryId)) return refuseFunding('recovery-already-recorded', `Recovery ${data.recoveryId} is already recorded`);
      const paid = paidUnderContract(state, data.contractId);
      if (contract.recoveredCents + data.amountCents > paid) {
        return refuseFunding('recovery-exceeds-paid', `Recoveries would reach ${contract.recoveredCents + data.amountCents}, above the ${paid} paid under contract ${data.contractId}`);
      }
      return [event(FundsRecovered, data)];
    }
    case 'ReportExpenditure': {
      const { actor, project: _project, type: _type, ...data } = command;
      const refused = checkContractor(actor, project, state, data.contractId) ?? checkAmounts(data.amountCents);
      if (refused) return refused;
      if (state.expenditures.has(data.expenditureId)) return refuseFunding('expenditure-already-reported', `Expenditure ${data.expenditureId} is already reported`);
      if (inverted(data.period)) return refuseFunding('period-inverted', 'The period ends before it starts');
      return [event(ExpenditureReported, data)];
    }
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

/** An admin erases a free text the ledger's events refer to, once. */
function decideErasure(command: Extract<ProjectFundingCommand, { type: 'EraseFreeText' }>, state: ProjectFundingState) {
  const known = state.status === 'committed' ? state.freeTexts.get(command.textId) : undefined;
  if (!known) return refuseFunding('free-text-not-found', `No free text ${command.textId} belongs to this ledger`);
  if (known.erased) return refuseFunding('free-text-already-erased', `Free text ${command.textId} is already erased`);
  return [event(FreeTextErased, { textId: command.textId, field: known.field, reasonCode: command.reasonCode })];
}

/** The tranche, if it was requested under this contract (an id under another contract is not this one's). */
function trancheUnder(state: Committed, contractId: string, trancheId: string): TrancheState | DomainRuleViolation {
  const tranche = state.tranches.get(trancheId);
  if (!tranche || tranche.contractId !== contractId) return refuseFunding('tranche-unknown', `No tranche ${trancheId} under contract ${contractId}`);
  return tranche;
}

export const projectFundingDecider: Decider<ProjectFundingCommand, ProjectFundingEvent, ProjectFundingState> = {
  initialState: () => ({ status: 'uncommitted' }),
  evolve,
  decide,
};
