import {
  LEDGER_IATI_TRANSACTION_TYPE,
  projectFundingStream,
  projectStream,
  type ProjectEvent,
  type ProjectFundingEvent,
} from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** One movement of money, with its IATI transaction type; reversals (de-commitments, recoveries) are negative. */
export interface FinanceTransaction {
  key: string;
  iatiTransactionType: 2 | 3 | 4;
  amountCents: number;
  date: string;
  contractId: string | null;
  partnerOrg: string | null;
}

export interface ContractFinance {
  contractId: string;
  partnerOrg: string;
  /** When it was signed: what was contracted by a day counts the contracts signed by then. */
  signedOn: string;
  contractedCents: number;
  /** Requested and not rejected: open requests and paid ones. */
  requestedCents: number;
  paidCents: number;
  recoveredCents: number;
  expenditureCents: number;
}

/**
 * One document per project: its funding figures beside what the register says of it. The two
 * come from two topics in no set order, so either may create the document.
 */
export interface FinanceDoc {
  projectId: string;
  reference: string | null;
  title: string | null;
  window: string | null;
  countries: string[];
  /** The one of `countries` the project's money counts in; absent until the registration arrives, and in documents written before leads were named. */
  leadCountry?: string;
  implementingPartners: string[];
  committedCents: number;
  contracts: ContractFinance[];
  /** Tranche id → contract and amount, so an approval or payment finds its request. */
  tranches: Array<{ trancheId: string; contractId: string; amountCents: number; status: 'requested' | 'approved' | 'rejected' | 'paid' }>;
  transactions: FinanceTransaction[];
}

const FUNDING_EVENTS = ['CommitmentRecorded', 'CommitmentAmended', 'ContractSigned', 'TrancheRequested', 'TrancheApproved', 'TrancheRejected', 'TranchePaid', 'FundsRecovered', 'ExpenditureReported'] as const;

const empty = (projectId: string): FinanceDoc => ({
  projectId,
  reference: null,
  title: null,
  window: null,
  countries: [],
  implementingPartners: [],
  committedCents: 0,
  contracts: [],
  tranches: [],
  transactions: [],
});

const onContract = (doc: FinanceDoc, contractId: string, change: (contract: ContractFinance) => ContractFinance): FinanceDoc => ({
  ...doc,
  contracts: doc.contracts.map((contract) => (contract.contractId === contractId ? change(contract) : contract)),
});

const partnerOf = (doc: FinanceDoc, contractId: string) => doc.contracts.find((contract) => contract.contractId === contractId)?.partnerOrg ?? null;

function applyFunding(doc: FinanceDoc, domainEvent: ProjectFundingEvent, recorded: RecordedEvent): FinanceDoc {
  const transaction = (iatiTransactionType: FinanceTransaction['iatiTransactionType'], amountCents: number, date: string, contractId: string | null): FinanceTransaction => ({
    key: recorded.eventId,
    iatiTransactionType,
    amountCents,
    date,
    contractId,
    partnerOrg: contractId ? partnerOf(doc, contractId) : null,
  });
  const { outgoingCommitment, disbursement, expenditure } = LEDGER_IATI_TRANSACTION_TYPE;
  switch (domainEvent.type) {
    case 'CommitmentRecorded':
      return { ...doc, committedCents: domainEvent.data.amountCents, transactions: [...doc.transactions, transaction(outgoingCommitment, domainEvent.data.amountCents, domainEvent.data.decidedOn, null)] };
    case 'CommitmentAmended': {
      const signed = domainEvent.data.change === 'top-up' ? domainEvent.data.amountCents : -domainEvent.data.amountCents;
      return { ...doc, committedCents: doc.committedCents + signed, transactions: [...doc.transactions, transaction(outgoingCommitment, signed, domainEvent.data.amendedOn, null)] };
    }
    case 'ContractSigned': {
      const { contractId, partnerOrg, amountCents, signedOn } = domainEvent.data;
      const contract: ContractFinance = { contractId, partnerOrg, signedOn, contractedCents: amountCents, requestedCents: 0, paidCents: 0, recoveredCents: 0, expenditureCents: 0 };
      return { ...doc, contracts: [...doc.contracts, contract] };
    }
    case 'TrancheRequested': {
      const { contractId, trancheId, amountCents } = domainEvent.data;
      const withRequest = onContract(doc, contractId, (contract) => ({ ...contract, requestedCents: contract.requestedCents + amountCents }));
      return { ...withRequest, tranches: [...doc.tranches, { trancheId, contractId, amountCents, status: 'requested' }] };
    }
    case 'TrancheApproved':
    case 'TrancheRejected': {
      const tranche = doc.tranches.find((candidate) => candidate.trancheId === domainEvent.data.trancheId);
      if (!tranche) throw new Error(`${domainEvent.type} for tranche ${domainEvent.data.trancheId}, never requested`);
      const status = domainEvent.type === 'TrancheApproved' ? 'approved' : 'rejected';
      const decided = { ...doc, tranches: doc.tranches.map((candidate) => (candidate === tranche ? { ...tranche, status } as const : candidate)) };
      // A rejected request no longer counts as requested.
      return status === 'rejected' ? onContract(decided, tranche.contractId, (contract) => ({ ...contract, requestedCents: contract.requestedCents - tranche.amountCents })) : decided;
    }
    case 'TranchePaid': {
      const { contractId, trancheId, amountCents, valueDate } = domainEvent.data;
      const paid = onContract(doc, contractId, (contract) => ({ ...contract, paidCents: contract.paidCents + amountCents }));
      return {
        ...paid,
        tranches: doc.tranches.map((candidate) => (candidate.trancheId === trancheId ? { ...candidate, status: 'paid' as const } : candidate)),
        transactions: [...doc.transactions, transaction(disbursement, amountCents, valueDate, contractId)],
      };
    }
    case 'FundsRecovered': {
      const { contractId, amountCents, recoveredOn } = domainEvent.data;
      const recovered = onContract(doc, contractId, (contract) => ({ ...contract, recoveredCents: contract.recoveredCents + amountCents }));
      return { ...recovered, transactions: [...doc.transactions, transaction(disbursement, -amountCents, recoveredOn, contractId)] };
    }
    case 'ExpenditureReported': {
      const { contractId, amountCents, period } = domainEvent.data;
      const spent = onContract(doc, contractId, (contract) => ({ ...contract, expenditureCents: contract.expenditureCents + amountCents }));
      // IATI dates an expenditure by the end of the period it covers.
      return { ...spent, transactions: [...doc.transactions, transaction(expenditure, amountCents, period.to, contractId)] };
    }
    case 'FreeTextErased':
      // The finance views keep no reason: nothing to mark.
      return doc;
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

function apply(doc: FinanceDoc | undefined, recorded: RecordedEvent): FinanceDoc {
  const fundedProject = projectFundingStream.parse(recorded.streamId);
  if (fundedProject !== null) return applyFunding(doc ?? empty(fundedProject), { type: recorded.type, data: recorded.data } as ProjectFundingEvent, recorded);
  const domainEvent = { type: recorded.type, data: recorded.data } as ProjectEvent;
  if (domainEvent.type === 'ProjectRegistered') {
    const { projectId, reference, title, window, countries, leadCountry, implementingPartners } = domainEvent.data;
    return { ...(doc ?? empty(projectId)), reference, title, window, countries, leadCountry, implementingPartners };
  }
  if (domainEvent.type === 'ProjectReferenceAssigned' && doc) return { ...doc, reference: domainEvent.data.reference };
  return doc ?? empty(projectStream.parse(recorded.streamId) ?? recorded.streamId);
}

/** The funding ledger's figures by project, rolled up by country, window and partner when asked. */
export const financeProjection: Projection<FinanceDoc> = {
  name: 'finance',
  collection: 'finance',
  topics: [EVENT_TOPICS.projects, EVENT_TOPICS.disbursements],
  handles: ['ProjectRegistered', 'ProjectReferenceAssigned', ...FUNDING_EVENTS],
  // The funding stream's prefix first: `project-` is a prefix of `project-funding-`.
  documentIdOf: (recorded) => projectFundingStream.parse(recorded.streamId) ?? projectStream.parse(recorded.streamId) ?? undefined,
  apply,
  storedAsText: { queryable: ['countries', 'window', 'implementingPartners'] },
};
