import { Controller, Get, Header, NotFoundException, Query, Req, Res, StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ReportLink, Roles, hasRole, type Principal } from '@eutf/identity';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { ROLES } from '@eutf/reference-data';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { buildConsolidatedReport, readFrozenReport, REPORT_COUNTRIES, type ConsolidatedReport } from '../consolidated-report/consolidated-report';
import { renderConsolidatedReportCsv, renderConsolidatedReportHtml } from '../consolidated-report/consolidated-report.render';
import { renderConsolidatedReportPdf } from '../consolidated-report/consolidated-report.pdf';
import { renderConsolidatedReportXlsx } from '../consolidated-report/consolidated-report.xlsx';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, reportFormatOf, type ReportFormat } from '../exports/report-format';
import { consolidatedReportCsvExample, consolidatedReportExample } from './consolidated-report.openapi';
import { projectAsSeenBy } from './project-visibility';
import { AsOfReadModels } from '../read-models/as-of-read-models';
import { CONSOLIDATED_REPORT_READ_MODELS } from '../read-models/read-models.options';
import { ReadModelVersions } from '../read-models/read-model-versions';
import { AnswerCache } from './answer-cache';
import { OneAtATime } from './one-at-a-time';
import { HeadquartersReports } from '../period-close/headquarters-reports';
import { latestClosures, type PeriodClosure } from '../period-close/period-closures';
import type { Period } from '../factsheet/country-factsheet';
import { PeriodClosuresStore } from '../period-close/period-closures.store';
import { asOfParameter, asOfQuery } from './as-of.query';
import { ReadModelQueries } from './read-model.queries';
import { HEADQUARTERS, periodQuery } from './reports.http.controller';

/**
 * How many computed reports are kept: a few periods for a few kinds of readers, and no more than
 * so many characters of JSON together (headquarters' report is about 2 MB per 1,000 projects).
 */
const LIVE_ANSWERS = { count: 32, characters: 40_000_000 };
const PAST_ANSWERS = { count: 32, characters: 20_000_000 };

/** A closed period is frozen in versions; the latest is served unless one is asked for. */
const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(1_000).optional() });

/** A report, the instant its figures are as of, and the frozen copy it was read from when it is one. */
interface Served {
  report: ConsolidatedReport;
  /** `?asOf=`, a frozen report's closing instant, or now: the PDF's as-of line and creation date. */
  asOf: Date;
  frozen: { closure: PeriodClosure; json: string } | null;
  /** A kept report's JSON text, written once for every request that is given it. */
  json?: string;
}

/**
 * A computed report kept as its JSON text only: written once for every request given it (at
 * 10,000 projects writing it took longer than the rest of a kept answer), and no objects beside
 * it (they weighed several times the text). The other formats read it back, as a frozen report's.
 */
interface Computed {
  json: string;
  /** As of a past instant: whether the answer is final (`FoldedAsOf`), so that it may be kept. */
  settled?: boolean;
}

/** Kept reports weigh their JSON's length. */
const weighed = (most: number) => ({ weigh: (computed: Computed) => computed.json.length, max: most });

/** A kept report served: its objects are read back from the text only for a format that needs them. */
function servedFrom({ json }: Computed, asOf: Date): Served {
  let report: ConsolidatedReport | undefined;
  return {
    get report() {
      return (report ??= JSON.parse(json) as ConsolidatedReport);
    },
    json,
    asOf,
    frozen: null,
  };
}

/** The part of a frozen whole report an officer of this country reads: its section only, as `buildConsolidatedReport` gives an officer. */
function sectionOfFrozen(frozen: ConsolidatedReport, country: string | undefined): ConsolidatedReport {
  const countries = REPORT_COUNTRIES.filter((code) => code === country);
  const { restatements: _restatements, ...whole } = frozen;
  return {
    ...whole,
    audience: { countries, partner: null, whole: false },
    countries: frozen.countries.filter((section) => countries.includes(section.country.code)),
    totals: null,
    regional: null,
    otherCountries: null,
  };
}

const reportPeriod = applyDecorators(
  ApiQuery({ name: 'from', required: false, example: '2016-06-01', description: 'First day of the reporting period. Default: 2016-06-01, when the Partnership Framework began.' }),
  ApiQuery({ name: 'to', required: false, example: '2017-06-30', description: 'Last day of the reporting period. Default: today.' }),
  asOfParameter,
  ApiQuery({ name: 'version', required: false, example: 1, description: 'For a closed period: which frozen version to serve (headquarters). Default: the latest.' }),
);

/** A route answering the report as a file to download (`/reports/consolidated.<format>`), read by every role as the report is. */
const reportFile = (format: 'xlsx' | 'pdf', summary: string, description: string) =>
  applyDecorators(Get(`consolidated.${format}`), ReportLink(), Roles(...ROLES), ApiOperation({ summary }), reportPeriod, ApiReadRoute({ description, mediaType: REPORT_MEDIA_TYPES[format] }));

const ACCESS =
  'Headquarters (hq-analyst, hq-finance, admin) reads the whole report. A delegation officer reads the section of their own country only (no totals, regional sections or other countries). An implementing partner reads the sections of the priority countries where it implements projects, computed from its own projects and the returns figures its own organisation reported only (no partnership record, reported figures, totals or regional sections).';
const PERIODS =
  'A figure counts in the period only when its own period lies inside the report’s (a running total “since the start” ending inside it counts); one overlapping the report’s period, or whose source states none, is shown apart with its own period, never added up; one wholly outside is left out. Finance is as of the last day of the period; “no data” (null) where the funding ledger holds nothing.';

/**
 * The consolidated Partnership Framework progress report for headquarters: a section per priority
 * country, the totals and the regional sections, computed figures beside reported ones.
 */
@ApiTags('reports')
@Controller('reports')
export class ConsolidatedReportHttpController {
  constructor(
    private readonly liveQueries: ReadModelQueries,
    private readonly asOfReadModels: AsOfReadModels,
    private readonly headquarters: HeadquartersReports,
    private readonly closures: PeriodClosuresStore,
    private readonly versions: ReadModelVersions,
  ) {}

  /** Computed reports by the read models' versions and the reader: the same report again is not computed again. */
  private readonly live = new AnswerCache<Computed>(LIVE_ANSWERS.count, weighed(LIVE_ANSWERS.characters));
  /**
   * Reports computed from the live read models, one at a time: at 10,000 projects each reads every
   * register entry and ledger (some 5 s), and while partners submit, the read models move between
   * requests, so requests arriving together would each compute their own at once.
   */
  private readonly computing = new OneAtATime();
  /** Reports as of past instants that can no longer change; one that still could is folded again when asked again. */
  private readonly past = new AnswerCache<Computed>(PAST_ANSWERS.count, weighed(PAST_ANSWERS.characters), (computed) => computed.settled === true);

  /** How many reports were computed, and how many requests were given one computed or under way (the specs read it). */
  answerCounts() {
    return { live: this.live.counts(), past: this.past.counts() };
  }

  @Get('consolidated')
  @ReportLink()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The consolidated Partnership Framework progress report for a period: JSON, a printable HTML page, CSV, XLSX or PDF',
    description: `Shaped like the Fourth Progress Report: one section per priority country (${REPORT_COUNTRIES.join(', ')}) and the totals — projects approved and under implementation, EU contribution committed / contracted / paid, approved results by EUTF common output indicator (pending apart), returns by country of origin and host country and reintegration (small cells suppressed), EU support measures, high-level engagement, key progress, next steps — and the regional sections (cooperation, regional dialogue). Every figure says what it is: \`basis: "computed"\` by the system from its registers' events, or \`basis: "reported"\`, with who reported it and its source. ${PERIODS} The format is \`?format=\` (json, html, csv, xlsx, pdf) when given, else what \`Accept\` prefers. XLSX has a cover sheet and a sheet per section (the totals, each country, the regional sections), numbers as numbers, amounts in euros and days as dates. The PDF (A4) has the sections of the printable page in its order, each figure block labelled computed, reported or restatement, page numbers, and a title with the period and the instant its figures are as of (a frozen report's: when its period was closed, so it prints the same bytes every time). The restatements of closed periods are in every format: a section of the page and the PDF, lines with \`basis: restatement\` (the closure in \`restates_closure\`, its frozen value in \`frozen_value\`) at the end of the CSV and a sheet of the XLSX. A country's multi-country projects led by another country (\`euSupport.ledByAnotherCountry\`) are listed in every format and never added up: under its EU support on the page and in the PDF, as lines of section \`led-by-another-country\` (no value, the lead in \`note\`) in the CSV and on the country's XLSX sheet. \`asOf\` answers the report as the system knew it at a past instant: the period (\`from\`/\`to\`) selects which results belong to the report, \`asOf\` what the system knew of them (events recorded up to it). For headquarters, a closed period (\`POST /reports/consolidated/closures\`) is served from its frozen copy, byte for byte (an officer: their country's section of it; a partner's part stays computed) (\`X-Report-Closure\`, \`X-Content-SHA256\`; \`?version=\` for an earlier version; with \`asOf\` it is computed instead), and a report whose period begins after a closed period ends lists under \`restatements\` the figures of that period which changed since it was frozen. ${ACCESS}`,
  })
  @reportPeriod
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS, description: 'Overrides the Accept header (a report link opened in a browser cannot set one).' })
  @ApiHeader({ name: 'Accept', required: false, description: '`text/html`, `text/csv`, `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` or `application/pdf` for those formats; JSON otherwise.' })
  @ApiReadRoute({
    description: 'The report, in the format asked for.',
    schema: { type: 'object' },
    example: consolidatedReportExample,
    alsoAnswers: { 'text/html': undefined, 'text/csv': consolidatedReportCsvExample, [REPORT_MEDIA_TYPES.xlsx]: undefined, [REPORT_MEDIA_TYPES.pdf]: undefined },
  })
  async report(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const format = reportFormatOf(query, request.headers.accept);
    response.setHeader('Vary', 'Accept');
    return this.answer(response, format, await this.build(principal, query));
  }

  @Get('consolidated.html')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', REPORT_MEDIA_TYPES.html)
  @ApiOperation({ summary: 'The consolidated progress report as a printable page (as `GET /reports/consolidated?format=html`)' })
  @reportPeriod
  @ApiReadRoute({ description: 'A printable HTML page.', mediaType: 'text/html' })
  async html(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return renderConsolidatedReportHtml((await this.build(principal, query)).report);
  }

  @Get('consolidated.csv')
  @ReportLink()
  @Roles(...ROLES)
  @Header('Content-Type', REPORT_MEDIA_TYPES.csv)
  @ApiOperation({ summary: 'Every figure of the consolidated progress report, computed and reported, one line each (as `GET /reports/consolidated?format=csv`)' })
  @reportPeriod
  @ApiReadRoute({ description: 'CSV with a header line; amounts in euro cents; "no data" and "suppressed" in `note`, never 0; a country\'s multi-country projects led by another country on lines of section `led-by-another-country`, with no value and the lead in `note`.', mediaType: 'text/csv', example: consolidatedReportCsvExample })
  async csv(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return renderConsolidatedReportCsv((await this.build(principal, query)).report);
  }

  @reportFile('xlsx', 'The consolidated progress report as a workbook, a sheet per section (as `GET /reports/consolidated?format=xlsx`)', 'An XLSX workbook: numbers as numbers, amounts in euros, days as dates.')
  async xlsx(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    return this.answer(response, 'xlsx', await this.build(principal, query));
  }

  @reportFile(
    'pdf',
    'The consolidated progress report as a PDF to print or send (as `GET /reports/consolidated?format=pdf`)',
    'An A4 PDF: the sections in the order of the report, figures labelled computed, reported or restatement, page numbers, the period and as-of in the title.',
  )
  async pdf(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    return this.answer(response, 'pdf', await this.build(principal, query));
  }

  private async answer(response: Response, format: ReportFormat, served: Served) {
    const { asOf, frozen, json } = served;
    response.setHeader('Content-Type', REPORT_MEDIA_TYPES[format]);
    if (frozen) {
      response.setHeader('X-Report-Closure', frozen.closure.closureId);
      response.setHeader('X-Content-SHA256', frozen.closure.contentHash);
      // The frozen text itself, byte for byte: the bytes its hash was taken of.
      if (format === 'json') return frozen.json;
    }
    // A kept report's JSON is served as it was written; `served.report` reads it back only for the other formats.
    if (format === 'json') return json ?? served.report;
    const { report } = served;
    if (format === 'xlsx') {
      response.setHeader('Content-Disposition', `attachment; filename="consolidated-report-${report.period.from}-${report.period.to}.xlsx"`);
      return new StreamableFile(await renderConsolidatedReportXlsx(report));
    }
    if (format === 'pdf') {
      response.setHeader('Content-Disposition', `attachment; filename="consolidated-report-${report.period.from}-${report.period.to}.pdf"`);
      return new StreamableFile(await renderConsolidatedReportPdf(report, asOf));
    }
    if (format === 'html') return renderConsolidatedReportHtml(report);
    return renderConsolidatedReportCsv(report);
  }

  /**
   * Narrows what is read to what the reader may read, before anything is read; then builds the
   * report — or, for headquarters asking for a closed period (not as of an instant), serves its frozen copy.
   */
  private async build(principal: Principal, query: unknown): Promise<Served> {
    const { from, to } = parseWith(periodQuery, query, 'query');
    const period = { from, to };
    const asOf = parseWith(asOfQuery, query, 'query');
    const { version } = parseWith(versionQuery, query, 'query');
    const headquarters = HEADQUARTERS.some((role) => hasRole(principal, role));
    const officer = !headquarters && hasRole(principal, 'delegation-officer');
    // Read once: whether the period is closed, and (for headquarters) which closures its restatements compare with.
    const closures = headquarters || officer ? await this.closures.all() : [];
    if (!asOf && (headquarters || officer)) {
      const frozen = await this.frozen(closures, period, version);
      // An officer's section of a closed period is that country's section of the frozen report, as computed alike.
      if (frozen && officer) return { report: sectionOfFrozen(frozen.report, principal.country), asOf: frozen.asOf, frozen: null };
      if (frozen) return frozen;
    }
    if (version !== undefined) throw new NotFoundException(`No version ${version} of a closed period ${from} – ${to} you may read`);
    // Everything the answer depends on: who reads (their roles and scope), the period, the closures
    // a headquarters report restates, and the state of the read models (their versions) or the instant.
    const reader = JSON.stringify([[...principal.roles].sort(), principal.country ?? null, principal.org ?? null, from, to, headquarters ? closures.map((closure) => closure.closureId) : []]);
    const compute = async (queries: ReadModelQueries): Promise<Computed> => ({
      json: JSON.stringify(headquarters ? await this.headquarters.build(queries, period, asOf) : await this.narrowed(principal, queries, period)),
    });
    if (!asOf) {
      const versions = await this.versions.current();
      return servedFrom(await this.live.get(`${versions} ${reader}`, () => this.computing.run(() => compute(this.liveQueries))), new Date());
    }
    // As of a past instant, the same queries answer over the events recorded up to it: kept only
    // once no event recorded up to the instant can still arrive, as the answer can then no longer change.
    const build = async (): Promise<Computed> => {
      const { answer, settled } = await this.asOfReadModels.withQueriesAsOf(asOf, compute, CONSOLIDATED_REPORT_READ_MODELS);
      return { ...answer, settled };
    };
    return servedFrom(await this.past.get(`${asOf.toISOString()} ${reader}`, build), asOf);
  }

  /** The frozen report of a closed period: its latest version, or the one asked for. */
  private async frozen(all: readonly PeriodClosure[], period: Period, version: number | undefined): Promise<Served | undefined> {
    const closures = all.filter((closure) => closure.period.from === period.from && closure.period.to === period.to);
    const chosen = version === undefined ? latestClosures(closures)[0] : closures.find((closure) => closure.version === version);
    const stored = chosen && (await this.closures.get(chosen.closureId));
    return stored ? { report: readFrozenReport(stored.report), asOf: new Date(stored.closure.closedAt), frozen: { closure: stored.closure, json: stored.report } } : undefined;
  }

  /** An officer's or a partner's part of the report, computed (a partner's always: the frozen report is headquarters', every partner's figures together). */
  private async narrowed(principal: Principal, queries: ReadModelQueries, period: Period): Promise<ConsolidatedReport> {
    if (hasRole(principal, 'delegation-officer')) {
      const countries = REPORT_COUNTRIES.filter((code) => code === principal.country);
      const [partnerships, projects, funding, reportedFigures] = await Promise.all([
        queries.partnershipsOf(countries),
        Promise.all(countries.map((country) => queries.projectFigures({ country }))).then((lists) => lists.flat()),
        Promise.all(countries.map((country) => queries.funding({ country }))).then((lists) => lists.flat()),
        queries.reportedFigures(countries.map((country) => `country-${country}`)),
      ]);
      const { returns, reintegration } = await queries.reported(projects.map((project) => project.projectId));
      return buildConsolidatedReport({ period, audience: { countries, partner: null, whole: false }, partnerships, projects, funding, returns, reintegration, reportedFigures });
    }
    // A partner: its own projects, as it sees them (a co-partner's results waiting for approval are not its to see), and only the returns figures its own organisation reported.
    const partner = principal.org ?? '';
    const [implemented, funding] = await Promise.all([queries.projectFigures({ partner }), queries.funding({ partner })]);
    const projects = implemented.map((project) => projectAsSeenBy(principal, project));
    const reported = await queries.reported(projects.map((project) => project.projectId));
    const countries = REPORT_COUNTRIES.filter((code) => projects.some((project) => project.countries.includes(code)));
    return buildConsolidatedReport({
      period,
      audience: { countries, partner, whole: false },
      partnerships: [],
      projects,
      funding,
      returns: reported.returns.filter((doc) => doc.partner === partner),
      reintegration: reported.reintegration.filter((doc) => doc.partner === partner),
      reportedFigures: [],
    });
  }
}
