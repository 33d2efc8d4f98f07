/**
 * Codes of the International Aid Transparency Initiative (IATI) standard, version 2.03 codelists
 * TransactionType, ActivityStatus and OrganisationRole, with their codelist names, so that EUTF
 * data can be published as IATI activities. IATI writes codes as strings in XML: use String(code).
 */
export const IATI_TRANSACTION_TYPES = [
  { code: 1, name: 'Incoming Funds' },
  { code: 2, name: 'Outgoing Commitment' },
  { code: 3, name: 'Disbursement' },
  { code: 4, name: 'Expenditure' },
  { code: 5, name: 'Interest Payment' },
  { code: 6, name: 'Loan Repayment' },
  { code: 7, name: 'Reimbursement' },
  { code: 8, name: 'Purchase of Equity' },
  { code: 9, name: 'Sale of Equity' },
  { code: 10, name: 'Credit Guarantee' },
  { code: 11, name: 'Incoming Commitment' },
  { code: 12, name: 'Outgoing Pledge' },
  { code: 13, name: 'Incoming Pledge' },
] as const;

export type IatiTransactionTypeCode = (typeof IATI_TRANSACTION_TYPES)[number]['code'];

/** IATI ActivityStatus: where an activity is in its life. */
export const IATI_ACTIVITY_STATUSES = [
  { code: 1, name: 'Pipeline/identification' },
  { code: 2, name: 'Implementation' },
  { code: 3, name: 'Finalisation' },
  { code: 4, name: 'Closed' },
  { code: 5, name: 'Cancelled' },
  { code: 6, name: 'Suspended' },
] as const;

export type IatiActivityStatusCode = (typeof IATI_ACTIVITY_STATUSES)[number]['code'];

/** IATI OrganisationRole: the part an organisation plays in an activity. */
export const IATI_ORGANISATION_ROLES = [
  { code: 1, name: 'Funding' },
  { code: 2, name: 'Accountable' },
  { code: 3, name: 'Extending' },
  { code: 4, name: 'Implementing' },
] as const;

export type IatiOrganisationRoleCode = (typeof IATI_ORGANISATION_ROLES)[number]['code'];
