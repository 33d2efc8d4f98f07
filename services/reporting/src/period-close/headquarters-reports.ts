import { Injectable } from '@nestjs/common';
import { buildConsolidatedReport, readFrozenReport, REPORT_COUNTRIES, type ConsolidatedReport, type Restatement } from '../consolidated-report/consolidated-report';
import type { Period } from '../factsheet/country-factsheet';
import type { ReadModelQueries } from '../queries/read-model.queries';
import { closuresRestatedIn, latestClosures, restatementsOf } from './period-closures';
import { PeriodClosuresStore } from './period-closures.store';

/**
 * Headquarters' whole consolidated report: every section, and the restatements of the closed
 * periods that ended before its period began, each closed period's frozen report beside the same
 * period computed from the same read models.
 */
@Injectable()
export class HeadquartersReports {
  constructor(private readonly closures: PeriodClosuresStore) {}

  /** From these read models (live, or as of a past instant, with the closures known then). */
  async build(queries: ReadModelQueries, period: Period, asOf?: Date): Promise<ConsolidatedReport> {
    const [partnerships, projects, funding, reportedFigures] = await Promise.all([
      queries.partnershipsOf(REPORT_COUNTRIES),
      queries.projectFigures({}),
      queries.funding({}),
      queries.reportedFigures(),
    ]);
    const { returns, reintegration } = await queries.reported(projects.map((project) => project.projectId));
    const input = { audience: { countries: [...REPORT_COUNTRIES], partner: null, whole: true }, partnerships, projects, funding, returns, reintegration, reportedFigures };
    const report = buildConsolidatedReport({ period, ...input });
    const restatements: Restatement[] = [];
    for (const closure of closuresRestatedIn(period, latestClosures(await this.closures.all(), asOf))) {
      const frozen = await this.closures.get(closure.closureId);
      if (frozen) restatements.push(...restatementsOf(closure, readFrozenReport(frozen.report), buildConsolidatedReport({ period: closure.period, ...input })));
    }
    return { ...report, restatements };
  }
}
