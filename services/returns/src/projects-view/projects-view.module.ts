import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { projectsCatalog } from '@eutf/event-catalog';
import { OwnViewModule, PROJECTION_STORES, type ProjectionReader, type ProjectionStores } from '@eutf/projections';
import type { ProjectFacts } from '@eutf/returns-domain';
import { projectsViewProjection, type ProjectView } from './projects-view.projection';

export interface ProjectsViewOptions {
  /** The PostgreSQL schema of the view: the service's own schema, suffixed. */
  schema: string;
  topicNamespace: string | undefined;
  logLevel: string;
}

/** Which partner implements which project, as the returns rules need it, read before they decide. */
@Injectable()
export class ProjectsView {
  private readonly reader: ProjectionReader<ProjectView>;

  constructor(@Inject(PROJECTION_STORES) stores: ProjectionStores) {
    this.reader = stores.of(projectsViewProjection);
  }

  /** The project as far as the service has seen it, or null. */
  async factsOf(projectId: string): Promise<ProjectFacts | null> {
    const view = await this.reader.get(projectId);
    if (!view) return null;
    return { countries: view.countries, leadCountry: view.leadCountry ?? (view.countries[0] as string), implementingPartners: view.implementingPartners, status: view.status };
  }
}

/** The service's own view of the projects, kept from their topic while it runs: it never calls the projects service. */
@Module({})
export class ProjectsViewModule {
  static forRoot(options: ProjectsViewOptions): DynamicModule {
    return {
      module: ProjectsViewModule,
      imports: [OwnViewModule.forRoot({ ...options, projection: projectsViewProjection, catalog: projectsCatalog() })],
      providers: [ProjectsView],
      exports: [ProjectsView],
    };
  }
}
