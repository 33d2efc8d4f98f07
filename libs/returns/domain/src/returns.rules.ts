import { ruleBook, type RulesTable } from '@eutf/event-sourcing';

/**
 * The rules the returns context enforces, each with the HTTP status it is refused with and what it
 * says in the domain's words. The deciders refuse by these names, the API documents them, and
 * clients branch on them (the `rule` of a problem).
 *
 * 403: the actor may not act on this project; 409: the state conflicts with the request (already
 * recorded, closed, counted already); 422: the request makes no sense as it stands.
 */
export const RETURNS_RULES = {
  'partner-only': { status: 403, says: 'Only an implementing partner registers returns and reintegration' },
  'project-not-known': { status: 422, says: "No project is registered under this id (as far as the returns service has seen) that the partner implements" },
  'project-closed': { status: 409, says: 'The project is closed: no new return or case is recorded under it' },
  'date-in-the-future': { status: 422, says: 'A departure, arrival, delivery or closing date lies after today' },
  'host-is-origin': { status: 422, says: 'A return goes from a host country to another country: host and origin are the same' },
  'cell-repeated': { status: 422, says: 'A sex and age band cell is given more than once' },
  'operation-has-nobody': { status: 422, says: 'A return operation counts at least one person' },
  'vulnerability-exceeds-departed': { status: 422, says: 'A vulnerability count is larger than the number who departed' },
  'unaccompanied-minors-exceed-minors': { status: 422, says: 'More unaccompanied minors than departed minors (under 18)' },
  'operation-id-reused': { status: 409, says: 'The operation id is already used for another operation' },
  'operation-not-registered': { status: 422, says: 'No return operation is registered under this id' },
  'operation-already-arrived': { status: 409, says: 'The operation has already arrived: its arrival is confirmed once, and it can no longer be cancelled' },
  'operation-cancelled': { status: 409, says: 'The operation was cancelled' },
  'arrived-exceeds-departed': { status: 422, says: 'More people arrived than departed' },
  'arrival-before-departure': { status: 422, says: 'The arrival is dated before the departure' },
  'period-inverted': { status: 422, says: 'The period ends before it starts' },
  'breakdown-does-not-add-up': { status: 422, says: 'The breakdown by sex and age band does not add up to the count (or exceeds a "more than" or "around" count)' },
  'report-id-reused': { status: 409, says: 'The report id is already used for another report' },
  'returns-counted-twice': {
    status: 409,
    says: 'For one partner and project, a month of returns on one route is counted either by operations or by one period report, never both and never by two reports',
  },
  'region-not-in-country': { status: 422, says: 'The region of return is not a region of the country of return' },
  'case-repeated-in-batch': { status: 422, says: 'The same case is given twice in one registration' },
  'case-already-registered': { status: 409, says: 'The case is already registered with other facts' },
  'case-not-registered': { status: 422, says: 'No reintegration case is registered under this id' },
  'plan-already-approved': { status: 409, says: "The case's reintegration plan is already approved" },
  'plan-not-approved': { status: 409, says: 'Assistance is delivered, and a case completed, only under an approved plan' },
  'assistance-id-reused': { status: 409, says: 'The assistance id is already used for another delivery' },
  'completion-needs-assistance': { status: 409, says: 'A case is completed only after some assistance was delivered' },
  'case-closed': { status: 409, says: 'The case is completed or abandoned' },
  'reintegration-counted-twice': {
    status: 409,
    says: 'For one partner and project, a month of a reintegration stage in a country is counted either by cases or by one period report, never both and never by two reports',
  },
} as const satisfies RulesTable;

export type ReturnsRule = keyof typeof RETURNS_RULES;

/** The rules named, as the API documents them (`{ rule, status, detail }`), and a refusal by one of them, with the status it carries. */
export const { documentedRules, refuse } = ruleBook(RETURNS_RULES);
