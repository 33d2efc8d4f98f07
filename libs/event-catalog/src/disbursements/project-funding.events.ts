import { defineEvent, type EventOf } from '@eutf/event-sourcing';
import { z } from 'zod';
import { FreeTextErased, freeText, legacyText, type StoredText } from '../shared/free-text';

const isoDate = z.iso.date();
const period = z.object({ from: isoDate, to: isoDate });

/**
 * An amount of money: a positive whole number of euro cents that a double holds exactly. Floats
 * (1.5), numbers past 2^53 (1e21) and strings are refused: sums of millions must not lose cents.
 */
export const positiveEuroCents = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An id chosen by the client within the ledger (a contract, a tranche, a recovery, an expenditure report). */
export const ledgerEntryId = z.string().regex(/^[A-Za-z0-9._/-]{1,100}$/, 'letters, digits, ".", "_", "/" or "-" (at most 100)');

/** An organisation, as tokens and project registrations name it (e.g. IOM, GIZ). */
const organisation = z.string().min(1).max(100);

/**
 * Why a tranche is asked for, as a code from the EU's standard contract payment terms (PRAG): the
 * request says what kind of payment it is, never anything about people.
 */
export const trancheJustification = z.enum(['pre-financing', 'further-pre-financing', 'interim-payment', 'final-payment']);
export type TrancheJustification = z.infer<typeof trancheJustification>;

/**
 * What money was spent on, by the headings of the EU standard grant budget (Annex III), which
 * partners already report against; the IATI export maps them to its budget identifiers.
 */
export const expenditureCategory = z.enum([
  'human-resources',
  'travel',
  'equipment-and-supplies',
  'local-office',
  'other-costs-and-services',
  'other',
  'indirect-costs',
]);
export type ExpenditureCategory = z.infer<typeof expenditureCategory>;

export const commitmentData = z.object({ amountCents: positiveEuroCents, decidedOn: isoDate, decisionReference: z.string().min(1).max(100) });

export const CommitmentRecorded = defineEvent({
  type: 'CommitmentRecorded',
  description: "HQ finance recorded the EUTF's commitment to the project: the amount of its decision (IATI transaction type 2, outgoing commitment).",
  versions: [{ version: 1, schema: commitmentData }],
  example: { amountCents: 90_000_000_00, decidedOn: '2017-07-28', decisionReference: 'T05-EUTF-NOA-LY-04' },
});

/** An erasable text's example id; any uuid. */
const TEXT_ID = '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10';

/** Version 1 held a reason as text; from version 2 on it is a free-text reference, the text kept apart (erasable). */
const reasonByReference = (previous: unknown) => {
  const { reason, ...rest } = previous as { reason: string };
  return { ...rest, reason: legacyText(reason) };
};

/** A commitment amendment as HQ finance asks for it: with its reason as text (requests reuse it). */
export const commitmentAmendmentData = z.object({
  change: z.enum(['top-up', 'de-commitment']),
  amountCents: positiveEuroCents,
  amendedOn: isoDate,
  reason: z.string().min(1).max(500),
});

export const CommitmentAmended = defineEvent({
  type: 'CommitmentAmended',
  description: 'The commitment was topped up or de-committed, with the reason, a free text kept apart by reference (a negative or positive outgoing commitment for IATI).',
  versions: [
    { version: 1, schema: commitmentAmendmentData },
    { version: 2, schema: commitmentAmendmentData.extend({ reason: freeText }), upcastFrom: reasonByReference },
  ],
  example: { change: 'top-up', amountCents: 10_000_000_00, amendedOn: '2018-03-15', reason: { textId: TEXT_ID } },
});

export const contractData = z.object({
  contractId: ledgerEntryId,
  partnerOrg: organisation,
  amountCents: positiveEuroCents,
  signedOn: isoDate,
  startDate: isoDate,
  endDate: isoDate,
});

export const ContractSigned = defineEvent({
  type: 'ContractSigned',
  description: 'HQ finance signed a contract with an implementing partner of the project, for an amount and a span of time.',
  versions: [{ version: 1, schema: contractData }],
  example: { contractId: 'T05-EUTF-NOA-LY-04-01', partnerOrg: 'IOM', amountCents: 40_000_000_00, signedOn: '2017-08-01', startDate: '2017-08-01', endDate: '2020-07-31' },
});

export const trancheRequestData = z.object({ contractId: ledgerEntryId, trancheId: ledgerEntryId, amountCents: positiveEuroCents, period, justification: trancheJustification });

export const TrancheRequested = defineEvent({
  type: 'TrancheRequested',
  description: 'An implementing partner asked for a tranche under its own contract, for a period, with a justification code.',
  versions: [{ version: 1, schema: trancheRequestData }],
  example: {
    contractId: 'T05-EUTF-NOA-LY-04-01',
    trancheId: 'tranche-1',
    amountCents: 12_000_000_00,
    period: { from: '2017-08-01', to: '2018-07-31' },
    justification: 'pre-financing',
  },
});

export const TrancheApproved = defineEvent({
  type: 'TrancheApproved',
  description: "The delegation officer of the project's country approved a tranche request, for the amount requested.",
  versions: [{ version: 1, schema: z.object({ contractId: ledgerEntryId, trancheId: ledgerEntryId, approvedAmountCents: positiveEuroCents }) }],
  example: { contractId: 'T05-EUTF-NOA-LY-04-01', trancheId: 'tranche-1', approvedAmountCents: 12_000_000_00 },
});

export const TrancheRejected = defineEvent({
  type: 'TrancheRejected',
  description: 'The delegation officer rejected a tranche request, saying why (a free text kept apart, by reference); its amount no longer counts against the contract.',
  versions: [
    { version: 1, schema: z.object({ contractId: ledgerEntryId, trancheId: ledgerEntryId, reason: z.string().min(1).max(500) }) },
    { version: 2, schema: z.object({ contractId: ledgerEntryId, trancheId: ledgerEntryId, reason: freeText }), upcastFrom: reasonByReference },
  ],
  example: { contractId: 'T05-EUTF-NOA-LY-04-01', trancheId: 'tranche-1', reason: { textId: TEXT_ID } },
});

export const paymentData = z.object({
  contractId: ledgerEntryId,
  trancheId: ledgerEntryId,
  amountCents: positiveEuroCents,
  valueDate: isoDate,
  paymentReference: z.string().min(1).max(100),
});

export const TranchePaid = defineEvent({
  type: 'TranchePaid',
  description: 'HQ finance paid an approved tranche, exactly its approved amount (IATI transaction type 3, disbursement).',
  versions: [{ version: 1, schema: paymentData }],
  example: { contractId: 'T05-EUTF-NOA-LY-04-01', trancheId: 'tranche-1', amountCents: 12_000_000_00, valueDate: '2017-09-15', paymentReference: 'PAY-2017-0915-01' },
});

/** A recovery as HQ finance records it: with its reason as text (requests reuse it). */
export const recoveryData = z.object({ contractId: ledgerEntryId, recoveryId: ledgerEntryId, amountCents: positiveEuroCents, recoveredOn: isoDate, reason: z.string().min(1).max(500) });

export const FundsRecovered = defineEvent({
  type: 'FundsRecovered',
  description: 'HQ finance recovered money paid under a contract (unspent or ineligible), never more than was paid (a negative disbursement for IATI).',
  versions: [
    { version: 1, schema: recoveryData },
    { version: 2, schema: recoveryData.extend({ reason: freeText }), upcastFrom: reasonByReference },
  ],
  example: { contractId: 'T05-EUTF-NOA-LY-04-01', recoveryId: 'recovery-1', amountCents: 150_000_00, recoveredOn: '2020-12-01', reason: { textId: TEXT_ID } },
});

export const expenditureData = z.object({ contractId: ledgerEntryId, expenditureId: ledgerEntryId, period, amountCents: positiveEuroCents, category: expenditureCategory });

export const ExpenditureReported = defineEvent({
  type: 'ExpenditureReported',
  description: 'An implementing partner reported what it spent under its contract in a period, by budget heading (IATI transaction type 4, expenditure).',
  versions: [{ version: 1, schema: expenditureData }],
  example: {
    contractId: 'T05-EUTF-NOA-LY-04-01',
    expenditureId: 'expenditure-2017-h2-hr',
    period: { from: '2017-08-01', to: '2017-12-31' },
    amountCents: 2_500_000_00,
    category: 'human-resources',
  },
});

export const PROJECT_FUNDING_EVENTS = [
  CommitmentRecorded,
  CommitmentAmended,
  ContractSigned,
  TrancheRequested,
  TrancheApproved,
  TrancheRejected,
  TranchePaid,
  FundsRecovered,
  ExpenditureReported,
  FreeTextErased,
] as const;

export type ProjectFundingEvent = EventOf<(typeof PROJECT_FUNDING_EVENTS)[number]>;

/** Each free text a ledger event refers to (or, written before the free-text store, holds), with the field it was given in. */
export function fundingFreeTextsOf(event: ProjectFundingEvent): Array<{ field: string; text: StoredText }> {
  switch (event.type) {
    case 'CommitmentAmended':
    case 'TrancheRejected':
    case 'FundsRecovered':
      return [{ field: 'reason', text: event.data.reason }];
    default:
      return [];
  }
}
