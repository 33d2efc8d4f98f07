import type { ProjectStatus } from '@eutf/event-catalog';
import {
  EUTF_STRATEGIC_OBJECTIVES,
  EUTF_WINDOWS,
  GCM_OBJECTIVES,
  JVAP_DOMAINS,
  PONAM_AXES,
  type IatiActivityStatusCode,
  type IatiOrganisationRoleCode,
} from '@eutf/reference-data';
import type { FinanceDoc, FinanceTransaction } from '../../read-models/finance.projection';
import type { ProjectRegisterDoc, ResultView } from '../../read-models/project-register.projection';
import { element, renderXmlDocument, text, type XmlElement } from './xml';

/**
 * The IATI 2.03 activity file of EUTF projects: one `<iati-activity>` per project, built from the
 * read models alone. What the read models do not know is left out rather than made up; where the
 * schema requires something we lack, the choice is written beside it.
 */

/**
 * The EUTF is managed by the European Commission's Directorate-General for International
 * Partnerships (INTPA), which publishes the EU's development activities to IATI under this
 * organisation identifier; IATI OrganisationType 15 is "Other Public Sector", as the Commission
 * reports itself.
 */
export const EU_REPORTING_ORG = { ref: 'XI-IATI-EC_INTPA', type: '15', name: 'European Commission - International Partnerships' } as const;

export const IATI_VERSION = '2.03';

const ACTIVITY_STATUS: Record<ProjectStatus, IatiActivityStatusCode> = { pipeline: 1, implementation: 2, suspended: 6, closed: 4 };
const ROLE: Record<'funding' | 'extending' | 'implementing', IatiOrganisationRoleCode> = { funding: 1, extending: 3, implementing: 4 };
/** IATI ActivityDateType. */
const PLANNED_START = '1';
const PLANNED_END = '3';
/** IATI BudgetType 1 Original, BudgetStatus 1 Indicative: the EU contribution registered with the action, not a binding commitment (that is transaction type 2). */
const ORIGINAL_INDICATIVE = { type: '1', status: '1' } as const;
/** IATI ResultType 1 Output: the EUTF's indicators are output indicators. IndicatorMeasure 1 Unit, 2 Percentage. */
const OUTPUT = '1';
/** IATI vocabularies 99: "Reporting Organisation" — the EUTF's own codes (indicator, tag). */
const REPORTING_ORG_VOCABULARY = '99';
/** IATI OtherIdentifierType A1: the reporting organisation's internal activity identifier. */
const INTERNAL_ID = 'A1';

/** One project as the file shows it: its register entry and, when the ledger holds anything, its funding. */
export interface IatiActivitySource {
  project: ProjectRegisterDoc;
  funding: FinanceDoc | undefined;
}

/**
 * Euro cents as a decimal euro amount, exactly: integer arithmetic on safe integers, never a float
 * division (9000000000 → "90000000.00"; reversals are negative).
 */
export function decimalEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of euro cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  return `${sign}${Math.trunc(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}

/** `iati-identifier`: the reporting organisation's identifier, then the EUTF reference or, until one is assigned, the provisional id. */
export function iatiIdentifierOf(project: Pick<ProjectRegisterDoc, 'reference' | 'projectId'>): string {
  return `${EU_REPORTING_ORG.ref}-${project.reference ?? project.projectId}`;
}

const isDay = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date);

/** A date as precise as known, as the first day it may be: `2017-05` → 2017-05-01, `2017` → 2017-01-01. */
function firstDayOf(date: string): string {
  return isDay(date) ? date : date.length === 7 ? `${date}-01` : `${date}-01-01`;
}

/** …and as the last: `2020-03` → 2020-03-31, `2020` → 2020-12-31. */
function lastDayOf(date: string): string {
  if (isDay(date)) return date;
  if (date.length === 4) return `${date}-12-31`;
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${date}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
}

const precisionNote = (date: string) => (isDay(date) ? null : `${date}: the source gives the ${date.length === 7 ? 'month' : 'year'} only`);

const narrative = (value: string) => element('narrative', {}, text(value));

function reportingOrg(): XmlElement {
  return element('reporting-org', { ref: EU_REPORTING_ORG.ref, type: EU_REPORTING_ORG.type }, narrative(EU_REPORTING_ORG.name));
}

/**
 * The schema requires a description; the register keeps none (no free text about a project is
 * held here). It is composed of what the register does know: the fund, the framework and the window.
 */
function description(project: ProjectRegisterDoc): XmlElement {
  const window = EUTF_WINDOWS.find((candidate) => candidate.code === project.window);
  const sentence = `Action of the EU Emergency Trust Fund for Africa (EUTF) under the EU–Africa Partnership Framework on migration${window ? `, EUTF window ${window.name} (${window.code})` : ''}.`;
  return element('description', { type: '1' }, narrative(sentence));
}

function participatingOrgs(project: ProjectRegisterDoc): XmlElement[] {
  const eu = (role: IatiOrganisationRoleCode) => element('participating-org', { ref: EU_REPORTING_ORG.ref, type: EU_REPORTING_ORG.type, role }, narrative(EU_REPORTING_ORG.name));
  // Partners are known by the names the register gives them; their IATI organisation identifiers are not kept, so none is written.
  return [eu(ROLE.funding), eu(ROLE.extending), ...project.implementingPartners.map((partner) => element('participating-org', { role: ROLE.implementing }, narrative(partner)))];
}

/** The earliest date the register holds of a project, and what it is: where no start is known, the schema still wants a date. */
function earliestKnown(project: ProjectRegisterDoc): { date: string; what: string } {
  const known = [
    ...(project.adoptedOn ? [{ date: firstDayOf(project.adoptedOn), what: 'its adoption by the EUTF' }] : []),
    ...project.results
      .filter((candidate) => candidate.status === 'approved')
      .flatMap((candidate) => [
        ...(candidate.period.from ? [{ date: candidate.period.from, what: 'the start of a period it reported on' }] : []),
        { date: candidate.period.to, what: 'the end of a period it reported on' },
      ]),
    ...project.milestones.flatMap((milestone) => [
      { date: milestone.dueDate, what: "a milestone's due date" },
      ...(milestone.reachedOn ? [{ date: milestone.reachedOn, what: 'a milestone reached' }] : []),
    ]),
    { date: project.registeredAt.slice(0, 10), what: 'its registration in EUTF monitoring' },
  ];
  return known.reduce((earliest, candidate) => (candidate.date < earliest.date ? candidate : earliest));
}

/**
 * The planned start and end, as precise as known (a month or a year is given as its first or last
 * day, and the narrative says so). The schema requires at least one date: a project registered
 * with neither gets the earliest date the register holds of it as planned start (its adoption, a
 * reported period, a milestone, else its registration), and the narrative says that it is only that.
 */
function activityDates(project: ProjectRegisterDoc): XmlElement[] {
  const dated = (type: string, isoDate: string, note: string | null) => element('activity-date', { type, 'iso-date': isoDate }, note ? narrative(note) : null);
  const dates = [
    project.startDate ? dated(PLANNED_START, firstDayOf(project.startDate), precisionNote(project.startDate)) : null,
    project.endDate ? dated(PLANNED_END, lastDayOf(project.endDate), precisionNote(project.endDate)) : null,
  ].filter((date): date is XmlElement => date !== null);
  if (dates.length > 0) return dates;
  const { date, what } = earliestKnown(project);
  return [dated(PLANNED_START, date, `No start date is known: ${date} is the earliest date EUTF monitoring holds of this action, ${what}`)];
}

/** The project's objectives as tags of the EUTF's own vocabulary: EUTF strategic objectives, Joint Valletta Action Plan domains, GCM objectives, PONAM axes. */
function tags(project: ProjectRegisterDoc): XmlElement[] {
  const { eutfStrategicObjectives, vallettaDomains, gcmObjectives, ponamAxes } = project.objectives;
  const tagged = (prefix: string, label: string, numbers: readonly number[], list: ReadonlyArray<{ number: number; title: string }>) =>
    numbers.map((number) => {
      const title = list.find((entry) => entry.number === number)?.title;
      return element('tag', { vocabulary: REPORTING_ORG_VOCABULARY, code: `${prefix}-${number}` }, narrative(`${label} ${number}${title ? `: ${title}` : ''}`));
    });
  return [
    ...tagged('EUTF-SO', 'EUTF strategic objective', eutfStrategicObjectives, EUTF_STRATEGIC_OBJECTIVES),
    ...tagged('JVAP', 'Joint Valletta Action Plan domain', vallettaDomains, JVAP_DOMAINS),
    ...tagged('GCM', 'Global Compact for Migration objective', gcmObjectives, GCM_OBJECTIVES),
    ...tagged('PONAM', 'Mali National Migration Policy (PONAM) axis', ponamAxes, PONAM_AXES),
  ];
}

const euros = (cents: number, valueDate: string) => element('value', { currency: 'EUR', 'value-date': valueDate }, text(decimalEuros(cents)));

/** The EU contribution registered with the action, over its life; a budget needs exact start and end days, so one known less precisely has none. */
function budget(project: ProjectRegisterDoc): XmlElement | null {
  const { euContributionCents, startDate, endDate } = project;
  if (euContributionCents === null || !startDate || !endDate || !isDay(startDate) || !isDay(endDate)) return null;
  return element(
    'budget',
    ORIGINAL_INDICATIVE,
    element('period-start', { 'iso-date': startDate }),
    element('period-end', { 'iso-date': endDate }),
    euros(euContributionCents, startDate),
  );
}

/** A movement of the funding ledger with its IATI transaction type (2 commitment, 3 disbursement, 4 expenditure); reversals are negative values. */
function transaction(movement: FinanceTransaction): XmlElement {
  const fromEu = movement.iatiTransactionType !== 4;
  return element(
    'transaction',
    {},
    element('transaction-type', { code: movement.iatiTransactionType }),
    element('transaction-date', { 'iso-date': movement.date }),
    euros(movement.amountCents, movement.date),
    fromEu ? element('provider-org', { ref: EU_REPORTING_ORG.ref, type: EU_REPORTING_ORG.type }, narrative(EU_REPORTING_ORG.name)) : null,
    fromEu && movement.partnerOrg ? element('receiver-org', {}, narrative(movement.partnerOrg)) : null,
  );
}

const QUALIFIERS: Record<NonNullable<ResultView['valueQualifier']>, string> = {
  'more-than': 'More than this value: the partner reported a lower bound',
  around: 'About this value: the partner reported an estimate',
};

/** An approved result as a period's actual, with what qualifies it: then one actual per category of each reported dimension. */
function actuals(result: ResultView, note: string | null): XmlElement[] {
  const said = [result.valueQualifier ? QUALIFIERS[result.valueQualifier] : null, note].filter((part): part is string => part !== null);
  const comment = said.length > 0 ? element('comment', {}, narrative(said.join('. '))) : null;
  return [
    element('actual', { value: result.value }, comment),
    ...result.disaggregation.map((part) => element('actual', { value: part.value }, element('dimension', { name: part.dimension, value: part.category }))),
  ];
}

/**
 * The period an approved result goes in. A period must start on a day: a running total "since the
 * project began" starts on the project's start (its first day as known); with no start known, it is
 * the total on the day it ends, a period of that one day, and its comment says so.
 */
function periodOf(project: ProjectRegisterDoc, result: ResultView): { start: string; end: string; note: string | null } {
  if (result.period.from !== null) return { start: result.period.from, end: result.period.to, note: null };
  if (project.startDate) return { start: firstDayOf(project.startDate), end: result.period.to, note: 'A running total since the project began' };
  return { start: result.period.to, end: result.period.to, note: `A running total since the project began (its start is not known), on ${result.period.to}` };
}

/**
 * One result per indicator, its approved results as periods (see periodOf). The indicator's
 * target is for the project's life: it is given on a period of the project's planned start to end
 * when both are known, else on the last reported period. Its baseline needs a year: the project's
 * start year, else it is left out.
 */
function result(project: ProjectRegisterDoc, indicator: ProjectRegisterDoc['indicators'][number]): XmlElement {
  const periods = project.results
    .filter((candidate) => candidate.indicatorId === indicator.indicatorId && candidate.status === 'approved')
    .map((candidate) => ({ ...periodOf(project, candidate), result: candidate }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.result.resultId.localeCompare(b.result.resultId));
  const target = indicator.target === null ? null : element('target', { value: indicator.target }, element('comment', {}, narrative("The project's target over its whole life")));
  const life = project.startDate && project.endDate ? { start: firstDayOf(project.startDate), end: lastDayOf(project.endDate) } : null;
  const periodElement = (start: string, end: string, ...content: Array<XmlElement | null | XmlElement[]>) =>
    element('period', {}, element('period-start', { 'iso-date': start }), element('period-end', { 'iso-date': end }), ...content.flat());
  const targetOnLife = target && life ? periodElement(life.start, life.end, target) : null;
  const last = periods.length - 1;
  const reported = periods.map((period, index) => periodElement(period.start, period.end, !targetOnLife && index === last ? target : null, actuals(period.result, period.note)));
  const baseline =
    indicator.baseline !== null && project.startDate
      ? element('baseline', { year: project.startDate.slice(0, 4), 'iso-date': isDay(project.startDate) ? project.startDate : null, value: indicator.baseline })
      : null;
  const measure = /%|percent/i.test(indicator.unit) ? '2' : '1';
  return element(
    'result',
    { type: OUTPUT },
    element('title', {}, narrative(indicator.title)),
    element(
      'indicator',
      { measure },
      element('title', {}, narrative(indicator.title)),
      element('description', {}, narrative(`Unit: ${indicator.unit}; ${indicator.measurement === 'cumulative' ? 'a cumulative value' : 'a value per period'}`)),
      indicator.eutfIndicator ? element('reference', { vocabulary: REPORTING_ORG_VOCABULARY, code: indicator.eutfIndicator.code }) : null,
      baseline,
      targetOnLife,
      reported,
    ),
  );
}

function activity({ project, funding }: IatiActivitySource): XmlElement {
  const movements = [...(funding?.transactions ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  return element(
    'iati-activity',
    { 'default-currency': 'EUR' },
    element('iati-identifier', {}, text(iatiIdentifierOf(project))),
    reportingOrg(),
    element('title', {}, narrative(project.title)),
    description(project),
    participatingOrgs(project),
    project.reference !== null && project.reference !== project.projectId ? element('other-identifier', { ref: project.projectId, type: INTERNAL_ID }) : null,
    element('activity-status', { code: ACTIVITY_STATUS[project.status] }),
    activityDates(project),
    project.countries.map((country) => element('recipient-country', { code: country })),
    tags(project),
    budget(project),
    movements.map(transaction),
    project.indicators.map((indicator) => result(project, indicator)),
  );
}

/**
 * The IATI 2.03 activity file of these projects (at least one: the schema requires an activity).
 * Element order follows the schema's sequences (iati-activities-schema.xsd).
 */
export function buildIatiActivities(sources: readonly IatiActivitySource[], generatedAt: string): string {
  if (sources.length === 0) throw new RangeError('an IATI activity file holds at least one activity');
  return renderXmlDocument(element('iati-activities', { version: IATI_VERSION, 'generated-datetime': generatedAt }, sources.map(activity)));
}
