import { defineEvent, type EventOf } from '@eutf/event-sourcing';
import { z } from 'zod';
import { partialDate } from './dates';

/**
 * What a reported figure is about: the whole Partnership Framework programme, a region (a regional
 * dialogue such as the Rabat Process, or the region of an EUTF window) or one country.
 */
export const figureScope = z.discriminatedUnion('level', [
  z.object({ level: z.literal('programme') }).strict(),
  z
    .object({ level: z.literal('region'), region: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a region key in lower case with hyphens, e.g. rabat-process').max(60) })
    .strict(),
  z.object({ level: z.literal('country'), country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, e.g. ML') }).strict(),
]);
export type FigureScope = z.infer<typeof figureScope>;

/** The key of a scope: its stream's key and the report's way of naming it (`programme`, `region-rabat-process`, `country-ML`). */
export const figureScopeKey = (scope: FigureScope): string =>
  scope.level === 'programme' ? 'programme' : scope.level === 'region' ? `region-${scope.region}` : `country-${scope.country}`;

/** The section of the progress report a reader looks for the figure in. */
export const REPORT_SECTIONS = ['overview', 'eu-support', 'results', 'returns-and-reintegration', 'key-progress', 'cooperation', 'regional-dialogue'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** How the source qualifies the figure: "more than 80", "around €2.8 billion", "up to €50 million"; null when it is given exactly. */
export const REPORTED_FIGURE_QUALIFIERS = ['more-than', 'around', 'up-to'] as const;

/**
 * The period a figure covers, as precise as the source gives it. `from: null` is a running total
 * whose start the source does not give ("so far"); `to: null` as well: the source states no period
 * at all, and no report can place the figure in one.
 */
export const reportedFigurePeriod = z.object({ from: partialDate.nullable(), to: partialDate.nullable() }).strict();

export const reportedFigureData = z
  .object({
    figureId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id in lower case with hyphens').max(100),
    scope: figureScope,
    section: z.enum(REPORT_SECTIONS),
    description: z.string().min(1).max(1_000),
    /** A count, or euro cents when `unit` is `EUR cents`. */
    value: z.number().nonnegative().finite(),
    valueQualifier: z.enum(REPORTED_FIGURE_QUALIFIERS).nullable(),
    unit: z.string().min(1).max(60),
    period: reportedFigurePeriod,
    /** Who gives the figure (the European Commission, ICMPD, the Government of Mali): not who typed it in, which the event's actor says. */
    reportedBy: z.string().min(1).max(200),
    /** The document and the passage the figure rests on: a reported figure is only as good as its source. */
    source: z.object({ document: z.string().min(1).max(200), quote: z.string().min(1).max(2_000) }).strict(),
  })
  .strict();

export const FigureReported = defineEvent({
  type: 'FigureReported',
  description:
    'A figure a source states and no register of the system can recompute (projects the EUTF approved, participants of a regional dialogue, returnees a government supported), with its scope, period, qualifier and source.',
  versions: [{ version: 1, schema: reportedFigureData }],
  example: {
    figureId: 'eutf-projects-approved',
    scope: { level: 'programme' },
    section: 'eu-support',
    description: 'Projects approved so far under the EU Emergency Trust Fund for Africa',
    value: 118,
    valueQualifier: null,
    unit: 'projects',
    period: { from: null, to: '2017-06' },
    reportedBy: 'European Commission',
    source: { document: '002_21535fd7b2306ce6.txt', quote: '118 projects have so far been approved.' },
  },
});

export const REPORTED_FIGURE_EVENTS = [FigureReported] as const;

export type ReportedFigureEvent = EventOf<(typeof REPORTED_FIGURE_EVENTS)[number]>;
