import { LEDGER_IATI_TRANSACTION_TYPE } from '@eutf/event-catalog';
import type { FinanceDoc } from '../read-models/finance.projection';

/**
 * What the funding ledger says of a project's money, in euro cents, as the progress reports give it
 * ("EU contribution committed / contracted / paid"). Null is "no data": the ledger holds nothing for
 * the project; 0 would claim that nothing was committed, which nobody has said.
 */
export interface FundingFigures {
  committedCents: number | null;
  contractedCents: number | null;
  paidCents: number | null;
}

export const NO_FUNDING_DATA: FundingFigures = { committedCents: null, contractedCents: null, paidCents: null };

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * A project's figures as the ledger held them at the end of `asOf` (an ISO day; to date without
 * it). Every ledger begins with the commitment: until one is dated by then, there is no data. Paid
 * counts payments (recoveries are the negative disbursements, counted apart in the finance views).
 */
export function fundingFigures(doc: FinanceDoc | undefined, asOf?: string): FundingFigures {
  if (!doc) return NO_FUNDING_DATA;
  const by = (date: string) => asOf === undefined || date <= asOf;
  const { outgoingCommitment, disbursement } = LEDGER_IATI_TRANSACTION_TYPE;
  const dated = doc.transactions.filter((transaction) => by(transaction.date));
  const commitments = dated.filter((transaction) => transaction.iatiTransactionType === outgoingCommitment);
  if (commitments.length === 0) return NO_FUNDING_DATA;
  return {
    committedCents: sum(commitments.map((transaction) => transaction.amountCents)),
    contractedCents: sum(doc.contracts.filter((contract) => by(contract.signedOn)).map((contract) => contract.contractedCents)),
    paidCents: sum(dated.filter((transaction) => transaction.iatiTransactionType === disbursement && transaction.amountCents > 0).map((transaction) => transaction.amountCents)),
  };
}

/** Figures of several projects added up: a sum of what is known, null when nothing is, and how many have no data. */
export function totalFunding(figures: readonly FundingFigures[]): FundingFigures & { projectsWithoutData: number } {
  const known = figures.filter((entry) => entry.committedCents !== null);
  const total = (field: keyof FundingFigures) => (known.length === 0 ? null : sum(known.map((entry) => entry[field] ?? 0)));
  return {
    committedCents: total('committedCents'),
    contractedCents: total('contractedCents'),
    paidCents: total('paidCents'),
    projectsWithoutData: figures.length - known.length,
  };
}

/** The figures of each project by id, to date or as of a day; a project the ledger never heard of has no data. */
export function fundingByProject(docs: readonly FinanceDoc[], asOf?: string): (projectId: string) => FundingFigures {
  const byId = new Map(docs.map((doc) => [doc.projectId, doc]));
  return (projectId) => fundingFigures(byId.get(projectId), asOf);
}
