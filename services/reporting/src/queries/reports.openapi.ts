import {
  CommitmentRecorded,
  ContractSigned,
  EuSupportMeasureRecorded,
  HighLevelEngagementRecorded,
  IndicatorDefined,
  KeyProgressRecorded,
  MilestoneDefined,
  MilestoneReached,
  NextStepSet,
  PeriodReintegrationReported,
  PeriodReturnsReported,
  ProjectRegistered,
  ResultSubmitted,
  TranchePaid,
  engagementLevel,
  indicatorDefinedData,
  milestoneDefinedData,
  projectRegisteredData,
  PROJECT_STATUSES,
  RESULT_STATUSES,
  freeTextView,
  resultFields,
  type FreeTextView,
} from '@eutf/event-catalog';
import { z } from 'zod';
import { buildCountryFactsheet, type CountryFactsheet } from '../factsheet/country-factsheet';
import { renderLedByAnotherCountryCsv, renderProjectsCsv, renderResultsCsv } from '../factsheet/country-factsheet.render';
import { fundingFigures, type FundingFigures } from '../finance/funding-figures';
import { buildIatiActivities } from '../exports/iati/iati-activities';
import type { CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import type { FinanceDoc } from '../read-models/finance.projection';
import type { ProjectRegisterDoc } from '../read-models/project-register.projection';
import { registerReturnsOf, type RegisterReturns, type SourcedFigure } from '../returns/returns-views';
import type { SuppressedTable } from '../returns/small-cell-suppression';

// What the reporting routes answer, for the OpenAPI document. The read models are TypeScript
// types; each schema here `satisfies` its type, so a field added to a read model and not
// documented here fails the type-check. The examples are built by the same code from the events'
// own examples.

const isoDate = z.iso.date();
const recordedAt = z.iso.datetime({ offset: true });
const resultStatus = z.enum(RESULT_STATUSES);
const valueQualifier = resultFields.valueQualifier;

const milestoneView = milestoneDefinedData.extend({
  status: z.enum(['planned', 'delayed', 'reached']),
  reachedOn: isoDate.nullable(),
  delayReasons: z.array(freeTextView).describe('Each reason given for a delay: its text, or `status: "erased"` once an admin erased it.'),
});

const resultView = z
  .object(resultFields)
  .omit({ narrative: true, evidenceLinks: true })
  .extend({
    status: resultStatus,
    reportingOrg: z.string().nullable().describe('The implementing partner that reports it (null if recorded before this was kept).'),
    returnReason: freeTextView.nullable().describe('Why the officer returned it, while it is returned for revision: its text, or `status: "erased"`.'),
    submittedAt: recordedAt,
    decidedAt: recordedAt.nullable(),
  });

const cents = (what: string) => z.number().int().nullable().describe(`${what}, in euro cents; null when the funding ledger holds nothing for the project (no data, not zero).`);
const ledgerFigures = z.object({
  committedCents: cents('Committed (after amendments)'),
  contractedCents: cents('Contracted with implementing partners'),
  paidCents: cents('Paid (payments of approved tranches; recoveries not deducted)'),
}) satisfies z.ZodType<FundingFigures>;

const count = z.number().int().nullable();
const suppressedTable = z
  .object({
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    cells: z.array(z.array(count)),
    rowTotals: z.array(count),
    columnTotals: z.array(count),
    total: count,
    threshold: z.number().int(),
  })
  .describe('Counts by row and column, with totals; null where a count is suppressed (from 1 to threshold − 1, and further cells until none can be computed back).') satisfies z.ZodType<SuppressedTable>;

const sourcedFigure = z.object({
  projectId: z.string(),
  partner: z.string(),
  what: z.string(),
  period: z.object({ from: z.string().nullable(), to: z.string() }),
  count: z.number().int().nullable().describe('Null when the count is small, and suppressed.'),
  valueQualifier: z.enum(['exact', 'more-than', 'around']),
  source: z.object({ document: z.string(), page: z.number().int().nullable() }).nullable(),
}) satisfies z.ZodType<SourcedFigure>;

const registerReturns = z
  .object({
    byOriginAndHost: suppressedTable,
    byMonthAndHost: suppressedTable,
    reintegrationByCountry: suppressedTable.describe('Reintegration started, completed and abandoned by country of return.'),
    figures: z.array(sourcedFigure).describe('What the partners reported for a period, each figure with its source.'),
  })
  .describe('What the project’s partners reported of returns and reintegration (a partner reads its own organisation’s only); the returns service is their source of truth.') satisfies z.ZodType<RegisterReturns>;

/** One project of the register: its registration, status, milestones, indicators and results, its funding to date, and its returns. */
export const projectRegisterEntry = projectRegisteredData.extend({
  status: z.enum(PROJECT_STATUSES),
  registeredAt: recordedAt,
  milestones: z.array(milestoneView),
  indicators: z.array(indicatorDefinedData),
  results: z.array(resultView).describe('Submitted results and the officer’s decision on each; drafts are never shown.'),
  lockedPeriods: z.array(z.object({ from: isoDate, to: isoDate })),
  finance: ledgerFigures,
  returns: registerReturns,
}) satisfies z.ZodType<Omit<ProjectRegisterDoc<FreeTextView>, 'erasedTexts'> & { finance: FundingFigures; returns: RegisterReturns }>;

export const projectRegisterList = z.object({ projects: z.array(projectRegisterEntry) });

const source = z.object({ document: z.string(), quote: z.string() }).nullable().describe('The document and passage the entry rests on.');
const sourced = { entryId: z.string(), description: z.string(), source };

const eutfIndicatorTotal = z.object({ code: z.string(), catalogueVersion: z.string(), unit: z.string(), total: z.number(), qualifier: valueQualifier });

const resultLine = z.object({
  projectId: z.string(),
  reference: z.string().nullable().describe('Null while the project’s EUTF reference is pending.'),
  projectTitle: z.string(),
  indicatorId: z.string(),
  indicator: z.string(),
  eutfIndicator: z.string().nullable(),
  reportingOrg: z.string().nullable().describe('The implementing partner that reported it (co-partners each report their own part).'),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  period: z.object({ from: isoDate.nullable().describe('Null for a running total since the project began.'), to: isoDate }),
  value: z.number(),
  valueQualifier,
  status: resultStatus,
  returnReason: freeTextView.nullable().describe('Why the officer returned it: its text, or `status: "erased"` (no text) once an admin erased it.'),
});

/** A multi-country project in the factsheet of a country that participates in it, not its lead. */
export const ledByAnotherCountry = z.object({
  projectId: z.string(),
  reference: z.string().nullable(),
  title: z.string(),
  leadCountry: z.object({ code: z.string(), name: z.string() }).describe('The country whose officer manages the project and whose figures count it.'),
  countries: z.array(z.string()),
  status: z.string(),
});

/** The shape of the EU's country factsheets under the Partnership Framework. */
export const countryFactsheet = z.object({
  country: z.object({ code: z.string(), name: z.string(), priority: z.boolean() }),
  period: z.object({ from: isoDate, to: isoDate }),
  highLevelEngagement: z.array(z.object({ ...sourced, date: z.string(), level: engagementLevel })),
  keyProgress: z.array(z.object({ ...sourced, date: z.string().nullable() })),
  euSupport: z.object({
    projects: z.array(
      z.object({
        projectId: z.string(),
        reference: z.string().nullable(),
        title: z.string(),
        window: z.string().nullable(),
        implementingPartners: z.array(z.string()),
        euContributionCents: z.number().int().nullable(),
        adoptedOn: z.string().nullable(),
        status: z.string(),
        finance: ledgerFigures.describe('What the funding ledger held by the end of the period.'),
      }),
    ),
    totalEuContributionCents: z.number().int().describe('The sum of the amounts that are known; projectsWithoutAmount says how many are not.'),
    projectsWithoutAmount: z.number().int(),
    finance: ledgerFigures
      .extend({ projectsWithoutData: z.number().int().describe('How many of the projects the ledger holds nothing of.') })
      .describe('The projects’ ledger figures added up by the end of the period; null when it holds nothing of any.'),
    measures: z
      .array(z.object({ ...sourced, date: z.string().nullable().describe('As precise as the source dates it; null when it gives no date.'), amountCents: z.number().int().nullable() }))
      .describe('The measures dated inside the period, and those with no date.'),
    ledByAnotherCountry: z
      .array(ledByAnotherCountry)
      .describe('Multi-country projects this country participates in, led by another country, running in the period: listed with their lead, never added to this factsheet’s amounts, finance or results (they count in the lead country’s).'),
  }),
  results: z.object({
    approved: z.array(resultLine).describe('Only approved results count, and only those whose period lies inside the factsheet’s (a running total “since the start” ending inside it counts).'),
    approvedOutsidePeriod: z
      .array(resultLine)
      .describe('Approved results whose period overlaps the factsheet’s without lying inside it: shown apart with their own period, never added to the figures.'),
    pendingApproval: z.array(resultLine).describe('Shown apart, never added to the figures.'),
    returnedForRevision: z.array(resultLine),
    byEutfIndicator: z
      .array(eutfIndicatorTotal)
      .describe('Approved figures per EUTF common output indicator of the current catalogue, across the country’s projects; older versions’ codes are added through the published mapping.'),
    byEutfIndicatorNotMapped: z
      .array(eutfIndicatorTotal)
      .describe('Figures whose code the published mapping does not carry over to one code of the current catalogue: shown apart, each under its own code and version.'),
    returnsAndReintegration: z
      .array(
        z.object({
          projectId: z.string(),
          partner: z.string(),
          what: z.string(),
          period: z.object({ from: z.string().nullable(), to: z.string() }),
          count: z.number().int().nullable().describe('Null when the count is small, and suppressed.'),
          valueQualifier: z.enum(['exact', 'more-than', 'around']),
          source: z.object({ document: z.string(), page: z.number().int().nullable() }).nullable(),
        }),
      )
      .describe('What the partners of the country’s projects reported of returns and reintegration for a period inside the factsheet’s, each figure with its source.'),
  }),
  nextSteps: z.array(z.object({ ...sourced, dueDate: z.string().nullable(), completedOn: z.string().nullable() })),
}) satisfies z.ZodType<CountryFactsheet>;

const { narrative: _narrative, evidenceLinks: _evidenceLinks, ...approvedResult } = ResultSubmitted.example;

export const projectExample = {
  ...ProjectRegistered.example,
  status: 'implementation',
  registeredAt: '2017-03-02T09:30:00.000Z',
  milestones: [{ ...MilestoneDefined.example, status: 'reached', reachedOn: MilestoneReached.example.reachedOn, delayReasons: [] }],
  indicators: [IndicatorDefined.example],
  results: [{ ...approvedResult, status: 'approved', returnReason: null, submittedAt: '2017-07-10T08:00:00.000Z', decidedAt: '2017-07-20T14:00:00.000Z' }],
  lockedPeriods: [],
} satisfies ProjectRegisterDoc;

/** The example project's ledger: its commitment, one contract with IOM and its first tranche paid. */
export const financeExample: FinanceDoc = {
  projectId: projectExample.projectId,
  reference: projectExample.reference,
  title: projectExample.title,
  window: projectExample.window,
  countries: projectExample.countries,
  implementingPartners: projectExample.implementingPartners,
  committedCents: CommitmentRecorded.example.amountCents,
  contracts: [{ ...ContractSigned.example, contractedCents: ContractSigned.example.amountCents, requestedCents: TranchePaid.example.amountCents, paidCents: TranchePaid.example.amountCents, recoveredCents: 0, expenditureCents: 0 }],
  tranches: [],
  transactions: [
    { key: 'commitment', iatiTransactionType: 2, amountCents: CommitmentRecorded.example.amountCents, date: CommitmentRecorded.example.decidedOn, contractId: null, partnerOrg: null },
    { key: 'payment', iatiTransactionType: 3, amountCents: TranchePaid.example.amountCents, date: TranchePaid.example.valueDate, contractId: ContractSigned.example.contractId, partnerOrg: 'IOM' },
  ],
};

/** What the example project's partner reported, as the register shows it (its own figures by the same code). */
const SOURCE_004 = { document: '004_f049d9a19f4b6321', page: null };
const reportedExample = {
  returns: [{ projectId: projectExample.projectId, partner: 'IOM', operations: [], periodReports: [{ reportId: PeriodReturnsReported.example.reportId, hostCountry: null, countryOfOrigin: 'ML', period: { from: '2017-05', to: '2020-10' }, count: 17_181, valueQualifier: 'exact' as const, source: SOURCE_004 }] }],
  reintegration: [{ projectId: projectExample.projectId, partner: 'IOM', cases: [], periodReports: [{ reportId: PeriodReintegrationReported.example.reportId, countryOfReturn: 'ML', stage: 'completed' as const, period: { from: '2017-05', to: '2020-10' }, count: 6_760, valueQualifier: 'exact' as const, source: SOURCE_004 }] }],
};
export const projectEntryExample = { ...projectExample, finance: fundingFigures(financeExample), returns: registerReturnsOf(projectExample.projectId, reportedExample, undefined) };

export const partnershipExample: CountryPartnershipDoc = {
  country: 'ML',
  highLevelEngagement: [HighLevelEngagementRecorded.example],
  keyProgress: [KeyProgressRecorded.example],
  euSupportMeasures: [EuSupportMeasureRecorded.example],
  nextSteps: [{ ...NextStepSet.example, completedOn: null }],
};

/** Mali, June 2016 – December 2017 (after the example's commitment and payment), as the factsheet code builds it from the examples above. */
export const factsheetExample = buildCountryFactsheet('ML', { from: '2016-06-01', to: '2017-12-31' }, partnershipExample, [projectExample], [financeExample]);
export const resultsCsvExample = renderResultsCsv(factsheetExample);
export const projectsCsvExample = renderProjectsCsv(factsheetExample);
/** The demo's regional action: Mali leads it, Morocco, Côte d'Ivoire and Senegal participate (see seeds/projects.json). */
export const regionalProjectExample: ProjectRegisterDoc = {
  ...projectExample,
  projectId: 'south-south-cooperation-migration',
  reference: null,
  title: 'Action de Coopération Sud-Sud en matière de migration',
  countries: ['MA', 'CI', 'ML', 'SN'],
  leadCountry: 'ML',
  results: [],
};
/** Senegal's factsheet lists it apart, with its lead. */
export const ledByAnotherCountryCsvExample = renderLedByAnotherCountryCsv(buildCountryFactsheet('SN', { from: '2016-06-01', to: '2017-12-31' }, undefined, [regionalProjectExample], []));

/** The example project as an IATI 2.03 activity file, built by the export's own code (it validates against the XSD: iati.int.spec.ts). */
export const iatiActivitiesExample = buildIatiActivities([{ project: projectExample, funding: financeExample }], '2017-12-31T12:00:00Z');
