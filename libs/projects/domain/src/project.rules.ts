import { ruleBook, type RulesTable } from '@eutf/event-sourcing';

/**
 * The rules the projects context enforces, each with the HTTP status it is refused with and what
 * it says in the domain's words. One place: the deciders refuse by these names, the API documents
 * them, and clients branch on them (the `rule` of a problem).
 *
 * 403: the actor may not do this on this project or country; 404: no such project for this actor
 * (absent and out of scope answer alike); 409: the state conflicts with the
 * request (already done, locked, waiting); 422: the request makes no sense for this project.
 */
export const PROJECT_RULES = {
  'officer-only': { status: 403, says: "Only a delegation officer of the project's (or partnership's) country may do this" },
  'officer-out-of-country': { status: 403, says: "The project or the country is not the officer's" },
  // A participating country's officer already reads the project: naming the rule tells them nothing new.
  'officer-not-lead-country': {
    status: 403,
    says: "Only the officer of the project's lead country manages it; the officers of its participating countries read it",
  },
  'lead-country-not-listed': { status: 422, says: "The lead country is one of the project's countries" },
  'partner-only': { status: 403, says: 'Only an implementing partner of the project may report results' },
  'approver-reported-it': { status: 403, says: 'Four eyes: the person who reported a result does not approve it' },
  'result-of-another-partner': { status: 403, says: "The result is another implementing partner's: only the partner that reports it drafts or submits it" },
  'project-already-registered': { status: 409, says: 'A project is already registered under this id' },
  'project-dates-inverted': { status: 422, says: 'The project ends before it starts' },
  // Absent, or not the caller's (another country's officer, a partner that does not implement it):
  // one answer, so that a command cannot be used to find out which projects exist.
  'project-not-registered': { status: 404, says: 'No project is registered under this id that the caller acts on' },
  'reference-already-assigned': { status: 409, says: 'The project already has its EUTF reference' },
  'reference-taken': { status: 409, says: 'The EUTF reference already names another project' },
  'implementation-already-started': { status: 409, says: 'Implementation has already started' },
  'only-implementation-suspends': { status: 409, says: 'Only a project in implementation can be suspended' },
  'project-not-suspended': { status: 409, says: 'Only a suspended project resumes' },
  'project-already-closed': { status: 409, says: 'The project is already closed' },
  'project-closed': { status: 409, says: 'The project is closed: nothing more is defined or reported on it' },
  'milestone-already-defined': { status: 409, says: 'The milestone is already defined' },
  'milestone-not-defined': { status: 422, says: 'The milestone is not defined for this project' },
  'milestone-already-reached': { status: 409, says: 'The milestone was already reached' },
  'indicator-already-defined': { status: 409, says: 'The indicator is already defined' },
  'indicator-not-defined': { status: 422, says: 'The indicator is not defined for this project' },
  'eutf-indicator-not-in-catalogue': {
    status: 422,
    says: 'The EUTF common output indicator is not in the named catalogue version (or there is no such version): only its codes are valid',
  },
  'period-inverted': { status: 422, says: 'The period ends before it starts' },
  'open-period-needs-cumulative-indicator': { status: 422, says: 'Only a cumulative indicator takes a value "since the project began"' },
  'result-period-locked': {
    status: 409,
    says: 'The result\'s period shares a day with a locked period (both ends count; a value "since the start" reaches every lock starting on or before its end): nothing is drafted or submitted for it',
  },
  'result-id-reused': { status: 409, says: 'The result id is already used for another indicator or period' },
  'result-pending-approval': { status: 409, says: 'The result is waiting for approval' },
  'result-already-approved': { status: 409, says: 'The result is approved and can no longer change' },
  'result-exists-for-period': { status: 409, says: 'Another result already reports this indicator for this period' },
  'disaggregation-dimension-not-declared': { status: 422, says: 'The result is broken down by a dimension its indicator does not declare' },
  'disaggregation-category-repeated': { status: 422, says: 'A category of a dimension is given more than once in the breakdown' },
  'disaggregation-does-not-add-up': { status: 422, says: 'A dimension of the submitted breakdown does not add up to the value (each dimension on its own)' },
  'result-not-found': { status: 422, says: 'No such result on this project' },
  'result-not-pending': { status: 409, says: 'The result is not pending approval' },
  'period-already-locked': { status: 409, says: 'The period is already locked' },
  'next-step-not-set': { status: 422, says: 'No such next step for this country' },
  'next-step-already-completed': { status: 409, says: 'The next step is already completed' },
  'entry-already-recorded': { status: 409, says: 'An entry with this id is already recorded' },
  'admin-only': { status: 403, says: 'Only an admin erases free text' },
  'free-text-not-found': { status: 422, says: 'No free text with this id belongs to this project (an older event holding its text inline cannot be erased)' },
  'free-text-already-erased': { status: 409, says: 'The free text is already erased' },
  'figure-scope-not-allowed': {
    status: 403,
    says: "A headquarters analyst reports figures for the programme, a region or a country; a delegation officer only for the officer's own country",
  },
  'figure-already-reported': { status: 409, says: 'A figure with this id is already reported for this scope: a corrected or later figure is reported under its own id, with its source' },
  'figure-amount-not-in-cents': { status: 422, says: 'An amount (unit "EUR cents") is a whole number of euro cents' },
} as const satisfies RulesTable;

export type ProjectsRule = keyof typeof PROJECT_RULES;

/** The rules named, as the API documents them (`{ rule, status, detail }`), and a refusal by one of them, with the status it carries. */
export const { documentedRules, refuse } = ruleBook(PROJECT_RULES);
