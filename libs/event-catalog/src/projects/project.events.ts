import { defineEvent, type EventOf } from '@eutf/event-sourcing';
import { eutfWindowCodeSchema } from '@eutf/reference-data';
import { z } from 'zod';
import { FreeTextErased, freeText, legacyText, linksAsText, type StoredText } from '../shared/free-text';
import { partialDate } from './dates';

const isoDate = z.iso.date();
const period = z.object({ from: isoDate, to: isoDate });

// Each list holds codes of a closed list, so it is never longer than that list.
const objectives = z.object({
  eutfStrategicObjectives: z.array(z.number().int().min(1).max(6)).max(6),
  vallettaDomains: z.array(z.number().int().min(1).max(5)).max(5),
  gcmObjectives: z.array(z.number().int().min(1).max(23)).max(23),
  ponamAxes: z.array(z.number().int().min(1).max(8)).max(8),
});

/** More implementing partners than any EUTF action has had: a bound, not a rule of the domain. */
const MAX_IMPLEMENTING_PARTNERS = 30;
/** A milestone's, an indicator's or a result's id within its project, or an organisation's: bounded like every id. */
const entityId = z.string().min(1).max(100);

const projectRegisteredV1 = z.object({
  projectId: z.string().min(1),
  reference: z.string().min(1),
  title: z.string().min(1),
  window: eutfWindowCodeSchema,
  countries: z.array(z.string().length(2)).min(1),
  implementingPartners: z.array(z.string().min(1)).min(1),
  euContributionCents: z.number().int().nonnegative(),
  startDate: isoDate,
  endDate: isoDate,
  objectives,
});

/**
 * Version 2 also registers actions known
 * only from documents: their EUTF reference, window, amount, partners and dates may not be known
 * yet (null), and dates may be known only to the month or year.
 */
const projectRegisteredV2 = z.object({
  projectId: z.string().min(1),
  /** Null while the EUTF reference is not known; the project is then known by its provisional id. */
  reference: z.string().min(1).nullable(),
  title: z.string().min(1).max(300),
  window: eutfWindowCodeSchema.nullable(),
  countries: z.array(z.string().length(2)).min(1),
  implementingPartners: z.array(entityId).max(MAX_IMPLEMENTING_PARTNERS),
  euContributionCents: z.number().int().nonnegative().nullable(),
  /** When the EUTF operational committee adopted the action, if known. */
  adoptedOn: partialDate.nullable(),
  startDate: partialDate.nullable(),
  endDate: partialDate.nullable(),
  objectives,
});

/**
 * What registering a project records; requests reuse it. Version 3 names the project's lead
 * country, one of `countries`: its officer manages the project, and the reports attribute the
 * project's money and results to it alone; the other countries participate (they read it).
 */
export const projectRegisteredData = projectRegisteredV2.extend({
  leadCountry: z.string().length(2),
});

export const ProjectRegistered = defineEvent({
  type: 'ProjectRegistered',
  description: 'A delegation officer registered an EUTF project (a contract under an EUTF programme), or an action known so far only from documents.',
  versions: [
    { version: 1, schema: projectRegisteredV1 },
    {
      version: 2,
      schema: projectRegisteredV2,
      upcastFrom: (previous) => ({ ...(previous as z.infer<typeof projectRegisteredV1>), adoptedOn: null }),
    },
    {
      version: 3,
      schema: projectRegisteredData,
      // Before the lead was named, the first country listed was the one registering officers put first:
      // it is the lead an older registration is read with.
      upcastFrom: (previous) => {
        const registration = previous as z.infer<typeof projectRegisteredV2>;
        return { ...registration, leadCountry: registration.countries[0] };
      },
    },
  ],
  example: {
    projectId: 'T05-EUTF-SAH-ML-07',
    reference: 'T05-EUTF-SAH-ML-07',
    title: 'Support to the reintegration of returnees in Mali',
    window: 'SAH',
    countries: ['ML'],
    leadCountry: 'ML',
    implementingPartners: ['IOM'],
    euContributionCents: 15_000_000_00,
    adoptedOn: '2016-12',
    startDate: '2017-04-01',
    endDate: '2020-03-31',
    objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
  },
});

/** A project whose EUTF reference was not known at registration has it now. */
export const ProjectReferenceAssigned = defineEvent({
  type: 'ProjectReferenceAssigned',
  description: 'The EUTF reference of a project registered without one became known; the project keeps its id.',
  versions: [{ version: 1, schema: z.object({ reference: z.string().min(1) }) }],
  example: { reference: 'T05-EUTF-SAH-ML-04' },
});

export const ProjectImplementationStarted = defineEvent({
  type: 'ProjectImplementationStarted',
  description: 'Implementation began (IATI activity status 2).',
  versions: [
    { version: 1, schema: z.object({ startedOn: isoDate }) },
    // Documents may say only "since May 2017".
    { version: 2, schema: z.object({ startedOn: partialDate }), upcastFrom: (previous) => previous },
  ],
  example: { startedOn: '2017-04-01' },
});

/** An erasable text's example id; any uuid. */
const TEXT_ID = '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10';
const LINKS_TEXT_ID = '0d3e2b7a-6f1c-4b8e-9a51-7c2d4e6f8a90';

/** Version 1 held a reason as text; from version 2 on it is a free-text reference, the text kept apart (erasable). */
const reasonByReference = (previous: unknown) => {
  const { reason, ...rest } = previous as { reason: string };
  return { ...rest, reason: legacyText(reason) };
};

export const ProjectSuspended = defineEvent({
  type: 'ProjectSuspended',
  description: 'Implementation was suspended (IATI activity status 6); the reason is a free text kept apart, by reference.',
  versions: [
    { version: 1, schema: z.object({ suspendedOn: isoDate, reason: z.string().min(1).max(500) }) },
    { version: 2, schema: z.object({ suspendedOn: isoDate, reason: freeText }), upcastFrom: reasonByReference },
  ],
  example: { suspendedOn: '2018-01-15', reason: { textId: TEXT_ID } },
});

export const ProjectResumed = defineEvent({
  type: 'ProjectResumed',
  description: 'Implementation resumed after a suspension.',
  versions: [{ version: 1, schema: z.object({ resumedOn: isoDate }) }],
  example: { resumedOn: '2018-03-01' },
});

export const ProjectClosed = defineEvent({
  type: 'ProjectClosed',
  description: 'The project closed (IATI activity status 4); nothing more is reported on it.',
  versions: [{ version: 1, schema: z.object({ closedOn: isoDate }) }],
  example: { closedOn: '2020-03-31' },
});

export const milestoneDefinedData = z.object({ milestoneId: entityId, title: z.string().min(1).max(300), dueDate: isoDate });

export const MilestoneDefined = defineEvent({
  type: 'MilestoneDefined',
  description: 'A milestone the project is to reach by a date.',
  versions: [{ version: 1, schema: milestoneDefinedData }],
  example: { milestoneId: 'm1', title: 'Reintegration counselling centre open in Bamako', dueDate: '2017-09-30' },
});

export const MilestoneReached = defineEvent({
  type: 'MilestoneReached',
  description: 'A milestone was reached, with links to the evidence.',
  versions: [
    { version: 1, schema: z.object({ milestoneId: z.string().min(1), reachedOn: isoDate, evidenceLinks: z.array(z.url()).max(20) }) },
    {
      version: 2,
      // Links may name people (a file name, a photo's page): a free text by reference, null when none.
      schema: z.object({ milestoneId: z.string().min(1), reachedOn: isoDate, evidenceLinks: freeText.nullable() }),
      upcastFrom: (previous) => {
        const { evidenceLinks, ...rest } = previous as { evidenceLinks: string[] };
        return { ...rest, evidenceLinks: legacyText(linksAsText(evidenceLinks)) };
      },
    },
  ],
  example: { milestoneId: 'm1', reachedOn: '2017-09-12', evidenceLinks: { textId: LINKS_TEXT_ID } },
});

export const MilestoneDelayed = defineEvent({
  type: 'MilestoneDelayed',
  description: 'A milestone moved to a later date, and why.',
  versions: [
    { version: 1, schema: z.object({ milestoneId: z.string().min(1), newDueDate: isoDate, reason: z.string().min(1).max(500) }) },
    { version: 2, schema: z.object({ milestoneId: z.string().min(1), newDueDate: isoDate, reason: freeText }), upcastFrom: reasonByReference },
  ],
  example: { milestoneId: 'm1', newDueDate: '2017-12-31', reason: { textId: TEXT_ID } },
});

/** A due date entered wrongly, put right: unlike a delay, the plan did not change, so no reason is asked. */
export const MilestoneDueDateCorrected = defineEvent({
  type: 'MilestoneDueDateCorrected',
  description: "A milestone's due date was entered wrongly and is corrected; the milestone was not delayed.",
  versions: [{ version: 1, schema: z.object({ milestoneId: z.string().min(1), dueDate: isoDate }) }],
  example: { milestoneId: 'm1', dueDate: '2017-10-31' },
});

export const disaggregationDimension = z.enum(['sex', 'age-band', 'vulnerability', 'region']);
export type DisaggregationDimension = z.infer<typeof disaggregationDimension>;

const indicatorFields = {
  indicatorId: entityId,
  title: z.string().min(1).max(300),
  eutfIndicator: z.object({ code: z.string().min(1).max(20), catalogueVersion: z.string().min(1).max(20) }).nullable(),
  unit: z.string().min(1).max(50),
  baseline: z.number().nonnegative(),
  target: z.number().nonnegative(),
  measurement: z.enum(['cumulative', 'per-period']),
  disaggregation: z.array(disaggregationDimension).max(disaggregationDimension.options.length),
};

/** Version 2: a baseline or target not set (yet) is null, never a made-up zero. */
export const indicatorDefinedData = z.object({
  ...indicatorFields,
  baseline: z.number().nonnegative().nullable(),
  target: z.number().nonnegative().nullable(),
});

export const IndicatorDefined = defineEvent({
  type: 'IndicatorDefined',
  description: 'An indicator of the project, optionally mapped to an EUTF common output indicator.',
  versions: [
    { version: 1, schema: z.object(indicatorFields) },
    { version: 2, schema: indicatorDefinedData, upcastFrom: (previous) => previous },
  ],
  example: {
    indicatorId: 'returns',
    title: 'Malians assisted to return voluntarily',
    eutfIndicator: { code: '3.4', catalogueVersion: '2021' },
    unit: 'people',
    baseline: 0,
    target: 20_000,
    measurement: 'cumulative',
    disaggregation: ['sex'],
  },
});

const sex = z.enum(['female', 'male']);
const ageBand = z.enum(['0-17', '18-34', '35-59', '60+']);

/** Versions 1 and 2: a part of the value by sex and/or age band; nothing else could be reported. */
const disaggregatedValueV1 = z.object({
  sex: sex.optional(),
  ageBand: ageBand.optional(),
  value: z.number().nonnegative(),
});

const count = z.number().int().nonnegative();
/** A category of a dimension whose values are not fixed here (e.g. "victim of trafficking", "Kayes"). */
const categoryLabel = z.string().trim().min(1).max(100);

/**
 * Version 3: how many of the result's value fall in one category of one dimension. Every dimension
 * an indicator may declare can be reported; each reported dimension adds up to the value on its
 * own (the decider checks it), as Akvo RSR reports values per dimension value.
 */
export const disaggregatedCount = z.discriminatedUnion('dimension', [
  z.object({ dimension: z.literal('sex'), category: sex, value: count }),
  z.object({ dimension: z.literal('age-band'), category: ageBand, value: count }),
  z.object({ dimension: z.literal('vulnerability'), category: categoryLabel, value: count }),
  z.object({ dimension: z.literal('region'), category: categoryLabel, value: count }),
]);
export type DisaggregatedCount = z.infer<typeof disaggregatedCount>;

/**
 * Reads version 2 parts as counts per dimension: a part naming a sex and an age band (a cell of a
 * cross-table) counts in both dimensions, so each dimension keeps the total it had. A part naming
 * neither said nothing about any dimension and has no counterpart; the stored event still holds it.
 */
function countsPerDimension(parts: ReadonlyArray<z.infer<typeof disaggregatedValueV1>>): DisaggregatedCount[] {
  const counts = new Map<string, DisaggregatedCount>();
  const add = (part: DisaggregatedCount) => {
    const key = `${part.dimension}/${part.category}`;
    const previous = counts.get(key);
    counts.set(key, previous ? { ...previous, value: previous.value + part.value } : part);
  };
  for (const part of parts) {
    if (part.sex) add({ dimension: 'sex', category: part.sex, value: part.value });
    if (part.ageBand) add({ dimension: 'age-band', category: part.ageBand, value: part.value });
  }
  return [...counts.values()];
}

const resultFieldsV1 = {
  resultId: entityId,
  indicatorId: entityId,
  period,
  value: z.number().nonnegative(),
  disaggregation: z.array(disaggregatedValueV1),
  narrative: z.string().max(2_000),
  evidenceLinks: z.array(z.url()).max(20),
};

/**
 * Version 2: a cumulative value may be reported "since the project began" without its start date
 * being known (`period.from` null; the period still ends on a known day), and a value may be
 * qualified.
 */
const resultFieldsV2 = {
  ...resultFieldsV1,
  period: z.object({ from: isoDate.nullable(), to: isoDate }),
  /** Reports often give "more than 4,000" or "around 500": the value is then a bound or an estimate. */
  valueQualifier: z.enum(['more-than', 'around']).nullable(),
};

/** Version 3: the value broken down by any dimension, in whole counts per category. */
export const resultFields = {
  ...resultFieldsV2,
  // Two sexes, a handful of age bands, a few vulnerabilities and the regions of one country.
  disaggregation: z.array(disaggregatedCount).max(200),
};

/** A partner's value for an indicator and period, as the partner gives it (requests reuse it): with its narrative and links as text. */
export const resultData = z.object(resultFields);

/**
 * Version 5: the narrative and the evidence links are free texts kept apart, by reference (null
 * when none was given), so that they can be erased; the log keeps only their ids.
 */
const resultFieldsV5 = { ...resultFields, narrative: freeText.nullable(), evidenceLinks: freeText.nullable() };

/**
 * Version 4: the organisation that reports the result, from its token. In a project with several
 * partners each one's results are its own: another partner neither changes nor sees them before
 * approval. Null for results recorded before it was kept.
 */
const reporter = {
  reportingOrg: z.string().min(1).nullable(),
  /** The pseudonymous subject of the partner's user who reported it: never the one who approves it. */
  reportingSubject: z.string().min(1).nullable(),
};
const resultEventDataV4 = resultData.extend(reporter);
export const resultEventData = z.object({ ...resultFieldsV5, ...reporter });
const resultVersions = [
  { version: 1, schema: z.object(resultFieldsV1) },
  { version: 2, schema: z.object(resultFieldsV2), upcastFrom: (previous: unknown) => ({ ...(previous as object), valueQualifier: null }) },
  {
    version: 3,
    schema: resultData,
    upcastFrom: (previous: unknown) => {
      const v2 = previous as z.infer<z.ZodObject<typeof resultFieldsV2>>;
      return { ...v2, disaggregation: countsPerDimension(v2.disaggregation) };
    },
  },
  { version: 4, schema: resultEventDataV4, upcastFrom: (previous: unknown) => ({ ...(previous as object), reportingOrg: null, reportingSubject: null }) },
  {
    version: 5,
    schema: resultEventData,
    upcastFrom: (previous: unknown) => {
      const v4 = previous as z.infer<typeof resultEventDataV4>;
      return { ...v4, narrative: legacyText(v4.narrative), evidenceLinks: legacyText(linksAsText(v4.evidenceLinks)) };
    },
  },
] as const;

export const ResultDrafted = defineEvent({
  type: 'ResultDrafted',
  description: 'An implementing partner saved a draft value for an indicator and period (not yet visible to reports).',
  versions: resultVersions,
  example: {
    resultId: 'returns-2017-h1',
    indicatorId: 'returns',
    period: { from: '2017-01-01', to: '2017-06-30' },
    value: 1_000,
    valueQualifier: null,
    disaggregation: [],
    narrative: { textId: TEXT_ID },
    evidenceLinks: null,
    reportingOrg: 'IOM',
    reportingSubject: 'iom-reporter-1',
  },
});

export const ResultSubmitted = defineEvent({
  type: 'ResultSubmitted',
  description: 'An implementing partner submitted a value for approval (pending approval).',
  versions: resultVersions,
  example: {
    resultId: 'returns-2017-h1',
    indicatorId: 'returns',
    period: { from: '2017-01-01', to: '2017-06-30' },
    value: 1_000,
    valueQualifier: null,
    disaggregation: [
      { dimension: 'sex', category: 'female', value: 150 },
      { dimension: 'sex', category: 'male', value: 850 },
    ],
    narrative: { textId: TEXT_ID },
    evidenceLinks: null,
    reportingOrg: 'IOM',
    reportingSubject: 'iom-reporter-1',
  },
});

export const ResultApproved = defineEvent({
  type: 'ResultApproved',
  description: "The project's country officer approved a submitted result: only approved results count in reports.",
  versions: [{ version: 1, schema: z.object({ resultId: z.string().min(1) }) }],
  example: { resultId: 'returns-2017-h1' },
});

export const ResultReturnedForRevision = defineEvent({
  type: 'ResultReturnedForRevision',
  description: 'The officer returned a submitted result to the partner, saying why.',
  versions: [
    { version: 1, schema: z.object({ resultId: z.string().min(1), reason: z.string().min(1).max(1_000) }) },
    { version: 2, schema: z.object({ resultId: z.string().min(1), reason: freeText }), upcastFrom: reasonByReference },
  ],
  example: { resultId: 'returns-2017-h1', reason: { textId: TEXT_ID } },
});

export const ReportingPeriodLocked = defineEvent({
  type: 'ReportingPeriodLocked',
  description: 'A reporting period was locked: nothing more is submitted for it.',
  versions: [{ version: 1, schema: z.object({ period }) }],
  example: { period: { from: '2017-01-01', to: '2017-06-30' } },
});

export const PROJECT_EVENTS = [
  ProjectRegistered,
  ProjectReferenceAssigned,
  ProjectImplementationStarted,
  ProjectSuspended,
  ProjectResumed,
  ProjectClosed,
  MilestoneDefined,
  MilestoneReached,
  MilestoneDelayed,
  MilestoneDueDateCorrected,
  IndicatorDefined,
  ResultDrafted,
  ResultSubmitted,
  ResultApproved,
  ResultReturnedForRevision,
  ReportingPeriodLocked,
  FreeTextErased,
] as const;

export type ProjectEvent = EventOf<(typeof PROJECT_EVENTS)[number]>;

/** Each free text an event refers to (or, written before the free-text store, holds), with the field it was given in. */
export function freeTextsOf(event: ProjectEvent): Array<{ field: string; text: StoredText }> {
  const texts: Array<{ field: string; text: StoredText | null }> = [];
  switch (event.type) {
    case 'ProjectSuspended':
    case 'MilestoneDelayed':
    case 'ResultReturnedForRevision':
      texts.push({ field: 'reason', text: event.data.reason });
      break;
    case 'MilestoneReached':
      texts.push({ field: 'evidenceLinks', text: event.data.evidenceLinks });
      break;
    case 'ResultDrafted':
    case 'ResultSubmitted':
      texts.push({ field: 'narrative', text: event.data.narrative }, { field: 'evidenceLinks', text: event.data.evidenceLinks });
      break;
    default:
      break;
  }
  return texts.filter((entry): entry is { field: string; text: StoredText } => entry.text !== null);
}
