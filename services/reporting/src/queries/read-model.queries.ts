import { Inject, Injectable } from '@nestjs/common';
import { PROJECTION_STORES, type Projection, type ProjectionReader } from '@eutf/projections';
import { countryPartnershipProjection, type CountryPartnershipDoc } from '../read-models/country-partnership.projection';
import { financeProjection, type FinanceDoc } from '../read-models/finance.projection';
import { projectRegisterProjection, reportResultOf, type ProjectRegisterDoc, type ProjectRegisterEntry, type ReportProject } from '../read-models/project-register.projection';
import { projectResultId, projectResultsProjection, type ProjectResultDoc } from '../read-models/project-results.projection';
import { reintegrationProjection, type ReintegrationDoc } from '../read-models/reintegration.projection';
import { reportedFiguresProjection, type ReportedFiguresDoc } from '../read-models/reported-figures.projection';
import { returnsProjection, type ProjectReturnsDoc } from '../read-models/returns.projection';

export interface ProjectFilter {
  country?: string;
  window?: NonNullable<ProjectRegisterDoc['window']>;
  partner?: string;
  status?: ProjectRegisterDoc['status'];
}

/** The documents of these projects, grouped in the projects' order (each project's as the store orders them). */
function ofProjects<Doc extends { projectId: string }>(projectIds: readonly string[], docs: readonly Doc[]): Doc[] {
  const byProject = new Map<string, Doc[]>();
  for (const doc of docs) byProject.set(doc.projectId, [...(byProject.get(doc.projectId) ?? []), doc]);
  return projectIds.flatMap((projectId) => byProject.get(projectId) ?? []);
}

/** Gives each projection its reader: the live read model's store, or documents folded in memory "as of" a past date. */
export interface ReadModelReaders {
  of<Doc extends object>(projection: Projection<Doc>): ProjectionReader<Doc>;
}

/** Reads of the read models: the live ones (as injected), or those of a past instant (`AsOfReadModels`). */
@Injectable()
export class ReadModelQueries {
  private readonly projectRegister: ProjectionReader<ProjectRegisterEntry>;
  private readonly projectResults: ProjectionReader<ProjectResultDoc>;
  private readonly countryPartnerships: ProjectionReader<CountryPartnershipDoc>;
  private readonly finance: ProjectionReader<FinanceDoc>;
  private readonly returns: ProjectionReader<ProjectReturnsDoc>;
  private readonly reintegration: ProjectionReader<ReintegrationDoc>;
  private readonly reportedFigureScopes: ProjectionReader<ReportedFiguresDoc>;

  constructor(@Inject(PROJECTION_STORES) stores: ReadModelReaders) {
    this.projectRegister = stores.of(projectRegisterProjection);
    this.projectResults = stores.of(projectResultsProjection);
    this.countryPartnerships = stores.of(countryPartnershipProjection);
    this.finance = stores.of(financeProjection);
    this.returns = stores.of(returnsProjection);
    this.reintegration = stores.of(reintegrationProjection);
    this.reportedFigureScopes = stores.of(reportedFiguresProjection);
  }

  /**
   * What every partner of these projects reported of returns and reintegration, in the projects'
   * order. For more than one project, one read of each read model, kept to these projects: a
   * headquarters report names thousands of projects, and a read per project made it thousands of
   * queries (bench:reports).
   */
  async reported(projectIds: readonly string[]): Promise<{ returns: ProjectReturnsDoc[]; reintegration: ReintegrationDoc[] }> {
    const [only] = projectIds;
    if (projectIds.length === 0) return { returns: [], reintegration: [] };
    if (only !== undefined && projectIds.length === 1) {
      const [returns, reintegration] = await Promise.all([this.returns.find({ projectId: only }), this.reintegration.find({ projectId: only })]);
      return { returns, reintegration };
    }
    const [returns, reintegration] = await Promise.all([this.returns.find({}), this.reintegration.find({})]);
    return { returns: ofProjects(projectIds, returns), reintegration: ofProjects(projectIds, reintegration) };
  }

  /** What the partners reported of returns and reintegration, for the register's list: one read of each read model, a partner's own only. */
  async reportedBy(partner: string | undefined): Promise<{ returns: ProjectReturnsDoc[]; reintegration: ReintegrationDoc[] }> {
    const [returns, reintegration] = await Promise.all([this.returns.find({ partner }), this.reintegration.find({ partner })]);
    return { returns, reintegration };
  }

  async projects(filter: ProjectFilter): Promise<ProjectRegisterDoc[]> {
    const { country, window, partner, status } = filter;
    const every = country === undefined && window === undefined && partner === undefined && status === undefined;
    return this.withResults(await this.registerEntries(filter), every);
  }

  /**
   * The projects with what the consolidated report counts of their results, read from their
   * register entries alone: a headquarters report over 10,000 projects read 350,000 result
   * documents otherwise (bench:reports).
   */
  async projectFigures(filter: ProjectFilter): Promise<ReportProject[]> {
    return (await this.registerEntries(filter)).map(({ resultFigures, ...entry }) => ({ ...entry, results: resultFigures.map(reportResultOf) }));
  }

  /** The register entries the filter matches, in reference order. */
  private registerEntries({ country, window, partner, status }: ProjectFilter): Promise<ProjectRegisterEntry[]> {
    return this.projectRegister.find({ countries: country, window, implementingPartners: partner, status }, { orderBy: 'reference' });
  }

  /** The funding ledgers of the projects the filter may match (the status is the register's: filter those by their register entry). */
  funding(filter: Omit<ProjectFilter, 'status'>): Promise<FinanceDoc[]> {
    const { country, window, partner } = filter;
    return this.finance.find({ countries: country, window, implementingPartners: partner });
  }

  projectFunding(projectId: string): Promise<FinanceDoc | undefined> {
    return this.finance.get(projectId);
  }

  async project(projectId: string): Promise<ProjectRegisterDoc | undefined> {
    const entry = await this.projectRegister.get(projectId);
    return entry ? (await this.withResults([entry]))[0] : undefined;
  }

  /**
   * The register entries with their results, read by id in one query per 5,000. The two read models
   * are written by two consumers: a result the register lists whose own document is not written
   * yet is left out until it is, as it would be had the register not listed it yet.
   */
  private async withResults(entries: readonly ProjectRegisterEntry[], everyProject = false): Promise<ProjectRegisterDoc[]> {
    // Every project's results are read in one pass over the collection: by id, FerretDB took three
    // times as long per document (bench:reports). A narrower reader's are read by id.
    const found = everyProject
      ? await this.projectResults.find({})
      : await this.projectResults.getMany(entries.flatMap((entry) => entry.resultFigures.map(([resultId]) => projectResultId(entry.projectId, resultId))));
    const byProject = new Map<string, Map<string, ProjectResultDoc>>();
    for (const result of found) {
      const ofProject = byProject.get(result.projectId);
      if (ofProject) ofProject.set(result.resultId, result);
      else byProject.set(result.projectId, new Map([[result.resultId, result]]));
    }
    return entries.map(({ resultFigures, ...entry }) => {
      const ofProject = byProject.get(entry.projectId);
      const results: ProjectRegisterDoc['results'] = [];
      for (const [resultId] of resultFigures) {
        const result = ofProject?.get(resultId);
        if (!result) continue;
        const { projectId: _projectId, ...view } = result;
        results.push(view);
      }
      return { ...entry, results };
    });
  }

  countryPartnership(country: string): Promise<CountryPartnershipDoc | undefined> {
    return this.countryPartnerships.get(country);
  }

  async partnershipsOf(countries: readonly string[]): Promise<CountryPartnershipDoc[]> {
    const docs = await Promise.all(countries.map((country) => this.countryPartnerships.get(country)));
    return docs.filter((doc): doc is CountryPartnershipDoc => doc !== undefined);
  }

  /** The reported figures of these scopes (`programme`, `region-rabat-process`, `country-ML`), or of every scope. */
  async reportedFigures(scopeKeys?: readonly string[]): Promise<ReportedFiguresDoc[]> {
    if (scopeKeys === undefined) return this.reportedFigureScopes.find({});
    const docs = await Promise.all(scopeKeys.map((key) => this.reportedFigureScopes.get(key)));
    return docs.filter((doc): doc is ReportedFiguresDoc => doc !== undefined);
  }
}
