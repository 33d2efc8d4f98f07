import { ruleBook, type RulesTable } from '@eutf/event-sourcing';

/**
 * The rules the disbursements context enforces, each with the HTTP status it is refused with and
 * what it says in the domain's words. The decider refuses by these names, the API documents them,
 * and clients branch on them (the `rule` of a problem).
 *
 * 403: the actor may not do this on this project or contract; 409: the ledger's state conflicts
 * with the request (already done, not yet possible, the project not open); 422: the request makes
 * no sense for this ledger (an amount it cannot hold, something that does not exist).
 */
export const FUNDING_RULES = {
  'finance-only': { status: 403, says: 'Only HQ finance records commitments, contracts, payments and recoveries' },
  'officer-only': { status: 403, says: "Only a delegation officer of the project's country approves or rejects a tranche request" },
  'partner-only': { status: 403, says: 'Only an implementing partner requests tranches and reports expenditure' },
  'partner-not-contractor': { status: 403, says: "A partner requests tranches and reports expenditure only under its own contract" },
  // The participating country's officer reads the project: naming the rule tells them nothing new.
  'officer-not-lead-country': {
    status: 403,
    says: "Only the officer of the project's lead country approves or rejects its tranche requests; a participating country's officer reads its ledger",
  },
  'project-unknown': {
    status: 409,
    says: "This service has not seen the project registered (it may not have arrived yet: retry after the delay given), or it is not the caller's (another country's, or a project the partner does not implement)",
  },
  'project-not-open': { status: 409, says: 'The project is suspended or closed: no new contract or tranche request' },
  'amount-not-whole-cents': { status: 422, says: 'An amount is a positive whole number of euro cents, below 2^53' },
  'commitment-already-recorded': { status: 409, says: 'The commitment is already recorded: amend it instead' },
  'commitment-not-recorded': { status: 422, says: 'No commitment is recorded for the project yet' },
  'decommitment-below-contracted': { status: 422, says: 'A de-commitment may not take the commitment below what is contracted' },
  'contracts-exceed-commitment': { status: 422, says: 'The contracts would add up to more than is committed (after amendments)' },
  'contract-already-signed': { status: 409, says: 'A contract with this id is already signed' },
  'contract-dates-inverted': { status: 422, says: 'The contract ends before it starts' },
  'partner-not-implementing': { status: 422, says: 'The organisation is not an implementing partner of the project' },
  'contract-unknown': { status: 422, says: 'No contract with this id is signed on the project' },
  'period-inverted': { status: 422, says: 'The period ends before it starts' },
  'tranche-already-requested': { status: 409, says: 'A tranche with this id is already requested' },
  'requests-exceed-contract': { status: 422, says: "The contract's open requests and payments would add up to more than it is signed for" },
  'tranche-unknown': { status: 422, says: 'No tranche with this id is requested under this contract' },
  'tranche-not-pending': { status: 409, says: 'Only a requested tranche, not yet decided, is approved or rejected' },
  'tranche-not-approved': { status: 409, says: 'A tranche is paid only after its approval' },
  'tranche-already-paid': { status: 409, says: 'The tranche is already paid: a tranche is paid once' },
  'payment-not-approved-amount': { status: 422, says: 'A tranche is paid exactly the amount approved' },
  'recovery-already-recorded': { status: 409, says: 'A recovery with this id is already recorded' },
  'recovery-exceeds-paid': { status: 422, says: 'The recoveries under a contract would add up to more than was paid under it' },
  'expenditure-already-reported': { status: 409, says: 'An expenditure report with this id is already recorded' },
  'admin-only': { status: 403, says: 'Only an admin erases free text' },
  'free-text-not-found': { status: 422, says: 'No free text with this id belongs to this ledger (an older event holding its text inline cannot be erased)' },
  'free-text-already-erased': { status: 409, says: 'The free text is already erased' },
} as const satisfies RulesTable;

export type FundingRule = keyof typeof FUNDING_RULES;

/** The rules named, as the API documents them (`{ rule, status, detail }`), and a refusal by one of them, with the status it carries. */
export const { documentedRules: documentedFundingRules, refuse: refuseFunding } = ruleBook(FUNDING_RULES);
