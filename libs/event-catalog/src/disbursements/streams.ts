import type { IatiTransactionTypeCode } from '@eutf/reference-data';
import { streamKind } from '../shared/stream-id';

/** One funding ledger per project, keyed by the project's id (its EUTF reference, or its provisional id). */
export const projectFundingStream = streamKind('project-funding-');

/**
 * IATI transaction types (codelist TransactionType) of the ledger's movements, so that the IATI
 * export reads them off the read model: a de-commitment is a negative commitment, a recovery a
 * negative disbursement, as IATI records reversals.
 */
export const LEDGER_IATI_TRANSACTION_TYPE = { outgoingCommitment: 2, disbursement: 3, expenditure: 4 } as const satisfies Record<string, IatiTransactionTypeCode>;

/** A tranche request's life: requested → approved → paid, or rejected. */
export const TRANCHE_STATUSES = ['requested', 'approved', 'rejected', 'paid'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];
