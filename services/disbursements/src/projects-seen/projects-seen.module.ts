import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { projectsCatalog } from '@eutf/event-catalog';
import type { ProjectAsSeen } from '@eutf/disbursements-domain';
import { OwnViewModule, PROJECTION_STORES, type ProjectionReader, type ProjectionStores } from '@eutf/projections';
import { projectsSeenProjection, type ProjectSeen } from './projects-seen.projection';

/** The projects this service has seen registered, read by the handler before it decides. */
@Injectable()
export class ProjectsSeen {
  private readonly reader: ProjectionReader<ProjectSeen>;

  constructor(@Inject(PROJECTION_STORES) stores: ProjectionStores) {
    this.reader = stores.of(projectsSeenProjection);
  }

  async find(projectId: string): Promise<ProjectAsSeen | null> {
    const seen = await this.reader.get(projectId);
    if (!seen) return null;
    const leadCountry = seen.leadCountry ?? (seen.countries[0] as string);
    return { countries: seen.countries, leadCountry, status: seen.status, implementingPartners: seen.implementingPartners };
  }
}

/** The service's own view of the projects, from their topic, in its own schema: it never calls the projects service. */
@Module({})
export class ProjectsSeenModule {
  static forRoot(options: { schema: string; topicNamespace: string | undefined; logLevel: string }): DynamicModule {
    return {
      module: ProjectsSeenModule,
      // Global: every aggregate's handler reads it before deciding.
      global: true,
      imports: [OwnViewModule.forRoot({ ...options, projection: projectsSeenProjection, catalog: projectsCatalog() })],
      providers: [ProjectsSeen],
      exports: [ProjectsSeen],
    };
  }
}
